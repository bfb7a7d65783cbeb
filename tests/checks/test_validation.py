"""`make check` and the build on broken data: every problem located, in French, exit 1."""

from __future__ import annotations

import json

import pytest
from conftest import NBSP, NNBSP, PROJECT, g, run_check

DATA = "data/initiatives.yaml"


def test_shipped_data_is_valid():
    result = run_check(PROJECT)
    assert result.returncode == 0, result.stderr
    assert "Données valides" in result.stdout


def test_every_schema_is_a_valid_draft_2020_12_schema():
    from macros.model.schema import check_schemas

    assert check_schemas(PROJECT / "data" / "schemas") == []
    assert len(list((PROJECT / "data" / "schemas").glob("*.schema.json"))) >= 8


def test_yaml_modeline_points_to_the_schema_used_by_the_build():
    first_line = (PROJECT / DATA).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=schemas/initiatives.schema.json"
    schema = json.loads((PROJECT / "data/schemas/initiatives.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


# Each case: (name, old text, new text, expected fragment of the message).
# The expected line is where the edit was made; the message must name it.
CASES = [
    ("type mal orthographié", "type: monnaie-locale", "type: monaie-locale", f"valeurs possibles{NBSP}: {g('ptce')}"),
    ("suggestion de type", "type: monnaie-locale", "type: monaie-locale", f"Vouliez-vous dire {g('monnaie-locale')}{NNBSP}?"),
    ("département non entre guillemets", 'departement: "64"', "departement: 64", "reçu le nombre 64"),
    ("département mal formé", 'departement: "64"', 'departement: "2C"', "attendu un code de département entre guillemets"),
    ("département inexistant", 'departement: "64"', 'departement: "20"', f"département {g('20')} absent du référentiel des départements"),
    (
        "région incohérente",
        "region: Nouvelle-Aquitaine",
        "region: Occitanie",
        f"le département 64 (Pyrénées-Atlantiques) est en {g('Nouvelle-Aquitaine')}",
    ),
    (
        "champ inconnu",
        "site_web: https://www.euskalmoneta.org",
        "site_webb: https://www.euskalmoneta.org",
        f"champ inconnu {g('site_webb')}. Vouliez-vous dire {g('site_web')}{NNBSP}?",
    ),
    ("identifiant en double", "- id: nova-child", "- id: biovallee", "identifiant déjà utilisé (data/initiatives.yaml:"),
    ("clé de source inconnue", "sources: [nosdeputes]", "sources: [nosdepute]", f"source {g('nosdepute')} inconnue"),
    ("clé dupliquée", "  nom: Eusko\n", "  nom: Eusko\n  nom: Euskal Moneta\n", f"clé {g('nom')} en double"),
    ("booléen à la YAML 1.1", "approximatif: true", "approximatif: yes", "Écrivez true ou false."),
    ("latitude hors de France", "latitude: 43.49", "latitude: 95.2", "attendu au plus 52"),
    (
        "coordonnées inversées",
        "latitude: 43.49, longitude: -1.47",
        "latitude: -1.47, longitude: 43.49",
        "latitude et longitude inversées, ou mauvais département",
    ),
    ("année impossible", "annee: 2013", "annee: 3013", "attendu au plus 2100"),
    ("date inexistante", "date: 2012-05", "date: 2021-02-30", "n'existe pas dans le calendrier"),
    (
        "adresse javascript",
        "site_web: https://biovallee.net",
        "site_web: javascript:alert(1)",
        "une adresse web complète commençant par https://",
    ),
    ("texte vide", "nom: Eusko", "nom: ''", "texte vide"),
    ("syntaxe YAML", "  nom: Eusko\n", "  nom: Eusko: la monnaie\n", 'mettez-la entre guillemets\u00a0: «\u00a0nom: "Eusko: la monnaie"'),
]


@pytest.mark.parametrize(("name", "old", "new", "fragment"), CASES, ids=[case[0] for case in CASES])
def test_broken_data_gives_a_located_french_error(project, name, old, new, fragment):
    line = project.replace(DATA, old, new)
    result = project.check()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [text for text in result.stderr.splitlines() if fragment in text]
    assert lines, f"message attendu absent : {fragment!r}\n{result.stderr}"
    # The line of the edit is named (a duplicate key or id is reported at its 2nd line).
    assert any(f"{DATA}:{line}:" in text or f"{DATA}:{line + 1}:" in text for text in lines), result.stderr


def test_all_problems_are_reported_at_once(project):
    project.replace(DATA, "type: monnaie-locale", "type: monaie-locale")
    project.replace(DATA, 'departement: "49"', "departement: 49")
    result = project.check()
    assert result.returncode == 1
    assert "2 problèmes dans les données" in result.stderr


def test_message_names_the_initiative_and_the_field(project):
    project.replace(DATA, 'departement: "64"', "departement: 64")
    result = project.check()
    assert f"initiative {g('eusko')}, champ {g('territoire.departement')}" in result.stderr


def test_missing_prose_file_is_an_error(project):
    project.path("monographs/eusko.md").unlink()
    result = project.check()
    assert result.returncode == 1
    assert f"le texte de la monographie {g('monographs/eusko.md')} est introuvable" in result.stderr


def test_prose_file_without_entry_suggests_the_id(project):
    project.path("monographs/eusko.md").rename(project.path("monographs/euskoo.md"))
    result = project.check()
    assert f"aucune initiative n'a l'id {g('euskoo')}" in result.stderr
    assert f"Vouliez-vous dire {g('eusko.md')}{NNBSP}?" in result.stderr


def test_template_syntax_in_prose_is_refused_with_its_line(project):
    prose = project.read("monographs/eusko.md")
    project.write("monographs/eusko.md", prose + "\nUn calcul : {{ 7 * 7 }}\n")
    result = project.check()
    expected_line = len(prose.splitlines()) + 2
    assert f"monographs/eusko.md:{expected_line}:" in result.stderr
    assert "interdite dans une monographie" in result.stderr


def test_build_stops_before_rendering_on_bad_data(project):
    project.replace(DATA, "type: monnaie-locale", "type: monaie-locale")
    result = project.build()
    assert result.returncode != 0
    assert f"Vouliez-vous dire {g('monnaie-locale')}" in result.stderr
    assert not (project.root / "site" / "index.html").exists()


def test_validator_never_rewrites_the_editor_file(project):
    project.replace(DATA, "type: monnaie-locale", "type: monaie-locale")
    before = project.path(DATA).read_bytes()
    project.check()
    assert project.path(DATA).read_bytes() == before
