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


# The columns of chiffres.csv, and what each holds (shown on the « Données ouvertes » page).
FIGURE_COLUMNS = {
    "id": "identifiant stable du chiffre",
    "genre": "rapport (chiffre cité dans un chapitre) ou monographie (chiffre clé d'une dynamique)",
    "rapport": "rapport concerné (code), pour un chiffre de chapitre",
    "initiative": "identifiant de la dynamique, pour un chiffre clé de monographie",
    "libelle": "ce que mesure le chiffre",
    "valeur": "valeur (nombre ; point décimal)",
    "valeur_max": "borne haute d'une fourchette ; vide sinon",
    "unite": "unité (%, M€, PTCE…)",
    "annee": "année de la mesure ; vide si inconnue",
    "approximatif": "true pour « environ »",
    "plus_de": "true pour « plus de »",
    "statut": "confirme (extrait de la source à l'appui), secondaire (rapporté par un tiers) ou deduction",
    "affirme_par": "qui le dit : rapport (le Labo de l'ESS), tiers (une source nommée) ou redaction (déduction)",
    "note": "précision (divergence entre sources, définition, raisonnement d'une déduction)",
    "sources": "identifiants des sources (voir sources.json), séparés par « | »",
    "extraits": "passages des sources cités mot pour mot, « source : « texte » (où) », séparés par « || »",
}


def figures(catalogue: Catalogue) -> list[dict]:
    """Every figure of the site: the reports' figures, then each monograph's key figures."""
    rows = []
    for figure in catalogue.records.get("chiffres", []):
        rows.append(_figure_row(catalogue, figure, figure["id"], genre="rapport", rapport=figure["rapport"]))
    for initiative in catalogue.initiatives:
        for key, figure in key_figure_ids(initiative):
            rows.append(_figure_row(catalogue, figure, key, genre="monographie", initiative=initiative["id"]))
    return rows


def key_figure_ids(initiative: dict) -> list[tuple[str, dict]]:
    """Stable ids for an initiative's key figures, made from its id, the label and the year."""
    ids: list[tuple[str, dict]] = []
    seen: set[str] = set()
    for figure in initiative.get("chiffres_cles", []):
        base = "-".join(filter(None, [initiative["id"], slug(figure["libelle"]), str(figure.get("annee", ""))]))
        key, number = base, 2
        while key in seen:
            key, number = f"{base}-{number}", number + 1
        seen.add(key)
        ids.append((key, figure))
    return ids


def slug(text: str) -> str:
    import re
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:60].strip("-")


def _figure_row(catalogue: Catalogue, figure: dict, key: str, **where) -> dict:
    return {
        "id": key, "genre": where["genre"], "rapport": where.get("rapport"), "initiative": where.get("initiative"),
        "libelle": figure["libelle"], "valeur": figure["valeur"], "valeur_max": figure.get("valeur_max"),
        "unite": figure.get("unite"), "annee": figure.get("annee"),
        "approximatif": figure.get("approximatif", False), "plus_de": figure.get("plus_de", False),
        "statut": figure["statut"], "affirme_par": catalogue.who_says(figure), "note": figure.get("note"),
        "sources": figure["sources"], "extraits": figure.get("extraits", []),
    }


def figures_json(catalogue: Catalogue) -> str:
    return json.dumps({"licence": LICENCE, "chiffres": figures(catalogue)}, ensure_ascii=False,
                      separators=(",", ":")) + "\n"


def figures_csv(catalogue: Catalogue) -> str:
    """One line per figure, as initiatives.csv: « ; », UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(FIGURE_COLUMNS), delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in figures(catalogue):
        flat = {key: "" if value is None else value for key, value in row.items()}
        for key in ("approximatif", "plus_de"):
            flat[key] = "true" if row[key] else "false"
        flat["sources"] = "|".join(row["sources"])
        flat["extraits"] = " || ".join(f"{item['source']} : « {item['texte']} » ({item['ou']})" for item in row["extraits"])
        writer.writerow(flat)
    return "\ufeff" + buffer.getvalue()


def sources_json(catalogue: Catalogue) -> str:
    """Every source: author, original publisher, address, copy consulted, archive, date."""
    fields = ("id", "titre", "auteur", "editeur", "url", "reference", "date", "texte_du_labo",
              "copie_consultee", "archive", "note")
    rows = [{name: source[name] for name in fields if name in source}
            for source in catalogue.records.get("sources", [])]
    return json.dumps({"licence": LICENCE, "sources": rows}, ensure_ascii=False, indent=1) + "\n"
