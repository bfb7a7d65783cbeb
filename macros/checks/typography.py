"""French typography of prose and data text: the spaces that must not break, or be missing.

French puts a no-break space inside « guillemets » and before « : », and a narrow no-break
space before « ; », « ! », « ? ». An ordinary space there lets a line break strand the
punctuation at the start of a line; no space at all is a plain mistake. This module finds
(and can fix) both in Markdown prose, leaving code, link targets, HTML tags and macro calls
alone; in data text, where the pages turn ordinary spaces into no-break ones when they
print it (french.py), only missing spaces are mistakes.

`make check` reports each one with the fix shown; the tests use the same functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

NBSP = "\u00a0"
NNBSP = "\u202f"
# How a fix shows a no-break space in a terminal, where it looks like any space.
SHOWN = {NBSP: "⍽", NNBSP: "⍽"}
_LEGEND = {NBSP: "espace insécable", NNBSP: "espace fine insécable"}

# Parts of a Markdown line that are not prose: inline code, link targets, HTML tags,
# macro calls, bare URLs, reference and abbreviation definitions.
_NOT_PROSE = re.compile(
    r"`[^`]*`|\]\([^)]*\)|<[^>]+>|\{\{.*?\}\}|\{%.*?%\}|https?://\S+|^\s*\*?\[[^\]]*\]:"
    r"|&#?\w+;"
)
# In data text: addresses and character references (« &amp; ») are not prose either.
_URL = re.compile(r"https?://\S+|&#?\w+;")
_BLANKS = f" {NBSP}{NNBSP}\t"


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern
    space: str  # the space prose needs there
    message: str
    replaces: bool  # True: an ordinary space is replaced; False: a missing space is inserted


_COLON = f"«{NBSP}:{NBSP}»"
_RULES = [
    _Rule(re.compile(r" (?=[:»])"), NBSP, f"espace insécable attendue avant {_COLON} et «{NBSP}»{NBSP}»", True),
    _Rule(re.compile(r"(?<=«) "), NBSP, f"espace insécable attendue après «{NBSP}«{NBSP}»", True),
    _Rule(
        re.compile(r" (?=[;!?])"), NNBSP, f"espace fine insécable attendue avant «{NBSP};{NBSP}», «{NBSP}!{NBSP}» et «{NBSP}?{NBSP}»", True
    ),
    _Rule(
        re.compile(rf"(?<=[^{_BLANKS}(\[«'’\"/;!?])(?=[;!?](?:\s|$))"),
        NNBSP,
        f"espace fine insécable manquante avant «{NBSP};{NBSP}», «{NBSP}!{NBSP}» ou «{NBSP}?{NBSP}»",
        False,
    ),
    _Rule(re.compile(r"(?<=[A-Za-zÀ-ÖØ-öø-ÿ0-9)\]»*_])(?=:(?:\s|$))"), NBSP, f"espace insécable manquante avant {_COLON}", False),
    _Rule(re.compile(rf"(?<=«)(?=[^{_BLANKS}])"), NBSP, f"espace insécable manquante après «{NBSP}«{NBSP}»", False),
    _Rule(re.compile(rf"(?<=[^{_BLANKS}])(?=»)"), NBSP, f"espace insécable manquante avant «{NBSP}»{NBSP}»", False),
]


@dataclass(frozen=True)
class Issue:
    """One typographic mistake: where (column from 1), what, and the text around it fixed."""

    line: int
    column: int
    message: str
    before: str
    after: str

    def fix(self) -> str:
        """« « Le projet : une » → « Le projet⍽: une » » (⍽: a no-break space)."""
        shown = "".join(SHOWN.get(character, character) for character in self.after)
        spaces = [_LEGEND[character] for character in (NNBSP, NBSP) if self.after.count(character) > self.before.count(character)]
        legend = f" (⍽{NBSP}= {spaces[0]})" if spaces else ""
        return f"«{NBSP}{self.before}{NBSP}» → «{NBSP}{shown}{NBSP}»{legend}"


def _masked(line: str, pattern: re.Pattern = _NOT_PROSE) -> str:
    """The line with its non-prose parts blanked out (same length, same columns)."""
    return pattern.sub(lambda match: "\0" * len(match.group()), line)


def _prose_lines(text: str):
    """(number, line) of the lines outside fenced code blocks and front matter."""
    fenced = False
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((n for n, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        start = end + 1
    for number, line in enumerate(lines[start:], start=start + 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line


prose_lines = _prose_lines

_CODE_SPAN = re.compile(r"`+[^`]*`+")


def code_masked(line: str) -> str:
    """The line with its code spans blanked out by spaces (same length, same columns)."""
    return _CODE_SPAN.sub(lambda match: " " * len(match.group()), line)


def _matches(line: str, masked: str, rules: list[_Rule]):
    """(position, rule) of each mistake of a line, in order; not at a list or admonition marker."""
    found = []
    for rule in rules:
        for match in rule.pattern.finditer(masked):
            if masked[: match.start()].strip() and (rule.replaces or masked[match.start() - 1] != "\0"):
                found.append((match.start(), rule))
    return sorted(found, key=lambda item: item[0])


def _excerpt(line: str, position: int, rule: _Rule, space: str) -> tuple[str, str]:
    """A few words around a mistake, as written and as fixed."""
    start, end = max(0, position - 15), min(len(line), position + 16)
    if start and " " in line[start:position]:
        start = line.index(" ", start) + 1
    if end < len(line) and " " in line[position + 2 : end]:
        end = line.rindex(" ", position + 2, end)
    written = line[start:end]
    cut = position - start
    fixed = written[:cut] + space + written[cut + (1 if rule.replaces else 0) :]

    def dotted(text: str) -> str:
        return ("…" if start else "") + text + ("…" if end < len(line) else "")

    return dotted(written), dotted(fixed)


# Kept by text (issues are frozen): the same texts come back on every check of one process
# (make serve, the tests' edited copies), and matching every rule on every line is a check's
# costliest reading.
@lru_cache(maxsize=256)
def prose_issues(text: str) -> tuple[Issue, ...]:
    """Each mistake of a Markdown text, with its fix."""
    issues = []
    for number, line in _prose_lines(text):
        masked = _masked(line)
        for position, rule in _matches(line, masked, _RULES):
            before, after = _excerpt(line, position, rule, rule.space)
            issues.append(Issue(number, position + 1, rule.message, before, after))
    return tuple(issues)


@lru_cache(maxsize=16384)
def data_issues(value: str) -> tuple[Issue, ...]:
    """Missing spaces in a data text (ordinary spaces are made no-break by the pages)."""
    issues = []
    for number, line in enumerate(value.split("\n"), start=1):
        masked = _masked(line, _URL)
        for position, rule in _matches(line, masked, [rule for rule in _RULES if not rule.replaces]):
            before, after = _excerpt(line, position, rule, " ")
            # An ordinary space is enough here: the pages make it a no-break one.
            message = rule.message.replace(" fine insécable", "").replace(" insécable", "")
            issues.append(Issue(number, position + 1, f"{message} (le site la rend insécable)", before, after))
    return tuple(issues)


def typography_issues(text: str) -> list[tuple[int, int, str]]:
    """(line, column, message) for each space French typography wants in a Markdown text."""
    return [(issue.line, issue.column, issue.message) for issue in prose_issues(text)]


def fix_typography(text: str) -> str:
    """The same text with ordinary spaces made no-break, and missing ones added."""
    lines = text.split("\n")
    prose = {number for number, _ in _prose_lines(text)}
    for index, line in enumerate(lines):
        if index + 1 not in prose:
            continue
        masked = _masked(line)
        characters = list(line)
        for position, rule in reversed(_matches(line, masked, _RULES)):
            if rule.replaces:
                characters[position] = rule.space
            else:
                characters.insert(position, rule.space)
        lines[index] = "".join(characters)
    return "\n".join(lines)
