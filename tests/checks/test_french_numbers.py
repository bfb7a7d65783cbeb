"""Figures typed the French way (« 1.050 », « 1 300 », « 1,5 », « 12 % »): a located message
that says what to write instead, never a number silently read as another."""

from __future__ import annotations

from conftest import NBSP, NNBSP, g

INITIATIVES = "data/initiatives.yaml"
CHIFFRES = "data/chiffres-dynamiques-collectives.yaml"
# The first key figure of the first initiative, and the first figure of a report.
KEY_FIGURE = "      valeur: 102\n      unite: communes"
FIGURE = "  valeur: 17\n  unite: dynamiques"
UNIT = 'unite: "%"'


def _failed(project) -> str:
    result = project.check()
    assert result.returncode != 0, result.stdout
    return result.stdout + result.stderr


def test_thousands_point_in_a_key_figure(project):
    line = project.replace(INITIATIVES, KEY_FIGURE, "      valeur: 1.050\n      unite: communes")
    output = _failed(project)
    assert (
        f"{INITIATIVES}:{line}:15: initiative {g('biovallee')}, champ {g('chiffres_cles[1].valeur')}{NBSP}: "
        f"valeur 1.050 ambiguë{NBSP}: en français le point sépare les milliers, mais YAML lit ici "
        f"1,05{NNBSP}; écrivez 1050 si vous vouliez dire {g(f'1{NNBSP}050')}, ou 1.05 (sans le zéro final) "
        f"pour le nombre décimal {g('1,05')}."
    ) in output


def test_thousands_point_in_a_report_figure(project):
    line = project.replace(CHIFFRES, FIGURE, "  valeur: 2.500\n  unite: dynamiques")
    output = _failed(project)
    assert (
        f"{CHIFFRES}:{line}:11: chiffre {g('dc-dynamiques-etudiees')}, champ {g('valeur')}{NBSP}: "
        f"valeur 2.500 ambiguë{NBSP}: en français le point sépare les milliers, mais YAML lit ici "
        f"2,5{NNBSP}; écrivez 2500 si vous vouliez dire {g(f'2{NNBSP}500')}, ou 2.5 (sans les zéros finaux) "
        f"pour le nombre décimal {g('2,5')}."
    ) in output


def test_spaced_thousands(project):
    line = project.replace(INITIATIVES, KEY_FIGURE, f'      valeur: "1{NBSP}300"\n      unite: communes')
    output = _failed(project)
    assert (
        f"{INITIATIVES}:{line}:15: initiative {g('biovallee')}, champ {g('chiffres_cles[1].valeur')}{NBSP}: "
        f"reçu le texte {g(f'1{NBSP}300')}{NNBSP}; attendu un nombre. Écrivez 1300, sans espace entre "
        f"les milliers{NBSP}: "
    ) in output
    assert f"la page l'affichera {g(f'1{NNBSP}300')}." in output


def test_decimal_comma(project):
    line = project.replace(CHIFFRES, FIGURE, "  valeur: 1,5\n  unite: dynamiques")
    output = _failed(project)
    assert (
        f"{CHIFFRES}:{line}:11: chiffre {g('dc-dynamiques-etudiees')}, champ {g('valeur')}{NBSP}: "
        f"reçu le texte {g('1,5')}{NNBSP}; attendu un nombre. Écrivez 1.5, avec un point, et non une "
        f"virgule, pour les décimales{NBSP}: "
    ) in output
    assert f"la page l'affichera {g('1,5')}." in output


def test_unit_in_the_value(project):
    line = project.replace(CHIFFRES, FIGURE, "  valeur: 12 %\n  unite: dynamiques")
    output = _failed(project)
    assert (
        f"{CHIFFRES}:{line}:11: chiffre {g('dc-dynamiques-etudiees')}, champ {g('valeur')}{NBSP}: "
        f"reçu le texte {g('12 %')}{NNBSP}; attendu un nombre. Écrivez 12, et mettez l'unité dans le "
        f"champ {g('unite')} ({g(UNIT)}){NBSP}: la valeur est un nombre seul."
    ) in output


def test_plain_numbers_are_not_flagged(project):
    project.replace(INITIATIVES, KEY_FIGURE, "      valeur: 1.05\n      unite: communes")
    project.replace(CHIFFRES, FIGURE, "  valeur: 1050.5\n  unite: dynamiques")
    result = project.check()
    assert "ambiguë" not in result.stdout + result.stderr


def test_a_decimal_comma_is_shown_as_the_page_will_show_it(project):
    """YAML reads 2.50 as 2.5: the message shows « 2,5 », what the page will print."""
    line = project.replace(INITIATIVES, KEY_FIGURE, "      valeur: 2,50\n      unite: communes")
    output = _failed(project)
    assert (
        f"{INITIATIVES}:{line}:15: initiative {g('biovallee')}, champ {g('chiffres_cles[1].valeur')}{NBSP}: "
        f"reçu le texte {g('2,50')}{NNBSP}; attendu un nombre. Écrivez 2.50, avec un point, et non une "
        f"virgule, pour les décimales{NBSP}: dans les données un nombre s'écrit à la manière de YAML, et la "
        f"page l'affichera {g('2,5')}."
    ) in output
