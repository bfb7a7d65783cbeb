"""The page macros, in one table: what a page of docs/ may call, as {{ chiffre("…") }}.

Each row names the macro as pages write it, the `Renderer` method that renders it, the kinds
of its text arguments, and the records it shows. The mkdocs-macros entry (`macros/__init__.py`)
registers one macro per row; `make check` reads the argument kinds to check every call before
any page is rendered (checks/page_calls.py); « Proposer une correction » and the sources page
read what each call shows (pages/provenance.py, pages/usage.py). Adding a macro is one row here
and one method of the renderer.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.model.collections import STUDY_SIZE_FIGURE


@dataclass(frozen=True)
class Shows:
    """Records a call shows, by collection of data/.

    `select` is one of: « id » (the record the argument names), « id+sources » (the same and
    the sources it cites),
    « all » (every record), « file » (the collection's whole files), « field:NAME » (the records
    whose field NAME is the argument), « field?:NAME » (the same, or all when the argument is
    left out), « record:ID » (one fixed record), « schema:FILE » (a file of data/schemas/).
    """

    collection: str
    select: str = "all"


@dataclass(frozen=True)
class PageMacro:
    name: str  # as pages call it (French: editors write it)
    method: str  # the Renderer method that renders it
    doc: str
    # The kinds of its text arguments, in order; a kind ending in « ? » may be left out.
    arguments: tuple[str, ...] = ()
    shows: tuple[Shows, ...] = ()
    # What the build passes after the page's arguments: « usage » (which page uses which
    # record), « outline » (the map's outline file), « schemas » (the inlined schemas).
    needs: tuple[str, ...] = ()
    # Whether the sources page lists the pages that call it (pages/usage.py).
    cites_sources: bool = False


_FILES = ("sources", "initiatives", "chiffres", "affirmations", "facteurs", "propositions", "modeles", "ptce", "glossaire")

PAGE_MACROS: tuple[PageMacro, ...] = (
    PageMacro(
        "fiche_initiative",
        "fact_sheet",
        "Summary, place in the study and identity card of an initiative.",
        ("initiative",),
        (Shows("initiatives", "id"),),
    ),
    PageMacro(
        "annexes_initiative",
        "appendices",
        "Key figures, milestones and numbered sources of an initiative.",
        ("initiative",),
        (Shows("initiatives", "id"),),
    ),
    PageMacro(
        "tableau_monographies",
        "monograph_table",
        "Table of every documented initiative, linking to its monograph.",
        shows=(Shows("initiatives", "file"),),
    ),
    PageMacro(
        "etat_etude",
        "study_status",
        "How many of the study's dynamics are documented, by status.",
        shows=(Shows("initiatives", "file"), Shows("chiffres", f"record:{STUDY_SIZE_FIGURE}")),
    ),
    PageMacro(
        "chiffre",
        "figure",
        "A figure from data/chiffres-*.yaml inside a sentence, with its reference.",
        ("chiffre",),
        (Shows("chiffres", "id+sources"),),
        cites_sources=True,
    ),
    PageMacro(
        "affirmation",
        "statement",
        "After a sentence saying what a report or a third party says: who says "
        "it, and the excerpt of the source on demand (data/affirmations-*.yaml).",
        ("affirmation",),
        (Shows("affirmations", "id+sources"),),
        cites_sources=True,
    ),
    PageMacro(
        "graphique",
        "chart",
        "A bar chart of a series of figures, with its data table.",
        ("serie", "texte"),
        (Shows("chiffres", "field:serie"),),
        cites_sources=True,
    ),
    PageMacro("facteurs", "factors", "The key success factors of the study.", shows=(Shows("facteurs"),), cites_sources=True),
    PageMacro(
        "propositions",
        "proposals",
        "A report's proposals, grouped by addressee.",
        ("rapport",),
        (Shows("propositions", "field:rapport"),),
        cites_sources=True,
    ),
    PageMacro(
        "benefices_attendus",
        "expected_benefits",
        "Expected benefits and assessments attributed to a report (or both), which are not proposals.",
        ("rapport?",),
        (Shows("propositions", "field?:rapport"),),
    ),
    PageMacro(
        "sources_du_site",
        "site_sources",
        "Every source of the data, grouped, with the pages that cite it.",
        shows=tuple(Shows(name, "file") for name in _FILES),
        needs=("usage",),
    ),
    PageMacro(
        "etat_des_donnees",
        "data_status",
        "Completeness of each initiative's record (also exported as JSON).",
        shows=(Shows("initiatives", "file"),),
    ),
    PageMacro(
        "matrice_facteurs",
        "factor_matrix",
        "Success factors × initiatives, then each factor with its dynamics.",
        shows=(Shows("facteurs"), Shows("initiatives", "file")),
    ),
    PageMacro(
        "modeles",
        "models",
        "Governance (« gouvernance ») or economic (« economique ») models and their dynamics.",
        ("famille",),
        (Shows("modeles", "field:famille"), Shows("initiatives", "file")),
    ),
    PageMacro(
        "recommandations",
        "proposals_by_addressee",
        "Both reports' proposals, grouped by addressee.",
        shows=(Shows("propositions", "field?:rapport"),),
    ),
    PageMacro(
        "catalogue",
        "catalogue_table",
        "The catalogue of initiatives and named PTCE, filterable and sortable.",
        shows=(Shows("initiatives", "file"), Shows("ptce", "file")),
    ),
    PageMacro(
        "carte",
        "map",
        "The map of France with one marker per place.",
        shows=(Shows("initiatives", "file"), Shows("ptce", "file")),
        needs=("outline",),
    ),
    PageMacro(
        "champs_des_donnees",
        "open_data_fields",
        "Documentation of the exported columns and of every schema field.",
        shows=(Shows("initiatives", "schema:initiatives.schema.json"),),
        needs=("schemas",),
    ),
    PageMacro("statuts", "statuses", "What the statuses of initiatives, facts and links mean, in plain words."),
    PageMacro("journal_des_modifications", "corrections_log", "The corrections log (data/journal.yaml), newest first.", needs=("usage",)),
    PageMacro("glossaire", "glossary", "The glossary of acronyms.", shows=(Shows("glossaire", "file"),), cites_sources=True),
)

BY_NAME: dict[str, PageMacro] = {macro.name: macro for macro in PAGE_MACROS}
