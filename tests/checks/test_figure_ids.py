"""Key figures carry their id in the data, as the reports' figures do: required, unique, kept
when the label or the value changes, and a published one never vanishes without a word."""

from __future__ import annotations

import csv
import datetime

import yaml
from conftest import NBSP, NNBSP, PROJECT, g

INITIATIVES = "data/initiatives.yaml"
# A published key figure that no log entry names: any change of it is a new correction.
PUBLISHED = "    - libelle: Utilisateurs (décembre 2020)\n      id: eusko-utilisateurs-2020\n      valeur: 3800\n"
LOG_ENTRY = """
- id: correction-de-test
  date: "{today}"
  titre: Un chiffre de l'eusko retiré
  modification: Le nombre d'utilisateurs de décembre 2020 n'est plus donné.
  raison: La source ne le donne plus (exemple de test).
  pages: [monographies/eusko.md]
  chiffres: [eusko-utilisateurs-2020]
"""


def _line(project, text: str) -> int:
    content = project.read(INITIATIVES)
    return content[: content.index(text)].count("\n") + 1


def _output(project) -> str:
    result = project.check()
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    return result.stderr


def test_every_published_figure_keeps_its_id_in_the_data():
    """The migration kept the published ids: each one is written in the data, none derived."""
    with (PROJECT / "data/publie/chiffres.csv").open(encoding="utf-8") as handle:
        published = {row["id"] for row in csv.DictReader(handle, delimiter=";")}
    initiatives = yaml.safe_load((PROJECT / INITIATIVES).read_text(encoding="utf-8"))
    key_figures = [figure["id"] for item in initiatives for figure in item.get("chiffres_cles", [])]
    report_figures = [
        figure["id"]
        for path in sorted((PROJECT / "data").glob("chiffres-*.yaml"))
        for figure in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]
    assert len(key_figures) == len(set(key_figures))
    assert published <= set(key_figures) | set(report_figures)
    # A figure relabelled since its publication has its published id back.
    habitants = next(item for item in initiatives if item["id"] == "biovallee")["chiffres_cles"][3]
    assert (habitants["id"], habitants["valeur"], habitants["annee"]) == ("biovallee-habitants", 54000, 2012)


def test_a_key_figure_without_an_id_is_refused_with_the_line_to_write(project):
    line = project.replace(
        INITIATIVES,
        "    - libelle: Communes du territoire\n      id: biovallee-communes-du-territoire\n",
        "    - libelle: Communes du territoire\n",
    )
    assert (
        f"{INITIATIVES}:{line}:7: initiative {g('biovallee')}, champ {g('chiffres_cles[1]')}{NBSP}: champ obligatoire "
        f"{g('id')} absent. Ajoutez sous {g('libelle')} une ligne {g('id: …')}{NBSP}: l'id de l'initiative, ce que mesure "
        f"le chiffre et son année, en minuscules et tirets (ex. {g('id: eusko-adherents-particuliers-2020')}){NNBSP}; il ne "
        "change plus ensuite, même si le libellé change."
    ) in _output(project)


def test_two_figures_under_one_id_are_refused_naming_both(project):
    first = _line(project, "      id: biovallee-communes-du-territoire\n")
    second = project.replace(
        INITIATIVES, "      id: biovallee-communes-du-territoire-fiche-non-datee\n", "      id: biovallee-communes-du-territoire\n"
    )
    report = project.replace(INITIATIVES, "      id: biovallee-habitants-fiche-non-datee\n", "      id: dc-dynamiques-etudiees\n")
    output = _output(project)
    assert (
        f"{INITIATIVES}:{second}:11: initiative {g('biovallee')}, champ {g('chiffres_cles[2].id')}{NBSP}: identifiant de "
        f"chiffre {g('biovallee-communes-du-territoire')} déjà pris par le chiffre clé n°{NBSP}1 de l'initiative "
        f"{g('biovallee')} ({INITIATIVES}:{first}){NNBSP}; chaque chiffre a le sien"
    ) in output
    assert f"Donnez à l'un des deux un autre id (par exemple {g('biovallee-communes-du-territoire-2')})" in output
    assert (
        f"{INITIATIVES}:{report}:11: initiative {g('biovallee')}, champ {g('chiffres_cles[5].id')}{NBSP}: identifiant de "
        f"chiffre {g('dc-dynamiques-etudiees')} déjà pris par un chiffre d'un rapport (data/chiffres-dynamiques-collectives.yaml:"
    ) in output


def test_a_changed_value_needs_its_log_entry_even_with_a_new_label(project):
    line = project.replace(
        INITIATIVES, PUBLISHED, PUBLISHED.replace("Utilisateurs (décembre 2020)", "Utilisateurs de l'eusko").replace("3800", "3900")
    )
    assert (
        f"{INITIATIVES}:{line + 2}:15: le chiffre {g('eusko-utilisateurs-2020')} a changé depuis sa publication du "
        f"26/11/2026 (valeur {g('3800')} → {g('3900')}){NNBSP}; une correction publiée se signale dans le journal des modifications."
    ) in _output(project)


def test_a_published_id_changed_is_reported_with_the_line_to_restore(project):
    line = project.replace(INITIATIVES, "      id: eusko-utilisateurs-2020\n", "      id: eusko-utilisateurs-decembre-2020\n")
    assert (
        f"{INITIATIVES}:{line}:11: initiative {g('eusko')}, champ {g('chiffres_cles[12].id')}{NBSP}: le chiffre "
        f"{g('eusko-utilisateurs-2020')}, publié le 26/11/2026 (3{NNBSP}800 utilisateurs, 2020), n'est plus dans les "
        f"données{NNBSP}; un chiffre publié garde son id, que nomment les données ouvertes et le journal. Ce chiffre-ci, "
        f"jamais publié, a la même valeur{NBSP}: s'il a seulement changé d'id, remettez {g('id: eusko-utilisateurs-2020')}"
    ) in _output(project)


def test_a_removed_published_figure_is_said_in_the_log(project):
    text = project.read(INITIATIVES)
    line = _line(project, "  chiffres_cles:\n    - libelle: Utilisateurs au lancement\n")
    start = text.index(PUBLISHED)
    project.write(INITIATIVES, text[:start] + text[text.index("    - libelle:", start + 1) :])
    assert (
        f"{INITIATIVES}:{line}:3: initiative {g('eusko')}{NBSP}: le chiffre {g('eusko-utilisateurs-2020')}, publié le "
        f"26/11/2026 (3{NNBSP}800 utilisateurs, 2020), n'est plus dans les données"
    ) in (output := _output(project))
    assert (
        f"s'il a été retiré, dites-le dans data/journal.yaml{NBSP}: une entrée datée d'aujourd'hui, "
        f"avec {g('chiffres: [eusko-utilisateurs-2020]')}" in output
    )
    # The log entry that says so is accepted, and the log's page lists the figure as removed.
    project.write("data/journal.yaml", project.read("data/journal.yaml") + LOG_ENTRY.format(today=datetime.date.today().isoformat()))
    result = project.build()
    assert result.returncode == 0, result.stderr
    page = (project.root / "site/journal/index.html").read_text(encoding="utf-8")
    assert "<li>Chiffre retiré du site <code>eusko-utilisateurs-2020</code></li>" in page
