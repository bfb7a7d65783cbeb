"""How complete the data is: per initiative, which fields are filled, which are missing.

Shown on the « État des données » page and exported as JSON, so that maintainers see at a
glance what remains to be found or sourced.
"""

from __future__ import annotations

from macros.model.claims import claims

# Optional fields of an initiative that a complete record has (a test keeps this list in
# step with the schema). nom_complet is left out: it exists only when it differs.
FIELDS = {
    "territoire.perimetre": "Périmètre",
    "territoire.autres_communes": "Autres communes",
    "territoire.coordonnees": "Coordonnées",
    "creation": "Année de création",
    "jalons": "Repères chronologiques",
    "forme_juridique": "Forme juridique",
    "structure_porteuse": "Structure porteuse",
    "thematiques": "Thématiques",
    "chiffres_cles": "Chiffres clés",
    "site_web": "Site web",
    "gouvernance": "Gouvernance",
    "modele_economique": "Modèle économique",
    "facteurs_illustres": "Facteurs illustrés",
    "modeles_gouvernance": "Lien vers un modèle de gouvernance",
    "modeles_economiques": "Lien vers un modèle économique",
    "propositions_liees": "Recommandations liées",
}


def dotted_value(record: dict, dotted: str):
    value = record
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def initiative_completeness(initiative: dict, sources: dict[str, dict]) -> dict:
    filled = [name for name in FIELDS if dotted_value(initiative, name) not in (None, [], "")]
    missing = [name for name in FIELDS if name not in filled]
    facts = [claim["sources"] for _, claim in claims(initiative)]
    return {
        "id": initiative["id"],
        "nom": initiative["nom"],
        "statut_etude": initiative["etude"]["statut"],
        "champs_remplis": filled,
        "champs_manquants": missing,
        "taux_remplissage": round(100 * len(filled) / len(FIELDS)),
        "faits": len(facts),
        "faits_avec_source_en_ligne": sum(1 for refs in facts if any("url" in sources[ref] for ref in refs)),
        "faits_avec_extrait": sum(1 for _, claim in claims(initiative) if claim.get("extraits")),
    }


def completeness(initiatives: list[dict], study_size: int, sources: dict[str, dict]) -> dict:
    rows = [initiative_completeness(item, sources) for item in initiatives]
    return {
        "dynamiques_de_l_etude": study_size,
        "dynamiques_documentees": len(rows),
        "taux_global": round(sum(row["taux_remplissage"] for row in rows) / len(rows)) if rows else 0,
        "champs": FIELDS,
        "initiatives": rows,
    }
