"""Every figure has an id of its own: the reports' figures (data/chiffres-*.yaml) and the key
figures of the initiatives alike.

The id is written in the data (the schema requires it) and never derived: the open data
(donnees/chiffres.csv), the list of published figures (data/publie/chiffres.csv) and the
corrections log name a figure by it, so a new label or a corrected value keeps it. Two figures
under one id would share their corrections and their row of the exports. The reports' ids are
unique as keys of their collection (rules.check_keys); this rule adds the key figures.
"""

from __future__ import annotations

from macros.checks.schema_errors import field_path
from macros.model.collections import record_name
from macros.model.yaml_source import YamlDocument
from macros.problems import NBSP, NNBSP, Problem, guillemets


def check_figure_ids(report_documents: list[YamlDocument], initiatives: YamlDocument) -> list[Problem]:
    """A key figure's id that another figure already has, located at the second one."""
    seen: dict[str, str] = {}  # id → where the first figure with it is, as a message says it
    for document in report_documents:
        for index, figure in enumerate(document.data):
            line = document.position((index, "id"))[0]
            seen.setdefault(figure["id"], f"un chiffre d'un rapport ({document.path}:{line})")
    name = record_name(initiatives.data)
    problems = []
    for index, initiative in enumerate(initiatives.data):
        for number, figure in enumerate(initiative.get("chiffres_cles", [])):
            path = (index, "chiffres_cles", number, "id")
            line, column = initiatives.position(path)
            key = figure["id"]
            if key in seen:
                problems.append(
                    Problem(
                        initiatives.path,
                        line,
                        column,
                        f"identifiant de chiffre {guillemets(key)} déjà pris par {seen[key]}{NNBSP}; chaque chiffre a le "
                        "sien, que nomment les données ouvertes et le journal des modifications.",
                        record=name(path),
                        field_path=field_path(path[1:]),
                        hint=f"Donnez à l'un des deux un autre id (par exemple {guillemets(key + '-2')}) : celui qui n'a jamais "
                        "été publié (data/publie/chiffres.csv), car un id publié ne change plus.",
                    )
                )
            else:
                seen[key] = (
                    f"le chiffre clé n°{NBSP}{number + 1} de l'initiative {guillemets(initiative['id'])} ({initiatives.path}:{line})"
                )
    return problems
