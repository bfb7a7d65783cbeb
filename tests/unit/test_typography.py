"""French typography of the prose, and of data text as the pages print it."""

from __future__ import annotations

import pytest
from conftest import PROJECT

from macros import french
from macros.checks.typography import fix_typography, typography_issues

PROSE = sorted((PROJECT / "docs").rglob("*.md")) + sorted((PROJECT / "monographs").glob("*.md"))


@pytest.mark.parametrize("path", PROSE, ids=[str(p.relative_to(PROJECT)) for p in PROSE])
def test_prose_has_french_no_break_spaces(path):
    issues = typography_issues(path.read_text(encoding="utf-8"))
    assert issues == [], [f"{path.relative_to(PROJECT)}:{line}:{column}: {message}" for line, column, message in issues]


def test_checker_finds_and_fixes_ordinary_spaces():
    text = "Il dit « bonjour » : vraiment ? Oui ; [lien](https://a.fr/?q=1) `code : x`\n"
    assert [column for _, column, _ in typography_issues(text)] == [9, 17, 19, 30, 36]
    fixed = fix_typography(text)
    assert typography_issues(fixed) == []
    assert "`code : x`" in fixed and "(https://a.fr/?q=1)" in fixed


def test_data_text_gets_typography_when_rendered():
    assert french.typography("l'étude « X » : oui ; non ?") == ("l\u2019étude «\u00a0X\u00a0»\u00a0: oui\u202f; non\u202f?")
    assert french.number(54000) == "54\u202f000" and french.number(3.5) == "3,5"
    assert french.date("2013-01-31") == "31 janvier 2013" and french.date("2012-05-01") == "1er mai 2012"


def test_de_is_elided_before_a_vowel_on_the_pages(built_site):
    assert french.de("Eusko") == "d’Eusko" and french.de("Écopôle") == "d’Écopôle"
    assert french.de("Biovallée") == "de Biovallée"
    eusko = (built_site / "monographies/eusko/index.html").read_text(encoding="utf-8")
    biovallee = (built_site / "monographies/biovallee/index.html").read_text(encoding="utf-8")
    assert "<caption>Chiffres clés d’Eusko</caption>" in eusko
    assert "<caption>Chiffres clés de Biovallée</caption>" in biovallee
