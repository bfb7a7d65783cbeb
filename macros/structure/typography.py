"""French typography of prose: the spaces that must not break.

French puts a no-break space inside « guillemets » and before « : », and a narrow no-break
space before « ; », « ! », « ? ». An ordinary space there lets a line break strand the
punctuation at the start of a line. This module finds (and can fix) such spaces in
Markdown prose, leaving code, link targets, HTML tags and macro calls alone.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NNBSP = "\u202f"

# Parts of a Markdown line that are not prose: inline code, link targets, HTML tags,
# macro calls, bare URLs.
_NOT_PROSE = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>]+>|\{\{.*?\}\}|\{%.*?%\}|https?://\S+")
_RULES = [
    (re.compile(r" (?=[:»])"), NBSP, "espace insécable attendue avant «\u00a0:\u00a0» et «\u00a0»\u00a0»"),
    (re.compile(r"(?<=«) "), NBSP, "espace insécable attendue après «\u00a0«\u00a0»"),
    (re.compile(r" (?=[;!?])"), NNBSP, "espace fine insécable attendue avant «\u00a0;\u00a0», «\u00a0!\u00a0» et «\u00a0?\u00a0»"),
]


def _masked(line: str) -> str:
    """The line with its non-prose parts blanked out (same length, same columns)."""
    return _NOT_PROSE.sub(lambda match: "\0" * len(match.group()), line)


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


def typography_issues(text: str) -> list[tuple[int, int, str]]:
    """(line, column, message) for each ordinary space French typography forbids."""
    issues = []
    for number, line in _prose_lines(text):
        masked = _masked(line)
        # A Markdown list or admonition marker at the start of a line is not punctuation.
        for pattern, _, message in _RULES:
            for match in pattern.finditer(masked):
                if masked[: match.start()].strip():
                    issues.append((number, match.start() + 1, message))
    return sorted(issues)


def fix_typography(text: str) -> str:
    """The same text with the forbidden ordinary spaces replaced by no-break ones."""
    lines = text.split("\n")
    prose = {number for number, _ in _prose_lines(text)}
    for index, line in enumerate(lines):
        if index + 1 not in prose:
            continue
        masked = _masked(line)
        characters = list(line)
        for pattern, replacement, _ in _RULES:
            for match in pattern.finditer(masked):
                if masked[: match.start()].strip():
                    characters[match.start()] = replacement
        lines[index] = "".join(characters)
    return "\n".join(lines)
