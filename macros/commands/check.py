"""`make check`: validate every data file and monograph, report all problems in French.

Usage: python -m macros.commands.check [--projet DOSSIER] [--typographie]
Exit status: 0 when the data is valid (warnings may be shown), 1 when there are problems.
With GITHUB_ACTIONS=true, each problem is also printed as a GitHub annotation
(::error file=…,line=…,col=…::…, ::warning for a warning).
With --typographie, the spaces of the prose (monographs and docs/) are fixed first.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from macros.checks.editorial import AUTOMATIC_FIX
from macros.checks.prose_markdown import without_invisible
from macros.checks.typography import fix_typography
from macros.checks.validate import load_catalogue
from macros.model.collections import DataPaths
from macros.model.schema import check_schemas
from macros.problems import NBSP, DataError, github_annotations, guillemets, plural, sorted_problems


def _fix_prose(paths: DataPaths) -> int:
    """Make the spaces of every monograph and page right; the number of files changed."""
    changed = 0
    for path in sorted(paths.monographs().glob("*.md")) + sorted((paths.project_dir / paths.docs_dir).rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        fixed = fix_typography(without_invisible(text))
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
            print(f"Typographie corrigée{NBSP}: {paths.display(path)}")
            changed += 1
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie les données du site (schéma et cohérence).")
    parser.add_argument("--projet", type=Path, default=Path.cwd(), help="dossier du projet (par défaut : le dossier courant)")
    parser.add_argument(
        "--typographie", action="store_true", help="corrige d'abord les espaces de la prose (monographies et pages de docs/)"
    )
    arguments = parser.parse_args(argv)
    paths = DataPaths(arguments.projet)
    if arguments.typographie:
        _fix_prose(paths)
    schema_problems = check_schemas(paths.project_dir / paths.schemas_dir)
    if schema_problems:
        print("\n".join(schema_problems), file=sys.stderr)
        return 1
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    try:
        catalogue = load_catalogue(paths, editorial_checks=True)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        if any(problem.kind == "typographie" and problem.file.endswith(".md") for problem in error.problems):
            print(f"Les espaces de la prose se corrigent d'un coup{NBSP}: {guillemets(AUTOMATIC_FIX)}.", file=sys.stderr)
        if github:
            # Each problem also as an annotation, on the editor's line in the pull request.
            print(error.annotations())
        return 1
    if catalogue.warnings:
        warnings = sorted_problems(catalogue.warnings)
        print(f"{plural(len(warnings), 'avertissement')}{NBSP}:", *(f"  {warning}" for warning in warnings), sep="\n")
        if github:
            print(github_annotations(warnings))
    count = len(catalogue.initiatives)
    print(
        f"Données valides{NBSP}: {count} initiative{'s' if count > 1 else ''}, "
        f"{len(catalogue.prose)} monographie{'s' if len(catalogue.prose) > 1 else ''}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
