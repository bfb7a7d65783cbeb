"""Images of the monographs and of the pages of docs/: a file that exists, a text for who
cannot see it.

An image file goes in docs/images/ (CONTRIBUTING.md, « Mettre une image »), and is written
as a link is, by its path from the page: `![Ce que montre l'image](../images/nom.png)` in a
monograph (its page is docs/monographies/<id>.md) or in a chapter of docs/rapports/<rapport>/
(`../../images/nom.png`). MkDocs then copies it into the site, the offline edition and the
PDFs. A missing file would be told by MkDocs as a link « to a page » that does not exist (and,
next to a monograph, at an address the editor never wrote); an image without alternative
text says nothing to a screen reader (WCAG 1.1.1). Both are located here, with the fix, and
stop the build as well as `make check`.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from macros.checks.typography import code_masked, prose_lines
from macros.layout import monograph_uri
from macros.model.collections import DataPaths
from macros.problems import NBSP, NNBSP, Problem, guillemets, suggestion

IMAGES_DIR = "images"  # under docs/: the one place for the images of every page
_IMAGE = re.compile(
    r"!\[(?P<alt>(?:[^\[\]\\]|\\.|\[[^\]]*\])*)\]\(\s*(?P<target><[^>\n]*>|[^\s)]*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_ELSEWHERE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")
_EXAMPLE_ALT = "Ce que montre l’image"


def _written(alt: str, target: str) -> str:
    return guillemets(f"![{alt or _EXAMPLE_ALT}]({target})")


def _image_names(docs: Path) -> list[str]:
    folder = docs / IMAGES_DIR
    return sorted(path.relative_to(docs).as_posix() for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else []


def _missing_hint(paths: DataPaths, docs: Path, page_dir: str, path: str, alt: str, beside: Path) -> str:
    """Where the file is, if it is somewhere else; else where to put it."""
    name = posixpath.basename(path)
    candidates = _image_names(docs)
    close = next((candidate for candidate in candidates if posixpath.basename(candidate) == name), None) or suggestion(
        f"{IMAGES_DIR}/{name}", candidates
    )
    if close:
        return f"Vouliez-vous dire {_written(alt, posixpath.relpath(close, page_dir or '.'))}{NNBSP}?"
    expected = posixpath.relpath(f"{IMAGES_DIR}/{name}", page_dir or ".")
    if (beside / path).is_file():
        return (
            f"Le fichier {guillemets(paths.display(beside / path))} n'est pas publié à cet endroit{NBSP}: déplacez-le "
            f"dans docs/{IMAGES_DIR}/ et écrivez {_written(alt, expected)}."
        )
    return (
        f"Enregistrez l'image dans docs/{IMAGES_DIR}/ et écrivez son chemin depuis cette page, comme pour un lien"
        f"{NBSP}: {_written(alt, expected)}."
    )


def image_problems(paths: DataPaths, shown: str, text: str, page_dir: str, beside: Path) -> list[Problem]:
    """The images of one page: `page_dir` is where the page is in docs/ (« monographies » for
    a monograph), `beside` the folder of the file the editor writes."""
    docs = paths.project_dir / paths.docs_dir
    problems = []
    for number, line in prose_lines(text):
        for match in _IMAGE.finditer(code_masked(line)):
            alt, target = match.group("alt").strip(), match.group("target").strip("<>").strip()
            if _ELSEWHERE.match(target):
                continue  # another site's image: refused by prose_markdown.py
            column = match.start() + 1
            if not alt:
                problems.append(
                    Problem(
                        shown,
                        number,
                        column,
                        f"image sans texte de remplacement{NBSP}: écrivez entre les crochets ce qu'elle montre, pour "
                        f"qui ne la voit pas (lecteur d'écran, image non chargée, édition imprimée){NNBSP}; "
                        f"par exemple {_written('', target or '…')}.",
                    )
                )
            if not target:
                problems.append(
                    Problem(
                        shown,
                        number,
                        column,
                        f"image sans fichier {guillemets(match.group())}{NNBSP}; écrivez son chemin entre les parenthèses.",
                    )
                )
                continue
            path = unquote(target.split("#", 1)[0].split("?", 1)[0])
            resolved = posixpath.normpath(posixpath.join(page_dir, path))
            where = column + match.group().index(match.group("target"))
            if resolved == ".." or resolved.startswith("../") or path.startswith("/"):
                problems.append(
                    Problem(
                        shown,
                        number,
                        where,
                        f"image {guillemets(target)} hors de docs/{NBSP}: le site ne publie que ce qui est dans docs/.",
                        hint=_missing_hint(paths, docs, page_dir, posixpath.basename(path), alt, beside),
                    )
                )
            elif not (docs / resolved).is_file():
                problems.append(
                    Problem(
                        shown,
                        number,
                        where,
                        f"image {guillemets(target)} introuvable (cherchée à {guillemets(paths.display(docs / resolved))}).",
                        hint=_missing_hint(paths, docs, page_dir, path, alt, beside),
                    )
                )
    return problems


def all_image_problems(paths: DataPaths, prose: dict[str, str]) -> list[Problem]:
    """The images of every monograph and of every page of docs/."""
    problems = []
    monograph_dir = posixpath.dirname(monograph_uri("x"))
    for text_id, text in prose.items():
        path = paths.monographs() / f"{text_id}.md"
        problems += image_problems(paths, paths.display(path), text, monograph_dir, paths.monographs())
    docs = paths.project_dir / paths.docs_dir
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8", errors="replace")
        if "![" in text:
            page_dir = page.parent.relative_to(docs).as_posix()
            problems += image_problems(paths, paths.display(page), text, "" if page_dir == "." else page_dir, page.parent)
    return problems
