"""Read every data file once and check it: `load_catalogue()` returns a `Catalogue` or raises
`DataError` with *all* the problems found (schemas, the rules a schema cannot express, the
monographs' prose)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from macros.checks import addresses, citations, corrections_log, editorial, leftovers, merges, page_calls, rules
from macros.checks.changed_figures import check_changed_figures, check_lost_figures, lost_figures
from macros.checks.chronology import check_dates
from macros.checks.conflicts import conflict_problems
from macros.checks.diagnosis import diagnose, diagnose_fields
from macros.checks.figure_ids import check_figure_ids
from macros.checks.home_links import home_link_warnings, pages_home_link_warnings
from macros.checks.images import all_image_problems
from macros.checks.prose import pair_prose, read_prose_files
from macros.checks.prose_sections import section_warnings
from macros.checks.rules import missing_coordinates
from macros.checks.schema_errors import field_path, schema_problems
from macros.checks.site_config import site_config_problems
from macros.checks.source_addresses import source_address_problems
from macros.model import published
from macros.model.catalogue import Catalogue
from macros.model.claims import cited_ids
from macros.model.collections import COLLECTIONS, Collection, DataPaths, record_name
from macros.model.schema import inlined_schema, is_valid
from macros.model.yaml_source import YamlDocument, load_yaml
from macros.problems import NBSP, NNBSP, DataError, Problem, guillemets


def _modeline(paths: DataPaths, file: Path, collection: Collection) -> list[Problem]:
    """The first line tells editors' tools (yaml-language-server) which schema applies."""
    schema = paths.schema(collection.schema)
    expected = f"# yaml-language-server: $schema={os.path.relpath(schema, file.parent)}"
    with file.open(encoding="utf-8", errors="replace") as handle:
        first = handle.readline().rstrip("\n").lstrip("\ufeff")
    if first == expected:
        return []
    return [
        Problem(
            paths.display(file), 1, 1, f"la première ligne doit être {guillemets(expected)} (elle indique le schéma aux éditeurs de texte)."
        )
    ]


def _load(paths: DataPaths, file: Path, collection: Collection) -> tuple[YamlDocument, list[Problem]]:
    document, problems = load_yaml(file, paths.display(file))
    if problems:
        # A structure error is reported where the editor slipped, with its likely cause: two
        # entries mixed by a merge, or else the fix diagnose() finds.
        schema = paths.schema(collection.schema)
        problems = merges.interleaved_entries(
            document, problems, inlined_schema(schema.resolve()).get("items", {}).get("required", []), collection.key
        )
        return document, diagnose(
            file.read_bytes().decode("utf-8", "replace"), problems, paths.display(file), collection.key, lambda data: is_valid(schema, data)
        )
    problems = _modeline(paths, file, collection)
    schema = paths.schema(collection.schema)
    found = schema_problems(document, schema, record_name(document.data, collection))
    # A key that slipped left reads as an unknown field: said as the indentation it is.
    found = diagnose_fields(
        file.read_bytes().decode("utf-8", "replace"), found, paths.display(file), collection.key, lambda data: is_valid(schema, data)
    )
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
            problems.append(Problem(paths.display(root / collection.pattern), None, None, "fichier de données obligatoire introuvable."))
    for file in sorted(root.rglob("*.y*ml")):
        if file not in claimed:
            problems.append(
                Problem(
                    paths.display(file),
                    None,
                    None,
                    "fichier de données sans contrat (schéma)"
                    f"{NNBSP}; nommez-le selon l'un des modèles " + ", ".join(guillemets(c.pattern) for c in COLLECTIONS.values()) + ".",
                )
            )
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
    cited = cited_ids({name: [item for document in found for item in document.data] for name, found in documents.items()})
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
        warnings.append(
            Problem(
                document.path,
                cut.line,
                cut.column,
                f"la fin de la ligne, {guillemets(cut.comment)}, est lue comme un commentaire et ne sera pas "
                f"publiée{NBSP}: la valeur s'arrête à {guillemets(cut.value)}{NNBSP}; si elle fait partie du texte, "
                f"mettez toute la valeur entre guillemets{NBSP}: {guillemets(fixed)}.",
                record=name(cut.path),
                field_path=field_path(cut.path[skip:]) or None,
                warning=True,
            )
        )
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
    if editorial_checks:
        # mkdocs.yml, which MkDocs reads before any plugin, in French (make check only).
        problems += site_config_problems(paths)
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
                problems += editorial.data_typography(document, paths.schema(collection.schema), record_name(document.data, collection))
                if name == "initiatives":
                    # What make new wrote for the editor to replace, once « À COMPLÉTER » is gone.
                    problems += leftovers.data_leftovers(document, paths.schema(collection.schema), record_name(document.data, collection))
    # The prose is checked even when the data is not valid: one run lists everything.
    prose, found = read_prose_files(paths)
    problems += found
    for text_id, text in prose.items():
        warnings += section_warnings(paths.display(paths.monographs() / f"{text_id}.md"), text)
        # A fact linked to a site's home page cannot be traced (home_links.py).
        warnings += home_link_warnings(paths.display(paths.monographs() / f"{text_id}.md"), text)
    # Images of the monographs and of docs/: their file, their alternative text.
    problems += all_image_problems(paths, prose)
    if editorial_checks:
        problems += [
            problem
            for text_id, text in prose.items()
            for problem in editorial.prose_typography(paths.display(paths.monographs() / f"{text_id}.md"), text)
            + leftovers.prose_leftovers(paths.display(paths.monographs() / f"{text_id}.md"), text)
        ]
        problems += editorial.pages_problems(paths)
        warnings += pages_home_link_warnings(paths)
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
    if editorial_checks:
        # Kept in id order, so that two branches adding an entry each merge cleanly; and no
        # text on another initiative's page (make check only: the site itself is right).
        problems += [
            problem
            for name, collection in COLLECTIONS.items()
            if collection.ordered
            for document in documents[name]
            for problem in merges.order_problems(document, collection)
        ]
        problems += merges.monograph_names(paths, initiatives, prose)
    # A published address keeps leading somewhere: renamed (anciens_ids) or withdrawn (retraits.yaml).
    problems += addresses.check_addresses(paths, initiatives, documents["retraits"])
    problems += _check_citations(paths, documents)
    for document in documents["sources"]:
        warnings += citations.bare_domain_warnings(document)
        found, warned = source_address_problems(document)
        problems += found
        warnings += warned
    if problems:
        raise DataError(problems + warnings)
    records = {
        name: [item for document in documents[name] for item in document.data]
        for name in COLLECTIONS
        if name not in ("initiatives", "departements")
    }
    problems += rules.check_links(initiatives, records)
    labels = _labels(paths)
    # The macro calls of docs/ name existing records: checked before any page is rendered.
    problems += page_calls.pages_call_problems(
        paths.project_dir / paths.docs_dir,
        paths.display,
        {
            "initiative": {item["id"] for item in initiatives.data},
            "chiffre": {item["id"] for item in records.get("chiffres", [])},
            "affirmation": {item["id"] for item in records.get("affirmations", [])},
            "serie": {item["serie"] for item in records.get("chiffres", []) if "serie" in item},
            "rapport": set(labels["rapport"]),
            "famille": {item["famille"] for item in records.get("modeles", [])},
        },
    )
    problems += rules.check_ptce(documents["ptce"], {item["id"] for item in initiatives.data}, departements)
    problems += rules.check_coordinates(
        paths, [(initiatives, "territoire.coordonnees")] + [(document, "coordonnees") for document in documents["ptce"]]
    )
    warnings += missing_coordinates(initiatives, "territoire.coordonnees", record_name(initiatives.data))
    for document in documents["ptce"]:
        warnings += missing_coordinates(document, "coordonnees", record_name(document.data, COLLECTIONS["ptce"]))
    # Every figure has its own id; the corrections log names what exists (or a published figure
    # it says was removed), and names every figure whose published value changed.
    problems += check_figure_ids(documents["chiffres"], initiatives)
    figures = published.current_figures(documents["chiffres"], initiatives)
    withdrawn = {item["id"] for document in documents["retraits"] for item in document.data}
    removable = set(lost_figures(paths, figures, withdrawn))
    for document in documents["journal"]:
        problems += corrections_log.check_entries(
            paths,
            document,
            set(figures) | removable,
            {item["id"] for item in initiatives.data},
            addresses.former_ids(initiatives.data),
            withdrawn,
        )
    problems += check_changed_figures(paths, figures, records.get("journal", []))
    problems += check_lost_figures(paths, figures, records.get("journal", []), initiatives, withdrawn)
    if problems:
        raise DataError(problems + warnings)
    return Catalogue(initiatives.data, prose, departements, labels, records, documents, warnings)
