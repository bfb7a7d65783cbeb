"""`make verifier-extraits`: are the quoted excerpts still in their sources?

For every source that has excerpts and an address (its original `url`, else the copy it was
read on), the page is fetched once, reduced to its text, and each excerpt is looked for in it,
after normalising what differs between a page and a transcription: spaces, apostrophes,
quotation marks, dashes, case, and the « […] » cuts of a quotation. The report lists the
excerpts not found, located in the data file; sources that cannot be fetched are listed apart
(a dead address is the link check's business, not a wrong excerpt).

    python -m macros.commands.excerpts [--projet DIR] [--source ID …] [--delai SECONDES]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from macros.checks.validate import load_catalogue
from macros.model.claims import claims
from macros.model.collections import COLLECTIONS, DataPaths
from macros.model.yaml_source import load_yaml
from macros.problems import NBSP, DataError, guillemets

USER_AGENT = "labo-ess-verifier-extraits/1.0 (+https://github.com/)"
# What a transcription may write differently from the page: one form for each.
_EQUIVALENT = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "`": "'",
        "´": "'",
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "‑": "-",
        "…": "...",
        "œ": "oe",
        "Œ": "oe",
    }
)
_CUT = re.compile(r"\s*\[(?:…|\.\.\.)\]\s*")


def normalise(text: str) -> str:
    """Text as compared: NFKC, typographic marks unified, one space, lower case."""
    text = unicodedata.normalize("NFKC", html.unescape(text)).translate(_EQUIVALENT)
    return re.sub(r"\s+", " ", text).strip().lower()


def found_in(excerpt: str, page_text: str) -> bool:
    """Every part of the excerpt (split at its « […] » cuts) appears in the page, in order."""
    position = 0
    for part in _CUT.split(excerpt):
        part = normalise(part).strip(" .")
        if not part:
            continue
        position = page_text.find(part, position)
        if position < 0:
            return False
        position += len(part)
    return True


class _TextOnly(HTMLParser):
    """The visible text of an HTML page (scripts and styles left out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def page_text(body: bytes, content_type: str) -> str:
    charset = re.search(r"charset=([\w-]+)", content_type or "")
    decoded = body.decode(charset.group(1) if charset else "utf-8", errors="replace")
    if "html" in (content_type or "html"):
        parser = _TextOnly()
        parser.feed(decoded)
        decoded = " ".join(parser.parts)
    return normalise(decoded)


def fetch(url: str, timeout: float) -> str:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Language": "fr"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return page_text(response.read(), response.headers.get("Content-Type", ""))


@dataclass
class Excerpt:
    """One quoted passage, where it is written in the data, and the source it quotes."""

    file: str
    line: int
    source: str
    text: str


def excerpts_by_source(paths: DataPaths) -> dict[str, list[Excerpt]]:
    """Every excerpt of the data, grouped by source id, with its file and line."""
    grouped: dict[str, list[Excerpt]] = {}
    for name, collection in COLLECTIONS.items():
        for file in sorted((paths.project_dir / paths.data_dir).glob(collection.pattern)):
            document, _ = load_yaml(file, paths.display(file))
            for index, record in enumerate(document.data or []):
                for path, claim in claims(record, (index,)):
                    for position, excerpt in enumerate(claim.get("extraits", [])):
                        line, _ = document.position(path + ("extraits", position, "texte"))
                        grouped.setdefault(excerpt["source"], []).append(Excerpt(document.path, line, excerpt["source"], excerpt["texte"]))
    return grouped


def verify(paths: DataPaths, only: set[str] | None = None, delay: float = 1.0, timeout: float = 20.0, out=sys.stdout) -> int:
    """Check every excerpt against its source page; the number of excerpts not found."""
    catalogue = load_catalogue(paths)
    sources = {source["id"]: source for source in catalogue.records["sources"]}
    missing = checked = 0
    unreachable: list[str] = []
    for source_id, excerpts in sorted(excerpts_by_source(paths).items()):
        if only and source_id not in only:
            continue
        source = sources[source_id]
        url = source.get("url") or source.get("copie_consultee", {}).get("url")
        if not url:
            unreachable.append(f"{guillemets(source_id)}{NBSP}: aucune adresse (référence seulement)")
            continue
        try:
            text = fetch(url, timeout)
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            unreachable.append(f"{guillemets(source_id)}{NBSP}: {url} injoignable ({getattr(error, 'reason', error)})")
            continue
        finally:
            time.sleep(delay)  # a polite pace: one request at a time, spaced
        for excerpt in excerpts:
            checked += 1
            if not found_in(excerpt.text, text):
                missing += 1
                shown = excerpt.text if len(excerpt.text) <= 80 else excerpt.text[:77] + "…"
                print(
                    f"{excerpt.file}:{excerpt.line}: extrait de {guillemets(source_id)} introuvable dans {url}{NBSP}: {guillemets(shown)}",
                    file=out,
                )
    for line in unreachable:
        print(f"non vérifiée{NBSP}: {line}", file=out)
    print(f"{checked} extrait(s) vérifié(s), {missing} introuvable(s), {len(unreachable)} source(s) non vérifiée(s).", file=out)
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie que chaque extrait cité figure dans sa source en ligne.")
    parser.add_argument("--projet", type=Path, default=Path.cwd())
    parser.add_argument("--source", action="append", help="ne vérifier que cette source (id), répétable")
    parser.add_argument("--delai", type=float, default=1.0, help="secondes entre deux requêtes (1 par défaut)")
    arguments = parser.parse_args(argv)
    try:
        missing = verify(DataPaths(arguments.projet), set(arguments.source or []) or None, arguments.delai)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 2
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
