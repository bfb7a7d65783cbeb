"""The validated data of the site: initiatives, their prose, and the reference tables.

`load_catalogue()` reads every data file once, checks it against its JSON Schema and
against the rules a schema cannot express (unique ids, known source keys, département
and région that agree, one prose file per initiative), and either returns a `Catalogue`
or raises `DataError` with *all* the problems found.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import geo
from .completeness import completeness
from .problems import NBSP, NNBSP, DataError, Problem, guillemets, suggestion
from .schema import TODO, field_path, inlined_schema, schema_problems
from .yaml_source import YamlDocument, load_yaml

# Jinja delimiters: prose is data for the template engine, never template source.
_JINJA = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
_ATX_H1 = re.compile(r"^#(?!#)\s")


@dataclass(frozen=True)
class DataPaths:
    """Where the data lives, relative to the project directory."""

    project_dir: Path
    data_dir: str = "data"
    monographs_dir: str = "monographs"
    schemas_dir: str = "data/schemas"

    def data(self, name: str) -> Path:
        return self.project_dir / self.data_dir / name

    def schema(self, name: str) -> Path:
        return self.project_dir / self.schemas_dir / name

    def monographs(self) -> Path:
        return self.project_dir / self.monographs_dir

    def outline(self) -> Path:
        """The départements' outlines: the map's background and the coordinates' check."""
        return self.project_dir / self.data_dir / "geo" / "departements.json"

    def display(self, path: Path) -> str:
        """A path as an editor sees it in the repository."""
        try:
            return path.resolve().relative_to(self.project_dir.resolve()).as_posix()
        except ValueError:
            return str(path)


@dataclass(frozen=True)
class Collection:
    """A kind of data file: where its files are, its contract, how to name a record."""

    pattern: str  # glob under data/
    schema: str  # file name under data/schemas/
    noun: str  # French name of one record, for messages
    key: str = "id"  # the field that identifies a record
    required: bool = False


# Each kind of data file and the schema that is its contract. A YAML file under data/
# that matches none of them is a problem: it would be silently ignored.
COLLECTIONS = {
    "initiatives": Collection("initiatives.yaml", "initiatives.schema.json", "initiative", required=True),
    "departements": Collection("referentiels/departements.yaml", "departements.schema.json",
                               "département", key="code", required=True),
    "chiffres": Collection("chiffres-*.yaml", "chiffres.schema.json", "chiffre"),
    "facteurs": Collection("facteurs.yaml", "facteurs.schema.json", "facteur"),
    "propositions": Collection("propositions-*.yaml", "propositions.schema.json", "proposition"),
    "glossaire": Collection("glossaire.yaml", "glossaire.schema.json", "sigle", key="sigle"),
    "ptce": Collection("ptce.yaml", "ptce.schema.json", "PTCE"),
    "modeles": Collection("modeles.yaml", "modeles.schema.json", "modèle"),
}

# Links from an initiative to records of other collections: field, key, collection, family.
LINKS = [
    ("facteurs_illustres", "facteur", "facteurs", None),
    ("modeles_gouvernance", "modele", "modeles", "gouvernance"),
    ("modeles_economiques", "modele", "modeles", "economique"),
    ("propositions_liees", "proposition", "propositions", None),
]


# The figure (data/chiffres-dynamiques-collectives.yaml) giving the number of dynamics studied.
STUDY_SIZE_FIGURE = "dc-dynamiques-etudiees"


@dataclass
class Catalogue:
    """Everything the pages need, validated, loaded once per build."""

    initiatives: list[dict]
    prose: dict[str, str]
    departements: dict[str, dict]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    # Other collections, records in file order: chiffres, facteurs, propositions, glossaire.
    records: dict[str, list[dict]] = field(default_factory=dict)

    # Look-ups by id, made once: every page and macro asks for records by id, and a
    # linear search each time would make the build quadratic in the number of records.
    def __post_init__(self):
        self._by_key = {name: {item[COLLECTIONS[name].key]: item for item in items}
                        for name, items in self.records.items()}
        self._initiatives_by_id = {initiative["id"]: initiative for initiative in self.initiatives}

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

    @cached_property
    def completeness(self) -> dict:
        """The completeness report (page and JSON export): computed once per build."""
        return completeness(self.initiatives, self.study_size())

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


def _record_name(data, collection: Collection = COLLECTIONS["initiatives"]):
    """Names the record a JSON path points into, for messages: « initiative « eusko » »."""

    def name(path) -> str | None:
        if not path or not isinstance(data, list) or not isinstance(path[0], int):
            return None
        record = data[path[0]] if path[0] < len(data) else None
        record_id = record.get(collection.key) if isinstance(record, dict) else None
        if isinstance(record_id, str) and record_id:
            return f"{collection.noun} {guillemets(record_id)}"
        return f"{collection.noun} n°{NBSP}{path[0] + 1} (sans {collection.key})"

    return name


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
        return document, problems
    problems = _modeline(paths, file, collection)
    record_name = _record_name(document.data, collection)
    return document, problems + schema_problems(document, paths.schema(collection.schema), record_name)


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


def _check_keys(collection: Collection, documents: list[YamlDocument]) -> list[Problem]:
    """A record's id is unique across all the files of its collection."""
    problems = []
    first_seen: dict[str, tuple[YamlDocument, int]] = {}
    for document in documents:
        name = _record_name(document.data, collection)
        for index, record in enumerate(document.data):
            key = record[collection.key]
            if key in first_seen:
                other, other_index = first_seen[key]
                where = f"{other.path}:{other.position((other_index, collection.key))[0]}"
                line, column = document.position((index, collection.key))
                problems.append(Problem(document.path, line, column,
                                        f"identifiant déjà utilisé ({where}){NNBSP}; chaque {collection.key} doit être unique.",
                                        record=name((index,)), field_path=collection.key))
            else:
                first_seen[key] = (document, index)
    return problems


def _check_figures(documents: list[YamlDocument]) -> list[Problem]:
    """A charted figure needs its bar label; a range goes upwards."""
    problems = []
    for document in documents:
        name = _record_name(document.data, COLLECTIONS["chiffres"])
        for index, figure in enumerate(document.data):
            if "serie" in figure and "categorie" not in figure:
                line, column = document.position((index, "serie"))
                problems.append(Problem(document.path, line, column,
                                        f"un chiffre d'une série doit avoir sa {guillemets('categorie')} "
                                        "(libellé court de la barre).", record=name((index,)), field_path="categorie"))
            if "valeur_max" in figure and figure["valeur_max"] < figure["valeur"]:
                line, column = document.position((index, "valeur_max"))
                problems.append(Problem(document.path, line, column,
                                        "la borne haute est plus petite que la valeur.",
                                        record=name((index,)), field_path="valeur_max"))
    return problems


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
        "destinataire": shared["proposition"]["properties"]["destinataires"]["items"]["x-libelles"],
        "affirme_par": definitions("initiatives.schema.json")["affirme_par"]["x-libelles"],
    }


def _walk_source_refs(value, path):
    """Every (path, key) where a fact cites a source key."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "sources" and isinstance(item, list) and all(isinstance(x, str) for x in item):
                for index, ref in enumerate(item):
                    yield path + (key, index), ref
            else:
                yield from _walk_source_refs(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk_source_refs(item, path + (index,))


def _check_initiatives(document: YamlDocument, departements: dict) -> list[Problem]:
    problems = []
    name = _record_name(document.data)

    def problem(path, message, hint=None, key=False):
        line, column = document.position(path, key=key)
        problems.append(Problem(document.path, line, column, message, record=name(path),
                                field_path=field_path(path[1:]) or None, hint=hint))

    for index, initiative in enumerate(document.data):
        keys = {}
        for source_index, source in enumerate(initiative["sources"]):
            if source["cle"] in keys:
                problem((index, "sources", source_index, "cle"), "clé de source en double.")
            keys[source["cle"]] = source_index
        for path, ref in _walk_source_refs(initiative, (index,)):
            if path[1] != "sources" and ref not in keys:
                close = suggestion(ref, keys)
                problem(path, f"source {guillemets(ref)} inconnue{NNBSP}; elle doit figurer dans la liste "
                              f"{guillemets('sources')} de l'initiative.",
                        f"Vouliez-vous dire {guillemets(close)}{NNBSP}?" if close else None)

        territory = initiative["territoire"]
        code = territory["departement"]
        if code not in departements:
            problem((index, "territoire", "departement"),
                    f"département {guillemets(code)} absent du référentiel des départements.")
        elif departements[code]["region"] != territory["region"]:
            expected = departements[code]["region"]
            problem((index, "territoire", "region"),
                    f"reçu {guillemets(territory['region'])}{NNBSP}; le département {code} "
                    f"({departements[code]['nom']}) est en {guillemets(expected)}.")

        for path, date in _dates(initiative, (index,)):
            if isinstance(date, str) and len(date) == 10:
                try:
                    datetime.date.fromisoformat(date)
                except ValueError:
                    problem(path, f"la date {guillemets(date)} n'existe pas dans le calendrier.")

        for figure_index, figure in enumerate(initiative.get("chiffres_cles", [])):
            if "valeur_max" in figure and figure["valeur_max"] < figure["valeur"]:
                problem((index, "chiffres_cles", figure_index, "valeur_max"),
                        f"la borne haute ({figure['valeur_max']}) est plus petite que la valeur "
                        f"({figure['valeur']}).")
    return problems


def _check_links(document: YamlDocument, records: dict[str, list[dict]]) -> list[Problem]:
    """Each link from an initiative names an existing factor, model or proposal."""
    problems = []
    name = _record_name(document.data)
    for index, initiative in enumerate(document.data):
        for field_name, key, collection, family in LINKS:
            known = {item["id"]: item for item in records.get(collection, [])
                     if family is None or item.get("famille") == family}
            for position, link in enumerate(initiative.get(field_name, [])):
                if link[key] in known:
                    continue
                path = (index, field_name, position, key)
                line, column = document.position(path)
                close = suggestion(link[key], known)
                noun = COLLECTIONS[collection].noun + (f" de la famille {guillemets(family)}" if family else "")
                problems.append(Problem(
                    document.path, line, column, f"{noun} {guillemets(link[key])} inconnu.",
                    record=name(path), field_path=field_path(path[1:]),
                    hint=f"Vouliez-vous dire {guillemets(close)}{NNBSP}?" if close else None))
    return problems


def _check_ptce(documents: list[YamlDocument], initiative_ids: set, departements: dict) -> list[Problem]:
    """A PTCE names an existing initiative, and its région matches its département."""
    problems = []
    for document in documents:
        name = _record_name(document.data, COLLECTIONS["ptce"])
        for index, item in enumerate(document.data):
            if "initiative" in item and item["initiative"] not in initiative_ids:
                line, column = document.position((index, "initiative"))
                close = suggestion(item["initiative"], initiative_ids)
                problems.append(Problem(document.path, line, column, f"initiative {guillemets(item['initiative'])} inconnue.",
                                        record=name((index,)), field_path="initiative",
                                        hint=f"Vouliez-vous dire {guillemets(close)}{NNBSP}?" if close else None))
            expected = departements.get(item["departement"], {}).get("region")
            if expected and expected != item["region"]:
                line, column = document.position((index, "region"))
                problems.append(Problem(document.path, line, column,
                                        f"reçu {guillemets(item['region'])}{NBSP}; le département {item['departement']} est en {guillemets(expected)}.",
                                        record=name((index,)), field_path="region"))
    return problems


def _check_coordinates(paths: DataPaths, documents: list[tuple[YamlDocument, str]]) -> list[Problem]:
    """Coordinates lie in (or within a few km of) the département they claim."""
    outline = paths.outline()
    problems = []
    for document, coordinates_path in documents:
        name = _record_name(document.data, COLLECTIONS["ptce"] if coordinates_path == "coordonnees" else COLLECTIONS["initiatives"])
        for index, record in enumerate(document.data):
            holder = record["territoire"] if coordinates_path == "territoire.coordonnees" else record
            point = holder.get("coordonnees")
            if not point:
                continue
            code = holder["departement"]
            _, _, km = geo.locate(outline, code, point["longitude"], point["latitude"])
            if km > geo.TOLERANCE_KM:
                path = (index, *coordinates_path.split("."))
                line, column = document.position(path)
                problems.append(Problem(
                    document.path, line, column,
                    f"le point ({point['latitude']}, {point['longitude']}) est à {round(km)}{NBSP}km du département "
                    f"{code}{NNBSP}; latitude et longitude inversées, ou mauvais département{NNBSP}?",
                    record=name((index,)), field_path=coordinates_path))
    return problems


def _dates(initiative: dict, path: tuple):
    for index, milestone in enumerate(initiative.get("jalons", [])):
        yield path + ("jalons", index, "date"), milestone["date"]
    for index, source in enumerate(initiative["sources"]):
        if "date" in source:
            yield path + ("sources", index, "date"), source["date"]


def _read_prose(paths: DataPaths, document: YamlDocument) -> tuple[dict[str, str], list[Problem]]:
    """One Markdown file per initiative, and no file without its initiative."""
    ids = [item["id"] for item in document.data]
    problems = []
    prose = {}
    folder = paths.monographs()
    files = {path.stem: path for path in sorted(folder.glob("*.md"))} if folder.is_dir() else {}
    for index, identifier in enumerate(ids):
        if identifier not in files:
            expected = paths.display(folder / f"{identifier}.md")
            line, column = document.position((index, "id"))
            problems.append(Problem(
                document.path, line, column,
                f"le texte de la monographie {guillemets(expected)} est introuvable{NNBSP}; "
                f"créez ce fichier (même nom que l'id).",
                record=f"initiative {guillemets(identifier)}",
            ))
    for stem, path in files.items():
        shown = paths.display(path)
        if stem not in ids:
            close = suggestion(stem, ids)
            hint = f"Vouliez-vous dire {guillemets(close + '.md')}{NNBSP}?" if close else (
                "Ajoutez son initiative dans data/initiatives.yaml ou supprimez le fichier.")
            problems.append(Problem(shown, None, None,
                                    f"aucune initiative n'a l'id {guillemets(stem)} dans data/initiatives.yaml.",
                                    hint=hint))
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(shown, None, None, f"le fichier n'est pas en UTF-8 ({error.reason})."))
            continue
        if text.startswith("\ufeff"):
            problems.append(Problem(shown, 1, 1, "marque d'ordre des octets (BOM) en tête de fichier"
                                                 f"{NNBSP}; enregistrez-le en UTF-8 sans BOM."))
            continue
        if not text.strip():
            problems.append(Problem(shown, 1, 1, "la monographie est vide."))
        for number, line in enumerate(text.splitlines(), start=1):
            if TODO in line:
                problems.append(Problem(shown, number, line.index(TODO) + 1,
                                        f"texte à compléter (encore {guillemets(TODO)})."))
            match = _JINJA.search(line)
            if match:
                problems.append(Problem(
                    shown, number, match.start() + 1,
                    f"syntaxe de gabarit {guillemets(match.group())} interdite dans une monographie"
                    f"{NBSP}: ce texte est publié tel quel, jamais exécuté.",
                ))
            if _ATX_H1.match(line):
                problems.append(Problem(
                    shown, number, 1,
                    f"titre de niveau 1 interdit{NBSP}: le titre de la page vient du champ "
                    f"{guillemets('nom')}{NNBSP}; utilisez {guillemets('##')} pour les sections.",
                ))
        prose[stem] = text
    return prose, problems


def load_catalogue(paths: DataPaths) -> Catalogue:
    """Load and validate all data; raise DataError listing every problem found."""
    files, problems = _files(paths)
    documents: dict[str, list[YamlDocument]] = {}
    for name, collection in COLLECTIONS.items():
        documents[name] = []
        for file in files[name]:
            document, found = _load(paths, file, collection)
            documents[name].append(document)
            problems += found
    if problems:
        raise DataError(problems)

    for name, collection in COLLECTIONS.items():
        problems += _check_keys(collection, documents[name])
    problems += _check_figures(documents["chiffres"])
    departements = {row["code"]: row for row in documents["departements"][0].data}
    initiatives = documents["initiatives"][0]
    problems += _check_initiatives(initiatives, departements)
    prose, found = _read_prose(paths, initiatives)
    problems += found
    if problems:
        raise DataError(problems)
    records = {name: [item for document in documents[name] for item in document.data]
               for name in COLLECTIONS if name not in ("initiatives", "departements")}
    problems += _check_links(initiatives, records)
    problems += _check_ptce(documents["ptce"], {item["id"] for item in initiatives.data}, departements)
    problems += _check_coordinates(paths, [(initiatives, "territoire.coordonnees")]
                                   + [(document, "coordonnees") for document in documents["ptce"]])
    if problems:
        raise DataError(problems)
    return Catalogue(initiatives.data, prose, departements, _labels(paths), records)
