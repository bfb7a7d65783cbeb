"""Geometry of the bar charts drawn at build time (SVG, no JavaScript)."""

from __future__ import annotations

from dataclasses import dataclass

from . import french

WIDTH = 640
LABEL_HEIGHT = 20  # a line of label text above each bar
BAR_HEIGHT = 22
GAP = 14
VALUE_ROOM = 130  # room right of the longest bar for its value


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    label_y: int
    bar_y: int
    width: int


def bars(figures: list[dict]) -> tuple[list[Bar], int]:
    """One horizontal bar per figure, lengths proportional to values; and the chart height.

    Percentages are drawn on a 0–100 scale so that charts of shares compare; other units
    on a 0–maximum scale.
    """
    percent = all(figure.get("unite") == "%" for figure in figures)
    top = 100 if percent else max(figure.get("valeur_max", figure["valeur"]) for figure in figures) or 1
    room = WIDTH - VALUE_ROOM
    result = []
    y = 0
    for figure in figures:
        width = max(2, round(room * figure["valeur"] / top))
        result.append(Bar(figure["categorie"], french.figure(figure), y + 15, y + LABEL_HEIGHT, width))
        y += LABEL_HEIGHT + BAR_HEIGHT + GAP
    return result, y
