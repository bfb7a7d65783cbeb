"""The offline edition (zip, file://, no network) and the PDF editions of both reports."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, SITE_URL, ProjectCopy
from csp_policy import LISTENER, policy_of
from pypdf import PdfReader
from search_queries import QUERIES, failures, totals, type_query

from macros import french
from macros.checks.validate import load_catalogue
from macros.commands.offline import NAME, archive_name
from macros.editions import EDITIONS
from macros.model.collections import DataPaths
from macros.model.version import current_edition

# The published address, given to make pdf and make offline as the publication passes it.
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=SITE_URL)


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """PDFs and offline zip, produced by the same commands as make pdf and make offline."""
    project = ProjectCopy(tmp_path_factory.mktemp("editions") / "projet")
    root = project.root
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
    archive = root / "dist" / f"{NAME}-hors-ligne.zip"
    subprocess.run(
        [sys.executable, "-m", "macros.commands.offline", "--projet", str(root), "--sortie", str(archive)], cwd=root, env=ENV, check=True
    )
    unpacked = root / "hors-ligne"
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(unpacked)
    return {"zip": archive, "site": unpacked / NAME, "pdf": root / "dist/pdf"}


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
