"""HTML kept aside while Markdown runs, then put back.

The macros produce finished, escaped HTML. Left in the Markdown, every block of it would be
parsed again by Python-Markdown's raw-HTML handling (slow on large tables, and a chance for
Markdown to alter it). Instead each block is replaced by a plain token, and the page's
HTML gets it back in `on_page_content`.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"<p>(labostash\d+x)</p>|(labostash\d+x)")


class HtmlStash:
    def __init__(self):
        self._kept: dict[str, str] = {}
        self._count = 0

    def put(self, html: str) -> str:
        """Keep a piece of HTML; return the token that stands for it in the Markdown."""
        token = f"labostash{self._count}x"
        self._count += 1
        self._kept[token] = html
        return token

    def restore(self, html: str, where: str) -> str:
        """Replace every token of a rendered page by its HTML (each token is used once)."""

        def back(match: re.Match) -> str:
            token = match.group(1) or match.group(2)
            if token not in self._kept:
                raise KeyError(f"{where} : fragment HTML {token} introuvable")
            return self._kept.pop(token)

        return _TOKEN.sub(back, html)
