"""A source's address must lead to what it supports: a site's home page is warned about,
unless the source's « note » says why no precise page is given."""

from __future__ import annotations

from conftest import NBSP, g

# A source with a precise page and no note (a note may say why an address is a home page).
PRECISE = "  url: https://be.fashionnetwork.com/news/Pole-Enfant-de-Cholet-mode-d-emploi,92658.html\n"


def test_a_home_page_address_is_warned_about_at_its_line(project):
    line = project.replace("data/sources.yaml", PRECISE, "  url: https://be.fashionnetwork.com/\n")
    result = project.check()
    assert result.returncode == 0  # a warning stops nothing
    assert f"data/sources.yaml:{line}:8: avertissement{NBSP}: source {g('fashionnetwork')}" in result.stdout
    assert f"l'adresse {g('https://be.fashionnetwork.com/')} est la page d'accueil d'un site" in result.stdout


def test_a_note_saying_why_silences_the_warning(project):
    project.replace(
        "data/sources.yaml",
        PRECISE,
        "  url: https://be.fashionnetwork.com\n  note: La fiche n'a plus d'adresse propre depuis la refonte du site.\n",
    )
    result = project.check()
    assert result.returncode == 0
    assert "page d'accueil" not in result.stdout
