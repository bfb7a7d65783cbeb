"""Who says it, and what the source says: sources as records, verbatim excerpts, mirrors.

Validation refuses a confirmed fact without its excerpt, a statement attributed to a report
without an excerpt of a Labo text, a mirror site as a source; pages show the excerpt on
demand next to the claim; the exports carry every figure and every source.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest
import yaml
from conftest import PROJECT, serve

from macros import french
from macros.checks.validate import load_catalogue
from macros.commands.excerpts import excerpts_by_source
from macros.model.collections import DataPaths
from macros.problems import NBSP, NNBSP
from macros.problems import guillemets as g
from macros.renderer.exports import figures

CATALOGUE = load_catalogue(DataPaths(PROJECT))
SOURCES = {source["id"]: source for source in CATALOGUE.records["sources"]}
FIGURES = "data/chiffres-relancer-les-ptce.yaml"


def first_confirmed_with_excerpt(project, file):
    """The text block of the first confirmed figure of a file that has an excerpt."""
    text = project.read(file)
    for block in re.split(r"\n(?=- id: )", text):
        if "statut: confirme" in block and "extraits:" in block:
            return block
    raise AssertionError(f"aucun chiffre confirmé avec extrait dans {file}")


def lines_with(result, fragment):
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    found = [line for line in result.stderr.splitlines() if fragment in line]
    assert found, f"message attendu absent : {fragment!r}\n{result.stderr}"
    return found


def test_a_confirmed_figure_without_excerpt_is_refused_at_its_line(project):
    block = first_confirmed_with_excerpt(project, FIGURES)
    stripped = re.sub(r"\n  extraits:\n(?:    .*\n?)+", "\n", block + "\n").rstrip("\n")
    line = project.replace(FIGURES, block, stripped)
    figure_id = re.match(r"- id: (\S+)", block).group(1)
    found = lines_with(project.check(), "fait confirmé sans extrait de sa source")
    status_line = line + stripped.splitlines().index("  statut: confirme")
    assert any(f"{FIGURES}:{status_line}:" in text and f"chiffre {g(figure_id)}" in text for text in found)
    assert any("passez le statut à « secondaire »" in text for text in found)


def rewrite_record(project, file: str, record_id: str, change) -> int:
    """Apply `change` to one record of a data file (rewritten as YAML); its first line."""
    text = project.read(file)
    start = text.index(f"- id: {record_id}\n")
    end = text.find("\n- id: ", start + 1)
    end = len(text) if end < 0 else end + 1
    record = yaml.safe_load(text[start:end])[0]
    change(record)
    dumped = yaml.safe_dump([record], allow_unicode=True, sort_keys=False, width=1000)
    project.write(file, text[:start] + dumped + ("\n" if end < len(text) else "") + text[end:])
    return text[:start].count("\n") + 1


def test_a_statement_of_the_report_needs_an_excerpt_of_a_labo_text(project):
    report = next(f for f in CATALOGUE.records["chiffres"] if f["affirme_par"] == "rapport")
    file = next(
        p
        for p in ("data/chiffres-relancer-les-ptce.yaml", "data/chiffres-dynamiques-collectives.yaml")
        if f"- id: {report['id']}\n" in project.read(p)
    )
    third = next(source for source, record in SOURCES.items() if not record.get("texte_du_labo"))

    def quote_a_third_party(record):
        record["sources"] = record["sources"] + [third]
        record["extraits"] = [{"source": third, "texte": "Un passage qui ne vient pas du Labo.", "ou": "p. 1"}]

    line = rewrite_record(project, file, report["id"], quote_a_third_party)
    found = lines_with(project.check(), "attribué à un rapport sans extrait d'un texte du Labo de l'ESS")
    assert any(text.startswith(f"  {file}:") and int(text.split(":")[1]) > line for text in found)


def test_an_excerpt_must_quote_one_of_the_facts_sources(project):
    block = first_confirmed_with_excerpt(project, FIGURES)
    quoted = re.search(r"    - source: (\S+)", block).group(1)
    other = next(s for s in SOURCES if s != quoted and s not in block)
    project.replace(FIGURES, f"    - source: {quoted}", f"    - source: {other}")
    lines_with(project.check(), f"cet extrait cite {g(other)}, qui n'est pas dans les {g('sources')} de ce fait")


def test_a_mirror_site_is_never_a_sources_address(project):
    text = project.read("data/sources.yaml")
    copy = re.search(r"\n  copie_consultee:\n    url: (https://[^\n]+)\n", text)
    source_block = text[: copy.start()].rsplit("\n- id: ", 1)[1]
    source_id = source_block.splitlines()[0]
    # An editor who puts the mirror's address as the source's own address.
    line = project.replace("data/sources.yaml", f"- id: {source_id}\n", f"- id: {source_id}\n  url: {copy.group(1)}\n")
    found = lines_with(project.check(), "site miroir qui recopie des documents")
    assert any(f"data/sources.yaml:{line + 1}:" in text and f"source {g(source_id)}" in text for text in found)
    assert any("copie_consultee" in text for text in found)


def test_an_unknown_source_id_suggests_the_close_one(project):
    project.replace("data/initiatives.yaml", "sources: [nosdeputes", "sources: [nosdepute")
    found = lines_with(project.check(), f"source {g('nosdepute')} inconnue")
    assert any(f"Vouliez-vous dire {g('nosdeputes')}{NNBSP}?" in text for text in found)


def test_a_source_no_fact_cites_is_reported(project):
    text = project.read("data/sources.yaml")
    project.write(
        "data/sources.yaml",
        text.rstrip("\n") + "\n\n- id: source-orpheline\n  titre: Une page"
        "\n  auteur: Quelqu'un\n  editeur: Un site\n  url: https://exemple.org/page\n",
    )
    lines_with(project.check(), "source citée par aucun fait")


def test_a_deduction_is_always_the_editors(project):
    text = project.read(FIGURES)
    block = next(b for b in re.split(r"\n(?=- id: )", text) if "statut: deduction" in b)
    project.replace(FIGURES, block, block.replace("affirme_par: redaction", "affirme_par: tiers"))
    lines_with(project.check(), "une déduction est toujours celle de la rédaction")


def test_a_dynamics_place_in_the_study_needs_its_excerpt(project):
    text = project.read("data/initiatives.yaml")
    start = text.index("- id: eusko\n")
    etude = re.search(r"\n  etude:\n(?:    .*\n)+", text[start:])
    block = etude.group(0)
    project.replace("data/initiatives.yaml", block, re.sub(r"    extraits:\n(?:      .*\n)+", "", block))
    found = lines_with(project.check(), f"champ obligatoire {g('extraits')} absent")
    assert any(f"initiative {g('eusko')}, champ {g('etude')}" in text for text in found)


def test_an_expected_benefit_has_no_addressee(project):
    file = "data/propositions-relancer-les-ptce.yaml"
    text = project.read(file)
    block = next(b for b in re.split(r"\n(?=- id: )", text) if "nature: benefice-attendu" in b)
    project.replace(file, block, block.replace("nature: benefice-attendu", "nature: benefice-attendu\n  destinataires: [etat]"))
    lines_with(project.check(), "« destinataires » ne s'applique qu'à une proposition")


# --- The built site -------------------------------------------------------------------


def popovers(page: str) -> tuple[list[str], list[str]]:
    targets = re.findall(r'<button type="button" class="labo-qui[^"]*" popovertarget="([^"]+)"', page)
    ids = re.findall(r'<span class="labo-provenance" id="([^"]+)" popover', page)
    return targets, ids


def note_of(page: str, anchor: str) -> str:
    """The HTML of the note (popover) whose id is `anchor`, up to its « Fermer » button."""
    start = page.index(f'<span class="labo-provenance" id="{anchor}" popover')
    return page[start : page.index("labo-provenance__fermer", start)]


@pytest.mark.parametrize("initiative", CATALOGUE.initiatives, ids=[item["id"] for item in CATALOGUE.initiatives])
def test_a_monograph_shows_the_excerpt_of_its_place_in_the_study(built_site, initiative):
    page = (built_site / "monographies" / initiative["id"] / "index.html").read_text(encoding="utf-8")
    status = page[page.index("labo-statut") : page.index("Fiche d’identité")]
    # The status's button opens the note of its excerpts (moved after the section: print_notes.py).
    note = note_of(page, re.search(r'class="labo-qui[^"]*" popovertarget="([^"]+)"', status).group(1))
    for excerpt in initiative["etude"]["extraits"]:
        assert html_text(excerpt["texte"]) in note
    targets, ids = popovers(page)
    # Every button opens a note of the page (identical notes are one), and no two notes share an id.
    assert targets and set(targets) == set(ids) and len(ids) == len(set(ids))
    for figure in initiative.get("chiffres_cles", []):
        for excerpt in figure.get("extraits", []):
            assert html_text(excerpt["texte"]) in page


def html_text(text: str) -> str:
    """How an excerpt is written in the HTML: escaped, nothing else changed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")


def test_every_confirmed_figure_shows_its_excerpt_where_it_is_cited(built_site):
    chapters = {path: path.read_text(encoding="utf-8") for path in (built_site / "rapports").rglob("index.html")}
    for figure in CATALOGUE.records["chiffres"]:
        if figure["statut"] != "confirme":
            continue
        pages = [page for page in chapters.values() if f'id="chiffre-{figure["id"]}"' in page]
        assert pages, f"chiffre confirmé jamais affiché : {figure['id']}"
        for page in pages:
            for excerpt in figure["extraits"]:
                assert html_text(excerpt["texte"]) in page, (figure["id"], excerpt["texte"])


def test_recommendations_list_only_proposals_as_proposals(built_site):
    page = (built_site / "synthese/recommandations/index.html").read_text(encoding="utf-8")
    head, _, benefits = page.partition('id="benefices-attendus-et-appreciations"')
    assert benefits, "section des bénéfices attendus absente"
    for item in CATALOGUE.records["propositions"]:
        title = html_text(french.typography(item["titre"]))
        if item["nature"] == "proposition":
            assert f'-{item["id"]}"' in head
        else:
            assert f'-{item["id"]}"' not in head and f'-{item["id"]}"' in benefits, item["id"]
            assert title in benefits


def test_sources_page_shows_the_original_and_the_copy_consulted(built_site):
    page = (built_site / "sources/index.html").read_text(encoding="utf-8")
    for source in SOURCES.values():
        assert f'id="source-{source["id"]}"' in page
        item = re.search(rf'<li id="source-{source["id"]}">(.*?)</li>', page, re.S).group(1)
        if "copie_consultee" in source:
            assert "copie consultée" in item and source["copie_consultee"]["url"] in item
        # Every other known copy is shown too, after the one read.
        for copy in source.get("autres_copies", []):
            assert item.count("autre copie") == len(source["autres_copies"]) and copy["url"] in item
    assert any("autres_copies" in source for source in SOURCES.values())


def test_figures_export_reads_back_as_the_data(built_site):
    exported = json.loads((built_site / "donnees/chiffres.json").read_text(encoding="utf-8"))["chiffres"]
    expected = figures(CATALOGUE)
    assert (
        len(exported)
        == len(expected)
        == len(CATALOGUE.records["chiffres"]) + sum(len(item.get("chiffres_cles", [])) for item in CATALOGUE.initiatives)
    )
    assert len({row["id"] for row in exported}) == len(exported)
    by_id = {row["id"]: row for row in exported}
    for figure in CATALOGUE.records["chiffres"]:
        row = by_id[figure["id"]]
        assert (row["valeur"], row["statut"], row["affirme_par"], row["sources"]) == (
            figure["valeur"],
            figure["statut"],
            figure["affirme_par"],
            figure["sources"],
        )
        assert row["extraits"] == figure.get("extraits", [])
    text = (built_site / "donnees/chiffres.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [row["id"] for row in rows] == [row["id"] for row in exported]
    for row in rows:
        source = by_id[row["id"]]
        assert float(row["valeur"]) == source["valeur"]
        assert row["sources"].split("|") == source["sources"]
        assert all(item["texte"] in row["extraits"] for item in source["extraits"])


def test_sources_export_names_author_publisher_and_copy(built_site):
    exported = json.loads((built_site / "donnees/sources.json").read_text(encoding="utf-8"))["sources"]
    assert [row["id"] for row in exported] == list(SOURCES)
    for row in exported:
        assert row["auteur"] and row["editeur"] and ("url" in row or "reference" in row)
        assert row == {key: value for key, value in SOURCES[row["id"]].items() if key != "nom_court"}


def test_the_excerpt_opens_with_the_keyboard_at_phone_width(browser, base_url):
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(base_url + "monographies/eusko/", wait_until="networkidle")
    button = page.locator(".labo-statut .labo-qui").first
    name = button.get_attribute("aria-label")
    assert button.inner_text() in name  # the visible label is part of the accessible name
    button.focus()
    page.keyboard.press("Enter")
    note = page.locator("#" + button.get_attribute("popovertarget"))
    assert note.is_visible()
    box = note.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    excerpt = next(iter(CATALOGUE.initiative("eusko")["etude"]["extraits"]))["texte"]
    assert excerpt[:40] in note.inner_text()
    page.keyboard.press("Escape")
    assert not note.is_visible()
    page.close()


# --- The excerpt checker against a local server ---------------------------------------------


def test_excerpt_checker_reports_an_excerpt_missing_from_its_page(project, tmp_path):
    served = tmp_path / "pages"
    served.mkdir()
    block = first_confirmed_with_excerpt(project, FIGURES)
    source_id = re.search(r"    - source: (\S+)", block).group(1)
    # Every excerpt of that source, written with a page's typography: curly apostrophes,
    # no-break spaces, markup between the words.
    quoted = [item.text for item in excerpts_by_source(DataPaths(project.root))[source_id]]
    page = " ".join(text.replace("'", "’").replace(" ", f" <b>{NBSP}</b>", 1) for text in quoted)
    (served / "contient.html").write_text(f"<html><body><p>Avant. {page} Après.</p></body></html>", encoding="utf-8")
    (served / "manque.html").write_text("<html><body><p>Une autre page.</p></body></html>", encoding="utf-8")
    server, root = serve(served)
    base = root.rstrip("/")
    try:
        sources = project.read("data/sources.yaml")
        record = re.search(rf"\n- id: {re.escape(source_id)}\n(?:  .*\n)+", sources).group(0)
        pointed = re.sub(r"\n  (url|copie_consultee|reference):.*(\n    .*)*", "", record).rstrip("\n")
        project.replace("data/sources.yaml", record, pointed + f"\n  url: {base}/contient.html\n")

        def run() -> subprocess.CompletedProcess:
            return subprocess.run(
                [sys.executable, "-m", "macros.commands.excerpts", "--projet", str(project.root), "--source", source_id, "--delai", "0"],
                capture_output=True,
                text=True,
                cwd=project.root,
            )

        result = run()
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"{len(quoted)} extrait(s) vérifié(s), 0 introuvable(s)" in result.stdout
        project.replace("data/sources.yaml", f"{base}/contient.html", f"{base}/manque.html")
        result = run()
        assert result.returncode == 1
        assert f"extrait de {g(source_id)} introuvable dans {base}/manque.html" in result.stdout
        assert re.search(r"data/chiffres-[a-z-]+\.yaml:\d+: ", result.stdout)
    finally:
        server.shutdown()
