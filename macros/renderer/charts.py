"""Bar charts drawn at build time, with no JavaScript.

Text is HTML (label and value of each bar, sized by the style sheet: never smaller than the
page's text, at any width), and each bar is a small SVG stretched to its row (no text in it,
so stretching scales nothing that must be read). Widths are SVG attributes, not inline
styles: nothing for a strict Content-Security-Policy to refuse.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros import french


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    share: float  # length of the bar, in % of the longest possible (0–100)


def bars(figures: list[dict]) -> list[Bar]:
    """One horizontal bar per figure, lengths proportional to values.

    Percentages are drawn on a 0–100 scale so that charts of shares compare; other units
    on a 0–maximum scale.
    """
    percent = all(figure.get("unite") == "%" for figure in figures)
    top = 100 if percent else max(figure.get("valeur_max", figure["valeur"]) for figure in figures) or 1
    return [Bar(figure["categorie"], french.figure(figure), max(0.5, round(100 * figure["valeur"] / top, 2))) for figure in figures]
