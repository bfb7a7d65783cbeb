"""Git merge-conflict markers are refused before any parsing, one French message per block."""

from __future__ import annotations

from conftest import NBSP

from macros.checks.conflicts import conflict_problems, text_conflicts
from macros.model.collections import DataPaths

ADVICE = f"{NBSP}: gardez l’une des deux versions, ou les deux entrées entières, puis supprimez les lignes <<<<<<<, ======= et >>>>>>>"


def located(file: str, first: int, last: int) -> str:
    return f"{file}:{first}: conflit de fusion non résolu (lignes {first} à {last}){ADVICE}"


def test_conflict_in_a_monograph_stops_check_and_build(project):
    text = project.read("monographs/eusko.md")
    paragraph = text.split("\n\n")[0]
    project.write(
        "monographs/eusko.md",
        text.replace(paragraph, f"<<<<<<< HEAD\n{paragraph}\n=======\n{paragraph} Autre version.\n>>>>>>> relecture", 1),
    )
    message = located("monographs/eusko.md", 1, 5)
    check = project.check()
    assert check.returncode == 1
    assert message in check.stderr
    build = project.build()
    assert build.returncode != 0
    assert message in build.stdout + build.stderr


def test_conflict_in_initiatives_one_message_per_block(project):
    first = project.replace(
        "data/initiatives.yaml", "  nom: Eusko\n", "<<<<<<< HEAD\n  nom: Eusko\n=======\n  nom: L’eusko\n>>>>>>> relecture\n"
    )
    second = project.replace(
        "data/initiatives.yaml",
        "  type: monnaie-locale\n",
        "<<<<<<< HEAD\n  type: monnaie-locale\n||||||| base\n  type: monnaie\n=======\n  type: autre\n>>>>>>> relecture\n",
    )
    check = project.check()
    assert check.returncode == 1
    assert located("data/initiatives.yaml", first, first + 4) in check.stderr
    assert (
        f"data/initiatives.yaml:{second}: conflit de fusion non résolu (lignes {second} à {second + 6})"
        f"{NBSP}: gardez l’une des deux versions, ou les deux entrées entières, "
        "puis supprimez les lignes <<<<<<<, |||||||, ======= et >>>>>>>"
    ) in check.stderr
    assert check.stderr.count("conflit de fusion") == 2
    assert "2 problèmes dans les données" in check.stderr
    # Nothing else is parsed: no misleading YAML syntax message about « : ».
    assert "«\u00a0:\u00a0»" not in check.stderr and "YAML" not in check.stderr


def test_conflict_in_a_docs_page(project):
    project.write("docs/a-propos.md", "<<<<<<< HEAD\n# À propos\n=======\n# Le projet\n>>>>>>> main\n" + project.read("docs/a-propos.md"))
    check = project.check()
    assert check.returncode == 1
    assert located("docs/a-propos.md", 1, 5) in check.stderr


def test_conflict_in_mkdocs_yml(project):
    line = project.replace("mkdocs.yml", "site_name:", "<<<<<<< HEAD\nsite_name: A\n=======\nsite_name:")
    text = project.read("mkdocs.yml").splitlines()
    end = next(i for i, content in enumerate(text[line:], start=line + 1) if content.startswith("site_name:"))
    project.replace("mkdocs.yml", text[end - 1] + "\n", text[end - 1] + "\n>>>>>>> main\n")
    check = project.check()
    assert check.returncode == 1
    assert located("mkdocs.yml", line, end + 1) in check.stderr


def test_setext_underline_and_fenced_markers_are_not_conflicts(project):
    text = "Titre\n=======\n\nTexte.\n\n```\n<<<<<<< HEAD\n=======\n>>>>>>> main\n```\n"
    assert text_conflicts("docs/x.md", text, markdown=True) == []
    project.write("docs/a-propos.md", project.read("docs/a-propos.md") + "\n" + text)
    assert conflict_problems(DataPaths(project.root)) == []


def test_unclosed_block_is_reported():
    problems = text_conflicts("data/x.yaml", "a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n")
    assert [(problem.line, problem.message.split(NBSP)[0]) for problem in problems] == [
        (2, "conflit de fusion non résolu (à partir de la ligne 2, sans ligne >>>>>>>)")
    ]
