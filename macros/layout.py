"""Where the site's pages live (source paths), for links between them."""

from __future__ import annotations


def monograph_order(initiatives: list[dict]) -> list[dict]:
    """The order of the monographs' index (by name), also that of their previous and next links."""
    return sorted(initiatives, key=lambda item: item["nom"].casefold())


def monograph_uri(initiative_id: str) -> str:
    """Where a monograph page lives in the site (source path; URL /monographies/<id>/)."""
    return f"monographies/{initiative_id}.md"


# The catalogue page (source path), which PTCE markers of the map point to.
CATALOGUE_PAGE = "catalogue.md"

# The synthesis pages (source paths), which the monographs link back to.
SYNTHESIS = {
    "facteurs": "synthese/facteurs.md",
    "gouvernance": "synthese/gouvernance.md",
    "economique": "synthese/modeles-economiques.md",
    "recommandations": "synthese/recommandations.md",
}
