"""The corrections log on the site: its page, its Atom feed, and « Corrigé le … » on the pages
it names.

Entries come from data/journal.yaml (validated by the catalogue). A page is corrected by an
entry that lists it in `pages`, lists its initiative, or lists a figure it shows.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from urllib.parse import urljoin

from markupsafe import escape

from macros import french
from macros.checks.addresses import former_ids
from macros.layout import monograph_uri
from macros.model.catalogue import Catalogue
from macros.pages.usage import Usage

JOURNAL_PAGE = "journal.md"
FEED = "journal.xml"
ATOM = "http://www.w3.org/2005/Atom"
# Entry ids of the feed: URNs made from the entry's id, the same wherever the site is hosted
# (Atom wants an absolute, permanent IRI, which a relative address is not).
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/labo-ess/rapports-2021/journal")


def log_entries(catalogue: Catalogue) -> list[dict]:
    """The log, newest first (file order within a day). An entry written before a rename keeps
    the former id (anciens_ids, `make renommer`): its pages and initiatives are read by their
    current ids, so that the renamed page shows « Corrigé le … » and the log links to it."""
    current = former_ids(catalogue.initiatives)

    def page(source: str) -> str:
        key = source.removeprefix("monographies/").removesuffix(".md")
        return monograph_uri(current[key]) if source == monograph_uri(key) and key in current else source

    log = [
        {
            **entry,
            "pages": list(dict.fromkeys(page(source) for source in entry["pages"])),
            **(
                {"initiatives": list(dict.fromkeys(current.get(key, key) for key in entry["initiatives"]))}
                if "initiatives" in entry
                else {}
            ),
        }
        for entry in catalogue.records.get("journal", [])
    ]
    return sorted(log, key=lambda entry: entry["date"], reverse=True)


def figures_by_id(catalogue: Catalogue) -> dict[str, tuple[dict, str | None]]:
    """Every figure by id, with the initiative of a key figure."""
    found: dict[str, tuple[dict, str | None]] = {figure["id"]: (figure, None) for figure in catalogue.records.get("chiffres", [])}
    for initiative in catalogue.initiatives:
        found.update((figure["id"], (figure, initiative["id"])) for figure in initiative.get("chiffres_cles", []))
    return found


def corrections_by_page(catalogue: Catalogue, usage: Usage) -> dict[str, list[dict]]:
    """Source path of each page → the log entries that correct it, newest first."""
    figures = figures_by_id(catalogue)
    pages: dict[str, list[dict]] = defaultdict(list)
    for entry in log_entries(catalogue):
        targets = list(entry["pages"]) + [monograph_uri(key) for key in entry.get("initiatives", [])]
        for key in entry.get("chiffres", []):
            if key not in figures:
                continue  # a published figure the entry says was removed: its pages are in « pages »
            _, initiative = figures[key]
            targets += [monograph_uri(initiative)] if initiative else usage.used_by("chiffre", key)
        for target in dict.fromkeys(targets):
            pages[target].append(entry)
    return dict(pages)


def page(renderer, usage: Usage) -> str:
    """The « Journal des modifications » page: one section per day, one article per entry."""
    figures = figures_by_id(renderer.catalogue)
    markdown = ""
    days: dict[str, list[dict]] = defaultdict(list)
    for entry in log_entries(renderer.catalogue):
        days[entry["date"]].append(entry)
    for day, day_entries in days.items():
        markdown += f"\n## {french.date(day)}\n"
        markdown += renderer._render("journal.html", entries=day_entries, titles=usage.titles, figures=figures, monograph_uri=monograph_uri)
    return markdown


def notice(renderer, corrections: list[dict]) -> str:
    """« Corrigé le … » with a link to each entry, for the top of a corrected page."""
    days: dict[str, list[dict]] = defaultdict(list)
    for entry in corrections:
        days[entry["date"]].append(entry)
    return renderer._text("corrige.html", days=days, journal=renderer.url_for(JOURNAL_PAGE))


def atom_feed(
    catalogue: Catalogue,
    journal_url: str,
    page_urls: dict[str, str],
    site_name: str,
    author: str,
    site_url: str | None,
    titles: dict[str, str] | None = None,
) -> str:
    """The log as an Atom feed (RFC 4287). Addresses are absolute when the site's address is
    known (site_url), else relative to the feed, which sits at the site's root."""

    def address(url: str) -> str:
        return urljoin(site_url, url) if site_url else url

    log = log_entries(catalogue)
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})

    def add(parent, tag: str, text: str | None = None, **attributes) -> ElementTree.Element:
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text
        return element

    add(feed, "id", f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'flux')}")
    add(feed, "title", french.typography(f"Journal des modifications — {site_name}"))
    add(feed, "subtitle", "Les corrections publiées sur le site : ce qui a changé, pourquoi, sur quelles pages.")
    add(feed, "updated", _time(log[0]["date"]) if log else "1970-01-01T00:00:00Z")
    add(add(feed, "author"), "name", french.typography(author))
    add(feed, "link", rel="alternate", type="text/html", href=address(journal_url))
    if site_url:
        add(feed, "link", rel="self", type="application/atom+xml", href=urljoin(site_url, FEED))
    for entry in log:
        item = add(feed, "entry")
        add(item, "id", f"urn:uuid:{uuid.uuid5(_NAMESPACE, entry['id'])}")
        title = f"{entry['correction']} — {entry['titre']}" if "correction" in entry else entry["titre"]
        add(item, "title", french.typography(title))
        add(item, "updated", _time(entry["date"]))
        add(item, "published", _time(entry["date"]))
        add(item, "link", rel="alternate", type="text/html", href=address(f"{journal_url}#{entry['id']}"))
        if "correction" in entry:
            add(item, "category", term=entry["correction"])
        add(item, "summary", french.typography(entry["modification"]), type="text")
        links = "".join(
            f'<li><a href="{escape(address(page_urls[source]))}">'
            f"{escape(french.typography((titles or {}).get(source, page_urls[source])))}</a></li>"
            for source in entry["pages"]
            if source in page_urls
        )
        body = (
            f"<p><strong>Ce qui a changé</strong> : {escape(french.typography(entry['modification']))}</p>"
            f"<p><strong>Pourquoi</strong> : {escape(french.typography(entry['raison']))}</p>"
            f"<p>Pages corrigées :</p><ul>{links}</ul>"
        )
        add(item, "content", body, type="html")
    ElementTree.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"


def _time(day: str) -> str:
    """An RFC 3339 time for a day of the log (Atom dates are times)."""
    return f"{day}T00:00:00Z"
