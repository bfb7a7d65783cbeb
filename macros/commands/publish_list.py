"""make publier-liste: after a publication, rewrite the list of published figures
(data/publie/chiffres.csv) and of the monographs' ids the site answers for (data/publie/ids.txt)."""

from __future__ import annotations

import sys
from pathlib import Path

from macros.checks import addresses
from macros.checks.changed_figures import french_day
from macros.checks.validate import load_catalogue
from macros.model.collections import DataPaths
from macros.model.published import LIST, figure_values, write_list
from macros.model.version import current_edition
from macros.problems import NBSP, DataError


def main(argv: list[str] | None = None) -> int:
    """Rewrite data/publie/chiffres.csv from the data: the figures as just published."""
    paths = DataPaths(Path(argv[0]) if argv else Path.cwd())
    try:
        catalogue = load_catalogue(paths)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    values = figure_values(catalogue.records.get("chiffres", []), catalogue.initiatives)
    # The day of the edition just published (the last commit's, as in the footer).
    day = current_edition(paths.project_dir).jour
    target = paths.data(LIST)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(write_list(values, day), encoding="utf-8")
    print(f"{paths.display(target)}{NBSP}: {len(values)} chiffres, publiés le {french_day(day)}.")
    # The addresses of the monographs, current, former and withdrawn: none may break later.
    ids = addresses.addresses(catalogue.initiatives, catalogue.records.get("retraits", []))
    target = paths.data(addresses.IDS_LIST)
    target.write_text(addresses.write_ids(ids), encoding="utf-8")
    print(f"{paths.display(target)}{NBSP}: {len(ids)} identifiants de monographies.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
