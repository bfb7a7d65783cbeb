"""`make build`: validate, build strictly into a temporary folder, check its links, then swap.

A failed build (bad data, strict warning, broken link) leaves the previous site untouched.
Usage: python -m macros.commands.build [--site DOSSIER] [--projet DOSSIER]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from macros.commands.linkcheck import check_site


def build(project: Path, site: Path, extra: list[str] | None = None) -> int:
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".construction-", dir=site.parent))
    try:
        fresh = work / "site"
        environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(fresh), *(extra or [])], cwd=project, env=environment
        )
        if result.returncode != 0:
            print("Construction interrompue : le site publié précédemment est inchangé.", file=sys.stderr)
            return result.returncode
        problems = check_site(fresh)
        if problems:
            print(f"{len(problems)} lien(s) cassé(s) :", *problems, sep="\n  ", file=sys.stderr)
            print("Construction interrompue : le site publié précédemment est inchangé.", file=sys.stderr)
            return 1
        # Swap: the old site is moved aside, the new one takes its place, the old one goes.
        old = work / "ancien"
        if site.exists():
            site.rename(old)
        fresh.rename(site)
        print(f"Site construit dans {site}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Construit le site sans jamais abîmer le précédent.")
    parser.add_argument("--projet", type=Path, default=Path.cwd())
    parser.add_argument("--site", type=Path, default=Path("site"))
    arguments = parser.parse_args(argv)
    site = arguments.site if arguments.site.is_absolute() else arguments.projet / arguments.site
    return build(arguments.projet, site)


if __name__ == "__main__":
    sys.exit(main())
