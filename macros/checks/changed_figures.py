"""A figure whose published value changes is named by an entry of the corrections log
(data/journal.yaml): the rule the list of published figures (model/published.py) enforces."""

from __future__ import annotations

import datetime

from macros.model.collections import DataPaths
from macros.model.published import FIELDS, LIST, read_list
from macros.problems import NBSP, NNBSP, Problem, guillemets


def check_changed_figures(paths: DataPaths, figures: dict[str, tuple], journal: list[dict]) -> list[Problem]:
    """A figure whose published value changed, and that no log entry dated since names."""
    published = read_list(paths.data(LIST))
    named: dict[str, list[str]] = {}
    for entry in journal:
        for key in entry.get("chiffres", []):
            named.setdefault(key, []).append(entry["date"])
    problems = []
    for key, (values, document, path) in sorted(figures.items()):
        row = published.get(key)
        if row is None:
            continue
        before = tuple(row[name] for name in FIELDS)
        if before == values or any(date >= row["publie_le"] for date in named.get(key, [])):
            continue
        changes = ", ".join(
            f"{name} {guillemets(old or 'vide')} → {guillemets(new or 'vide')}"
            for name, old, new in zip(FIELDS, before, values)
            if old != new
        )
        line, column = document.position(path)
        problems.append(
            Problem(
                document.path,
                line,
                column,
                f"le chiffre {guillemets(key)} a changé depuis sa publication du {french_day(row['publie_le'])} "
                f"({changes}){NNBSP}; une correction publiée se signale dans le journal des modifications.",
                hint=f"Ajoutez à data/journal.yaml une entrée datée d'aujourd'hui qui le nomme{NBSP}: "
                f"« chiffres: [{key}] », avec ce qui a changé et pourquoi (et sa source).",
            )
        )
    return problems


def french_day(iso: str) -> str:
    try:
        return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso
