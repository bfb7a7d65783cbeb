"""The macro calls of the pages of docs/, checked against the data before any page is rendered.

A page of docs/ is prose with calls such as {{ chiffre("ptce-2020-panel-mes") }}. Without this
check, an unknown macro, an unknown id or a call written wrong would pass `make check` and stop
the build with a traceback of the template engine, naming no line. Here each one is a located
French line with the likely fix, from `make check` and from the build alike.
"""

from __future__ import annotations

import re
from pathlib import Path

from macros.page_macros import PAGE_MACROS
from macros.problems import NBSP, NNBSP, Problem, guillemets, suggestion

# Each page macro and the kinds of its text arguments, in order; a kind ending in « ? » may be
# left out (the table of page_macros.py).
SIGNATURES: dict[str, tuple[str, ...]] = {macro.name: macro.arguments for macro in PAGE_MACROS}

# What each kind of argument names, and where an editor finds the valid values.
ARGUMENT_KINDS = {
    "initiative": ("initiative", "data/initiatives.yaml"),
    "chiffre": ("chiffre", "data/chiffres-*.yaml"),
    "affirmation": ("affirmation", "data/affirmations-*.yaml"),
    "serie": ("série de chiffres", "le champ « serie » de data/chiffres-*.yaml"),
    "rapport": ("rapport", "data/schemas/propositions.schema.json"),
    "famille": ("famille de modèles", "data/modeles.yaml"),
}

_OPEN = re.compile(r"\{\{|\{%|\{#")
_CALL = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*\((.*)\)\s*$", re.S)
_ARGUMENT = re.compile(r"\s*(?:\"([^\"\\]*)\"|'([^'\\]*)')\s*(,|$)")
_EXAMPLE = '{{ chiffre("identifiant") }}'


def _problem(shown: str, line: int, column: int, message: str) -> Problem:
    return Problem(shown, line, column, message, kind="macro")


def _arguments(text: str) -> list[str] | None:
    """The quoted text arguments of a call, or None when one is not a quoted text."""
    values: list[str]
    values, position = [], 0
    if not text.strip():
        return values
    while position < len(text):
        match = _ARGUMENT.match(text, position)
        if not match:
            return None
        values.append(match.group(1) if match.group(1) is not None else match.group(2))
        position = match.end()
    return values


def _check_call(shown: str, line: int, column: int, body: str, known: dict[str, set[str]]) -> list[Problem]:
    call = _CALL.match(body)
    if not call:
        return [
            _problem(
                shown,
                line,
                column,
                f"appel de macro illisible {guillemets('{{' + body + '}}')}{NNBSP}; une page n'appelle "
                f"que des macros, sous la forme {guillemets(_EXAMPLE)}.",
            )
        ]
    name, text = call.groups()
    if name not in SIGNATURES:
        close = suggestion(name, list(SIGNATURES))
        hint = f" Vouliez-vous dire {guillemets(close)}{NNBSP}?" if close else ""
        return [_problem(shown, line, column, f"macro {guillemets(name)} inconnue.{hint}")]
    values = _arguments(text)
    if values is None:
        curly = any(mark in text for mark in "“”«»‘’")
        why = (
            "des guillemets typographiques ont remplacé les guillemets droits "
            if curly
            else "un argument n'est pas un texte entre guillemets droits "
        )
        return [
            _problem(
                shown, line, column, f"arguments de {guillemets(name)} illisibles{NBSP}: {why}(exemple{NBSP}: {guillemets(_EXAMPLE)})."
            )
        ]
    kinds = SIGNATURES[name]
    required = [kind for kind in kinds if not kind.endswith("?")]
    if not len(required) <= len(values) <= len(kinds):
        expected = f"{len(required)}" + (f" ou {len(kinds)}" if len(kinds) != len(required) else "")
        return [
            _problem(
                shown, line, column, f"{guillemets(name)} attend {expected} argument{'s' if len(kinds) > 1 else ''}, reçu {len(values)}."
            )
        ]
    problems = []
    for kind, value in zip(kinds, values):
        optional, kind = kind.endswith("?"), kind.rstrip("?")
        if kind not in ARGUMENT_KINDS or value in known.get(kind, set()) or (optional and not value):
            continue
        noun, where = ARGUMENT_KINDS[kind]
        close = suggestion(value, sorted(known.get(kind, set())))
        hint = f" Vouliez-vous dire {guillemets(close)}{NNBSP}?" if close else ""
        problems.append(
            _problem(
                shown,
                line,
                column,
                f"{noun} {guillemets(value)} introuvable dans {where}{NNBSP}; {guillemets(name)} ne pourrait rien afficher.{hint}",
            )
        )
    return problems


def page_call_problems(shown: str, text: str, known: dict[str, set[str]]) -> list[Problem]:
    """Every call of a page that would fail or show nothing, at its line and column."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _OPEN.finditer(line):
            column = match.start() + 1
            if match.group() != "{{":
                problems.append(
                    _problem(
                        shown,
                        number,
                        column,
                        f"syntaxe de gabarit {guillemets(match.group())} interdite{NBSP}: une page "
                        f"n'appelle que des macros, sous la forme {guillemets(_EXAMPLE)}.",
                    )
                )
                continue
            end = line.find("}}", match.end())
            if end < 0:
                problems.append(
                    _problem(
                        shown,
                        number,
                        column,
                        f"appel de macro non fermé{NBSP}: ajoutez {guillemets('}}')} sur la même ligne ({guillemets(_EXAMPLE)}).",
                    )
                )
                continue
            problems += _check_call(shown, number, column, line[match.end() : end], known)
    return problems


def pages_call_problems(docs: Path, display, known: dict[str, set[str]]) -> list[Problem]:
    """The calls of every page of docs/."""
    problems = []
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8", errors="replace")
        if "{" in text:
            problems += page_call_problems(display(page), text, known)
    return problems
