"""The kind of each page, shown beside a search result (« Monographie », « Chapitre »…)."""

from __future__ import annotations

# (source path, or folder ending in /, kind): the first that fits wins.
KINDS = [
    ("index.md", "Accueil"),
    ("monographies/index.md", "Liste des monographies"),
    ("monographies/", "Monographie"),
    ("rapports/*/index.md", "Rapport"),
    ("rapports/", "Chapitre"),
    ("synthese/", "Synthèse"),
    ("glossaire.md", "Glossaire"),
    ("journal.md", "Journal des modifications"),
    ("catalogue.md", "Catalogue"),
    ("carte.md", "Carte"),
    ("sources.md", "Sources"),
    ("donnees.md", "Données ouvertes"),
    ("etat-des-donnees.md", "État des données"),
    ("etiquettes.md", "Étiquettes"),
    ("a-propos.md", "À propos"),
]

# Kinds ranked after chapters, monographs and other pages, unless their title holds every word
# of the query: a glossary entry or the corrections log mentions many subjects, in passing.
SECONDARY_KINDS = frozenset({"Glossaire", "Journal des modifications"})


def kind_of(src_uri: str) -> str:
    for pattern, kind in KINDS:
        if pattern.endswith("/") and src_uri.startswith(pattern):
            return kind
        if "*" in pattern:
            head, tail = pattern.split("*")
            if src_uri.startswith(head) and src_uri.endswith(tail) and src_uri.count("/") == pattern.count("/"):
                return kind
        elif src_uri == pattern:
            return kind
    return "Page"
