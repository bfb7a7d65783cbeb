"""What a built page gives the search: its sections of text, and its glossary entries.

Reads the page's HTML content (the article MkDocs renders). Elements marked
`data-search-exclude` (Material's convention, kept by our templates), scripts, styles and
permalink marks are left out. A glossary list (`dl.labo-glossaire`) gives one entry per
acronym instead of page text, so that a search for an acronym leads to its definition.

The page is read as a stream of tags and text, as `html.parser` reads it (same tag names,
attributes and entities), by one regular expression: `html.parser` spent most of the
search's build time in Python for each tag (selectolax and lxml, measured, did not do better
once their tree is walked, and their HTML5 tree building may reorder text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from typing import Any

_HEADINGS = {"h1", "h2", "h3"}
_SKIPPED = {"script", "style", "template", "svg"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCKS = {
    "p",
    "li",
    "dt",
    "dd",
    "tr",
    "td",
    "th",
    "div",
    "section",
    "figcaption",
    "caption",
    "blockquote",
    "br",
    "table",
    "ul",
    "ol",
    "dl",
    "h4",
    "h5",
    "h6",
    "pre",
    "nav",
    "aside",
    "header",
    "footer",
}
_SPACES = re.compile(r"\s+")
# A comment, or a start or end tag: « / », its name, its attributes (quoted values may hold « > »).
_TOKEN = re.compile(
    r"<!--.*?-->|<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)([^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*)>",
    re.S,
)
# One attribute, as html.parser's attrfind_tolerant reads it.
_ATTRIBUTE = re.compile(r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?""")
# The only start tags whose attributes matter, besides those marked as left out.
_READ_ATTRIBUTES = {"dl", "dt", "h1", "h2", "h3"}


@dataclass
class Section:
    anchor: str
    heading: str
    text: list[str] = field(default_factory=list)

    def joined(self) -> str:
        return _SPACES.sub(" ", "".join(self.text)).strip()


@dataclass
class GlossaryEntry:
    anchor: str
    term: str
    definition: str


def _attributes(text: str) -> dict[str, str | None]:
    """A start tag's attributes: names lowercased, values unquoted and unescaped (the last wins)."""
    found: dict[str, str | None] = {}
    for match in _ATTRIBUTE.finditer(" " + text):
        value = match.group(3)
        if value is not None:
            if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            value = unescape(value)
        found[match.group(1).lower()] = value
    return found


class _PageText:
    def __init__(self) -> None:
        self.title = ""
        self.sections = [Section("", "")]
        # Each entry as read, in the shape of _entry below; page_text() makes them GlossaryEntry.
        self.entries: list[list[Any]] = []
        self._skip: list[str] = []  # the tag of each open element whose content is left out
        self._heading: tuple[str, str, list[str]] | None = None  # tag, id, text
        self._glossary_depth = 0
        self._entry: list[Any] | None = None  # [anchor, dt text, dd text, part being read]

    def feed(self, html: str) -> None:
        position = 0
        for match in _TOKEN.finditer(html):
            if match.start() > position:
                text = html[position : match.start()]
                self.handle_data(unescape(text) if "&" in text else text)
            position = match.end()
            tag = match.group(2)
            if tag is None:  # a comment
                continue
            tag = tag.lower()
            rest = match.group(3)
            if match.group(1):
                self.handle_endtag(tag)
                continue
            # Attributes are parsed only where they can change what is read.
            if rest and (tag in _READ_ATTRIBUTES or "headerlink" in rest or "data-search-exclude" in rest.lower()):
                self.handle_starttag(tag, _attributes(rest))
            else:
                self.handle_starttag(tag, {})
            if rest.endswith("/"):  # <br/>: a start and an end
                self.handle_endtag(tag)
        if position < len(html):
            text = html[position:]
            self.handle_data(unescape(text) if "&" in text else text)

    def handle_starttag(self, tag: str, attributes: dict[str, str | None]) -> None:
        if tag in _VOID:
            if tag == "br":
                self.handle_data(" ")
            return
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.append(tag)
            return
        classes = (attributes.get("class") or "").split()
        if tag in _SKIPPED or "data-search-exclude" in attributes or "headerlink" in classes:
            self._skip.append(tag)
            return
        if tag == "dl" and "labo-glossaire" in classes:
            self._glossary_depth = 1
            return
        if self._glossary_depth:
            if tag == "dl":
                self._glossary_depth += 1
            elif tag == "dt" and self._glossary_depth == 1:
                self._entry = [attributes.get("id") or "", [], [], 1]
                self.entries.append(self._entry)
            elif tag == "dd" and self._glossary_depth == 1 and self._entry is not None:
                self._entry[3] = 2
            return
        if tag in _HEADINGS:
            self._heading = (tag, attributes.get("id") or "", [])
        elif tag in _BLOCKS:
            self.handle_data(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        if self._glossary_depth:
            if tag == "dl":
                self._glossary_depth -= 1
            return
        if self._heading and tag == self._heading[0]:
            level, anchor, text = self._heading
            self._heading = None
            heading = _SPACES.sub(" ", "".join(text)).strip()
            if level == "h1" and not self.title:
                self.title = heading
                self.sections[0].anchor = anchor
            else:
                self.sections.append(Section(anchor, heading))
        elif tag in _BLOCKS:
            self.handle_data(" ")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._glossary_depth:
            if self._entry is not None:
                self._entry[self._entry[3]].append(data)
            return
        if self._heading:
            self._heading[2].append(data)
        else:
            self.sections[-1].text.append(data)


def page_text(html: str) -> tuple[str, list[Section], list[GlossaryEntry]]:
    """(h1 text, sections of text, glossary entries) of a page's content."""
    parser = _PageText()
    parser.feed(html)
    entries = [
        GlossaryEntry(anchor, _SPACES.sub(" ", "".join(term)).strip(), _SPACES.sub(" ", "".join(definition)).strip())
        for anchor, term, definition, _ in parser.entries
    ]
    sections = [s for s in parser.sections if s.heading or s.joined()]
    return parser.title, sections, entries
