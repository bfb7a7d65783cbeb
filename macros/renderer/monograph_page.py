"""The monograph pages: their fact sheet and appendices, the links back to the synthesis,
their index, and the Markdown file the plugin generates for each.

`MonographSections` is a part of `Renderer` (it uses its `catalogue`, `url_for` and
`_render`); the macros and the plugin call these methods on a Renderer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from macros.layout import SYNTHESIS, monograph_order
from macros.model.catalogue import Catalogue


class MonographSections:
    """The parts of a monograph page, and the pages that list the monographs."""

    # Set by Renderer, of which this class is a part.
    catalogue: Catalogue
    url_for: Callable[[str], str]

    if TYPE_CHECKING:
        # Renderer's, declared for the type checker only: at run time the one of Renderer is called.
        def _render(self, template: str, **context: Any) -> str: ...

    def monograph_links(self, initiative: dict) -> str:
        """Reverse links of a monograph: factors, models, proposals (HTML)."""
        records = self.catalogue.records

        def rows(field_name, key, collection, page, anchor):
            items = {item["id"]: item for item in records.get(collection, [])}

            def fragment(item):
                # A proposal is listed under each of its addressees: point at the first.
                if collection == "propositions":
                    return f"{anchor}-{item['destinataires'][0] if 'destinataires' in item else 'autre'}-{item['id']}"
                return f"{anchor}-{item['id']}"

            def title(item):
                # A proposal's link may point at an expected benefit or an assessment: say which.
                nature = item.get("nature", "proposition")
                return item["titre"] if nature == "proposition" else f"{item['titre']} ({self.catalogue.label('nature', nature).lower()})"

            return [
                {"titre": title(items[link[key]]), "link": link, "url": f"{self.url_for(page)}#{fragment(items[link[key]])}"}
                for link in initiative.get(field_name, [])
            ]

        groups = [
            ("Facteurs illustrés", rows("facteurs_illustres", "facteur", "facteurs", SYNTHESIS["facteurs"], "facteur")),
            ("Modèle de gouvernance", rows("modeles_gouvernance", "modele", "modeles", SYNTHESIS["gouvernance"], "modele")),
            ("Modèle économique", rows("modeles_economiques", "modele", "modeles", SYNTHESIS["economique"], "modele")),
            (
                "Propositions et appréciations liées",
                rows("propositions_liees", "proposition", "propositions", SYNTHESIS["recommandations"], "proposition"),
            ),
        ]
        return self._render("liens-monographie.html", groups=groups)

    def fact_sheet(self, initiative_id: str) -> str:
        """Top of a monograph: summary, place in the study, identity card."""
        return self._render("fiche.html", initiative=self.catalogue.initiative(initiative_id))

    def appendices(self, initiative_id: str) -> str:
        """Bottom of a monograph: key figures, milestones, numbered sources.

        Section titles are Markdown headings (fixed text) so that they appear in the
        page's table of contents; their content is escaped HTML.
        """
        initiative = self.catalogue.initiative(initiative_id)
        sections = [
            ("Chiffres clés", "chiffres.html", initiative.get("chiffres_cles")),
            ("Repères chronologiques", "jalons.html", initiative.get("jalons")),
            ("Sources", "sources.html", self.catalogue.initiative_sources(initiative_id)),
        ]
        markdown = "\n## Dans la synthèse\n" + self.monograph_links(initiative)
        for title, template, content in sections:
            markdown += f"\n## {title}\n"
            if content:
                markdown += self._render(template, initiative=initiative)
            else:
                markdown += '\n<p><span class="labo-nr">non renseigné</span></p>\n'
        return markdown + self._render("retour.html")

    def monograph_table(self) -> str:
        """Every initiative with its type, territory and place in the study."""
        return self._render("monographies.html", initiatives=monograph_order(self.catalogue.initiatives))

    def study_status(self) -> str:
        """How many of the study's 17 dynamics are documented here, by status."""
        return self._render("etat-etude.html", counts=self.status_counts(), total=self.catalogue.study_size())

    def status_counts(self) -> dict[str, int]:
        counts = {code: 0 for code in self.catalogue.labels["statut"]}
        for initiative in self.catalogue.initiatives:
            counts[initiative["etude"]["statut"]] += 1
        return counts


def compose_monograph_page(prose: str, tags: list[str]) -> str:
    """The Markdown file of a generated monograph page: its tags, then the editor's prose.

    The page is kept out of the template engine (render_macros: false): its prose is never
    template source. The plugin adds the fact sheet and appendices, rendered by the same
    Renderer as the macros (see `monograph_markdown`). The tags (type and région labels,
    from the schema's enumerations) are written as JSON, which YAML front matter reads
    as plain strings.
    """
    return f"---\nrender_macros: false\ntags: {json.dumps(tags, ensure_ascii=False)}\n---\n\n{prose.strip()}\n"


def monograph_markdown(renderer: MonographSections, initiative_id: str, prose: str) -> str:
    """A monograph page's full Markdown: fact sheet, prose, appendices (HTML as stash tokens)."""
    return f"{renderer.fact_sheet(initiative_id)}\n\n{prose.strip()}\n\n{renderer.appendices(initiative_id)}\n"
