"""`make pdf`: one PDF per report, printed by headless Chromium from the built pages.

Each edition gathers, in navigation order, the article of every chapter of a report (and,
for « Dynamiques collectives… », every monograph as an annex) into one document with a
cover and a table of contents, prints it with a print stylesheet (no navigation chrome,
page numbers in the footer), and keeps links between chapters as links inside the PDF.

Usage: python -m macros.commands.pdf --site build/pdf-site --sortie dist/pdf
(the site must be built with use_directory_urls: false, as mkdocs.offline.yml does).
"""

from __future__ import annotations

import argparse
import html
import os
import posixpath
import re
import sys
from pathlib import Path

import yaml

from macros.editions import EDITIONS, Edition
from macros.model.version import current_edition
from macros.problems import NBSP, NNBSP, guillemets
from macros.renderer.print_notes import GUIDE_PARAGRAPH

ROOT = Path(__file__).resolve().parents[2]  # the project: macros/commands/ is two levels down


CHROMIUM = "/usr/bin/chromium"


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


_ELSEWHERE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|/|#)")


# Every image of the document, decoded: the [src, chapter] of each one that is not.
_UNLOADED_IMAGES = """async () => {
  const failed = [];
  for (const image of document.images) {
    try { await image.decode(); } catch (error) {
      const chapter = image.closest("section.edition-chapitre");
      const title = chapter && chapter.querySelector("h1");
      failed.push([image.getAttribute("src"), title ? title.textContent.trim() : ""]);
    }
  }
  return failed;
}"""


class EditionError(Exception):
    """An edition that cannot be printed as it should: told in French, no PDF written."""


PRINT_CSS = """
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
html, body { background: #fff; }
body { font-size: 10.5pt; }
.md-typeset { font-size: 10.5pt; line-height: 1.5; }
.md-typeset .headerlink, .labo-retour, .labo-filtres { display: none !important; }
.edition-couverture { height: 240mm; display: flex; flex-direction: column; justify-content: center;
  break-after: page; border-left: 6mm solid #303fa1; padding-left: 10mm; }
.edition-couverture h1 { font-size: 26pt; margin: 0 0 6mm; color: #111; font-weight: 700; }
.edition-couverture p { font-size: 12pt; margin: 0 0 3mm; }
.edition-sommaire { break-after: page; }
.edition-sommaire ol { font-size: 11pt; }
.edition-chapitre { break-before: page; }
.md-typeset h1 { font-size: 18pt; color: #111; }
.md-typeset table, .md-typeset figure, .md-typeset li { break-inside: avoid; }
.md-typeset a { color: #1a2a8a; }
.md-typeset__scrollwrap, .md-typeset__table { overflow: visible !important; }
details::details-content { content-visibility: visible; display: block; }
.labo-citer__actions { display: none !important; }
"""


def nav_pages(section_title: str) -> list[str]:
    """A report's chapters (source paths), in the order of its section of the navigation."""
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    section = next(item[section_title] for item in nav if isinstance(item, dict) and section_title in item)
    return [entry if isinstance(entry, str) else next(iter(entry.values())) for entry in section]


def monograph_pages() -> list[str]:
    """The monographs (source paths), in the order of their index: the annex of one report."""
    data = yaml.safe_load((ROOT / "data" / "initiatives.yaml").read_text(encoding="utf-8"))
    return [f"monographies/{item['id']}.md" for item in sorted(data, key=lambda item: item["nom"].casefold())]


def built_page(site: Path, source: str) -> Path:
    """The HTML file of a page's source in a site built without directory URLs."""
    return site / (source[:-3] + ".html")


def article(site: Path, source: str) -> tuple[str, str]:
    """(title, inner HTML) of a built page's article."""
    page = built_page(site, source)
    match = _ARTICLE.search(page.read_text(encoding="utf-8"))
    if not match:
        raise SystemExit(f"article introuvable dans {page}")
    # Folded parts (charts' data tables, cross tables) are printed unfolded.
    body = match.group(1).replace("<details", "<details open")
    title = _H1.search(body)
    if not title:
        return source, body
    text = re.sub(r'<a class="headerlink"[^>]*>.*?</a>|<[^>]+>', "", title.group(1))
    return html.unescape(text).strip(), body


_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def _stylesheets(site: Path, source: str) -> list[str]:
    """The site's stylesheets in the order its pages load them (Material's, then ours as
    mkdocs.yml lists them), relative to the site: later rules win as they do on the site."""
    page = built_page(site, source)
    here = os.path.dirname(source)
    return [os.path.normpath(os.path.join(here, href)) for href in _STYLESHEET.findall(page.read_text(encoding="utf-8"))]


def _relink(body: str, index: int, source: str, chapters: dict[str, int]) -> str:
    """Prefix ids with the chapter number; links to chapters of the edition become anchors,
    links to other pages of the site become plain text (they do not exist on paper)."""
    prefix = f"c{index}-"
    body = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', body)
    here = os.path.dirname(source)

    def link(match: re.Match) -> str:
        target = html.unescape(match.group(1))
        if target.startswith(("http://", "https://", "mailto:")):
            return match.group(0)
        path, _, fragment = target.partition("#")
        if not path:
            return f'href="#{prefix}{fragment}"'
        resolved = os.path.normpath(os.path.join(here, path))
        if resolved.endswith(".html"):
            resolved = resolved[:-5] + ".md"
        if resolved in chapters:
            number = chapters[resolved]
            return f'href="#c{number}-{fragment}"' if fragment else f'href="#chapitre-{number}"'
        return 'data-hors-edition="1"'

    # The document is printed from the site's root: an image's path, relative to its page, is
    # rewritten from the root (else the PDF shows a broken image).
    def image(match: re.Match) -> str:
        target = html.unescape(match.group(1))
        if _ELSEWHERE.match(target):
            return match.group(0)
        return f'src="{html.escape(posixpath.normpath(posixpath.join(here, target)))}"'

    body = re.sub(r'\bsrc="([^"]*)"', image, body)
    return re.sub(r'href="([^"]*)"', link, body)


def assemble(site: Path, edition: Edition) -> tuple[str, list[str]]:
    sources = nav_pages(edition.nav_section)
    annex = monograph_pages() if edition.with_monographs else []
    chapters = {source: number for number, source in enumerate(sources + annex, start=1)}
    parts, titles, guides = [], [], []
    for source, number in chapters.items():
        title, body = article(site, source)
        titles.append(title)
        # The reading guide every page with notes prints once: once in an edition, under its
        # table of contents.
        guides += [(source, guide) for guide in GUIDE_PARAGRAPH.findall(body)]
        body = GUIDE_PARAGRAPH.sub("", body)
        heading = ' data-annexe="1"' if source in annex else ""
        parts.append(
            f'<section class="edition-chapitre" id="chapitre-{number}"{heading}>{_relink(body, number, source, chapters)}</section>'
        )
    guide = _relink(guides[0][1], 0, guides[0][0], chapters) if guides else ""
    edition_version = current_edition(ROOT)
    toc = []
    for number, title in enumerate(titles, start=1):
        if number == len(sources) + 1:
            toc.append('</ol><h2>Annexe : les monographies</h2><ol start="%d">' % number)
        toc.append(f'<li><a href="#chapitre-{number}">{html.escape(title)}</a></li>')
    stylesheets = "".join(f'<link rel="stylesheet" href="{path}">' for path in _stylesheets(site, sources[0]))
    document = f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>{html.escape(edition.title)}</title>{stylesheets}
<style>{PRINT_CSS}</style></head>
<body><div class="md-typeset">
<section class="edition-couverture"><p>Le Labo de l’ESS</p><h1>{html.escape(edition.title)}</h1>
<p>{html.escape(edition.subtitle)}</p>
<p>Édition imprimable du site « Les rapports 2021 du Labo de l’ESS », {edition_version.jour_fr},
version {edition_version.numero}.
Les textes sont une présentation du rapport avec les mots de ce site, et non le rapport lui-même.</p></section>
<nav class="edition-sommaire"><h2>Sommaire</h2><ol>{"".join(toc)}</ol>{guide}</nav>
{"".join(parts)}
</div></body></html>"""
    return document, titles


def unloaded_report(edition: Edition, failed: list[list[str]]) -> str:
    """What stopped the printing: each image that did not load, with its chapter."""
    images = "une image ne s'affiche pas" if len(failed) == 1 else f"{len(failed)} images ne s'affichent pas"
    lines = [f"Édition PDF {guillemets(edition.title)} non imprimée{NBSP}: {images}{NBSP}:"]
    lines += [f"  {guillemets(src)} (chapitre {guillemets(chapter)})" for src, chapter in failed]
    lines.append(
        f"Chaque image va dans docs/images/, écrite par son chemin depuis sa page (CONTRIBUTING.md, "
        f"{guillemets('Mettre une image')}){NNBSP}; {guillemets('make check')} dit laquelle manque."
    )
    return "\n".join(lines)


def print_pdf(site: Path, output: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    output.mkdir(parents=True, exist_ok=True)
    produced = []
    footer = (
        '<div style="font-size:8pt;width:100%;text-align:center;color:#444;">'
        '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
    )
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for edition in EDITIONS:
            document, _ = assemble(site, edition)
            # Written next to the pages, so that the site's relative asset paths resolve.
            source = site / f"_edition-{edition.slug}.html"
            source.write_text(document, encoding="utf-8")
            page = browser.new_page()
            page.goto(source.as_uri(), wait_until="load")
            failed = page.evaluate(_UNLOADED_IMAGES)
            target = output / f"{edition.slug}.pdf"
            if failed:
                # No edition with a hole in it, nor the previous one left as if it were current.
                source.unlink()
                target.unlink(missing_ok=True)
                raise EditionError(unloaded_report(edition, failed))
            page.pdf(
                path=str(target),
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template="<div></div>",
                footer_template=footer,
                outline=True,
                tagged=True,
                margin={"top": "18mm", "bottom": "20mm", "left": "16mm", "right": "16mm"},
            )
            page.close()
            source.unlink()
            produced.append(target)
        browser.close()
    return produced


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Imprime une édition PDF de chaque rapport.")
    parser.add_argument("--site", type=Path, required=True, help="site construit sans adresses de dossier")
    parser.add_argument("--sortie", type=Path, default=ROOT / "dist" / "pdf")
    arguments = parser.parse_args(argv)
    try:
        produced = print_pdf(arguments.site.resolve(), arguments.sortie)
    except EditionError as error:
        print(error, file=sys.stderr)
        return 1
    for path in produced:
        print(f"{path} : {path.stat().st_size // 1024} Ko")
    return 0


if __name__ == "__main__":
    sys.exit(main())
