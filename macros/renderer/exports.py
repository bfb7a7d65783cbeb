"""Open data files, generated from the validated data at build time (under /donnees/)."""

from __future__ import annotations

import csv
import io
import json

from macros.model.catalogue import Catalogue
from macros.model.entries import entries
from macros.renderer.columns import Column

# Where the columns come from: a definition of a schema, then the path of the field in it.
INITIATIVE = "initiatives.schema.json#initiative/"
PTCE = "ptce.schema.json#items/"
FIGURE = "chiffres.schema.json#chiffre/"
KEY_FIGURE = "initiatives.schema.json#initiative/chiffres_cles/"
SOURCE = "sources.schema.json#source/"

# CSV columns, in order: each with its French title, what it holds (shown on the « Données
# ouvertes » page), and the schema fields it comes from, whose types and constraints the data
# package's Table Schemas take (datapackage.py): one definition, never written twice.
COLUMNS = {
    "genre": Column(
        "Genre",
        "initiative (dynamique de l'étude, avec monographie) ou ptce (PTCE cité, hors monographies)",
        valeurs=("initiative", "ptce"),
        requis=True,
    ),
    "id": Column("Identifiant", "identifiant stable", champs=(INITIATIVE + "id", PTCE + "id"), requis=True),
    "nom": Column("Nom", "nom usuel", champs=(INITIATIVE + "nom", PTCE + "nom"), requis=True),
    "type": Column("Type", "code du type de dynamique (voir le schéma)", champs=(INITIATIVE + "type",), requis=True),
    "type_libelle": Column("Type en clair", "type en clair", requis=True),
    "commune": Column("Commune", "commune principale", champs=(INITIATIVE + "territoire/commune", PTCE + "commune"), requis=True),
    "departement": Column(
        "Département",
        "code officiel du département (texte : « 01 », « 2A »)",
        champs=(INITIATIVE + "territoire/departement", PTCE + "departement"),
        requis=True,
    ),
    "departement_nom": Column("Nom du département", "nom du département", requis=True),
    "region": Column("Région", "région", champs=(INITIATIVE + "territoire/region", PTCE + "region"), requis=True),
    "annee": Column(
        "Année", "année de création, ou à défaut de la première étape connue ; vide si inconnue", champs=(INITIATIVE + "creation/annee",)
    ),
    "statut": Column(
        "Statut",
        "confirmee, visite-documentee, lien-implicite ou deduite pour les dynamiques de l'étude ; ptce-cite pour les PTCE",
        champs=(INITIATIVE + "etude/statut",),
        valeurs=("ptce-cite",),
        requis=True,
    ),
    "statut_libelle": Column("Statut en clair", "statut en clair", requis=True),
    "thematiques": Column("Thématiques", "thématiques, séparées par « | »", type="string"),
    "latitude": Column(
        "Latitude",
        "latitude WGS 84 du centre approximatif de la commune ; vide si inconnue",
        champs=(INITIATIVE + "territoire/coordonnees/latitude",),
    ),
    "longitude": Column("Longitude", "longitude WGS 84 ; vide si inconnue", champs=(INITIATIVE + "territoire/coordonnees/longitude",)),
    "site_web": Column("Site web", "site web, s'il est connu", champs=(INITIATIVE + "site_web", PTCE + "site_web")),
    "page": Column("Page", "adresse de la page sur ce site, relative à la racine", type="string", requis=True),
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
        features.append(
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                "properties": properties,
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":")) + "\n"


LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab) — https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


# The columns of chiffres.csv, and what each holds (shown on the « Données ouvertes » page).
FIGURE_COLUMNS = {
    "id": Column("Identifiant", "identifiant stable du chiffre", champs=(FIGURE + "id", KEY_FIGURE + "id"), requis=True),
    "genre": Column(
        "Genre",
        "rapport (chiffre cité dans un chapitre) ou monographie (chiffre clé d'une dynamique)",
        valeurs=("rapport", "monographie"),
        requis=True,
    ),
    "rapport": Column("Rapport", "rapport concerné (code), pour un chiffre de chapitre", champs=(FIGURE + "rapport",)),
    "initiative": Column("Dynamique", "identifiant de la dynamique, pour un chiffre clé de monographie", champs=(INITIATIVE + "id",)),
    "libelle": Column("Libellé", "ce que mesure le chiffre", champs=(FIGURE + "libelle", KEY_FIGURE + "libelle"), requis=True),
    "valeur": Column("Valeur", "valeur (nombre ; point décimal)", champs=(FIGURE + "valeur", KEY_FIGURE + "valeur"), requis=True),
    "valeur_max": Column(
        "Valeur haute", "borne haute d'une fourchette ; vide sinon", champs=(FIGURE + "valeur_max", KEY_FIGURE + "valeur_max")
    ),
    "unite": Column("Unité", "unité (%, M€, PTCE…)", champs=(FIGURE + "unite", KEY_FIGURE + "unite")),
    "annee": Column("Année", "année de la mesure ; vide si inconnue", champs=(FIGURE + "annee", KEY_FIGURE + "annee")),
    "approximatif": Column(
        "Approximatif", "true pour « environ »", champs=(FIGURE + "approximatif", KEY_FIGURE + "approximatif"), requis=True
    ),
    "plus_de": Column("Plus de", "true pour « plus de »", champs=(FIGURE + "plus_de", KEY_FIGURE + "plus_de"), requis=True),
    "statut": Column(
        "Statut",
        "confirme (extrait de la source à l'appui), secondaire (rapporté par un tiers) ou deduction",
        champs=(FIGURE + "statut", KEY_FIGURE + "statut"),
        requis=True,
    ),
    "affirme_par": Column(
        "Qui le dit",
        "qui le dit : rapport (le Labo de l'ESS), tiers (une source nommée) ou redaction (déduction)",
        champs=(FIGURE + "affirme_par",),
        requis=True,
    ),
    "note": Column("Note", "précision (divergence entre sources, définition, raisonnement d'une déduction)", champs=(FIGURE + "note",)),
    "sources": Column(
        "Sources",
        "identifiants des sources (voir sources.csv et chiffres-sources.csv), séparés par « | »",
        champs=(SOURCE + "id",),
        liste="|",
        requis=True,
    ),
    "extraits": Column(
        "Extraits", "passages des sources cités mot pour mot, « source : « texte » (où) », séparés par « || »", type="string"
    ),
}

# The columns of sources.csv (a source's fields; its copy consulted in two columns).
SOURCE_COLUMNS = {
    "id": Column("Identifiant", "identifiant stable de la source, cité par les chiffres", champs=(SOURCE + "id",), requis=True),
    "titre": Column("Titre", "titre de la page ou du document", champs=(SOURCE + "titre",), requis=True),
    "auteur": Column("Auteur", "qui l'a écrit (« non identifié » si on l'ignore)", champs=(SOURCE + "auteur",), requis=True),
    "editeur": Column("Éditeur", "éditeur d'origine (jamais un site miroir)", champs=(SOURCE + "editeur",), requis=True),
    "nom_court": Column("Nom court", "comment la nommer après « selon »", champs=(SOURCE + "nom_court",)),
    "url": Column("Adresse", "adresse de la publication d'origine ; vide si elle n'est pas connue", champs=(SOURCE + "url",)),
    "reference": Column(
        "Référence", "description du document quand son adresse d'origine n'est pas connue", champs=(SOURCE + "reference",)
    ),
    "date": Column("Date", "année, mois (AAAA-MM) ou jour (AAAA-MM-JJ) de publication", champs=(SOURCE + "date",)),
    "texte_du_labo": Column("Texte du Labo", "true pour un texte du Labo de l'ESS", champs=(SOURCE + "texte_du_labo",), requis=True),
    "copie_consultee_url": Column(
        "Copie consultée", "adresse de la copie lue ailleurs que chez l'éditeur", champs=(SOURCE + "copie_consultee/url",)
    ),
    "copie_consultee_site": Column("Site de la copie", "site qui héberge la copie consultée", champs=(SOURCE + "copie_consultee/site",)),
    "archive": Column("Copie archivée", "copie archivée de la page d'origine (Web Archive…)", champs=(SOURCE + "archive",)),
    "note": Column("Note", "précision utile sur la source", champs=(SOURCE + "note",)),
}

# The columns of chiffres-sources.csv: which source attests which figure.
FIGURE_SOURCE_COLUMNS = {
    "chiffre": Column("Chiffre", "identifiant du chiffre (chiffres.csv)", champs=(FIGURE + "id", KEY_FIGURE + "id"), requis=True),
    "source": Column("Source", "identifiant de la source (sources.csv)", champs=(SOURCE + "id",), requis=True),
    "rang": Column("Rang", "rang de la source dans la liste du chiffre (1 pour la première)", type="integer", requis=True),
}


def figures(catalogue: Catalogue) -> list[dict]:
    """Every figure of the site: the reports' figures, then each monograph's key figures."""
    rows = []
    for figure in catalogue.records.get("chiffres", []):
        rows.append(_figure_row(catalogue, figure, figure["id"], genre="rapport", rapport=figure["rapport"]))
    for initiative in catalogue.initiatives:
        for figure in initiative.get("chiffres_cles", []):
            rows.append(_figure_row(catalogue, figure, figure["id"], genre="monographie", initiative=initiative["id"]))
    return rows


def _figure_row(catalogue: Catalogue, figure: dict, key: str, **where) -> dict:
    return {
        "id": key,
        "genre": where["genre"],
        "rapport": where.get("rapport"),
        "initiative": where.get("initiative"),
        "libelle": figure["libelle"],
        "valeur": figure["valeur"],
        "valeur_max": figure.get("valeur_max"),
        "unite": figure.get("unite"),
        "annee": figure.get("annee"),
        "approximatif": figure.get("approximatif", False),
        "plus_de": figure.get("plus_de", False),
        "statut": figure["statut"],
        "affirme_par": catalogue.who_says(figure),
        "note": figure.get("note"),
        "sources": figure["sources"],
        "extraits": figure.get("extraits", []),
    }


def figures_json(catalogue: Catalogue) -> str:
    return json.dumps({"licence": LICENCE, "chiffres": figures(catalogue)}, ensure_ascii=False, separators=(",", ":")) + "\n"


def figures_csv(catalogue: Catalogue) -> str:
    """One line per figure, as initiatives.csv: « ; », UTF-8 with BOM."""
    rows = []
    for row in figures(catalogue):
        flat = dict(row)
        for key in ("approximatif", "plus_de"):
            flat[key] = "true" if row[key] else "false"
        flat["sources"] = "|".join(row["sources"])
        flat["extraits"] = " || ".join(f"{item['source']} : « {item['texte']} » ({item['ou']})" for item in row["extraits"])
        rows.append(flat)
    return _csv(FIGURE_COLUMNS, rows)


def figure_sources_csv(catalogue: Catalogue) -> str:
    """The link table between figures and their sources: one line per (figure, source) pair,
    so that each figure's sources can be joined to sources.csv (chiffres.csv keeps its list)."""
    rows = [
        {"chiffre": row["id"], "source": source, "rang": rank}
        for row in figures(catalogue)
        for rank, source in enumerate(row["sources"], start=1)
    ]
    return _csv(FIGURE_SOURCE_COLUMNS, rows)


def sources_csv(catalogue: Catalogue) -> str:
    """One line per source, the copy consulted flattened into two columns."""
    rows = []
    for source in catalogue.records.get("sources", []):
        copy = source.get("copie_consultee", {})
        row = {name: source.get(name) for name in SOURCE_COLUMNS}
        row.update(
            copie_consultee_url=copy.get("url"),
            copie_consultee_site=copy.get("site"),
            texte_du_labo="true" if source.get("texte_du_labo") else "false",
        )
        rows.append(row)
    return _csv(SOURCE_COLUMNS, rows)


def _csv(columns: dict, rows: list[dict]) -> str:
    """« ; » as separator, UTF-8 with BOM, as the other CSV files; an absent value is empty."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if row.get(key) is None else row[key] for key in columns})
    return "\ufeff" + buffer.getvalue()


def sources_json(catalogue: Catalogue) -> str:
    """Every source: author, original publisher, address, copy consulted and other copies, archive, date."""
    fields = (
        "id",
        "titre",
        "auteur",
        "editeur",
        "url",
        "reference",
        "date",
        "texte_du_labo",
        "copie_consultee",
        "autres_copies",
        "archive",
        "note",
    )
    rows = [{name: source[name] for name in fields if name in source} for source in catalogue.records.get("sources", [])]
    return json.dumps({"licence": LICENCE, "sources": rows}, ensure_ascii=False, indent=1) + "\n"
