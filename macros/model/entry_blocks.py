"""A list data file as its editors wrote it: a header, then one block of lines per entry.

Sorting the entries by id (`make trier`), inserting one at its place (`make new`) and moving a
renamed one (`make renommer`) move whole blocks, so that every byte of an entry stays as
written, its comments included. An entry's block runs from its « - » line (column 1) to the
next entry's, and takes with it the comment lines written right above its « - » line (its own
note); the blank lines between two entries stay where they are. Kept in id order, the file
lets two editors who each add an entry on their own branch merge without a conflict: the two
entries land in two different places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from macros.model.yaml_source import YamlDocument

# Lines with their own line ending (« \r\n » stays in the line): str.splitlines would also cut
# at characters a value may hold (U+2028, form feed).
_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")
_ITEM_START = re.compile(r"-( |\r?$)")


def _lines(text: str) -> list[str]:
    return _LINE.findall(text)


def sort_key(key: object) -> str:
    """The order of the entries: their ids, character by character (ids are lowercase slugs,
    where « - » comes before digits and letters: « pole-mer » before « polea »)."""
    return key if isinstance(key, str) else ""


@dataclass
class EntryBlocks:
    """The text of a list file cut into its header, its entries' blocks and the gaps between."""

    header: str
    blocks: list[str]  # each ends with its line ending
    gaps: list[str]  # gaps[i] (blank lines) follows blocks[i]
    keys: list[object]  # the id of each block's entry
    final_newline: bool = True  # whether the file ended with a line ending

    def text(self) -> str:
        text = self.header + "".join(block + gap for block, gap in zip(self.blocks, self.gaps))
        if not self.final_newline and text.endswith("\n"):
            text = text[:-2] if text.endswith("\r\n") else text[:-1]
        return text

    def newline(self) -> str:
        return "\r\n" if any(block.endswith("\r\n") for block in self.blocks) else "\n"

    def sorted(self) -> EntryBlocks:
        """The same blocks in id order (a stable sort), each gap left where it was."""
        order = sorted(range(len(self.blocks)), key=lambda index: sort_key(self.keys[index]))
        return EntryBlocks(
            self.header, [self.blocks[index] for index in order], list(self.gaps), [self.keys[index] for index in order], self.final_newline
        )

    def place(self, key: str) -> int:
        """Where an entry of this id goes: before the first entry whose id comes after it."""
        return next((index for index, other in enumerate(self.keys) if sort_key(other) > key), len(self.blocks))

    def insert(self, key: str, block: str) -> int:
        """Add a block at its place in id order, a blank line between it and its neighbours; its index."""
        newline = self.newline()
        if not block.endswith("\n"):
            block += newline
        index = self.place(key)
        if index == len(self.blocks):
            if self.gaps and not self.gaps[-1]:
                self.gaps[-1] = newline
            self.gaps.append("")
            self.final_newline = True
        else:
            self.gaps.insert(index, newline)
        self.blocks.insert(index, block)
        self.keys.insert(index, key)
        return index

    def remove(self, index: int) -> str:
        """Take a block out (with the gap that followed it); its text."""
        block = self.blocks.pop(index)
        self.keys.pop(index)
        gap = self.gaps.pop(index)
        if index == len(self.blocks) and self.gaps:
            # The new last block takes the file's ending.
            self.gaps[-1] = gap
        return block


def split_entries(text: str, document: YamlDocument, key: str = "id") -> EntryBlocks | None:
    """The blocks of a file read as a list of entries, or None when its entries do not each
    start with a « - » at column 1 on their own line (a layout these commands do not move)."""
    if not isinstance(document.data, list) or not document.data:
        return None
    lines = _lines(text)
    starts = [number for number, line in enumerate(lines) if _ITEM_START.match(line)]
    # Each « - » line is where the parser saw an entry start: nothing else begins at column 1.
    if len(starts) != len(document.data) or any(
        document.value_at.get((index,), (0, 0))[0] - 1 not in (start, start + 1) for index, start in enumerate(starts)
    ):
        return None
    # An entry's own note: the comment lines right above its « - » line.
    firsts = []
    for start in starts:
        first = start
        while first > 0 and lines[first - 1].startswith("#"):
            first -= 1
        firsts.append(first)
    # Comments glued to the first entry belong to the file's header, unless a blank line
    # sets them apart from it.
    if firsts[0] == 0 or lines[firsts[0] - 1].strip():
        firsts[0] = starts[0]
    header_end = firsts[0]
    blocks, gaps = [], []
    for index, first in enumerate(firsts):
        end = firsts[index + 1] if index + 1 < len(firsts) else len(lines)
        region = lines[first:end]
        kept = len(region)
        while kept > 1 and not region[kept - 1].strip():
            kept -= 1
        block = "".join(region[:kept])
        if not block.endswith("\n"):
            block += "\r\n" if "\r\n" in text else "\n"
        blocks.append(block)
        gaps.append("".join(region[kept:]))
    keys = [item.get(key) if isinstance(item, dict) else None for item in document.data]
    return EntryBlocks("".join(lines[:header_end]), blocks, gaps, keys, text.endswith("\n"))
