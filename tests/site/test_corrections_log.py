"""The corrections log: its page, its Atom feed, the « Corrigé le … » notes, and the rule that a
figure whose published value changes is named in it."""

from __future__ import annotations

import datetime
import html
import re
import xml.etree.ElementTree as ElementTree
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import PROJECT, SITE_URL

from macros.checks.validate import load_catalogue
from macros.model.collections import DataPaths
from macros.renderer import corrections_page
from macros.renderer.exports import figures

CATALOGUE = load_catalogue(DataPaths(PROJECT))
ENTRIES = CATALOGUE.records["journal"]
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def built_page(site, source: str):
    path = site / (source[:-3] + "/index.html" if not source.endswith("index.md") else source[:-3] + ".html")
    return path.read_text(encoding="utf-8")


def test_log_has_this_rounds_corrections_and_the_new_dynamic(built_site):
    numbers = sorted((entry["correction"] for entry in ENTRIES if "correction" in entry), key=lambda c: int(c[1:]))
    assert numbers == [f"C{n}" for n in range(1, 16)]
    assert any("chantrerie" in entry.get("initiatives", []) for entry in ENTRIES)
    page = (built_site / "journal" / "index.html").read_text(encoding="utf-8")
    for entry in ENTRIES:
        assert f'id="{entry["id"]}"' in page, entry["id"]
    assert "27 novembre 2026" in page
    # Every figure an entry names is one of the published figures.
    known = {row["id"] for row in figures(CATALOGUE)}
    assert {key for entry in ENTRIES for key in entry.get("chiffres", [])} <= known


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry["id"] for entry in ENTRIES])
def test_each_corrected_page_links_to_its_entry(built_site, entry):
    for source in entry["pages"]:
        page = built_page(built_site, source)
        notice = re.search(r'<aside class="labo-corrige".*?</aside>', page, re.S)
        assert notice, f"{source} : pas de mention « Corrigé le »"
        links = [html.unescape(href) for href in re.findall(r'href="([^"]+)"', notice.group(0))]
        target = [link for link in links if link.endswith(f"#{entry['id']}")]
        assert target, (source, links)
        # The link leads to the log page, from where the page is.
        folder = "/" + source[:-3] + "/" if not source.endswith("index.md") else "/" + source[: -len("index.md")]
        assert urljoin(folder, target[0]).startswith("/journal/#")


def test_pages_showing_a_corrected_figure_say_so_and_others_do_not(built_site):
    # ptce-inactifs-2020 (C2) is shown by the diagnostic's chapter through {{ chiffre() }}.
    uses = [source for source in CATALOGUE_USAGE_PAGES("ptce-inactifs-2020")]
    assert uses
    for source in uses:
        assert "#c2-ptce-inactifs" in built_page(built_site, source)
    assert "labo-corrige" not in (built_site / "glossaire" / "index.html").read_text(encoding="utf-8")


def CATALOGUE_USAGE_PAGES(figure_id: str) -> list[str]:
    pattern = re.compile(r"\{\{\s*chiffre\(\s*\"" + re.escape(figure_id) + '"')
    return [
        path.relative_to(PROJECT / "docs").as_posix()
        for path in sorted((PROJECT / "docs").rglob("*.md"))
        if pattern.search(path.read_text(encoding="utf-8"))
    ]


def _check_atom(feed_text: str) -> ElementTree.Element:
    """The requirements of RFC 4287 on a feed and its entries (section 4.1)."""
    assert feed_text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    feed = ElementTree.fromstring(feed_text)
    assert feed.tag == f"{ATOM}feed"

    def one(parent, tag):
        found = parent.findall(f"{ATOM}{tag}")
        assert len(found) == 1, (tag, len(found))
        return found[0]

    for tag in ("id", "title", "updated"):
        assert one(feed, tag).text.strip()
    assert RFC3339.match(one(feed, "updated").text)
    # An id is an absolute IRI, never a relative reference.
    assert urlsplit(one(feed, "id").text).scheme
    assert one(one(feed, "author"), "name").text.strip()
    alternates = [link for link in feed.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
    assert len(alternates) == 1
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(ENTRIES)
    ids = [one(entry, "id").text for entry in entries]
    assert len(set(ids)) == len(ids) and all(urlsplit(value).scheme for value in ids)
    for entry in entries:
        assert one(entry, "title").text.strip()
        assert RFC3339.match(one(entry, "updated").text)
        assert len([link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"]) == 1
        assert one(entry, "content").get("type") == "html" and one(entry, "summary").text.strip()
    return feed


def test_atom_feed_is_valid_and_its_links_lead_to_the_log(built_site):
    feed = _check_atom((built_site / "journal.xml").read_text(encoding="utf-8"))
    # The test site is built with its published address: every link is absolute, under it,
    # and leads to a page of the built site; the feed names its own address.
    (self_link,) = [link for link in feed.iter(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link.get("href") == SITE_URL + "journal.xml"
    for link in feed.iter(f"{ATOM}link"):
        href = link.get("href")
        assert href.startswith(SITE_URL), href
        if href.endswith(".xml"):
            continue
        path = urlsplit(href).path.removeprefix(urlsplit(SITE_URL).path)
        assert (built_site / path / "index.html").is_file(), href
    page = (built_site / "journal" / "index.html").read_text(encoding="utf-8")
    assert 'href="../journal.xml"' in page


def test_atom_feed_has_absolute_addresses_when_the_site_address_is_known():
    urls = {source: source[:-3] + "/" for entry in ENTRIES for source in entry["pages"]}
    text = corrections_page.atom_feed(CATALOGUE, "journal/", urls, "Site", "Rédaction", "https://exemple.org/rapports/")
    feed = _check_atom(text)
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert links and all(link.startswith("https://exemple.org/rapports/") for link in links)
    assert "https://exemple.org/rapports/journal.xml" in links
    for entry in feed.iter(f"{ATOM}entry"):
        content = ElementTree.fromstring(f"<div>{entry.find(f'{ATOM}content').text}</div>")
        assert all(a.get("href").startswith("https://exemple.org/rapports/") for a in content.iter("a"))


FIGURE_FILE = "data/chiffres-relancer-les-ptce.yaml"


def test_changed_figure_needs_a_log_entry_naming_it(project):
    line = project.replace(
        FIGURE_FILE,
        "- id: ptce-actifs-2020\n  rapport: relancer-les-ptce\n"
        "  libelle: PTCE encore en activité fin 2020, sans politique de soutien, selon le rapport\n"
        "  valeur: 56",
        "- id: ptce-actifs-2020\n  rapport: relancer-les-ptce\n"
        "  libelle: PTCE encore en activité fin 2020, sans politique de soutien, selon le rapport\n"
        "  valeur: 57",
    )
    # A key figure of an initiative too (its id is written in the data, under its label).
    key_line = project.replace("data/initiatives.yaml", "valeur: 192\n", "valeur: 193\n")
    result = project.check()
    assert result.returncode == 1
    lines = [row for row in result.stderr.splitlines() if "a changé depuis sa publication" in row]
    assert len(lines) == 2, result.stderr
    lines = [row.strip().replace("\u00a0", " ") for row in lines]
    assert any(
        row.startswith(f"{FIGURE_FILE}:{line + 3}:11: le chiffre « ptce-actifs-2020 » a changé")
        and "valeur « 56 » → « 57 »" in row
        and "data/journal.yaml" in row
        for row in lines
    ), lines
    assert any(
        row.startswith(f"data/initiatives.yaml:{key_line}:15: ") and "eusko-prestataires-au-lancement-2013" in row for row in lines
    ), lines
    today = datetime.date.today().isoformat()
    project.write(
        "data/journal.yaml",
        project.read("data/journal.yaml")
        + f"""
- id: correction-de-test
  date: "{today}"
  titre: Deux chiffres corrigés
  modification: Le nombre de PTCE actifs et de prestataires change.
  raison: La source dit autre chose (exemple de test).
  pages: [rapports/relancer-les-ptce/chiffres-du-diagnostic.md]
  chiffres: [ptce-actifs-2020, eusko-prestataires-au-lancement-2013]
""",
    )
    result = project.check()
    assert result.returncode == 0, result.stderr


def test_an_entry_naming_an_unknown_page_or_figure_is_located(project):
    line = project.replace(
        "data/journal.yaml",
        "  pages: [rapports/relancer-les-ptce/chiffres-du-diagnostic.md]\n  chiffres: [ptce-inactifs-2020]",
        "  pages: [rapports/relancer-les-ptce/chiffres-du-diagnostique.md]\n  chiffres: [ptce-inactif-2020]",
    )
    result = project.check()
    assert result.returncode == 1
    assert (
        f"data/journal.yaml:{line}:11: entrée du journal « c2-ptce-inactifs », champ « pages[1] » : page "
        "« rapports/relancer-les-ptce/chiffres-du-diagnostique.md » inconnue" in result.stderr.replace("\u00a0", " ")
    )
    assert f"data/journal.yaml:{line + 1}:14: " in result.stderr
    assert "chiffres-du-diagnostic.md" in result.stderr and "«\u00a0ptce-inactifs-2020\u00a0»" in result.stderr


def test_publishing_the_list_records_the_figures_as_published(project):
    """make publier-liste: the list takes the current values, dated with the edition's day."""
    import os
    import subprocess
    import sys

    epoch = int(datetime.datetime(2027, 3, 4, 12, tzinfo=datetime.timezone.utc).timestamp())
    result = subprocess.run(
        [sys.executable, "-m", "macros.commands.publish_list", str(project.root)],
        cwd=project.root,
        capture_output=True,
        text=True,
        env=dict(os.environ, SOURCE_DATE_EPOCH=str(epoch)),
    )
    assert result.returncode == 0, result.stderr
    rows = {row.split(";")[0]: row.split(";") for row in project.read("data/publie/chiffres.csv").splitlines()[1:]}
    assert len(rows) == len(figures(CATALOGUE))
    assert rows["ptce-2020-covid-reporter-depute"] == ["ptce-2020-covid-reporter-depute", "68", "", "%", "2020", "2027-03-04"]
    # From now on, an entry dated before that day no longer covers a new change.
    project.replace(FIGURE_FILE, "  valeur: 68\n", "  valeur: 69\n")
    assert "ptce-2020-covid-reporter-depute" in project.check().stderr
