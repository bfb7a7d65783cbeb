"""Dark mode (issue 23, item 5): the system's scheme from the first paint, a switch in the
header that is remembered, and a dark variant of every colour of ours (their contrast: axe,
test_accessibility.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

EUSKO = "monographies/eusko/"

# Colours of ours, each where it shows: (page, selector, property).
OURS = [
    (EUSKO, ".labo-qui--rapport", "color"),  # provenance: green
    (EUSKO, ".labo-qui--tiers", "color"),  # blue
    (EUSKO, ".labo-qui--redaction", "color"),  # violet
    (EUSKO, ".labo-corrige", "backgroundColor"),  # the beige banner
    (EUSKO, ".labo-corrige", "borderLeftColor"),
    (EUSKO, ".labo-badge--confirmee, .labo-statut-lien", "color"),
    ("catalogue/", ".labo-filtres select", "borderTopColor"),
    ("carte/", ".labo-carte__region--0", "fill"),  # the map
    ("carte/", ".labo-carte__region--3", "fill"),
    ("carte/", ".labo-carte__point", "fill"),
    ("carte/", ".labo-carte__encart-nom", "fill"),
    ("journal/", ".labo-journal__numero", "backgroundColor"),
]


def colours(browser, base_url, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = {}
    for path, selector, name in OURS:
        if urlsplit(page.url).path != urlsplit(base_url + path).path:
            page.goto(base_url + path, wait_until="load")
        found[(path, selector, name)] = page.locator(selector).first.evaluate(f"e => getComputedStyle(e).{name}")
    context.close()
    return found


def test_every_colour_of_ours_has_a_dark_variant(browser, base_url):
    light, dark = colours(browser, base_url, "light"), colours(browser, base_url, "dark")
    assert [key for key in OURS if light[key] == dark[key]] == []


def scheme_without_material_s_script(browser, base_url, system):
    """The scheme the page has before Material's bundle runs (it loads last): the first paint."""
    context = browser.new_context(color_scheme=system)
    context.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(base_url + EUSKO, wait_until="load")
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    context.close()
    return scheme


def test_the_system_scheme_is_followed_from_the_first_paint(browser, base_url):
    assert scheme_without_material_s_script(browser, base_url, "dark") == "slate"
    assert scheme_without_material_s_script(browser, base_url, "light") == "default"


def test_the_header_switch_cycles_and_is_remembered_across_pages(browser, base_url):
    context = browser.new_context(color_scheme="dark")
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(base_url + EUSKO, wait_until="networkidle")

    def scheme():
        return page.evaluate("document.body.dataset.mdColorScheme")

    def switch():
        button = page.locator('form[data-md-component="palette"] label:visible')
        assert button.count() == 1
        name = button.get_attribute("title")
        button.click()
        return name

    assert scheme() == "slate"
    assert "clair" in switch() and scheme() == "default"
    page.goto(base_url + "catalogue/", wait_until="networkidle")
    assert scheme() == "default"
    assert "sombre" in switch() and scheme() == "slate"
    assert "appareil" in switch() and scheme() == "slate"  # back to the system's, dark here
    context.close()
    # The switch's icons and scripts come from the site itself.
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    assert [url for url in requests if not url.startswith((origin, "data:"))] == []


def test_the_switch_works_from_the_keyboard_and_shows_its_focus(browser, base_url):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(base_url + EUSKO, wait_until="networkidle")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input.md-option')"):
            break
    outline = page.evaluate("getComputedStyle(document.activeElement.nextElementSibling).outlineStyle")
    assert outline not in ("", "none")
    # The arrows choose: the system's (light here), light, then dark.
    schemes = []
    for _ in range(2):
        page.keyboard.press("ArrowRight")
        schemes.append(page.evaluate("document.body.dataset.mdColorScheme"))
    assert schemes == ["default", "slate"]
    context.close()
