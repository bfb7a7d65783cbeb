"""French normalisation of words, for the index: folding, words, elisions, compounds, stop words, stems.

The rules are data (regles.json), read here and, in the browser, by
overrides/assets/javascripts/recherche-normalisation.js: the same rules on both sides, and the
same test vectors (tests/recherche-vecteurs.json) run against both implementations.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

RULES_FILE = Path(__file__).with_name("regles.json")
RULES = json.loads(RULES_FILE.read_text(encoding="utf-8"))

_FOLD = RULES["plier"]
_REPLACEMENTS = str.maketrans({**_FOLD["remplacements"], **{mark: "'" for mark in _FOLD["apostrophes"]}})
_MARKS = re.compile("[\u0300-\u036f]")
# A word, and the apostrophe that may follow it (an elided article: l', d', qu'…).
_WORD = re.compile(r"([a-z0-9]+)(')?")
ELISIONS = frozenset(RULES["mots"]["elisions"])
# Words joined by an inner apostrophe or hyphen (« clus'ter », « tiers-lieu »), as runs of words.
# Whole pages are read: a run starts at a word, past an elided article (« l'etude » is no run),
# and possessively, so that a word without a joint fails at once.
_JOINTS = RULES["composes"]["liants"]
_ELIDED = "|".join(sorted(ELISIONS, key=len, reverse=True))
_RUN = re.compile(rf"(?<![a-z0-9])(?:(?:{_ELIDED})'(?=[a-z0-9]))?+[a-z0-9]++(?:[{re.escape(_JOINTS)}][a-z0-9]++)+")
_PIECE = re.compile(rf"([a-z0-9]+)([{re.escape(_JOINTS)}])?")
STOP_WORDS = frozenset(RULES["mots"]["vides"])
_STEM = RULES["racine"]


def fold(text: str) -> str:
    """Lower case, no accents, ligatures spelt out, one apostrophe: « L’Écopôle » → « l'ecopole »."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text.lower())).translate(_REPLACEMENTS)


def words(text: str) -> list[str]:
    """The words of a text, folded, elided articles and single letters left out (stop words kept)."""
    return _words(fold(text))


def _words(folded: str) -> list[str]:
    return [
        word for word, apostrophe in _WORD.findall(folded) if not (apostrophe and word in ELISIONS) and (len(word) > 1 or word.isdigit())
    ]


def compounds(text: str) -> list[str]:
    """The words written with inner apostrophes or hyphens, joined: « Clus’Ter, l’éco-lieu » →
    « cluster », « ecolieu ». An elided article cuts a compound and is left out, as in words();
    so does a word with a digit (« covid-19 »)."""
    return _compounds(fold(text))


def _compounds(folded: str) -> list[str]:
    joined = []
    for run in _RUN.finditer(folded):
        pieces: list[str] = []
        for piece, joint in _PIECE.findall(run.group(0)):
            if (joint == "'" and piece in ELISIONS) or not piece.isalpha():
                if len(pieces) > 1:
                    joined.append("".join(pieces))
                pieces = []
            else:
                pieces.append(piece)
        if len(pieces) > 1:
            joined.append("".join(pieces))
    return joined


def _apply(word: str, rules: list[dict]) -> str | None:
    for rule in rules:
        suffix = rule["suffixe"]
        if word.endswith(suffix) and len(word) >= rule["min"]:
            before = word[-len(suffix) - 1] if len(word) > len(suffix) else ""
            if before and before in rule.get("sauf_apres", ""):
                continue
            return word[: len(word) - len(suffix)] + rule["par"]
    return None


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of a folded word: number, gender and the plural of verbs removed
    (coopératives → cooperatif, partagée and partagent → partag)."""
    if word in _STEM["exceptions"]:
        return _STEM["exceptions"][word]
    if word.isdigit():
        return word
    word = _apply(word, _STEM["pluriel"]) or word
    gendered = _apply(word, _STEM["genre"])
    if gendered is not None:
        return gendered
    while word.endswith("e") and len(word) >= _STEM["e_final_min"]:
        word = word[:-1]
    return _apply(word, _STEM["verbe"]) or word


@lru_cache(maxsize=200_000)
def term(word: str) -> str | None:
    """The index term of a folded word, or None for a stop word."""
    return None if word in STOP_WORDS else stem(word)


def terms(text: str) -> list[str]:
    """The index terms of a text, in order (stop words left out)."""
    return _terms(words(text))


def _terms(folded_words: list[str]) -> list[str]:
    return [t for t in map(term, folded_words) if t is not None]


def index_terms(text: str) -> tuple[list[str], list[str]]:
    """(terms, terms of the compounds joined) of a text, folded once: what the index counts."""
    folded = fold(text)
    return _terms(_words(folded)), _terms(_compounds(folded))
