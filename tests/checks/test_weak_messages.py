"""Messages that were weak for an editor (issue 21, item 10), now French, located and with the fix:
the corrections log's missing fields, an address with a space, http where the site serves https,
one source entered twice, an excerpt too long, and make publier-liste's output."""

from __future__ import annotations

import subprocess
import sys

from conftest import NBSP, NNBSP, PROJECT, g

JOURNAL = "data/journal.yaml"
SOURCES = "data/sources.yaml"
SEIZH = "  url: https://7seizh.info/2015/01/12/regard-regional-le-pole-mer-bretagne-atlantique/\n"


def test_each_missing_field_of_a_log_entry_is_named(project):
    """Two fields missing: each message names its own (the first was named twice)."""
    text = project.read(JOURNAL)
    start = text.index("- id: c7-biovallee-communes")
    reason = text[text.index("  raison: >-", start) : text.index("  sources: [auvergnerhonealpes-ee", start)]
    entry_line = text[:start].count("\n") + 1
    project.write(JOURNAL, text.replace(reason, "", 1).replace("  pages: [monographies/biovallee.md]\n  chiffres:\n", "  chiffres:\n", 1))
    result = project.check()
    assert result.returncode == 1
    where = f"{JOURNAL}:{entry_line}:3: entrée du journal {g('c7-biovallee-communes')}{NBSP}: "
    assert f"{where}champ obligatoire {g('raison')} absent." in result.stderr
    assert f"{where}champ obligatoire {g('pages')} absent." in result.stderr


def test_an_address_with_a_space_is_said_to_have_one(project):
    line = project.replace(SOURCES, SEIZH, SEIZH.replace("regard-regional", "regard regional"))
    result = project.check()
    assert result.returncode == 1
    assert (
        f"{SOURCES}:{line}:8: source {g('7seizh')}, champ {g('url')}{NBSP}: reçu le texte "
        f"{g('https://7seizh.info/2015/01/12/regard regional-le-pole-me…')}{NNBSP}; l'adresse contient une "
        f"espace après {g('https://7seizh.info/2015/01/12/regard')}{NBSP}: une adresse web n'en a jamais. Recopiez "
        f"l'adresse depuis la barre d'adresse du navigateur{NNBSP}; si l'espace fait partie de l'adresse, écrivez-la "
        f"%20{NBSP}: {g('https://7seizh.info/2015/01/12/regard%20regional-le-pole-mer-bretagne-atlantique/')}."
    ) in result.stderr
    assert "https:// ou http://" not in result.stderr


def test_http_where_the_site_is_cited_in_https_is_warned_about(project):
    secure = _line(project, SOURCES, "  url: https://www.euskalmoneta.org/2021/10/02/")
    address = "www.euskalmoneta.org/faq-items/leusko-en-quelques-mots/"
    line = project.replace(SOURCES, f"  url: https://{address}\n", f"  url: http://{address}\n")
    result = project.check()
    assert result.returncode == 0  # a warning stops nothing
    assert (
        f"{SOURCES}:{line}:8: avertissement{NBSP}: source {g('euskalmoneta-faq')}, champ {g('url')}{NBSP}: l'adresse "
        f"{g('http://' + address)} commence par {g('http://')}, alors que le même site, euskalmoneta.org, est cité en "
        f"{g('https://')} (source {g('euskalmoneta-dons-2021')}, {SOURCES}:{secure}){NBSP}: la page s'ouvrirait sans "
        f"chiffrement. Écrivez {g('https://' + address)} si la page y répond"
    ) in result.stdout


def test_a_note_that_says_why_http_stays_silences_the_warning(project):
    """The fiche explains the http address (the https page could not be reached): no warning then,
    and a note about something else does not count."""
    address = "www.euskalmoneta.org/faq-items/leusko-en-quelques-mots/"
    project.replace(SOURCES, f"  url: https://{address}\n", f"  url: http://{address}\n")
    assert g("http://" + address) in project.check().stdout  # its note speaks of the date, not of http
    project.replace(SOURCES, "  note: Page non datée ;", "  note: Page lue en http (la version https ne répond pas), non datée ;")
    result = project.check()
    assert result.returncode == 0
    assert g("http://" + address) not in result.stdout


def test_one_source_entered_twice_is_reported_with_both_ids_and_lines(project):
    politis = "https://www.politis.fr/articles/2020/12/gouverner-sans-chef-ils-lont-fait-euskal-moneta-paye-ton-commun-42651/"
    first = project.replace(SOURCES, SEIZH, f"  url: http://politis.fr/{politis.removeprefix('https://www.politis.fr/')}\n")
    second = _line(project, SOURCES, f"  url: {politis}\n")
    result = project.check()
    assert result.returncode == 1
    assert (
        f"{SOURCES}:{second}:8: source {g('politis')}, champ {g('url')}{NBSP}: même adresse que la source "
        f"{g('7seizh')} ({SOURCES}:{first}){NNBSP}; c'est une seule source entrée deux fois, que la page Sources "
        f"listerait deux fois. Gardez une seule des deux fiches, et citez son id ({g('7seizh')}) là où "
        f"{g('politis')} est cité."
    ) in result.stderr


def test_an_excerpt_too_long_is_cut_not_moved_into_the_monograph(project):
    excerpt = (
        "          Julien Perrenot, installé à Allex jusqu’alors, quitte le territoire et ne peut donc plus\n"
        "          assurer son rôle dans l’association qui travaille sur les Communautés de Communes du Val\n"
        "          de Drôme, du Crestois - Pays de Saillans et du Diois.\n"
    )
    long = ("Julien Perrenot quitte le territoire et ne peut donc plus assurer son rôle. " * 6)[:450]
    line = project.replace("data/initiatives.yaml", excerpt, f"          {long}\n")
    result = project.check()
    assert result.returncode == 1
    message = next(row for row in result.stderr.splitlines() if "territoire.extraits[1].texte" in row)
    assert message.strip().startswith(f"data/initiatives.yaml:{line - 1}:")
    assert (
        f"extrait de 450 caractères{NNBSP}; au plus 300, soit 150 de trop. Gardez les mots qui attestent le fait, "
        f"recopiés tels quels, et remplacez chaque passage coupé par {g('[…]')}{NNBSP}; ne recopiez pas le reste dans "
        "la monographie, qui est écrite avec nos mots."
    ) in message
    assert "placez les développements dans la monographie" not in message


def test_publier_liste_prints_only_its_french_lines(project):
    """python -m of a module the package had already imported made runpy print an English
    RuntimeWarning; each command is now a module that nothing else imports."""
    result = subprocess.run(
        [sys.executable, "-m", "macros.commands.publish_list", str(project.root)], cwd=project.root, capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.startswith(f"data/publie/chiffres.csv{NBSP}: ")
    # What runpy warns about: the command's module already imported with its package.
    code = "import sys, macros.commands; print(sorted(name for name in sys.modules if name.startswith('macros.commands.')))"
    imported = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True)
    assert imported.stdout.strip() == "[]", imported.stdout


def _line(project, relative: str, text: str) -> int:
    content = project.read(relative)
    return content[: content.index(text)].count("\n") + 1
