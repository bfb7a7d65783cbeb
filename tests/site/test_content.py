"""The reports as chapters: every chapter built, every figure from data with a source."""

from __future__ import annotations

import re

import pytest
import yaml
from built_pages import CATALOGUE, text_of
from conftest import PROJECT

NAV = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]


def chapters(section_title: str) -> list[str]:
    section = next(item[section_title] for item in NAV if isinstance(item, dict) and section_title in item)
    return [entry if isinstance(entry, str) else next(iter(entry.values())) for entry in section]


def built(site, src: str):
    return (
        site / src.replace("index.md", "").replace(".md", "/") / "index.html"
        if not src.endswith("index.md")
        else site / src.replace("index.md", "index.html")
    )


@pytest.mark.parametrize("section", ["Dynamiques collectives de transitions", "Relancer les PTCE", "Synthèse"])
def test_each_chapter_is_built_with_its_title(built_site, section):
    sources = chapters(section)
    assert len(sources) >= 5
    for src in sources:
        markdown = (PROJECT / "docs" / src).read_text(encoding="utf-8")
        title = re.search(r"^# (.+)$", markdown, re.M).group(1)
        page = built(built_site, src)
        assert page.exists(), src
        expected = re.sub(r"\s+", " ", title.replace("'", "’").replace("\u00a0", " ").replace("\u202f", " "))
        assert expected in text_of(page).replace("'", "’"), src


def test_chapters_type_no_sourced_figure_outside_the_data():
    """A percentage or an amount in a chapter comes from {{ chiffre() }}, never typed."""
    typed = re.compile(r"\d[\d\u202f\u00a0 ,]*\s?(%|€|M€|k€)")
    for page in (PROJECT / "docs").rglob("*.md"):
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            prose = re.sub(r"\{\{.*?\}\}|\]\([^)]*\)", "", line)
            assert not typed.search(prose), f"{page.relative_to(PROJECT)}:{number}: {line.strip()[:80]}"


def test_every_cited_figure_is_listed_with_a_source(built_site):
    figures = {item["id"]: item for item in CATALOGUE.records["chiffres"]}
    cited = set()
    for page in built_site.rglob("*.html"):
        content = page.read_text(encoding="utf-8")
        for figure_id in re.findall(r'<li id="chiffre-([a-z0-9-]+)">', content):
            cited.add(figure_id)
            item = re.search(rf'<li id="chiffre-{figure_id}">(.*?)</li>', content, re.S).group(1)
            assert "Source" in item and (("<a href=" in item) or "—" in item), figure_id
        # Each reference in the text points at a listed figure of the same page.
        for target in re.findall(r'href="#chiffre-([a-z0-9-]+)"', content):
            assert f'<li id="chiffre-{target}">' in content, (page, target)
    unused = set(figures) - cited
    assert not unused, f"chiffres jamais cités : {sorted(unused)}"


def test_charts_have_one_bar_and_one_table_row_per_figure(built_site):
    page = (built_site / "rapports/relancer-les-ptce/chiffres-du-diagnostic/index.html").read_text(encoding="utf-8")
    charts = re.findall(r'<figure class="labo-graphique" id="graphique-([a-z0-9-]+)">(.*?)</figure>', page, re.S)
    assert len(charts) >= 3
    for series, body in charts:
        expected = [item for item in CATALOGUE.records["chiffres"] if item.get("serie") == series]
        assert body.count("<rect ") == len(expected) == body.count('<tr><th scope="row">'), series
        assert 'aria-hidden="true"' in body and "<caption>" in body


def test_every_monograph_links_to_a_source(built_site):
    for initiative in CATALOGUE.initiatives:
        page = (built_site / "monographies" / initiative["id"] / "index.html").read_text(encoding="utf-8")
        listed = re.search(r"<ol class=\"labo-sources\"[^>]*>(.*?)</ol>", page, re.S).group(1)
        assert listed.count('<li id="source-') == len(CATALOGUE.initiative_sources(initiative["id"])) >= 1
        assert "<a href=" in listed


def test_sources_page_lists_each_source_once_with_its_pages(built_site):
    page = (built_site / "sources/index.html").read_text(encoding="utf-8")
    # Each source once, under its own anchor, even when several facts or pages cite it.
    for source in CATALOGUE.records["sources"]:
        assert page.count(f'<li id="source-{source["id"]}">') == 1, source["id"]
    assert "Citée dans" in page


def test_glossary_and_abbreviations(built_site):
    glossary = text_of(built_site / "glossaire/index.html")
    for sigle in ("ESS", "PTCE", "TZCLD", "SCIC", "CRESS"):
        assert sigle in glossary
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr tabindex="0" title="[^"]+">ESS</abbr>', home)


def test_home_page_says_how_many_dynamics_are_documented(built_site):
    text = text_of(built_site / "index.html")
    total = CATALOGUE.study_size()
    assert f"{len(CATALOGUE.initiatives)} des {total} dynamiques" in text
    assert f"Les {total - len(CATALOGUE.initiatives)} autres" in text and "attendues du Labo" in text
