"""`make epub`: one EPUB 3 per report, converted by pandoc from the built pages.

The chapters of the PDF editions (macros/editions.py, in navigation order; for « Dynamiques
collectives… », the monographs as an annex), taken from the same build: each « selon … »
note becomes a numbered footnote at the end of its chapter, the bar charts keep their SVG
bars (as images inside the book), and the page « Que veulent dire les statuts ? » closes the
book as its reading guide. pandoc writes the EPUB (chapters, table of contents, French
metadata, cover); epubcheck validates it, and a book it finds fault with is not kept. Nothing
is fetched: the bars and the site's own images (docs/images/) go to pandoc as data: addresses.

Usage: python -m macros.commands.epub --site build/pdf-site --sortie dist/epub
(the site must be built with use_directory_urls: false, as mkdocs.offline.yml does).
"""

from __future__ import annotations

import argparse
import base64
import html
import json
import mimetypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from macros import french
from macros.commands.pdf import ROOT, article, built_page, monograph_pages, nav_pages
from macros.editions import EDITIONS, Edition
from macros.model.version import Version, current_edition
from macros.renderer.preview_image import Preview
from macros.renderer.print_notes import GUIDE_PARAGRAPH
from macros.renderer.share import online_url

PANDOC = "pandoc"
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")  # Debian's epubcheck; /usr/bin/epubcheck needs binfmt
STYLESHEET = Path(__file__).with_name("epub.css")
GUIDE = "statuts.md"  # the reading guide, last chapter of each book
BAR_COLOUR, TRACK_COLOUR = "#4051b5", "#e4e6ee"  # the site's indigo, and the bars' track


@dataclass(frozen=True)
class Chapter:
    source: str  # the page's source path (« rapports/…/methode.md »)
    title: str
    body: str  # the inner HTML of the page's article


def _chapters(site: Path, edition: Edition) -> tuple[list[Chapter], list[Chapter]]:
    """The report's chapters, and its annex (the monographs, for one report)."""
    main = [_chapter(site, source) for source in nav_pages(edition.nav_section)]
    annex = [_chapter(site, source) for source in monograph_pages()] if edition.with_monographs else []
    return main, annex


def _chapter(site: Path, source: str) -> Chapter:
    title, body = article(site, source)
    page = built_page(site, source)
    return Chapter(source, title, re.sub(r'(<img\b[^>]*?\ssrc=")(?!data:|https?:)([^"]+)"', lambda match: _embedded(match, page), body))


def _embedded(match: re.Match, page: Path) -> str:
    """An image of the site (docs/images/, CONTRIBUTING « Mettre une image ») put inside the
    book as a data: address, as the bars are: pandoc unpacks it, nothing is fetched."""
    file = (page.parent / html.unescape(match.group(2)).split("#")[0]).resolve()
    if not file.is_file():
        raise SystemExit(f"{page.name} : image introuvable dans le site construit ({match.group(2)}).")
    data = base64.b64encode(file.read_bytes()).decode()
    return f'{match.group(1)}data:{mimetypes.guess_type(file.name)[0] or "image/png"};base64,{data}"'


def _element_end(text: str, start: int, tag: str) -> int:
    """The end of the element opened at `start`, nested ones of the same tag counted."""
    depth = 0
    for match in re.compile(rf"<(/?){tag}\b[^>]*>").finditer(text, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    raise SystemExit(f"balise <{tag}> non fermée : {text[start : start + 80]}…")


def _note(popover: str, source: str) -> str:
    """A « selon … » note as an EPUB footnote: who says it, the reasoning, the excerpts and
    their sources. The sentence on the kind of source and the link to the reading guide, the
    same in every note, are said once, in the guide."""
    opening = re.match(r'<span class="labo-provenance" id="([^"]+)"[^>]*>', popover)
    assert opening
    inner, blocks, position = popover[opening.end() : -len("</span>")], [], 0
    for child in re.compile(r"<(span|button)\b[^>]*>").finditer(inner):
        if child.start() < position:
            continue  # inside the previous child
        position = _element_end(inner, child.start(), child.group(1))
        kind = re.search(r'class="([^"]*)"', child.group(0))
        content = inner[child.end() : position - len(f"</{child.group(1)}>")]
        match kind.group(1) if kind else "":
            case "labo-provenance__titre":
                blocks.append(f"<p><strong>{content}</strong></p>")
            case "labo-provenance__raisonnement" | "labo-extrait" | "labo-extrait__source":
                blocks.append(f"<p>{content}</p>")
            case "labo-provenance__quoi" | "labo-provenance__aide" | "labo-provenance__fermer":
                pass
            case "labo-provenance__raisonnement labo-provenance__raisonnement--repete":
                pass  # the sentence the note follows, as paper leaves it out
            case other:
                raise SystemExit(f"{source} : partie de note inconnue ({other!r}) ; epub.py doit apprendre à la rendre.")
    return f'<aside epub:type="footnote" id="{opening.group(1)}">{"".join(blocks)}</aside>'


def _notes(body: str, source: str) -> str:
    """Each « selon … » button keeps its label as the mark of who says it, followed by a
    footnote reference; the notes go to the end of the chapter (pandoc numbers them)."""
    body = re.sub(
        r'<button type="button" class="(labo-qui [^"]*)" popovertarget="([^"]+)"[^>]*>'
        r'<span class="labo-qui__libelle">(.*?)</span></button>',
        r'<span class="\1">\3</span><a epub:type="noteref" href="#\2">*</a>',
        body,
        flags=re.S,
    )
    # The notes the site gathers after each section for paper (renderer/print_notes.py) move
    # again, to the chapter's end; their reading guide is said once, in the book's guide.
    body = GUIDE_PARAGRAPH.sub("", body)
    notes, parts, position = [], [], 0
    for match in re.finditer(r'<span class="labo-provenance" id="[^"]+"', body):
        if match.start() < position:
            continue
        end = _element_end(body, match.start(), "span")
        parts.append(body[position : match.start()])
        notes.append(_note(body[match.start() : end], source))
        position = end
    body = "".join(parts) + body[position:]
    return re.sub(r'<div class="labo-notes"[^>]*>\s*</div>', "", body) + "".join(notes)


def _bar_image(match: re.Match) -> str:
    """A chart's bar as an SVG image of its own (pandoc would lowercase an inline SVG's
    viewBox), coloured in it: the page's stylesheet does not reach into an image."""
    attributes, inner = match.group(1), match.group(2)
    kind = re.search(r'class="([^"]*)"', attributes)
    inner = inner.replace("<rect ", f'<rect fill="{BAR_COLOUR}" ')
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 10" preserveAspectRatio="none">'
        f'<rect width="100" height="10" fill="{TRACK_COLOUR}"/>{inner}</svg>'
    )
    data = base64.b64encode(svg.encode()).decode()
    return f'<img class="{kind.group(1) if kind else ""}" alt="" src="data:image/svg+xml;base64,{data}">'


# What a reader of a book has no use for: anchors to copy, the page's date, citation and
# correction block (the book says its own edition), the download offers, « back to the list »,
# a monograph's tags (its card says the same).
_DROPPED = [
    re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S),
    re.compile(r'<nav class="md-tags".*?</nav>', re.S),
    re.compile(r'<aside class="labo-(?:page-infos|pdf)".*?</aside>', re.S),
    re.compile(r'<p class="labo-retour">.*?</p>', re.S),
]

# Elements pandoc would drop with their attributes, as the nearest ones it keeps.
_RENAMED = [
    (re.compile(r"<details(?: open)?\b([^>]*)>"), r"<div\1>"),
    (re.compile(r"</details>"), "</div>"),
    (re.compile(r"<summary>(.*?)</summary>", re.S), r'<p class="labo-resume"><strong>\1</strong></p>'),
    (re.compile(r"<figure\b"), "<div"),
    (re.compile(r"</figure>"), "</div>"),
    (re.compile(r"<figcaption>(.*?)</figcaption>", re.S), r'<p class="labo-legende"><strong>\1</strong></p>'),
    (re.compile(r"<nav\b"), "<div"),
    (re.compile(r"</nav>"), "</div>"),
    (re.compile(r'<abbr(?: tabindex="0")?( title="[^"]*")>'), r'<span class="labo-sigle"\1>'),
    (re.compile(r"</abbr>"), "</span>"),
    (re.compile(r"<cite>"), "<em>"),
    (re.compile(r"</cite>"), "</em>"),
    # An id pandoc would lose with its element (a term, a paragraph, a cell), on a span inside it.
    (re.compile(r'<(dt|dd|p|td|th|blockquote)\b([^>]*?) id="([^"]+)"([^>]*)>'), r'<\1\2\4><span id="\3"></span>'),
]


def _site_address(source: str, site_url: str) -> str:
    """The address of a page (directory URLs) or of a file of the hosted site."""
    return online_url(site_url, source) if source.endswith(".md") else site_url + source


def _relink(body: str, number: int, chapter: Chapter, numbers: dict[str, int], anchors: dict[str, str], site_url: str) -> str:
    """Ids prefixed with the chapter's number (a book is one document for pandoc); links to
    the book's chapters stay inside it, links to other pages of the site lead to the site
    online (as text when its address is not known), links to the web stay."""
    prefix = f"c{number}-"
    body = re.sub(r'\b(id|aria-labelledby|aria-describedby)="([^"]+)"', lambda m: f'{m.group(1)}="{prefix}{m.group(2)}"', body)
    body = re.sub(r"<h1\b[^>]*>", f'<h1 id="chapitre-{number}">', body, count=1)
    here = os.path.dirname(chapter.source)

    def target(href: str) -> str | None:
        if href.startswith(("http://", "https://", "mailto:")):
            return href
        path, _, fragment = href.partition("#")
        resolved = chapter.source
        if path:
            resolved = os.path.normpath(os.path.join(here, path))
            resolved = resolved[: -len(".html")] + ".md" if resolved.endswith(".html") else resolved
        if resolved in numbers:
            to = numbers[resolved]
            return f"#chapitre-{to}" if not fragment or fragment == anchors[resolved] else f"#c{to}-{fragment}"
        if site_url:
            return _site_address(resolved, site_url) + (f"#{fragment}" if fragment else "")
        return None

    def link(match: re.Match) -> str:
        attributes, content = match.group(1), match.group(2)
        href = re.search(r'href="([^"]*)"', attributes)
        if not href:
            return match.group(0)
        new = target(html.unescape(href.group(1)))
        if new is None:
            return content
        attributes = re.sub(r'\s(?:download|title)(?:="[^"]*")?', "", attributes)
        attributes = attributes.replace(href.group(0), f'href="{html.escape(new)}"')
        return f"<a{attributes}>{content}</a>"

    return re.sub(r"<a\b([^>]*)>(.*?)</a>", link, body, flags=re.S)


def _book_chapter(chapter: Chapter, number: int, numbers: dict[str, int], anchors: dict[str, str], site_url: str) -> str:
    body = chapter.body
    for pattern in _DROPPED:
        body = pattern.sub("", body)
    # A notice (« Corrigé le … ») as a block pandoc keeps: its <aside> are the footnotes.
    body = re.sub(r"<aside\b", "<div", body).replace("</aside>", "</div>")
    body = _notes(body, chapter.source)
    body = re.sub(r"<svg\b([^>]*)>(.*?)</svg>", _bar_image, body, flags=re.S)
    for pattern, replacement in _RENAMED:
        body = pattern.sub(replacement, body)
    left = re.search(r"<(button|svg|input|script|iframe)\b|\spopover", body)
    if left:
        raise SystemExit(
            f"{chapter.source} : « {left.group(0).strip()} » n'a pas d'équivalent dans l'EPUB ; epub.py doit apprendre à le rendre."
        )
    # pandoc starts a chapter at each top-level <h1>: what the page shows above its title (the
    # monographs' tags) goes under it.
    heading = re.search(r"<h1\b.*?</h1>", body, re.S)
    if heading is None:
        raise SystemExit(f"{chapter.source} : la page n'a pas de titre <h1>.")
    body = heading.group(0) + body[: heading.start()] + body[heading.end() :]
    return _relink(body, number, chapter, numbers, anchors, site_url)


def _foreword(version: Version, site_url: str, guide: int) -> str:
    """« Cette édition »: which edition it is, what it is not, how to read the marks."""
    t = french.typography
    guide_link = f'<a href="#chapitre-{guide}">{t("« Que veulent dire les statuts ? »")}</a>'
    online = (
        t("Les liens vers les autres pages du site mènent à sa version en ligne : ")
        + f'<a href="{html.escape(site_url)}">{html.escape(site_url)}</a>.'
        if site_url
        else t("Les autres pages du site (catalogue, carte, données ouvertes) ne font pas partie de ce livre.")
    )
    paragraphs = [
        t(
            f"Édition EPUB du site « Les rapports 2021 du Labo de l’ESS », {version.jour_fr}, version {version.numero}. "
            "Les textes sont une présentation du rapport avec les mots de ce site, et non le rapport lui-même."
        ),
        t(
            "Chaque fait porte la mention de qui l’affirme : « selon le Labo », « selon » suivi du nom d’une source, ou "
            "« déduction » de la rédaction. L’appel de note qui suit la mention renvoie à la note, en fin de chapitre, qui "
            "cite la source entre guillemets avec l’endroit du passage ; le dernier chapitre, "
        )
        + guide_link
        + t(", explique ces mentions."),
        online,
    ]
    return '<h1 id="cette-edition">Cette édition</h1>' + "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def assemble(site: Path, edition: Edition, version: Version, site_url: str) -> str:
    """The book as one HTML document, for pandoc: a chapter per level-1 heading."""
    main, annex = _chapters(site, edition)
    guide = Chapter(GUIDE, *article(site, GUIDE))
    chapters = main + annex + [guide]
    numbers = {chapter.source: number for number, chapter in enumerate(chapters, start=1)}
    anchors = {}
    for chapter in chapters:
        heading = re.search(r'<h1\b[^>]*\bid="([^"]+)"', chapter.body)
        anchors[chapter.source] = heading.group(1) if heading else ""
    parts = [_foreword(version, site_url, numbers[GUIDE])]
    for chapter in chapters:
        if annex and chapter is annex[0]:
            parts.append(
                '<h1 id="annexe">Annexe : les monographies</h1><p>'
                + french.typography(f"Les monographies des {len(annex)} dynamiques documentées, par ordre alphabétique.")
                + "</p>"
            )
        parts.append(_book_chapter(chapter, numbers[chapter.source], numbers, anchors, site_url))
    head = f'<!doctype html>\n<html lang="fr"><head><meta charset="utf-8"><title>{html.escape(edition.title)}</title></head>'
    return head + "<body>\n" + "\n".join(parts) + "\n</body></html>\n"


def metadata(edition: Edition, version: Version, site_url: str) -> dict:
    """The book's metadata (Dublin Core in the package): French, the Labo as author, the
    edition's date and number; its identifier is stable for one edition of one report."""
    name = f"{site_url or 'labo-ess-rapports-2021'}/{edition.slug}/{version.numero}"
    return {
        "title": french.typography(edition.title),
        "subtitle": french.typography(edition.subtitle),
        "creator": [{"role": "author", "text": "Le Labo de l’ESS"}],
        "publisher": "Rédaction du site « Les rapports 2021 du Labo de l’ESS »",
        "lang": "fr",
        "date": version.jour,
        "identifier": [{"scheme": "UUID", "text": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"}],
        "description": french.typography(
            f"Édition EPUB du {version.jour_fr} (version {version.numero}) du site « Les rapports 2021 du Labo de l’ESS » : "
            f"{edition.title}."
        ),
        "toc-title": "Sommaire",
    }


def _reproducible(book: Path, moment: Version) -> None:
    """The book's files dated from the edition, as the offline zip's: pandoc 2.17 dates them
    from the clock, so two builds of one commit would differ. The mimetype stays first and
    stored, as EPUB requires."""
    stamp = moment.moment.timetuple()[:6]
    with zipfile.ZipFile(book) as original:
        entries = [(info, original.read(info)) for info in original.infolist()]
    with zipfile.ZipFile(book, "w") as rewritten:
        for info, content in entries:
            copy = zipfile.ZipInfo(info.filename, date_time=stamp)
            copy.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            copy.external_attr = 0o644 << 16
            rewritten.writestr(copy, content)


def epubcheck(book: Path) -> list[str]:
    """What epubcheck finds wrong (errors and warnings), as its own lines."""
    # The quick compiler and a single-threaded collector halve its time on so short a run.
    command = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(EPUBCHECK), "--failonwarnings", str(book)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    found = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith(("ERROR", "FATAL", "WARNING"))]
    return found or ([] if result.returncode == 0 else [result.stdout + result.stderr])


def write_epub(site: Path, output: Path) -> list[Path]:
    site_url = os.environ.get("SITE_URL", "").strip().rstrip("/")
    site_url = site_url + "/" if site_url else ""
    version = current_edition(ROOT)
    output.mkdir(parents=True, exist_ok=True)
    produced = []
    with tempfile.TemporaryDirectory(prefix="epub-") as work:
        for edition in EDITIONS:
            source, meta = Path(work) / f"{edition.slug}.html", Path(work) / f"{edition.slug}.json"
            document = assemble(site, edition, version, site_url)
            # Images are inside the book (data: addresses pandoc unpacks), never fetched: pandoc
            # 2.17's --sandbox cannot read its own stylesheet, so the rule is kept here.
            fetched = re.search(r'\s(?:src|poster|data)="(?!data:)[^"]*"', document)
            if fetched:
                raise SystemExit(f"{edition.slug} : ressource hors du livre ({fetched.group(0).strip()}).")
            source.write_text(document, encoding="utf-8")
            meta.write_text(json.dumps(metadata(edition, version, site_url), ensure_ascii=False), encoding="utf-8")
            book = Path(work) / f"{edition.slug}.epub"
            cover = site / Preview(edition.slug, "", "").uri
            command = [PANDOC, str(source), "--from=html+epub_html_exts", "--to=epub3", f"--output={book}"]
            command += [f"--metadata-file={meta}", f"--css={STYLESHEET}", f"--epub-cover-image={cover}"]
            command += ["--toc", "--toc-depth=1", "--html-q-tags"]
            subprocess.run(command, check=True, timeout=300)
            _reproducible(book, version)
            problems = epubcheck(book)
            if problems:
                raise SystemExit(f"epubcheck refuse {edition.slug}.epub :\n  " + "\n  ".join(problems))
            target = output / book.name
            shutil.move(book, target)
            produced.append(target)
    return produced


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Écrit une édition EPUB de chaque rapport (pandoc), vérifiée par epubcheck.")
    parser.add_argument("--site", type=Path, required=True, help="site construit sans adresses de dossier")
    parser.add_argument("--sortie", type=Path, default=ROOT / "dist" / "epub")
    arguments = parser.parse_args(argv)
    for path in write_epub(arguments.site.resolve(), arguments.sortie):
        print(f"{path} : {path.stat().st_size // 1024} Ko, validé par epubcheck")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
