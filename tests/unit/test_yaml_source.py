"""The strict YAML reader: YAML's traps become located French problems, never tracebacks."""

from __future__ import annotations

import pytest

from macros.model.yaml_source import load_yaml


def load(tmp_path, content: bytes | str):
    path = tmp_path / "donnees.yaml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return load_yaml(path, "donnees.yaml")


def test_plain_scalars_follow_yaml_1_2_without_surprises(tmp_path):
    document, problems = load(tmp_path, ("a: 01\nb: 2A\nc: yes\nd: off\ne: 2021-01-08\nf: 42\ng: 4.5\nh: true\ni: ~\nj: '7'\nk: 1e3\n"))
    assert problems == []
    assert document.data == {
        "a": "01",
        "b": "2A",
        "c": "yes",
        "d": "off",
        "e": "2021-01-08",
        "f": 42,
        "g": 4.5,
        "h": True,
        "i": None,
        "j": "7",
        "k": "1e3",
    }


def test_positions_are_recorded_for_values_and_keys(tmp_path):
    document, _ = load(tmp_path, "- id: un\n  liste:\n    - x\n    - y\n")
    assert document.position((0, "liste", 1)) == (4, 7)
    assert document.position((0, "liste"), key=True) == (2, 3)
    # A path that does not exist points at its nearest parent.
    assert document.position((0, "absent")) == (1, 3)


@pytest.mark.parametrize(
    ("content", "line", "column", "fragment"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, 1, "clé «\u00a0a\u00a0» en double (déjà présente ligne 1)"),
        ("a:\n\t- b\n", 2, 1, "tabulation dans l'indentation"),
        ("a: [1, 2\n", 2, 1, "erreur de syntaxe YAML"),
        ("a: b: c\n", 1, 5, "deux-points inattendu"),
        ("a: &x 1\nb: *x\n", 1, 4, "ancres et alias YAML"),
        ("a: !!python/object:os.system 1\n", 1, 4, "étiquette YAML"),
        ("base: {a: 1}\nc:\n  <<: {a: 2}\n", 3, 3, "fusions YAML"),
        ("", 1, 1, "le fichier est vide"),
        ("# rien que des commentaires\n", 1, 1, "le fichier est vide"),
    ],
)
def test_traps_give_a_located_french_problem(tmp_path, content, line, column, fragment):
    _, problems = load(tmp_path, content)
    assert problems, "un problème était attendu"
    first = problems[0]
    assert (first.line, first.column) == (line, column)
    assert fragment in first.message
    assert str(first).startswith(f"donnees.yaml:{line}:{column}: ")


def test_byte_order_mark_is_refused_clearly(tmp_path):
    _, problems = load(tmp_path, b"\xef\xbb\xbfa: 1\n")
    assert "BOM" in problems[0].message and (problems[0].line, problems[0].column) == (1, 1)


def test_invalid_utf8_names_the_line_and_column(tmp_path):
    _, problems = load(tmp_path, b"a: 1\nb: caf\xe9\n")
    assert (problems[0].line, problems[0].column) == (2, 7)
    assert "UTF-8" in problems[0].message and "0xe9" in problems[0].message


def test_control_character_is_a_problem_not_a_traceback(tmp_path):
    _, problems = load(tmp_path, "a: b\x07c\n")
    assert problems and "erreur de syntaxe YAML" in problems[0].message
