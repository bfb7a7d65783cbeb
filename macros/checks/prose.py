"""The monographs' prose: one Markdown file per initiative, read and checked.

Prose is published as Markdown, never run as a template: template syntax is refused, as is
a level-1 heading (the page title comes from the data) and any HTML beyond a few inline
tags (prose_html.py). Each file's own text is checked even when the data has problems, so
that one run of `make check` lists everything left to do.
"""

from __future__ import annotations

import re

from macros.checks.prose_html import monograph_html_problems
from macros.checks.prose_markdown import markdown_problems
from macros.model.collections import DataPaths
from macros.model.schema import TODO
from macros.problems import NBSP, NNBSP, Problem, guillemets, suggestion

# Jinja delimiters: prose is data for the template engine, never template source.
_JINJA = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
_ATX_H1 = re.compile(r"^#(?!#)\s")


def _text_problems(shown: str, text: str) -> list[Problem]:
    problems = []
    if not text.strip():
        problems.append(Problem(shown, 1, 1, "la monographie est vide."))
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if TODO in line:
            problems.append(Problem(shown, number, line.index(TODO) + 1, f"texte à compléter (encore {guillemets(TODO)})."))
        match = _JINJA.search(line)
        if match:
            problems.append(
                Problem(
                    shown,
                    number,
                    match.start() + 1,
                    f"syntaxe de gabarit {guillemets(match.group())} interdite dans une monographie"
                    f"{NBSP}: ce texte est publié tel quel, jamais exécuté.",
                )
            )
        # An unclosed one is told by prose_html.py (all the rest of the page would vanish).
        if "<!--" in line and ("-->" in line[line.index("<!--") :] or any("-->" in later for later in lines[number:])):
            problems.append(
                Problem(
                    shown,
                    number,
                    line.index("<!--") + 1,
                    f"commentaire HTML interdit dans une monographie{NBSP}: il serait publié dans le source "
                    f"de la page, que chacun peut lire{NNBSP}; une note interne va dans la demande de fusion.",
                )
            )
        if _ATX_H1.match(line):
            problems.append(
                Problem(
                    shown,
                    number,
                    1,
                    f"titre de niveau 1 interdit{NBSP}: le titre de la page vient du champ "
                    f"{guillemets('nom')}{NNBSP}; utilisez {guillemets('##')} pour les sections.",
                )
            )
    return problems + monograph_html_problems(shown, text) + markdown_problems(shown, text)


def read_prose_files(paths: DataPaths) -> tuple[dict[str, str], list[Problem]]:
    """Every monograph file's text, by id, with the problems of its own text."""
    problems = []
    prose = {}
    folder = paths.monographs()
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        shown = paths.display(path)
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            before = path.read_bytes()[: error.start]
            line = before.count(b"\n") + 1
            column = len(before.split(b"\n")[-1].decode("utf-8", "replace")) + 1
            problems.append(
                Problem(
                    shown,
                    line,
                    column,
                    f"octet {error.object[error.start]:#04x} invalide en UTF-8{NNBSP}; enregistrez "
                    "le fichier en UTF-8 (il a peut-être été écrit en Latin-1 ou Windows-1252).",
                )
            )
            continue
        if text.startswith("\ufeff"):
            problems.append(
                Problem(shown, 1, 1, f"marque d'ordre des octets (BOM) en tête de fichier{NNBSP}; enregistrez-le en UTF-8 sans BOM.")
            )
            continue
        problems += _text_problems(shown, text)
        prose[path.stem] = text
    return prose, problems


def _list_or_empty(value: object) -> list:
    """The value if it is a list (the schema is checked elsewhere), else no items."""
    return value if isinstance(value, list) else []


def pair_prose(paths: DataPaths, document, prose: dict[str, str]) -> list[Problem]:
    """One Markdown file per initiative, and no file without its initiative."""
    entries = [
        (index, item["id"]) for index, item in enumerate(document.data) if isinstance(item, dict) and isinstance(item.get("id"), str)
    ]
    ids = [identifier for _, identifier in entries]
    folder = paths.monographs()
    problems = []
    for index, identifier in entries:
        if identifier not in prose and not (folder / f"{identifier}.md").is_file():
            expected = paths.display(folder / f"{identifier}.md")
            line, column = document.position((index, "id"))
            problems.append(
                Problem(
                    document.path,
                    line,
                    column,
                    f"le texte de la monographie {guillemets(expected)} est introuvable{NNBSP}; créez ce fichier (même nom que l'id).",
                    record=f"initiative {guillemets(identifier)}",
                )
            )
    # A file left under an initiative's former id: the id changed, the file was not renamed.
    former = {
        key: item["id"]
        for item in document.data
        if isinstance(item, dict) and isinstance(item.get("id"), str)
        for key in _list_or_empty(item.get("anciens_ids"))
    }
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.stem not in ids:
            # Renaming is suggested only onto a name no file has: after a merge that kept one
            # side, the closest id is often the other new initiative, whose text it would replace.
            close = suggestion(path.stem, [key for key in ids if key not in prose and not (folder / f"{key}.md").is_file()])
            taken = suggestion(path.stem, ids)
            hint = (
                f"Vouliez-vous dire {guillemets(close + '.md')}{NNBSP}?"
                if close
                else (
                    "Son entrée a peut-être été perdue (une fusion dont on n'a gardé qu'une version)"
                    f"{NBSP}: rétablissez-la dans data/initiatives.yaml, ou supprimez le fichier"
                    + (
                        f"{NNBSP}; ne le renommez pas en {guillemets(taken + '.md')}, qui est le texte d'une autre initiative."
                        if taken
                        else "."
                    )
                )
            )
            if path.stem in former:
                hint = (
                    f"C'est un ancien id de {guillemets(former[path.stem])}{NBSP}: renommez le fichier "
                    f"{guillemets(paths.display(folder / (former[path.stem] + '.md')))}."
                )
            problems.append(
                Problem(
                    paths.display(path),
                    None,
                    None,
                    f"aucune initiative n'a l'id {guillemets(path.stem)} dans data/initiatives.yaml.",
                    hint=hint,
                )
            )
    return problems
