"""« Proposer une correction » under every page: the files, and the lines of them, the page is
made of (pages/provenance.py), each opened in the code host's web editor.

The repository's address is `repo_url` (mkdocs.yml, or the environment variable REPO_URL that
the workflows pass, read by the plugin as SITE_URL is); its branch is the plugin's option
`branche` (« main »). Addresses are GitHub's: `<repo>/edit/<branch>/<path>` opens the web
editor, where saving proposes a pull request (from a fork for whoever may not write); it cannot
select lines, so `<repo>/blob/<branch>/<path>#L10-L42` shows them, and each link says which lines
to change. Without a repository the block names the same files and lines, with no link: never a
dead link.

A page shows its own text first, then one line per data file: a single record with its lines,
or the first records and the rest behind « Tout voir » (a chapter shows tens of figures).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast
from urllib.parse import quote, urlsplit

from macros.pages.provenance import Span
from macros.renderer.templating import template

# Records shown before « Tout voir »: a monograph's few, a chapter's first figures.
SHOWN = 3


@dataclass(frozen=True)
class Depot:
    """A repository on GitHub (or a host with the same addresses) and its branch."""

    url: str
    branch: str

    @property
    def host(self) -> str:
        host = urlsplit(self.url).netloc.lower()
        return "GitHub" if host in ("github.com", "www.github.com") else host

    def edit(self, path: str) -> str:
        return f"{self.url}/edit/{quote(self.branch)}/{quote(path)}"

    def lines(self, span: Span) -> str:
        return f"{self.url}/blob/{quote(self.branch)}/{quote(span.file)}#L{span.first_line}-L{span.last_line}"


def depot(repo_url: str | None, branch: str) -> Depot | None:
    """The repository at `repo_url`, or None when it is not known.

    Raises ValueError, in French, when `repo_url` is not the address of a repository.
    """
    if not repo_url:
        return None
    if not re.match(r"^https?://[^\s/]+/\S+$", repo_url.strip()):
        raise ValueError(
            f"l'adresse du dépôt « {repo_url} » (repo_url, ou la variable REPO_URL) n'est pas "
            "celle d'un dépôt ; attendu par exemple « https://github.com/<compte>/<dépôt> »."
        )
    url = repo_url.strip().rstrip("/")
    return Depot(url[: -len(".git")] if url.endswith(".git") else url, branch)


@dataclass
class _Record:
    span: Span  # the span of a record: its `record` is set (see files_of)
    url: str | None


@dataclass
class _File:
    """One file of the page, as a whole or through some of its records."""

    path: str
    label: str
    edit: str | None
    records: list[_Record] = field(default_factory=list)


def lines_text(span: Span) -> str:
    """« lignes 677 à 1265 », « ligne 12 »."""
    if span.first_line == span.last_line:
        return f"ligne {span.first_line}"
    return f"lignes {span.first_line} à {span.last_line}"


def _noun(record: str) -> str:
    """« source » from « source « cle » »."""
    return record.split(" «", 1)[0]


def _plural(noun: str, count: int) -> str:
    """« 12 sources », « 3 PTCE », « 2 entrées du journal », « 2 monographies retirées »."""
    if count == 1:
        return f"{count} {noun}"
    words = noun.split(" ")
    for index, word in enumerate(words):
        if index and word in ("du", "de", "des", "d’"):
            break
        if not word.endswith(("s", "x")) and not word.isupper():
            words[index] = word + "s"
    return f"{count} {' '.join(words)}"


def files_of(spans: list[Span], depot_: Depot | None) -> list[_File]:
    """The page's files in order of first use: its own text, then the data it shows."""
    files: dict[str, _File] = {}
    whole: set[str] = set()
    seen: set[Span] = set()
    for number, span in enumerate(spans):
        found = files.get(span.file)
        if found is None:
            found = files[span.file] = _File(span.file, "", depot_.edit(span.file) if depot_ else None)
        if span.record is None:
            whole.add(span.file)
            if number == 0:
                found.label = "Le texte de la monographie" if not span.file.startswith("docs/") else "Le texte de la page"
        elif span not in seen:
            seen.add(span)
            found.records.append(_Record(span, depot_.lines(span) if depot_ else None))
    for found in files.values():
        if found.path in whole:
            # A file the page uses whole: its records are all of it.
            found.records = []
            found.label = found.label or "Tout le fichier"
        elif len(found.records) == 1:
            record = found.records[0].span.record
            assert record is not None  # see _Record
            found.label = record[:1].upper() + record[1:]
        else:
            nouns = {_noun(cast(str, record.span.record)) for record in found.records}  # set: see _Record
            found.label = _plural(nouns.pop(), len(found.records)) if len(nouns) == 1 else f"{len(found.records)} entrées"
    return list(files.values())


def block(spans: list[Span], depot_: Depot | None) -> str:
    """The « Proposer une correction » section of a page."""
    return template("corriger.html", files=files_of(spans, depot_), depot=depot_, shown=SHOWN, lines_text=lines_text)
