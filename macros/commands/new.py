"""`make new ID=<slug>`: scaffold a new initiative, its data entry and its monograph.

The YAML entry is written from the schema itself, so it always lists every field of the
contract: required fields hold the placeholder « À COMPLÉTER » (validation reports each of
them until it is filled), optional fields are commented out with their description, and an
optional group (creation, jalons…) lists its own keys, so that uncommenting it gives the
placeholders to fill. Nothing is ever overwritten: the entry is inserted at its place in id
order (model/entry_blocks.py: two editors adding one each on two branches add them in two
places, which git merges cleanly), the other entries' lines kept byte for byte, only once
the data file is read without problem and the id is new.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from macros.checks.diagnosis import diagnose
from macros.checks.prose_sections import MONOGRAPH_SECTIONS
from macros.model.collections import DataPaths
from macros.model.entry_blocks import EntryBlocks, split_entries
from macros.model.scaffold import INTRODUCTION, field_help
from macros.model.schema import TODO, inlined_schema
from macros.model.yaml_source import YamlDocument, load_yaml
from macros.problems import NBSP, DataError, guillemets

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _resolve(schema: dict, definitions: dict) -> dict:
    """Follow a local $ref (#/$defs/…) to the schema it names."""
    while "$ref" in schema and schema["$ref"].startswith("#/$defs/"):
        path = schema["$ref"].removeprefix("#/$defs/").split("/")
        target = definitions
        for part in path:
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _required(schema: dict) -> list:
    """Required fields, plus the first choice of an « at least one of » rule (anyOf)."""
    required = list(schema.get("required", []))
    if schema.get("anyOf"):
        required += schema["anyOf"][0].get("required", [])
    return required


def _commented(lines: list[str], indent: str) -> list[str]:
    """Lines commented out at their indentation: removing « # » gives them back."""
    return [f"{indent}# {line[len(indent) :]}" for line in lines]


def _lines(properties: dict, required: list, definitions: dict, indent: str, first_prefix: str = ""):
    """YAML lines for an object: required fields to fill, optional ones commented out (an
    optional group with its own keys: uncommenting it once gives its placeholders, and its
    own optional keys, still commented)."""
    lines = []
    prefix = first_prefix
    for name, raw in properties.items():
        schema = _resolve(raw, definitions)
        lead = indent if not prefix else prefix
        prefix = ""
        comment = field_help(schema)
        needed = name in required
        if schema.get("type") == "object":
            block = [f"{lead}{name}:"]
            block += _lines(schema["properties"], _required(schema), definitions, indent + "  ")
        elif schema.get("type") == "array" and _resolve(schema["items"], definitions).get("type") == "object":
            items = _resolve(schema["items"], definitions)
            block = [f"{lead}{name}:"]
            block += _lines(items["properties"], _required(items), definitions, indent + "    ", first_prefix=indent + "  - ")
        elif schema.get("type") == "array":
            block = [f"{lead}{name}: [{TODO}]"]
        else:
            block = [f"{lead}{name}: {TODO}"]
        if not needed:
            block = _commented(block, indent) if not lead.strip() else [f"{lead}# {block[0][len(lead) :]}"] + _commented(block[1:], indent)
        # The help on a line of its own, above its field, never after a value: an editor who
        # quotes the value cannot take the help into it. Over an optional field, it is commented
        # twice, so that uncommenting the field leaves it a comment.
        # The first key of a list item has its help above the « - » line.
        column = lead[:-2] if lead.strip() else indent
        lines += ([f"{column}{'# ' if needed else '# # '}{comment}"] if comment else []) + block
    return lines


def entry_yaml(paths: DataPaths, initiative_id: str) -> str:
    """The YAML block of a new initiative, every field of the schema listed."""
    definitions = inlined_schema(paths.schema("initiatives.schema.json").resolve())["$defs"]
    initiative = definitions["initiative"]
    # A new initiative has no former id (anciens_ids): that field is for a renamed one.
    properties = {name: schema for name, schema in initiative["properties"].items() if name != "anciens_ids"}
    lines = _lines(properties, initiative["required"], definitions, "  ", first_prefix="- ")
    # The id is given: its line (and no help above it) opens the entry.
    first = next(index for index, line in enumerate(lines) if line.startswith("- "))
    lines = [f"- id: {initiative_id}"] + lines[first + 1 :]
    return "\n".join(lines) + "\n"


def monograph_markdown() -> str:
    """The expected sections of a monograph, each to be written."""
    parts = [f"{TODO}{NBSP}: {INTRODUCTION}\n"]
    parts += [f"## {title}\n\n{TODO}\n" for title in MONOGRAPH_SECTIONS]
    return "\n".join(parts)


def read_list(paths: DataPaths, data: Path, command: str = "make new") -> tuple[YamlDocument | None, str | None]:
    """A data file read (a list of entries), or the report of why it cannot be (as make check)."""
    document, problems = load_yaml(data, paths.display(data))
    if problems:
        problems = diagnose(data.read_bytes().decode("utf-8", "replace"), problems, paths.display(data))
        return None, DataError(problems).report()
    if not isinstance(document.data, list):
        return None, (
            f"{paths.display(data)} doit être une liste d'entrées (lignes {guillemets('- id: …')}){NBSP}: {command} n'y a rien changé."
        )
    return document, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Crée une nouvelle initiative à compléter.")
    parser.add_argument("id", help="identifiant : minuscules, chiffres et tirets (ex. tiers-lieu-exemple)")
    parser.add_argument("--projet", type=Path, default=Path.cwd())
    arguments = parser.parse_args(argv)
    paths = DataPaths(arguments.projet)
    initiative_id = arguments.id
    if not _SLUG.fullmatch(initiative_id):
        print(
            f"Identifiant {guillemets(initiative_id)} invalide{NBSP}: minuscules sans accents, chiffres et "
            "tirets seulement (ex. tiers-lieu-exemple).",
            file=sys.stderr,
        )
        return 2
    data = paths.data("initiatives.yaml")
    monograph = paths.monographs() / f"{initiative_id}.md"
    document, report = read_list(paths, data)
    if report:
        print(report, file=sys.stderr)
        print(f"make new n'a rien écrit{NBSP}: corrigez d'abord {paths.display(data)}.", file=sys.stderr)
        return 1
    assert document is not None  # read_list gives the document or a report
    existing = next((index for index, item in enumerate(document.data) if isinstance(item, dict) and item.get("id") == initiative_id), None)
    if existing is not None:
        line = document.position((existing, "id"))[0]
        print(
            f"L’initiative {guillemets(initiative_id)} existe déjà ({paths.display(data)}:{line}){NBSP}: make new n'a rien écrit.",
            file=sys.stderr,
        )
        return 2
    if monograph.exists():
        print(
            f"{paths.display(monograph)} existe déjà{NBSP}: make new n'écrase aucun fichier "
            f"(renommez-le, ou ajoutez son entrée à la main).",
            file=sys.stderr,
        )
        return 2
    text = data.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    blocks = split_entries(text, document)
    if blocks is None:
        # Entries not each on a « - » line at column 1: appended after a blank line.
        separator = "" if text.endswith(newline * 2) else (newline if text.endswith(newline) else newline * 2)
        blocks = EntryBlocks(text + separator, [], [], [])
    # Inserted, never rewritten: the editor's lines stay byte for byte as they were.
    index = blocks.insert(initiative_id, entry_yaml(paths, initiative_id).replace("\n", newline))
    data.write_bytes(blocks.text().encode("utf-8"))
    monograph.write_text(monograph_markdown(), encoding="utf-8")
    where = f"avant {guillemets(str(blocks.keys[index + 1]))}" if index + 1 < len(blocks.keys) else "à la fin"
    print(
        f"Créés{NBSP}: une entrée {guillemets(initiative_id)} dans {paths.display(data)} (à sa place dans l'ordre des id, {where}) et "
        f"{paths.display(monograph)}.\nRemplacez chaque {guillemets(TODO)}, décommentez les champs "
        f"connus, puis lancez {guillemets('make check')}{NBSP}: il liste ce qui reste à compléter."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
