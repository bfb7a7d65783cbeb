"""Where the data lives and what kinds of records it holds.

`DataPaths` locates files; `COLLECTIONS` maps each kind of data file to its schema; `LINKS`
lists the links from an initiative to other records; `record_name` names a record in messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.problems import NBSP, guillemets


@dataclass(frozen=True)
class DataPaths:
    """Where the data lives, relative to the project directory."""

    project_dir: Path
    data_dir: str = "data"
    monographs_dir: str = "monographs"
    schemas_dir: str = "data/schemas"
    docs_dir: str = "docs"  # the pages a corrections log entry may name

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
    # Entries kept in key order (make check, make trier): two branches that each add one
    # merge without a conflict.
    ordered: bool = False


# Each kind of data file and the schema that is its contract. A YAML file under data/
# that matches none of them is a problem: it would be silently ignored.
COLLECTIONS = {
    "sources": Collection("sources.yaml", "sources.schema.json", "source", required=True),
    "initiatives": Collection("initiatives.yaml", "initiatives.schema.json", "initiative", required=True, ordered=True),
    "departements": Collection("referentiels/departements.yaml", "departements.schema.json", "département", key="code", required=True),
    "chiffres": Collection("chiffres-*.yaml", "chiffres.schema.json", "chiffre"),
    "affirmations": Collection("affirmations-*.yaml", "affirmations.schema.json", "affirmation"),
    "facteurs": Collection("facteurs.yaml", "facteurs.schema.json", "facteur"),
    "propositions": Collection("propositions-*.yaml", "propositions.schema.json", "proposition"),
    "glossaire": Collection("glossaire.yaml", "glossaire.schema.json", "sigle", key="sigle"),
    "ptce": Collection("ptce.yaml", "ptce.schema.json", "PTCE"),
    "modeles": Collection("modeles.yaml", "modeles.schema.json", "modèle"),
    "journal": Collection("journal.yaml", "journal.schema.json", "entrée du journal"),
    "retraits": Collection("retraits.yaml", "retraits.schema.json", "monographie retirée"),
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


def record_name(data, collection: Collection = COLLECTIONS["initiatives"]):
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
