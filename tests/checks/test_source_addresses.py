"""A source's address must lead to what it supports: a site's home page is warned about,
unless the source's « note » says why no precise page is given."""

from __future__ import annotations

from conftest import NBSP, g

PRECISE = "  url: https://recherche.ademe.fr/index.php/ressources-coopeco-cluster-jura-et-universite-poitiers\n"


def test_a_home_page_address_is_warned_about_at_its_line(project):
    line = project.replace("data/sources.yaml", PRECISE, "  url: https://recherche.ademe.fr/\n")
    result = project.check()
    assert result.returncode == 0  # a warning stops nothing
    assert f"data/sources.yaml:{line}:8: avertissement{NBSP}: source {g('ademe-recherche')}" in result.stdout
    assert f"l'adresse {g('https://recherche.ademe.fr/')} est la page d'accueil d'un site" in result.stdout


def test_a_note_saying_why_silences_the_warning(project):
    project.replace(
        "data/sources.yaml",
        PRECISE,
        "  url: https://recherche.ademe.fr\n  note: La fiche n'a plus d'adresse propre depuis la refonte du site.\n",
    )
    result = project.check()
    assert result.returncode == 0
    assert "page d'accueil" not in result.stdout
