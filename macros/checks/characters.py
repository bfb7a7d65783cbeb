"""Characters an editor cannot see, or cannot tell from a Latin letter: named in messages.

A no-break space typed after a key, a zero-width space pasted from a web page, a Cyrillic
« е » in an id: the text looks right and is refused. The message names the character by
its Unicode name and says where it is, so that the editor knows what to retype.
"""

from __future__ import annotations

import unicodedata

from macros.problems import NBSP, NNBSP, guillemets

# French names of the invisible characters met in pasted text.
_FRENCH_NAMES = {
    "\u00a0": "espace insécable",
    "\u202f": "espace fine insécable",
    "\u2009": "espace fine",
    "\u200b": "espace sans chasse",
    "\u200c": "antiliant sans chasse",
    "\u200d": "liant sans chasse",
    "\u2060": "gluon de mots",
    "\ufeff": "indicateur d'ordre des octets",
    "\u00ad": "trait d'union conditionnel",
    "\u200e": "marque gauche-à-droite",
    "\u200f": "marque droite-à-gauche",
}
# The invisible characters pasted text brings and prose never wants: the format characters
# above (no-break spaces, which French typography wants, are not among them).
PASTED_INVISIBLE = "".join(character for character in _FRENCH_NAMES if unicodedata.category(character) == "Cf")
# Letters of other scripts that look like Latin ones, and dashes that look like « - ».
_LOOK_ALIKES = dict(
    zip(
        "аеорсухіјѕԁһԛԝАВЕКМНОРСТХІЈЅοανρικτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ‐‑‒–—―−",
        "aeopcyxijsdhqwABEKMHOPCTXIJSoavpiktuxABEZHIKMNOPTYX-------",
    )
)
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"}


def _look_alike(character: str) -> str | None:
    """The ASCII character it passes for, if any (fullwidth forms included)."""
    if character in _LOOK_ALIKES:
        return _LOOK_ALIKES[character]
    folded = unicodedata.normalize("NFKC", character)
    return folded if folded != character and folded.isascii() and folded.isprintable() else None


def _invisible(character: str) -> bool:
    return character != " " and unicodedata.category(character) in _INVISIBLE_CATEGORIES


def unicode_name(character: str) -> str:
    """« U+00A0 NO-BREAK SPACE (espace insécable) »."""
    name = f"U+{ord(character):04X} {unicodedata.name(character, 'SANS NOM')}"
    french = _FRENCH_NAMES.get(character)
    return f"{name} ({french})" if french else name


def suspicious(text: str) -> list[tuple[int, str]]:
    """(index, character) of each invisible or look-alike character of a text."""
    if text.isascii():
        return [(index, character) for index, character in enumerate(text) if _invisible(character)]
    return [(index, character) for index, character in enumerate(text) if _invisible(character) or _look_alike(character)]


def cleaned(text: str) -> str:
    """The text as the editor meant it: invisible characters out, look-alikes replaced."""
    return "".join("" if _invisible(character) else (_look_alike(character) or character) for character in text)


def shown(text: str) -> str:
    """The text with its invisible characters made visible: « nom⟨U+00A0⟩ »."""
    return "".join(f"⟨U+{ord(character):04X}⟩" if _invisible(character) else character for character in text)


def explanation(text: str) -> str | None:
    """What is wrong with a key or id that looks right, or None when nothing is hidden."""
    found = suspicious(text)
    if not found:
        return None
    parts = []
    for index, character in found[:3]:
        where = f"après {guillemets(text[:index])}" if text[:index].strip() else "au début"
        passes_for = _look_alike(character)
        if passes_for and not _invisible(character):
            parts.append(f"{where}, {guillemets(character)}, {unicode_name(character)}, qui ressemble à {guillemets(passes_for)}")
        else:
            parts.append(f"{where}, un caractère invisible{NBSP}: {unicode_name(character)}")
    more = f" et {len(found) - 3} autre{'s' if len(found) > 4 else ''}" if len(found) > 3 else ""
    listed = f"{NNBSP}; ".join(parts)
    return f"il contient, {listed}{more}{NNBSP}; retapez-le au clavier{NBSP}: {guillemets(cleaned(text))}."
