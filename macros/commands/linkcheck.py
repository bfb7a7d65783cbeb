"""Links of a built site: every internal link and anchor exists; external ones are well formed.

No network: external addresses are only checked for syntax (scheme and host).
"""

from __future__ import annotations

import html
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_SKIP_SCHEMES = {"mailto", "tel", "data"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, int]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        for name in ("href", "src"):
            value = attributes.get(name)
            if value is not None and tag in ("a", "link", "img", "script", "source", "iframe"):
                self.links.append((value, self.getpos()[0]))


def _parse(page: Path) -> _Collector:
    collector = _Collector()
    collector.feed(page.read_text(encoding="utf-8"))
    return collector


def check_site(site: Path) -> list[str]:
    """Problems found, as « page:line: message » lines (empty when every link is good)."""
    pages = {path: _parse(path) for path in site.rglob("*.html")}
    problems = []
    for page, collected in sorted(pages.items()):
        # The error page is served at any address, so MkDocs writes its links from the root.
        if page == site / "404.html":
            continue
        shown = page.relative_to(site).as_posix()
        for link, line in collected.links:
            parts = urlsplit(html.unescape(link))
            if parts.scheme in ("http", "https"):
                if not parts.netloc or " " in link:
                    problems.append(f"{shown}:{line}: adresse externe mal formée : {link}")
                continue
            if parts.scheme in _SKIP_SCHEMES:
                continue
            if parts.scheme:
                problems.append(f"{shown}:{line}: lien de type « {parts.scheme}: » refusé : {link}")
                continue
            if parts.path.startswith("/") and not parts.path.startswith("//"):
                problems.append(f"{shown}:{line}: lien absolu (il casse hors de la racine du site) : {link}")
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path))
            target = Path(posixpath.normpath(str(target)))
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{shown}:{line}: cible introuvable : {link}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{shown}:{line}: ancre introuvable : {link}")
    return problems
