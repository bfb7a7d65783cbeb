"""A monograph's standard sections (macros/checks/prose_sections.py): one renamed or left
out is a located warning of `make check` that names the heading expected."""

from __future__ import annotations

from conftest import NNBSP, g


def test_a_renamed_or_missing_standard_section_is_a_warning_naming_the_heading(project):
    renamed = project.replace("monographs/eusko.md", "## Histoire\n", "## Historique\n")
    text = project.read("monographs/biovallee.md")
    project.write("monographs/biovallee.md", text.replace("## Territoire\n\n", "", 1))
    following = project.read("monographs/biovallee.md").splitlines().index("## Acteurs et gouvernance") + 1
    result = project.check()
    # Warnings: the check passes, and says what to write.
    assert result.returncode == 0, result.stderr
    assert (
        f"monographs/eusko.md:{renamed}:1: avertissement : section {g('## Historique')} : le titre standard est "
        f"{g('## Histoire')}{NNBSP}; écrivez-le ainsi"
    ).replace(" : ", "\u00a0: ") in result.stdout
    assert (
        f"monographs/biovallee.md:{following}:1: avertissement : section standard {g('## Territoire')} absente"
        f"{NNBSP}; ajoutez-la, avant {g('## Acteurs et gouvernance')}"
    ).replace(" : ", "\u00a0: ") in result.stdout
    # The renamed heading is not also reported as a missing section.
    assert f"section standard {g('## Histoire')} absente" not in result.stdout
