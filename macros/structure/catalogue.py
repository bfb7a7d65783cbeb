"""The validated data of the site: initiatives, their prose, and the reference tables.

`load_catalogue()` reads every data file once, checks it against its JSON Schema and
against the rules a schema cannot express (unique ids, known source keys, département
and région that agree, one prose file per initiative), and either returns a `Catalogue`
or raises `DataError` with *all* the problems found.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from .problems import NBSP, NNBSP, DataError, Problem, guillemets, suggestion
from .schema import field_path, schema_problems, validator_for
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

    def display(self, path: Path) -> str:
        """A path as an editor sees it in the repository."""
        try:
            return path.resolve().relative_to(self.project_dir.resolve()).as_posix()
        except ValueError:
            return str(path)


# Each data file and the schema that is its contract.
DATA_FILES = {
    "initiatives.yaml": "initiatives.schema.json",
    "referentiels/departements.yaml": "departements.schema.json",
}


@dataclass
class Catalogue:
    """Everything the pages need, validated, loaded once per build."""

    initiatives: list[dict]
    prose: dict[str, str]
    departements: dict[str, dict]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def initiative(self, initiative_id: str) -> dict:
        for initiative in self.initiatives:
            if initiative["id"] == initiative_id:
                return initiative
        raise KeyError(f"initiative inconnue{NBSP}: {initiative_id}")

    def label(self, table: str, code: str) -> str:
        return self.labels[table][code]


def _record_name(data):
    """Names the record a JSON path points into, for messages."""

    def name(path) -> str | None:
        if not path or not isinstance(data, list) or not isinstance(path[0], int):
            return None
        record = data[path[0]] if path[0] < len(data) else None
        record_id = record.get("id") if isinstance(record, dict) else None
        if isinstance(record_id, str) and record_id:
            return f"initiative {guillemets(record_id)}"
        return f"initiative n°{NBSP}{path[0] + 1} (sans id)"

    return name


def _load(paths: DataPaths, name: str) -> tuple[YamlDocument, list[Problem]]:
    document, problems = load_yaml(paths.data(name), paths.display(paths.data(name)))
    if problems:
        return document, problems
    record_name = _record_name(document.data) if name == "initiatives.yaml" else (lambda path: None)
    return document, schema_problems(document, paths.schema(DATA_FILES[name]), record_name)


def _labels(paths: DataPaths) -> dict[str, dict[str, str]]:
    """French labels of enumerated codes, read from the schema (x-libelles)."""
    definitions = validator_for(paths.schema("initiatives.schema.json").resolve()).schema["$defs"]
    properties = definitions["initiative"]["properties"]
    return {
        "type": properties["type"]["x-libelles"],
        "statut": properties["etude"]["properties"]["statut"]["x-libelles"],
        "statut_description": properties["etude"]["properties"]["statut"]["x-descriptions"],
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

    first_seen: dict[str, int] = {}
    for index, initiative in enumerate(document.data):
        identifier = initiative["id"]
        if identifier in first_seen:
            first_line = document.position((first_seen[identifier], "id"))[0]
            problem((index, "id"), f"identifiant déjà utilisé ligne {first_line}{NNBSP}; chaque id doit être unique.")
        else:
            first_seen[identifier] = index

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
    documents = {}
    problems: list[Problem] = []
    for name in DATA_FILES:
        documents[name], found = _load(paths, name)
        problems += found
    if problems:
        raise DataError(problems)

    departements = {row["code"]: row for row in documents["referentiels/departements.yaml"].data}
    initiatives = documents["initiatives.yaml"]
    problems += _check_initiatives(initiatives, departements)
    prose, found = _read_prose(paths, initiatives)
    problems += found
    if problems:
        raise DataError(problems)
    return Catalogue(initiatives.data, prose, departements, _labels(paths))
