"""`make check`: validate every data file and monograph, report all problems in French.

Usage: python -m macros.check [--projet DOSSIER]
Exit status: 0 when the data is valid, 1 when there are problems. With GITHUB_ACTIONS=true,
each problem is also printed as a GitHub annotation (::error file=…,line=…,col=…::…).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .structure.catalogue import DataPaths, load_catalogue
from .structure.problems import NBSP, DataError
from .structure.schema import check_schemas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie les données du site (schéma et cohérence).")
    parser.add_argument("--projet", type=Path, default=Path.cwd(), help="dossier du projet (par défaut : le dossier courant)")
    arguments = parser.parse_args(argv)
    paths = DataPaths(arguments.projet)
    schema_problems = check_schemas(paths.project_dir / paths.schemas_dir)
    if schema_problems:
        print("\n".join(schema_problems), file=sys.stderr)
        return 1
    try:
        catalogue = load_catalogue(paths)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            # Each problem also as an annotation, on the editor's line in the pull request.
            print(error.annotations())
        return 1
    count = len(catalogue.initiatives)
    print(f"Données valides{NBSP}: {count} initiative{'s' if count > 1 else ''}, "
          f"{len(catalogue.prose)} monographie{'s' if len(catalogue.prose) > 1 else ''}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
