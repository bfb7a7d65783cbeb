"""Strict YAML reading: plain data with the position of every value.

PyYAML's safe loader is too lenient for files edited by hand: it keeps the last of two
duplicate keys (data silently lost), reads `yes`/`no`/`on`/`off` as booleans, `01` as the
number 1 and `2021-01-08` as a date. Here we let PyYAML only *parse* (events) and build the
values ourselves, with YAML 1.2-like rules:

- a plain scalar is `null`/`~`/empty, `true`/`false`, a decimal integer without leading
  zero, a decimal number, or else a string (so `01`, `2A`, `yes`, `2021-01-08` are strings);
- a quoted scalar is always a string;
- duplicate keys, anchors/aliases, merge keys and explicit tags are problems.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from macros.problems import NBSP, NNBSP, Problem, guillemets

# A path into the data: keys and list indexes, e.g. (0, "territoire", "region").
JsonPath = tuple[str | int, ...]


def leaves(value, path: JsonPath = ()):
    """(path, value) of every value of a document that is neither a mapping nor a list."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, path + (index,))
    else:
        yield path, value


# Kinds of problems that come from the file's structure (see diagnosis.py).
SYNTAX, DUPLICATE = "syntaxe", "doublon"
# A comment that starts right after a value, or after a single space: most likely text.
# « valeur  # note » (two spaces, then a space) is the usual deliberate comment.
_DELIBERATE_COMMENT = re.compile(r"\s{2,}# ")

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(0|[1-9][0-9]*)?\.[0-9]+([eE][-+]?[0-9]+)?")
# Plain scalars that are not strings, other than numbers.
_SPECIAL = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
# A plain scalar can only be a number if it starts with one of these.
_NUMBER_START = frozenset("0123456789+-.")
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

# PyYAML's problems, in French; the technical text follows in parentheses.
_SYNTAX_FR = {
    "mapping values are not allowed in this context": "deux-points inattendu (l'indentation est décalée, "
    f"ou une valeur contenant {guillemets(': ')} doit être mise entre guillemets)",
    "did not find expected ',' or ']'": f"crochet {guillemets(']')} ou virgule manquant dans une liste",
    "did not find expected ',' or '}'": f"accolade {guillemets('}')} ou virgule manquante",
    "mapping values are not allowed here": "deux-points inattendu (l'indentation est décalée, "
    f"ou une valeur contenant {guillemets(': ')} doit être mise entre guillemets)",
    "could not find expected ':'": f"il manque {guillemets(':')} après une clé",
    "did not find expected key": "indentation incohérente ou clé attendue absente",
    "did not find expected '-' indicator": "élément de liste attendu (tiret) absent ou mal indenté",
    "found unexpected end of stream": "fin de fichier inattendue (guillemet ou crochet non fermé ?)",
    "found character '\\t' that cannot start any token": "tabulation interdite (YAML n'accepte que des espaces)",
    "found unknown escape character": "séquence d'échappement inconnue dans une chaîne entre guillemets doubles",
    "expected <block end>, but found '<block sequence start>'": "élément de liste mal indenté",
    "expected <block end>, but found '<block mapping start>'": "clé mal indentée",
    "expected <block end>, but found '-'": "élément de liste mal indenté",
    "found undefined alias": "alias YAML non défini",
    "while scanning a quoted scalar": "chaîne entre guillemets non fermée",
}


# PyYAML's parser, libyaml's when available: we build values from its events ourselves. libyaml (C)
# parses much faster than PyYAML's pure-Python scanner; both give the same nodes.
_Parser: type[yaml.CSafeLoader] | type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=32)
def _events(text: str) -> tuple:
    """The parser's events for a whole text (raises yaml.YAMLError on bad syntax). Kept by
    text, read only: one process checks the same files again and again (make serve, the
    tests' edited copies)."""
    return tuple(yaml.parse(text, Loader=_Parser))


@contextmanager
def _gc_paused():
    """Reading makes millions of small objects and no reference cycle: Python's cyclic
    collector, triggered by allocations, would scan them again and again (half the
    reading time, measured at 500 initiatives). It is paused for the read only."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class TrailingComment:
    """A plain value followed on its line by « #…»: YAML drops the rest as a comment."""

    path: JsonPath
    line: int
    column: int  # of the « # »
    value: str  # what YAML kept
    comment: str  # what it dropped, from « # » to the end of the line


@dataclass
class YamlDocument:
    """The values of a YAML file, and where each one stands in it."""

    path: str
    # Any: whatever the file holds (None, a scalar, lists and dicts); the schema checks its shape.
    data: Any = None
    # Position (line, column), both from 1, of each value and of each mapping key.
    value_at: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    # Plain values cut by a « # » on their line (shown as warnings: usually a slip).
    trailing_comments: list[TrailingComment] = field(default_factory=list)
    # The text as written of each plain value read as a decimal number: `1.050` and `1.05`
    # are the same float, but only the first may be a French « mille cinquante ».
    number_text: dict[JsonPath, str] = field(default_factory=dict)

    def position(self, json_path: JsonPath, key: bool = False) -> tuple[int, int]:
        """The nearest known position of a path (walking up to its parents if needed)."""
        path = tuple(json_path)
        table = self.key_at if key else self.value_at
        while path:
            if path in table:
                return table[path]
            if path in self.value_at:
                return self.value_at[path]
            path = path[:-1]
        return self.value_at.get((), (1, 1))


def _position(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _plain_value(text: str):
    if text in _SPECIAL:
        return _SPECIAL[text]
    if text[0] in _NUMBER_START:
        if _INT.fullmatch(text):
            return int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
    return text


def _decode(raw: bytes, path: str, problems: list[Problem]) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            Problem(
                path,
                1,
                1,
                f"le fichier commence par une marque d'ordre des octets (BOM) invisible{NNBSP}; enregistrez-le en UTF-8 sans BOM.",
            )
        )
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(Problem(path, 1, 1, f"le fichier est en UTF-16{NNBSP}; enregistrez-le en UTF-8 sans BOM."))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before.split(b"\n")[-1].decode("utf-8", "replace")) + 1
        problems.append(
            Problem(
                path,
                line,
                column,
                f"octet {error.object[error.start]:#04x} invalide en UTF-8{NNBSP}; "
                "enregistrez le fichier en UTF-8 (il a peut-être été écrit en Latin-1 ou Windows-1252).",
            )
        )
        return None


def _tabs(text: str, path: str, problems: list[Problem]) -> bool:
    if "\t" not in text:
        return False
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    path,
                    number,
                    indent.index("\t") + 1,
                    "tabulation dans l'indentation\u202f; YAML n'accepte que des espaces (remplacez chaque tabulation par des espaces).",
                )
            )
            found = True
    return found


def _syntax_problem(error: yaml.YAMLError, path: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = _position(mark) if mark else (None, None)
    technical = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None) or ""
    french = _SYNTAX_FR.get(technical) or _SYNTAX_FR.get(context)
    if french is None and isinstance(error, yaml.reader.ReaderError):
        french = f"caractère de contrôle interdit (code {error.character!r})"
        line, column = None, None
    message = f"erreur de syntaxe YAML{NBSP}: {french or 'structure invalide'}"
    return Problem(path, line, column, f"{message} (détail technique{NBSP}: {technical}).", kind=SYNTAX)


class _Builder:
    """Turns the parser's events into Python values, recording positions and problems.

    Working from events (not composed nodes) reads each value once, at C speed for the
    parsing, and keeps every key's position for the messages.
    """

    def __init__(self, events: tuple, document: YamlDocument, problems: list[Problem], text: str):
        self.events = events
        self.index = 0
        self.document = document
        self.problems = problems
        # Lines where a « #» follows a space: only their plain values are looked at again
        # (most files have none, and are not split into lines at all).
        self.lines = text.split("\n") if " #" in text else []
        self.hash_lines = {number for number, line in enumerate(self.lines) if " #" in line}

    def trailing_comment(self, event, path: JsonPath) -> None:
        """Record a plain value whose line goes on with a comment (`event` ends on a hash line)."""
        end = event.end_mark
        if end.line >= len(self.lines):
            return
        rest = self.lines[end.line][end.column :]
        if rest.lstrip(" ").startswith("#") and not _DELIBERATE_COMMENT.match(rest):
            column = end.column + len(rest) - len(rest.lstrip(" "))
            self.document.trailing_comments.append(TrailingComment(path, end.line + 1, column + 1, event.value, rest.strip()))

    def problem(self, event, message: str) -> None:
        line, column = _position(event.start_mark)
        self.problems.append(Problem(self.document.path, line, column, message))

    def skip(self) -> None:
        """Consume one whole value (a scalar, or a collection and everything in it)."""
        depth = 0
        while True:
            event = self.events[self.index]
            self.index += 1
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            if depth == 0:
                return

    def refuse_tag(self, event) -> None:
        """Report an explicit tag and skip the value it is on (`event` was just taken)."""
        self.problem(event, f"étiquette YAML {guillemets(event.tag)} non acceptée{NNBSP}; écrivez la valeur sans étiquette.")
        self.index -= 1
        self.skip()

    # value() and mapping() run once per value of every file: they index the event list
    # directly and compare exact event classes (libyaml makes no subclasses).
    def value(self, path: JsonPath):
        event = self.events[self.index]
        self.index += 1
        self.document.value_at[path] = _position(event.start_mark)
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _STANDARD_TAGS:
            self.refuse_tag(event)
            return None
        kind = type(event)
        if kind is yaml.ScalarEvent:
            # A plain scalar (no style, no explicit tag) follows our YAML 1.2-like rules.
            if event.style or tag not in (None, "!"):
                return event.value
            if event.end_mark.line in self.hash_lines:
                self.trailing_comment(event, path)
            result = _plain_value(event.value)
            if type(result) is float:
                self.document.number_text[path] = event.value
            return result
        if kind is yaml.SequenceStartEvent:
            items: list[Any]
            events, items = self.events, []
            while type(events[self.index]) is not yaml.SequenceEndEvent:
                items.append(self.value(path + (len(items),)))
            self.index += 1
            return items
        return self.mapping(path)

    def mapping(self, path: JsonPath) -> dict[str, Any]:
        result: dict[str, Any]
        events, key_at, result = self.events, self.document.key_at, {}
        while True:
            key_event = events[self.index]
            kind = type(key_event)
            if kind is yaml.MappingEndEvent:
                self.index += 1
                return result
            if kind is not yaml.ScalarEvent:
                self.problem(key_event, "une clé doit être un simple mot, pas une liste ni un dictionnaire.")
                self.skip()
                self.skip()
                continue
            self.index += 1
            key = key_event.value
            if key == "<<" and not key_event.style:
                self.problem(key_event, f"les fusions YAML ({guillemets('<<')}) ne sont pas acceptées.")
                self.skip()
                continue
            key_path = path + (key,)
            if key in result:
                line, column = _position(key_event.start_mark)
                self.problems.append(
                    Problem(
                        self.document.path,
                        line,
                        column,
                        f"clé {guillemets(key)} en double (déjà présente ligne {key_at[key_path][0]})"
                        f"{NNBSP}; YAML ne garderait que la dernière valeur et la première serait perdue.",
                        kind=DUPLICATE,
                    )
                )
                self.skip()
                continue
            key_at[key_path] = _position(key_event.start_mark)
            result[key] = self.value(key_path)


def load_yaml(file: Path, display_path: str | None = None) -> tuple[YamlDocument, list[Problem]]:
    """Read one YAML file strictly. Never raises for bad content: returns its problems."""
    with _gc_paused():
        return _read(file, display_path or str(file))


def read_text(text: str, path: str) -> tuple[YamlDocument, list[Problem]]:
    """Read YAML from a text already decoded (the diagnosis tries fixes this way)."""
    with _gc_paused():
        return _parse(text, path, YamlDocument(path), [])


def _read(file: Path, path: str) -> tuple[YamlDocument, list[Problem]]:
    document = YamlDocument(path)
    problems: list[Problem] = []
    try:
        raw = file.read_bytes()
    except OSError as error:
        return document, [Problem(path, message=f"fichier illisible ({error.strerror}).")]
    text = _decode(raw, path, problems)
    if text is None:
        return document, problems
    return _parse(text, path, document, problems)


def _parse(text: str, path: str, document: YamlDocument, problems: list[Problem]) -> tuple[YamlDocument, list[Problem]]:
    if _tabs(text, path, problems):
        return document, problems
    try:
        events = _events(text)
    except yaml.YAMLError as error:
        return document, [_syntax_problem(error, path)]
    # Anchors and aliases need « & » or « * » somewhere: most files skip this scan.
    anchors = [event for event in events if getattr(event, "anchor", None)] if "&" in text or "*" in text else []
    if anchors:
        # Anchors and aliases copy values invisibly (and can blow up in size): refused.
        return document, [
            Problem(
                path,
                *_position(event.start_mark),
                f"les ancres et alias YAML (&{event.anchor}, *{event.anchor}) ne sont pas acceptés{NNBSP}; recopiez la valeur.",
            )
            for event in anchors
        ]
    starts = [index for index, event in enumerate(events) if isinstance(event, yaml.DocumentStartEvent)]
    if not starts:
        problems.append(Problem(path, 1, 1, "le fichier est vide."))
        return document, problems
    if len(starts) > 1:
        problems.append(
            Problem(
                path,
                None,
                None,
                f"un seul document YAML par fichier (retirez les {guillemets('---')} supplémentaires).",
            )
        )
        return document, problems
    builder = _Builder(events, document, problems, text)
    builder.index = starts[0] + 1
    document.data = builder.value(())
    return document, problems
