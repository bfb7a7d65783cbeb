"""One row per place of the catalogue: the study's initiatives and the named PTCE.

The catalogue page, the map and the open-data exports all read this list, so that they
always agree on what is listed.
"""

from __future__ import annotations

from macros.model.catalogue import Catalogue

PTCE_STATUS = "PTCE cité (rapport « Relancer les PTCE »)"


def _first_year(record: dict) -> int | None:
    years = [int(str(item["date"])[:4]) for item in record.get("jalons", [])]
    return min(years) if years else None


def entries(catalogue: Catalogue) -> list[dict]:
    """Initiatives first (name order), then the PTCE that are not already initiatives."""
    rows = []
    also_ptce = {item["initiative"] for item in catalogue.records.get("ptce", []) if "initiative" in item}
    for item in sorted(catalogue.initiatives, key=lambda record: record["nom"].casefold()):
        territory = item["territoire"]
        coordinates = territory.get("coordonnees", {})
        rows.append(
            {
                "genre": "initiative",
                "id": item["id"],
                "nom": item["nom"],
                "type": item["type"],
                "type_libelle": catalogue.label("type", item["type"]),
                "commune": territory["commune"],
                "departement": territory["departement"],
                "departement_nom": catalogue.departements[territory["departement"]]["nom"],
                "region": territory["region"],
                "annee": item["creation"]["annee"] if "creation" in item else _first_year(item),
                "statut": item["etude"]["statut"],
                "statut_libelle": catalogue.label("statut", item["etude"]["statut"]),
                "thematiques": item.get("thematiques", []),
                "latitude": coordinates.get("latitude"),
                "longitude": coordinates.get("longitude"),
                "site_web": item.get("site_web"),
                "aussi_ptce": item["id"] in also_ptce,
            }
        )
    for item in catalogue.records.get("ptce", []):
        if "initiative" in item:
            continue
        coordinates = item.get("coordonnees", {})
        rows.append(
            {
                "genre": "ptce",
                "id": item["id"],
                "nom": item["nom"],
                "type": "ptce",
                "type_libelle": catalogue.label("type", "ptce"),
                "commune": item["commune"],
                "departement": item["departement"],
                "departement_nom": catalogue.departements[item["departement"]]["nom"],
                "region": item["region"],
                "annee": _first_year(item),
                "statut": "ptce-cite",
                "statut_libelle": PTCE_STATUS,
                "thematiques": [item["thematique"]],
                "latitude": coordinates.get("latitude"),
                "longitude": coordinates.get("longitude"),
                "site_web": item.get("site_web"),
                "aussi_ptce": False,
            }
        )
    return rows
