"""The new editor's trials (issue « every hole closed »): each gives a located French message.

Each case edits a copy of the project as an editor would, runs `make check`, and expects the
message at the line the editor must fix, in French, with what to do.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import re
from types import SimpleNamespace

import pytest
import yaml
from conftest import NBSP, NNBSP, PROJECT, g

from macros.commands import check as make_check

DATA = "data/initiatives.yaml"
SOURCES = "data/sources.yaml"
# A year after the build date, whenever the tests run (the trial used 2031).
FUTURE = datetime.date.today().year + 5


def run_check(project, *options: str):
    """`make check` on the copy, run in this process (same code, no interpreter start-up)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = make_check.main(["--projet", str(project.root), *options])
    return SimpleNamespace(returncode=code, stdout=out.getvalue(), stderr=err.getvalue())


def message_lines(result) -> list[str]:
    """Every located line of make check: problems and warnings."""
    return [line.strip() for line in (result.stdout + result.stderr).splitlines() if re.match(r"\s*\S+:\d+:\d+: ", line)]


def problem_lines(result) -> list[str]:
    """The problems only: the real data has warnings of its own (sources given by a home page)."""
    return [line for line in message_lines(result) if not re.match(r"\S+:\d+:\d+: avertissement", line)]


def lines_at(result, file: str, line: int) -> list[str]:
    return [text for text in message_lines(result) if text.startswith(f"{file}:{line}:")]


def dedent(project, anchor: str, key_line: str) -> int:
    """Remove two spaces in front of the first `key_line` after `anchor`; its line number."""
    text = project.read(DATA)
    start = text.index(key_line, text.index(anchor))
    project.write(DATA, text[:start] + text[start + 2 :])
    return text[:start].count("\n") + 1


# --- Structure ----------------------------------------------------------------------------


def test_a_dedented_key_is_named_on_its_own_line_with_the_fix(project):
    line = dedent(project, "- id: eusko", "    sources: [euskalmoneta-faq]\n")
    result = run_check(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    # One message, on the dedented line, not « clé en double » on the entry's last key.
    assert len(problem_lines(result)) == 1, result.stderr
    (message,) = lines_at(result, DATA, line)
    assert f"la clé {g('sources')} est en colonne 3" in message
    assert "décalez-la de 2 espaces vers la droite (colonne 5)" in message
    assert f"sous {g('forme_juridique')}" in message and "en double" not in message


def test_a_dedented_key_that_breaks_the_syntax_is_found_above_where_yaml_stopped(project):
    line = dedent(project, "- id: eusko", "    statut: confirmee\n")
    result = run_check(project)
    (message,) = problem_lines(result)
    assert message.startswith(f"{DATA}:{line}:3: ligne mal indentée")
    assert f"sous {g('etude')}" in message
    # The likely cause comes first: nothing about quotes.
    assert "guillemets" not in message


def test_a_deleted_entry_first_line_gives_one_message_naming_it(project):
    line = project.replace(DATA, "- id: nova-child\n", "")
    result = run_check(project)
    assert result.returncode == 1
    (message,) = problem_lines(result)
    assert message.startswith(f"{DATA}:{line}:")
    # Every key of the entry left without its first line repeats one of the entry above.
    # (The entry above, whichever it is in the file's id order.)
    entries = yaml.safe_load((PROJECT / DATA).read_text(encoding="utf-8"))
    index = next(number for number, item in enumerate(entries) if item["id"] == "nova-child")
    above = entries[index - 1]
    repeated = [key for key in entries[index] if key != "id" and key in above]
    assert f"sans sa ligne {g('- id: …')}" in message and f"{len(repeated)} doublons" in message
    assert f"l'entrée {g(above['id'])}" in message


def test_a_value_with_a_colon_gets_the_quoted_line_to_write(project):
    line = project.replace(DATA, "  nom: Eusko\n", "  nom: Eusko: la monnaie\n")
    result = run_check(project)
    (message,) = problem_lines(result)
    assert message.startswith(f"{DATA}:{line}:")
    fixed = g('nom: "Eusko: la monnaie"')
    assert f"mettez-la entre guillemets{NBSP}: {fixed}" in message


def test_a_key_really_written_twice_is_still_a_duplicate(project):
    line = project.replace(DATA, "  nom: Eusko\n", "  nom: Eusko\n  nom: Euskal Moneta\n")
    result = run_check(project)
    (message,) = problem_lines(result)
    assert message.startswith(f"{DATA}:{line + 1}:") and f"clé {g('nom')} en double" in message


# --- Characters one cannot see ------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "named"),
    [
        ("nom\u00a0", "U+00A0 NO-BREAK SPACE (espace insécable)"),
        ("n\u200bom", "U+200B ZERO WIDTH SPACE (espace sans chasse)"),
        ("n\u043em", "U+043E CYRILLIC SMALL LETTER O, qui ressemble à «\u00a0o\u00a0»"),
    ],
    ids=["insecable", "chasse-nulle", "cyrillique"],
)
def test_a_key_with_a_hidden_character_names_it(project, key, named):
    line = project.replace(DATA, "  nom: Eusko\n", f"  {key}: Eusko\n")
    result = run_check(project)
    # One slip, one message (not also « champ obligatoire « nom » absent »).
    (message,) = problem_lines(result)
    assert message.startswith(f"{DATA}:{line}:3:") and named in message
    assert f"retapez-le au clavier{NBSP}: {g('nom')}" in message


def test_an_id_with_a_look_alike_letter_names_it(project):
    line = project.replace(DATA, "- id: biovallee\n", "- id: biovall\u0435e\n")
    result = run_check(project)
    (message,) = lines_at(result, DATA, line)
    assert "U+0435 CYRILLIC SMALL LETTER IE" in message and g("biovallee") in message


# --- Dates ----------------------------------------------------------------------------------


def test_a_creation_year_after_the_build_date_is_refused(project):
    line = project.replace(DATA, "annee: 2012\n", f"annee: {FUTURE}\n")
    result = run_check(project)
    (message,) = lines_at(result, DATA, line)
    assert f"la date {g(FUTURE)} est postérieure à la date de construction du site" in message


def test_a_milestone_in_the_future_is_refused(project):
    line = project.replace(
        DATA, "    - date: 2015\n      evenement: Le territoire", f"    - date: {FUTURE}-04-06\n      evenement: Le territoire"
    )
    result = run_check(project)
    (message,) = lines_at(result, DATA, line)
    assert g(f"{FUTURE}-04-06") in message and "champ «\u00a0jalons[5].date\u00a0»" in message


def test_milestones_out_of_order_name_both_dates(project):
    line = project.replace(DATA, "    - date: 2002\n", "    - date: 2019\n")
    text = project.read(DATA)
    following = text[: text.index("    - date: 2005\n")].count("\n") + 1
    result = run_check(project)
    (message,) = problem_lines(result)
    assert message.startswith(f"{DATA}:{line}:")
    assert f"le jalon daté {g('2019')} est placé avant celui daté {g('2005')} (ligne {following})" in message


def test_a_creation_after_the_first_milestone_is_refused_unless_explained(project):
    text = project.read(DATA)
    start = text.index("  creation:\n    annee: 2004\n")
    project.write(
        DATA, re.sub(r"  creation:\n    annee: 2004\n    precision: >-\n(?:      .*\n)+", "  creation:\n    annee: 2006\n", text, count=1)
    )
    line = text[:start].count("\n") + 2
    result = run_check(project)
    (message,) = lines_at(result, DATA, line)
    assert f"création en 2006, après le premier jalon, daté {g('2004')}" in message
    assert g("creation.precision") in message


# --- Warnings: a value cut by « # », an entry off the map -------------------------------------


def test_a_value_cut_by_a_hash_is_a_warning_with_the_quoted_fix(project):
    line = project.replace(SOURCES, "titre: Biovallée change de président\n", "titre: Biovallée change de président #2 (dossier spécial)\n")
    result = run_check(project)
    assert result.returncode == 0, result.stderr
    (message,) = lines_at(result, SOURCES, line)
    assert "avertissement" in message and g("#2 (dossier spécial)") in message
    assert g('titre: "Biovallée change de président #2 (dossier spécial)"') in message


def test_warnings_are_github_annotations_too(project, monkeypatch):
    line = project.replace(SOURCES, "titre: Biovallée change de président\n", "titre: Biovallée change de président #2\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_check(project)
    assert result.returncode == 0
    column = len("  titre: Biovallée change de président ") + 1
    assert f"::warning file={SOURCES},line={line},col={column},title=Avertissement::" in result.stdout


def test_an_entry_without_coordinates_is_warned_off_the_map_and_geojson(project):
    line = project.replace(
        DATA, "    coordonnees: {latitude: 43.49, longitude: -1.47, precision: approximative, note: centre de Bayonne}\n", ""
    )
    result = run_check(project)
    assert result.returncode == 0
    (message,) = [text for text in message_lines(result) if "coordonnées absentes" in text]
    assert message.startswith(f"{DATA}:{line - 6}:3: avertissement")
    assert "carte" in message and "donnees/initiatives.geojson" in message


# --- Messages that name what to write ------------------------------------------------------------


def test_the_departement_hint_proposes_a_valid_code(project):
    line = project.replace(DATA, 'departement: "64"', "departement: 1")
    result = run_check(project)
    (message,) = lines_at(result, DATA, line)
    assert message.endswith(f'Mettez la valeur entre guillemets pour qu\'elle reste un texte{NBSP}: "01".')


def test_an_unquoted_01_is_accepted_as_contributing_says():
    from pathlib import Path

    from macros.model.yaml_source import read_text

    document, problems = read_text("departement: 01\n", "x.yaml")
    assert problems == [] and document.data == {"departement": "01"}
    contributing = (Path(__file__).parents[2] / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "`64` est lu comme un nombre et refusé (`01` et `2A` seraient acceptés" in contributing


def test_an_optional_group_uncommented_alone_names_its_keys(project):
    project.replace(DATA, "  creation:\n    annee: 2013\n", "  creation: 2013\n  anciennement:\n    annee: 2013\n")
    result = run_check(project)
    message = next(text for text in problem_lines(result) if "champ «\u00a0creation\u00a0»" in text)
    assert (f"attendu un dictionnaire avec les clés {g('annee')} (obligatoire), {g('precision')}, {g('sources')} (obligatoire)") in message


# --- Monographs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "fragment"),
    [
        ("<script>alert(1)</script>", f"balise HTML {g('<script>')} refusée dans une monographie"),
        ('<div class="encadre">', f"balise HTML {g('<div>')} refusée"),
        ('<img src=x onerror="alert(1)">', f"balise HTML {g('<img>')} refusée"),
        ("CO<sub>2", f"{g('<sub>')} n'est pas refermée sur sa ligne"),
        ('1<sup class="x">er</sup>', f"attribut refusé sur {g('<sup>')}"),
        ("[clic](javascript:alert(1))", f"lien de type {g('javascript:')} refusé"),
        ("<!-- note", f"commentaire HTML {g('<!--')} jamais refermé"),
    ],
    ids=["script", "div", "img", "sub-ouverte", "attribut", "javascript", "commentaire"],
)
def test_raw_html_in_a_monograph_is_refused_at_its_line(project, html, fragment):
    line = project.replace("monographs/eusko.md", "## Territoire\n", f"## Territoire\n\nUn texte {html} ici.\n")
    result = run_check(project)
    assert result.returncode == 1
    messages = lines_at(result, "monographs/eusko.md", line + 2)
    assert len(messages) == 1 and fragment in messages[0], result.stderr


def test_prose_may_use_exponents_and_code(project):
    project.replace("monographs/eusko.md", "## Territoire\n", "## Territoire\n\nLe 1<sup>er</sup> mai, CO<sub>2</sub>, `<div>` et a < b.\n")
    result = run_check(project)
    assert result.returncode == 0, result.stderr


def test_placeholders_of_data_and_monograph_come_in_one_run(project):
    project.replace(DATA, "type: monnaie-locale", "type: À COMPLÉTER")
    project.replace("monographs/biovallee.md", "## Histoire", "## Histoire\n\nÀ COMPLÉTER")
    result = run_check(project)
    assert "valeur à compléter" in result.stderr and "monographs/biovallee.md:" in result.stderr


def test_typography_of_monographs_and_data_is_checked_with_the_fix(project):
    line = project.replace("monographs/eusko.md", "## Territoire\n", "## Territoire\n\nLe projet : une monnaie.\n")
    data_line = project.replace(DATA, "  nom: Eusko\n", '  nom: Eusko\n  nom_complet: "Eusko: la monnaie"\n')
    result = run_check(project)
    assert result.returncode == 1
    (prose,) = lines_at(result, "monographs/eusko.md", line + 2)
    assert f"espace insécable attendue avant «{NBSP}:{NBSP}»" in prose
    assert f"{g('Le projet : une monnaie.')} → {g('Le projet⍽: une monnaie.')} (⍽{NBSP}= espace insécable)" in prose
    (data,) = lines_at(result, DATA, data_line + 1)
    assert f"{g('Eusko: la monnaie')} → {g('Eusko : la monnaie')}" in data
    assert "make typographie" in result.stderr


def test_make_typographie_fixes_the_prose(project):
    project.replace("monographs/eusko.md", "## Territoire\n", "## Territoire\n\nLe projet : une « monnaie » ?\n")
    result = run_check(project, "--typographie")
    assert result.returncode == 0, result.stderr
    assert f"Le projet{NBSP}: une «{NBSP}monnaie{NBSP}»{NNBSP}?" in project.read("monographs/eusko.md")


def test_an_unclosed_block_in_a_docs_page_is_refused(project):
    line = project.replace(
        "docs/a-propos.md",
        "\n## ",
        '\n<div class="encadre" markdown>\n\n## ',
    )
    result = run_check(project)
    (message,) = lines_at(result, "docs/a-propos.md", line + 1)
    assert f"{g('<div>')} n'est jamais refermée" in message
