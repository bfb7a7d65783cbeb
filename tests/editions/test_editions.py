"""The offline edition (zip, file://, no network) and the PDF and EPUB editions of both reports."""

from __future__ import annotations

import html
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import NBSP, PROJECT, SITE_URL, ProjectCopy, g
from csp_policy import LISTENER, policy_of
from PIL import Image
from pypdf import PdfReader
from search_queries import QUERIES, failures, totals, type_query

from macros import french
from macros.checks.validate import load_catalogue
from macros.commands.epub import GUIDE
from macros.commands.offline import NAME, archive_name
from macros.commands.pdf import article, nav_pages
from macros.editions import EDITIONS
from macros.layout import monograph_order, monograph_uri
from macros.model.collections import DataPaths
from macros.model.version import current_edition

# The published address, given to make pdf and make offline as the publication passes it.
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=SITE_URL)


# The image added to the copy: its file under docs/, its size (to find it in the PDFs), its text.
IMAGE = "images/eusko-billet.png"
IMAGE_SIZE = (37, 23)
IMAGE_ALT = "Un billet de 10 eusko"
IMAGE_PAGES = {"monographs/eusko.md": f"../{IMAGE}", "docs/rapports/relancer-les-ptce/ce-qui-a-suivi.md": f"../../{IMAGE}"}


def _mkdir(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """PDFs and offline zip, produced by the same commands as make pdf and make offline."""
    project = ProjectCopy(tmp_path_factory.mktemp("editions") / "projet")
    root = project.root
    # An image in a monograph and one in a chapter, where CONTRIBUTING.md says (« Mettre une image »).
    Image.new("RGB", IMAGE_SIZE, (180, 40, 40)).save(_mkdir(root / "docs" / IMAGE))
    for page, path in IMAGE_PAGES.items():
        (root / page).write_text((root / page).read_text(encoding="utf-8") + f"\n![{IMAGE_ALT}]({path})\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.offline.yml", "--site-dir", str(root / "build/pdf-site")],
        cwd=root,
        env=ENV,
        check=True,
    )
    subprocess.run(
        [sys.executable, "-m", "macros.commands.pdf", "--site", str(root / "build/pdf-site"), "--sortie", str(root / "dist/pdf")],
        cwd=root,
        env=ENV,
        check=True,
    )
    # The EPUB editions, from the same pages; the command keeps only books epubcheck accepts.
    epub = subprocess.run(
        [sys.executable, "-m", "macros.commands.epub", "--site", str(root / "build/pdf-site"), "--sortie", str(root / "dist/epub")],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
    )
    assert epub.returncode == 0, epub.stdout + epub.stderr
    archive = root / "dist" / f"{NAME}-hors-ligne.zip"
    subprocess.run(
        [sys.executable, "-m", "macros.commands.offline", "--projet", str(root), "--sortie", str(archive)], cwd=root, env=ENV, check=True
    )
    unpacked = root / "hors-ligne"
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(unpacked)
    return {
        "zip": archive,
        "site": unpacked / NAME,
        "pdf": root / "dist/pdf",
        "epub": root / "dist/epub",
        "epub_log": epub.stdout,
        "pages": root / "build/pdf-site",
    }


def chapter_titles(section: str) -> list[str]:
    nav = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    entries = next(item[section] for item in nav if isinstance(item, dict) and section in item)
    titles = []
    for entry in entries:
        source = entry if isinstance(entry, str) else next(iter(entry.values()))
        markdown = (PROJECT / "docs" / source).read_text(encoding="utf-8")
        titles.append(re.search(r"^# (.+)$", markdown, re.M).group(1))
    return titles


CATALOGUE = load_catalogue(DataPaths(PROJECT))


def pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


@pytest.mark.parametrize("edition", EDITIONS, ids=[e.slug for e in EDITIONS])
def test_pdf_edition_has_its_chapters_pages_and_links(editions, edition):
    path = editions["pdf"] / f"{edition.slug}.pdf"
    reader = PdfReader(path)
    minimum = 50 if edition.with_monographs else 20
    assert minimum <= len(reader.pages) <= 400
    text = pdf_text(path)
    for title in chapter_titles(edition.nav_section):
        normalised = re.sub(r"\s+", " ", title.replace("\u00a0", " ").replace("\u202f", " ").replace("'", "’"))
        assert normalised in text.replace("'", "’"), title
    if edition.with_monographs:
        assert "Annexe : les monographies" in text and "Eusko" in text
    # What the sources say is printed as a note next to each claim (the buttons' notes).
    statements = [item for item in CATALOGUE.records["affirmations"] if item["rapport"] == edition.folder.strip("/").split("/")[-1]]
    shown = [item for item in statements if "extraits" in item]
    assert shown
    for item in shown[:10]:
        first_words = " ".join(item["extraits"][0]["texte"].replace("[…]", " ").split()[:6])
        assert first_words.replace("'", "’") in text.replace("'", "’"), item["id"]
    # Sentences whole: a note's number where its button was, never the button's label; the
    # reading guide once in the edition (it was printed after every note: 408 times).
    assert "[selon" not in text and "[déduction]" not in text
    assert re.search(r"\b1\. Ce que dit", text)
    assert text.count("Comment lire ces mentions") == 1
    # Page numbers in the footer, and links that stay inside the document.
    assert re.search(rf"\b3 / {len(reader.pages)}\b", text)
    internal = [
        annotation
        for page in reader.pages
        for annotation in (page.get("/Annots") or [])
        if annotation.get_object().get("/Subtype") == "/Link"
        and "/Dest" in annotation.get_object()
        or (annotation.get_object().get("/A") or {}).get("/S") == "/GoTo"
    ]
    assert len(internal) >= 5


def plain(fragment: str) -> str:
    """Text of an HTML fragment, spaces and apostrophes made comparable."""
    text = html.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("\u00a0", " ").replace("\u202f", " ").replace("'", "’")
    return re.sub(r"\s+", " ", text).strip()


def epub_parts(path) -> tuple[str, list[str], dict[str, bytes]]:
    """A book's package document, its chapters' XHTML in reading order, and all its files."""
    with zipfile.ZipFile(path) as book:
        files = {name: book.read(name) for name in book.namelist()}
    opf = files["EPUB/content.opf"].decode()
    manifest = dict(re.findall(r'<item\b[^>]*\bid="([^"]+)"[^>]*\bhref="([^"]+)"', opf))
    spine = [manifest[idref] for idref in re.findall(r'<itemref idref="([^"]+)"', opf)]
    chapters = [files[f"EPUB/{href}"].decode() for href in spine if re.fullmatch(r"text/ch\d+\.xhtml", href)]
    return opf, chapters, files


def edition_pages(edition) -> list[str]:
    """The source pages of a book, in its order: chapters, monographs, the reading guide."""
    annex = [monograph_uri(item["id"]) for item in monograph_order(CATALOGUE.initiatives)] if edition.with_monographs else []
    return nav_pages(edition.nav_section) + annex + [GUIDE]


@pytest.mark.parametrize("edition", EDITIONS, ids=[e.slug for e in EDITIONS])
def test_epub_edition_has_its_chapters_notes_and_figures_in_french(editions, edition):
    opf, chapters, files = epub_parts(editions["epub"] / f"{edition.slug}.epub")
    version = current_edition(PROJECT)
    # French metadata: title, the Labo as author, the edition's date and number.
    assert "<dc:language>fr</dc:language>" in opf
    assert plain(re.search(r"<dc:title[^>]*>(.*?)</dc:title>", opf).group(1)) == plain(edition.title)
    assert re.search(r"<dc:creator[^>]*>Le Labo de l’ESS</dc:creator>", opf)
    assert re.search(rf"<dc:date[^>]*>{version.jour}</dc:date>", opf)
    assert f"version {version.numero}" in re.search(r"<dc:description>(.*?)</dc:description>", opf).group(1)
    assert all('xml:lang="fr"' in chapter for chapter in chapters)
    # Its chapters in the order of the site's navigation, in the table of contents too.
    guide_title = re.search(r"^# (.+)$", (PROJECT / "docs" / GUIDE).read_text(encoding="utf-8"), re.M).group(1)
    monographs = [item["nom"] for item in monograph_order(CATALOGUE.initiatives)] if edition.with_monographs else []
    expected = ["Cette édition", *chapter_titles(edition.nav_section)]
    expected += ["Annexe : les monographies", *monographs] if monographs else []
    expected = [plain(title) for title in [*expected, guide_title]]
    assert [plain(re.search(r"<h1[^>]*>(.*?)</h1>", chapter, re.S).group(1)) for chapter in chapters] == expected
    toc = re.search(r'<nav epub:type="toc".*?</nav>', files["EPUB/nav.xhtml"].decode(), re.S).group(0)
    assert [plain(item) for item in re.findall(r"<li[^>]*>(.*?)</li>", toc, re.S)] == expected
    # Every « selon … » note of the pages is a footnote, called right after its mark.
    pages = [article(editions["pages"], source)[1] for source in edition_pages(edition)]
    # (a note repeated on a page is one popover that several buttons open: one footnote each)
    popovers = sum(page.count('<button type="button" class="labo-qui ') for page in pages)
    notes, marks = {}, 0
    for chapter in chapters:
        found = dict(re.findall(r'<li id="(fn\d+)" epub:type="footnote">(.*?)</li>', chapter, re.S))
        called = re.findall(r'<span class="labo-qui labo-qui--[\w -]+">[^<]+</span><a href="#(fn\d+)" class="footnote-ref"', chapter)
        assert sorted(called) == sorted(found) and len(set(called)) == len(called)
        marks += len(called)
        notes.update({f"{len(notes)}-{key}": plain(value) for key, value in found.items()})
    assert popovers >= 20 and marks == len(notes) == popovers
    text = " ".join(notes.values())
    statements = [item for item in CATALOGUE.records["affirmations"] if item["rapport"] == edition.folder.strip("/").split("/")[-1]]
    for item in [item for item in statements if "extraits" in item][:10]:
        first_words = " ".join(item["extraits"][0]["texte"].replace("[…]", " ").split()[:6])
        assert plain(first_words) in text, item["id"]
    # The charts' bars, as SVG images inside the book; a cover.
    bars = re.findall(r'<img src="\.\./(media/[^"]+\.svg)" class="labo-graphique__piste"', "".join(chapters))
    assert len(bars) == sum(page.count('class="labo-graphique__piste"') for page in pages)
    assert bars or edition.with_monographs  # « Relancer les PTCE » has charts
    assert all(b"viewBox" in files[f"EPUB/{bar}"] and b"fill=" in files[f"EPUB/{bar}"] for bar in bars)
    cover = re.search(r'<item properties="cover-image"[^>]*href="([^"]+)"', opf).group(1)
    assert files[f"EPUB/{cover}"].startswith(b"\x89PNG")


def test_epub_editions_are_valid_and_fetch_nothing(editions):
    """epubcheck accepts both books (make epub keeps no book it refuses: the fixture's command
    ran it on each); no file of a book refers to a resource outside it: links to the sources
    on the web are links, not resources."""
    for edition in EDITIONS:
        assert re.search(rf"{edition.slug}\.epub : \d+ Ko, validé par epubcheck$", editions["epub_log"], re.M)
        opf, _, files = epub_parts(editions["epub"] / f"{edition.slug}.epub")
        for href in re.findall(r'<item\b[^>]*\bhref="([^"]+)"', opf):
            assert not re.match(r"[a-z]+:", href) and f"EPUB/{href}" in files, href
        for name, content in files.items():
            if name.endswith((".xhtml", ".css", ".opf", ".ncx", ".svg")):
                text = content.decode()
                remote = re.findall(
                    r'\b(?:src|poster|data|xlink:href)="(?:https?:)?//[^"]*"|<link[^>]+href="(?:https?:)?//|url\(\s*[\'"]?(?:https?:)?//|@import',
                    text,
                )
                assert remote == [], (name, remote)
        assert any(b'<a href="https://' in content for content in files.values())


def test_offline_zip_contains_everything(editions):
    with zipfile.ZipFile(editions["zip"]) as bundle:
        names = bundle.namelist()
    assert f"{NAME}/index.html" in names
    # The search index as scripts (file:// refuses fetch), the shared rules, the engine.
    assert f"{NAME}/recherche/sommaire.js" in names
    assert any(name.startswith(f"{NAME}/recherche/termes/") for name in names)
    assert f"{NAME}/assets/javascripts/recherche-regles.js" in names
    assert f"{NAME}/assets/javascripts/recherche-moteur.js" in names
    for edition in EDITIONS:
        assert f"{NAME}/telechargements/{edition.slug}.pdf" in names
        assert f"{NAME}/telechargements/{edition.slug}.epub" in names
    assert all(not name.startswith("/") and ".." not in name for name in names)


PAGES = [
    "index.html",
    "catalogue.html",
    "carte.html",
    "monographies/eusko.html",
    "rapports/relancer-les-ptce/chiffres-du-diagnostic.html",
    "synthese/facteurs.html",
    "sources.html",
]


def test_report_pages_offer_the_epub_edition(editions):
    """Each page of a report links to its EPUB (next to its PDF), which the bundle holds."""
    site = editions["site"]
    for edition in EDITIONS:
        book = site / "telechargements" / f"{edition.slug}.epub"
        assert book.read_bytes() == (editions["epub"] / book.name).read_bytes()
        pages = sorted((site / edition.folder).rglob("*.html"))
        assert len(pages) == len(chapter_titles(edition.nav_section))
        for page in pages:
            offer = re.search(r'<aside class="labo-pdf".*?</aside>', page.read_text(encoding="utf-8"), re.S)
            assert offer, page
            links = re.findall(r'href="([^"]+\.epub)" download>Télécharger l’édition EPUB<', offer.group(0))
            assert len(links) == 1 and (page.parent / links[0]).resolve() == book.resolve(), page
            assert f"l’EPUB ({book.stat().st_size // 1024}&nbsp;Ko), pour une liseuse ou un téléphone" in offer.group(0)


def test_offline_edition_works_from_file_without_network(editions, browser):
    site = editions["site"]
    context = browser.new_context(offline=True)
    requests, errors = [], []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    for path in PAGES:
        page.goto((site / path).as_uri(), wait_until="load")
        assert page.locator("h1").count() == 1, path
    # French search: the whole query set, typed key by key, its index loaded as scripts.
    page.goto((site / "a-propos.html").as_uri(), wait_until="load")
    root = site.as_uri() + "/"

    def total_of(query):
        type_query(page, query)
        return totals(page)

    failed = {}
    for entry in QUERIES:
        problems = failures(entry, type_query(page, entry["requete"]), root, total_of)
        if problems:
            failed[entry["requete"]] = problems
    assert failed == {}
    # Enter opens the first result, whose page marks the words found.
    type_query(page, "monnaies locales")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("?")[0].endswith("monographies/eusko.html")
    page.locator("article mark[data-md-highlight]").first.wait_for(timeout=10_000)
    # Catalogue filtering.
    page.goto((site / "catalogue.html").as_uri(), wait_until="load")
    total = page.locator("#catalogue-tableau tbody tr").count()
    page.locator("#filtre-region").select_option("Occitanie")
    shown = page.locator("#catalogue-tableau tbody tr:not([hidden])").count()
    assert 0 < shown < total
    assert page.locator("#catalogue-compte").inner_text() in (f"{shown} entrées", "1 entrée")
    # Every map link leads to an existing page of the bundle.
    page.goto((site / "carte.html").as_uri(), wait_until="load")
    links = page.locator("a.labo-carte__lien").evaluate_all(
        "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)"
    )
    assert links
    for link in links:
        target = link.split("#")[0]
        assert target.startswith("file://") and os.path.exists(target.removeprefix("file://")), link
    page.locator("a.labo-carte__lien").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1
    context.close()
    outside = [url for url in requests if not url.startswith(("file:", "data:", "blob:"))]
    assert outside == [], outside
    assert errors == []
    print(
        f"\nÉdition hors ligne : {editions['zip'].stat().st_size // 1024} Ko, {len(requests)} requêtes, aucune hors de file:, data:, blob:"
    )


def test_offline_edition_prints_as_the_site_does(editions, browser):
    """From file://, a monograph prints with its notes numbered after their sections, the
    reading guide once, on at most 12 A4 pages (30 before, issue 23)."""
    page = browser.new_page()
    page.goto((editions["site"] / "monographies/eusko.html").as_uri(), wait_until="load")
    page.emulate_media(media="print")
    printed = page.evaluate("""() => {
      const shown = e => e.checkVisibility() && e.getBoundingClientRect().height > 0;
      return {
        marks: [...document.querySelectorAll('article .labo-qui')].filter(shown)
          .map(b => getComputedStyle(b, '::after').content === `"${b.dataset.note}"` && !shown(b.firstElementChild)),
        outside: [...document.querySelectorAll('article .labo-provenance')].filter(n => shown(n) && !n.closest('.labo-notes')).length,
        guides: [...document.querySelectorAll('.labo-notes__guide')].filter(shown).length,
      };
    }""")
    assert len(printed["marks"]) >= 10 and all(printed["marks"])
    assert printed["outside"] == 0 and printed["guides"] == 1
    assert len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages) <= 12
    page.close()


def test_offline_edition_runs_under_its_policy_without_a_violation(editions, browser):
    """Every page from file://, and the search (scripts of the site, loaded by <script src>):
    the Content-Security-Policy blocks nothing of the site."""
    site = editions["site"]
    context = browser.new_context(offline=True)
    context.add_init_script(LISTENER)
    page = context.new_page()
    violations = {}
    pages = sorted(site.rglob("*.html"))
    for path in pages:
        assert "'unsafe-inline'" not in policy_of(path.read_text(encoding="utf-8"))["script-src"], path
        page.goto(path.as_uri(), wait_until="load")
        violations[path.relative_to(site).as_posix()] = page.evaluate("window.__violations")
    page.goto((site / "index.html").as_uri(), wait_until="load")
    assert any("monographies/eusko" in result["href"] for result in type_query(page, "Eusko"))
    violations["(recherche)"] = page.evaluate("window.__violations")
    context.close()
    assert {path: found for path, found in violations.items() if found} == {}
    assert len(pages) >= 40


def test_editions_carry_the_version_and_the_data_package(editions):
    """The zip's default name, its data package and the PDF covers say which edition they are."""
    version = current_edition(editions["zip"].parent.parent).numero
    assert archive_name(PROJECT) == f"{NAME}-hors-ligne-{current_edition(PROJECT).numero}.zip"
    with zipfile.ZipFile(editions["zip"]) as bundle:
        package = json.loads(bundle.read(f"{NAME}/donnees/datapackage.json"))
        assert package["version"] == version
        assert {f"{NAME}/donnees/{resource['path']}" for resource in package["resources"]} <= set(bundle.namelist())
    for edition in EDITIONS:
        assert f"version {version}" in pdf_text(editions["pdf"] / f"{edition.slug}.pdf")


# An image's dictionary in a PDF (a stream's, so never inside a compressed object stream).
_PDF_IMAGE = re.compile(rb"<<[^<>]*/Subtype\s*/Image[^<>]*>>")


def pdf_image_sizes(path) -> list[tuple[int, int]]:
    """(width, height) of each image in the PDF, read from its dictionary (pypdf's page.images
    decodes every page's resources, a minute per PDF)."""
    sizes = []
    for match in _PDF_IMAGE.finditer(path.read_bytes()):
        width, height = (re.search(rb"/%s\s+(\d+)" % key, match.group()) for key in (b"Width", b"Height"))
        if width and height:
            sizes.append((int(width.group(1)), int(height.group(1))))
    return sizes


def test_an_image_is_in_the_offline_edition_and_both_pdfs(editions, tmp_path):
    """An image of docs/images/, in a monograph and in a chapter, is in every edition; and
    `make pdf` stops, in French, when an image does not load (it used to print a broken one)."""
    site = editions["site"]
    assert (site / IMAGE).is_file()
    for page in ("monographies/eusko.html", "rapports/relancer-les-ptce/ce-qui-a-suivi.html"):
        sources = re.findall(rf'<img alt="{IMAGE_ALT}" src="([^"]+)"', (site / page).read_text(encoding="utf-8"))
        assert len(sources) == 1 and ((site / page).parent / sources[0]).resolve() == (site / IMAGE).resolve(), page
    for edition in EDITIONS:
        sizes = pdf_image_sizes(editions["pdf"] / f"{edition.slug}.pdf")
        assert IMAGE_SIZE in sizes, (edition.slug, sizes)
    # The file gone from the pages the PDFs are printed from: no PDF, and why.
    image = editions["pages"] / IMAGE
    aside = tmp_path / "image.png"
    image.rename(aside)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "macros.commands.pdf", "--site", str(editions["pages"]), "--sortie", str(tmp_path / "pdf")],
            env=ENV,
            capture_output=True,
            text=True,
        )
    finally:
        aside.rename(image)
    assert result.returncode == 1
    assert (
        f"Édition PDF {g(EDITIONS[0].title)} non imprimée{NBSP}: une image ne s'affiche pas{NBSP}:\n  {g(IMAGE)} (chapitre {g('Eusko')})"
    ) in result.stderr
    assert not (tmp_path / "pdf" / f"{EDITIONS[0].slug}.pdf").exists()


def test_offline_citations_give_the_public_address_then_the_edition(editions, browser, tmp_path):
    """« Citer cette page » read from file://: the page's address online (SITE_URL, known at
    build time), then the edition's date; the BibTeX and CSL-JSON files the same. A bundle
    built without the address gives none, never the reader's own file:// path."""
    site = editions["site"]
    version = current_edition(editions["zip"].parent.parent)
    url = SITE_URL + "monographies/eusko/"
    context = browser.new_context(offline=True, accept_downloads=True)
    page = context.new_page()

    def citation(path):
        page.goto(path.as_uri(), wait_until="load")
        block = page.locator(".labo-citer")
        text = " ".join(block.locator(".labo-citer__texte").inner_text().split())
        with page.expect_download() as bibtex:
            block.locator(".labo-citer__bibtex").click()
        with page.expect_download() as csl:
            block.locator(".labo-citer__csl").click()
        return (
            text,
            Path(bibtex.value.path()).read_text(encoding="utf-8"),
            json.loads(Path(csl.value.path()).read_text(encoding="utf-8"))[0],
        )

    text, bibtex, item = citation(site / "monographies/eusko.html")
    edition = f"édition du {french.date(version.jour)}"
    assert f", {url}, {edition}." in text and "file:" not in text, text
    assert f"url = {{{url}}}" in bibtex and f"version = {{{version.numero}}}" in bibtex and "file:" not in bibtex
    assert f"note = {{{edition.capitalize()}. D’après" in bibtex
    assert item["URL"] == url and item["version"] == version.numero and item["note"].startswith(edition.capitalize())
    # The same page as a bundle built without SITE_URL would have it (its assets beside it).
    source = (site / "monographies/eusko.html").read_text(encoding="utf-8")
    assert source.count(f'data-url="{url}"') == 1
    unknown = source.replace(f'data-url="{url}"', 'data-url=""').replace(
        '<span class="labo-citer__adresse">', '<span class="labo-citer__adresse" hidden>'
    )
    (tmp_path / "monographies").mkdir()
    (tmp_path / "monographies/eusko.html").write_text(unknown, encoding="utf-8")
    for folder in ("assets", "recherche"):
        (tmp_path / folder).symlink_to(site / folder)
    text, bibtex, item = citation(tmp_path / "monographies/eusko.html")
    assert f", {edition}." in text and SITE_URL not in text, text
    assert "file:" not in text and "file:" not in bibtex and "url =" not in bibtex and "URL" not in item, (text, bibtex)
    assert not page.locator(".labo-citer__adresse").is_visible()
    context.close()
