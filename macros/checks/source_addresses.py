"""The addresses of the source records (data/sources.yaml): one record per address, and
https where the site is known to serve it.

- Two records with the same address are one source entered twice: the Sources page would list
  it twice, and facts would cite it under two ids. The address is compared without its scheme,
  « www. » and final « / » (http://www.site.fr/page/ is https://site.fr/page).
- An `http://` address of a site that other records cite in `https://` most likely answers in
  https too: a warning (only the site can tell), with the address to try.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from macros.checks.schema_errors import field_path
from macros.model.collections import COLLECTIONS, record_name
from macros.model.yaml_source import YamlDocument
from macros.problems import NBSP, NNBSP, Problem, guillemets

# The fields of a source record that hold an address, as paths inside the record (and the
# « url » of each of its « autres_copies »).
_ADDRESSES = (("url",), ("copie_consultee", "url"), ("archive",))


def _addresses(document: YamlDocument):
    """(path in the document, address) of every address of every record."""
    for index, source in enumerate(document.data):
        for fields in _ADDRESSES:
            value = source
            for name in fields:
                value = value.get(name) if isinstance(value, dict) else None
            if isinstance(value, str):
                yield (index, *fields), value
        for position, copy in enumerate(source.get("autres_copies", [])):
            if isinstance(copy, dict) and isinstance(copy.get("url"), str):
                yield (index, "autres_copies", position, "url"), copy["url"]


def host(address: str) -> str:
    """A site's name as the checks compare it: lowercase, without « www. »."""
    return (urlsplit(address).hostname or "").removeprefix("www.")


def _same_address(address: str) -> str:
    """An address as compared for duplicates: no scheme, no « www. », no final « / »."""
    parts = urlsplit(address)
    key = host(address) + parts.path.rstrip("/")
    return key + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def _says_why(records: list, path: tuple) -> bool:
    """The record (or the copy holding the address) explains in its `note` why http stays: the editor
    could not reach the https page, which only the site can settle."""
    holders, value = [], records
    for key in path[:-1]:  # every mapping from the record down to the one holding the address
        value = value[key]
        holders.append(value)
    return any(isinstance(h, dict) and "http" in str(h.get("note", "")).lower() for h in holders)


def source_address_problems(document: YamlDocument) -> tuple[list[Problem], list[Problem]]:
    """(problems, warnings): the same address under two ids; http where https is cited."""
    name = record_name(document.data, COLLECTIONS["sources"])

    def problem(path: tuple, message: str, hint: str, warning: bool = False) -> Problem:
        line, column = document.position(path)
        return Problem(document.path, line, column, message, record=name(path), field_path=field_path(path[1:]), hint=hint, warning=warning)

    problems, warnings = [], []
    first: dict[str, int] = {}  # address compared → index of the first record with it
    for index, source in enumerate(document.data):
        address = source.get("url")
        if not isinstance(address, str):
            continue
        key = _same_address(address)
        if key in first and first[key] != index:
            other = document.data[first[key]]["id"]
            line = document.position((first[key], "url"))[0]
            problems.append(
                problem(
                    (index, "url"),
                    f"même adresse que la source {guillemets(other)} ({document.path}:{line}){NNBSP}; c'est une seule "
                    "source entrée deux fois, que la page Sources listerait deux fois.",
                    f"Gardez une seule des deux fiches, et citez son id ({guillemets(other)}) là où {guillemets(source['id'])} est cité.",
                )
            )
        first.setdefault(key, index)
    secure: dict[str, tuple] = {}  # host → path of the first address cited in https
    for path, address in _addresses(document):
        if address.startswith("https://"):
            secure.setdefault(host(address), path)
    for path, address in _addresses(document):
        https = secure.get(host(address))
        if address.startswith("http://") and https and not _says_why(document.data, path):
            other = document.data[https[0]]["id"]
            line = document.position(https)[0]
            warnings.append(
                problem(
                    path,
                    f"l'adresse {guillemets(address)} commence par {guillemets('http://')}, alors que le même site, "
                    f"{host(address)}, est cité en {guillemets('https://')} (source {guillemets(other)}, "
                    f"{document.path}:{line}){NBSP}: la page s'ouvrirait sans chiffrement.",
                    f"Écrivez {guillemets('https://' + address.removeprefix('http://'))} si la page y répond "
                    f"(ouvrez-la dans le navigateur pour le vérifier){NNBSP}; sinon, dites-le dans le champ "
                    f"{guillemets('note')} de la fiche (une note qui parle de {guillemets('http')}).",
                    warning=True,
                )
            )
    return problems, warnings
