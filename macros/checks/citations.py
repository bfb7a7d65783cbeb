"""Sources, citations and verbatim excerpts: the rules that make every claim checkable.

A source is one record of `data/sources.yaml`. A fact anywhere in the data cites sources by
id (its `sources` list) and may quote them word for word (its `extraits`). A fact says who
says it (`affirme_par`): a report of the Labo (`rapport`), a named third party (`tiers`), or
the editors of this site (`redaction`). The rules:

- every cited id exists, and every source is cited somewhere;
- an excerpt quotes one of the fact's own sources;
- a confirmed fact and a statement attributed to a report carry an excerpt — for a report,
  from a text of the Labo (a dynamic's place in the study always does: its schema says so);
- the editors' deductions, and only they, have the status « deduction »;
- a source's address is the original publication, never a document-mirror site (a copy
  read there is its `copie_consultee`).
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from macros.checks.schema_errors import field_path
from macros.model.claims import claims, mirror_host
from macros.model.collections import COLLECTIONS, record_name
from macros.model.yaml_source import YamlDocument
from macros.problems import NNBSP, Problem, guillemets, suggestion


class _Reporter:
    """Collects problems located in one document, naming the record concerned."""

    def __init__(self, document: YamlDocument, collection_name: str):
        self.document = document
        self.name = record_name(document.data, COLLECTIONS[collection_name])
        self.problems: list[Problem] = []

    def __call__(self, path: tuple, message: str, hint: str | None = None, key: bool = False, warning: bool = False) -> None:
        line, column = self.document.position(path, key=key)
        self.problems.append(
            Problem(
                self.document.path,
                line,
                column,
                message,
                record=self.name(path),
                field_path=field_path(path[1:]) or None,
                hint=hint,
                warning=warning,
            )
        )


def check_sources(document: YamlDocument, mirrors: list[str]) -> list[Problem]:
    """The source records themselves: no mirror as the original, real dates."""
    problem = _Reporter(document, "sources")
    for index, source in enumerate(document.data):
        host = mirror_host(source.get("url", ""), mirrors)
        if host:
            problem(
                (index, "url"),
                f"{host} est un site miroir qui recopie des documents{NNBSP}; il ne peut pas être l'adresse d'une source.",
                "Mettez cette adresse dans « copie_consultee » (url, site), et donnez en « url » "
                "l'adresse d'origine chez l'éditeur, ou à défaut une « reference » ; nommez "
                "l'auteur et l'éditeur d'origine.",
            )
        date = source.get("date")
        if isinstance(date, str) and len(date) == 10:
            try:
                datetime.date.fromisoformat(date)
            except ValueError:
                problem((index, "date"), f"la date {guillemets(date)} n'existe pas dans le calendrier.")
    return problem.problems


def bare_domain_warnings(document: YamlDocument) -> list[Problem]:
    """A source whose address is a site's home page cannot be traced to what it supports: a
    warning, unless its « note » says why no precise page is given."""
    problem = _Reporter(document, "sources")
    for index, source in enumerate(document.data):
        parts = urlsplit(source.get("url", ""))
        if parts.netloc and parts.path in ("", "/") and not parts.query and not source.get("note"):
            problem(
                (index, "url"),
                f"l'adresse {guillemets(source['url'])} est la page d'accueil d'un site{NNBSP}: un lecteur n'y "
                f"retrouve pas ce que la source appuie.",
                "Donnez l'adresse de la page précise (article, rapport, fiche) ; si le site n'en a pas, dites pourquoi dans « note ».",
                warning=True,
            )
    return problem.problems


def check_citations(document: YamlDocument, collection_name: str, sources: dict[str, dict]) -> list[Problem]:
    """Each fact of a document against the rules above (except « every source is cited »)."""
    problem = _Reporter(document, collection_name)
    for index, record in enumerate(document.data):
        if collection_name == "glossaire" and "source" in record and record["source"] not in sources:
            _unknown(problem, (index, "source"), record["source"], sources)
        for path, claim in claims(record, (index,)):
            _check_claim(problem, path, claim, sources)
    return problem.problems


def _unknown(problem: _Reporter, path: tuple, source_id: str, sources: dict) -> None:
    close = suggestion(source_id, sources)
    problem(
        path,
        f"source {guillemets(source_id)} inconnue{NNBSP}; elle doit avoir sa fiche dans data/sources.yaml.",
        f"Vouliez-vous dire {guillemets(close)}{NNBSP}?"
        if close
        else "Ajoutez sa fiche (id, titre, auteur, editeur, url ou reference) dans data/sources.yaml.",
    )


def _check_claim(problem: _Reporter, path: tuple, claim: dict, sources: dict[str, dict]) -> None:
    for position, source_id in enumerate(claim["sources"]):
        if source_id not in sources:
            _unknown(problem, path + ("sources", position), source_id, sources)
    excerpts = claim.get("extraits", [])
    for position, excerpt in enumerate(excerpts):
        if excerpt["source"] not in claim["sources"]:
            problem(
                path + ("extraits", position, "source"),
                f"cet extrait cite {guillemets(excerpt['source'])}, qui n'est pas dans les {guillemets('sources')} de ce fait.",
                "Ajoutez-la à la liste « sources » du fait.",
            )
    status, who = claim.get("statut"), claim.get("affirme_par")
    if status == "confirme" and not excerpts:
        problem(
            path + ("statut",),
            "fait confirmé sans extrait de sa source.",
            "Ajoutez un champ « extraits » (le passage exact de la source, 300 caractères au plus, "
            "et où il se trouve) ; si la source ne peut être citée mot pour mot, passez le statut à « secondaire ».",
        )
    if who == "rapport":
        from_labo = [excerpt for excerpt in excerpts if sources.get(excerpt["source"], {}).get("texte_du_labo")]
        if not from_labo:
            problem(
                path + ("affirme_par",),
                "attribué à un rapport sans extrait d'un texte du Labo de l'ESS.",
                "Citez mot pour mot le rapport, ou une page ou un communiqué du Labo (source "
                "marquée « texte_du_labo: true ») ; si c'est un tiers qui le dit, écrivez « affirme_par: tiers ».",
            )
        if status not in (None, "confirme"):
            problem(
                path + ("statut",),
                f"reçu {guillemets(status)} pour un fait attribué au rapport{NNBSP}; ce que le rapport "
                "dit, extrait à l'appui, est « confirme ».",
                "Si un tiers le rapporte sans qu'on ait lu le rapport, écrivez « affirme_par: tiers ».",
            )
    if status is not None and who is not None and (status == "deduction") != (who == "redaction"):
        problem(
            path + ("affirme_par",),
            f"reçu {guillemets(who)} avec le statut {guillemets(status)}{NNBSP}; une déduction est "
            "toujours celle de la rédaction, et la rédaction n'affirme que des déductions.",
            "Accordez « statut: deduction » et « affirme_par: redaction ».",
        )


def check_all_cited(document: YamlDocument, cited: set[str]) -> list[Problem]:
    """Every source record is cited by at least one fact (an uncited source is dead weight)."""
    problem = _Reporter(document, "sources")
    for index, source in enumerate(document.data):
        if source["id"] not in cited:
            problem((index, "id"), "source citée par aucun fait.", "Citez-la là où elle atteste un fait, ou supprimez sa fiche.")
    return problem.problems
