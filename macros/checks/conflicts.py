"""Git merge-conflict markers left in an editor's files: found before any parsing.

A conflict block opens with a `<<<<<<< ` line, may hold a `||||||| ` line (diff3), has a
`=======` line between the two versions and closes with a `>>>>>>> ` line. Left in a file,
YAML reports a misleading syntax error and Markdown publishes both versions: this first pass
reports one French message per block, at the line of `<<<<<<<`. Only a block opened by
`<<<<<<<` counts: `=======` alone is also a Markdown heading underline. In Markdown, the
lines of a fenced code block are skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

from macros.model.collections import DataPaths
from macros.problems import NBSP, Problem

_OPEN = re.compile(r"<{7}(?: |$)")
_BASE = re.compile(r"\|{7}(?: |$)")
_SEPARATOR = re.compile(r"={7}[ \t]*$")
_CLOSE = re.compile(r">{7}(?: |$)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def edited_files(paths: DataPaths) -> list[Path]:
    """The files editors write: data/**/*.y*ml, monographs/*.md, docs/**/*.md, mkdocs.yml."""
    data_dir = paths.project_dir / paths.data_dir
    docs_dir = paths.project_dir / paths.docs_dir
    files = sorted(path for path in data_dir.rglob("*.y*ml") if path.suffix in (".yaml", ".yml"))
    files += sorted(paths.monographs().glob("*.md"))
    files += sorted(docs_dir.rglob("*.md"))
    files.append(paths.project_dir / "mkdocs.yml")
    return [path for path in files if path.is_file()]


def _markers(lines: list[str], markdown: bool) -> list[str]:
    """What marker each line is (« open », « base », « separator », « close ») or « »."""
    kinds = []
    fence: str | None = None
    for line in lines:
        if markdown:
            match = _FENCE.match(line)
            if fence is None and match:
                fence = match.group(1)
                kinds.append("")
                continue
            if fence is not None:
                if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) and not line.strip().strip(fence[0]):
                    fence = None
                kinds.append("")
                continue
        if _OPEN.match(line):
            kinds.append("open")
        elif _BASE.match(line):
            kinds.append("base")
        elif _SEPARATOR.match(line):
            kinds.append("separator")
        elif _CLOSE.match(line):
            kinds.append("close")
        else:
            kinds.append("")
    return kinds


def _message(first: int, last: int | None, diff3: bool) -> str:
    markers = "<<<<<<<, |||||||, ======= et >>>>>>>" if diff3 else "<<<<<<<, ======= et >>>>>>>"
    where = f"lignes {first} à {last}" if last is not None else f"à partir de la ligne {first}, sans ligne >>>>>>>"
    return (
        f"conflit de fusion non résolu ({where}){NBSP}: gardez l’une des deux versions, "
        f"ou les deux entrées entières, puis supprimez les lignes {markers}"
    )


def text_conflicts(file: str, text: str, *, markdown: bool = False) -> list[Problem]:
    """One problem per conflict block of a file's text, located at its `<<<<<<<` line."""
    problems = []
    first: int | None = None
    diff3 = False
    for number, kind in enumerate(_markers(text.splitlines(), markdown), start=1):
        if kind == "open" and first is None:
            first, diff3 = number, False
        elif kind == "base" and first is not None:
            diff3 = True
        elif kind == "close" and first is not None:
            problems.append(Problem(file, first, message=_message(first, number, diff3), kind="conflit"))
            first = None
    if first is not None:
        problems.append(Problem(file, first, message=_message(first, None, diff3), kind="conflit"))
    return problems


def conflict_problems(paths: DataPaths) -> list[Problem]:
    """Every unresolved merge conflict in the files editors write."""
    problems = []
    for path in edited_files(paths):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "<<<<<<<" in text:
            problems += text_conflicts(paths.display(path), text, markdown=path.suffix == ".md")
    return problems
