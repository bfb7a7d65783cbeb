"""Dates that cannot be right: in the future, milestones out of order, a creation after the
story it starts.

A year, a month (« 2013-01 ») or a day (« 2013-01-31 ») are compared at the precision they
share: « 2012 » and « 2012-05 » agree, « 2013 » comes after « 2012-05 ».
"""

from __future__ import annotations

import datetime
import re

from macros.checks.schema_errors import field_path
from macros.model.collections import Collection, record_name
from macros.model.yaml_source import YamlDocument
from macros.problems import NBSP, NNBSP, Problem, guillemets

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# The fields that hold a date or a year, in every collection.
_DATE_KEYS = ("date", "annee")


def _parts(value) -> tuple[int, ...] | None:
    """(year,), (year, month) or (year, month, day); None for what is not a date."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value,)
    match = _DATE.fullmatch(value) if isinstance(value, str) else None
    return tuple(int(part) for part in match.groups() if part) if match else None


def _before(first: tuple, second: tuple) -> bool:
    """Whether `first` is surely earlier than `second` (compared at their common precision)."""
    common = min(len(first), len(second))
    return first[:common] < second[:common]


def _dated(value, path: tuple):
    """(path, value, parts) of every date of a record."""
    if isinstance(value, dict):
        for key, item in value.items():
            parts = _parts(item) if key in _DATE_KEYS else None
            if parts:
                yield path + (key,), item, parts
            else:
                yield from _dated(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _dated(item, path + (index,))


def _out_of_place(dates: list[tuple]) -> int:
    """The index of the milestone that breaks the order (the one whose removal restores it)."""
    for index in range(1, len(dates)):
        if _before(dates[index], dates[index - 1]):
            for culprit in (index - 1, index):
                rest = dates[:culprit] + dates[culprit + 1 :]
                if all(not _before(b, a) for a, b in zip(rest, rest[1:])):
                    return culprit
            return index
    return -1


def check_dates(document: YamlDocument, collection: Collection, today: datetime.date) -> list[Problem]:
    """No date after the build date; milestones in order; a creation not after the first one."""
    problems = []
    name = record_name(document.data, collection)
    now = (today.year, today.month, today.day)

    def problem(path, message):
        line, column = document.position(path)
        problems.append(Problem(document.path, line, column, message, record=name(path), field_path=field_path(path[1:]) or None))

    def line_of(path) -> int:
        return document.position(path)[0]

    for index, record in enumerate(document.data):
        for path, value, parts in _dated(record, (index,)):
            if _before(now, parts):
                problem(
                    path,
                    f"la date {guillemets(value)} est postérieure à la date de construction du site "
                    f"({today.isoformat()}){NNBSP}; une date à venir ne peut pas être un fait sourcé"
                    f"{NBSP}: corrigez-la (faute de frappe{NNBSP}?) ou retirez-la.",
                )
        milestones = [(item["date"], milestone_parts) for item in record.get("jalons", []) if (milestone_parts := _parts(item.get("date")))]
        if len(milestones) != len(record.get("jalons", [])):
            continue
        culprit = _out_of_place([parts for _, parts in milestones])
        if culprit >= 0:
            neighbour = culprit - 1 if culprit > 0 and _before(milestones[culprit][1], milestones[culprit - 1][1]) else culprit + 1
            relation = "après" if neighbour < culprit else "avant"
            other = (index, "jalons", neighbour, "date")
            problem(
                (index, "jalons", culprit, "date"),
                f"le jalon daté {guillemets(milestones[culprit][0])} est placé {relation} celui daté "
                f"{guillemets(milestones[neighbour][0])} (ligne {line_of(other)}){NNBSP}; les jalons "
                f"vont dans l'ordre chronologique{NBSP}: déplacez-le ou corrigez sa date.",
            )
        creation = record.get("creation", {})
        if milestones and (created := _parts(creation.get("annee"))) and "precision" not in creation:
            first_date, first = min(milestones, key=lambda item: item[1])
            if _before(first, created) and first[0] < creation["annee"]:
                first_index = next(i for i, (_, parts) in enumerate(milestones) if parts == first)
                problem(
                    (index, "creation", "annee"),
                    f"création en {creation['annee']}, après le premier jalon, daté {guillemets(first_date)} "
                    f"(ligne {line_of((index, 'jalons', first_index, 'date'))}){NNBSP}; corrigez l'une des "
                    f"deux dates, ou, si la dynamique a commencé avant sa création formelle, dites-le dans "
                    f"{guillemets('creation.precision')}.",
                )
    return problems
