"""The real site, built with --strict: one page per initiative, complete and escaped."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from built_pages import CATALOGUE, text_of

from macros import french

INITIATIVES = CATALOGUE.initiatives


def shown(value: str) -> str:
    """A data text as the page shows it (typography applied), spaces normalised."""
    return re.sub(r"\s+", " ", french.typography(value).replace(french.NBSP, " ").replace(french.NNBSP, " "))


def test_home_page_presents_both_reports_and_the_count(built_site):
    text = text_of(built_site / "index.html")
    assert "Dynamiques collectives de transitions dans les territoires" in text
    assert "Relancer les PTCE" in text
    assert f"{len(INITIATIVES)} des 17 dynamiques" in text
    assert '<html lang="fr"' in (built_site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("initiative", INITIATIVES, ids=[item["id"] for item in INITIATIVES])
def test_each_initiative_has_its_complete_page(built_site, initiative):
    page = built_site / "monographies" / initiative["id"] / "index.html"
    assert page.exists(), f"page absente : /monographies/{initiative['id']}/"
    source = page.read_text(encoding="utf-8")
    text = text_of(page)
    assert f"<h1>{html.escape(shown(initiative['nom']), quote=False)}</h1>" in source.replace(french.NBSP, " ")
    assert CATALOGUE.label("type", initiative["type"]) in text.replace("’", "'")
    assert shown(initiative["territoire"]["commune"]) in text
    assert initiative["territoire"]["region"].replace("'", "’") in text
    assert CATALOGUE.label("statut", initiative["etude"]["statut"]).replace("'", "’") in text
    for source_item in CATALOGUE.initiative_sources(initiative["id"]):
        assert shown(source_item["titre"]) in text
        if "url" in source_item:
            assert f'href="{html.escape(source_item["url"])}"' in source
    # The editor's prose is there, sections included.
    assert "Histoire" in text and "Modèle économique" in text
    # Unknown values are said, not hidden.
    for field in ("forme_juridique", "site_web", "structure_porteuse"):
        if field not in initiative:
            assert "non renseigné" in text


def test_an_implicit_tie_to_the_study_ranks_below_an_explicit_visit(built_site):
    # La Chantrerie is tied to the study only by the sequence of a partner's post: it is listed
    # after the dynamics whose visit a source writes down, and its tie is the editors' reading.
    explained = (built_site / "statuts/index.html").read_text(encoding="utf-8")
    order = re.findall(r'<dt id="statut-([a-z-]+)"', explained)
    assert order.index("visite-documentee") < order.index("lien-implicite") < order.index("deduite")
    page = (built_site / "monographies/chantrerie/index.html").read_text(encoding="utf-8")
    status = page[page.index("labo-statut") : page.index("Fiche d’identité")]
    assert "Lien implicite avec l’étude" in status and "labo-qui--redaction" in status


def test_monographs_index_links_every_initiative(built_site):
    source = (built_site / "monographies" / "index.html").read_text(encoding="utf-8")
    for initiative in INITIATIVES:
        assert f'href="{initiative["id"]}/"' in source


def test_no_page_contains_unrendered_template_syntax(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) >= len(INITIATIVES) + 5
    for page in pages:
        content = page.read_text(encoding="utf-8")
        for marker in ("{{", "{%", "{#"):
            assert marker not in content, f"{marker} dans {page.relative_to(built_site)}"


def test_no_page_asks_a_third_party_host(built_site):
    """No font, script or stylesheet from outside the site (links to sources are fine)."""
    # (A canonical link names the page's own published address: nothing is requested from it.)
    pattern = re.compile(r'<(?:script|link(?![^>]*rel="canonical")|img|iframe)\b[^>]*\b(?:src|href)="(https?:)?//', re.I)
    for page in built_site.rglob("*.html"):
        content = page.read_text(encoding="utf-8")
        assert not pattern.search(content), page
        assert "fonts.googleapis" not in content and "fonts.gstatic" not in content


def test_data_is_text_never_template_nor_markup(project):
    """Template syntax and HTML typed in the data show literally and run nowhere."""
    hostile = "{{ 7 * 7 }} {% if true %}oui{% endif %} <script>alert(1)</script> </title><b>gras</b>"
    project.replace("data/initiatives.yaml", "  nom: Eusko\n", f"  nom: '{hostile}'\n")
    project.replace("data/initiatives.yaml", "type: monnaie-locale", f"nom_complet: '{hostile}'\n  type: monnaie-locale")
    result = project.build()
    assert result.returncode == 0, result.stderr
    page = (project.root / "site" / "monographies" / "eusko" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "<b>gras</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ 7 * 7 }}" in html.unescape(page)
    assert ">49<" not in page and " 49 " not in text_of(Path(project.root / "site/monographies/eusko/index.html"))
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<" not in title and "&lt;/title&gt;" in title


def test_search_results_keep_a_space_between_a_label_and_its_value(built_site):
    """The search's excerpts join adjacent cells' text: « TypeMonnaie » unless they are spaced."""
    documents = [
        json.loads(path.read_text(encoding="utf-8").split(",", 1)[1].rsplit(");", 1)[0])
        for path in (built_site / "recherche/pages").glob("*.js")
    ]
    eusko = next(" ".join(section[2] for section in doc["s"]) for doc in documents if doc["u"] == "monographies/eusko/")
    assert "Type Monnaie locale" in eusko and "Région Nouvelle-Aquitaine" in eusko
    assert not re.search(r"Type(Monnaie|Territoire|Pôle)", eusko)
