"""The standard sections of a monograph, under their exact headings.

Readers compare monographs section by section, and `make new` writes the same seven headings
into each. A heading reworded (« ## Historique ») or a section left out publishes without any
error, so each is a located warning naming the heading expected: not an error, since a
monograph may well need a section of its own.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from macros.checks.typography import prose_lines
from macros.problems import NBSP, NNBSP, Problem, guillemets

MONOGRAPH_SECTIONS = [
    "Histoire",
    "Territoire",
    "Acteurs et gouvernance",
    "Modèle économique",
    "Résultats et chiffres",
    "Place dans l’étude du Labo de l’ESS",
    "Ce qui reste à documenter",
]

_H2 = re.compile(r"^##[ \t]+(.+?)[ \t#]*$")


def _folded(title: str) -> str:
    """Case, accents and apostrophes aside: « Modele economique » is « Modèle économique »."""
    decomposed = unicodedata.normalize("NFD", title.casefold().replace("'", "’"))
    return "".join(character for character in decomposed if not unicodedata.combining(character)).strip()


def _closest(title: str, candidates: list[str]) -> str | None:
    folded = {_folded(candidate): candidate for candidate in candidates}
    close = difflib.get_close_matches(_folded(title), list(folded), n=1, cutoff=0.5)
    return folded[close[0]] if close else None


def section_warnings(shown: str, text: str) -> list[Problem]:
    """A warning for each standard section renamed or missing, at its line."""
    headings = [(number, match.group(1).strip()) for number, line in prose_lines(text) if (match := _H2.match(line))]
    present = {title for _, title in headings}
    missing = [title for title in MONOGRAPH_SECTIONS if title not in present]
    warnings = []
    for number, title in headings:
        if title in MONOGRAPH_SECTIONS:
            continue
        expected = _closest(title, missing)
        if expected is None:
            continue
        missing.remove(expected)
        warnings.append(
            Problem(
                shown,
                number,
                1,
                f"section {guillemets('## ' + title)}{NBSP}: le titre standard est {guillemets('## ' + expected)}"
                f"{NNBSP}; écrivez-le ainsi (chaque monographie a les mêmes sections, sous les mêmes titres).",
                warning=True,
            )
        )
    last = max(len(text.splitlines()), 1)
    for title in missing:
        # Where it goes: before the next standard section present, else at the end.
        later = MONOGRAPH_SECTIONS[MONOGRAPH_SECTIONS.index(title) + 1 :]
        following = next(((number, heading) for number, heading in headings if heading in later), None)
        place = f", avant {guillemets('## ' + following[1])}" if following else ", à la fin"
        warnings.append(
            Problem(
                shown,
                following[0] if following else last,
                1,
                f"section standard {guillemets('## ' + title)} absente{NNBSP}; ajoutez-la{place}, même brève "
                f"(ce que l'on sait, ou ce qui reste à documenter), sous ce titre exact.",
                warning=True,
            )
        )
    return warnings
