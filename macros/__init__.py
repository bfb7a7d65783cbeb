"""Macros of the site, for mkdocs-macros (`module_name: macros` in mkdocs.yml).

Each macro renders validated data (loaded once by the labo-ess plugin) into escaped HTML.
Pages call them as {{ fiche_initiative("eusko") }}, {{ tableau_monographies() }}…
"""

from __future__ import annotations

from .renderer import Renderer

# Figures cited on the page being rendered, in order of first use, and the element ids it
# has handed out (both reset for each page).
_citations: list[str] = []
_anchors: dict[str, int] = {}


def define_env(env):
    """Register the page macros; called by mkdocs-macros once per build."""
    plugin = env.conf.plugins["labo-ess"]

    def renderer() -> Renderer:
        page_renderer = plugin.renderer_for(env.page)
        page_renderer.citations = _citations
        page_renderer.anchors = _anchors
        return page_renderer

    env.variables["labo_renderer"] = renderer

    @env.macro
    def fiche_initiative(initiative_id: str) -> str:
        """Summary, place in the study and identity card of an initiative."""
        return renderer().fact_sheet(initiative_id)

    @env.macro
    def annexes_initiative(initiative_id: str) -> str:
        """Key figures, milestones and numbered sources of an initiative."""
        return renderer().appendices(initiative_id)

    @env.macro
    def tableau_monographies() -> str:
        """Table of every documented initiative, linking to its monograph."""
        return renderer().monograph_table()

    @env.macro
    def etat_etude() -> str:
        """How many of the study's dynamics are documented, by status."""
        return renderer().study_status()

    @env.macro
    def chiffre(figure_id: str) -> str:
        """A figure from data/chiffres-*.yaml inside a sentence, with its reference."""
        return renderer().figure(figure_id)

    @env.macro
    def affirmation(statement_id: str) -> str:
        """After a sentence that says what a report or a third party says: who says it, and
        the excerpt of the source on demand (data/affirmations-*.yaml)."""
        return renderer().statement(statement_id)

    @env.macro
    def graphique(series: str, title: str) -> str:
        """A bar chart of a series of figures, with its data table."""
        return renderer().chart(series, title)

    @env.macro
    def facteurs() -> str:
        """The key success factors of the study."""
        return renderer().factors()

    @env.macro
    def propositions(report: str) -> str:
        """A report's proposals, grouped by addressee."""
        return renderer().proposals(report)

    @env.macro
    def benefices_attendus(report: str = "") -> str:
        """Expected benefits and assessments attributed to a report (or both), which are not
        proposals."""
        return renderer().expected_benefits(report or None)

    @env.macro
    def sources_du_site() -> str:
        """Every source of the data, grouped, with the pages that cite it."""
        return renderer().site_sources(plugin.usage)

    @env.macro
    def etat_des_donnees() -> str:
        """Completeness of each initiative's record (also exported as JSON)."""
        return renderer().data_status()

    @env.macro
    def matrice_facteurs() -> str:
        """Success factors × initiatives, then each factor with its dynamics."""
        return renderer().factor_matrix()

    @env.macro
    def modeles(family: str) -> str:
        """Governance (« gouvernance ») or economic (« economique ») models and their dynamics."""
        return renderer().models(family)

    @env.macro
    def recommandations() -> str:
        """Both reports' proposals, grouped by addressee."""
        return renderer().proposals_by_addressee()

    @env.macro
    def catalogue() -> str:
        """The catalogue of initiatives and named PTCE, filterable and sortable."""
        return renderer().catalogue_table()

    @env.macro
    def carte() -> str:
        """The map of France with one marker per place."""
        return renderer().map(plugin.paths.outline())

    @env.macro
    def champs_des_donnees() -> str:
        """Documentation of the exported columns and of every schema field."""
        from .structure.schema import inlined_schema

        schemas = [inlined_schema(plugin.paths.schema(name).resolve())
                   for name in ("initiatives.schema.json", "sources.schema.json")]
        return renderer().open_data_fields(*schemas)

    @env.macro
    def statuts() -> str:
        """What the statuses of initiatives, facts and links mean, in plain words."""
        return renderer().statuses()

    @env.macro
    def journal_des_modifications() -> str:
        """The corrections log (data/journal.yaml), newest first."""
        from .renderer import journal

        return journal.page(renderer(), plugin.usage)

    @env.macro
    def glossaire() -> str:
        """The glossary of acronyms."""
        return renderer().glossary()


def on_pre_page_macros(env):
    """Start each page with no cited figure and no element id used."""
    _citations.clear()
    _anchors.clear()


def on_post_page_macros(env):
    """End each page that cites figures with the list of those figures and their sources."""
    if _citations:
        env.markdown += env.variables["labo_renderer"]().cited_figures()
