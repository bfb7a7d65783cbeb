"""MkDocs' messages in French, located in the file the editor wrote (not the generated page)."""

from __future__ import annotations

import re

from conftest import NBSP, NNBSP, g

ENGLISH = ("Doc file", "Aborted", "WARNING", "Did you mean", "Cleaning site", "Building documentation", "[macros]", "BuildError")


def where(text: str, target: str) -> str:
    """line:column of the first `(target)` link of a text."""
    start = text.index(f"]({target})") + 2
    return f"{text.count(chr(10), 0, start) + 1}:{start - text.rfind(chr(10), 0, start)}"


def test_broken_links_are_french_lines_at_the_editor_s_line(project):
    links = (
        "Voir [Biovallée](biovalee.md), [la carte](../carte/), [l’accueil](/index.md), "
        "[l’index](../index.md#inexistante) et [plus haut](#nulle-part).\n"
    )
    monograph = project.read("monographs/eusko.md") + "\n" + links
    project.write("monographs/eusko.md", monograph)
    page = project.read("docs/a-propos.md") + "\nVoir [cette page](inexistante.md).\n"
    project.write("docs/a-propos.md", page)
    result = project.build()
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert not [word for word in ENGLISH if word in output], output
    lines = output.splitlines()

    def line_for(location: str) -> str:
        found = [line for line in lines if f" {location}: " in line]
        assert len(found) == 1, (location, output)
        return found[0]

    missing = line_for(f"monographs/eusko.md:{where(monograph, 'biovalee.md')}")
    assert f"lien {g('biovalee.md')} vers une page introuvable" in missing
    assert f"Vouliez-vous dire {g('biovallee.md')}{NNBSP}?" in missing
    unrecognized = line_for(f"monographs/eusko.md:{where(monograph, '../carte/')}")
    assert f"lien {g('../carte/')} non reconnu" in unrecognized and g("../carte.md") in unrecognized
    absolute = line_for(f"monographs/eusko.md:{where(monograph, '/index.md')}")
    assert f"lien absolu {g('/index.md')}" in absolute
    anchor = line_for(f"monographs/eusko.md:{where(monograph, '../index.md#inexistante')}")
    assert f"la page {g('index.md')} n'a pas d'ancre {g('#inexistante')}" in anchor
    here = line_for(f"monographs/eusko.md:{where(monograph, '#nulle-part')}")
    assert f"cette page n'a pas d'ancre {g('#nulle-part')}" in here
    docs = line_for(f"docs/a-propos.md:{where(page, 'inexistante.md')}")
    assert "vers une page introuvable" in docs
    # The generated path is never the place shown to the editor.
    assert not re.search(r"monographies/eusko\.md:\d", output)
    assert "Construction arrêtée : 6 avertissements ci-dessus" in output
    assert "ATTENTION -  " in output and "Construction du site dans" in output


def test_a_data_error_stops_the_build_in_french(project):
    project.replace("data/initiatives.yaml", "type: monnaie-locale", "type: monaie-locale")
    result = project.build()
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "ERREUR  -  1 problème dans les données" in output
    assert "Construction arrêtée : les données ont des problèmes (liste ci-dessus)." in output
    assert not [word for word in ENGLISH if word in output], output


def test_a_page_left_out_of_the_navigation_says_where_to_add_it(project):
    project.write("docs/rapports/relancer-les-ptce/nouveau-chapitre.md", "# Un nouveau chapitre\n\nTexte.\n")
    result = project.build()
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"ne figurent pas dans la navigation (nav){NBSP}:\n  - rapports/relancer-les-ptce/nouveau-chapitre.md" in output
    assert f"Ajoutez chacune à {g('nav')} dans mkdocs.yml" in output and g("not_in_nav") in output
    assert not any(english in output for english in ENGLISH)
