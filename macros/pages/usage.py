"""Which written page uses which data: a scan of the macro calls in docs/ pages.

The sources page lists, for each source, the pages that cite it. Pages of docs/ are
reviewed prose whose macro calls are plain text, so reading the calls from the Markdown
source is enough, and it is known before any page is rendered.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from macros.page_macros import PAGE_MACROS

# The calls whose records the sources page lists with the pages that show them.
_CALL = re.compile(r"\{\{\s*(" + "|".join(macro.name for macro in PAGE_MACROS if macro.cites_sources) + r")\(\s*(?:\"([^\"]*)\")?")
# Any macro call with its first text argument: what a page is made from (provenance.py).
_ANY_CALL = re.compile(r"\{\{\s*([a-z_]+)\(\s*(?:\"([^\"]*)\")?")
_TITLE = re.compile(r"^#\s+(.+?)\s*$", re.M)


@dataclass
class Usage:
    """Pages (source paths) using each data record, and the title of each page."""

    pages: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    titles: dict[str, str] = field(default_factory=dict)
    # Every macro call of each page, (name, first argument or ""), in order.
    calls: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def add_page(self, src_uri: str, markdown: str, series: dict[str, list[str]]) -> None:
        title = _TITLE.search(markdown)
        self.titles[src_uri] = title.group(1) if title else src_uri
        self.calls[src_uri] = _ANY_CALL.findall(markdown) if "{{" in markdown else []
        for name, argument in _CALL.findall(markdown):
            if name == "graphique":
                keys = [("chiffre", figure_id) for figure_id in series.get(argument, [])]
            elif name in ("chiffre", "affirmation"):
                keys = [(name, argument)]
            else:
                keys = [(name, argument or "")]
            for key in keys:
                if src_uri not in self.pages[key]:
                    self.pages[key].append(src_uri)

    def used_by(self, kind: str, key: str = "") -> list[str]:
        return self.pages.get((kind, key), [])
