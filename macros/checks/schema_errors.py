"""JSON Schema violations of a data file, reported as located French problems."""

from __future__ import annotations

import re
from pathlib import Path

from macros.checks import characters, french_numbers
from macros.model.schema import TODO, fast_validator, validator_for
from macros.model.yaml_source import YamlDocument, leaves
from macros.problems import NBSP, NNBSP, Problem, guillemets, suggestion

_TYPE_FR = {
    "string": "une chaîne de caractères (texte)",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "un booléen (true ou false)",
    "array": f"une liste (lignes commençant par {guillemets('-')})",
    "object": "un dictionnaire (clés et valeurs)",
    "null": "une valeur vide",
}


def describe(value: object) -> str:
    """A received value, as an editor would recognise it."""
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return f"le booléen {str(value).lower()}"
    if isinstance(value, int):
        return f"le nombre {value}"
    if isinstance(value, float):
        return f"le nombre {str(value).replace('.', ',')}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "…"
        return f"le texte {guillemets(shown)}" if value else "un texte vide"
    if isinstance(value, list):
        return f"une liste de {len(value)} élément{'s' if len(value) > 1 else ''}"
    if isinstance(value, dict):
        return "un dictionnaire"
    return repr(value)


def _keys(schema: dict) -> str:
    """« annee » (obligatoire), « precision », « sources » (obligatoire): the keys of an object."""
    required = set(schema.get("required", []))
    return ", ".join(f"{guillemets(name)}{' (obligatoire)' if name in required else ''}" for name in schema.get("properties", {}))


def _wanted(types: list, schema: dict) -> str:
    """What a type error expected, with the keys of a dictionary or of a list's items."""
    wanted = " ou ".join(_TYPE_FR.get(t, t) for t in types)
    if "object" in types and schema.get("properties"):
        wanted = f"un dictionnaire avec les clés {_keys(schema)}"
    elif "array" in types and schema.get("items", {}).get("properties"):
        wanted = f"une liste (lignes commençant par {guillemets('-')}) d'éléments avec les clés {_keys(schema['items'])}"
    return wanted


def _quoted_hint(instance, schema: dict) -> str:
    """How to write a number as the text the schema wants: « "01" » for a département 1."""
    pattern = schema.get("pattern")
    candidates = [str(instance)]
    if isinstance(instance, int) and instance >= 0:
        candidates.append(f"{instance:02d}")
    for text in candidates:
        if not pattern or re.search(pattern, text):
            return f'Mettez la valeur entre guillemets pour qu\'elle reste un texte{NBSP}: "{text}".'
    return f"Mettez la valeur entre guillemets pour qu'elle reste un texte ({_expected_of(schema)})."


def _expected_of(schema: dict) -> str:
    return schema.get("x-attendu") or schema.get("description") or "une autre valeur"


def _expected(error) -> str:
    schema = error.schema
    return schema.get("x-attendu") or schema.get("description") or "une autre valeur"


def _explain(error) -> tuple[str, str | None, tuple]:
    """(message, hint, path to point at) for one schema error."""
    keyword, value, instance = error.validator, error.validator_value, error.instance
    path = tuple(error.absolute_path)
    received = f"reçu {describe(instance)}"
    hint: str | None  # what to write instead, when it can be told
    # A rule written with if/then/else or not carries its own French message.
    if isinstance(error.schema, dict) and "x-message" in error.schema:
        return error.schema["x-message"], None, path
    if keyword == "required":
        missing = missing_field(error)
        # A field may say what to write when it is missing (« x-si-absent »).
        hint = error.schema.get("properties", {}).get(missing, {}).get("x-si-absent")
        return f"champ obligatoire {guillemets(missing)} absent.", _spaced(hint) if hint else None, path
    if keyword == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = [key for key in instance if key not in allowed]
        key = extra[0]
        hidden = characters.explanation(key)
        if hidden:
            # A key that looks right: the character to retype is named, not guessed at.
            return f"champ inconnu {guillemets(characters.shown(key))}{NBSP}: {hidden}", None, path + (key,)
        close = suggestion(key, allowed)
        hint = f"Vouliez-vous dire {guillemets(close)}{NNBSP}?" if close else (f"Champs possibles{NBSP}: {', '.join(allowed)}.")
        return f"champ inconnu {guillemets(key)}.", hint, path + (key,)
    if keyword == "type":
        types = value if isinstance(value, list) else [value]
        wanted = _wanted(types, error.schema)
        hint = None
        if isinstance(instance, str) and instance.lower() in {"yes", "no", "on", "off", "oui", "non", "y", "n"} and "boolean" in types:
            hint = "Écrivez true ou false."
        elif isinstance(instance, (int, float)) and not isinstance(instance, bool) and "string" in types:
            hint = _quoted_hint(instance, error.schema)
        elif isinstance(instance, str) and ("number" in types or "integer" in types):
            # « 1 300 », « 1,5 », « 12 % »: a French-written number, and what to write instead.
            hint = french_numbers.text_hint(instance, figure=bool(path) and path[-1] in ("valeur", "valeur_max"))
        return f"{received}{NNBSP}; attendu {wanted}.", hint, path
    if keyword == "enum":
        choices = ", ".join(guillemets(choice) for choice in value)
        close = suggestion(instance, value)
        hint = f"Vouliez-vous dire {guillemets(close)}{NNBSP}?" if close else None
        return f"{received}{NNBSP}; valeurs possibles{NBSP}: {choices}.", hint, path
    if keyword == "pattern":
        if isinstance(instance, str) and value.startswith("^https?://"):
            explained = _url_explanation(instance)
            if explained:
                return f"{received}{NNBSP}; {explained[0]}", explained[1], path
        hidden = characters.explanation(instance) if isinstance(instance, str) else None
        return (f"{received}{NNBSP}; attendu {_expected(error)}.", hidden[0].upper() + hidden[1:] if hidden else None, path)
    if keyword in ("minimum", "maximum"):
        bound = "au moins" if keyword == "minimum" else "au plus"
        return f"{received}{NNBSP}; attendu {bound} {value} ({_expected(error)}).", None, path
    if keyword == "minLength":
        if instance == "":
            return f"texte vide{NNBSP}; supprimez le champ si la valeur est inconnue.", None, path
        return f"{received}{NNBSP}; attendu au moins {value} caractères.", None, path
    if keyword == "maxLength" and error.schema.get("x-verbatim"):
        # An excerpt is the source's own words: shortened by cuts, never moved into our prose.
        return (
            f"extrait de {len(instance)} caractères{NNBSP}; au plus {value}, soit {len(instance) - value} de trop.",
            f"Gardez les mots qui attestent le fait, recopiés tels quels, et remplacez chaque passage coupé par "
            f"{guillemets('[…]')}{NNBSP}; ne recopiez pas le reste dans la monographie, qui est écrite avec nos mots.",
            path,
        )
    if keyword == "maxLength":
        return (
            (f"texte de {len(instance)} caractères{NNBSP}; au plus {value} attendus (placez les développements dans la monographie)."),
            None,
            path,
        )
    if keyword == "minItems":
        return f"liste vide{NNBSP}; au moins {value} élément{'s' if value > 1 else ''} attendu{'s' if value > 1 else ''}.", None, path
    if keyword == "uniqueItems":
        return "la liste contient deux fois la même valeur.", None, path
    if keyword == "anyOf" and all(set(branch) == {"required"} for branch in value):
        names = " ou ".join(guillemets(name) for branch in value for name in branch["required"])
        return f"il faut au moins l'un des champs {names}.", None, path
    return f"{received}{NNBSP}; valeur non conforme au schéma ({keyword}).", None, path


def _url_explanation(address: str) -> tuple[str, str] | None:
    """(what is wrong, what to write) for an address that is almost one: a space in it (a pasted
    address cut in two), or no « https:// » before « www. »."""
    space = re.search(r"\s", address)
    if space and re.match(r"https?://", address):
        before = address[: space.start()]
        shown = before if len(before) <= 50 else "…" + before[-49:]
        kind = "une espace insécable" if space.group() == NBSP else "une espace"
        fixed = re.sub(r"\s+", "%20", address)
        return (
            f"l'adresse contient {kind} après {guillemets(shown)}{NBSP}: une adresse web n'en a jamais.",
            f"Recopiez l'adresse depuis la barre d'adresse du navigateur{NNBSP}; si l'espace fait partie de "
            f"l'adresse, écrivez-la %20{NBSP}: {guillemets(fixed)}.",
        )
    if address.startswith("www."):
        return (
            f"attendu une adresse web complète, qui commence par {guillemets('https://')}.",
            f"Écrivez {guillemets('https://' + address)}.",
        )
    return None


def _spaced(text: str) -> str:
    """A schema's French text with the no-break spaces of the messages (JSON has plain ones)."""
    for plain, spaced in ((" :", f"{NBSP}:"), (" ;", f"{NNBSP};"), ("« ", f"«{NBSP}"), (" »", f"{NBSP}»")):
        text = text.replace(plain, spaced)
    return text


def missing_field(error) -> str:
    """The field a « required » error is about: jsonschema gives one error per missing field,
    each with the whole list of required fields, and names the field in its message only."""
    missing = [name for name in error.validator_value if isinstance(error.instance, dict) and name not in error.instance]
    named = [name for name in missing if error.message.startswith(f"{name!r} ")]
    return (named or missing or list(error.validator_value))[0]


def schema_problems(document: YamlDocument, schema_path: Path, record_name) -> list[Problem]:
    """All schema violations of a document, each located at its line and column.

    `record_name(path)` names the record a path belongs to (for instance « initiative
    « eusko » »), so that a message says which entity is concerned.
    """
    # Valid data (nearly always) is confirmed by the compiled validator, ~30 times faster;
    # only invalid data goes through jsonschema, whose errors we translate into French.
    if fast_validator(schema_path.resolve()).is_valid(document.data) and TODO not in str(document.data):
        return []
    validator = validator_for(schema_path.resolve())
    # In a list of records, the first step of a path is the record's index.
    skip = 1 if isinstance(document.data, list) else 0
    problems = []
    # Values left as the scaffold's placeholder are reported as such, not as type errors.
    placeholders = {path for path, value in leaves(document.data) if value == TODO}
    for path in sorted(placeholders, key=lambda p: document.position(p)):
        line, column = document.position(path)
        problems.append(
            Problem(
                document.path,
                line,
                column,
                f"valeur à compléter (encore {guillemets(TODO)}).",
                record=record_name(path),
                field_path=field_path(path[skip:]) or None,
            )
        )
    errors = list(validator.iter_errors(document.data))
    # A key typed with a hidden character is one slip, not also « champ obligatoire absent ».
    retyped = {
        (tuple(error.absolute_path), characters.cleaned(key))
        for error in errors
        if error.validator == "additionalProperties"
        for key in error.instance
        if key not in error.schema.get("properties", {}) and characters.suspicious(key)
    }
    for error in errors:
        if error.validator == "required" and (tuple(error.absolute_path), missing_field(error)) in retyped:
            continue
        message, hint, path = _explain(error)
        if tuple(error.absolute_path) in placeholders:
            continue
        # An unknown key is best shown on the key itself; other errors on the value.
        line, column = document.position(path, key=error.validator in ("additionalProperties",))
        problems.append(
            Problem(
                document.path,
                line,
                column,
                message,
                record=record_name(path),
                field_path=field_path(path[skip:]) or None,
                hint=hint,
                # An unknown key may be a key that slipped left (diagnosis.diagnose_fields).
                kind="champ-inconnu" if error.validator == "additionalProperties" else None,
            )
        )
    return problems


def field_path(path) -> str:
    """A dotted field path, list items numbered from 1: chiffres_cles[2].valeur."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            part = characters.shown(part)
            text += f".{part}" if text else part
    return text
