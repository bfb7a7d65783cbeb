"""French formatting of numbers, dates, figures and punctuation for the pages."""

from __future__ import annotations

import re

NBSP = "\u00a0"
NNBSP = "\u202f"

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]


def number(value: float | int) -> str:
    """54000 → « 54 000 », 3.5 → « 3,5 » (narrow no-break space between thousands)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", NNBSP)
    whole, _, decimals = f"{value}".partition(".")
    return f"{int(whole):,}".replace(",", NNBSP) + "," + decimals


def date(value: int | str) -> str:
    """2013 → « 2013 », "2013-01" → « janvier 2013 », "2013-01-31" → « 31 janvier 2013 »."""
    text = str(value)
    parts = text.split("-")
    if len(parts) == 1:
        return text
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = int(parts[2])
    return f"{'1er' if day == 1 else day} {month} {parts[0]}"


def figure(item: dict) -> str:
    """A key figure's value: « environ 54 000 à 57 000 habitants », « plus de 300 participants »."""
    text = number(item["valeur"])
    if "valeur_max" in item:
        text += f" à {number(item['valeur_max'])}"
    unit = item.get("unite")
    if unit:
        text += f"{NNBSP}{unit}" if unit in ("%", "€", "M€", "k€") else f"{NBSP}{unit}"
    if item.get("plus_de"):
        text = f"plus de {text}"
    elif item.get("approximatif"):
        text = f"environ {text}"
    return text


_VOWELS = set("aeiouàâäéèêëîïôöùûüœæAEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ")


def de(name: str) -> str:
    """« de Biovallée », « d’Eusko »: de elided before a vowel (h is left alone: muet or
    aspiré cannot be told from the spelling)."""
    return f"d’{name}" if name[:1] in _VOWELS else f"de {name}"


_SPACE_BEFORE_COLON = re.compile(r" (?=[:»])")
_SPACE_BEFORE_SEMICOLON = re.compile(r" (?=[;!?])")
_SPACE_AFTER_GUILLEMET = re.compile(r"(?<=«) ")


def typography(value):
    """Typographic apostrophes and no-break spaces, in any text from the data.

    Editors type ' and ordinary spaces; the page must not break a line before « : ».
    Non-text values pass through unchanged.
    """
    if not isinstance(value, str) or hasattr(value, "__html__"):
        return value
    value = value.replace("'", "’")
    value = _SPACE_BEFORE_COLON.sub(NBSP, value)
    value = _SPACE_AFTER_GUILLEMET.sub(NBSP, value)
    return _SPACE_BEFORE_SEMICOLON.sub(NNBSP, value)


def selon(source: dict) -> str:
    """How « selon … » names a source: its `nom_court` (« l'Avise »), else its publisher
    without the parenthesis (« Banque des Territoires »)."""
    return source.get("nom_court") or source["editeur"].split(" (")[0]
