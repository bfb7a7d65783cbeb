"""Structure errors: the line that is wrong, its likely cause first, one message per slip."""

from __future__ import annotations

from pathlib import Path

from conftest import PROJECT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.checks.diagnosis import diagnose, diagnose_fields
from macros.checks.schema_errors import schema_problems
from macros.model.schema import is_valid
from macros.model.yaml_source import read_text

ENTRIES = """\
- id: un
  nom: Premier
  territoire:
    commune: Crest
    sources: [a]
  sources:
    - cle: a
- id: deux
  nom: Second
  territoire:
    commune: Die
    sources: [b]
  sources:
    - cle: b
"""


def explain(text: str, is_valid=None):
    document, problems = read_text(text, "f.yaml")
    return diagnose(text, problems, "f.yaml", "id", is_valid)


def explain_as_check(text: str, schema: Path) -> list:
    """As make check reads a file: structure first; if it reads, the schema, with a key that
    slipped left into the mapping above named as such (diagnose_fields)."""
    document, problems = read_text(text, "f.yaml")
    valid = lambda data: is_valid(schema, data)  # noqa: E731
    if problems:
        return diagnose(text, problems, "f.yaml", "id", valid)
    found = schema_problems(document, schema, lambda path: None)
    return diagnose_fields(text, found, "f.yaml", "id", valid)


def slip(text: str, line: int, new: str) -> str:
    lines = text.split("\n")
    lines[line - 1] = new
    return "\n".join(lines)


def test_two_slips_in_two_entries_are_both_named_at_once():
    text = slip(slip(ENTRIES, 5, "  sources: [a]"), 11, "  commune: Die")
    found = explain(text)
    assert [(problem.line, problem.column) for problem in found] == [(5, 3), (11, 3)]
    assert all("ligne mal indentée" in problem.message for problem in found)


def test_two_slips_in_one_entry_are_both_named():
    text = slip(slip(ENTRIES, 2, "    nom: Premier"), 5, "  sources: [a]")
    found = explain(text)
    assert [(problem.line, problem.column) for problem in found] == [(2, 5), (5, 3)], [str(p) for p in found]
    assert "vers la gauche (colonne 3)" in found[0].message and "vers la droite (colonne 5)" in found[1].message


def test_a_syntax_error_without_a_line_stands_without_a_traceback():
    # A control character: libyaml gives no position, so no fix can be tried.
    text = ENTRIES.replace("nom: Second", "nom: Sec\x07ond")
    found = explain(text)
    assert len(found) == 1 and found[0].line is None
    assert "caractère de contrôle interdit" in found[0].message


def test_an_over_indented_line_is_shifted_left():
    found = explain(slip(ENTRIES, 2, "    nom: Premier"))
    (problem,) = found
    assert problem.line == 2 and "vers la gauche (colonne 3)" in problem.message


def test_without_a_likely_cause_libyaml_s_message_stands():
    text = ENTRIES.replace("  nom: Premier", "  nom: [Premier")
    document, problems = read_text(text, "f.yaml")
    assert problems and diagnose(text, problems, "f.yaml") == problems


def test_the_real_data_with_any_line_dedented_points_at_that_line():
    """Every key line of an entry of the real data, dedented: the message names it (the
    schema tells an indentation that fits from one that only parses, as in make check)."""
    schema = PROJECT / "data/schemas/initiatives.schema.json"
    text = (PROJECT / "data/initiatives.yaml").read_text(encoding="utf-8")
    lines = text.split("\n")
    start = lines.index("- id: nova-child")
    named = tried = 0
    for number in range(start + 1, start + 60):
        line = lines[number]
        if not line.startswith("    ") or ":" not in line or line.strip().startswith(("#", "-")):
            continue
        tried += 1
        found = explain_as_check(slip(text, number + 1, line[2:]), schema)
        if found and found[0].line == number + 1 and "mal indentée" in found[0].message:
            named += 1
    assert tried >= 15 and named == tried


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 13), st.sampled_from(["<<", ">>", "del", "dup", ": x", "- "])), min_size=1, max_size=3))
def test_any_slip_is_explained_or_reported_without_a_traceback(edits):
    lines = ENTRIES.split("\n")
    for index, edit in edits:
        index = min(index, len(lines) - 1)
        if edit == "<<":
            lines[index] = lines[index][2:]
        elif edit == ">>":
            lines[index] = "  " + lines[index]
        elif edit == "del":
            del lines[index]
        elif edit == "dup":
            lines.insert(index, lines[index])
        else:
            lines[index] += edit
    for problem in explain("\n".join(lines)):
        assert problem.message and str(problem).startswith("f.yaml")
