"""The validated data of the site: initiatives, their prose, and the reference tables.

A `Catalogue` is made by `checks.validate.load_catalogue()`, once the data has passed every
check; the pages and the renderer read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from macros.model import claims as claims_of
from macros.model.claims import claims
from macros.model.collections import COLLECTIONS, LINKS, STUDY_SIZE_FIGURE, DataPaths
from macros.model.completeness import completeness
from macros.model.yaml_source import YamlDocument
from macros.problems import NBSP, NNBSP, Problem, guillemets, suggestion

__all__ = ["COLLECTIONS", "LINKS", "Catalogue", "DataPaths"]


@dataclass
class Catalogue:
    """Everything the pages need, validated, loaded once per build."""

    initiatives: list[dict]
    prose: dict[str, str]
    departements: dict[str, dict]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    # Other collections, records in file order: chiffres, facteurs, propositions, glossaire.
    records: dict[str, list[dict]] = field(default_factory=dict)
    # The YAML documents read, per collection: where each record stands (provenance.py).
    documents: dict[str, list[YamlDocument]] = field(default_factory=dict)
    # What is worth a look but stops nothing (a value cut by « # », an entry off the map).
    warnings: list[Problem] = field(default_factory=list)

    # Look-ups by id, made once: every page and macro asks for records by id, and a
    # linear search each time would make the build quadratic in the number of records.
    def __post_init__(self):
        self._by_key = {name: {item[COLLECTIONS[name].key]: item for item in items} for name, items in self.records.items()}
        self._initiatives_by_id = {initiative["id"]: initiative for initiative in self.initiatives}
        self._initiative_sources: dict[str, list[dict]] = {}

    def record(self, collection: str, key: str) -> dict:
        """One record by its id; a clear error naming the close ids otherwise."""
        found = self._by_key.get(collection, {}).get(key)
        if found is not None:
            return found
        close = suggestion(key, list(self._by_key.get(collection, {})))
        hint = f" Vouliez-vous dire {guillemets(close)}{NNBSP}?" if close else ""
        raise KeyError(f"{COLLECTIONS[collection].noun} {guillemets(key)} inconnu dans data/.{hint}")

    def initiative(self, initiative_id: str) -> dict:
        try:
            return self._initiatives_by_id[initiative_id]
        except KeyError:
            raise KeyError(f"initiative inconnue{NBSP}: {initiative_id}") from None

    def source(self, source_id: str) -> dict:
        """One source record of data/sources.yaml."""
        return self.record("sources", source_id)

    def who_says(self, claim: dict) -> str:
        """« rapport », « tiers » or « redaction » (see citations.who_says)."""
        return claims_of.who_says(claim, self._by_key.get("sources", {}))

    def initiative_sources(self, initiative_id: str) -> list[dict]:
        """The sources an initiative's facts cite, in order of first citation (its numbered list)."""
        if initiative_id not in self._initiative_sources:
            ordered: dict[str, None] = {}
            for _, claim in claims(self.initiative(initiative_id)):
                ordered.update(dict.fromkeys(claim["sources"]))
            self._initiative_sources[initiative_id] = [self.source(source_id) for source_id in ordered]
        return self._initiative_sources[initiative_id]

    @cached_property
    def completeness(self) -> dict:
        """The completeness report (page and JSON export): computed once per build."""
        return completeness(self.initiatives, self.study_size(), self._by_key.get("sources", {}))

    def linked(self, field_name: str, key: str, target: str) -> list[dict]:
        """Initiatives linked to a record through a link field, with the link itself."""
        return [
            {"initiative": initiative, "link": link}
            for initiative in self.initiatives
            for link in initiative.get(field_name, [])
            if link[key] == target
        ]

    def study_size(self) -> int:
        """How many dynamics the study examined: a figure of the data, with its source."""
        return int(self.record("chiffres", STUDY_SIZE_FIGURE)["valeur"])

    def label(self, table: str, code: str) -> str:
        return self.labels[table][code]
