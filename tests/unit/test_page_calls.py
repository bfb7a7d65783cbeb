"""The macro calls of docs/ pages and the Markdown slips of the prose: what `make check` and
the build say, at the editor's line, before any page is rendered."""

from __future__ import annotations

import inspect
import types

import pytest
from conftest import NBSP, NNBSP, g

from macros.checks.page_calls import SIGNATURES, page_call_problems
from macros.checks.prose_markdown import markdown_problems
from macros.page_macros import PAGE_MACROS

KNOWN = {
    "chiffre": {"ptce-2020-panel-mes"},
    "affirmation": {"ptce-co-construction"},
    "serie": {"ptce-2020-echelle"},
    "rapport": {"relancer-les-ptce"},
    "famille": {"gouvernance"},
    "initiative": {"eusko"},
}
METHODE = "docs/rapports/relancer-les-ptce/methode.md"


def test_the_signatures_are_those_of_the_registered_macros():
    import macros
    from macros.renderer import Renderer

    registered = {}

    def macro(function, name):
        registered[name] = function

    env = types.SimpleNamespace(conf=types.SimpleNamespace(plugins={"labo-ess": None}), variables={}, macro=macro)
    macros.define_env(env)
    assert set(registered) == set(SIGNATURES) == {macro.name for macro in PAGE_MACROS}
    # Each macro's argument kinds are those of its renderer method, then what the build adds.
    for row in PAGE_MACROS:
        parameters = list(inspect.signature(getattr(Renderer, row.method)).parameters.values())[1:]
        assert len(parameters) == len(row.arguments) + len(row.needs), row.name
        optional = [p.default is not inspect.Parameter.empty for p in parameters[: len(row.arguments)]]
        assert [kind.endswith("?") for kind in SIGNATURES[row.name]] == optional, row.name


@pytest.mark.parametrize(
    "line, fragment",
    [
        ('Un panel {{ chiffre("ptce-panel-mes") }}.', f"chiffre {g('ptce-panel-mes')} introuvable dans data/chiffres-*.yaml"),
        ('Dit. {{ affirmation("ptce-co-constrution") }}', f"Vouliez-vous dire {g('ptce-co-construction')}{NNBSP}?"),
        ('{{ graphique("ptce-echelle", "Titre") }}', f"série de chiffres {g('ptce-echelle')} introuvable"),
        ('{{ modeles("economie") }}', f"famille de modèles {g('economie')} introuvable"),
        ('{{ propositions("ptce") }}', f"rapport {g('ptce')} introuvable"),
        ('{{ chifre("ptce-2020-panel-mes") }}', f"macro {g('chifre')} inconnue. Vouliez-vous dire {g('chiffre')}"),
        ("{{ chiffre(“ptce-2020-panel-mes”) }}", "guillemets typographiques ont remplacé les guillemets droits"),
        ("{{ chiffre(ptce-2020-panel-mes) }}", "un argument n'est pas un texte entre guillemets droits"),
        ("{{ chiffre() }}", f"{g('chiffre')} attend 1 argument, reçu 0"),
        ('{{ graphique("ptce-2020-echelle") }}', f"{g('graphique')} attend 2 arguments, reçu 1"),
        ('{{ chiffre("ptce-2020-panel-mes") }', f"appel de macro non fermé{NBSP}: ajoutez {g('}}')}"),
        ("{% if vrai %}oui{% endif %}", f"syntaxe de gabarit {g('{%')} interdite"),
        ("{{ 1 + 1 }}", "appel de macro illisible"),
    ],
)
def test_a_wrong_call_is_named_at_its_line_and_column(line, fragment):
    problems = page_call_problems("docs/page.md", f"# Titre\n\nTexte.\n{line}\n", KNOWN)
    assert problems, line
    assert fragment in problems[0].message
    assert (problems[0].line, problems[0].column) == (4, line.index("{") + 1)


def test_right_calls_give_nothing():
    text = (
        "{{ chiffre(\"ptce-2020-panel-mes\") }} {{ affirmation('ptce-co-construction') }} "
        '{{ graphique("ptce-2020-echelle", "Un titre, avec virgule") }} {{ benefices_attendus() }} '
        '{{ benefices_attendus("relancer-les-ptce") }} {{ carte() }} {{ fiche_initiative("eusko") }}'
    )
    assert page_call_problems("docs/page.md", text, KNOWN) == []


def test_an_unknown_id_in_a_page_stops_check_and_build_with_a_french_line(project):
    line = project.replace(METHODE, 'affirmation("ptce-co-construction")', 'affirmation("ptce-co-constrution")')
    expected = f"{METHODE}:{line}:"
    result = project.check()
    assert result.returncode == 1
    assert expected in result.stderr and "ptce-co-constrution" in result.stderr
    build = project.build()
    assert build.returncode != 0
    assert expected in build.stderr and "Traceback" not in build.stderr + build.stdout


@pytest.mark.parametrize(
    "line, fragment",
    [
        ("##Histoire", f"titre sans espace après {g('##')}"),
        ("Voir ![logo](https://example.com/logo.png).", "image chargée depuis un autre site"),
        ("Voir ![logo](//example.com/logo.png).", "image chargée depuis un autre site"),
        ("Une note[^1].", f"note de bas de page {g('[^1]')} non prise en charge"),
        ("Voir [le site]().", f"lien sans adresse {g('[le site]()')}"),
    ],
)
def test_markdown_slips_are_named(line, fragment):
    problems = markdown_problems("monographs/x.md", f"Texte.\n\n{line}\n")
    assert len(problems) == 1 and fragment in problems[0].message
    assert problems[0].line == 3


def test_markdown_in_code_is_not_a_slip():
    text = "Le code `##Histoire` et `[^1]`.\n\n```\n##Titre\n![x](https://example.com/x.png)\n```\n"
    assert markdown_problems("docs/x.md", text) == []


def test_a_slip_in_a_monograph_and_in_a_page_is_reported_by_check(project):
    project.write("monographs/eusko.md", project.read("monographs/eusko.md").replace("## Histoire", "##Histoire", 1))
    project.write(METHODE, project.read(METHODE) + "\nUne note[^2].\n")
    result = project.check()
    assert result.returncode == 1
    assert "monographs/eusko.md:3:1: titre sans espace" in result.stderr
    assert f"{METHODE}:" in result.stderr and "[^2]" in result.stderr
