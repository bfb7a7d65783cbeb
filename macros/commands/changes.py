"""What a pull request changes on the site: the pages whose text changed and the figures whose
value, unit, year or status changed, between two builds (the base and the head).

Usage: python -m macros.commands.changes AVANT APRES [--sortie FICHIER]
    AVANT, APRES: two built sites (folders of `mkdocs build`). Writes Markdown, for the pull
    request's job summary ($GITHUB_STEP_SUMMARY), to the standard output or to FICHIER.

A page's text is that of its `<article>`, in blocks (paragraphs, list items, cells, titles),
without what changes at every build or with every line added above it: the page's date,
citation and « Proposer une correction » (`aside.labo-page-infos`), permalink marks, scripts.
Figures are compared by id in donnees/chiffres.json. A reviewer sees what a YAML edit does to
the pages without building anything.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from macros import french

# Left out of a page's text: what differs between two builds of the same content.
_SKIPPED_CLASSES = {"labo-page-infos", "headerlink"}
_SKIPPED_TAGS = {"script", "style", "template", "svg"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCKS = {
    "p",
    "li",
    "dt",
    "dd",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figcaption",
    "caption",
    "blockquote",
    "pre",
    "summary",
    "div",
    "section",
    "aside",
    "table",
    "tr",
    "ul",
    "ol",
    "dl",
    "details",
}
_SPACES = re.compile(r"\s+")
FIGURE_FIELDS = ("libelle", "valeur", "valeur_max", "approximatif", "plus_de", "unite", "annee", "statut")
# Changed blocks shown per page, characters per block: enough to see the edit, not the page.
SHOWN_BLOCKS = 6
BLOCK_LENGTH = 240
CONTEXT_WORDS = 6
# Pages listed at most: a summary stays readable (and under GitHub's 1 MiB per step).
SHOWN_PAGES = 80
# One passage: a block removed (« - », before), added (« + », after) or changed (« ~ », both).
Passage = tuple[str, str, str]


class _ArticleText(HTMLParser):
    """The text blocks of a page's <article>, and its title (<h1>, else <title>)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.title = ""
        self._depth = 0  # open elements inside the article (0: outside)
        self._skip_from = 0  # depth at which a left-out element opened (0: none)
        self._text: list[str] = []
        self._in_title = False
        self._title_tag: list[str] = []  # <title>, when the article has no <h1>
        self._h1: list[str] | None = None

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self._text)).strip()
        if text:
            self.blocks.append(text)
        self._text = []

    def handle_starttag(self, tag, attrs):
        if tag == "title" and not self._depth:
            self._in_title = True
        if tag in _VOID:
            if tag == "br" and self._depth:
                self._text.append(" ")
            return
        attributes = dict(attrs)
        if not self._depth:
            if tag == "article":
                self._depth = 1
            return
        self._depth += 1
        if self._skip_from:
            return
        classes = set((attributes.get("class") or "").split())
        if tag in _SKIPPED_TAGS or classes & _SKIPPED_CLASSES or "data-search-exclude" in attributes:
            self._skip_from = self._depth
            return
        if tag == "h1" and self._h1 is None:
            self._h1 = []
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if not self._depth or tag in _VOID:
            return
        if self._skip_from and self._depth == self._skip_from:
            self._skip_from = 0
        elif not self._skip_from and tag in _BLOCKS:
            self._flush()
            if tag == "h1" and self._h1 is not None and not self.title:
                self.title = _SPACES.sub(" ", "".join(self._h1)).strip()
        self._depth -= 1
        if not self._depth:
            self._flush()

    def handle_data(self, data):
        if self._in_title:
            self._title_tag.append(data)
        if self._depth and not self._skip_from:
            self._text.append(data)
            if self._h1 is not None and not self.title:
                self._h1.append(data)


@dataclass
class Page:
    title: str
    blocks: list[str]


def read_page(path: Path) -> Page | None:
    """A built page's title and text blocks; None for a file without <article> (a redirect)."""
    parser = _ArticleText()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    if not parser.blocks:
        return None
    return Page(parser.title or "".join(parser._title_tag).strip(), parser.blocks)


_REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"')


def _address(site: Path, path: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def read_site(site: Path) -> tuple[dict[str, Page], dict[str, str]]:
    """Address in the site (« monographies/eusko/ ») → page, for every page with an article;
    and address → address it redirects to, for every redirect (a former id's address)."""
    pages, redirects = {}, {}
    for path in sorted(site.rglob("*.html")):
        page = read_page(path)
        if page is not None:
            pages[_address(site, path)] = page
            continue
        refresh = _REFRESH.search(path.read_text(encoding="utf-8", errors="replace"))
        if refresh:
            target = (path.parent / refresh.group(1).replace("&amp;", "&")).resolve()
            target = target / "index.html" if target.is_dir() else target
            if target.is_relative_to(site.resolve()):
                redirects[_address(site, path)] = _address(site.resolve(), target)
    return pages, redirects


def read_figures(site: Path) -> dict[str, dict]:
    path = site / "donnees" / "chiffres.json"
    if not path.is_file():
        return {}
    return {figure["id"]: figure for figure in json.loads(path.read_text(encoding="utf-8"))["chiffres"]}


@dataclass
class Changes:
    changed: dict[str, tuple[Page, list[Passage]]] = field(default_factory=dict)  # address → (page, passages)
    moved: dict[str, tuple[str, Page, list[Passage]]] = field(default_factory=dict)  # old → (new, page, passages)
    added: dict[str, Page] = field(default_factory=dict)
    removed: dict[str, Page] = field(default_factory=dict)
    figures: list[tuple[str, dict | None, dict | None]] = field(default_factory=list)  # id, before, after

    def empty(self) -> bool:
        return not (self.changed or self.moved or self.added or self.removed or self.figures)


def block_changes(before: list[str], after: list[str]) -> list[Passage]:
    """The blocks removed, added and changed, in page order; a block replaced by one block is
    a changed block, shown by its changed words."""
    passages = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for operation, first, last, other_first, other_last in matcher.get_opcodes():
        if operation == "equal":
            continue
        old, new = before[first:last], after[other_first:other_last]
        if operation == "replace" and len(old) == len(new):
            passages += [("~", one, other) for one, other in zip(old, new)]
        else:
            passages += [("-", text, "") for text in old] + [("+", "", text) for text in new]
    return passages


def compare(before_site: Path, after_site: Path) -> Changes:
    (before, _), (after, redirects) = read_site(before_site), read_site(after_site)
    changes = Changes()
    # A page whose address changed (its former address now redirects): compared with itself.
    moved = {old: new for old, new in redirects.items() if old in before and old not in after and new in after and new not in before}
    for old, new in moved.items():
        changes.moved[old] = (new, after[new], block_changes(before[old].blocks, after[new].blocks))
    for address in sorted(before.keys() | after.keys()):
        old_page, new_page = before.get(address), after.get(address)
        if address in moved or address in moved.values():
            continue
        if old_page is None:
            assert new_page is not None  # the address is in one of the two sites
            changes.added[address] = new_page
        elif new_page is None:
            changes.removed[address] = old_page
        elif old_page.blocks != new_page.blocks:
            changes.changed[address] = (new_page, block_changes(old_page.blocks, new_page.blocks))
    old_figures, new_figures = read_figures(before_site), read_figures(after_site)
    for key in sorted(old_figures.keys() | new_figures.keys()):
        old_figure, new_figure = old_figures.get(key), new_figures.get(key)
        if old_figure is None or new_figure is None or any(old_figure.get(name) != new_figure.get(name) for name in FIGURE_FIELDS):
            changes.figures.append((key, old_figure, new_figure))
    return changes


def _figure_text(figure: dict | None) -> str:
    """« 350 PTCE (2020, confirmé) », as the pages write it."""
    if figure is None:
        return "—"
    text = french.figure({name: value for name, value in figure.items() if value not in (None, False)})
    details = ", ".join(str(part) for part in (figure.get("annee"), figure.get("statut")) if part)
    return f"{text} ({details})" if details else text


def _cell(text: str) -> str:
    """Text for a Markdown table cell or list item: no line break, no table or HTML syntax."""
    text = _SPACES.sub(" ", text).strip()
    if len(text) > BLOCK_LENGTH:
        text = text[: BLOCK_LENGTH - 1].rstrip() + "…"
    text = re.sub(r"([\\`*_~\[\]|])", r"\\\1", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _shown(address: str) -> str:
    return address or "/"


def _words_changed(before: str, after: str) -> str:
    """A changed block by its changed words, struck out and in bold, with a few words around:
    « … y a passé ~~deux~~ **trois** jours en octobre … »."""
    old, new = before.split(), after.split()
    parts = []
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for number, (operation, first, last, other_first, other_last) in enumerate(opcodes):
        if operation == "equal":
            words = old[first:last]
            head = words[:CONTEXT_WORDS] if number > 0 else []
            tail = words[-CONTEXT_WORDS:] if number < len(opcodes) - 1 else []
            if len(words) > len(head) + len(tail):
                parts.append(" ".join(_cell(word) for word in head) + " … " + " ".join(_cell(word) for word in tail))
            else:
                parts.append(" ".join(_cell(word) for word in words))
            continue
        if last > first:
            parts.append("~~" + _cell(" ".join(old[first:last])) + "~~")
        if other_last > other_first:
            parts.append("**" + _cell(" ".join(new[other_first:other_last])) + "**")
    return " ".join(part.strip() for part in parts if part.strip())


def _passages(changed: list[Passage]) -> list[str]:
    """The first passages removed, added or changed, then how many more."""
    lines = []
    for sign, before, after in changed[:SHOWN_BLOCKS]:
        if sign == "~":
            lines.append(f"  - modifié : {_words_changed(before, after)}")
        else:
            lines.append(f"  - {'retiré' if sign == '-' else 'ajouté'} : {_cell(before or after)}")
    more = len(changed) - SHOWN_BLOCKS
    if more > 0:
        lines.append(f"  - … et {_count(more, 'autre passage', 'autres passages')}")
    return lines


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def markdown(changes: Changes) -> str:
    """The job summary: pages, then figures."""
    lines = ["## Effet sur le site", ""]
    if changes.empty():
        lines.append("Aucun texte de page ni aucun chiffre ne change.")
        return "\n".join(lines) + "\n"
    pages = len(changes.changed) + len(changes.moved) + len(changes.added) + len(changes.removed)
    lines += [
        f"{_count(pages, 'page dont le texte change', 'pages dont le texte change')}, "
        f"{_count(len(changes.figures), 'chiffre modifié', 'chiffres modifiés')} "
        "(le site construit avant et après la demande de fusion).",
        "",
    ]
    entries = []
    for address, (page, changed) in changes.changed.items():
        entries.append([f"- **{_cell(page.title)}** — `{_shown(address)}`"] + _passages(changed))
    for address, (new_address, page, changed) in changes.moved.items():
        entries.append(
            [
                f"- **{_cell(page.title)}** — `{_shown(address)}` → `{_shown(new_address)}` : nouvelle adresse, "
                f"l’ancienne y renvoie{'' if changed else ' ; même texte'}"
            ]
            + _passages(changed)
        )
    for address, page in changes.added.items():
        entries.append([f"- **{_cell(page.title)}** — `{_shown(address)}` : nouvelle page"])
    for address, page in changes.removed.items():
        entries.append([f"- **{_cell(page.title)}** — `{_shown(address)}` : page supprimée"])
    if entries:
        lines += ["### Pages", ""]
    for entry in entries[:SHOWN_PAGES]:
        lines += entry
    if len(entries) > SHOWN_PAGES:
        lines.append(f"- … et {_count(len(entries) - SHOWN_PAGES, 'autre page', 'autres pages')}")
    if changes.figures:
        lines += ["", "### Chiffres", "", "| Chiffre | Libellé | Avant | Après |", "|---|---|---|---|"]
        for key, old, new in changes.figures:
            figure = new or old
            assert figure is not None  # a figure is in one of the two sites
            label = figure["libelle"]
            lines.append(f"| `{key}` | {_cell(label)} | {_cell(_figure_text(old))} | {_cell(_figure_text(new))} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Pages et chiffres qui changent entre deux constructions du site.")
    parser.add_argument("avant", type=Path, help="le site construit avant (la base de la demande de fusion)")
    parser.add_argument("apres", type=Path, help="le site construit après (sa tête)")
    parser.add_argument("--sortie", type=Path, help="fichier où écrire le résumé (par défaut : la sortie standard)")
    arguments = parser.parse_args(argv)
    for site in (arguments.avant, arguments.apres):
        if not (site / "index.html").is_file():
            print(f"{site} n'est pas un site construit (pas d'index.html) ; construisez-le d'abord.", file=sys.stderr)
            return 2
    summary = markdown(compare(arguments.avant, arguments.apres))
    if arguments.sortie:
        with arguments.sortie.open("a", encoding="utf-8") as handle:
            handle.write(summary)
    else:
        sys.stdout.write(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
