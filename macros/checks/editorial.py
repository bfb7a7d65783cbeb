"""What `make check` adds to the validation the build does: the writing itself.

French typography of the monographs, of the pages of docs/ and of the data's free text, and
balanced HTML in the pages of docs/. A typographic slip is a real mistake (the tests refuse
it), but it should not stop a preview: the build leaves these checks to `make check`, which
the Makefile runs before every build and preview.
"""

from __future__ import annotations

from pathlib import Path

from macros.checks.prose_html import page_html_problems
from macros.checks.prose_markdown import markdown_problems
from macros.checks.schema_errors import field_path
from macros.checks.typography import data_issues, prose_issues
from macros.model.collections import DataPaths
from macros.model.schema import inlined_schema
from macros.model.yaml_source import YamlDocument
from macros.problems import NBSP, Problem

# The hint printed once under typographic problems of prose.
AUTOMATIC_FIX = "make typographie"


def _problem(display: str, line, column, issue, **subject) -> Problem:
    return Problem(display, line, column, f"typographie{NBSP}: {issue.message}{NBSP}: {issue.fix()}.", kind="typographie", **subject)


def prose_typography(display: str, text: str) -> list[Problem]:
    """The typographic mistakes of a Markdown text, each with its fix."""
    return [_problem(display, issue.line, issue.column, issue) for issue in prose_issues(text)]


def _free_text(schema: dict) -> bool:
    # A verbatim excerpt keeps the source's own typography: it is quoted, not written by us.
    return schema.get("type") == "string" and "enum" not in schema and "pattern" not in schema and not schema.get("x-verbatim")


def _texts(value, schema: dict, path: tuple):
    """(path, text) of each free-text value of the data, as the schema describes it."""
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key, item in value.items():
            yield from _texts(item, properties.get(key, {}), path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, schema.get("items", {}), path + (index,))
    elif isinstance(value, str) and _free_text(schema):
        yield path, value


def data_typography(document: YamlDocument, schema_path: Path, record_name) -> list[Problem]:
    """Missing spaces in the free text of a data file (ordinary ones become no-break on the page)."""
    problems = []
    skip = 1 if isinstance(document.data, list) else 0
    for path, text in _texts(document.data, inlined_schema(schema_path.resolve()), ()):
        for issue in data_issues(text):
            line, column = document.position(path)
            problems.append(
                _problem(document.path, line, column, issue, record=record_name(path), field_path=field_path(path[skip:]) or None)
            )
    return problems


def pages_problems(paths: DataPaths) -> list[Problem]:
    """Typography, balanced HTML and Markdown slips of the written pages of docs/."""
    problems = []
    for page in sorted((paths.project_dir / paths.docs_dir).rglob("*.md")):
        text = page.read_text(encoding="utf-8", errors="replace")
        shown = paths.display(page)
        problems += prose_typography(shown, text) + page_html_problems(shown, text) + markdown_problems(shown, text)
    return problems
