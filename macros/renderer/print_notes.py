"""The « selon … » notes of a page, gathered after their section and numbered, for paper.

On screen, each button next to a claim opens its note, a native popover. A popover shows
in the top layer wherever it stands in the page, so the notes need not sit inside the
sentence: here each one leaves its sentence for the end of its section (before the next
`<h2>`), where print shows them as numbered notes and the screen shows nothing until a
button opens one. The button gets the note's number (`data-note`), which print shows in
place of its label: sentences stay whole on paper, and in the PDF editions made from the
same pages. A note identical to an earlier one of the page is not repeated: its buttons
share the first one's number and popover. The reading guide (« Comment lire ces
mentions ») is printed once, with its address, before the page's first notes.

A figure's button (`labo-qui--en-liste`) is left alone: the list « Chiffres cités et
sources » at the bottom of the page already prints what its note says, and print hides it.
"""

from __future__ import annotations

import re
from html import escape

_BUTTON = re.compile(r'<button type="button" class="labo-qui labo-qui--(?:rapport|tiers|redaction)" popovertarget="([^"]+)"')
_NOTE = re.compile(r'<span class="labo-provenance" id="([^"]+)" popover')
_SPAN = re.compile(r"<span\b|</span>")
_H2 = re.compile(r"<h2\b")
# A monograph's numbered list of sources: each address is printed there, not again in a note.
_SOURCES = re.compile(r'<ol class="labo-sources".*?</ol>', re.S)
_HREF = re.compile(r'<a href="(https?://[^"]+)"')
# The reading guide as _guide() writes it: the PDF and EPUB editions take it out of each page.
GUIDE_PARAGRAPH = re.compile(r'<p class="labo-notes__guide">.*?</p>', re.S)


def _note_end(html: str, start: int) -> int:
    """Where the note's <span> that opens at `start` closes (its spans are balanced: every
    value in it is escaped)."""
    depth = 0
    for match in _SPAN.finditer(html, start):
        depth += 1 if match.group(0) != "</span>" else -1
        if depth == 0:
            return match.end()
    raise ValueError("note « selon … » sans fin")


def _guide(guide_url: str, public: bool) -> str:
    """The reading guide, printed once: its address in full when the site's is known."""
    link = (
        f'<a class="labo-url" href="{escape(guide_url)}">{escape(guide_url)}</a>'
        if public
        else (f'<a href="{escape(guide_url)}">page «&nbsp;Que veulent dire les statuts&nbsp;?&nbsp;», section «&nbsp;Qui le dit&nbsp;»</a>')
    )
    return f'<p class="labo-notes__guide">Comment lire ces mentions&nbsp;: {link}.</p>'


def gather(html: str, guide_url: str, public: bool = False) -> str:
    """The page's HTML with each note moved after its section and numbered; unchanged when
    the page has none. `guide_url` is the reading guide's address (absolute if `public`)."""
    if "labo-provenance" not in html:
        return html
    starts = [0] + [match.start() for match in _H2.finditer(html)] + [len(html)]
    first: dict[str, tuple[int, str]] = {}  # a note's content → its number and its id
    listed = {href for block in _SOURCES.findall(html) for href in _HREF.findall(block)}
    out = []
    for start, end in zip(starts, starts[1:]):
        section, notes = _gather_section(html[start:end], first, listed)
        out.append(section)
        if notes:
            # The reading guide once, before the page's first notes.
            guide = _guide(guide_url, public) if len(first) == len(notes) else ""
            out.append(f'<div class="labo-notes" data-search-exclude>{guide}{"".join(notes)}</div>')
    return "".join(out)


def _gather_section(html: str, first: dict[str, tuple[int, str]], listed: set[str]) -> tuple[str, list[str]]:
    """A section without its notes, and its notes numbered (those new to the page); in them,
    the links to a source of the page's list are marked, to be printed without address."""
    pieces, notes, position = [], [], 0
    for button in _BUTTON.finditer(html):
        closed = html.find("</button>", button.end()) + len("</button>")
        note = _NOTE.match(html, closed)
        if note is None or note.group(1) != button.group(1):
            continue
        anchor, end = note.group(1), _note_end(html, note.start())
        body = html[note.start() : end]
        key = body.replace(f'"{anchor}"', '""')
        if key not in first:
            first[key] = (len(first) + 1, anchor)
            body = _HREF.sub(lambda link: _printed_elsewhere(link, listed), body)
            notes.append(body.replace(" popover ", f' popover data-note="{first[key][0]}" ', 1))
        number, kept = first[key]
        pieces.append(html[position : button.start()])
        target = f'popovertarget="{kept}" data-note="{number}"'
        pieces.append(html[button.start() : closed].replace(f'popovertarget="{anchor}"', target, 1))
        position = end
    pieces.append(html[position:])
    return "".join(pieces), notes


def _printed_elsewhere(link: re.Match, listed: set[str]) -> str:
    """A note's link to an address the page's list of sources prints: marked, so that paper
    does not print it twice (labo-url-ailleurs, lecteurs.css)."""
    return f'<a class="labo-url-ailleurs" href="{link.group(1)}"' if link.group(1) in listed else link.group(0)
