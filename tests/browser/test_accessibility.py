"""Every page of the built site passes axe-core's WCAG 2.2 A and AA rules, at a desktop and a
phone width, and one page of each kind in the dark scheme (axe-core ships inside the
axe-playwright-python wheel: nothing is fetched).

Every rule runs on every page at the desktop width. At the phone width, what changes is the
layout, which comes from the templates and the stylesheets, not from a page's text: every rule
runs there on one page of each template (and of each page with a table or figure of its own),
which is a third of the pages and of axe's time at that width.

The same pass checks what every page must not do besides (a request outside the site, a
script error, no French language, other than one title, sideways scrolling on a phone):
each page is loaded once for all its page-level checks."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from built_pages import record

# WCAG 2.2 A and AA included: target-size (2.5.8, 24 × 24 px) among them.
# Only violations are detailed: axe then skips listing every passing node (a third faster).
OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]},
    "resultTypes": ["violations"],
}

# One page of each template (and of each page with a table or figure of its own).
TEMPLATES = {
    "index.html",
    "404.html",
    "monographies/index.html",
    "monographies/eusko/index.html",
    "rapports/relancer-les-ptce/index.html",
    "rapports/relancer-les-ptce/chiffres-du-diagnostic/index.html",
    "synthese/gouvernance/index.html",
    "catalogue/index.html",
    "carte/index.html",
    "glossaire/index.html",
    "sources/index.html",
    "donnees/index.html",
    "journal/index.html",
    "etat-des-donnees/index.html",
}


def _violations(page, within: str | None = None) -> list[tuple[str, list]]:
    """axe's violations on the page, or only inside the element `within` selects."""
    response = page.evaluate(
        "([options, within]) => axe.run(within ? document.querySelector(within) : document, options)", [OPTIONS, within]
    )
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in response["violations"]]


# Pages of other templates' kinds also visited at the phone width, for what a phone adds to
# the checks (no sideways scrolling): a second monograph, a synthesis, a report's home, a page.
PHONE_ALSO = {
    "monographies/clus-ter-jura/index.html",
    "synthese/facteurs/index.html",
    "rapports/dynamiques-collectives/index.html",
    "a-propos/index.html",
}


def _page_problems(page, base_url: str, requests: list[str], errors: list[str], width: int) -> list[str]:
    """What a page must not have besides axe's violations: a request outside the site (fonts,
    scripts, CDNs), a script error, a language other than French, other than one title, and
    on a phone anything wider than the screen."""
    problems = [f"requête hors du site : {url}" for url in requests if not url.startswith((base_url, "data:", "blob:"))]
    problems += [f"erreur : {error}" for error in errors]
    if page.locator("html").get_attribute("lang") != "fr":
        problems.append("langue autre que fr")
    if (titles := page.locator("h1").count()) != 1:
        problems.append(f"{titles} titres h1")
    if width <= 375 and (overflow := page.evaluate("document.documentElement.scrollWidth - window.innerWidth")) > 0:
        problems.append(f"{overflow} px plus large que l'écran")
    return problems


@pytest.mark.parametrize("width", [1280, 375], ids=["ordinateur", "telephone"])
def test_every_page_has_no_axe_violation_and_loads_only_from_the_site(built_site, base_url, browser, width):
    """One pass over the pages for every page-level check, each page loaded once: axe, the
    requests (after axe's run, which outlasts the page's own late requests), the errors."""
    # axe-core given to every page of the context once, before the page's own scripts (as
    # Playwright's init scripts are, outside the page's CSP), not parsed again for each run.
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(script=Axe().axe_script)
    page = context.new_page()
    # The runner itself finds a violation: a page with an image and no alternative text.
    page.set_content('<html lang="fr"><title>t</title><main><img src="x.png"></main></html>')
    assert "image-alt" in [rule for rule, _ in _violations(page)]
    requests, errors = record(page)
    # And the other checks find a font asked of another server (refused: an error too) and a
    # page without its title.
    page.set_content('<html lang="fr"><link rel="stylesheet" href="https://polices.example.org/a.css"><p>t</p></html>')
    assert [problem.split(" : ")[0] for problem in _page_problems(page, base_url, requests, errors, width)] == [
        "requête hors du site",
        "erreur",
        "0 titres h1",
    ]
    failures = {}
    pages = sorted(path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html"))
    assert TEMPLATES | PHONE_ALSO <= set(pages)
    for path in pages if width > 375 else sorted(TEMPLATES | PHONE_ALSO):
        requests.clear()
        errors.clear()
        page.goto(base_url + path, wait_until="load")
        if found := _violations(page) + _page_problems(page, base_url, requests, errors, width):
            failures[path] = found
    context.close()
    assert failures == {}
    assert len(pages) >= 40


# One page of each kind, in the dark scheme (the whole site at two widths is the light pass
# above; color-contrast, the costly rule, is what changes with the scheme).
DARK_PAGES = [
    "",  # home page
    "rapports/relancer-les-ptce/chiffres-du-diagnostic/",  # chapter: charts, notes, cited figures
    "monographies/eusko/",  # monograph: banner, status, provenance, key figures
    "catalogue/",  # filters, sortable table
    "carte/",  # map
    "synthese/facteurs/",  # synthesis
    "journal/",  # corrections log
    "404.html",
]


def test_one_page_of_each_kind_has_no_axe_violation_in_the_dark_scheme(base_url, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    context.add_init_script(script=Axe().axe_script)
    page = context.new_page()
    failures = {}
    for path in DARK_PAGES:
        page.goto(base_url + path, wait_until="load")
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", path
        if found := _violations(page):
            failures[path] = found
    # A note open, over the page (the page behind it, dimmed, is not what is read).
    page.goto(base_url + "monographies/eusko/", wait_until="load")
    page.locator("article .labo-qui--tiers").first.click()
    if found := _violations(page, within=".labo-provenance:popover-open"):
        failures["monographies/eusko/ (note ouverte)"] = found
    context.close()
    assert failures == {}
