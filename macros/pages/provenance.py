"""Where a page comes from: the files, and the lines of them, that a page is made of.

Two uses share this one answer:
- the « Mis à jour le … » date of a page: the last commit over these lines (history.py);
- « Proposer une correction » (renderer/edit_link.py): a link opening the exact lines of an
  entry in the code host's web editor, e.g. `…/edit/main/{span.file}#L{span.first_line}-L{span.last_line}`.

Public API:
    Span(file, first_line, last_line, record)
        `file`: path relative to the project (« data/initiatives.yaml »); lines from 1, both
        included; `record`: what the lines hold, in words (« initiative « eusko » »), or
        None for a whole file.
    Provenance(catalogue, usage, project_dir)
        .spans(src_uri) -> list[Span]        what a page (its source path in the site) is made from
        .record_span(collection, key) -> Span the lines of one record (« initiatives », « eusko »)
        .file_span(path) -> Span             a whole file

A record's lines run from its first line (the line of its « - ») to the line before the next
record, less the blank and comment lines that end it (they introduce the next record).
Positions come from the strict YAML reader (YamlDocument.position), read once per build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.model.collections import COLLECTIONS
from macros.page_macros import BY_NAME, Shows
from macros.problems import guillemets

# Where the generated monograph pages live in the site.
MONOGRAPH_PREFIX = "monographies/"


@dataclass(frozen=True)
class Span:
    """Lines `first_line`..`last_line` (from 1, included) of `file`, holding `record`."""

    file: str
    first_line: int
    last_line: int
    record: str | None = None


class Provenance:
    """Answers, for a page of the site, which files and lines it is made from."""

    def __init__(
        self,
        catalogue,
        usage,
        project_dir: Path,
        docs_dir: str = "docs",
        monographs_dir: str = "monographs",
        schemas_dir: str = "data/schemas",
    ):
        self.catalogue = catalogue
        self.usage = usage
        self.project_dir = Path(project_dir)
        self.docs_dir = docs_dir
        self.monographs_dir = monographs_dir
        self.schemas_dir = schemas_dir
        self._lines_cache: dict[str, list[str]] = {}
        # (collection, key) → (document, index), built once: looked up for every page.
        self._where = {}
        for name, documents in catalogue.documents.items():
            key_field = COLLECTIONS[name].key
            for document in documents:
                for index, item in enumerate(document.data or []):
                    if isinstance(item, dict) and key_field in item:
                        self._where[(name, item[key_field])] = (document, index)

    # --- Public API -------------------------------------------------------------------

    def spans(self, src_uri: str) -> list[Span]:
        """The files and lines a page is made from, its own text first."""
        if src_uri.startswith(MONOGRAPH_PREFIX) and src_uri != MONOGRAPH_PREFIX + "index.md":
            initiative_id = src_uri[len(MONOGRAPH_PREFIX) : -len(".md")]
            if (("initiatives", initiative_id)) in self._where:
                return [self.file_span(f"{self.monographs_dir}/{initiative_id}.md"), self.record_span("initiatives", initiative_id)] + [
                    self.record_span("sources", source["id"]) for source in self.catalogue.initiative_sources(initiative_id)
                ]
            if ("retraits", initiative_id) in self._where:
                # The page left at a withdrawn initiative's address: its entry of data/retraits.yaml.
                return [self.record_span("retraits", initiative_id)]
        spans = [self.file_span(f"{self.docs_dir}/{src_uri}")]
        for name, argument in self.usage.calls.get(src_uri, []):
            for span in self._macro_spans(name, argument):
                if span not in spans:
                    spans.append(span)
        return spans

    def record_span(self, collection: str, key: str) -> Span:
        """The lines of one record of a collection."""
        document, index = self._where[(collection, key)]
        first = document.position((index,))[0]
        lines = self._lines(document.path)
        following = document.position((index + 1,))[0] if index + 1 < len(document.data) else len(lines) + 1
        last = following - 1
        # Blank and comment lines at the end belong to what follows.
        while last > first and (not lines[last - 1].strip() or lines[last - 1].lstrip().startswith("#")):
            last -= 1
        return Span(document.path, first, last, f"{COLLECTIONS[collection].noun} {guillemets(str(key))}")

    def file_span(self, path: str) -> Span:
        """A whole file (its last line at least 1, so that the range is never empty)."""
        return Span(path, 1, max(1, len(self._lines(path))))

    # --- Macro calls → records ------------------------------------------------------------

    def _records(self, collection: str, keep=lambda item: True) -> list[Span]:
        key_field = COLLECTIONS[collection].key
        return [self.record_span(collection, item[key_field]) for item in self.catalogue.records.get(collection, []) if keep(item)]

    def _files(self, collection: str) -> list[Span]:
        return [self.file_span(document.path) for document in self.catalogue.documents.get(collection, [])]

    def _macro_spans(self, name: str, argument: str) -> list[Span]:
        """What a page macro renders, as records or whole files (PageMacro.shows)."""
        macro = BY_NAME.get(name)
        spans: list[Span] = []
        for shown in macro.shows if macro else ():
            spans += self._shown_spans(shown, argument)
        return spans

    def _shown_spans(self, shown: Shows, argument: str) -> list[Span]:
        collection, select = shown.collection, shown.select
        if select in ("id", "id+sources"):
            if (collection, argument) not in self._where:
                return []
            if select == "id":
                return [self.record_span(collection, argument)]
            # The record, and the records of the sources it cites (shown with it).
            record = self.catalogue.record(collection, argument)
            return [self.record_span(collection, argument)] + [self.record_span("sources", source_id) for source_id in record["sources"]]
        if select == "all":
            return self._records(collection)
        if select == "file":
            return self._files(collection)
        kind, _, value = select.partition(":")
        if kind == "field":
            return self._records(collection, lambda item: item.get(value) == argument)
        if kind == "field?":
            return self._records(collection, lambda item: argument in ("", item.get(value)))
        if kind == "record":
            return [self.record_span(collection, value)]
        if kind == "schema":
            return [self.file_span(f"{self.schemas_dir}/{value}")]
        raise ValueError(f"unknown selection {select!r} in page_macros.py")

    def _lines(self, path: str) -> list[str]:
        if path not in self._lines_cache:
            try:
                text = (self.project_dir / path).read_text(encoding="utf-8")
            except OSError:
                text = ""
            self._lines_cache[path] = text.splitlines()
        return self._lines_cache[path]
