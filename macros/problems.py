"""Validation problems: what went wrong, where, and how to say it in French."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

# French typography: no-break space inside guillemets and before « : ».
NBSP = "\u00a0"
NNBSP = "\u202f"


def guillemets(text: object) -> str:
    """« text », with the no-break spaces French typography wants."""
    return f"«{NBSP}{text}{NBSP}»"


def suggestion(received: object, candidates) -> str | None:
    """The closest candidate to a misspelt value, if one is close enough."""
    if not isinstance(received, str):
        return None
    names = [c for c in candidates if isinstance(c, str)]
    # Case and accents are the most common slips: compare lowercased first.
    lowered = {c.lower(): c for c in names}
    if received.lower() in lowered and lowered[received.lower()] != received:
        return lowered[received.lower()]
    close = difflib.get_close_matches(received, names, n=1, cutoff=0.6)
    return close[0] if close else None


@dataclass(frozen=True)
class Problem:
    """One thing an editor must fix, located in a file."""

    file: str
    line: int | None = None
    column: int | None = None
    message: str = ""
    # Who and what, for the editor: the initiative's id and the dotted field path.
    record: str | None = None
    field_path: str | None = None
    hint: str | None = field(default=None, compare=False)
    # A warning is shown but does not stop the check nor the build.
    warning: bool = field(default=False, compare=False)
    # What kind of slip, when a later step may explain it better (e.g. « syntaxe »).
    kind: str | None = field(default=None, compare=False)

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def subject(self) -> str:
        parts = []
        if self.record:
            parts.append(self.record)
        if self.field_path:
            parts.append(f"champ {guillemets(self.field_path)}")
        return ", ".join(parts)

    def text(self) -> str:
        """The message without its location: subject, what is wrong, the hint."""
        subject = self.subject()
        text = f"{subject}{NBSP}: {self.message}" if subject else self.message
        if self.warning:
            text = f"avertissement{NBSP}: {text}"
        if self.hint:
            text += f" {self.hint}"
        return text

    def __str__(self) -> str:
        return f"{self.location()}: {self.text()}"

    def github_annotation(self) -> str:
        """The problem as a GitHub Actions workflow command: shown on the line in the diff."""
        properties = [f"file={self.file}"]
        if self.line is not None:
            properties.append(f"line={self.line}")
            if self.column is not None:
                properties.append(f"col={self.column}")
        properties.append("title=Avertissement" if self.warning else "title=Données invalides")
        # Workflow commands escape %, CR and LF in the message, and also , and : in properties.
        message = self.text().replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{'warning' if self.warning else 'error'} {','.join(properties)}::{message}"


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """In file order: file, line, column."""
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0))


def plural(count: int, word: str) -> str:
    """« 1 problème », « 2 problèmes »."""
    return f"{count} {word}{'s' if count > 1 else ''}"


def github_annotations(problems: list[Problem]) -> str:
    # Not « annotations »: that name is taken by « from __future__ import annotations ».
    return "\n".join(problem.github_annotation() for problem in problems)


class DataError(Exception):
    """Raised when data files have problems; carries all of them (and any warning), sorted."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted_problems(problems)
        super().__init__(self.report())

    def annotations(self) -> str:
        return github_annotations(self.problems)

    def report(self) -> str:
        errors = sum(1 for problem in self.problems if not problem.warning)
        warnings = len(self.problems) - errors
        title = f"{plural(errors, 'problème')} dans les données"
        if warnings:
            title += f" (et {plural(warnings, 'avertissement')})"
        lines = [f"{title}{NBSP}:"]
        lines += [f"  {problem}" for problem in self.problems]
        lines.append(f"Corrigez ces points puis relancez {guillemets('make check')}.")
        return "\n".join(lines)
