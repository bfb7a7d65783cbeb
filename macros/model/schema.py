"""The data contract: the JSON Schemas of data/schemas/, their references inlined, and their
compiled validators (the French explanation of a violation: checks/schema_errors.py)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jsonschema_rs


@lru_cache(maxsize=None)
def _checked_schema(path: Path) -> dict:
    """A schema file, read once. (`check_schemas` checks them against the meta-schema: run by
    `make check` and the tests, not by every build.)"""
    return json.loads(path.read_text(encoding="utf-8"))


def check_schemas(folder: Path) -> list[str]:
    """Each schema of a folder against the draft 2020-12 meta-schema: the problems found."""
    problems = []
    for path in sorted(folder.glob("*.schema.json")):
        if problem := _schema_problem(path.read_text(encoding="utf-8")):
            problems.append(f"{path.name} : schéma invalide ({problem})")
    return problems


@lru_cache(maxsize=64)
def _schema_problem(text: str) -> str | None:
    """What is wrong with a schema's text, if anything. Kept by text: checking against the
    meta-schema is the costliest step of a check, and the schemas seldom change between two
    checks of one process (make serve, the tests' edited copies)."""
    from jsonschema import Draft202012Validator

    try:
        Draft202012Validator.check_schema(json.loads(text))
    except Exception as error:  # the message names what is wrong in the schema
        return str(error).splitlines()[0]
    return None


@lru_cache(maxsize=None)
def inlined_schema(path: Path) -> dict:
    """A schema with every `$ref` replaced by its target, here or in a sibling schema.

    Our schemas are not recursive, and each one's `$id` is its file name: resolving the
    references once spares validators a look-up per value, and needs no library.
    """
    return _inline(_checked_schema(path), path.name, path.parent)


def _inline(schema, current: str, folder: Path):
    if isinstance(schema, list):
        return [_inline(item, current, folder) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        document, _, pointer = schema["$ref"].partition("#")
        document = document or current
        target = _checked_schema(folder / document)
        for part in pointer.strip("/").split("/") if pointer.strip("/") else []:
            target = target[part.replace("~1", "/").replace("~0", "~")]
        resolved = _inline(target, document, folder)
        return {**resolved, **{key: _inline(value, current, folder) for key, value in schema.items() if key != "$ref"}}
    return {key: _inline(value, current, folder) for key, value in schema.items()}


@lru_cache(maxsize=None)
def validator_for(path: Path):
    """The jsonschema validator of a schema file, for explaining errors (imported only then)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(inlined_schema(path))


# What `make new` writes where the editor has something to fill in.
TODO = "À COMPLÉTER"


@lru_cache(maxsize=None)
def fast_validator(path: Path):
    """A compiled validator (jsonschema-rs) for the common case: data that is valid."""
    return jsonschema_rs.validator_for(inlined_schema(path))


def is_valid(schema_path: Path, data) -> bool:
    """Whether data meets a schema (the compiled validator: fast, no explanation)."""
    return fast_validator(schema_path.resolve()).is_valid(data)
