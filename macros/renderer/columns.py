"""A column of an open-data CSV file, and its Table Schema field derived from our JSON Schemas.

A column names the schema fields its values come from (`champs`): the field's type and
constraints (enum, pattern, lengths, bounds) are read there, so that the data package
(datapackage.py) never restates what the schemas already say. A column that several schemas
feed (an initiative's id and a PTCE's id) takes the loosest of their constraints.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import cast

from macros.model.schema import inlined_schema

# JSON Schema type → Table Schema type (arrays and objects never reach a CSV cell as such).
_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}


@dataclass(frozen=True)
class Column:
    titre: str  # Table Schema « title », in French
    description: str  # what it holds, shown on the « Données ouvertes » page
    # Schema fields the values come from: « file#definition/field/subfield »; « definition » is a
    # $defs name, or « items » for a file whose records are its top-level items.
    champs: tuple[str, ...] = ()
    type: str | None = None  # Table Schema type of a column that no schema field describes
    valeurs: tuple[str, ...] = ()  # allowed values of the export itself, added to the schema's enum
    liste: str | None = None  # separator of a list of schema values in one cell (« | »)
    requis: bool = False  # every row has a value

    def field(self, name: str, schemas_dir: Path) -> dict:
        """The Table Schema field of this column."""
        specs = [resolve(schemas_dir.resolve(), reference) for reference in self.champs]
        field: dict = {"name": name, "title": self.titre, "description": self.description}
        constraints = _merged(specs)
        if self.liste:
            field["type"] = "string"
            item = constraints.pop("pattern", None) or (_alternatives(constraints["enum"]) if "enum" in constraints else None)
            constraints = {"pattern": f"({item})({_escaped(self.liste)}({item}))*"} if item else {}
        else:
            field["type"] = self.type or _table_type(specs)
            if field["type"] == "string" and _is_url(specs):
                field["format"] = "uri"
        if self.valeurs:
            constraints["enum"] = [*constraints.get("enum", []), *self.valeurs]
        if field["type"] == "boolean":
            field.update(trueValues=["true"], falseValues=["false"])
        if self.requis:
            constraints["required"] = True
        if constraints:
            field["constraints"] = constraints
        return field


@lru_cache(maxsize=None)
def _schema(path: Path) -> dict:
    return inlined_schema(path)


def resolve(schemas_dir: Path, reference: str) -> dict:
    """The JSON Schema of a field, « initiatives.schema.json#initiative/territoire/commune »."""
    file, _, path = reference.partition("#")
    definition, *fields = path.strip("/").split("/")
    schema = _schema(schemas_dir / file)
    spec = schema["items"] if definition == "items" else schema["$defs"][definition]
    for name in fields:
        spec = spec.get("items", spec) if spec.get("type") == "array" else spec
        spec = spec["properties"][name]
    return spec


def _table_type(specs: list[dict]) -> str:
    kinds = {kind for spec in specs for kind in ([spec["type"]] if isinstance(spec.get("type"), str) else spec.get("type", []))}
    if len(kinds) == 1 and next(iter(kinds)) in _TYPES:
        return _TYPES[next(iter(kinds))]
    return "string"  # a partial date is a year or a text: a text in CSV


def _merged(specs: list[dict]) -> dict:
    """The loosest constraints that every spec allows (a bound every spec has, the widest)."""
    if not specs:
        return {}
    merged: dict = {}
    for keyword, loosest in (("minLength", min), ("minimum", min), ("maxLength", max), ("maximum", max)):
        if all(keyword in spec for spec in specs):
            merged[keyword] = loosest(spec[keyword] for spec in specs)
    if all("enum" in spec for spec in specs):
        merged["enum"] = list(dict.fromkeys(value for spec in specs for value in spec["enum"]))
    patterns = {spec.get("pattern") for spec in specs}
    if len(patterns) == 1 and None not in patterns:
        # Table Schema patterns are XML Schema expressions, anchored without ^ and $.
        merged["pattern"] = cast(str, next(iter(patterns))).removeprefix("^").removesuffix("$")  # the one, not None
    if _table_type(specs) == "string":
        # Bounds of a year that may also be a date (« 2013 » or « 2013-01 »): a text in CSV.
        merged.pop("minimum", None)
        merged.pop("maximum", None)
    return merged


def _is_url(specs: list[dict]) -> bool:
    return bool(specs) and all(spec.get("pattern", "").startswith("^https?://") for spec in specs)


def _alternatives(values: list[str]) -> str:
    return "|".join(_escaped(value) for value in values)


def _escaped(text: str) -> str:
    return "".join("\\" + char if char in r"\.^$|?*+()[]{}-" else char for char in text)
