"""The validated data of the site: initiatives, their prose, and the reference tables.

`load_catalogue()` reads every data file once, checks it against its JSON Schema and
against the rules a schema cannot express (`rules.py`), reads the monographs' prose
(`prose.py`), and either returns a `Catalogue` or raises `DataError` with *all* the
problems found.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import addresses, citations, editorial, journal, page_calls, published, rules
from .chronology import check_dates
from .citations import claims
from .collections import COLLECTIONS, LINKS, STUDY_SIZE_FIGURE, Collection, DataPaths, record_name
from .completeness import completeness, missing_coordinates
from .conflicts import conflict_problems
from .diagnosis import diagnose, diagnose_fields
from .problems import NBSP, NNBSP, DataError, Problem, guillemets, suggestion
from .prose import pair_prose, read_prose_files
from .schema import field_path, inlined_schema, is_valid, schema_problems
from .yaml_source import YamlDocument, load_yaml

__all__ = ["COLLECTIONS", "LINKS", "Catalogue", "DataPaths", "load_catalogue"]


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
        self._by_key = {name: {item[COLLECTIONS[name].key]: item for item in items}
                        for name, items in self.records.items()}
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
        return citations.who_says(claim, self._by_key.get("sources", {}))

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
        return [{"initiative": initiative, "link": link}
                for initiative in self.initiatives
                for link in initiative.get(field_name, []) if link[key] == target]

    def study_size(self) -> int:
        """How many dynamics the study examined: a figure of the data, with its source."""
        return int(self.record("chiffres", STUDY_SIZE_FIGURE)["valeur"])

    def label(self, table: str, code: str) -> str:
        return self.labels[table][code]


def _modeline(paths: DataPaths, file: Path, collection: Collection) -> list[Problem]:
    """The first line tells editors' tools (yaml-language-server) which schema applies."""
    schema = paths.schema(collection.schema)
    expected = f"# yaml-language-server: $schema={os.path.relpath(schema, file.parent)}"
    with file.open(encoding="utf-8", errors="replace") as handle:
        first = handle.readline().rstrip("\n").lstrip("\ufeff")
    if first == expected:
        return []
    return [Problem(paths.display(file), 1, 1,
                    f"la première ligne doit être {guillemets(expected)} (elle indique le schéma "
                    "aux éditeurs de texte).")]


def _load(paths: DataPaths, file: Path, collection: Collection) -> tuple[YamlDocument, list[Problem]]:
    document, problems = load_yaml(file, paths.display(file))
    if problems:
        # A structure error is reported where the editor slipped, with its likely cause.
        schema = paths.schema(collection.schema)
        return document, diagnose(file.read_bytes().decode("utf-8", "replace"), problems, paths.display(file),
                                  collection.key, lambda data: is_valid(schema, data))
    problems = _modeline(paths, file, collection)
    schema = paths.schema(collection.schema)
    found = schema_problems(document, schema, record_name(document.data, collection))
    # A key that slipped left reads as an unknown field: said as the indentation it is.
    found = diagnose_fields(file.read_bytes().decode("utf-8", "replace"), found, paths.display(file),
                            collection.key, lambda data: is_valid(schema, data))
    return document, problems + found


def _files(paths: DataPaths) -> tuple[dict[str, list[Path]], list[Problem]]:
    """The data files of each collection, and the YAML files no collection claims."""
    found: dict[str, list[Path]] = {}
    problems = []
    claimed = set()
    root = paths.project_dir / paths.data_dir
    for name, collection in COLLECTIONS.items():
        found[name] = sorted(root.glob(collection.pattern))
        claimed.update(found[name])
        if collection.required and not found[name]:
            problems.append(Problem(paths.display(root / collection.pattern), None, None,
                                    "fichier de données obligatoire introuvable."))
    for file in sorted(root.rglob("*.y*ml")):
        if file not in claimed:
            problems.append(Problem(
                paths.display(file), None, None,
                "fichier de données sans contrat (schéma)" f"{NNBSP}; nommez-le selon l'un des modèles "
                + ", ".join(guillemets(c.pattern) for c in COLLECTIONS.values()) + ".",
            ))
    return found, problems


def _labels(paths: DataPaths) -> dict[str, dict[str, str]]:
    """French labels of enumerated codes, read from the schemas (x-libelles)."""

    def definitions(schema: str) -> dict:
        return inlined_schema(paths.schema(schema).resolve())["$defs"]

    properties = definitions("initiatives.schema.json")["initiative"]["properties"]
    shared = definitions("propositions.schema.json")
    return {
        "type": properties["type"]["x-libelles"],
        "statut": properties["etude"]["properties"]["statut"]["x-libelles"],
        "statut_description": properties["etude"]["properties"]["statut"]["x-descriptions"],
        "rapport": shared["rapport"]["x-libelles"],
        "statut_fait": shared["statut"]["x-libelles"],
        "statut_fait_description": definitions("chiffres.schema.json")["statut"]["x-descriptions"],
        "destinataire": shared["proposition"]["properties"]["destinataires"]["items"]["x-libelles"],
        "affirme_par": definitions("sources.schema.json")["affirme_par"]["x-libelles"],
        "affirme_par_description": definitions("sources.schema.json")["affirme_par"]["x-descriptions"],
        "nature": shared["proposition"]["properties"]["nature"]["x-libelles"],
    }


def _check_citations(paths: DataPaths, documents: dict[str, list[YamlDocument]]) -> list[Problem]:
    """Sources, citations and excerpts across every collection (see citations.py)."""
    register = documents["sources"][0]
    mirrors = inlined_schema(paths.schema(COLLECTIONS["sources"].schema).resolve())["x-sites-miroirs"]
    sources = {source["id"]: source for source in register.data}
    problems = citations.check_sources(register, mirrors)
    for name, found in documents.items():
        for document in found:
            problems += citations.check_citations(document, name, sources)
    cited = citations.cited_ids({name: [item for document in found for item in document.data]
                                 for name, found in documents.items()})
    return problems + citations.check_all_cited(register, cited)


def _comment_warnings(document: YamlDocument, collection: Collection) -> list[Problem]:
    """A plain value cut by « # »: YAML drops the rest of the line as a comment."""
    name = record_name(document.data, collection)
    skip = 1 if isinstance(document.data, list) else 0
    warnings = []
    for cut in document.trailing_comments:
        key = cut.path[-1] if cut.path and isinstance(cut.path[-1], str) else None
        whole = f"{cut.value} {cut.comment}".replace('"', '\\"')
        fixed = f'{key}: "{whole}"' if key else f'- "{whole}"'
        warnings.append(Problem(
            document.path, cut.line, cut.column,
            f"la fin de la ligne, {guillemets(cut.comment)}, est lue comme un commentaire et ne sera pas "
            f"publiée{NBSP}: la valeur s'arrête à {guillemets(cut.value)}{NNBSP}; si elle fait partie du texte, "
            f"mettez toute la valeur entre guillemets{NBSP}: {guillemets(fixed)}.",
            record=name(cut.path), field_path=field_path(cut.path[skip:]) or None, warning=True))
    return warnings


def load_catalogue(paths: DataPaths, *, editorial_checks: bool = False) -> Catalogue:
    """Load and validate all data; raise DataError listing every problem found.

    `editorial_checks` adds the checks of the writing (typography, HTML of docs/), which
    `make check` runs and the build leaves to it.
    """
    # Merge-conflict markers first: YAML errors on them would be misleading.
    conflicts = conflict_problems(paths)
    if conflicts:
        raise DataError(conflicts)
    files, problems = _files(paths)
    warnings: list[Problem] = []
    documents: dict[str, list[YamlDocument]] = {}
    for name, collection in COLLECTIONS.items():
        documents[name] = []
        for file in files[name]:
            document, found = _load(paths, file, collection)
            documents[name].append(document)
            problems += found
            warnings += _comment_warnings(document, collection)
            if editorial_checks and document.data is not None:
                problems += editorial.data_typography(document, paths.schema(collection.schema),
                                                      record_name(document.data, collection))
    # The prose is checked even when the data is not valid: one run lists everything.
    prose, found = read_prose_files(paths)
    problems += found
    if editorial_checks:
        problems += [problem for text_id, text in prose.items()
                     for problem in editorial.prose_typography(paths.display(paths.monographs() / f"{text_id}.md"), text)]
        problems += editorial.pages_problems(paths)
    if problems:
        raise DataError(problems + warnings)

    today = datetime.date.today()
    for name, collection in COLLECTIONS.items():
        problems += rules.check_keys(collection, documents[name])
        for document in documents[name]:
            problems += check_dates(document, collection, today)
    problems += rules.check_figures(documents["chiffres"])
    departements = {row["code"]: row for row in documents["departements"][0].data}
    initiatives = documents["initiatives"][0]
    problems += rules.check_initiatives(initiatives, departements)
    problems += pair_prose(paths, initiatives, prose)
    # A published address keeps leading somewhere: renamed (anciens_ids) or withdrawn (retraits.yaml).
    problems += addresses.check_addresses(paths, initiatives, documents["retraits"])
    problems += _check_citations(paths, documents)
    if problems:
        raise DataError(problems + warnings)
    records = {name: [item for document in documents[name] for item in document.data]
               for name in COLLECTIONS if name not in ("initiatives", "departements")}
    problems += rules.check_links(initiatives, records)
    labels = _labels(paths)
    # The macro calls of docs/ name existing records: checked before any page is rendered.
    problems += page_calls.pages_call_problems(paths.project_dir / paths.docs_dir, paths.display, {
        "initiative": {item["id"] for item in initiatives.data},
        "chiffre": {item["id"] for item in records.get("chiffres", [])},
        "affirmation": {item["id"] for item in records.get("affirmations", [])},
        "serie": {item["serie"] for item in records.get("chiffres", []) if "serie" in item},
        "rapport": set(labels["rapport"]),
        "famille": {item["famille"] for item in records.get("modeles", [])},
    })
    problems += rules.check_ptce(documents["ptce"], {item["id"] for item in initiatives.data}, departements)
    problems += rules.check_coordinates(paths, [(initiatives, "territoire.coordonnees")]
                                   + [(document, "coordonnees") for document in documents["ptce"]])
    warnings += missing_coordinates(initiatives, "territoire.coordonnees", record_name(initiatives.data))
    for document in documents["ptce"]:
        warnings += missing_coordinates(document, "coordonnees", record_name(document.data, COLLECTIONS["ptce"]))
    # The corrections log names what exists, and names every figure whose published value changed.
    figures = published.current_figures(documents["chiffres"], initiatives)
    withdrawn = {item["id"] for document in documents["retraits"] for item in document.data}
    for document in documents["journal"]:
        problems += journal.check_entries(paths, document, set(figures), {item["id"] for item in initiatives.data},
                                          addresses.former_ids(initiatives.data), withdrawn)
    problems += published.check_changed_figures(paths, figures, records.get("journal", []))
    if problems:
        raise DataError(problems + warnings)
    return Catalogue(initiatives.data, prose, departements, labels, records, documents, warnings)
