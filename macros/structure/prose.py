"""The monographs' prose: one Markdown file per initiative, read and checked.

Prose is published as Markdown, never run as a template: template syntax is refused, as is
a level-1 heading (the page title comes from the data).
"""

from __future__ import annotations

import re

from .collections import DataPaths
from .problems import NBSP, NNBSP, Problem, guillemets, suggestion
from .schema import TODO
from .yaml_source import YamlDocument

# Jinja delimiters: prose is data for the template engine, never template source.
_JINJA = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
_ATX_H1 = re.compile(r"^#(?!#)\s")


def read_prose(paths: DataPaths, document: YamlDocument) -> tuple[dict[str, str], list[Problem]]:
    """One Markdown file per initiative, and no file without its initiative."""
    ids = [item["id"] for item in document.data]
    problems = []
    prose = {}
    folder = paths.monographs()
    files = {path.stem: path for path in sorted(folder.glob("*.md"))} if folder.is_dir() else {}
    for index, identifier in enumerate(ids):
        if identifier not in files:
            expected = paths.display(folder / f"{identifier}.md")
            line, column = document.position((index, "id"))
            problems.append(Problem(
                document.path, line, column,
                f"le texte de la monographie {guillemets(expected)} est introuvable{NNBSP}; "
                f"créez ce fichier (même nom que l'id).",
                record=f"initiative {guillemets(identifier)}",
            ))
    for stem, path in files.items():
        shown = paths.display(path)
        if stem not in ids:
            close = suggestion(stem, ids)
            hint = f"Vouliez-vous dire {guillemets(close + '.md')}{NNBSP}?" if close else (
                "Ajoutez son initiative dans data/initiatives.yaml ou supprimez le fichier.")
            problems.append(Problem(shown, None, None,
                                    f"aucune initiative n'a l'id {guillemets(stem)} dans data/initiatives.yaml.",
                                    hint=hint))
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(shown, None, None, f"le fichier n'est pas en UTF-8 ({error.reason})."))
            continue
        if text.startswith("\ufeff"):
            problems.append(Problem(shown, 1, 1, "marque d'ordre des octets (BOM) en tête de fichier"
                                                 f"{NNBSP}; enregistrez-le en UTF-8 sans BOM."))
            continue
        if not text.strip():
            problems.append(Problem(shown, 1, 1, "la monographie est vide."))
        for number, line in enumerate(text.splitlines(), start=1):
            if TODO in line:
                problems.append(Problem(shown, number, line.index(TODO) + 1,
                                        f"texte à compléter (encore {guillemets(TODO)})."))
            match = _JINJA.search(line)
            if match:
                problems.append(Problem(
                    shown, number, match.start() + 1,
                    f"syntaxe de gabarit {guillemets(match.group())} interdite dans une monographie"
                    f"{NBSP}: ce texte est publié tel quel, jamais exécuté.",
                ))
            if _ATX_H1.match(line):
                problems.append(Problem(
                    shown, number, 1,
                    f"titre de niveau 1 interdit{NBSP}: le titre de la page vient du champ "
                    f"{guillemets('nom')}{NNBSP}; utilisez {guillemets('##')} pour les sections.",
                ))
        prose[stem] = text
    return prose, problems
