"""The facts of a record and who states them: what the catalogue and the checks read of citations."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit


def claims(value, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """Every fact of a record: each mapping that cites sources (a `sources` list of ids)."""
    if isinstance(value, dict):
        if isinstance(value.get("sources"), list) and all(isinstance(item, str) for item in value["sources"]):
            yield path, value
        for key, item in value.items():
            if key not in ("sources", "extraits"):
                yield from claims(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from claims(item, path + (index,))


def mirror_host(url: str, mirrors: list[str]) -> str | None:
    """The document-mirror site an address belongs to, if any."""
    host = (urlsplit(url).hostname or "").lower()
    return next((mirror for mirror in mirrors if host == mirror or host.endswith("." + mirror)), None)


def cited_ids(records: dict[str, list[dict]]) -> set[str]:
    """The ids of every source cited anywhere in the data."""
    cited = set()
    for name, items in records.items():
        for record in items:
            if name == "glossaire" and "source" in record:
                cited.add(record["source"])
            for _, claim in claims(record):
                cited.update(claim["sources"])
    return cited


def who_says(claim: dict, sources: dict[str, dict]) -> str:
    """Who says a fact: its `affirme_par`, or, for facts without one (an initiative's), the
    editors for a deduction (an implicit tie to the study is their reading of a text that does
    not state it), the Labo when its first excerpt quotes a text of the Labo, else the named
    source."""
    if "affirme_par" in claim:
        return claim["affirme_par"]
    if claim.get("statut") in ("deduction", "deduite", "lien-implicite"):
        return "redaction"
    excerpts = claim.get("extraits", [])
    if excerpts and sources.get(excerpts[0]["source"], {}).get("texte_du_labo"):
        return "rapport"
    return "tiers"
