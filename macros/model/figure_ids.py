"""Stable ids of initiatives' key figures (the reports' figures have theirs in the data).

The exports, the published list of figures (data/publie/chiffres.csv) and the corrections log
name key figures by these ids: the initiative's id, the label's words and the year. The id is
the one the initiative was first published under (the first of its `anciens_ids`, if it has
any): a new id changes its address, not the ids of its figures.
"""

from __future__ import annotations

import re
import unicodedata


def key_figure_ids(initiative: dict) -> list[tuple[str, dict]]:
    """Stable ids for an initiative's key figures, made from its id, the label and the year."""
    ids: list[tuple[str, dict]] = []
    seen: set[str] = set()
    first_id = (initiative.get("anciens_ids") or [initiative["id"]])[0]
    for figure in initiative.get("chiffres_cles", []):
        base = "-".join(filter(None, [first_id, slug(figure["libelle"]), str(figure.get("annee", ""))]))
        key, number = base, 2
        while key in seen:
            key, number = f"{base}-{number}", number + 1
        seen.add(key)
        ids.append((key, figure))
    return ids


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, 60 characters at most."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:60].strip("-")
