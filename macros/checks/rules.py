"""Rules a schema cannot express, checked across records once each file is valid.

Unique ids, known source keys, département and région that agree, real calendar dates,
links to existing factors, models and proposals, coordinates inside their département.
Each check returns located `Problem`s; none raises.
"""

from __future__ import annotations

import datetime

from macros.checks import characters, french_numbers
from macros.checks.schema_errors import field_path
from macros.model import geo
from macros.model.collections import COLLECTIONS, LINKS, Collection, DataPaths, record_name
from macros.model.completeness import dotted_value
from macros.model.yaml_source import JsonPath, YamlDocument
from macros.problems import NBSP, NNBSP, Problem, guillemets, suggestion


def check_keys(collection: Collection, documents: list[YamlDocument]) -> list[Problem]:
    """A record's id is unique across all the files of its collection."""
    problems = []
    first_seen: dict[str, tuple[YamlDocument, int]] = {}
    for document in documents:
        name = record_name(document.data, collection)
        for index, record in enumerate(document.data):
            key = record[collection.key]
            if key in first_seen:
                other, other_index = first_seen[key]
                where = f"{other.path}:{other.position((other_index, collection.key))[0]}"
                line, column = document.position((index, collection.key))
                problems.append(
                    Problem(
                        document.path,
                        line,
                        column,
                        f"identifiant déjà utilisé ({where}){NNBSP}; chaque {collection.key} doit être unique.",
                        record=name((index,)),
                        field_path=collection.key,
                    )
                )
            else:
                first_seen[key] = (document, index)
    return problems


def check_figures(documents: list[YamlDocument]) -> list[Problem]:
    """A charted figure needs its bar label; a range goes upwards."""
    problems = []
    for document in documents:
        name = record_name(document.data, COLLECTIONS["chiffres"])
        for index, figure in enumerate(document.data):
            if "serie" in figure and "categorie" not in figure:
                line, column = document.position((index, "serie"))
                problems.append(
                    Problem(
                        document.path,
                        line,
                        column,
                        f"un chiffre d'une série doit avoir sa {guillemets('categorie')} (libellé court de la barre).",
                        record=name((index,)),
                        field_path="categorie",
                    )
                )
            problems += _ambiguous_numbers(document, (index,), name((index,)), "")
            if "valeur_max" in figure and figure["valeur_max"] < figure["valeur"]:
                line, column = document.position((index, "valeur_max"))
                problems.append(
                    Problem(
                        document.path,
                        line,
                        column,
                        "la borne haute est plus petite que la valeur.",
                        record=name((index,)),
                        field_path="valeur_max",
                    )
                )
    return problems


def _ambiguous_numbers(document: YamlDocument, path: tuple, record: str | None, prefix: str) -> list[Problem]:
    """A figure's `valeur` or `valeur_max` typed like `1.050`: thousands or decimals?"""
    problems = []
    for key in ("valeur", "valeur_max"):
        raw = document.number_text.get(path + (key,))
        message = french_numbers.ambiguous_number(raw) if raw else None
        if message:
            line, column = document.position(path + (key,))
            problems.append(Problem(document.path, line, column, message, record=record, field_path=f"{prefix}{key}"))
    return problems


def _hint(received, known) -> str | None:
    """The hidden character of an id that looks right, or else the closest known id."""
    hidden = characters.explanation(received) if isinstance(received, str) else None
    if hidden:
        return hidden[0].upper() + hidden[1:]
    close = suggestion(received, known)
    return f"Vouliez-vous dire {guillemets(close)}{NNBSP}?" if close else None


def check_initiatives(document: YamlDocument, departements: dict) -> list[Problem]:
    problems = []
    name = record_name(document.data)

    def problem(path, message, hint=None, key=False):
        line, column = document.position(path, key=key)
        problems.append(
            Problem(document.path, line, column, message, record=name(path), field_path=field_path(path[1:]) or None, hint=hint)
        )

    for index, initiative in enumerate(document.data):
        territory = initiative["territoire"]
        code = territory["departement"]
        if code not in departements:
            problem((index, "territoire", "departement"), f"département {guillemets(code)} absent du référentiel des départements.")
        elif departements[code]["region"] != territory["region"]:
            expected = departements[code]["region"]
            problem(
                (index, "territoire", "region"),
                f"reçu {guillemets(territory['region'])}{NNBSP}; le département {code} "
                f"({departements[code]['nom']}) est en {guillemets(expected)}.",
            )

        for path, date in _dates(initiative, (index,)):
            if isinstance(date, str) and len(date) == 10:
                try:
                    datetime.date.fromisoformat(date)
                except ValueError:
                    problem(path, f"la date {guillemets(date)} n'existe pas dans le calendrier.")

        for figure_index, figure in enumerate(initiative.get("chiffres_cles", [])):
            figure_path = (index, "chiffres_cles", figure_index)
            problems += _ambiguous_numbers(document, figure_path, name(figure_path), f"{field_path(figure_path[1:])}.")
            if "valeur_max" in figure and figure["valeur_max"] < figure["valeur"]:
                problem(
                    (index, "chiffres_cles", figure_index, "valeur_max"),
                    f"la borne haute ({figure['valeur_max']}) est plus petite que la valeur ({figure['valeur']}).",
                )
    return problems


def check_links(document: YamlDocument, records: dict[str, list[dict]]) -> list[Problem]:
    """Each link from an initiative names an existing factor, model or proposal."""
    problems = []
    name = record_name(document.data)
    for index, initiative in enumerate(document.data):
        for field_name, key, collection, family in LINKS:
            known = {item["id"]: item for item in records.get(collection, []) if family is None or item.get("famille") == family}
            for position, link in enumerate(initiative.get(field_name, [])):
                if link[key] in known:
                    continue
                path = (index, field_name, position, key)
                line, column = document.position(path)
                noun = COLLECTIONS[collection].noun + (f" de la famille {guillemets(family)}" if family else "")
                problems.append(
                    Problem(
                        document.path,
                        line,
                        column,
                        f"{noun} {guillemets(link[key])} inconnu.",
                        record=name(path),
                        field_path=field_path(path[1:]),
                        hint=_hint(link[key], known),
                    )
                )
    return problems


def check_ptce(documents: list[YamlDocument], initiative_ids: set, departements: dict) -> list[Problem]:
    """A PTCE names an existing initiative, and its région matches its département."""
    problems = []
    for document in documents:
        name = record_name(document.data, COLLECTIONS["ptce"])
        for index, item in enumerate(document.data):
            if "initiative" in item and item["initiative"] not in initiative_ids:
                line, column = document.position((index, "initiative"))
                problems.append(
                    Problem(
                        document.path,
                        line,
                        column,
                        f"initiative {guillemets(item['initiative'])} inconnue.",
                        record=name((index,)),
                        field_path="initiative",
                        hint=_hint(item["initiative"], initiative_ids),
                    )
                )
            expected = departements.get(item["departement"], {}).get("region")
            if expected and expected != item["region"]:
                line, column = document.position((index, "region"))
                problems.append(
                    Problem(
                        document.path,
                        line,
                        column,
                        f"reçu {guillemets(item['region'])}{NBSP}; le département {item['departement']} est en {guillemets(expected)}.",
                        record=name((index,)),
                        field_path="region",
                    )
                )
    return problems


def check_coordinates(paths: DataPaths, documents: list[tuple[YamlDocument, str]]) -> list[Problem]:
    """Coordinates lie in (or within a few km of) the département they claim."""
    outline = paths.outline()
    problems = []
    for document, coordinates_path in documents:
        name = record_name(document.data, COLLECTIONS["ptce"] if coordinates_path == "coordonnees" else COLLECTIONS["initiatives"])
        for index, record in enumerate(document.data):
            holder = record["territoire"] if coordinates_path == "territoire.coordonnees" else record
            point = holder.get("coordonnees")
            if not point:
                continue
            code = holder["departement"]
            _, _, km = geo.locate(outline, code, point["longitude"], point["latitude"])
            if km > geo.TOLERANCE_KM:
                path: JsonPath = (index, *coordinates_path.split("."))
                line, column = document.position(path)
                problems.append(
                    Problem(
                        document.path,
                        line,
                        column,
                        f"le point ({point['latitude']}, {point['longitude']}) est à {round(km)}{NBSP}km du département "
                        f"{code}{NNBSP}; latitude et longitude inversées, ou mauvais département{NNBSP}?",
                        record=name((index,)),
                        field_path=coordinates_path,
                    )
                )
    return problems


def _dates(initiative: dict, path: tuple):
    for index, milestone in enumerate(initiative.get("jalons", [])):
        yield path + ("jalons", index, "date"), milestone["date"]


def missing_coordinates(document, coordinates_path: str, record_name) -> list[Problem]:
    """Warnings for the records the map and the GeoJSON export must leave out."""
    warnings = []
    holder_path = tuple(coordinates_path.split("."))[:-1]
    for index, record in enumerate(document.data):
        holder = dotted_value(record, ".".join(holder_path)) if holder_path else record
        if isinstance(holder, dict) and "coordonnees" not in holder:
            path = (index, *holder_path) if holder_path else (index, "id")
            line, column = document.position(path, key=True)
            where = f" dans {guillemets(holder_path[-1])}" if holder_path else ""
            warnings.append(
                Problem(
                    document.path,
                    line,
                    column,
                    f"coordonnées absentes{NBSP}: cette entrée ne figure ni sur la carte (page "
                    f"{guillemets('Carte')}) ni dans le GeoJSON des données ouvertes (donnees/initiatives.geojson)"
                    f"{NNBSP}; ajoutez{where} {guillemets('coordonnees: {latitude: …, longitude: …, precision: approximative}')}"
                    ", d'après une source.",
                    record=record_name((index,)),
                    field_path=coordinates_path,
                    warning=True,
                )
            )
    return warnings
