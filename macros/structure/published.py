"""The figures as last published (data/publie/chiffres.csv), and the rule they enforce: a figure
whose value changes is named by an entry of the corrections log (data/journal.yaml).

The list holds, for each figure id, its value, upper bound, unit and year, and the day of the
publication that showed them. A figure whose id is in the list with other values must be named
(« chiffres ») by a log entry dated that day or later. Ids are stable for the reports' figures
(written in the data) and for key figures whose label and year stay the same (figure_ids.py):
a key figure whose label changes is a new figure, not a changed one.

`python -m macros.structure.published` (make publier-liste) rewrites the list from the data,
once a publication is online, and with it data/publie/ids.txt, the monographs' ids the site
answers for (addresses.py).
"""

from __future__ import annotations

import csv
import datetime
import io
import sys
from pathlib import Path

from . import addresses
from .collections import DataPaths
from .figure_ids import key_figure_ids
from .problems import NBSP, NNBSP, Problem, guillemets
from .yaml_source import YamlDocument

LIST = "publie/chiffres.csv"
FIELDS = ("valeur", "valeur_max", "unite", "annee")
COLUMNS = ("id", *FIELDS, "publie_le")


def current_figures(figure_documents: list[YamlDocument], initiatives: YamlDocument) -> dict[str, tuple]:
    """Every figure of the data: id → (values, document, path of its value in the document)."""
    found = {}
    for document in figure_documents:
        for index, figure in enumerate(document.data):
            found[figure["id"]] = (_values(figure), document, (index, "valeur"))
    for index, initiative in enumerate(initiatives.data):
        positions = {id(figure): number for number, figure in enumerate(initiative.get("chiffres_cles", []))}
        for key, figure in key_figure_ids(initiative):
            found[key] = (_values(figure), initiatives, (index, "chiffres_cles", positions[id(figure)], "valeur"))
    return found


def _values(figure: dict) -> tuple[str, ...]:
    return tuple(_text(figure.get(name)) for name in FIELDS)


def _text(value) -> str:
    """A value as the CSV file holds it: 12 and 12.0 are the same figure."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def read_list(path: Path) -> dict[str, dict]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle, delimiter=";")}


def figure_values(report_figures: list[dict], initiatives: list[dict]) -> dict[str, tuple[str, ...]]:
    """id → (value, upper bound, unit, year) of every figure: the reports', then key figures."""
    values = {figure["id"]: _values(figure) for figure in report_figures}
    for initiative in initiatives:
        values.update((key, _values(figure)) for key, figure in key_figure_ids(initiative))
    return values


def write_list(values: dict[str, tuple[str, ...]], day: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    for key in sorted(values):
        writer.writerow([key, *values[key], day])
    return buffer.getvalue()


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
        changes = ", ".join(f"{name} {guillemets(old or 'vide')} → {guillemets(new or 'vide')}"
                            for name, old, new in zip(FIELDS, before, values) if old != new)
        line, column = document.position(path)
        problems.append(Problem(
            document.path, line, column,
            f"le chiffre {guillemets(key)} a changé depuis sa publication du {_day(row['publie_le'])} "
            f"({changes}){NNBSP}; une correction publiée se signale dans le journal des modifications.",
            hint=f"Ajoutez à data/journal.yaml une entrée datée d'aujourd'hui qui le nomme{NBSP}: "
                 f"« chiffres: [{key}] », avec ce qui a changé et pourquoi (et sa source)."))
    return problems


def _day(iso: str) -> str:
    try:
        return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def main(argv: list[str] | None = None) -> int:
    """Rewrite data/publie/chiffres.csv from the data: the figures as just published."""
    from ..version import current_edition
    from .catalogue import load_catalogue
    from .problems import DataError

    paths = DataPaths(Path(argv[0]) if argv else Path.cwd())
    try:
        catalogue = load_catalogue(paths)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    values = figure_values(catalogue.records.get("chiffres", []), catalogue.initiatives)
    # The day of the edition just published (the last commit's, as in the footer).
    day = current_edition(paths.project_dir).jour
    target = paths.data(LIST)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(write_list(values, day), encoding="utf-8")
    print(f"{paths.display(target)}{NBSP}: {len(values)} chiffres, publiés le {_day(day)}.")
    # The addresses of the monographs, current, former and withdrawn: none may break later.
    ids = addresses.addresses(catalogue.initiatives, catalogue.records.get("retraits", []))
    target = paths.data(addresses.IDS_LIST)
    target.write_text(addresses.write_ids(ids), encoding="utf-8")
    print(f"{paths.display(target)}{NBSP}: {len(ids)} identifiants de monographies.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
