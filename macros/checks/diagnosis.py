"""The likely cause of a YAML structure error, found by trying the fixes an editor would make.

libyaml says where it got lost, often a line or more after the slip and in its own terms
(« mapping values are not allowed here »); a key read twice is reported at its second
place, and a missing « - id: » line makes every key of the next entry a duplicate. Here
each entry (top-level list item) with such a problem is read again alone, and small edits
are tried on it: shift a line by two spaces, quote a value that holds « : », restore the
« - id: » line. The edit that makes the entry readable (and valid, when a schema check is
given) names the line to fix and how, and replaces the problems it explains: one message
per slip.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from macros.model.yaml_source import DUPLICATE, SYNTAX, YamlDocument, read_text
from macros.problems import NBSP, NNBSP, Problem, guillemets

# How far above the line where libyaml stopped the slip is looked for (content lines).
_LOOK_BACK = 8
# Rounds of fixes in one entry: several slips in one entry are each named.
_ROUNDS = 3
_ITEM_START = re.compile(r"-( |$)")
_KEY_LINE = re.compile(r"^(?P<lead>\s*(?:- )?)(?P<key>[^\s:#'\"\[{][^:#]*?):(?P<gap>\s+)(?P<value>\S.*?)\s*$")
_KEY_NAME = re.compile(r"^\s*(?:- )?(?P<key>[^\s:#'\"\[{][^:]*?):(\s|$)")
_FIRST_SEEN = re.compile(r"déjà présente ligne (\d+)")
# Values that are already quoted, flow collections, block scalars, anchors or tags.
_NOT_PLAIN = tuple("\"'[{|>&*!")


@dataclass
class _Attempt:
    """A fixed copy of an entry and what reading it gives."""

    lines: list[str]
    message: Callable[[YamlDocument, YamlDocument], str]  # (before, after) -> French text
    line: int  # the line to fix, in the entry (from 0)
    column: int  # where, from 1
    # What reading the fixed entry gives: set by _Entry.try_, which every attempt goes through
    # before these are read.
    document: YamlDocument = field(init=False, repr=False)
    problems: list[Problem] = field(init=False, repr=False)
    opens: bool = False  # the fix restores an entry's first line


def _line(problem: Problem) -> int:
    """The line of a problem that always has one: a duplicate key, an unknown field kept for its line."""
    assert problem.line is not None
    return problem.line


def _structural(problems: list[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.kind in (SYNTAX, DUPLICATE)]


def _entries(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each top-level list item; the whole text if it is not a list."""
    starts = [number for number, line in enumerate(lines) if _ITEM_START.match(line)]
    if not starts:
        return [(0, len(lines))]
    return list(zip(starts, starts[1:] + [len(lines)]))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _key(line: str) -> str | None:
    match = _KEY_NAME.match(line)
    return match.group("key") if match else None


def _spaces(count: int) -> str:
    return f"{count} espace{'s' if count > 1 else ''}"


def _path_of_key(document: YamlDocument, line: int) -> tuple | None:
    """The path of the key that stands on a line (from 1), if any."""
    return next((path for path, (at, _) in document.key_at.items() if at == line), None)


class _Entry:
    """One entry of a file, read and fixed on its own."""

    def __init__(self, lines: list[str], offset: int, display: str, record_key: str, is_valid: Callable[[object], bool] | None):
        self.lines = lines
        self.offset = offset  # line number of the entry's first line in the file, minus 1
        self.display = display
        self.record_key = record_key
        self.is_valid = is_valid

    def read(self, lines: list[str]) -> tuple[YamlDocument, list[Problem]]:
        document, problems = read_text("\n".join(lines), self.display)
        return document, _structural(problems)

    def absolute(self, line: int) -> int:
        """A line of the entry (from 1) as a line of the file."""
        return line + self.offset

    def where(self, document: YamlDocument, path: tuple) -> str:
        """« « territoire » (ligne 329) », the place a path names."""
        if len(path) <= 1:
            record = document.data[path[0]] if path and isinstance(document.data, list) else None
            name = record.get(self.record_key) if isinstance(record, dict) else None
            return f"l'entrée {guillemets(name)}" if isinstance(name, str) else "l'entrée"
        last = path[-1]
        if isinstance(last, int):
            line = self.absolute(document.value_at.get(path, (0, 0))[0])
            return f"l'élément {last + 1} de {guillemets(path[-2])} (ligne {line})"
        return f"{guillemets(last)} (ligne {self.absolute(document.key_at[path][0])})"

    # --- Fixes to try ------------------------------------------------------------------

    def shifted(self, number: int, delta: int, block: bool) -> _Attempt | None:
        """Line `number` (from 0), and with `block` the deeper lines under it, moved by `delta`."""
        line = self.lines[number]
        indent = _indent(line)
        if indent + delta < 0:
            return None
        end = number + 1
        if block:
            while end < len(self.lines) and (not self.lines[end].strip() or _indent(self.lines[end]) > indent):
                end += 1
            if end == number + 1:
                return None
        lines = list(self.lines)
        for index in range(number, end):
            if lines[index].strip():
                lines[index] = " " * (_indent(lines[index]) + delta) + lines[index].lstrip(" ")
        key = _key(line)
        subject = f"la clé {guillemets(key)}" if key else "cette ligne"
        direction = "vers la droite" if delta > 0 else "vers la gauche"
        moved = (
            f"décalez-la, avec les lignes {self.absolute(number + 2)} à {self.absolute(end)} qui en dépendent," if block else "décalez-la"
        )

        def message(before: YamlDocument, after: YamlDocument) -> str:
            path = _path_of_key(after, number + 1)
            under = f", sous {self.where(after, path[:-1])}" if path and len(path) > 1 else ""
            text = (
                f"ligne mal indentée{NBSP}: {subject} est en colonne {indent + 1}{NNBSP}; {moved} de "
                f"{_spaces(abs(delta))} {direction} (colonne {indent + delta + 1}){under}."
            )
            read_as = _path_of_key(before, number + 1) if before.key_at else None
            if read_as and key and len(read_as) > 1:
                text += f" Telle quelle, YAML la range dans {self.where(before, read_as[:-1])}."
            return text

        return _Attempt(lines, message, number, indent + 1)

    def quoted(self, number: int) -> _Attempt | None:
        """A plain value holding « : » put between double quotes."""
        match = _KEY_LINE.match(self.lines[number])
        if not match or match.group("value").startswith(_NOT_PLAIN):
            return None
        value = match.group("value")
        if ": " not in value and not value.endswith(":"):
            return None
        fixed_value = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        lines = list(self.lines)
        lines[number] = f"{match.group('lead')}{match.group('key')}:{match.group('gap')}{fixed_value}"
        key = match.group("key")

        def message(before: YamlDocument, after: YamlDocument) -> str:
            return (
                f"la valeur de {guillemets(key)} contient {guillemets(':')} suivi d'une espace, que YAML prend "
                f"pour une nouvelle clé{NNBSP}; mettez-la entre guillemets{NBSP}: "
                f"{guillemets(f'{key}: {fixed_value}')}."
            )

        return _Attempt(lines, message, number, match.start("value") + 1)

    def opened(self, number: int, duplicates: list[Problem], first_seen: int) -> _Attempt | None:
        """The entry's first line (« - id: … ») restored above line `number` (from 0)."""
        line = self.lines[number]
        if _indent(line) != 2 or line.lstrip().startswith("- "):
            return None
        lines = list(self.lines)
        lines.insert(number, f"- {self.record_key}: id-manquant")
        keys = [guillemets(_key(self.lines[_line(problem) - 1]) or "?") for problem in duplicates[:3]]
        more = "…" if len(duplicates) > 3 else ""
        opening = guillemets(f"- {self.record_key}: …")

        def message(before: YamlDocument, after: YamlDocument) -> str:
            previous = (
                before.data[0].get(self.record_key)
                if isinstance(before.data, list) and before.data and isinstance(before.data[0], dict)
                else None
            )
            owner = f"de l'entrée {guillemets(previous)}" if isinstance(previous, str) else "de l'entrée précédente"
            count = len(duplicates)
            return (
                f"une nouvelle entrée commence ici sans sa ligne {opening}{NNBSP}: ses clés "
                f"({', '.join(keys)}{more}) sont lues comme {count} doublon{'s' if count > 1 else ''} "
                f"{owner} (ligne {self.absolute(first_seen)}){NNBSP}; ajoutez la ligne {opening} "
                f"au-dessus de celle-ci."
            )

        return _Attempt(lines, message, number, 3, opens=True)

    def attempts(self, problems: list[Problem]) -> list[_Attempt]:
        """The fixes worth trying for the first problem of the entry, likeliest first."""
        first = min(problems, key=lambda problem: problem.line or 0)
        found: list[_Attempt | None] = []
        if first.kind == SYNTAX and first.line:
            stop = min(first.line, len(self.lines)) - 1
            nearby = [number for number in range(stop, -1, -1) if _content(self.lines[number])][: _LOOK_BACK + 1]
            found += [self.quoted(number) for number in nearby[:2]]
            for number in nearby:
                for delta in (2, -2):
                    found += [self.shifted(number, delta, block=False), self.shifted(number, delta, block=True)]
        else:
            duplicates = [problem for problem in problems if problem.kind == DUPLICATE]
            if not duplicates:
                # A syntax error libyaml cannot place (a control character): no line to fix.
                return []
            first = min(duplicates, key=_line)
            seen = _FIRST_SEEN.search(first.message)
            first_seen = int(seen.group(1)) if seen else None
            shifts = []
            for number in ([first_seen - 1] if first_seen else []) + [_line(first) - 1]:
                for delta in (2, -2):
                    shifts += [self.shifted(number, delta, block=False), self.shifted(number, delta, block=True)]
            # Many duplicates at once: an entry lost its first line; one or two: indentation,
            # or a key really written twice (then no fix is tried: the message says so).
            opened = self.opened(_line(first) - 1, duplicates, first_seen or 1) if len(duplicates) > 2 else None
            found += [opened, *shifts]
        return [attempt for attempt in found if attempt is not None]

    # --- Choosing a fix ------------------------------------------------------------------

    def try_(self, attempt: _Attempt) -> _Attempt:
        attempt.document, attempt.problems = self.read(attempt.lines)
        return attempt

    def valid(self, attempt: _Attempt) -> bool:
        return self.is_valid is not None and not attempt.problems and self.is_valid(attempt.document.data)

    @staticmethod
    def progress(before: list[Problem], after: list[Problem]) -> bool:
        """The fix leaves fewer problems, or moves the first syntax error further down."""
        syntax_before = [p.line or 0 for p in before if p.kind == SYNTAX]
        syntax_after = [p.line or 0 for p in after if p.kind == SYNTAX]
        if syntax_before:
            return not syntax_after or min(syntax_after) > min(syntax_before)
        return not syntax_after and len(after) < len(before)

    def diagnose(self, problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
        """(one message per slip found, the problems no fix explains), located in the file."""
        found = []
        document, _ = self.read(self.lines)
        renumber = lambda line: line  # noqa: E731 - lines of the fixed entry as lines of the file
        for _ in range(_ROUNDS):
            if not problems:
                break
            attempts = [self.try_(attempt) for attempt in self.attempts(problems)]
            clean = [attempt for attempt in attempts if not attempt.problems]
            # A duplicate may be meant (a key written twice): an indentation fix must then
            # give a valid entry; a syntax error or a lost first line is always a slip.
            lenient = any(problem.kind == SYNTAX for problem in problems) or self.is_valid is None
            chosen = (
                next((attempt for attempt in clean if self.valid(attempt)), None)
                or next((attempt for attempt in clean if lenient or attempt.opens), None)
                or next((attempt for attempt in attempts if lenient and self.progress(problems, attempt.problems)), None)
            )
            if chosen is None:
                break
            found.append(
                Problem(
                    self.display, self.absolute(chosen.line + 1), chosen.column, chosen.message(document, chosen.document), kind="structure"
                )
            )
            inserted = len(chosen.lines) > len(self.lines)
            self.lines, problems, document = chosen.lines, chosen.problems, chosen.document
            if inserted:
                # Lines below the restored line are numbered one more in the fixed entry.
                added = chosen.line + 1
                renumber = lambda line: line - 1 if line > added else line  # noqa: E731
                break
        remaining = [
            Problem(self.display, self.absolute(renumber(p.line)) if p.line else None, p.column, p.message, kind=p.kind) for p in problems
        ]
        return found, remaining


def diagnose(
    text: str, problems: list[Problem], display: str, record_key: str = "id", is_valid: Callable[[object], bool] | None = None
) -> list[Problem]:
    """The problems of a file, its structure errors replaced by their likely causes."""
    if not _structural(problems):
        return problems
    lines = text.split("\n")
    result = [problem for problem in problems if problem.kind not in (SYNTAX, DUPLICATE)]
    explained = False
    for start, end in _entries(lines):
        entry = _Entry(lines[start:end], start, display, record_key, is_valid)
        _, own = entry.read(entry.lines)
        if own:
            found, remaining = entry.diagnose(own)
            result += found + remaining
            explained = explained or bool(found)
    # No entry could be explained on its own: what libyaml said stands.
    return result if explained else problems


# The kind of a schema problem « champ inconnu » (schema.py), which a slipped key may cause.
UNKNOWN_FIELD = "champ-inconnu"


def diagnose_fields(text: str, problems: list[Problem], display: str, record_key: str, is_valid: Callable[[object], bool]) -> list[Problem]:
    """A key moved two spaces to the left is still valid YAML: it becomes an unknown field of
    the mapping above and leaves its own without a required key. When shifting it back makes
    its entry valid, that one fix replaces every problem of the entry."""
    unknown = [problem for problem in problems if problem.kind == UNKNOWN_FIELD and problem.line]
    if not unknown:
        return problems
    lines = text.split("\n")
    result = list(problems)
    for start, end in _entries(lines):
        inside = [problem for problem in unknown if start < _line(problem) <= end]
        if not inside:
            continue
        entry = _Entry(lines[start:end], start, display, record_key, is_valid)
        number = min(_line(problem) for problem in inside) - 1 - start
        before, _ = entry.read(entry.lines)
        for delta, block in ((2, False), (2, True), (4, False), (4, True)):
            attempt = entry.shifted(number, delta, block)
            if attempt is None or entry.try_(attempt).problems or not entry.valid(attempt):
                continue
            fix = Problem(display, entry.absolute(number + 1), attempt.column, attempt.message(before, attempt.document), kind="structure")
            result = [problem for problem in result if not (problem.line and start < problem.line <= end)] + [fix]
            break
    return result
