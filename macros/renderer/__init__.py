"""HTML output of the data: fact sheets, listings, and the generated monograph pages.

Every template is rendered by a Jinja environment with autoescaping on, so a value from
the data is always text on the page, never markup. Template *sources* are only the files
in `templates/`; data never becomes template source.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..structure.catalogue import Catalogue
from . import french

_TEMPLATES = Path(__file__).parent / "templates"


def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # Every text printed from the data gets French no-break spaces, before escaping.
        finalize=french.typography,
    )
    environment.filters.update(nombre=french.number, date_fr=french.date, chiffre=french.figure)
    return environment


_ENVIRONMENT = _environment()


def monograph_uri(initiative_id: str) -> str:
    """Where a monograph page lives in the site (source path; URL /monographies/<id>/)."""
    return f"monographies/{initiative_id}.md"


def _html_block(html: str) -> str:
    """Raw HTML that Markdown keeps as one block: no blank line inside, blank lines around."""
    lines = [line for line in html.splitlines() if line.strip()]
    return "\n\n" + "\n".join(lines) + "\n\n"


class Renderer:
    """Renders the catalogue for one page; `url_for(src_uri)` gives a link relative to it."""

    def __init__(self, catalogue: Catalogue, url_for: Callable[[str], str]):
        self.catalogue = catalogue
        self.url_for = url_for

    def _render(self, template: str, **context) -> str:
        context.update(catalogue=self.catalogue, url_for=self.url_for, monograph_uri=monograph_uri)
        return _html_block(_ENVIRONMENT.get_template(template).render(**context))

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
            ("Chiffres clés", "chiffres.html", "chiffres_cles"),
            ("Repères chronologiques", "jalons.html", "jalons"),
            ("Sources", "sources.html", "sources"),
        ]
        markdown = ""
        for title, template, field in sections:
            markdown += f"\n## {title}\n"
            if initiative.get(field):
                markdown += self._render(template, initiative=initiative)
            else:
                markdown += '\n<p><span class="labo-nr">non renseigné</span></p>\n'
        return markdown + self._render("retour.html")

    def monograph_table(self) -> str:
        """Every initiative with its type, territory and place in the study."""
        initiatives = sorted(self.catalogue.initiatives, key=lambda item: item["nom"].casefold())
        return self._render("monographies.html", initiatives=initiatives)

    def study_status(self) -> str:
        """How many of the study's 17 dynamics are documented here, by status."""
        return self._render("etat-etude.html", counts=self.status_counts(), total=STUDY_SIZE)

    def status_counts(self) -> dict[str, int]:
        counts = {code: 0 for code in self.catalogue.labels["statut"]}
        for initiative in self.catalogue.initiatives:
            counts[initiative["etude"]["statut"]] += 1
        return counts


# The study examined 17 dynamics (Labo de l'ESS, interview relayed on 6 April 2020).
STUDY_SIZE = 17


def compose_monograph_page(initiative_id: str, prose: str) -> str:
    """The Markdown of a generated monograph page: fact sheet, the editor's prose, appendices.

    Only the validated id (a slug) goes into template source; the prose was checked to
    contain no template syntax, and every data value is rendered by the macros, escaped.
    """
    return (
        f'{{{{ fiche_initiative("{initiative_id}") }}}}\n\n'
        f"{prose.strip()}\n\n"
        f'{{{{ annexes_initiative("{initiative_id}") }}}}\n'
    )
