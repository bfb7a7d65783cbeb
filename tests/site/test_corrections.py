"""« Proposer une correction » under every page: the files, and the lines of them, a page is made
of, each opened in the repository's web editor; named without links when the repository is not
known (tested on the offline edition, in test_adresses.py)."""

from __future__ import annotations

from html.parser import HTMLParser

import yaml
from conftest import NBSP, PROJECT, REPO_URL, run_mkdocs_build

EDIT = f"{REPO_URL}/edit/main/"
BLOB = f"{REPO_URL}/blob/main/"


class _Links(HTMLParser):
    """The links of the « Proposer une correction » section: (href, aria-label, text, folded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[dict] = []
        self.text = []
        self._depth = 0
        self._details = 0
        self._link = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "section" and "labo-correction" in (attributes.get("class") or ""):
            self._depth = 1
            return
        if not self._depth:
            return
        self._depth += tag not in ("br", "img", "input")
        if tag == "details":
            self._details += 1
        if tag == "a":
            self._link = {
                "href": attributes.get("href"),
                "label": attributes.get("aria-label") or "",
                "text": "",
                "folded": self._details > 0,
            }
            self.links.append(self._link)

    def handle_endtag(self, tag):
        if not self._depth:
            return
        self._depth -= 1
        if tag == "details":
            self._details -= 1
        if tag == "a":
            self._link = None

    def handle_data(self, data):
        if self._depth:
            self.text.append(data)
            if self._link is not None:
                self._link["text"] += data


def correction_links(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def record_lines(path: str) -> dict[str, tuple[int, int]]:
    """Test oracle, from PyYAML's own positions: each record's first line (its « - ») and its
    last line of content (the comments and blank lines before the next record excluded)."""
    text = (PROJECT / path).read_text(encoding="utf-8")
    lines = text.splitlines()
    found = {}
    for node in yaml.compose(text).value:
        key = next(value.value for name, value in node.value if name.value == "id")
        last = node.end_mark.line if node.end_mark.column == 0 else node.end_mark.line + 1
        while not lines[last - 1].strip() or lines[last - 1].lstrip().startswith("#"):
            last -= 1
        found[key] = (node.start_mark.line + 1, last)
    return found


def cited_sources(record) -> set[str]:
    """Every source key a record's facts cite (« sources » lists, excerpts' « source »)."""
    if isinstance(record, dict):
        keys = set(record.get("sources", [])) if isinstance(record.get("sources"), list) else set()
        if isinstance(record.get("source"), str):
            keys.add(record["source"])
        return keys.union(*(cited_sources(value) for key, value in record.items() if key != "sources")) if record else keys
    if isinstance(record, list):
        return set().union(*(cited_sources(item) for item in record)) if record else set()
    return set()


def test_a_monograph_links_its_text_its_entry_and_its_sources_at_their_lines(built_site):
    html = (built_site / "monographies/eusko/index.html").read_text(encoding="utf-8")
    found = correction_links(html)
    by_href = {link["href"]: link for link in found.links}
    # The prose, whole.
    assert by_href[f"{EDIT}monographs/eusko.md"]["text"] == "Modifier"
    # The data entry: the editor on the file, the lines named, and shown.
    first, last = record_lines("data/initiatives.yaml")["eusko"]
    edit = by_href[f"{EDIT}data/initiatives.yaml"]
    assert edit["text"] == "Modifier" and f"lignes {first} à {last}" in edit["label"]
    view = by_href[f"{BLOB}data/initiatives.yaml#L{first}-L{last}"]
    assert view["text"] == "voir les lignes" and f"lignes {first} à {last}" in view["label"]
    assert f"initiative «{NBSP}eusko{NBSP}»" in view["label"]
    # Every source its facts cite, at its lines of data/sources.yaml; the first three shown,
    # the others behind « Tout voir ».
    entry = next(item for item in yaml.safe_load((PROJECT / "data/initiatives.yaml").read_text(encoding="utf-8")) if item["id"] == "eusko")
    sources = cited_sources(entry)
    positions = record_lines("data/sources.yaml")
    shown = {link["href"] for link in found.links if link["href"].startswith(f"{BLOB}data/sources.yaml")}
    assert shown == {f"{BLOB}data/sources.yaml#L{positions[key][0]}-L{positions[key][1]}" for key in sources}
    assert len(sources) > 3
    assert sum(1 for link in found.links if "sources.yaml#" in link["href"] and not link["folded"]) == 3
    assert f"{EDIT}data/sources.yaml" in by_href
    # One way to propose a correction: not Material's « edit this page » beside ours, nor its
    # repository link (it fetches from api.github.com).
    assert 'rel="edit"' not in html and 'class="md-source"' not in html and "api.github.com" not in html


def test_every_page_names_its_own_file_and_a_chapter_folds_its_records(built_site):
    pages = [path for path in sorted(built_site.rglob("*.html")) if "<article" in path.read_text(encoding="utf-8")]
    assert len(pages) > 40
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if path.name == "404.html":
            continue
        links = correction_links(html).links
        assert links and links[0]["text"] == "Modifier", path
        target = links[0]["href"]
        assert target.startswith(EDIT + "docs/") or target.startswith(EDIT + "monographs/"), path
        assert (PROJECT / target.removeprefix(EDIT)).is_file(), path
    # A chapter with tens of figures, statements and sources: a few links, the rest folded.
    chapter = correction_links((built_site / "rapports/relancer-les-ptce/chiffres-du-diagnostic/index.html").read_text(encoding="utf-8"))
    records = [link for link in chapter.links if "/blob/" in link["href"]]
    visible = [link for link in chapter.links if not link["folded"]]
    assert len(records) > 40 and len(visible) <= 15
    assert any("figures" in text or "chiffres" in text for text in chapter.text)
    figures = record_lines("data/chiffres-relancer-les-ptce.yaml")
    first, last = figures["ptce-2020-budget-moyen"]
    assert any(link["href"] == f"{BLOB}data/chiffres-relancer-les-ptce.yaml#L{first}-L{last}" for link in records)


def test_links_are_24px_targets_and_tout_voir_unfolds(built_site, base_url, browser):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(base_url + "monographies/eusko/", wait_until="load")
    section = page.locator("section.labo-correction")
    section.scroll_into_view_if_needed()
    for target in section.locator("a:visible, summary").all():
        box = target.bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24, target.inner_text()
    folded = section.locator("details a")
    assert not folded.first.is_visible()
    section.locator("summary").first.click()
    assert folded.first.is_visible()
    page.screenshot(path=str(built_site.parent / "correction-375.png"), full_page=False)
    page.close()


def test_a_repository_address_that_is_not_one_stops_the_build_in_french(tmp_path):
    result = run_mkdocs_build(PROJECT, tmp_path / "site", REPO_URL="labo-ess/rapports-2021")
    assert result.returncode == 1
    assert "n'est pas celle d'un dépôt" in result.stderr and "https://github.com/<compte>/<dépôt>" in result.stderr
    assert "Traceback" not in result.stderr
