"""HTML output of the data: fact sheets, listings, and the generated monograph pages.

Every template is rendered by the Jinja environment of templating.py, with autoescaping on,
so a value from the data is always text on the page, never markup. The monograph pages'
parts are in monograph_page.py; where pages live, in macros/layout.py. One method per page
macro (macros/page_macros.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from macros import french
from macros.layout import CATALOGUE_PAGE, SYNTHESIS, monograph_order, monograph_uri
from macros.model.catalogue import Catalogue
from macros.model.entries import entries
from macros.renderer import charts, corrections_page, france_map
from macros.renderer.monograph_page import MonographSections, compose_monograph_page, monograph_markdown
from macros.renderer.templating import ENVIRONMENT, html_block, template

__all__ = [
    "CATALOGUE_PAGE",
    "Renderer",
    "compose_monograph_page",
    "french",
    "monograph_markdown",
    "monograph_order",
    "monograph_uri",
    "template",
]


class Renderer(MonographSections):
    """Renders the catalogue for one page.

    `url_for(src_uri)` gives a link relative to the page; `citations` is the page's list of
    cited figure ids, in order of first use (it numbers the references).
    """

    def __init__(
        self,
        catalogue: Catalogue,
        url_for: Callable[[str], str],
        citations: list[str] | None = None,
        stash: Callable[[str], str] | None = None,
        anchors: dict[str, int] | None = None,
    ):
        self.catalogue = catalogue
        self.url_for = url_for
        self.citations = citations if citations is not None else []
        # How many ids of each prefix the page has handed out (ids unique on the page).
        self.anchors = anchors if anchors is not None else {}
        # Where finished HTML goes: by default into the Markdown as a raw block; in the
        # build, into the plugin's stash, which puts it back after Markdown (faster, and
        # Markdown never touches it).
        self.stash = stash or (lambda html: html)

    def unique_id(self, prefix: str) -> str:
        """An element id not yet used on this page: extrait-1, extrait-2…"""
        self.anchors[prefix] = self.anchors.get(prefix, 0) + 1
        return f"{prefix}-{self.anchors[prefix]}"

    def _text(self, template: str, **context) -> str:
        context.update(
            catalogue=self.catalogue,
            url_for=self.url_for,
            monograph_uri=monograph_uri,
            qui_le_dit=self.catalogue.who_says,
            unique_id=self.unique_id,
        )
        if "initiative" in context:
            # Reference numbers of the initiative's sources, computed once per template.
            context["source_numbers"] = {
                source["id"]: number
                for number, source in enumerate(self.catalogue.initiative_sources(context["initiative"]["id"]), start=1)
            }
        return ENVIRONMENT.get_template(template).render(**context)

    def _render(self, template: str, **context) -> str:
        return html_block(self.stash(self._text(template, **context)))

    def _cite(self, figure_id: str) -> int:
        """The reference number of a figure on this page (numbered by first use)."""
        if figure_id not in self.citations:
            self.citations.append(figure_id)
        return self.citations.index(figure_id) + 1

    def figure(self, figure_id: str) -> str:
        """A figure inside a sentence (inline HTML): value, unit, numbered reference."""
        figure = self.catalogue.record("chiffres", figure_id)
        number = self._cite(figure_id)
        return self.stash(self._text("chiffre.html", figure=figure, number=number).strip())

    def statement(self, statement_id: str) -> str:
        """After a sentence of a chapter: who says it, and on demand what the source says."""
        statement = self.catalogue.record("affirmations", statement_id)
        return self.stash(self._text("affirmation.html", statement=statement).strip())

    def chart(self, series: str, title: str) -> str:
        """An SVG bar chart of the figures of a series, with its data table."""
        figures = [item for item in self.catalogue.records.get("chiffres", []) if item.get("serie") == series]
        if not figures:
            known = sorted({item["serie"] for item in self.catalogue.records.get("chiffres", []) if "serie" in item})
            raise KeyError(f"série de chiffres inconnue : {series} (séries connues : {', '.join(known)})")
        numbers = {item["id"]: self._cite(item["id"]) for item in figures}
        return self._render("graphique.html", serie=series, title=title, figures=figures, numbers=numbers, bars=charts.bars(figures))

    def cited_figures(self) -> str:
        """The figures cited on this page, with status, note and sources (Markdown section)."""
        if not self.citations:
            return ""
        figures = [self.catalogue.record("chiffres", figure_id) for figure_id in self.citations]
        return "\n\n## Chiffres cités et sources\n" + self._render("chiffres-page.html", figures=figures)

    def factors(self) -> str:
        """The study's key success factors, each with its status and sources."""
        return self._render("facteurs.html", factors=self.catalogue.records.get("facteurs", []))

    def proposals(self, report: str) -> str:
        """A report's proposals grouped by addressee, one Markdown section per addressee."""
        if report not in self.catalogue.labels["rapport"]:
            raise KeyError(f"rapport inconnu : {report}")
        proposals = [item for item in self.catalogue.records.get("propositions", []) if item["rapport"] == report]
        return self._by_addressee(proposals, "###")

    def expected_benefits(self, report: str = "") -> str:
        """What sources say the pôles or dynamics could bring, and their assessments: attributed
        to a report, but not proposals (no measure, no addressee) — listed apart."""
        items = [
            item
            for item in self.catalogue.records.get("propositions", [])
            if item["nature"] != "proposition" and report in ("", item["rapport"])
        ]
        if not items:
            return ""
        return self._render("propositions.html", proposals=items, addressee="autre", **({} if report else {"show_report": True}))

    def site_sources(self, usage) -> str:
        """Every source of data/sources.yaml, grouped, with the pages that cite it (Markdown)."""
        pages: dict[str, list[str]] = {}

        def cite(source_ids, uris: list[str]) -> None:
            for source_id in source_ids:
                listed = pages.setdefault(source_id, [])
                listed += [uri for uri in uris if uri not in listed]

        records = self.catalogue.records
        for initiative in self.catalogue.initiatives:
            cite([source["id"] for source in self.catalogue.initiative_sources(initiative["id"])], [monograph_uri(initiative["id"])])
        for figure in records.get("chiffres", []):
            cite(figure["sources"], usage.used_by("chiffre", figure["id"]))
        for statement in records.get("affirmations", []):
            cite(statement["sources"], usage.used_by("affirmation", statement["id"]))
        for factor in records.get("facteurs", []):
            cite(factor["sources"], usage.used_by("facteurs") + [SYNTHESIS["facteurs"]])
        for proposal in records.get("propositions", []):
            cite(proposal["sources"], usage.used_by("propositions", proposal["rapport"]) + [SYNTHESIS["recommandations"]])
        for model in records.get("modeles", []):
            cite(model.get("sources", []), [SYNTHESIS[model["famille"]]])
        for place in records.get("ptce", []):
            cite(place["sources"], [CATALOGUE_PAGE])
        for entry in records.get("glossaire", []):
            if "source" in entry:
                cite([entry["source"]], usage.used_by("glossaire"))

        groups: dict[str, list[dict[str, Any]]] = {title: [] for title, _ in SOURCE_GROUPS}
        for source in records.get("sources", []):
            title = next(title for title, test in SOURCE_GROUPS if test(source))
            groups[title].append({"source": source, "pages": pages.get(source["id"], [])})
        markdown = ""
        for title, members in groups.items():
            if members:
                members.sort(key=lambda entry: entry["source"]["titre"].casefold())
                markdown += f"\n\n## {title}\n" + self._render("sources-site.html", entries=members, titles=usage.titles)
        return markdown

    def data_status(self) -> str:
        """How complete each initiative's record is, and what is missing."""
        return self._render("etat-des-donnees.html", completeness=self.catalogue.completeness)

    def factor_matrix(self) -> str:
        """Factors × initiatives table, then each factor with the initiatives illustrating it."""
        factors = self.catalogue.records.get("facteurs", [])
        links = {
            (initiative["id"], link["facteur"]): link
            for initiative in self.catalogue.initiatives
            for link in initiative.get("facteurs_illustres", [])
        }
        html = self._render("matrice.html", factors=factors, initiatives=self.catalogue.initiatives, links=links)
        for factor in factors:
            html += self._render(
                "synthese-element.html",
                anchor=f"facteur-{factor['id']}",
                title=factor["titre"],
                body=factor["description"],
                items=self.catalogue.linked("facteurs_illustres", "facteur", factor["id"]),
            )
        return html

    def models(self, family: str) -> str:
        """Each model of a family, with the initiatives that use it."""
        field_name = {"gouvernance": "modeles_gouvernance", "economique": "modeles_economiques"}[family]
        html = ""
        for model in self.catalogue.records.get("modeles", []):
            if model["famille"] == family:
                html += self._render(
                    "synthese-element.html",
                    anchor=f"modele-{model['id']}",
                    title=model["titre"],
                    model=model,
                    items=self.catalogue.linked(field_name, "modele", model["id"]),
                )
        return html

    def proposals_by_addressee(self) -> str:
        """Both reports' proposals grouped by addressee (Markdown sections)."""
        return self._by_addressee(self.catalogue.records.get("propositions", []), "##", show_report=True)

    def _by_addressee(self, proposals: list[dict], heading: str, **context) -> str:
        """One Markdown section per addressee (in the schema's order) listing its proposals."""
        markdown = ""
        proposals = [item for item in proposals if item["nature"] == "proposition"]
        for code, label in self.catalogue.labels["destinataire"].items():
            selected = [item for item in proposals if code in item["destinataires"]]
            if selected:
                markdown += f"\n\n{heading} {label}\n" + self._render("propositions.html", proposals=selected, addressee=code, **context)
        return markdown

    def catalogue_table(self) -> str:
        """Every initiative and named PTCE, with filters and sorting (plain JavaScript)."""
        rows = entries(self.catalogue)
        types = sorted({(row["type"], row["type_libelle"]) for row in rows}, key=lambda pair: pair[1])
        regions = sorted({row["region"] for row in rows})
        return self._render("catalogue.html", rows=rows, types=types, regions=regions)

    def map(self, outline: Path) -> str:
        """The SVG map with one link per place (or per group of close places), and its text list."""
        key = tuple(sorted((code, row["region"]) for code, row in self.catalogue.departements.items()))
        drawing = france_map.build_map(outline, key)
        markers = []
        for row in entries(self.catalogue):
            if row["latitude"] is None:
                continue
            x, y = drawing.place(row["departement"], row["longitude"], row["latitude"])
            href = (
                self.url_for(monograph_uri(row["id"]))
                if row["genre"] == "initiative"
                else f"{self.url_for(CATALOGUE_PAGE)}#entree-{row['id']}"
            )
            kind = "monographie" if row["genre"] == "initiative" else "PTCE cité, fiche du catalogue"
            markers.append(
                {
                    **row,
                    "x": x,
                    "y": y,
                    "href": href,
                    "statut": row["statut_libelle"],
                    "statut_code": row["statut"],
                    "label": f"{row['nom']}, {row['commune']} ({kind})",
                }
            )
        # Places too close for their tap targets become one link to their part of the list.
        groups = []
        for members in france_map.group_markers([(m["x"], m["y"], france_map.territory(m["departement"])) for m in markers]):
            places = sorted((markers[index] for index in members), key=lambda m: m["nom"].casefold())
            groups.append(
                {
                    "places": places,
                    "x": round(sum(m["x"] for m in places) / len(places), 1),
                    "y": round(sum(m["y"] for m in places) / len(places), 1),
                }
            )
        # Single places first (in the order of the catalogue), then the groups, numbered.
        groups.sort(key=lambda group: len(group["places"]) > 1)
        for number, group in enumerate(group for group in groups if len(group["places"]) > 1):
            group["anchor"] = f"carte-groupe-{number + 1}"
            group["label"] = (
                f"{len(group['places'])} lieux proches : "
                + ", ".join(f"{m['nom']} ({m['commune']})" for m in group["places"])
                + " ; voir leur liste sous la carte"
            )
        return self._render(
            "carte.html",
            map=drawing,
            groups=groups,
            width=france_map.WIDTH,
            height=france_map.HEIGHT,
            inset_width=france_map.inset_width(),
            inset_height=france_map.INSET,
            radius=france_map.TARGET_RADIUS,
        )

    def open_data_fields(self, schemas: list[dict]) -> str:
        """The columns of the exports and the fields of the schemas (initiatives, sources), each
        with its meaning."""
        schema, sources_schema = schemas
        from macros.renderer.exports import COLUMNS, FIGURE_COLUMNS, FIGURE_SOURCE_COLUMNS, SOURCE_COLUMNS

        def walk(properties: dict, required: list, prefix: str, fields: list) -> list:
            for name, spec in properties.items():
                fields.append((prefix + name, name in required, spec.get("description", "")))
                inner = spec.get("items", spec)
                if inner.get("type") == "object" and "properties" in inner:
                    walk(inner["properties"], inner.get("required", []), prefix + name + ".", fields)
            return fields

        initiative = schema["$defs"]["initiative"]
        source = sources_schema["$defs"]["source"]
        tables = [
            ("initiatives.csv (et propriétés de initiatives.geojson)", COLUMNS),
            ("chiffres.csv (et champs de chiffres.json)", FIGURE_COLUMNS),
            ("sources.csv", SOURCE_COLUMNS),
            ("chiffres-sources.csv", FIGURE_SOURCE_COLUMNS),
        ]
        return self._render(
            "donnees.html",
            tables=tables,
            fields=walk(initiative["properties"], initiative["required"], "", []),
            source_fields=walk(source["properties"], source["required"], "", []),
        )

    def statuses(self) -> str:
        """What each status says, in plain words: place in the study, facts, links."""
        from macros.model.entries import PTCE_STATUS

        return self._render("statuts.html", ptce_status=PTCE_STATUS)

    def corrections_log(self, usage) -> str:
        """The corrections log (data/journal.yaml), newest first."""
        return corrections_page.page(self, usage)

    def glossary(self) -> str:
        """Every acronym of the glossary, with its long form and definition."""
        entries = sorted(self.catalogue.records.get("glossaire", []), key=lambda item: item["sigle"].casefold())
        return self._render("glossaire.html", entries=entries)


# Groups of the sources page, tried in order on each source's address.
SOURCE_GROUPS = [
    ("Textes du Labo de l’ESS", lambda source: source.get("texte_du_labo", False)),
    (
        "Textes officiels et pages publiques",
        lambda source: any(
            host in source.get("url", "") for host in ("legifrance.gouv.fr", "economie.gouv.fr", "nosdeputes.fr", "assemblee-nationale.fr")
        ),
    ),
    ("Autres sources", lambda source: True),
]
