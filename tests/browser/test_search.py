"""The French search on the hosted site (served over http), in Debian's Chromium.

The query set (recherche-requetes.yaml) is typed key by key; each query names the page that
must come first. The offline edition runs the same set from file:// (test_offline.py).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from built_pages import open_page
from conftest import PROJECT
from search_queries import QUERIES, failures, open_search, page_of, results_shown, totals, type_query, wait_for_results

from macros.search.normalisation import compounds, fold, stem, terms, words

VECTORS = json.loads(Path(__file__).parent.parent.joinpath("recherche-vecteurs.json").read_text(encoding="utf-8"))
KEYS = ("plier", "mots", "termes", "composes")


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    """One page whose search stays open while the query set is typed."""
    page = open_page(browser, base_url + "a-propos/")
    open_search(page)
    yield page
    assert page.errors == []
    page.close()


@pytest.mark.parametrize("entry", QUERIES, ids=[entry["requete"] for entry in QUERIES])
def test_query_set_over_http(search_page, base_url, entry):
    results = type_query(search_page, entry["requete"])

    def total_of(query):
        type_query(search_page, query)
        return totals(search_page)

    assert failures(entry, results, base_url, total_of) == [], entry["regle"]


# --- One normalisation, two implementations ----------------------------------------------


def test_normalisation_vectors_in_python():
    for vector in VECTORS["vecteurs"]:
        text = vector["texte"]
        got = {"plier": fold(text), "mots": words(text), "termes": terms(text), "composes": compounds(text)}
        assert {key: vector[key] for key in KEYS if key in vector} == {key: got[key] for key in KEYS if key in vector}, text
    assert [stem(s) for s in VECTORS["racines_stables"]] == VECTORS["racines_stables"]


def test_normalisation_vectors_in_chromium_as_the_catalogue_loads_them(browser, base_url):
    """The catalogue page loads the normalisation its filter shares with the search."""
    page = open_page(browser, base_url + "catalogue/")
    got = page.evaluate(
        """vectors => vectors.vecteurs.map(v => ({
        plier: LaboSearchNormalisation.fold(v.texte), mots: LaboSearchNormalisation.words(v.texte),
        termes: LaboSearchNormalisation.terms(v.texte), composes: LaboSearchNormalisation.compounds(v.texte)}))
        .concat([vectors.racines_stables.map(LaboSearchNormalisation.stem)])""",
        VECTORS,
    )
    for vector, result in zip(VECTORS["vecteurs"], got):
        assert {key: vector[key] for key in KEYS if key in vector} == {key: result[key] for key in KEYS if key in vector}, vector["texte"]
    assert got[-1] == VECTORS["racines_stables"]
    # The catalogue's theme filter goes through it: a theme typed without accents, in capitals.
    page.locator("#filtre-theme").fill("ENERGIE")
    shown = page.locator("#catalogue-tableau tbody tr:not([hidden])")
    assert shown.count() > 0
    assert all("energie" in fold(theme) for theme in shown.evaluate_all("rows => rows.map(r => r.dataset.theme)"))
    page.close()


# --- Keyboard, screen readers, phones ---------------------------------------------------


def test_keyboard_opens_moves_opens_a_result_and_highlights_it(browser, base_url):
    page = open_page(browser, base_url + "monographies/eusko/", wait_until="networkidle")
    # Nothing of the search but its small script on a first visit.
    assert not [url for url in page.requests if "/recherche/" in url or "recherche-moteur" in url]
    open_search(page, "/")
    field = page.locator("#labo-recherche-champ")
    assert field.evaluate("f => f === document.activeElement")
    assert page.locator("dialog.labo-recherche").evaluate("d => d.open && d.matches(':modal')")
    field.press_sequentially("cooperation", delay=15)
    wait_for_results(page, "cooperation")
    status = page.locator(".labo-recherche__etat")
    assert status.get_attribute("role") == "status"
    assert "résultats pour «\u00a0cooperation\u00a0»" in status.inner_text()
    assert field.get_attribute("aria-expanded") == "true"
    options = page.locator("[role=listbox] [role=option]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = options.nth(1)
    assert second.get_attribute("aria-selected") == "true"
    assert field.get_attribute("aria-activedescendant") == second.get_attribute("id")
    page.keyboard.press("ArrowUp")
    assert options.nth(0).get_attribute("aria-selected") == "true"
    target = options.nth(0).get_attribute("href")
    # Only the chunks of the typed word were loaded, never the whole index.
    assert [url for url in page.requests if "/recherche/termes/co" in url]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == target
    # The target page marks « coopération » for « cooperation ».
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for(timeout=10_000)
    assert all(fold(text).startswith("cooperation") for text in marks.all_inner_texts())
    # Escape closes the search and gives the focus back.
    page.locator(".labo-recherche-bouton").click()
    assert page.locator("dialog.labo-recherche").evaluate("d => d.open")
    page.keyboard.press("Escape")
    assert not page.locator("dialog.labo-recherche").evaluate("d => d.open")
    assert page.evaluate("document.activeElement.classList.contains('labo-recherche-bouton')")
    assert page.errors == []
    page.close()


def test_a_query_loads_only_its_own_chunks(browser, base_url, built_site):
    page = open_page(browser, base_url)
    open_search(page)
    page.locator("#labo-recherche-champ").press_sequentially("Eusko", delay=15)
    wait_for_results(page, "Eusko")
    loaded = [url for url in page.requests if "/recherche/termes/" in url]
    every = list((built_site / "recherche/termes").glob("*.js"))
    assert loaded and all("/termes/eu" in url for url in loaded), loaded
    assert len(loaded) <= 2 < len(every)
    # The texts of the results shown while typing (ten at a time), not of every page.
    pages = [url for url in page.requests if "/recherche/pages/" in url]
    assert len(pages) < len(list((built_site / "recherche/pages").glob("*.js"))) / 2
    page.close()


def test_a_page_reached_from_a_search_result_highlights_the_terms(browser, base_url):
    page = open_page(browser, base_url + "monographies/eusko/?h=monnaie")
    page.locator("article mark").first.wait_for(timeout=10_000)
    assert "monnaie" in page.locator("article mark").first.inner_text().lower()
    assert page.errors == []
    page.close()
    # A name found joined is marked whole: « cluster » marks « Clus’Ter ».
    page = open_page(browser, base_url + "monographies/clus-ter-jura/?h=cluster")
    page.locator("article mark").first.wait_for(timeout=10_000)
    assert "Clus’Ter" in page.locator("article mark").all_inner_texts()
    assert page.errors == []
    page.close()


@pytest.mark.parametrize("width", [1280, 375], ids=["ordinateur", "telephone"])
def test_open_search_has_no_axe_violation_and_fits_the_screen(browser, base_url, width, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(browser, base_url + "synthese/", width=width)
    page.locator(".labo-recherche-bouton").click()
    page.locator("#labo-recherche-champ").press_sequentially("gouvernance", delay=15)
    wait_for_results(page, "gouvernance")
    page.keyboard.press("ArrowDown")
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    results = Axe().run(page, options=options)
    assert results.violations_count == 0, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
    box = page.locator("dialog.labo-recherche").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.evaluate(
        "document.querySelector('dialog.labo-recherche').scrollWidth <= document.querySelector('dialog.labo-recherche').clientWidth"
    )
    page.screenshot(path=str(tmp_path / f"recherche-{width}.png"))
    page.close()


def test_the_recommendations_page_is_found_by_its_title_not_by_each_proposal(search_page, base_url, built_site):
    import yaml

    results = type_query(search_page, "recommandations")
    assert results and page_of(results[0]["href"], base_url) == "synthese/recommandations"
    # Its proposals are indexed once, on their report's page: the page's own text holds its
    # introduction and headings, not the proposals listed under them.
    proposals = [
        item for path in sorted((PROJECT / "data").glob("propositions-*.yaml")) for item in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]
    text = next(
        path.read_text(encoding="utf-8")
        for path in (built_site / "recherche/pages").glob("*.js")
        if '"u":"synthese/recommandations/"' in path.read_text(encoding="utf-8")
    )
    assert proposals and not any(item["description"][:60] in text for item in proposals)


def test_who_says_it_buttons_stay_out_of_the_search_text(built_site):
    # « selon Localtis (Banque des Territoires) » is a button on this chapter, not a word of it:
    # an excerpt of the chapter in the results reads as its sentences.
    html = (built_site / "rapports/relancer-les-ptce/ce-qui-a-suivi/index.html").read_text(encoding="utf-8")
    text = next(
        path.read_text(encoding="utf-8")
        for path in (built_site / "recherche/pages").glob("*.js")
        if '"u":"rapports/relancer-les-ptce/ce-qui-a-suivi/"' in path.read_text(encoding="utf-8")
    )
    label = "selon Localtis (Banque des Territoires)"
    assert f'<span class="labo-qui__libelle">{label}</span>' in html and label not in text


# --- Ranking: every word, then some of them; names however spelt; the banner left out ------


def received(path: Path):
    """The data of an index file: a script calling LaboSearch.received(name, data)."""
    script = path.read_text(encoding="utf-8")
    return json.loads(script[script.index(",") + 1 : script.rindex(")")])


def search_text(built_site: Path, url: str) -> str:
    """The text the search keeps of a page (recherche/pages/<n>.js), for its excerpts."""
    return next(
        text for path in (built_site / "recherche/pages").glob("*.js") if f'"u":"{url}"' in (text := path.read_text(encoding="utf-8"))
    )


def test_pages_holding_some_of_the_words_follow_and_say_so(search_page, base_url, built_site):
    results = type_query(search_page, "gouvernance partagee")
    status = search_page.locator(".labo-recherche__etat").inner_text()
    full = int(re.match(r"(\d+)\xa0résultats? pour", status).group(1))
    assert 0 < full < len(results) and re.search(r", puis \d+\xa0pages qui en contiennent une partie\.$", status), status
    # Every word first, then some of them, each saying so; among those, titles holding a word first.
    assert [result["partiel"] for result in results] == [False] * full + [True] * (len(results) - full)
    assert page_of(results[full]["href"], base_url).split("#")[0] == "synthese/gouvernance"
    # « partagent » and « partagée » meet: the chapter that only says « partagent » holds every word.
    assert page_of(results[0]["href"], base_url).split("#")[0] == "rapports/dynamiques-collectives/gouvernance"
    chapter = search_text(built_site, "rapports/dynamiques-collectives/gouvernance/")
    assert {word for word in words(chapter) if word.startswith("partag")} == {"partagent"}
    assert search_page.locator(".labo-recherche__partiel").first.inner_text() == "une partie des mots"


def test_a_name_with_an_inner_apostrophe_is_indexed_joined(built_site):
    """« Clus’Ter » is also indexed « cluster », in its title: its weight is negative there.
    The corrections log and the glossary entries are listed as secondary pages."""
    summary = received(built_site / "recherche/sommaire.js")
    pages = {int(path.stem): received(path) for path in (built_site / "recherche/pages").glob("*.js")}
    key = max((key for key in summary["cles"] if "cluster".startswith(key)), key=len)
    postings = received(built_site / f"recherche/termes/{key}.js")["cluster"]
    weights, number = {}, 0
    for gap, weight in zip(postings[::2], postings[1::2]):
        number += gap
        weights[number] = weight
    clus_ter = next(number for number, page in pages.items() if page["u"] == "monographies/clus-ter-jura/")
    assert weights[clus_ter] < 0
    secondary = {number for number, page in pages.items() if page["k"] in ("Glossaire", "Journal des modifications")}
    assert set(summary["secondaires"]) == secondary and any(pages[number]["u"] == "journal/" for number in secondary)


def test_excerpts_never_come_from_the_corrections_banner(search_page, built_site, base_url):
    banners = {}
    for path in built_site.rglob("index.html"):
        found = re.search(r'<aside class="labo-corrige".*?</aside>', path.read_text(encoding="utf-8"), re.S)
        if found:
            folder = path.parent.relative_to(built_site).as_posix()
            banners["" if folder == "." else folder + "/"] = found.group(0)
    assert len(banners) >= 10
    # The banner is not the page's text for the search: the entries it names are the log's.
    for url in banners:
        assert "Corrigé le" not in search_text(built_site, url), url
    # The words of Eusko's banner find Eusko, with an excerpt of its own text.
    banner = banners["monographies/eusko/"]
    # (an entry about Eusko alone: the banner also names entries over every monograph)
    title = next(t for t in map(html.unescape, re.findall(r"<a href=[^>]+>(.*?)</a>", banner)) if t.startswith("Eusko"))
    results = type_query(search_page, title)
    eusko = next(result for result in results if page_of(result["href"], base_url).split("#")[0] == "monographies/eusko")
    assert eusko["marques"] and title not in eusko["extrait"] and "Corrigé le" not in eusko["extrait"]


def test_accent_free_queries_typed_on_a_phone(browser, base_url):
    """A phone: touch, 375 px wide, no « s » key. Its keyboard capitalises the first letter,
    types the typographic apostrophe and adds a space after a word chosen from its suggestions."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + "monographies/eusko/", wait_until="networkidle")
    page.locator(".labo-recherche-bouton").tap()
    field = page.locator("#labo-recherche-champ")
    expected = {
        "Gouvernance partagee ": "rapports/dynamiques-collectives/gouvernance",
        "Cluster jura ": "monographies/clus-ter-jura",
        "Clus’ter": "monographies/clus-ter-jura",
        "Loi 2014 economie sociale ": "rapports/relancer-les-ptce/contexte-et-histoire",
        "Cooperatives ": None,
        "Pole mer mediterranee": "monographies/pole-mer-mediterranee",
    }
    for typed, first in expected.items():
        field.fill("")
        field.press_sequentially(typed, delay=15)
        wait_for_results(page, typed)
        results = results_shown(page)
        assert results, typed
        if first:
            assert page_of(results[0]["href"], base_url).split("#")[0] == first, typed
    # The results fit the screen, and one opens with a tap.
    box = page.locator("#labo-recherche-resultats [role=option]").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    with page.expect_navigation():
        page.locator("#labo-recherche-resultats [role=option]").first.tap()
    assert "/monographies/pole-mer-mediterranee/" in page.url
    context.close()
    assert errors == []
