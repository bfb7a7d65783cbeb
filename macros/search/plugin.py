"""The labo-recherche MkDocs plugin: the site's French search, in place of Material's.

Collects the text of each built page (`on_page_context`), then writes the chunked index
into recherche/ and the shared normalisation rules into assets/javascripts/ (`on_post_build`).
Pages whose front matter says `search: exclude: true`, and elements marked
`data-search-exclude`, stay out of it, as with Material's search.
"""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, get_plugin_logger

from macros.search.extract import page_text
from macros.search.index import Document, IndexBuilder, rules_script
from macros.search.kinds import kind_of

log = get_plugin_logger(__name__)


class SearchConfig(Config):
    glossary = config_options.Type(str, default="data/glossaire.yaml")


class LaboSearchPlugin(BasePlugin[SearchConfig]):
    builder: IndexBuilder

    # Read the glossary: its acronyms and long forms find each other.
    def on_config(self, config):
        import yaml

        path = Path(config.config_file_path).parent / self.config.glossary
        # A broken glossary is the labo-ess plugin's to report (in the preview, on every page).
        try:
            entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else []
            self.glossary = [(entry["sigle"], entry["forme_longue"]) for entry in entries or []]
        except (yaml.YAMLError, UnicodeDecodeError, TypeError, KeyError):
            self.glossary = []
        return config

    # A new index for each build (mkdocs serve builds again and again).
    def on_pre_build(self, *, config):
        self.builder = IndexBuilder(self.glossary)
        self.seconds = 0.0

    # Collect the page's text once its content is final.
    def on_page_context(self, context, *, page, config, nav):
        search = page.meta.get("search") or {}
        if isinstance(search, dict) and search.get("exclude"):
            return context
        start = time.perf_counter()
        title, sections, entries = page_text(page.content or "")
        parent = page.parent.title if page.parent is not None else ""
        kind = kind_of(page.file.src_uri)
        self.builder.add(Document(page.url, page.title or title, kind, parent, [(s.anchor, s.heading, s.joined()) for s in sections]))
        # A glossary entry: its acronym is its title; its long form counts as a heading.
        for entry in entries:
            acronym, _, long_form = entry.term.partition(" : ")
            self.builder.add(
                Document(
                    f"{page.url}#{entry.anchor}", entry.term, "Glossaire", "", [("", long_form, entry.definition)], indexed_title=acronym
                )
            )
        self.seconds += time.perf_counter() - start
        return context

    # Write the index and the rules the browser shares with it.
    def on_post_build(self, *, config):
        start = time.perf_counter()
        site = Path(config.site_dir)
        figures = self.builder.write(site / "recherche")
        scripts = site / "assets" / "javascripts"
        scripts.mkdir(parents=True, exist_ok=True)
        (scripts / "recherche-regles.js").write_text(rules_script(), encoding="utf-8")
        log.debug("index de recherche : %s, %.2f s", figures, self.seconds + time.perf_counter() - start)
