"""Macros of the site, for mkdocs-macros (`module_name: macros` in mkdocs.yml).

Each macro renders validated data (loaded once by the labo-ess plugin) into escaped HTML.
Pages call them as {{ fiche_initiative("eusko") }}, {{ tableau_monographies() }}…
"""

from __future__ import annotations

from .renderer import Renderer


def define_env(env):
    """Register the page macros; called by mkdocs-macros once per build."""
    plugin = env.conf.plugins["labo-ess"]

    def renderer() -> Renderer:
        page_file = env.page.file

        def url_for(src_uri: str) -> str:
            target = plugin.files.get_file_from_path(src_uri)
            if target is None:
                raise KeyError(f"page introuvable : {src_uri}")
            return target.url_relative_to(page_file)

        return Renderer(plugin.catalogue, url_for)

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
