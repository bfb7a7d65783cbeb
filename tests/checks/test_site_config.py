"""mkdocs.yml broken by an editor: `make check` says where and what, in French, before MkDocs
would stop the build with an English message."""

from __future__ import annotations

from conftest import NNBSP, g


def test_a_nav_entry_naming_a_missing_page_is_located_with_the_close_page(project):
    line = project.replace("mkdocs.yml", "- rapports/relancer-les-ptce/methode.md", "- rapports/relancer-les-ptce/methodes.md")
    result = project.check()
    assert result.returncode == 1
    assert (
        f"mkdocs.yml:{line}:9: la page {g('rapports/relancer-les-ptce/methodes.md')} de la navigation n’existe pas dans docs/"
        in result.stderr
    )
    assert f"Vouliez-vous dire {g('rapports/relancer-les-ptce/methode.md')}{NNBSP}?" in result.stderr


def test_two_titles_in_one_entry_and_a_section_without_page_are_named(project):
    line = project.replace("mkdocs.yml", "  - Glossaire: glossaire.md\n", "  - Glossaire: glossaire.md\n    Sources: sources.md\n")
    project.replace("mkdocs.yml", "  - Sources: sources.md\n", "  - Sources:\n")
    result = project.check()
    assert result.returncode == 1
    assert f"mkdocs.yml:{line}:5: une entrée de la navigation a 2 titres" in result.stderr
    assert f"la rubrique {g('Sources')} n’a ni page ni sous-entrées" in result.stderr


def test_a_yaml_slip_in_mkdocs_yml_is_a_located_french_line(project):
    line = project.replace("mkdocs.yml", "  - Glossaire: glossaire.md\n", "  - Glossaire: glossaire.md\n - Sources2: sources.md\n") + 1
    result = project.check()
    assert result.returncode == 1
    assert f"mkdocs.yml:{line}:2: erreur de syntaxe YAML" in result.stderr
    assert "Traceback" not in result.stderr
