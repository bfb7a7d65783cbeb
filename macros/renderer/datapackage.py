"""donnees/datapackage.json: the open data as a Frictionless (Tabular) Data Package.

The convention of the French public-data ecosystem (data.gouv.fr, schema.data.gouv.fr): each
CSV file described by a Table Schema (types, constraints, keys), with the licence, version,
publisher and sources of the whole. The fields come from the export columns (exports.py),
whose types and constraints come from our JSON Schemas (columns.py): nothing is written twice.
"""

from __future__ import annotations

import json
from pathlib import Path

from macros.renderer import exports

NAME = "rapports-labo-ess-2021"
LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
# The CSV files all use the same dialect: « ; », UTF-8 (with a byte-order mark, which readers skip:
# « utf-8 » is the name the standard knows, « utf-8-sig » is Python's alone).
DIALECT = {"delimiter": ";", "lineTerminator": "\r\n", "header": True}

# Each CSV file: name of the resource, title, description, columns, primary and foreign keys.
RESOURCES = [
    (
        "initiatives",
        "initiatives.csv",
        "Dynamiques et PTCE cités",
        "Une ligne par lieu du catalogue : les dynamiques de l'étude (avec monographie) et les PTCE "
        "cités par le rapport « Relancer les PTCE ».",
        exports.COLUMNS,
        "id",
        [],
    ),
    (
        "chiffres",
        "chiffres.csv",
        "Chiffres",
        "Chaque chiffre du site : ceux des chapitres des rapports et les chiffres clés des monographies, "
        "avec qui le dit, son statut et ses sources.",
        exports.FIGURE_COLUMNS,
        "id",
        [("initiative", "initiatives", "id")],
    ),
    (
        "sources",
        "sources.csv",
        "Sources",
        "Chaque source citée : auteur, éditeur d'origine, adresse, copie consultée, copie archivée.",
        exports.SOURCE_COLUMNS,
        "id",
        [],
    ),
    (
        "chiffres-sources",
        "chiffres-sources.csv",
        "Sources de chaque chiffre",
        "Table de liaison : une ligne par chiffre et par source qui l'atteste.",
        exports.FIGURE_SOURCE_COLUMNS,
        ["chiffre", "source"],
        [("chiffre", "chiffres", "id"), ("source", "sources", "id")],
    ),
]


def table_schema(columns: dict, primary_key, foreign_keys: list, schemas_dir: Path) -> dict:
    schema = {
        "fields": [column.field(name, schemas_dir) for name, column in columns.items()],
        "missingValues": [""],
        "primaryKey": primary_key,
    }
    if foreign_keys:
        schema["foreignKeys"] = [
            {"fields": field, "reference": {"resource": resource, "fields": target}} for field, resource, target in foreign_keys
        ]
    return schema


def datapackage(schemas_dir: Path, edition, site_url: str | None = None) -> str:
    """The descriptor, for files that sit next to it in donnees/."""
    resources = []
    for name, path, title, description, columns, primary_key, foreign_keys in RESOURCES:
        resources.append(
            {
                "name": name,
                "path": path,
                "title": title,
                "description": description,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": DIALECT,
                "schema": table_schema(columns, primary_key, foreign_keys, schemas_dir),
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": "Les rapports 2021 du Labo de l’ESS : dynamiques, chiffres et sources",
        "description": "Données compilées par le site « Les rapports 2021 du Labo de l’ESS » : les dynamiques "
        "collectives de l’étude et les PTCE cités, chaque chiffre publié avec qui le dit, et "
        "chaque source. Édition " + edition.numero + " du " + edition.jour_fr + ".",
        "version": edition.numero,
        "created": edition.horodatage,
        "licenses": [LICENCE],
        "contributors": [{"title": "Rédaction du site « Les rapports 2021 du Labo de l’ESS »", "role": "publisher"}],
        "sources": [
            {"title": "Le Labo de l’ESS, « Dynamiques collectives de transitions dans les territoires » (janvier 2021)"},
            {"title": "Le Labo de l’ESS, « Relancer les PTCE : diagnostic et propositions » (janvier 2021)"},
            {"title": "Les sources publiques citées pour chaque fait (sources.csv)", "path": "sources.csv"},
        ],
        "keywords": ["économie sociale et solidaire", "ESS", "PTCE", "coopération territoriale", "transition"],
        "resources": resources,
    }
    if site_url:
        package["homepage"] = site_url
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"
