"""Addresses that never break: a monograph's address, once published, keeps leading somewhere.

- An initiative whose id changed keeps its former ids in `anciens_ids`: each former address
  becomes a page that sends the reader on to the current one (renderer/redirects.py).
- A withdrawn initiative is declared in data/retraits.yaml: its address becomes a page that says
  when and why, and where to look instead.
- data/publie/ids.txt lists the ids of the last published site (written by `make publier-liste`,
  with the published figures): each must still be a current id, a former id or a withdrawn one.
  Otherwise `make check` names the id and the two ways out, at the line of the entry that most
  likely took its place (a new id), or at its line of the list when no entry did.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from macros.checks.schema_errors import field_path
from macros.model.collections import COLLECTIONS, DataPaths, record_name
from macros.model.yaml_source import YamlDocument
from macros.problems import NBSP, NNBSP, Problem, guillemets, suggestion

IDS_LIST = "publie/ids.txt"
WITHDRAWN_FILE = "data/retraits.yaml"
_HEADER = (
    "# Identifiants des monographies du site publié (make publier-liste, après chaque mise en ligne) :\n"
    "# chacun reste une initiative, l'un de ses anciens_ids ou une entrée de data/retraits.yaml.\n"
)


def former_ids(initiatives: list[dict]) -> dict[str, str]:
    """Former id → current id of its initiative."""
    return {former: item["id"] for item in initiatives for former in item.get("anciens_ids", [])}


def addresses(initiatives: list[dict], withdrawn: list[dict]) -> list[str]:
    """Every monograph id the site answers for: current, former and withdrawn."""
    return sorted({item["id"] for item in initiatives} | set(former_ids(initiatives)) | {item["id"] for item in withdrawn})


def read_ids(path: Path) -> dict[str, int]:
    """The published ids and their line in the list (comments and blank lines skipped)."""
    if not path.is_file():
        return {}
    found: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if text and not text.startswith("#"):
            found.setdefault(text, number)
    return found


def write_ids(ids: list[str]) -> str:
    return _HEADER + "".join(f"{key}\n" for key in sorted(ids))


def check_addresses(paths: DataPaths, initiatives: YamlDocument, withdrawals: list[YamlDocument]) -> list[Problem]:
    """Former and withdrawn ids that clash, « voir » that leads nowhere, published ids lost."""
    problems = []
    docs = paths.project_dir / paths.docs_dir
    pages = {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")}

    def problem(document: YamlDocument, path: tuple, message: str, hint: str | None = None, collection: str = "initiatives") -> None:
        line, column = document.position(path)
        problems.append(
            Problem(
                document.path,
                line,
                column,
                message,
                record=record_name(document.data, COLLECTIONS[collection])(path),
                field_path=field_path(path[1:]) or None,
                hint=hint,
            )
        )

    current = {item["id"]: index for index, item in enumerate(initiatives.data)}
    former: dict[str, str] = {}
    for index, item in enumerate(initiatives.data):
        for position, key in enumerate(item.get("anciens_ids", [])):
            where = (index, "anciens_ids", position)
            if key in current:
                problem(
                    initiatives,
                    where,
                    f"{guillemets(key)} est l'id actuel "
                    f"{'de cette initiative' if key == item['id'] else 'd’une autre initiative'}{NNBSP}; "
                    "un ancien id n'est plus celui d'aucune initiative.",
                )
            elif key in former:
                problem(
                    initiatives,
                    where,
                    f"{guillemets(key)} est déjà un ancien id de l'initiative "
                    f"{guillemets(former[key])}{NNBSP}; une ancienne adresse ne mène qu'à une page.",
                )
            else:
                former[key] = item["id"]
    withdrawn: dict[str, int] = {}
    for document in withdrawals:
        for index, item in enumerate(document.data):
            key = item["id"]
            if key in current or key in former:
                owner = key if key in current else former[key]
                problem(
                    document,
                    (index, "id"),
                    f"{guillemets(key)} est {'l’id' if key in current else 'un ancien id'} de l'initiative "
                    f"{guillemets(owner)}, toujours publiée{NNBSP}; retirez-la de data/initiatives.yaml, "
                    "ou retirez cette entrée.",
                    collection="retraits",
                )
            withdrawn.setdefault(key, index)
            for position, target in enumerate(item["voir"]):
                if "initiative" in target and target["initiative"] not in current:
                    moved = former.get(target["initiative"])
                    close = moved or suggestion(target["initiative"], list(current))
                    problem(
                        document,
                        (index, "voir", position, "initiative"),
                        f"initiative {guillemets(target['initiative'])} inconnue{NNBSP}; donnez l'id d'une "
                        "initiative de data/initiatives.yaml.",
                        f"Vouliez-vous dire {guillemets(close)}{NNBSP}?" if close else None,
                        collection="retraits",
                    )
                elif "page" in target and target["page"] not in pages:
                    close = suggestion(target["page"], pages)
                    problem(
                        document,
                        (index, "voir", position, "page"),
                        f"page {guillemets(target['page'])} inconnue{NNBSP}; donnez le chemin d'un fichier de {paths.docs_dir}/.",
                        f"Vouliez-vous dire {guillemets(close)}{NNBSP}?" if close else None,
                        collection="retraits",
                    )
    return problems + _published_ids_kept(paths, initiatives, set(current) | set(former) | set(withdrawn))


def _published_ids_kept(paths: DataPaths, initiatives: YamlDocument, answered: set[str]) -> list[Problem]:
    """Each published id still has its page; else the message, at the likeliest entry."""
    listed = read_ids(paths.data(IDS_LIST))
    lost = [key for key in listed if key not in answered]
    if not lost:
        return []
    name = record_name(initiatives.data)
    new = {item["id"]: index for index, item in enumerate(initiatives.data) if item["id"] not in listed}
    list_path = paths.display(paths.data(IDS_LIST))
    problems = []
    for key in lost:
        lost_text = (
            f"l'id {guillemets(key)}, publié à l'adresse monographies/{key}/, n'est plus celui d'aucune "
            f"initiative{NNBSP}; une adresse publiée ne doit pas mener nulle part."
        )
        keep = f"ajoutez {guillemets(f'anciens_ids: [{key}]')}"
        withdraw = (
            f"déclarez-la dans {WITHDRAWN_FILE} (id, nom, date, raison, et voir{NBSP}: où regarder à la "
            "place), son adresse dira qu'elle est retirée"
        )
        candidate = _likely_successor(key, list(new))
        if candidate:
            line, column = initiatives.position((new[candidate], "id"))
            problems.append(
                Problem(
                    initiatives.path,
                    line,
                    column,
                    f"{lost_text} Si cette initiative est {guillemets(key)} sous un nouvel id, {keep} à cette entrée "
                    f"(l'ancienne adresse renverra vers la nouvelle){NNBSP}; si {guillemets(key)} est retirée du site, "
                    f"{withdraw}.",
                    record=name((new[candidate],)),
                    field_path="id",
                )
            )
        else:
            problems.append(
                Problem(
                    list_path,
                    listed[key],
                    1,
                    f"{lost_text} Si l'initiative a changé d'id, {keep} à son entrée dans data/initiatives.yaml "
                    f"(l'ancienne adresse renverra vers la nouvelle){NNBSP}; si elle est retirée du site, {withdraw}.",
                )
            )
    return problems


def _likely_successor(lost: str, new: list[str]) -> str | None:
    """The new id that most likely replaced `lost`: a close spelling, or one that contains it
    or starts with its first word (eusko → eusko-monnaie-locale). Only a new id: one added since
    the publication, which may also be a new initiative, hence the message's « if »."""
    words = lost.split("-")
    related = [key for key in new if lost in key or key in lost or key.split("-")[0] == words[0]]
    close = suggestion(lost, new)
    if close:
        return close
    if related:
        return max(related, key=lambda key: difflib.SequenceMatcher(None, lost, key).ratio())
    return None
