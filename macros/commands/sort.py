"""`make trier`: put the entries of data/initiatives.yaml back in id order, nothing else changed.

Usage: python -m macros.commands.sort [--projet DOSSIER]

Each entry moves whole, byte for byte, with its comments (model/entry_blocks.py); the header
and the blank lines between entries stay in place. The same file always gives the same
result, and a file already in order is left untouched. The file is read strictly first: when
it has a problem, nothing is written and the problem is shown, as `make check` would.
Exit status: 0 when the file is in order (sorted now or already), 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.checks.merges import kept_in_order
from macros.commands.new import read_list
from macros.model.collections import COLLECTIONS, DataPaths
from macros.model.entry_blocks import sort_key, split_entries
from macros.problems import NBSP, NNBSP, guillemets, plural


def sort_file(paths: DataPaths, data: Path, key: str) -> int:
    """Sort one file in place; prints what was done; 0 or 1."""
    shown = paths.display(data)
    document, report = read_list(paths, data, "make trier")
    if report:
        print(report, file=sys.stderr)
        print(f"make trier n'a rien écrit{NBSP}: corrigez d'abord {shown}.", file=sys.stderr)
        return 1
    assert document is not None  # read_list gives the document or a report
    text = data.read_bytes().decode("utf-8")
    blocks = split_entries(text, document, key)
    if blocks is None:
        print(
            f"{shown}{NBSP}: make trier n'a rien écrit, car chaque entrée doit commencer par sa ligne "
            f"{guillemets(f'- {key}: …')}, en colonne 1.",
            file=sys.stderr,
        )
        return 1
    if any(not isinstance(item, str) for item in blocks.keys):
        print(f"{shown}{NBSP}: make trier n'a rien écrit, car une entrée n'a pas de {guillemets(key)}.", file=sys.stderr)
        return 1
    ordered = blocks.sorted()
    # The entries out of place, as make check names them (the others stay in their order).
    moved = len(blocks.keys) - len(kept_in_order([sort_key(key) for key in blocks.keys]))
    if not moved:
        print(f"{shown}{NBSP}: les {len(blocks.keys)} entrées sont déjà dans l'ordre des {key}.")
        return 0
    data.write_bytes(ordered.text().encode("utf-8"))
    print(
        f"{shown}{NBSP}: {plural(moved, 'entrée')} {'remises à leur' if moved > 1 else 'remise à sa'} place, les {len(blocks.keys)} "
        f"entrées rangées par ordre des {key}{NNBSP}; le texte de chaque entrée est inchangé."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Range les entrées de data/initiatives.yaml par ordre des id, sans rien changer d'autre.")
    parser.add_argument("--projet", type=Path, default=Path.cwd(), help="dossier du projet (par défaut : le dossier courant)")
    arguments = parser.parse_args(argv)
    paths = DataPaths(arguments.projet)
    status = 0
    for collection in COLLECTIONS.values():
        if collection.ordered:
            for data in sorted((paths.project_dir / paths.data_dir).glob(collection.pattern)):
                status = max(status, sort_file(paths, data, collection.key))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
