"""`make offline`: the offline edition, as one zip that opens from file:// with no network.

Builds mkdocs.offline.yml (no directory URLs, the search index as scripts, the PDF editions
when present) into a temporary folder, checks its links, and writes a reproducible zip (sorted entries, fixed dates).
Its name carries the edition's version (dist/rapports-labo-ess-2021-hors-ligne-2026.11.27.zip),
so that a reader can say which edition they hold. The published address, SITE_URL in the
environment as for `make build`, is what « Citer cette page » gives in the bundle (never the
reader's own file:// path): without it the citations carry no address, and the command says so.
Usage: SITE_URL=https://… python -m macros.commands.offline [--sortie dist/rapports-labo-ess-2021-hors-ligne-<version>.zip]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from macros.commands.linkcheck import check_site
from macros.model.version import current_edition

ROOT = Path(__file__).resolve().parents[2]  # the project: macros/commands/ is two levels down
NAME = "rapports-labo-ess-2021"


NO_ADDRESS = (
    "attention\u00a0: SITE_URL n’est pas donnée, les références «\u00a0Citer cette page\u00a0» de l’édition hors ligne "
    "n’auront pas l’adresse publique des pages. Donnez-la comme à la publication\u00a0: SITE_URL=https://…/ make offline"
)


def build_offline(project: Path, archive: Path) -> Path:
    if not os.environ.get("SITE_URL", "").strip():
        print(NO_ADDRESS, file=sys.stderr)
    work = Path(tempfile.mkdtemp(prefix="hors-ligne-"))
    try:
        site = work / NAME
        environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.offline.yml", "--site-dir", str(site)],
            cwd=project,
            env=environment,
            check=True,
        )
        problems = check_site(site)
        if problems:
            raise SystemExit("liens cassés dans l'édition hors ligne :\n  " + "\n  ".join(problems))
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0")) or int(time.time())
        stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
        archive.parent.mkdir(parents=True, exist_ok=True)
        partial = archive.with_suffix(".zip.partiel")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
            for path in sorted(site.rglob("*")):
                if path.is_file():
                    info = zipfile.ZipInfo(f"{NAME}/{path.relative_to(site).as_posix()}", date_time=stamp)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    bundle.writestr(info, path.read_bytes())
        partial.replace(archive)
        return archive
    finally:
        shutil.rmtree(work, ignore_errors=True)


def archive_name(project: Path) -> str:
    """« rapports-labo-ess-2021-hors-ligne-2026.11.27.zip »: the edition in the name."""
    return f"{NAME}-hors-ligne-{current_edition(project).numero}.zip"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Construit l'édition hors ligne (zip).")
    parser.add_argument("--projet", type=Path, default=ROOT)
    parser.add_argument("--sortie", type=Path, help="par défaut dist/" + NAME + "-hors-ligne-<version>.zip")
    arguments = parser.parse_args(argv)
    output = arguments.sortie or arguments.projet / "dist" / archive_name(arguments.projet)
    archive = build_offline(arguments.projet, output)
    print(f"{archive} : {archive.stat().st_size // 1024} Ko")
    return 0


if __name__ == "__main__":
    sys.exit(main())
