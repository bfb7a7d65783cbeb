"""`make new ID=<slug>`: scaffold a new initiative, its data entry and its monograph.

The YAML entry is written from the schema itself, so it always lists every field of the
contract: required fields hold the placeholder « À COMPLÉTER » (validation reports each of
them until it is filled), optional fields are commented out with their description.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .structure.catalogue import DataPaths
from .structure.problems import NBSP, guillemets
from .structure.schema import TODO, inlined_schema

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

MONOGRAPH_SECTIONS = [
    "Histoire", "Territoire", "Acteurs et gouvernance", "Modèle économique",
    "Résultats et chiffres", "Place dans l’étude du Labo de l’ESS", "Ce qui reste à documenter",
]


def _resolve(schema: dict, definitions: dict) -> dict:
    """Follow a local $ref (#/$defs/…) to the schema it names."""
    while "$ref" in schema and schema["$ref"].startswith("#/$defs/"):
        path = schema["$ref"].removeprefix("#/$defs/").split("/")
        target = definitions
        for part in path:
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _hint(schema: dict) -> str:
    if "enum" in schema:
        return "une valeur parmi : " + ", ".join(schema["enum"])
    return schema.get("description", "")


def _required(schema: dict) -> list:
    """Required fields, plus the first choice of an « at least one of » rule (anyOf)."""
    required = list(schema.get("required", []))
    if schema.get("anyOf"):
        required += schema["anyOf"][0].get("required", [])
    return required


def _lines(properties: dict, required: list, definitions: dict, indent: str, first_prefix: str = ""):
    """YAML lines for an object: required fields to fill, optional ones commented."""
    lines = []
    prefix = first_prefix
    for name, raw in properties.items():
        schema = _resolve(raw, definitions)
        lead = indent if not prefix else prefix
        prefix = ""
        comment = _hint(schema)
        if name not in required:
            lines.append(f"{lead}# {name}: … ({comment})".rstrip())
            continue
        if schema.get("type") == "object":
            lines.append(f"{lead}{name}:")
            lines += _lines(schema["properties"], _required(schema), definitions, indent + "  ")
        elif schema.get("type") == "array":
            items = _resolve(schema["items"], definitions)
            if items.get("type") == "object":
                lines.append(f"{lead}{name}:")
                lines += _lines(items["properties"], _required(items), definitions,
                                indent + "    ", first_prefix=indent + "  - ")
            else:
                lines.append(f"{lead}{name}: [{TODO}]  # {comment}")
        else:
            lines.append(f"{lead}{name}: {TODO}  # {comment}")
    return lines


def entry_yaml(paths: DataPaths, initiative_id: str) -> str:
    """The YAML block of a new initiative, every field of the schema listed."""
    definitions = inlined_schema(paths.schema("initiatives.schema.json").resolve())["$defs"]
    initiative = definitions["initiative"]
    lines = _lines(initiative["properties"], initiative["required"], definitions, "  ", first_prefix="- ")
    lines[0] = f"- id: {initiative_id}"
    return "\n".join(lines) + "\n"


def monograph_markdown() -> str:
    """The expected sections of a monograph, each to be written."""
    parts = [f"{TODO} : un paragraphe d’introduction (deux à quatre phrases).\n"]
    parts += [f"## {title}\n\n{TODO}\n" for title in MONOGRAPH_SECTIONS]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Crée une nouvelle initiative à compléter.")
    parser.add_argument("id", help="identifiant : minuscules, chiffres et tirets (ex. tiers-lieu-exemple)")
    parser.add_argument("--projet", type=Path, default=Path.cwd())
    arguments = parser.parse_args(argv)
    paths = DataPaths(arguments.projet)
    initiative_id = arguments.id
    if not _SLUG.fullmatch(initiative_id):
        print(f"Identifiant {guillemets(initiative_id)} invalide{NBSP}: minuscules sans accents, chiffres et "
              "tirets seulement (ex. tiers-lieu-exemple).", file=sys.stderr)
        return 2
    data = paths.data("initiatives.yaml")
    monograph = paths.monographs() / f"{initiative_id}.md"
    text = data.read_text(encoding="utf-8")
    if re.search(rf"^- id: {re.escape(initiative_id)}\s*$", text, re.M) or monograph.exists():
        print(f"L’initiative {guillemets(initiative_id)} existe déjà.", file=sys.stderr)
        return 2
    separator = "" if text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
    data.write_text(text + separator + entry_yaml(paths, initiative_id), encoding="utf-8")
    monograph.write_text(monograph_markdown(), encoding="utf-8")
    print(f"Créés{NBSP}: une entrée {guillemets(initiative_id)} à la fin de {paths.display(data)} et "
          f"{paths.display(monograph)}.\nRemplacez chaque {guillemets(TODO)}, décommentez les champs "
          f"connus, puis lancez {guillemets('make check')}{NBSP}: il liste ce qui reste à compléter.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
