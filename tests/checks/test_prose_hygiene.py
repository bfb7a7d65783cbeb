"""Text pasted into a monograph or a page: invisible characters, word-processor lists, HTML
comments. Each stops `make check` at its line instead of publishing something else."""

from __future__ import annotations

import subprocess
import sys

from conftest import g


def _append(project, relative: str, text: str) -> int:
    """Add text at the end of a file; the number of its first line."""
    before = project.read(relative).rstrip("\n")
    project.write(relative, before + "\n\n" + text)
    return before.count("\n") + 3


def test_invisible_characters_are_named_and_removed_by_make_typographie(project):
    line = _append(project, "monographs/eusko.md", "Un mot\u00adcoupé et un\u200bespace.\n")
    result = project.check()
    assert result.returncode == 1
    assert f"monographs/eusko.md:{line}:7: caractère invisible U+00AD SOFT HYPHEN (trait d'union conditionnel)" in result.stderr
    assert f"monographs/eusko.md:{line}:19: caractère invisible U+200B ZERO WIDTH SPACE (espace sans chasse)" in result.stderr
    fixed = subprocess.run(
        [sys.executable, "-m", "macros.commands.check", "--projet", str(project.root), "--typographie"],
        capture_output=True,
        text=True,
    )
    assert fixed.returncode == 0, fixed.stderr
    assert "Un motcoupé et unespace." in project.read("monographs/eusko.md")


def test_a_pasted_list_is_refused_with_the_markdown_to_write(project):
    line = _append(project, "docs/a-propos.md", "• premier point • second point\n")
    result = project.check()
    assert result.returncode == 1
    assert f"docs/a-propos.md:{line}:1: liste collée avec des {g('•')}" in result.stderr
    assert f"commençant par {g('-')} et une espace" in result.stderr


def test_a_line_opened_by_a_dash_in_a_monograph_is_a_pasted_list(project):
    line = _append(project, "monographs/eusko.md", "— premier point\n— second point\n")
    result = project.check()
    assert f"monographs/eusko.md:{line}:1: liste collée avec des {g('—')}" in result.stderr


def test_an_html_comment_in_a_monograph_is_refused_also_by_the_build(project):
    line = _append(project, "monographs/eusko.md", "<!-- note interne : à vérifier -->\n")
    message = f"monographs/eusko.md:{line}:1: commentaire HTML interdit dans une monographie"
    assert message in project.check().stderr
    build = project.build()
    assert build.returncode != 0 and "commentaire HTML interdit" in build.stderr
