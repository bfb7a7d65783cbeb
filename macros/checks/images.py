"""Images of the monographs and of the pages of docs/: a file that exists, a text for who
cannot see it.

An image file goes in docs/images/ (CONTRIBUTING.md, « Mettre une image »), and is written
as a link is, by its path from the page: `![Ce que montre l'image](../images/nom.png)` in a
monograph (its page is docs/monographies/<id>.md) or in a chapter of docs/rapports/<rapport>/
(`../../images/nom.png`); or by a reference, `![…][nom]` with a line `[nom]: ../images/nom.png`,
never by an `<img>` tag, whose path MkDocs leaves as written in every edition.
MkDocs then copies it into the site, the offline edition and the PDFs. A missing file would
be told by MkDocs as a link « to a page » that does not exist (and, next to a monograph, at
an address the editor never wrote), or not at all for a reference never defined or an
`<img>` (broken in one edition or another); an image without alternative text says nothing
to a screen reader (WCAG 1.1.1). All are located here, with the fix, and stop the build as
well as `make check`.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from macros.checks.typography import code_masked, prose_lines
from macros.layout import monograph_uri
from macros.model.collections import DataPaths
from macros.problems import NBSP, NNBSP, Problem, guillemets, suggestion

IMAGES_DIR = "images"  # under docs/: the one place for the images of every page
_IMAGE = re.compile(
    r"!\[(?P<alt>(?:[^\[\]\\]|\\.|\[[^\]]*\])*)\]\(\s*(?P<target><[^>\n]*>|[^\s)]*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_ELSEWHERE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")
_EXAMPLE_ALT = "Ce que montre l’image"


def _written(alt: str, target: str) -> str:
    return guillemets(f"![{alt or _EXAMPLE_ALT}]({target})")


def _image_names(docs: Path) -> list[str]:
    folder = docs / IMAGES_DIR
    return sorted(path.relative_to(docs).as_posix() for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else []


def _missing_hint(paths: DataPaths, docs: Path, page_dir: str, path: str, alt: str, beside: Path) -> str:
    """Where the file is, if it is somewhere else; else where to put it."""
    name = posixpath.basename(path)
    candidates = _image_names(docs)
    close = next((candidate for candidate in candidates if posixpath.basename(candidate) == name), None) or suggestion(
        f"{IMAGES_DIR}/{name}", candidates
    )
    if close:
        return f"Vouliez-vous dire {_written(alt, posixpath.relpath(close, page_dir or '.'))}{NNBSP}?"
    expected = posixpath.relpath(f"{IMAGES_DIR}/{name}", page_dir or ".")
    if (beside / path).is_file():
        return (
            f"Le fichier {guillemets(paths.display(beside / path))} n'est pas publié à cet endroit{NBSP}: déplacez-le "
            f"dans docs/{IMAGES_DIR}/ et écrivez {_written(alt, expected)}."
        )
    return (
        f"Enregistrez l'image dans docs/{IMAGES_DIR}/ et écrivez son chemin depuis cette page, comme pour un lien"
        f"{NBSP}: {_written(alt, expected)}."
    )


# `![texte][nom]` or `![texte][]`, whose address is on a line `[nom]: adresse` of the page.
_REFERENCE_IMAGE = re.compile(r"!\[(?P<alt>(?:[^\[\]\\]|\\.)*)\]\[(?P<label>[^\[\]]*)\]")
_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\[\]]+)\]:\s*(?P<target><[^>\n]*>|\S+)")
# `<img …>` in a page of docs/, refused (a monograph refuses every tag but a few: prose_html.py).
_HTML_IMAGE = re.compile(r"<img\b(?P<attributes>[^<>]*)>", re.I)
_ATTRIBUTE = r"\b{}\s*=\s*(?:\"(?P<a>[^\"]*)\"|'(?P<b>[^']*)'|(?P<c>[^\s>\"']+))"


def _file_path(address: str) -> str:
    """The file an image's address names: without its fragment or query, %-escapes decoded."""
    return unquote(address.split("#", 1)[0].split("?", 1)[0])


def _label(text: str) -> str:
    """A reference's name as Markdown matches it: case and runs of spaces ignored."""
    return " ".join(text.split()).casefold()


def _attribute(attributes: str, name: str) -> str | None:
    found = re.search(_ATTRIBUTE.format(name), attributes, re.I)
    return None if found is None else next(value for value in found.groups() if value is not None)


def _images(text: str):
    """(line, column of the image, column of its address, alt, address, as written) of each
    Markdown image of a page; the address None for a reference never defined."""
    lines = list(prose_lines(text))
    definitions: dict[str, str] = {}
    for _, line in lines:
        if found := _DEFINITION.match(code_masked(line)):
            definitions.setdefault(_label(found.group("label")), found.group("target").strip("<>").strip())
    for number, line in lines:
        masked = code_masked(line)
        for match in _IMAGE.finditer(masked):
            target = match.group("target").strip("<>").strip()
            where = match.start() + 1 + match.group().index(match.group("target"))
            yield number, match.start() + 1, where, match.group("alt").strip(), target, match.group()
        for match in _REFERENCE_IMAGE.finditer(masked):
            alt = match.group("alt").strip()
            label = match.group("label") or match.group("alt")
            yield number, match.start() + 1, match.start() + 1, alt, definitions.get(_label(label)), match.group()


def image_problems(paths: DataPaths, shown: str, text: str, page_dir: str, beside: Path, html: bool = False) -> list[Problem]:
    """The images of one page: `page_dir` is where the page is in docs/ (« monographies » for
    a monograph), `beside` the folder of the file the editor writes; `html`: its `<img>` tags
    refused too (a page of docs/)."""
    docs = paths.project_dir / paths.docs_dir
    problems = []
    for number, column, where, alt, target, written in _images(text):
        if target is None:
            problems.append(
                Problem(
                    shown,
                    number,
                    column,
                    f"image {guillemets(written)} sans adresse{NBSP}: aucune ligne de la page ne définit sa référence "
                    f"(elle serait publiée comme du texte). Écrivez l'adresse entre parenthèses, "
                    f"{_written(alt, posixpath.relpath(IMAGES_DIR + '/nom.png', page_dir or '.'))}, ou ajoutez la ligne "
                    f"de la référence.",
                )
            )
            continue
        if _ELSEWHERE.match(target):
            continue  # another site's image: refused by prose_markdown.py
        if not alt:
            problems.append(
                Problem(
                    shown,
                    number,
                    column,
                    f"image sans texte de remplacement{NBSP}: écrivez entre les crochets ce qu'elle montre, pour "
                    f"qui ne la voit pas (lecteur d'écran, image non chargée, édition imprimée){NNBSP}; "
                    f"par exemple {_written('', target or '…')}.",
                )
            )
        if not target:
            problems.append(
                Problem(
                    shown,
                    number,
                    column,
                    f"image sans fichier {guillemets(written)}{NNBSP}; écrivez son chemin entre les parenthèses.",
                )
            )
            continue
        path = _file_path(target)
        resolved = posixpath.normpath(posixpath.join(page_dir, path))
        if resolved == ".." or resolved.startswith("../") or path.startswith("/"):
            problems.append(
                Problem(
                    shown,
                    number,
                    where,
                    f"image {guillemets(target)} hors de docs/{NBSP}: le site ne publie que ce qui est dans docs/.",
                    hint=_missing_hint(paths, docs, page_dir, posixpath.basename(path), alt, beside),
                )
            )
        elif not (docs / resolved).is_file():
            problems.append(
                Problem(
                    shown,
                    number,
                    where,
                    f"image {guillemets(target)} introuvable (cherchée à {guillemets(paths.display(docs / resolved))}).",
                    hint=_missing_hint(paths, docs, page_dir, path, alt, beside),
                )
            )
    return problems + (_tag_problems(shown, text, page_dir) if html else [])


def _tag_problems(shown: str, text: str, page_dir: str) -> list[Problem]:
    """Each `<img>` tag, refused whatever its address: MkDocs rewrites a Markdown image's path
    for each edition (directory addresses online, .html files offline and in the PDFs), never a
    tag's, so one of them would lose it."""
    problems = []
    for number, line in prose_lines(text):
        for match in _HTML_IMAGE.finditer(code_masked(line)):
            source = _attribute(match.group("attributes"), "src") or ""
            name = posixpath.basename(_file_path(source)) or "nom.png"
            expected = posixpath.relpath(f"{IMAGES_DIR}/{name}", page_dir or ".")
            problems.append(
                Problem(
                    shown,
                    number,
                    match.start() + 1,
                    f"balise {guillemets('<img>')}{NBSP}: son chemin n'est pas ajusté pour chaque édition (site, hors ligne, "
                    f"PDF), l'image manquerait dans l'une d'elles. Écrivez-la en Markdown, avec ce qu'elle montre entre "
                    f"les crochets{NBSP}: {_written(_attribute(match.group('attributes'), 'alt') or '', expected)}.",
                )
            )
    return problems


def all_image_problems(paths: DataPaths, prose: dict[str, str]) -> list[Problem]:
    """The images of every monograph and of every page of docs/."""
    problems = []
    monograph_dir = posixpath.dirname(monograph_uri("x"))
    for text_id, text in prose.items():
        path = paths.monographs() / f"{text_id}.md"
        problems += image_problems(paths, paths.display(path), text, monograph_dir, paths.monographs())
    docs = paths.project_dir / paths.docs_dir
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8", errors="replace")
        if "![" in text or "<img" in text.lower():
            page_dir = page.parent.relative_to(docs).as_posix()
            where = "" if page_dir == "." else page_dir
            problems += image_problems(paths, paths.display(page), text, where, page.parent, html=True)
    return problems
