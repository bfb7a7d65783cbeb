"""Readers (issue 14): find their way, cite and date, share, read charts and map on a phone, print.

Measured in Chromium on the built site, at a desktop (1280 px) and a phone (375 px) width:
sizes are CSS pixels as rendered, not SVG units.
"""

from __future__ import annotations

import html
import json
import math
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from built_pages import CATALOGUE, text_of
from conftest import PROJECT, SITE_URL
from search_queries import wait_for_results

from macros import french
from macros.layout import monograph_order
from macros.model.version import current_edition

WIDTHS = pytest.mark.parametrize("width", [1280, 375], ids=["ordinateur", "telephone"])
CONFIG = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
# No animation: what is measured is where things end up.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def open_page(browser, url, width, **options):
    # These tests measure layout; the page's Content-Security-Policy (tested in test_csp.py)
    # would refuse the stylesheet that stops transitions, so it is set aside here only.
    page = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=True, **options)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    response = page.goto(url, wait_until="load")
    page.add_style_tag(content=NO_TRANSITIONS)
    page.response = response
    return page


def built_pages(site: Path) -> list[str]:
    """Source-like paths of every page of the built site (directory URLs), 404 aside."""
    return sorted("" if path.parent == site else path.parent.relative_to(site).as_posix() + "/" for path in site.rglob("index.html"))


def heading(page) -> str:
    """The page's title, without its permalink mark."""
    return page.locator("h1").evaluate(
        "h => [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink'))).map(n => n.textContent).join('').trim()"
    )


def meta(source: str, attribute: str, name: str) -> str | None:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', source)
    return html.unescape(found.group(1)) if found else None


# --- 1. Finding one's way ---------------------------------------------------------------


@WIDTHS
def test_home_page_leads_to_every_part_of_the_site(browser, base_url, width):
    page = open_page(browser, base_url, width)
    # Links a reader can see without opening any menu.
    shown = page.evaluate("""() => [...document.querySelectorAll('article a[href]')]
        .filter(a => { const r = a.getBoundingClientRect(); return a.checkVisibility({visibilityProperty: true})
                       && r.width > 0 && r.left >= 0 && r.right <= innerWidth; })
        .map(a => new URL(a.href).pathname)""")
    root = base_url.removeprefix(re.match(r"https?://[^/]+", base_url).group(0))
    for part in (
        "rapports/dynamiques-collectives/",
        "rapports/relancer-les-ptce/",
        "monographies/",
        "catalogue/",
        "carte/",
        "synthese/",
        "glossaire/",
        "sources/",
        "donnees/",
        "statuts/",
    ):
        assert root + part in shown, part
    assert heading(page) == CONFIG["site_name"]
    page.close()


def test_monographs_link_their_two_neighbours_in_index_order(built_site):
    order = [item["id"] for item in monograph_order(CATALOGUE.initiatives)]
    for number, identifier in enumerate(order):
        source = (built_site / "monographies" / identifier / "index.html").read_text(encoding="utf-8")
        previous = re.findall(r'<a href="([^"]+)" class="md-footer__link md-footer__link--prev"', source)
        following = re.findall(r'<a href="([^"]+)" class="md-footer__link md-footer__link--next"', source)
        assert previous == ([f"../{order[number - 1]}/"] if number > 0 else []), identifier
        assert following == ([f"../{order[number + 1]}/"] if number + 1 < len(order) else []), identifier
        # Section title: a breadcrumb back to the monographs' index.
        path = re.search(r'<nav class="md-path".*?</nav>', source, re.S).group(0)
        assert 'href="../"' in path and "Monographies" in path


def test_chapters_have_previous_next_and_their_report_in_a_breadcrumb(built_site):
    source = (built_site / "rapports/relancer-les-ptce/methode/index.html").read_text(encoding="utf-8")
    assert "md-footer__link--prev" in source and "md-footer__link--next" in source
    path = re.search(r'<nav class="md-path".*?</nav>', source, re.S).group(0)
    assert "Relancer les PTCE" in path


def test_statuses_are_explained_in_plain_words_where_they_appear(built_site):
    explained = (built_site / "statuts/index.html").read_text(encoding="utf-8")
    for code, label in CATALOGUE.labels["statut"].items():
        assert f'id="statut-{code}"' in explained
        assert html.escape(french.typography(CATALOGUE.label("statut_description", code)), quote=False) in explained
    for code in CATALOGUE.labels["statut_fait"]:
        assert f'id="fait-{code}"' in explained
    assert 'id="statut-ptce-cite"' in explained
    for initiative in CATALOGUE.initiatives:
        page = (built_site / "monographies" / initiative["id"] / "index.html").read_text(encoding="utf-8")
        assert f'href="../../statuts/#statut-{initiative["etude"]["statut"]}"' in page
    for listing in ("catalogue", "carte", "monographies"):
        page = (built_site / listing / "index.html").read_text(encoding="utf-8")
        statuses = re.findall(r'href="\.\./statuts/#statut-([a-z-]+)"', page)
        assert len(statuses) >= len(CATALOGUE.initiatives), listing


def test_the_site_name_is_whole_on_a_phone(browser, base_url):
    page = open_page(browser, base_url + "monographies/eusko/", 375)
    name = page.locator(".md-header__topic:first-child .md-ellipsis")
    assert name.inner_text().strip() == CONFIG["site_name"]
    box = name.bounding_box()
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1")
    header = page.locator(".md-header").bounding_box()
    assert box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"]
    assert box["x"] + box["width"] <= 375
    page.close()


def test_the_menu_says_etiquettes_with_its_accent(built_site):
    source = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Etiquettes" not in source and "Monographies par type et par région" in source


# --- 2. Cite and date -------------------------------------------------------------------


def _git(*arguments: str) -> str:
    return subprocess.run(["git", *arguments], cwd=PROJECT, capture_output=True, text=True, check=True).stdout


def _record_lines(path: str, key: str, value: str) -> tuple[int, int]:
    """A record's lines, read from the file itself: from its « - key: value » line to the
    last non-blank, non-comment line before the next record."""
    lines = (PROJECT / path).read_text(encoding="utf-8").splitlines()
    first = next(number for number, line in enumerate(lines, 1) if line == f"- {key}: {value}")
    last = next((number - 1 for number, line in enumerate(lines, 1) if number > first and line.startswith("- ")), len(lines))
    while not lines[last - 1].strip() or lines[last - 1].startswith("#"):
        last -= 1
    return first, last


def _last_change(path: str, lines: tuple[int, int] | None = None) -> int:
    if _git("status", "--porcelain", "--", path).strip():
        pytest.skip(f"{path} a des modifications non commitées : la date vient alors de SOURCE_DATE_EPOCH")
    if lines is None:
        return int(_git("log", "-1", "--format=%ct", "--", path))
    blame = _git("blame", "-M", "--porcelain", "-L", f"{lines[0]},{lines[1]}", "--", path)
    return max(int(time) for time in re.findall(r"^committer-time (\d+)$", blame, re.M))


def _french_day(timestamp: int) -> str:
    from macros.renderer.citation import day

    return french.date(day(timestamp))


def test_update_date_of_a_monograph_is_its_last_commit_over_prose_and_data_lines(built_site):
    initiative = CATALOGUE.initiative("eusko")
    # The page shows its prose, its record and the records of the sources it cites.
    expected = max(
        _last_change("monographs/eusko.md"),
        _last_change("data/initiatives.yaml", _record_lines("data/initiatives.yaml", "id", "eusko")),
        *(
            _last_change("data/sources.yaml", _record_lines("data/sources.yaml", "id", source["id"]))
            for source in CATALOGUE.initiative_sources("eusko")
        ),
    )
    text = text_of(built_site / "monographies/eusko/index.html")
    assert f"Mis à jour le {_french_day(expected)}" in text, initiative["nom"]


def test_update_date_of_a_chapter_counts_the_figures_it_cites(built_site):
    source = "docs/rapports/relancer-les-ptce/chiffres-du-diagnostic.md"
    markdown = (PROJECT / source).read_text(encoding="utf-8")
    series = re.findall(r'graphique\("([^"]+)"', markdown)
    ids = set(re.findall(r'chiffre\("([^"]+)"\)', markdown)) | {
        item["id"] for item in CATALOGUE.records["chiffres"] if item.get("serie") in series
    }
    times = [_last_change(source)]
    for path in sorted(PROJECT.glob("data/chiffres-*.yaml")):
        relative = path.relative_to(PROJECT).as_posix()
        for identifier in re.findall(r"^- id: (\S+)$", path.read_text(encoding="utf-8"), re.M):
            if identifier in ids:
                times.append(_last_change(relative, _record_lines(relative, "id", identifier)))
    assert len(times) == len(ids) + 1
    text = text_of(built_site / "rapports/relancer-les-ptce/chiffres-du-diagnostic/index.html")
    assert f"Mis à jour le {_french_day(max(times))}" in text


def test_a_record_s_lines_are_found_from_the_yaml_reader(built_site):
    from macros.pages.history import History
    from macros.pages.provenance import Provenance, Span
    from macros.pages.usage import Usage

    usage = Usage()
    usage.add_page("synthese/facteurs.md", (PROJECT / "docs/synthese/facteurs.md").read_text(encoding="utf-8"), {})
    provenance = Provenance(CATALOGUE, usage, PROJECT)
    for initiative in CATALOGUE.initiatives:
        span = provenance.record_span("initiatives", initiative["id"])
        assert (span.first_line, span.last_line) == _record_lines("data/initiatives.yaml", "id", initiative["id"])
        assert span.file == "data/initiatives.yaml" and initiative["id"] in span.record
    spans = provenance.spans("synthese/facteurs.md")
    assert spans[0] == Span(
        "docs/synthese/facteurs.md", 1, len((PROJECT / "docs/synthese/facteurs.md").read_text(encoding="utf-8").splitlines())
    )
    assert {span.record for span in spans if span.file == "data/facteurs.yaml"} >= {
        f"facteur «\u00a0{factor['id']}\u00a0»" for factor in CATALOGUE.records["facteurs"]
    }
    # A monograph: its prose and its entry.
    monograph = provenance.spans("monographies/eusko.md")
    assert [span.file for span in monograph[:2]] == ["monographs/eusko.md", "data/initiatives.yaml"]
    # …and the records of the sources its facts cite (its list of sources is made from them).
    assert {span.record for span in monograph[2:]} == {
        f"source «\u00a0{source['id']}\u00a0»" for source in CATALOGUE.initiative_sources("eusko")
    }
    assert History(PROJECT).source == "git"


def test_without_git_the_date_is_source_date_epoch(tmp_path, monkeypatch):
    from macros.pages.history import History
    from macros.pages.provenance import Span

    (tmp_path / "a.md").write_text("texte\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1610064000")
    history = History(tmp_path)
    assert history.source != "git"
    assert history.span_time(Span("a.md", 1, 1)) == history.span_time(Span("a.md", 1, 1, "ligne")) == 1610064000
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert history.span_time(Span("a.md", 1, 1)) == int((tmp_path / "a.md").stat().st_mtime)


def test_every_chapter_monograph_and_synthesis_page_has_a_citation(built_site):
    citable = [
        path
        for path in built_site.rglob("index.html")
        if path.relative_to(built_site).parts[0] in ("rapports", "monographies", "synthese")
        and path != built_site / "monographies/index.html"
    ]
    assert len(citable) >= len(CATALOGUE.initiatives) + 15
    for path in citable:
        source = path.read_text(encoding="utf-8")
        assert 'class="labo-citer"' in source and "Citer cette page" in source, path
        assert "Mis à jour le <time" in source, path


@WIDTHS
def test_citation_block_copies_and_downloads_what_the_data_says(browser, base_url, width):
    initiative = CATALOGUE.initiative("eusko")
    page = open_page(browser, base_url + "monographies/eusko/", width, accept_downloads=True)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    block = page.locator(".labo-citer")
    text = " ".join(block.locator(".labo-citer__texte").inner_text().split())
    date = block.get_attribute("data-date")
    url = SITE_URL + "monographies/eusko/"
    author = CONFIG["site_author"]
    edition = current_edition(PROJECT)
    for part in (
        author,
        f"«\u00a0{french.typography(initiative['nom'])}\u00a0»",
        CONFIG["site_name"],
        f"mis à jour le {french.date(date)}",
        # The public address, then the edition's date.
        f"{url}, édition du {french.date(edition.jour)}.",
    ):
        assert " ".join(part.split()) in text, part
    assert f"Mis à jour le {french.date(date)}" in page.locator(".labo-maj").inner_text()
    # Copy: the clipboard gets the reference.
    block.locator(".labo-citer__copier").click()
    page.locator(".labo-citer__etat", has_text="copiée").wait_for()
    assert " ".join(page.evaluate("navigator.clipboard.readText()").split()) == text
    # Downloads, built in the page from the same fields.
    with page.expect_download() as bibtex:
        block.locator(".labo-citer__bibtex").click()
    entry = Path(bibtex.value.path()).read_text(encoding="utf-8")
    assert entry.startswith("@misc{labo-ess-monographies-eusko,")
    assert f"title = {{{{{initiative['nom']}}}}}" in entry and f"url = {{{url}}}" in entry
    assert f"date = {{{date}}}" in entry and author.replace("\u00a0", " ") in entry.replace("\u00a0", " ")
    assert f"version = {{{edition.numero}}}" in entry and f"note = {{Édition du {french.date(edition.jour)}. D’après" in entry
    with page.expect_download() as csl:
        block.locator(".labo-citer__csl").click()
    item = json.loads(Path(csl.value.path()).read_text(encoding="utf-8"))[0]
    assert item["title"] == french.typography(initiative["nom"]) and item["URL"] == url
    assert item["issued"]["date-parts"] == [[int(part) for part in date.split("-")]]
    assert item["author"] == [{"literal": author}] and item["type"] == "webpage" and item["version"] == edition.numero
    assert page.errors == []
    page.close()


def test_footer_says_who_publishes_the_site_and_its_licences(built_site):
    about = text_of(built_site / "a-propos/index.html")
    for path in ("index.html", "monographies/eusko/index.html", "404.html"):
        footer = re.search(r'<footer class="md-footer">.*?</footer>', (built_site / path).read_text(encoding="utf-8"), re.S).group(0)
        assert html.escape(CONFIG["site_author"], quote=False) in footer.replace("&#8239;", "\u202f")
        assert "creativecommons.org/licenses/by/4.0" in footer and "CC&nbsp;BY&nbsp;4.0" in footer
        assert "licence-ouverte-open-licence" in footer and "à confirmer avec le Labo de l’ESS" in footer
    assert "CC BY 4.0" in about and "Licence Ouverte" in about and "à confirmer avec le Labo de l’ESS" in about


# --- 3. Share and be found --------------------------------------------------------------


def test_every_page_has_its_canonical_address_and_preview_tags(built_site):
    titles, descriptions = {}, {}
    for path in built_pages(built_site):
        source = (built_site / path / "index.html").read_text(encoding="utf-8")
        url = SITE_URL + path
        assert f'<link rel="canonical" href="{url}">' in source, path
        assert meta(source, "property", "og:url") == url
        title, description = meta(source, "property", "og:title"), meta(source, "property", "og:description")
        assert title and description and meta(source, "name", "description") == description, path
        assert meta(source, "name", "twitter:card") == "summary_large_image"
        assert meta(source, "name", "twitter:title") == title
        image = meta(source, "property", "og:image")
        assert image.startswith(SITE_URL) and meta(source, "name", "twitter:image") == image
        png = (built_site / image.removeprefix(SITE_URL)).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[16:24] == (1200).to_bytes(4, "big") + (630).to_bytes(4, "big")
        titles.setdefault(title, []).append(path)
        descriptions.setdefault(description, []).append(path)
    assert [paths for paths in descriptions.values() if len(paths) > 1] == []
    assert [paths for paths in titles.values() if len(paths) > 1] == []
    eusko = (built_site / "monographies/eusko/index.html").read_text(encoding="utf-8")
    assert meta(eusko, "property", "og:description") == french.typography(CATALOGUE.initiative("eusko")["resume"])
    chapter = (built_site / "rapports/relancer-les-ptce/methode/index.html").read_text(encoding="utf-8")
    # The first paragraph of the text (a « Corrigé le … » note beside it is not the text).
    first = re.search(r"<h1[^>]*>.*?</h1>\s*(?:<aside\b.*?</aside>\s*)?<p>(.*?)</p>", chapter, re.S).group(1)

    def plain(text):
        return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())

    first = plain(html.unescape(re.sub(r"<[^>]+>", "", first)))
    assert first.startswith(plain(meta(chapter, "property", "og:description").removesuffix("…")))
    # One preview per report at least.
    images = {
        meta((built_site / path / "index.html").read_text(encoding="utf-8"), "property", "og:image")
        for path in ("rapports/dynamiques-collectives/", "rapports/relancer-les-ptce/")
    }
    assert len(images) == 2


def test_addresses_online_are_directory_urls_even_from_the_offline_edition():
    """The offline edition (use_directory_urls: false) names the pages of the site online."""
    from macros.renderer.share import online_url

    assert online_url(SITE_URL, "index.md") == SITE_URL
    assert online_url(SITE_URL, "monographies/eusko.md") == SITE_URL + "monographies/eusko/"
    assert online_url(SITE_URL, "rapports/relancer-les-ptce/index.md") == SITE_URL + "rapports/relancer-les-ptce/"
    assert online_url("", "monographies/eusko.md") == ""


def test_sitemap_lists_every_page_and_robots_points_to_it(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert sorted(listed) == sorted(SITE_URL + path for path in built_pages(built_site))
    assert len(re.findall(r"<lastmod>\d{4}-\d\d-\d\d</lastmod>", sitemap)) == len(listed)
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and f"Sitemap: {SITE_URL}sitemap.xml" in robots


@WIDTHS
def test_a_missing_address_gets_a_french_page_with_a_way_back_and_a_search(browser, base_url, width):
    page = open_page(browser, base_url + "page-absente/", width)
    assert page.response.status == 404
    assert page.locator("html").get_attribute("lang") == "fr"
    assert heading(page) == "Page introuvable"
    assert "Not found" not in page.content()
    page.locator("article input[type=search]").fill("Eusko")
    with page.expect_navigation():
        page.locator("article button[type=submit]").click()
    # The home page opens the search with the words asked for (?q=) and lists the monograph.
    wait_for_results(page, "Eusko")
    assert page.locator("#labo-recherche-resultats [role=option][href*='monographies/eusko/']").count() >= 1
    page.goto(base_url + "autre/page/absente/", wait_until="networkidle")
    with page.expect_navigation():
        page.get_by_role("link", name="Revenir à l’accueil").click()
    assert heading(page) == CONFIG["site_name"]
    page.close()


# --- 4. Charts, map and tables at 375 px ----------------------------------------------------

TEXT_SIZES = """(selector) => {
  const sizes = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const element = node.parentElement;
      if (!node.textContent.trim() || element.closest('title')) continue;
      const box = element.getBoundingClientRect();
      if (!box.width || !element.checkVisibility({visibilityProperty: true})) continue;
      let size = parseFloat(getComputedStyle(element).fontSize);
      // In an SVG, text is scaled with the drawing: its size on screen is what counts.
      if (element instanceof SVGElement) size *= element.getScreenCTM().a;
      sizes.push({size, text: node.textContent.trim().slice(0, 30)});
    }
  }
  return sizes;
}"""


@WIDTHS
def test_no_text_in_charts_or_map_is_under_12_px(browser, base_url, width):
    for path, selector in (
        ("rapports/relancer-les-ptce/chiffres-du-diagnostic/", ".labo-graphique"),
        ("rapports/relancer-les-ptce/contexte-et-histoire/", ".labo-graphique"),
        ("carte/", ".labo-carte"),
    ):
        page = open_page(browser, base_url + path, width)
        sizes = page.evaluate(TEXT_SIZES, selector)
        assert len(sizes) >= 5, path
        small = [item for item in sizes if item["size"] < 12]
        assert small == [], (path, small[:5])
        page.close()


@WIDTHS
def test_map_targets_are_24_px_and_never_overlap(browser, base_url, width):
    page = open_page(browser, base_url + "carte/", width)
    targets = page.locator(".labo-carte__cible").evaluate_all(
        "circles => circles.map(c => { const b = c.getBoundingClientRect(); return [b.x, b.y, b.width, b.height]; })"
    )
    assert len(targets) == page.locator("a.labo-carte__lien").count() >= 5
    for x, y, w, h in targets:
        assert w >= 24 and h >= 24
    for i, (x1, y1, w1, _) in enumerate(targets):
        for x2, y2, w2, _ in targets[i + 1 :]:
            distance = ((x1 + w1 / 2 - x2 - w2 / 2) ** 2 + (y1 + w1 / 2 - y2 - w2 / 2) ** 2) ** 0.5
            assert distance >= (w1 + w2) / 2 - 0.5, "deux cibles se chevauchent"
    # Every place is still in the text list, with its link.
    places = page.locator(".labo-carte__point, .labo-carte__membre").count()
    assert page.locator(".labo-carte__liste li > a:first-child").count() == places
    page.close()


@WIDTHS
def test_factor_matrix_is_readable_without_sideways_scrolling(browser, base_url, width):
    page = open_page(browser, base_url + "synthese/facteurs/", width)
    names = page.locator(".labo-matrice-fiches__nom a")
    assert names.count() == len(CATALOGUE.initiatives)
    for box in names.evaluate_all("links => links.map(a => a.getBoundingClientRect().right)"):
        assert box <= width
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    linked = sum(len(item.get("facteurs_illustres", [])) for item in CATALOGUE.initiatives)
    assert page.locator(".labo-matrice-fiches__fiche li").count() == linked
    # The cross table is there too, folded.
    assert page.locator("details.labo-matrice-details").get_attribute("open") is None
    page.close()


@WIDTHS
def test_data_tables_are_folded_and_show_their_source_column(browser, base_url, width):
    page = open_page(browser, base_url + "rapports/relancer-les-ptce/chiffres-du-diagnostic/", width)
    folds = page.locator(".labo-graphique details")
    assert folds.count() >= 3
    for index in range(folds.count()):
        fold = folds.nth(index)
        assert fold.get_attribute("open") is None
        assert not fold.locator("table").is_visible()
        fold.locator("summary").click()
        last = fold.locator("thead th").last
        assert last.inner_text() == "Source"
        assert last.bounding_box()["x"] + last.bounding_box()["width"] <= width
    page.close()
    page = open_page(browser, base_url + "monographies/eusko/", width)
    last = page.locator(".labo-chiffres thead th").last
    box = last.bounding_box()
    assert last.inner_text() == "Sources" and box["x"] + box["width"] <= width
    page.close()


TARGETS = (
    "a.labo-ref, .labo-citer button, .labo-citer a.md-button, article summary, article select, "
    "article input, article button, .md-footer__link, .labo-statut-aide, .md-header__button"
)


@WIDTHS
def test_reference_marks_and_controls_are_24_px_targets(browser, base_url, width):
    for path in ("monographies/eusko/", "rapports/relancer-les-ptce/chiffres-du-diagnostic/", "catalogue/"):
        page = open_page(browser, base_url + path, width)
        boxes = page.locator(TARGETS).evaluate_all("""elements => elements
            .filter(e => e.checkVisibility({visibilityProperty: true}) && e.getBoundingClientRect().width)
            .map(e => { const b = e.getBoundingClientRect(); return [e.className || e.tagName, b.width, b.height]; })""")
        assert len(boxes) >= 5, path
        small = [box for box in boxes if box[1] < 24 or box[2] < 24]
        assert small == [], (path, small[:5])
        page.close()


@WIDTHS
def test_glossary_popups_stay_inside_the_screen(browser, base_url, width):
    worst = 0.0
    for path in ("glossaire/", "monographies/eusko/"):
        page = open_page(browser, base_url + path, width)
        # Each acronym brought into view and focused in turn, its bubble measured (one call
        # into the page for all of them: the same steps as scroll, focus and measure each).
        overflows = page.evaluate("""() => [...document.querySelectorAll('article abbr[title]')].map(e => {
            e.scrollIntoView({block: 'nearest', inline: 'nearest'});
            e.focus();
            const r = e.getBoundingClientRect(), s = getComputedStyle(e, '::after');
            const left = r.left + parseFloat(s.left), screen = document.documentElement.clientWidth;
            return Math.max(left + parseFloat(s.width) - screen, -left); })""")
        # A bubble not drawn (no width) would measure as NaN, never as too wide: refused.
        assert len(overflows) >= 1 and all(math.isfinite(value) for value in overflows), (path, overflows)
        worst = max(worst, *overflows)
        page.close()
    assert worst <= 0, f"une bulle dépasse de {worst:.0f} px"


@WIDTHS
def test_tab_order_has_no_stop_hidden_in_a_closed_menu(browser, base_url, width):
    page = open_page(browser, base_url + "monographies/eusko/", width)
    seen, hidden = [], []
    for _ in range(300):
        page.keyboard.press("Tab")
        stop = page.evaluate("""() => { const e = document.activeElement;
            if (!e || e === document.body) return null;
            // The colour scheme's switch: a radio button that shows itself, and its focus, by its label.
            const shown = e.matches('input.md-option') ? e.nextElementSibling : e;
            const b = shown.getBoundingClientRect();
            return {key: e.outerHTML.slice(0, 100) + b.top + b.left, search: !!e.closest('.md-search'),
                    visible: shown.checkVisibility({visibilityProperty: true, opacityProperty: true})
                             && b.width > 0 && b.height > 0 && b.right > 0 && b.left < innerWidth}; }""")
        if stop is None or stop["key"] in seen:
            break
        seen.append(stop["key"])
        # The search field opens the site's search (issue 12 replaces it): it stays in the order.
        if not stop["visible"] and not stop["search"]:
            hidden.append(stop["key"])
    assert len(seen) >= 20
    assert hidden == []
    page.close()


@WIDTHS
def test_every_control_shows_its_focus(browser, base_url, width):
    checks = {
        "catalogue/": ["#filtre-theme", "#filtre-type", ".labo-tri", "#catalogue-filtres button[type=reset]"],
        "rapports/relancer-les-ptce/chiffres-du-diagnostic/": [".labo-graphique summary"],
        "monographies/eusko/": [".labo-citer__copier", ".labo-citer__bibtex"],
        "synthese/facteurs/": [".labo-matrice-details summary"],
    }
    for path, selectors in checks.items():
        page = open_page(browser, base_url + path, width)
        for selector in selectors:
            page.keyboard.press("Shift")  # keyboard modality: focus() then shows as keyboard focus
            page.locator(selector).first.focus()
            style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
                return [s.outlineStyle, parseFloat(s.outlineWidth), s.boxShadow]; }""")
            assert (style[0] != "none" and style[1] >= 2) or style[2] != "none", (path, selector, style)
        page.close()
    page = open_page(browser, base_url + "carte/", width)
    page.keyboard.press("Shift")
    page.locator("a.labo-carte__lien").first.focus()
    stroke = page.evaluate("getComputedStyle(document.activeElement.querySelector('.labo-carte__cible')).stroke")
    assert stroke not in ("none", "")
    page.close()


# --- 5. Print ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["sources/", "monographies/eusko/"])
def test_print_shows_the_address_of_every_external_link(browser, base_url, path):
    page = open_page(browser, base_url + path, 1280)
    page.emulate_media(media="print")
    # A link of a note whose source the page lists with its address (labo-url-ailleurs) is
    # printed without it: the address must then be printed by another link of the page.
    missing = page.evaluate("""() => {
        const links = [...document.querySelectorAll('article a[href^="http"]')];
        const printed = a => a.textContent.trim() === a.getAttribute('href')
                             || getComputedStyle(a, '::after').content.includes(a.getAttribute('href'));
        const shown = new Set(links.filter(printed).map(a => a.getAttribute('href')));
        return links.filter(a => !printed(a) && !(a.classList.contains('labo-url-ailleurs') && shown.has(a.getAttribute('href'))))
            .map(a => a.getAttribute('href'));
    }""")
    assert missing == []
    page.close()


def test_print_keeps_every_source_and_unfolds_the_data_tables(browser, base_url):
    page = open_page(browser, base_url + "monographies/eusko/", 1280)
    page.emulate_media(media="print")
    sources = page.locator("ol.labo-sources > li")
    assert sources.count() == len(CATALOGUE.initiative_sources("eusko"))
    assert all(sources.nth(index).is_visible() for index in range(sources.count()))
    page.goto(base_url + "rapports/relancer-les-ptce/chiffres-du-diagnostic/", wait_until="networkidle")
    page.emulate_media(media="print")
    tables = page.locator(".labo-graphique details table")
    assert tables.count() >= 3 and all(tables.nth(index).is_visible() for index in range(tables.count()))
    page.close()
