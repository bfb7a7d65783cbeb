"""The mkdocs-macros entry (`module_name: macros` in mkdocs.yml): one page macro per row of
page_macros.py, each rendering validated data (loaded once by the labo-ess plugin) into
escaped HTML. Pages call them as {{ fiche_initiative("eusko") }}, {{ tableau_monographies() }}…
"""

from __future__ import annotations

# No import of the application here: Python runs this file before any module of macros/
# (the search plugin, each command), which must not pay for the page macros. define_env
# imports what it needs.

# Figures cited on the page being rendered, in order of first use, and the element ids it
# has handed out (both reset for each page).
_citations: list[str] = []
_anchors: dict[str, int] = {}

# What a macro may need from the build besides its arguments (PageMacro.needs).
_NEEDS = {
    "usage": lambda plugin: plugin.usage,
    "outline": lambda plugin: plugin.paths.outline(),
    "schemas": lambda plugin: _schemas(plugin),
}


def _schemas(plugin) -> list[dict]:
    from macros.model.schema import inlined_schema

    return [inlined_schema(plugin.paths.schema(name).resolve()) for name in ("initiatives.schema.json", "sources.schema.json")]


def define_env(env):
    """Register the page macros; called by mkdocs-macros once per build."""
    from macros.page_macros import PAGE_MACROS

    plugin = env.conf.plugins["labo-ess"]

    def renderer():
        page_renderer = plugin.renderer_for(env.page)
        page_renderer.citations = _citations
        page_renderer.anchors = _anchors
        return page_renderer

    env.variables["labo_renderer"] = renderer
    for macro in PAGE_MACROS:
        env.macro(_page_macro(macro, plugin, renderer), macro.name)


def _page_macro(macro, plugin, renderer):
    # Arguments arrive as the page wrote them; `make check` has checked them (checks/page_calls.py).
    def call(*arguments: str) -> str:
        extras = [_NEEDS[need](plugin) for need in macro.needs]
        return getattr(renderer(), macro.method)(*arguments, *extras)

    call.__name__ = macro.name
    call.__doc__ = macro.doc
    return call


def on_pre_page_macros(env):
    """Start each page with no cited figure and no element id used."""
    _citations.clear()
    _anchors.clear()


def on_post_page_macros(env):
    """End each page that cites figures with the list of those figures and their sources."""
    if _citations:
        env.markdown += env.variables["labo_renderer"]().cited_figures()
