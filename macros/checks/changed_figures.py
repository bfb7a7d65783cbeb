"""A published figure stays in the data under its id, and a change of its value is said: the
rules the list of published figures (model/published.py) enforces.

- A figure whose published value changed is named by an entry of the corrections log
  (data/journal.yaml) dated since that publication, whatever else changed (its label too).
- A published id that is no longer in the data is a figure whose id was changed, or one that
  was removed: the id is put back, or a log entry names it, which says the removal. The
  figures of a withdrawn monograph (data/retraits.yaml) go with it.
"""

from __future__ import annotations

import datetime

from macros import french
from macros.model.collections import DataPaths, record_name
from macros.model.published import FIELDS, LIST, read_list
from macros.model.yaml_source import YamlDocument
from macros.problems import NBSP, NNBSP, Problem, guillemets


def _named_since(journal: list[dict]) -> dict[str, list[str]]:
    """Figure id → the dates of the log entries that name it."""
    named: dict[str, list[str]] = {}
    for entry in journal:
        for key in entry.get("chiffres", []):
            named.setdefault(key, []).append(entry["date"])
    return named


def check_changed_figures(paths: DataPaths, figures: dict[str, tuple], journal: list[dict]) -> list[Problem]:
    """A figure whose published value changed, and that no log entry dated since names."""
    published = read_list(paths.data(LIST))
    named = _named_since(journal)
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
                f"{guillemets(f'chiffres: [{key}]')}, avec ce qui a changé et pourquoi (et sa source).",
            )
        )
    return problems


def lost_figures(paths: DataPaths, figures: dict[str, tuple], withdrawn: set[str]) -> dict[str, dict]:
    """Published figures no longer in the data (those of a withdrawn monograph aside): id → row."""
    published = read_list(paths.data(LIST))
    return {key: row for key, row in published.items() if key not in figures and not any(key.startswith(f"{gone}-") for gone in withdrawn)}


def check_lost_figures(
    paths: DataPaths, figures: dict[str, tuple], journal: list[dict], initiatives: YamlDocument, withdrawn: set[str]
) -> list[Problem]:
    """A published figure id that the data lost, unless a log entry since names it (removed).

    Located where the fix goes: at a key figure of the same initiative with the published
    values under an id never published (its id was changed: put the old one back), else at
    the initiative's key figures, else at the id's line of data/publie/chiffres.csv."""
    named = _named_since(journal)
    lines = {key: number for number, key in enumerate(read_list(paths.data(LIST)), start=2)}
    published = set(lines)
    name = record_name(initiatives.data)
    problems = []
    for key, row in lost_figures(paths, figures, withdrawn).items():
        if any(date >= row["publie_le"] for date in named.get(key, [])):
            continue
        values = tuple(row[field] for field in FIELDS)
        lost = (
            f"le chiffre {guillemets(key)}, publié le {french_day(row['publie_le'])} ({_shown(row)}), n'est plus dans "
            f"les données{NNBSP}; un chiffre publié garde son id, que nomment les données ouvertes et le journal."
        )
        log_entry = (
            f"s'il a été retiré, dites-le dans data/journal.yaml{NBSP}: une entrée datée d'aujourd'hui, avec "
            f"{guillemets(f'chiffres: [{key}]')}, ce qui a changé et pourquoi."
        )
        index = _initiative_of(key, initiatives.data)
        figures_of = initiatives.data[index].get("chiffres_cles", []) if index is not None else []
        successor = _successor(figures_of, published, figures, values)
        if index is not None and successor is not None:
            line, column = initiatives.position((index, "chiffres_cles", successor, "id"))
            message = (
                f"{lost} Ce chiffre-ci, jamais publié, a la même valeur{NBSP}: s'il a seulement changé d'id, "
                f"remettez {guillemets(f'id: {key}')}{NNBSP}; {log_entry}"
            )
            problems.append(
                Problem(initiatives.path, line, column, message, record=name((index,)), field_path=f"chiffres_cles[{successor + 1}].id")
            )
        elif index is not None:
            line, column = initiatives.position((index, "chiffres_cles") if figures_of else (index, "id"), key=True)
            message = f"{lost} S'il a changé d'id, remettez la ligne {guillemets(f'id: {key}')} sous son libellé{NNBSP}; {log_entry}"
            problems.append(Problem(initiatives.path, line, column, message, record=name((index,))))
        else:
            message = f"{lost} S'il a changé d'id, remettez {guillemets(f'id: {key}')} au chiffre qu'il désignait{NNBSP}; {log_entry}"
            problems.append(Problem(paths.display(paths.data(LIST)), lines[key], 1, message))
    return problems


def _shown(row: dict) -> str:
    """A published figure as a reader saw it: « 54 000 à 57 000 habitants, 2012 »."""
    text = french.number(float(row["valeur"]))
    text += f" à {french.number(float(row['valeur_max']))}" if row["valeur_max"] else ""
    text += f" {row['unite']}" if row["unite"] else ""
    return text + (f", {row['annee']}" if row["annee"] else "")


def _successor(figures_of: list[dict], published: set[str], figures: dict[str, tuple], values: tuple) -> int | None:
    """The key figure never published that most likely took a lost id: the same values, else
    the same value and unit (its year may have changed with its id)."""
    new = [(number, figures[figure["id"]][0]) for number, figure in enumerate(figures_of) if figure["id"] not in published]
    same = [number for number, current in new if current == values]
    same = same or [number for number, current in new if (current[0], current[2]) == (values[0], values[2])]
    return same[0] if same else None


def _initiative_of(key: str, initiatives: list[dict]) -> int | None:
    """The initiative a key figure id starts with (its id or a former one), the longest first."""
    found = [
        (len(prefix), index)
        for index, item in enumerate(initiatives)
        for prefix in [item["id"], *item.get("anciens_ids", [])]
        if key.startswith(f"{prefix}-")
    ]
    return max(found)[1] if found else None


def french_day(iso: str) -> str:
    try:
        return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso
