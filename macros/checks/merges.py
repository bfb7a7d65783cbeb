"""What a merge of two editors' branches could lose, caught before it is published.

- data/initiatives.yaml is kept in id order (`make trier` puts it back): two editors who each add
  an initiative on their own branch, with `make new` or by hand, add them in two different
  places, and git merges them without a conflict.
- When a conflict does happen, the usual slip is to keep the lines of both versions as they
  come: two entries' lines interleave, and the first one stops short while the second holds
  duplicate keys (the strict YAML reading refuses duplicates; here the message says that two
  entries were mixed, and how to restore each whole).
- Keeping one side only leaves the other's monograph without its entry: prose.py says so, and
  never suggests renaming it onto an existing file. A monograph renamed onto another's name
  anyway is caught here: each monograph names its initiative in its introduction.
- Two initiatives with the same name are refused: the second is a copy, or a mix of two.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

from macros.checks.schema_errors import field_path
from macros.model.collections import COLLECTIONS, Collection, DataPaths, record_name
from macros.model.entry_blocks import sort_key
from macros.model.schema import TODO
from macros.model.yaml_source import DUPLICATE, YamlDocument
from macros.problems import NBSP, NNBSP, Problem, guillemets

SORT_COMMAND = "make trier"
_DUPLICATE_KEY = re.compile(r"clé «\u00a0(?P<key>.+?)\u00a0» en double \(déjà présente ligne (?P<first>\d+)\)")
_RESTORE = (
    f"Rétablissez chaque entrée entière, l'une après l'autre{NBSP}: sa ligne {guillemets('- id: …')}, puis "
    "toutes ses clés, une fois chacune (la version de chaque branche est dans sa branche)."
)


def kept_in_order(keys: list[str]) -> set[int]:
    """The indexes of a longest run of entries already in order (a longest non-decreasing
    subsequence, the first one found): the others are the ones out of place."""
    tails: list[str] = []  # the smallest last key of a run of each length
    tail_index: list[int] = []
    previous: list[int | None] = []
    for index, key in enumerate(keys):
        length = bisect_right(tails, key)
        if length == len(tails):
            tails.append(key)
            tail_index.append(index)
        else:
            tails[length] = key
            tail_index[length] = index
        previous.append(tail_index[length - 1] if length else None)
    kept = set()
    current: int | None = tail_index[-1] if tail_index else None
    while current is not None:
        kept.add(current)
        current = previous[current]
    return kept


def order_problems(document: YamlDocument, collection: Collection) -> list[Problem]:
    """Each entry out of id order, at its « - id: » line, with its place and the command."""
    keys = [sort_key(item.get(collection.key)) if isinstance(item, dict) else "" for item in document.data]
    if all(a <= b for a, b in zip(keys, keys[1:])):
        return []
    kept = kept_in_order(keys)
    ordered = sorted(keys)
    place_of = {key: position for position, key in enumerate(ordered)}
    name = record_name(document.data, collection)
    problems = []
    for index, key in enumerate(keys):
        if index in kept:
            continue
        position = place_of[key]
        before = ordered[position - 1] if position else None
        after = ordered[position + 1] if position + 1 < len(ordered) else None
        if before and after:
            place = f"entre {guillemets(before)} et {guillemets(after)}"
        elif after:
            place = f"en tête, avant {guillemets(after)}"
        else:
            place = f"à la fin, après {guillemets(before)}"
        line, column = document.position((index, collection.key))
        problems.append(
            Problem(
                document.path,
                line,
                column,
                f"entrée hors de l'ordre alphabétique des {collection.key}{NBSP}: sa place est {place}. Les entrées "
                "sont gardées dans cet ordre pour que deux ajouts faits sur deux branches se fusionnent sans conflit.",
                record=name((index,)),
                field_path=collection.key,
                hint=f"Lancez {guillemets(SORT_COMMAND)}{NBSP}: il range les entrées sans rien changer d'autre.",
            )
        )
    return problems


def _and(items: list[str]) -> str:
    """« a, b et c »."""
    return f"{', '.join(items[:-1])} et {items[-1]}" if len(items) > 1 else "".join(items)


def _lines_of_entries(document: YamlDocument, count: int) -> list[tuple[int, int]]:
    """(first line, last line + 1) of each top-level entry, from where the parser saw it."""
    starts = [document.value_at.get((index,), (0, 0))[0] for index in range(count)]
    return list(zip(starts, starts[1:] + [10**9]))


def interleaved_entries(document: YamlDocument, problems: list[Problem], required: list[str], key: str = "id") -> list[Problem]:
    """Duplicate keys that come from two entries mixed by a merge, told as one message per mix.

    Two signs: a second `id` key inside an entry (another entry begins there without its
    « - »), or an entry that stops short of its required keys right above one with duplicates
    (the lines of both versions kept in turn). Any other duplicate is left as the reading
    reported it: a key written twice."""
    data = document.data
    duplicates = [(problem, _DUPLICATE_KEY.search(problem.message)) for problem in problems if problem.kind == DUPLICATE]
    if not isinstance(data, list) or not duplicates:
        return problems
    name = record_name(data)
    explained: set[int] = set()
    found = []
    for index, (first, end) in enumerate(_lines_of_entries(document, len(data))):
        inside = [(problem, match) for problem, match in duplicates if match and first <= (problem.line or 0) < end]
        entry = data[index]
        if not inside or not isinstance(entry, dict):
            continue
        key_column = document.position((index, key), key=True)[1]
        second_id = next((problem for problem, match in inside if match["key"] == key and problem.column == key_column), None)
        others = [(problem, match) for problem, match in inside if problem is not second_id]
        listed = f"{NNBSP}; ".join(f"{guillemets(match['key'])}, lignes {match['first']} et {problem.line}" for problem, match in others)
        above = data[index - 1] if index else None
        missing = [field for field in required if isinstance(above, dict) and field not in above and field in entry]
        mixed = f"une fusion a mêlé les lignes de deux entrées (les deux versions gardées ligne à ligne){NNBSP}; rien ne doit être perdu."
        if second_id is not None:
            line, column = second_id.line, second_id.column
            record = name((index,))
            doubled = f", et ses clés en double ({listed}) le confirment{NBSP}:" if others else f"{NBSP}:"
            message = (
                f"une deuxième clé {guillemets(key)} dans cette entrée{NBSP}: une autre entrée commence ici sans son tiret{doubled} {mixed}"
            )
        elif missing and isinstance(above, dict):
            line, column = document.position((index - 1, key))
            record = name((index - 1,))
            message = (
                f"cette entrée s'arrête après {_and([guillemets(field) for field in above])}, sans "
                f"{_and([guillemets(field) for field in missing])}, et l'entrée suivante, {guillemets(str(entry.get(key)))} "
                f"(ligne {first}), a des clés en double ({listed}){NBSP}: {mixed}"
            )
        else:
            continue
        found.append(Problem(document.path, line, column, f"{message} {_RESTORE}", record=record, kind="fusion"))
        explained.update(id(problem) for problem, _ in inside)
    return [problem for problem in problems if id(problem) not in explained] + found


def fold(text: str) -> str:
    """A name as compared: no accents, no case, any punctuation a space (« Clus’Ter » is « clus ter »)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(character for character in decomposed if not unicodedata.combining(character)).casefold()
    return " " + " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split()) + " "


def _introduction(text: str) -> tuple[int, str]:
    """The first line (from 1) and the text of what comes before the first heading."""
    lines = text.splitlines()
    end = next((number for number, line in enumerate(lines) if line.startswith("#")), len(lines))
    first = next((number for number in range(end) if lines[number].strip()), 0)
    return first + 1, "\n".join(lines[first:end])


def monograph_names(paths: DataPaths, document: YamlDocument, prose: dict[str, str]) -> list[Problem]:
    """Each monograph names its own initiative in its introduction, and no two initiatives share
    a name: a text renamed onto another's file, or two entries mixed, would publish one
    initiative's page with another's text."""
    initiatives = [item for item in document.data if isinstance(item, dict) and isinstance(item.get("id"), str)]
    names = {item["id"]: fold(item["nom"]) for item in initiatives if isinstance(item.get("nom"), str)}
    name = record_name(document.data, COLLECTIONS["initiatives"])
    problems = []
    seen: dict[str, int] = {}
    for index, item in enumerate(document.data):
        if not isinstance(item, dict) or not isinstance(item.get("nom"), str):
            continue
        folded = fold(item["nom"])
        if folded in seen:
            other = document.data[seen[folded]]
            line, column = document.position((index, "nom"))
            problems.append(
                Problem(
                    document.path,
                    line,
                    column,
                    f"{guillemets(item['nom'])} est déjà le nom de l'initiative {guillemets(str(other.get('id')))} "
                    f"(ligne {document.position((seen[folded], 'nom'))[0]}){NNBSP}; deux initiatives ne portent pas le "
                    f"même nom{NBSP}: si c'est la même, gardez une seule entrée{NNBSP}; si une fusion a mêlé deux "
                    "entrées, rétablissez chacune entière.",
                    record=name((index,)),
                    field_path=field_path(("nom",)),
                )
            )
        else:
            seen[folded] = index
    for item in initiatives:
        text = prose.get(item["id"])
        if text is None or item["id"] not in names:
            continue
        line, introduction = _introduction(text)
        if not introduction.strip() or TODO in introduction:
            continue  # an empty text or a placeholder is told by prose.py
        folded = fold(introduction)
        own = [item["nom"], item.get("nom_complet"), item["id"].replace("-", " ")]
        if any(isinstance(candidate, str) and fold(candidate) in folded for candidate in own):
            continue
        others = [
            other["nom"] for other in initiatives if other["id"] != item["id"] and other["id"] in names and names[other["id"]] in folded
        ]
        named = (
            f", mais {' et '.join(guillemets(other) for other in others)}, "
            f"{'le nom d’une autre initiative' if len(others) == 1 else 'les noms d’autres initiatives'}"
            if others
            else ""
        )
        shown = paths.display(paths.monographs() / f"{item['id']}.md")
        problems.append(
            Problem(
                shown,
                line,
                1,
                f"l'introduction ne nomme pas {guillemets(item['nom'])}, l'initiative de ce fichier{named}{NNBSP}; "
                f"est-ce bien son texte{NNBSP}? Une fusion ou un fichier renommé peut mettre sur sa page le texte "
                f"d'une autre. Si c'est le bon texte, nommez {guillemets(item['nom'])} dès l'introduction.",
                record=f"initiative {guillemets(item['id'])}",
            )
        )
    return problems
