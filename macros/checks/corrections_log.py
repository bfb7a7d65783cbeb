"""Rules of the corrections log (data/journal.yaml) that its schema cannot express.

Each entry's date is a real day, and what it names exists: its pages (a file under docs/, or
monographies/<id>.md for a monograph), its figures (ids of donnees/chiffres.csv) and its
initiatives. A log entry pointing at nothing would hide the correction it announces. A
withdrawn initiative (data/retraits.yaml) keeps its page, which an entry may name. The log is
history: an entry written before a rename keeps the former id (anciens_ids), read as the
current one (renderer/corrections_page.py), so `make renommer` leaves it as it was.
"""

from __future__ import annotations

import datetime
from collections.abc import Set

from macros.checks.schema_errors import field_path
from macros.model.collections import COLLECTIONS, DataPaths, record_name
from macros.model.yaml_source import YamlDocument
from macros.problems import NBSP, NNBSP, Problem, guillemets, suggestion

MONOGRAPHS = "monographies/"


def check_entries(
    paths: DataPaths,
    document: YamlDocument,
    figure_ids: set[str],
    initiative_ids: set[str],
    former: dict[str, str] | None = None,
    withdrawn: Set[str] = frozenset(),
) -> list[Problem]:
    name = record_name(document.data, COLLECTIONS["journal"])
    problems = []

    def problem(path: tuple, message: str, hint: str | None = None) -> None:
        line, column = document.position(path)
        problems.append(
            Problem(document.path, line, column, message, record=name(path), field_path=field_path(path[1:]) or None, hint=hint)
        )

    def unknown(path: tuple, what: str, value: str, known, fix: str) -> None:
        close = suggestion(value, known)
        ending = "e" if what in ("page", "initiative") else ""
        gone = next((key for key in withdrawn if value.startswith(f"{key}-")), None) if what == "chiffre" else None
        if gone:
            problem(
                path,
                f"{what} {guillemets(value)} inconnu{NBSP}: c'était un chiffre clé de la monographie "
                f"retirée {guillemets(gone)} (data/retraits.yaml){NNBSP}; retirez-le de cette liste.",
            )
            return
        problem(
            path,
            f"{what} {guillemets(value)} inconnu{ending}{NNBSP}; {fix}",
            f"Vouliez-vous dire {guillemets(close)}{NNBSP}?" if close else None,
        )

    docs = paths.project_dir / paths.docs_dir
    pages = {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")}
    pages |= {f"{MONOGRAPHS}{key}.md" for key in initiative_ids | set(withdrawn) | set(former or {})}
    for index, entry in enumerate(document.data):
        try:
            datetime.date.fromisoformat(entry["date"])
        except ValueError:
            problem((index, "date"), f"la date {guillemets(entry['date'])} n'existe pas dans le calendrier.")
        for position, page in enumerate(entry["pages"]):
            if page not in pages:
                unknown(
                    (index, "pages", position),
                    "page",
                    page,
                    pages,
                    f"donnez le chemin d'un fichier de {paths.docs_dir}/ ou « monographies/<id>.md ».",
                )
        for position, key in enumerate(entry.get("chiffres", [])):
            if key not in figure_ids:
                unknown(
                    (index, "chiffres", position),
                    "chiffre",
                    key,
                    figure_ids,
                    "donnez l'id d'un chiffre tel qu'il figure dans donnees/chiffres.csv.",
                )
        for position, key in enumerate(entry.get("initiatives", [])):
            if key not in initiative_ids and key not in withdrawn and key not in (former or {}):
                unknown(
                    (index, "initiatives", position),
                    "initiative",
                    key,
                    initiative_ids,
                    "donnez l'id d'une initiative de data/initiatives.yaml.",
                )
    return problems
