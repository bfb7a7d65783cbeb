"""Numbers written the French way, where the data wants them the YAML way.

In French « 1 300 » or « 1.300 » is a thousand three hundred and « 1,5 » one and a half;
in the data a number is written `1300` and `1.5` (the page shows « 1 300 » and « 1,5 »).
A figure typed the French way is either refused as text (« attendu un nombre ») or, worse,
read as another number: `1.050` is 1,05 for YAML. These helpers say what to write instead.
"""

from __future__ import annotations

import re

from macros import french
from macros.problems import NBSP, NNBSP, guillemets

# Spaces a thousands separator may be typed with: space, no-break, narrow no-break, thin.
_SPACES = " \u00a0\u202f\u2009"
_GROUPED = re.compile(rf"[-+]?[0-9]{{1,3}}([{_SPACES}][0-9]{{3}})+(,[0-9]+)?")
_POINTED = re.compile(r"[-+]?[0-9]{1,3}(\.[0-9]{3}){2,}(,[0-9]+)?|[-+]?[0-9]{1,3}(\.[0-9]{3})+,[0-9]+")
_COMMA = re.compile(r"[-+]?[0-9]+,[0-9]+")
_PLAIN = re.compile(r"[-+]?([0-9]+(\.[0-9]+)?)")
# A unit after the number: « 12 % », « 3 M€ », « 40 PTCE ».
_UNIT = re.compile(rf"(?P<number>[-+]?[0-9][0-9{_SPACES}.,]*?)[{_SPACES}]*(?P<unit>[%€$]|[^\W\d_][^\d]*)")
# A YAML number that a French reader may have meant with a thousands point: 1.050, 12.000.
_THOUSANDS_POINT = re.compile(r"[-+]?[1-9][0-9]{0,2}\.[0-9]{3}")


def _shown(number: str) -> str:
    """How the page shows a data number: « 1 300 », « 1,5 » (YAML reads 2.50 as 2.5)."""
    return french.number(float(number))


def _as_data(text: str) -> tuple[str, str] | None:
    """(number as the data writes it, what was wrong) for a French-written number."""
    text = text.strip(_SPACES)
    if _GROUPED.fullmatch(text):
        number = re.sub(f"[{_SPACES}]", "", text).replace(",", ".")
        return number, "sans espace entre les milliers" + (", avec un point pour les décimales" if "," in text else "")
    if _POINTED.fullmatch(text):
        number = text.replace(".", "").replace(",", ".")
        return number, "sans point entre les milliers" + (", avec un point pour les décimales" if "," in text else "")
    if _COMMA.fullmatch(text):
        return text.replace(",", "."), "avec un point, et non une virgule, pour les décimales"
    return None


def text_hint(text: str, figure: bool) -> str | None:
    """What to write instead of a text that reads as a French number (None if it does not).

    `figure`: the field is a figure's value, whose unit goes in the field « unite »."""
    found = _as_data(text)
    if found:
        number, how = found
        return (
            f"Écrivez {number}, {how}{NBSP}: dans les données un nombre s'écrit à la manière "
            f"de YAML, et la page l'affichera {guillemets(_shown(number))}."
        )
    unit = _UNIT.fullmatch(text.strip(_SPACES))
    if unit:
        written = unit.group("number").strip(_SPACES + ".,")
        converted = _as_data(written)
        plain = converted[0] if converted else written if _PLAIN.fullmatch(written) else None
        if plain is not None:
            where = (
                f"et mettez l'unité dans le champ {guillemets('unite')} ({guillemets('unite: ' + repr_unit(unit.group('unit')))})"
                if figure
                else "sans unité"
            )
            return f"Écrivez {plain}, {where}{NBSP}: la valeur est un nombre seul."
    return None


def repr_unit(unit: str) -> str:
    """A unit as YAML wants it: `%` must be quoted at the start of a value."""
    unit = unit.strip(_SPACES)
    return f'"{unit}"' if unit[:1] in "%@`&*!|>'\"#{}[],?:-" else unit


def ambiguous_number(raw: str) -> str | None:
    """The message for a YAML number like `1.050`, if a French thousands point may be meant."""
    if not _THOUSANDS_POINT.fullmatch(raw):
        return None
    thousands = raw.lstrip("+").replace(".", "")
    decimal = raw.rstrip("0").rstrip(".")
    read = raw.lstrip("+").rstrip("0").rstrip(".").replace(".", ",")
    fix = f"écrivez {thousands} si vous vouliez dire {guillemets(_shown(thousands))}"
    if decimal != raw:
        zeros = "le zéro final" if len(raw) - len(decimal) == 1 or "." not in decimal else "les zéros finaux"
        kind = "le nombre décimal" if "." in decimal else "le nombre"
        fix += f", ou {decimal} (sans {zeros}) pour {kind} {guillemets(read)}"
    else:
        fix += f", ou {raw}0 pour le nombre décimal {guillemets(read)}"
    return f"valeur {raw} ambiguë{NBSP}: en français le point sépare les milliers, mais YAML lit ici {read}{NNBSP}; {fix}."
