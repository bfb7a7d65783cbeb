"""« Mis à jour le … » and « Citer cette page »: a page's date and how to cite it.

The date is the last change, in git, of the files and lines the page is made from
(pages/provenance.py, pages/history.py), shown in French in Paris time.
The citation names the author and the site (mkdocs.yml: site_author, site_name), the page's
title, that date, the page's public address and the edition (its date, model/version.py);
BibTeX and CSL-JSON files are made from the same fields in the browser
(overrides/assets/javascripts/lecteurs.js), so nothing grows with the site.
The public address is the one online in every edition, the offline one included: it is known
at build time (SITE_URL), never the reader's own file:// path. A build without SITE_URL gives no
address in the offline edition, and the page's own address in a local preview.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from macros import french
from macros.editions import EDITIONS
from macros.model.version import Version

try:
    from zoneinfo import ZoneInfo

    _PARIS: datetime.tzinfo = ZoneInfo("Europe/Paris")
except Exception:  # no time-zone data: UTC, still the same for every build
    _PARIS = datetime.timezone.utc

# Pages that get a « Citer cette page » block: report chapters, monographs, synthesis.
CITABLE = ("rapports/", "monographies/", "synthese/")


@dataclass(frozen=True)
class Citation:
    key: str  # BibTeX key and file name: labo-ess-<page path>
    author: str
    title: str
    site: str
    date: str  # ISO date, Paris time
    url: str  # "" when the site's address is not known (lecteurs.js then uses the page's over http)
    source: str  # « d’après » : the report the page presents, or ""
    edition: str  # the edition's version, « 2026.11.27 »
    edition_date: str  # its ISO date, « 2026-11-27 »

    @property
    def date_text(self) -> str:
        return french.date(self.date)

    @property
    def edition_text(self) -> str:
        """« édition du 27 novembre 2026 »."""
        return f"édition du {french.date(self.edition_date)}"


def day(timestamp: int) -> str:
    """A Unix time as an ISO date in Paris."""
    return datetime.datetime.fromtimestamp(timestamp, _PARIS).date().isoformat()


def is_citable(src_uri: str) -> bool:
    return src_uri.startswith(CITABLE) and src_uri != "monographies/index.md"


def report_of(src_uri: str) -> str:
    """The report a page presents (its chapters, and the monographs of the study), or ""."""
    for edition in EDITIONS:
        if src_uri.startswith(edition.folder) or (edition.with_monographs and src_uri.startswith("monographies/")):
            return f"Labo de l’ESS, «{french.NBSP}{edition.title}{french.NBSP}»"
    return ""


def citation(src_uri: str, title: str, date: str, url: str, author: str, site: str, edition: Version) -> Citation:
    key = "labo-ess-" + (src_uri[: -len(".md")].replace("/index", "").replace("/", "-") or "accueil")
    return Citation(key, author, title, site, date, url, report_of(src_uri), edition.numero, edition.jour)
