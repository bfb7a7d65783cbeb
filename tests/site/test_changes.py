"""What a pull request changes on the site, for its reviewer: two builds compared, the pages
whose text changed (with the changed words) and the figures whose value changed, nothing else."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys

from conftest import REPO_URL, SITE_URL, ProjectCopy, run_mkdocs_build

FIGURE = "ptce-2020-panel-mes"
FIGURES_FILE = "data/chiffres-relancer-les-ptce.yaml"
SENTENCE = "L’équipe de l’étude du Labo de l’ESS y a passé deux jours en octobre 2018"


def summary(before, after) -> str:
    result = subprocess.run([sys.executable, "-m", "macros.commands.changes", str(before), str(after)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_changed_figure_and_sentence_are_named_and_nothing_else(built_site, tmp_path):
    project = ProjectCopy(tmp_path / "projet")
    # An editor changes a figure of a chapter (and says so in the corrections log, as make check
    # asks) and a sentence of a monograph.
    line = project.replace(FIGURES_FILE, f"- id: {FIGURE}\n", f"- id: {FIGURE}\n")
    text = project.read(FIGURES_FILE).splitlines(keepends=True)
    value = next(number for number in range(line, line + 10) if text[number].startswith("  valeur: "))
    old = text[value].split(": ")[1].strip()
    new = str(int(old) + 1)
    text[value] = f"  valeur: {new}\n"
    project.write(FIGURES_FILE, "".join(text))
    journal = project.read("data/journal.yaml")
    first = journal.index("\n- id: ") + 1
    project.write(
        "data/journal.yaml",
        journal[:first]
        + f"""- id: essai-changements
  date: "{datetime.date.today().isoformat()}"
  titre: Un chiffre du diagnostic corrigé
  modification: >-
    Le panel passe de {old} à {new} pôles.
  raison: >-
    Essai de la comparaison des constructions.
  pages: [rapports/relancer-les-ptce/methode.md]
  chiffres: [{FIGURE}]

"""
        + journal[first:],
    )
    project.replace("monographs/figeacteurs.md", SENTENCE, SENTENCE.replace("deux jours", "trois jours"))
    assert project.check().returncode == 0, project.check().stderr
    build = run_mkdocs_build(project.root, project.root / "site", SITE_URL=SITE_URL, REPO_URL=REPO_URL)
    assert build.returncode == 0, build.stderr

    markdown = summary(built_site, project.root / "site")
    pages = re.findall(r"^- \*\*.+?\*\* — `([^`]+)`", markdown, re.M)
    # The chapter that shows the figure (and says it was corrected), the monograph, the log.
    assert pages == ["journal/", "monographies/figeacteurs/", "rapports/relancer-les-ptce/methode/"], markdown
    assert "modifié : … Labo de l’ESS y a passé ~~deux~~ **trois** jours en octobre 2018" in markdown
    assert f"~~{old}~~ **{new}** PTCE" in markdown
    rows = re.findall(r"^\| `([^`]+)` \|", markdown, re.M)
    assert rows == [FIGURE]
    assert re.search(
        rf"^\| `{FIGURE}` \| .+ \| environ {old} PTCE \(2020, confirme\) \| environ {new} PTCE "
        r"\(2020, confirme\) \|$",
        markdown,
        re.M,
    ), markdown


def test_the_same_site_twice_changes_nothing(built_site):
    assert "Aucun texte de page ni aucun chiffre ne change." in summary(built_site, built_site)


def test_a_folder_that_is_not_a_site_is_said_in_french(tmp_path):
    result = subprocess.run([sys.executable, "-m", "macros.commands.changes", str(tmp_path), str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 2 and "n'est pas un site construit" in result.stderr
