"""The figures as last published (data/publie/chiffres.csv), and the rule they enforce: a figure
whose value changes is named by an entry of the corrections log (data/journal.yaml).

The list holds, for each figure id, its value, upper bound, unit and year, and the day of the
publication that showed them. A figure whose id is in the list with other values must be named
(« chiffres ») by a log entry dated that day or later, whatever else changed (its label too):
every figure's id is written in the data, the reports' figures and the key figures alike, and
never changes. An id of the list that is no longer in the data is a figure lost or renamed
(checks/changed_figures.py).

`python -m macros.commands.publish_list` (make publier-liste) rewrites the list from the data,
once a publication is online, and with it data/publie/ids.txt, the monographs' ids the site
answers for (addresses.py).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from macros.model.yaml_source import JsonPath, YamlDocument

LIST = "publie/chiffres.csv"
FIELDS = ("valeur", "valeur_max", "unite", "annee")
COLUMNS = ("id", *FIELDS, "publie_le")


def current_figures(figure_documents: list[YamlDocument], initiatives: YamlDocument) -> dict[str, tuple]:
    """Every figure of the data: id → (values, document, path of its value in the document)."""
    found: dict[str, tuple[tuple[str, ...], YamlDocument, JsonPath]] = {}
    for document in figure_documents:
        for index, figure in enumerate(document.data):
            found[figure["id"]] = (_values(figure), document, (index, "valeur"))
    for index, initiative in enumerate(initiatives.data):
        for number, figure in enumerate(initiative.get("chiffres_cles", [])):
            found[figure["id"]] = (_values(figure), initiatives, (index, "chiffres_cles", number, "valeur"))
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
        values.update((figure["id"], _values(figure)) for figure in initiative.get("chiffres_cles", []))
    return values


def write_list(values: dict[str, tuple[str, ...]], day: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    for key in sorted(values):
        writer.writerow([key, *values[key], day])
    return buffer.getvalue()
