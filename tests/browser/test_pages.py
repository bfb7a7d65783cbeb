"""The built site's controls in Debian's Chromium: skip link, catalogue, map (each page's
requests, errors and width: browser/test_accessibility.py; search: browser/test_search.py)."""

from __future__ import annotations

from built_pages import open_page
from playwright.sync_api import expect


def test_first_tab_reaches_the_skip_link(browser, base_url):
    page = open_page(browser, base_url + "monographies/eusko/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu"
    page.close()


def test_catalogue_filters_and_sorts_with_the_keyboard(browser, base_url):
    page = open_page(browser, base_url + "catalogue/")
    rows = page.locator("#catalogue-tableau tbody tr")
    total = rows.count()
    visible = page.locator("#catalogue-tableau tbody tr:not([hidden])")
    count = page.locator("#catalogue-compte")
    assert count.get_attribute("role") == "status" and count.inner_text() == f"{total} entrées"
    # Type filter, reached and changed from the keyboard.
    page.locator("#filtre-type").focus()
    page.keyboard.press("ArrowDown")  # first real option after « Tous les types »
    chosen = page.locator("#filtre-type").input_value()
    expected = page.locator(f'#catalogue-tableau tbody tr[data-type="{chosen}"]').count()
    assert 0 < expected < total
    assert visible.count() == expected
    assert count.inner_text() in (f"{expected} entrées", "1 entrée")
    # Theme filter (accents and case ignored), combined with the type filter, then reset.
    page.locator("#filtre-type").select_option("")
    page.locator("#filtre-theme").fill("ENERGIE")
    assert 0 < visible.count() < total
    page.locator("#catalogue-filtres button[type=reset]").press("Enter")
    # A locator wait, not wait_for_function: the page's policy forbids the eval its polling needs.
    expect(page.locator("#catalogue-tableau tbody tr:not([hidden])")).to_have_count(total)
    # Sort by year: a button in the header, aria-sort says the order.
    year = page.locator("#catalogue-tableau thead th").nth(5)
    year.locator("button").focus()
    page.keyboard.press("Enter")
    assert year.get_attribute("aria-sort") == "ascending"
    years = [
        int(v)
        for v in page.locator("#catalogue-tableau tbody td:nth-child(6)").evaluate_all("cells => cells.map(c => c.dataset.valeur)")
        if v
    ]
    assert years == sorted(years)
    page.keyboard.press("Enter")
    assert year.get_attribute("aria-sort") == "descending"
    assert page.errors == []
    page.close()


def test_catalogue_without_javascript_shows_the_full_table(browser, base_url, built_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "catalogue/")
    assert page.locator("#catalogue-tableau tbody tr").count() > 20
    assert page.locator("#catalogue-filtres").is_hidden()
    context.close()


def test_map_markers_are_reached_with_the_keyboard(browser, base_url):
    page = open_page(browser, base_url + "carte/")
    first = page.locator("a.labo-carte__lien").first
    first.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == first.get_attribute("aria-label")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/monographies/" in page.url or "/catalogue/" in page.url
    page.close()
