"""On a phone (issue 23, item 4), 375 px wide: no text under 12 px, buttons and marks in tables
included; a figure's sources under its value; long lists of sources folded, opened by their
marks; the catalogue and the monographs' table as one card per row."""

from __future__ import annotations

from built_pages import CATALOGUE, open_page

PHONE = 375
# One page of each kind that has small print: a monograph (identity card, key figures), a
# chapter with charts and cited figures, the catalogue, the monographs, the open data, a
# synthesis, the glossary, the corrections log.
PAGES = [
    "monographies/eusko/",
    "rapports/relancer-les-ptce/chiffres-du-diagnostic/",
    "catalogue/",
    "monographies/",
    "donnees/",
    "synthese/facteurs/",
    "glossaire/",
    "journal/",
]

# Every text on screen, folded parts opened first: its size as rendered (in an SVG, scaled
# with the drawing). Text for screen readers only (1 px boxes) is not read by the eye.
SIZES = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const sizes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const element = node.parentElement;
    if (!node.textContent.trim() || element.closest('title, script, style, .labo-sr')) continue;
    const box = element.getBoundingClientRect();
    if (box.width < 2 || !element.checkVisibility({visibilityProperty: true})) continue;
    let size = parseFloat(getComputedStyle(element).fontSize);
    if (element instanceof SVGElement) size *= element.getScreenCTM().a;
    sizes.push({size, where: element.className || element.tagName, text: node.textContent.trim().slice(0, 30)});
  }
  return sizes;
}"""


def test_no_text_on_a_phone_is_under_12_px(browser, base_url):
    page = open_page(browser, base_url, PHONE)
    small = {}
    for path in PAGES:
        page.goto(base_url + path, wait_until="load")
        sizes = page.evaluate(SIZES)
        assert len(sizes) >= 20, path
        if found := [item for item in sizes if item["size"] < 12]:
            small[path] = found[:5]
    page.close()
    assert small == {}


def test_a_figure_s_sources_sit_under_its_value_on_a_phone_beside_it_on_a_desktop(browser, base_url):
    for width, stacked in ((PHONE, True), (1280, False)):
        page = open_page(browser, base_url + "monographies/eusko/", width)
        rows = page.locator(".labo-chiffres tbody tr").evaluate_all("""rows => rows.map(r => {
            const [value, sources] = [r.cells[1], r.cells[2]].map(c => c.getBoundingClientRect());
            return {value, sources}; })""")
        assert len(rows) == len(CATALOGUE.initiative("eusko")["chiffres_cles"])
        for row in rows:
            value, sources = row["value"], row["sources"]
            if stacked:
                # No third column: under the value, as wide as it.
                assert sources["top"] >= value["bottom"] - 1 and abs(sources["left"] - value["left"]) <= 1, row
            else:
                assert sources["left"] >= value["right"] - 1, row
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.close()


def test_long_source_lists_are_folded_and_open_from_their_marks(browser, base_url):
    for path, mark, listed in (
        ("rapports/relancer-les-ptce/chiffres-du-diagnostic/", "article p a.labo-ref", "ol.labo-chiffres-page > li"),
        ("monographies/eusko/", ".labo-fiche__table a.labo-ref", "ol.labo-sources > li"),
    ):
        page = open_page(browser, base_url + path, PHONE)
        fold = page.locator("details.labo-liste-longue")
        assert fold.count() == 1 and fold.get_attribute("open") is None
        count = page.locator(listed).count()
        assert count > 6 and str(count) in fold.locator("> summary").inner_text()
        assert not page.locator(listed).first.is_visible()
        link = page.locator(mark).first
        target = link.get_attribute("href")
        link.click()
        page.wait_for_function("id => document.querySelector(id).checkVisibility()", arg=target)
        assert page.locator(target).is_visible()
        page.close()


def test_catalogue_and_monographs_are_cards_at_375_px(browser, base_url):
    for path, table, labelled in (("catalogue/", "#catalogue-tableau", 6), ("monographies/", ".labo-monographies table", 4)):
        page = open_page(browser, base_url + path, PHONE)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
        # Nothing hidden off-screen: every cell of the table is within the screen's width.
        right = page.locator(f"{table} tbody td, {table} tbody th").evaluate_all(
            "cells => Math.max(...cells.map(c => c.getBoundingClientRect().right))"
        )
        assert right <= PHONE
        # Each value is named by its column, as the header would.
        first = page.locator(f"{table} tbody tr").first
        names = first.locator("td").evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
        headers = page.locator(f"{table} thead th").evaluate_all(
            "cells => cells.slice(1).map(c => c.innerText.replace(/[↕↑↓]/g, '').trim())"
        )
        assert len(names) == labelled and all(header in name for header, name in zip(headers, names)), (names, headers)
        page.close()
    # Sorting and filtering still work on the cards.
    page = open_page(browser, base_url + "catalogue/", PHONE)
    page.locator(".labo-tri", has_text="Année").click()
    years = page.locator("#catalogue-tableau tbody td.labo-nombre").evaluate_all("cells => cells.map(c => c.dataset.valeur)")
    known = [int(year) for year in years if year]
    assert known == sorted(known)
    page.locator("#filtre-theme").fill("basque")
    shown = page.locator("#catalogue-tableau tbody tr").evaluate_all("rows => rows.filter(r => r.checkVisibility()).length")
    assert 1 <= shown < len(years)
    page.close()
