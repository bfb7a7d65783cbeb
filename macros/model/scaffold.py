"""The text `make new` writes for the editor to replace: its placeholders and its help.

The help above each field of a new entry is the field's description in the schema (or the
list of its allowed values); the monograph opens with a placeholder sentence. None of it is
meant to be published: `make check` refuses it where it was left (checks/leftovers.py).
"""

from __future__ import annotations

from pathlib import Path

from macros.model.schema import inlined_schema

# What the monograph's introduction should be, after « À COMPLÉTER : ».
INTRODUCTION = "un paragraphe d’introduction (deux à quatre phrases)."


def field_help(schema: dict) -> str:
    """The help line `make new` writes above a field."""
    if "enum" in schema:
        return "une valeur parmi : " + ", ".join(schema["enum"])
    return schema.get("description", "")


def _helps(schema):
    if isinstance(schema, dict):
        if "description" in schema or "enum" in schema:
            text = field_help(schema)
            if text:
                yield text
        for value in schema.values():
            yield from _helps(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _helps(value)


def help_texts(schema_path: Path) -> list[str]:
    """Every help line the scaffold of a schema's entries may write, longest first."""
    return sorted(set(_helps(inlined_schema(schema_path.resolve()))), key=len, reverse=True)
