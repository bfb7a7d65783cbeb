"""What the reader gets around a page's text: its date, how to cite it, how it is shared,
where it stands (breadcrumb, previous and next monograph), and how to correct it.

Computed once per page when every page has been read (`PageInfos.prepare`, from the plugin's
on_env: before the sitemap is written, after the titles are known), then given to the theme
(`PageInfos.context`, from on_page_context). Each page costs the same whatever the number of
pages: a monograph links only to its two neighbours.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from markupsafe import Markup, escape

from macros import french
from macros.model.version import Version
from macros.pages.history import History
from macros.pages.provenance import Provenance
from macros.renderer import citation, edit_link, share
from macros.renderer.edit_link import Depot
from macros.renderer.preview_image import Preview
from macros.renderer.templating import template


@dataclass
class _Infos:
    date: str
    url: str
    title: str
    description: str  # plain text
    preview: Preview
    citation: citation.Citation | None
    spans: list  # what the page is made from: « Proposer une correction »


class PageInfos:
    def __init__(
        self, provenance: Provenance, history: History, config, previews: list[Preview], edition: Version, depot: Depot | None = None
    ):
        self.provenance = provenance
        self.edition = edition
        self.depot = depot
        self.history = history
        self.site_url = config.site_url or ""
        self.site_name = config.site_name
        self.author = config.site_author or config.site_name
        self.previews = previews
        self.infos: dict[str, _Infos] = {}

    # Once every page is read: dates, addresses, descriptions, citations; links between pages.
    def prepare(self, files, monographs: list[str], site_description: str) -> None:
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            src_uri = file.src_uri
            spans = self.provenance.spans(src_uri)
            date = citation.day(self.history.latest(spans))
            url = share.online_url(self.site_url, src_uri)
            # The sitemap's <lastmod> and <loc> read these (written before the pages are).
            page.update_date = date
            page.canonical_url = url or None
            title = self.site_name if page.is_homepage else html.unescape(page.title or self.site_name)
            if page.is_homepage:
                description = french.typography(" ".join(site_description.split()))
                page.meta["description"] = str(escape(description))
            elif page.meta.get("description"):
                description = html.unescape(page.meta["description"])
            else:
                description = french.typography(share.first_paragraph(page.content or ""))
                if description:
                    page.meta["description"] = str(escape(description))
            cite = (
                citation.citation(src_uri, title, date, url, self.author, self.site_name, self.edition)
                if citation.is_citable(src_uri)
                else None
            )
            self.infos[src_uri] = _Infos(
                date, url, title, description or " ".join(site_description.split()), share.preview_for(src_uri, self.previews), cite, spans
            )
        self._link_monographs(files, monographs)

    @staticmethod
    def _link_monographs(files, monographs: list[str]) -> None:
        """Previous and next between monographs (in the order of their index), and their place
        under the Monographies section (breadcrumb, open section in the menu)."""
        index = files.get_file_from_path("monographies/index.md")
        section = index.page.parent if index is not None and index.page is not None else None
        pages = [files.get_file_from_path(uri).page for uri in monographs]
        for number, page in enumerate(pages):
            page.previous_page = pages[number - 1] if number > 0 else None
            page.next_page = pages[number + 1] if number + 1 < len(pages) else None
            if section is not None:
                page.parent = section

    # The theme's context for one page: tags in <head>, date and citation after the text.
    def context(self, page) -> dict:
        infos = self.infos.get(page.file.src_uri)
        if infos is None:
            return {}
        image = (self.site_url.rstrip("/") + "/" + infos.preview.uri) if self.site_url else ""
        head = template(
            "partage.html",
            url=infos.url,
            title=infos.title,
            description=infos.description,
            site=self.site_name,
            image=image,
            image_alt=f"{infos.preview.title} — {self.site_name}",
            home=page.is_homepage,
        )
        foot = template(
            "citer.html",
            date=infos.date,
            date_text=french.date(infos.date),
            citation=infos.citation,
            corriger=Markup(edit_link.block(infos.spans, self.depot)),
        )
        return {"labo_partage": Markup(head), "labo_page_infos": Markup(foot)}
