"""The two reports' editions: each report's chapters (a section of the navigation) and, for
« Dynamiques collectives… », the monographs as an annex; printed as PDF by `make pdf`
(commands/pdf.py) and converted to EPUB by `make epub` (commands/epub.py), linked from their
pages (« Citer », « Partager »)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edition:
    slug: str  # file name of the PDF and of the EPUB
    title: str
    subtitle: str
    nav_section: str  # the section of mkdocs.yml's nav holding the chapters
    folder: str  # where the chapters are, under docs/ (their pages link to the PDF)
    with_monographs: bool = False


EDITIONS = [
    Edition(
        "dynamiques-collectives-de-transitions",
        "Dynamiques collectives de transitions dans les territoires",
        "Étude-action du Labo de l’ESS (2018-2021) et monographies des dynamiques documentées",
        "Dynamiques collectives de transitions",
        "rapports/dynamiques-collectives/",
        with_monographs=True,
    ),
    Edition(
        "relancer-les-ptce",
        "Relancer les PTCE : diagnostic et propositions",
        "Rapport du Labo de l’ESS (décembre 2020, remis le 8 janvier 2021)",
        "Relancer les PTCE",
        "rapports/relancer-les-ptce/",
    ),
]
