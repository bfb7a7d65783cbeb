"""Markdown slips that publish something other than what the editor meant, with no error.

Python-Markdown prints these as plain text or drops them silently: a heading without its
space (« ##Histoire » is a paragraph), a footnote (the extension is off: « [^1] » is printed
as is), a link with no address. An image from another server would send every reader's
request there, and the pages' Content-Security-Policy blocks it anyway: it is refused too.
Text pasted from a web page or a word processor brings characters no one sees (a soft hyphen,
a zero-width space: they also split words for the search) and lists whose « • » or « — »
marks Markdown does not know (all their items end up in one paragraph).
Each is a located French line from `make check` (monographs also at build time).
"""

from __future__ import annotations

import re

from macros.checks.characters import PASTED_INVISIBLE, unicode_name
from macros.checks.typography import code_masked, prose_lines
from macros.problems import NBSP, NNBSP, Problem, guillemets

_HEADING_WITHOUT_SPACE = re.compile(r"^(#{1,6})(?=[^\s#])")
_EXTERNAL_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?(?:[A-Za-z][A-Za-z0-9+.-]*:)?//")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_EMPTY_LINK = re.compile(r"(?<!!)\[[^\]]+\]\(\s*\)")
# Invisible in any editor, never wanted in prose (characters.py).
INVISIBLE = re.compile(f"[{PASTED_INVISIBLE}]")
# A list pasted with the marks of a word processor: « • » anywhere, « — » or « – » opening a line.
_PASTED_ITEM = re.compile(r"^\s*([•▪◦·]|[—–](?=\s))|\s([•▪◦])\s")


def without_invisible(text: str) -> str:
    """The text without the invisible characters pasted into it (make typographie)."""
    return INVISIBLE.sub("", text)


def markdown_problems(shown: str, text: str) -> list[Problem]:
    """The slips of a Markdown text, each at its line and column."""
    problems = []
    for number, line in prose_lines(text):
        masked = code_masked(line)
        heading = _HEADING_WITHOUT_SPACE.match(masked)
        if heading:
            marks = heading.group(1)
            problems.append(
                Problem(
                    shown,
                    number,
                    1,
                    f"titre sans espace après {guillemets(marks)}{NNBSP}: Markdown le publierait "
                    f"comme une phrase ordinaire{NNBSP}; écrivez {guillemets(marks + ' ' + line[len(marks) :].strip())}.",
                )
            )
        for match in _EXTERNAL_IMAGE.finditer(masked):
            problems.append(
                Problem(
                    shown,
                    number,
                    match.start() + 1,
                    f"image chargée depuis un autre site{NBSP}: le site ne demande rien à un serveur "
                    f"tiers (la politique de sécurité des pages la bloquerait){NNBSP}; enregistrez "
                    f"l'image dans docs/images/ et liez-la par son chemin (CONTRIBUTING.md, {guillemets('Mettre une image')}), "
                    "ou faites-en "
                    "un lien.",
                )
            )
        for match in _FOOTNOTE.finditer(masked):
            problems.append(
                Problem(
                    shown,
                    number,
                    match.start() + 1,
                    f"note de bas de page {guillemets(match.group())} non prise en charge{NBSP}: elle "
                    f"serait publiée telle quelle{NNBSP}; citez la source par un lien "
                    f"{guillemets('[titre](adresse)')} dans la phrase.",
                )
            )
        for match in _EMPTY_LINK.finditer(masked):
            problems.append(
                Problem(
                    shown,
                    number,
                    match.start() + 1,
                    f"lien sans adresse {guillemets(match.group())}{NNBSP}; ajoutez l'adresse entre "
                    "les parenthèses, ou retirez les crochets.",
                )
            )
        for match in INVISIBLE.finditer(line):
            problems.append(
                Problem(
                    shown,
                    number,
                    match.start() + 1,
                    f"caractère invisible {unicode_name(match.group())}, sans doute collé d'une page web ou "
                    f"d'un traitement de texte{NNBSP}; supprimez-le ({guillemets('make typographie')} retire ces "
                    "caractères de toutes les pages).",
                )
            )
        item = _PASTED_ITEM.search(masked)
        if item:
            mark = (item.group(1) or item.group(2)).strip()
            problems.append(
                Problem(
                    shown,
                    number,
                    item.start() + 1,
                    f"liste collée avec des {guillemets(mark)}{NBSP}: Markdown ne les connaît pas et publierait "
                    f"ses éléments dans un seul paragraphe{NNBSP}; écrivez chaque élément sur sa ligne, "
                    f"commençant par {guillemets('-')} et une espace, après une ligne vide.",
                )
            )
    return problems
