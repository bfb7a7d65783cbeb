"""Open data files, generated from the validated data at build time (under /donnees/)."""

from __future__ import annotations

import csv
import io
import json

from ..structure.catalogue import Catalogue
from ..structure.entries import entries

# CSV columns, in order, and what each holds (shown on the « Données ouvertes » page).
COLUMNS = {
    "genre": "initiative (dynamique de l'étude, avec monographie) ou ptce (PTCE cité, hors monographies)",
    "id": "identifiant stable",
    "nom": "nom usuel",
    "type": "code du type de dynamique (voir le schéma)",
    "type_libelle": "type en clair",
    "commune": "commune principale",
    "departement": "code officiel du département (texte : « 01 », « 2A »)",
    "departement_nom": "nom du département",
    "region": "région",
    "annee": "année de création, ou à défaut de la première étape connue ; vide si inconnue",
    "statut": "confirmee, visite-documentee ou deduite pour les dynamiques de l'étude ; ptce-cite pour les PTCE",
    "statut_libelle": "statut en clair",
    "thematiques": "thématiques, séparées par « | »",
    "latitude": "latitude WGS 84 du centre approximatif de la commune ; vide si inconnue",
    "longitude": "longitude WGS 84 ; vide si inconnue",
    "site_web": "site web, s'il est connu",
    "page": "adresse de la page sur ce site, relative à la racine",
}
CSV_COLUMNS = list(COLUMNS)


def _rows(catalogue: Catalogue, page_url) -> list[dict]:
    rows = []
    for row in entries(catalogue):
        rows.append({**row, "page": page_url(row)})
    return rows


def to_json(catalogue: Catalogue, page_url) -> str:
    """Every entry, with the full validated record it comes from."""
    records = {item["id"]: item for item in catalogue.initiatives}
    ptce = {item["id"]: item for item in catalogue.records.get("ptce", [])}
    rows = []
    for row in _rows(catalogue, page_url):
        detail = records[row["id"]] if row["genre"] == "initiative" else ptce[row["id"]]
        rows.append({**row, "fiche": detail})
    # Compact (no indentation): Python's fast JSON encoder, and half the size.
    return json.dumps({"licence": LICENCE, "entrees": rows}, ensure_ascii=False, separators=(",", ":")) + "\n"


def to_csv(catalogue: Catalogue, page_url) -> str:
    """One line per entry; « ; » as separator and UTF-8 with BOM, as French spreadsheets expect."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, delimiter=";", extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in _rows(catalogue, page_url):
        flat = dict(row)
        flat["thematiques"] = " | ".join(row["thematiques"])
        for key in ("latitude", "longitude"):
            flat[key] = "" if row[key] is None else str(row[key])
        flat["annee"] = "" if row["annee"] is None else row["annee"]
        flat["site_web"] = row["site_web"] or ""
        writer.writerow(flat)
    return "\ufeff" + buffer.getvalue()


def to_geojson(catalogue: Catalogue, page_url) -> str:
    """Points (longitude, latitude; WGS 84) of the entries that have coordinates."""
    features = []
    for row in _rows(catalogue, page_url):
        if row["latitude"] is None:
            continue
        properties = {key: row[key] for key in CSV_COLUMNS if key not in ("latitude", "longitude")}
        features.append({"type": "Feature", "id": row["id"],
                         "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                         "properties": properties})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      separators=(",", ":")) + "\n"


LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab) — https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
