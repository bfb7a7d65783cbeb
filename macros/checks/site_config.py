"""mkdocs.yml as editors touch it: its YAML and its navigation (`nav`), checked by `make check`.

MkDocs reads mkdocs.yml before any plugin of ours runs, so a broken file or a broken `nav`
stops `make build` with an English message of PyYAML or MkDocs. `make check` reads the file
first, with the strict reader of the data (located French messages), and checks each entry of
the navigation: a page of docs/ (or a monograph), an address, or a one-key section.
"""

from __future__ import annotations

from macros.model.collections import DataPaths
from macros.model.yaml_source import YamlDocument, load_yaml
from macros.problems import NBSP, NNBSP, Problem, guillemets, suggestion

CONFIG = "mkdocs.yml"
_EXAMPLE = "- Titre de la rubrique : chemin/de/la-page.md"


def site_config_problems(paths: DataPaths) -> list[Problem]:
    """The problems of mkdocs.yml: its YAML, then its navigation."""
    file = paths.project_dir / CONFIG
    if not file.is_file():
        return []
    document, problems = load_yaml(file, CONFIG)
    if problems:
        return problems
    if not isinstance(document.data, dict):
        return [Problem(CONFIG, 1, 1, f"mkdocs.yml doit être une suite de réglages «{NBSP}nom{NNBSP}: valeur{NBSP}».")]
    if "nav" not in document.data:
        return []
    pages = _pages(paths)
    return _entries(document, ("nav",), document.data["nav"], pages)


def _pages(paths: DataPaths) -> set[str]:
    """Every page a navigation entry may name: docs/ and the monographs' generated pages."""
    docs = paths.project_dir / paths.docs_dir
    found = {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")}
    found |= {f"monographies/{path.name}" for path in paths.monographs().glob("*.md")}
    return found


def _entries(document: YamlDocument, path: tuple, value, pages: set[str]) -> list[Problem]:
    if not isinstance(value, list):
        return [_problem(document, path, f"la navigation {guillemets('nav')} doit être une liste d’entrées ({_EXAMPLE}).")]
    problems = []
    for index, entry in enumerate(value):
        problems += _entry(document, path + (index,), entry, pages)
    return problems


def _entry(document: YamlDocument, path: tuple, entry, pages: set[str]) -> list[Problem]:
    if isinstance(entry, str):
        return _target(document, path, entry, pages)
    if isinstance(entry, dict) and len(entry) == 1:
        title, target = next(iter(entry.items()))
        if isinstance(target, str):
            return _target(document, path + (title,), target, pages)
        if isinstance(target, list):
            return _entries(document, path + (title,), target, pages)
        return [
            _problem(
                document,
                path + (title,),
                f"la rubrique {guillemets(str(title))} n’a ni page ni sous-entrées{NBSP}: "
                f"écrivez le chemin d’une page après «{NNBSP}:{NBSP}», ou une liste d’entrées en dessous.",
            )
        ]
    if isinstance(entry, dict):
        return [
            _problem(
                document,
                path,
                f"une entrée de la navigation a {len(entry)} titres{NBSP}; chacune commence par son propre «{NBSP}-{NBSP}» ({_EXAMPLE}).",
            )
        ]
    return [_problem(document, path, f"entrée de navigation illisible{NBSP}: attendu un chemin de page ou {guillemets(_EXAMPLE)}.")]


def _target(document: YamlDocument, path: tuple, target: str, pages: set[str]) -> list[Problem]:
    if target.startswith(("https://", "http://")) or target in pages:
        return []
    close = suggestion(target, sorted(pages))
    hint = f" Vouliez-vous dire {guillemets(close)}{NNBSP}?" if close else ""
    return [
        _problem(
            document,
            path,
            f"la page {guillemets(target)} de la navigation n’existe pas dans docs/ (chemin relatif à docs/, avec son .md).{hint}",
        )
    ]


def _problem(document: YamlDocument, path: tuple, message: str) -> Problem:
    line, column = document.position(path)
    return Problem(CONFIG, line, column, message, kind="nav")
