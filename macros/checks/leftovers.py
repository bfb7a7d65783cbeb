"""Text of the `make new` scaffold left where an editor filled in their own.

« À COMPLÉTER » is found by the schema (data) and prose.py (monographs); this finds the rest of
the scaffold once that word is gone: a help line taken into a value (quoting a line with its
comment, or pasting the help), and the monograph's placeholder sentence. The scaffold's text
is read from model/scaffold.py, the one place `make new` takes it from.
"""

from __future__ import annotations

import re
from pathlib import Path

from macros.checks.merges import fold
from macros.checks.schema_errors import field_path
from macros.model.scaffold import INTRODUCTION, help_texts
from macros.model.schema import TODO
from macros.model.yaml_source import YamlDocument, leaves
from macros.problems import NBSP, NNBSP, Problem, guillemets

# A help sentence this long is never a value's own words: found inside a longer value too
# (shorter ones, « Une thématique. », only when they are the whole value).
_WORDS_INSIDE = 5


def data_leftovers(document: YamlDocument, schema_path: Path, record_name) -> list[Problem]:
    """Each value that holds a help line of the scaffold, at the value."""
    # Folded help line → as written; a long one is also looked for inside a value (one pattern).
    helps = {fold(text): text for text in help_texts(schema_path)}
    long_ones = [re.escape(folded) for folded in helps if len(folded.split()) >= _WORDS_INSIDE]
    inside = re.compile("|".join(long_ones)) if long_ones else None
    skip = 1 if isinstance(document.data, list) else 0
    problems = []
    for path, value in leaves(document.data):
        if not isinstance(value, str) or TODO in value:
            continue
        folded = fold(value)
        match = inside.search(folded) if inside and folded not in helps else None
        if folded not in helps and match is None:
            continue
        found = helps[folded] if folded in helps else helps[match.group()] if match else ""
        line, column = document.position(path)
        problems.append(
            Problem(
                document.path,
                line,
                column,
                f"aide du modèle de {guillemets('make new')} restée dans la valeur{NBSP}: {guillemets(found)}{NNBSP}; "
                "elle serait publiée. Écrivez la valeur seule (l'aide reste en commentaire, sur sa ligne, au-dessus du champ).",
                record=record_name(path),
                field_path=field_path(path[skip:]) or None,
            )
        )
    return problems


def prose_leftovers(shown: str, text: str) -> list[Problem]:
    """Each line of a monograph that still holds the scaffold's placeholder sentence."""
    sentence = fold(INTRODUCTION)
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if TODO not in line and sentence in fold(line):
            problems.append(
                Problem(
                    shown,
                    number,
                    1,
                    f"phrase du modèle de {guillemets('make new')} restée dans le texte{NBSP}: {guillemets(INTRODUCTION)}"
                    f"{NNBSP}; remplacez-la par l'introduction de la monographie (deux à quatre phrases qui présentent la dynamique).",
                )
            )
    return problems
