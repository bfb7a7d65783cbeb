"""`make renommer ANCIEN=… NOUVEAU=…`: an initiative renamed in one step, its history kept.

One copy is renamed once (figeacteurs, named by docs/ pages, ptce.yaml and the corrections
log) and built once; the tests read it.
"""

from __future__ import annotations

import contextlib
import io
import re

import pytest
from conftest import NBSP, NNBSP, ProjectCopy, g, run_mkdocs_build

from macros.commands import rename, sort
from macros.problems import DataError, Problem

DATA = "data/initiatives.yaml"
OLD, NEW = "figeacteurs", "reseau-figeacteurs"


def run(module, project, *arguments: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = module.main([*arguments, "--projet", str(project.root)])
    return code, out.getvalue(), err.getvalue()


def in_order(project: ProjectCopy) -> ProjectCopy:
    assert run(sort, project)[0] == 0
    return project


def links_to(project: ProjectCopy, key: str) -> int:
    return sum(
        len(re.findall(rf"\](\(|\([^)]*/){key}\.md", path.read_text(encoding="utf-8")))
        for folder in ("docs", "monographs")
        for path in project.path(folder).rglob("*.md")
    )


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    project = in_order(ProjectCopy(tmp_path_factory.mktemp("renommer") / "projet"))
    before = {"links": links_to(project, OLD), "journal": project.read("data/journal.yaml"), "data": project.read(DATA)}
    code, out, err = run(rename, project, OLD, NEW)
    assert code == 0, err
    build = run_mkdocs_build(project.root, project.root / "site")
    return project, before, out, build


def test_the_rename_changes_every_place_in_one_step(renamed):
    project, before, out, _ = renamed
    text = project.read(DATA)
    # The id, the former id kept right below it, and the entry moved to its place in id order.
    assert f"- id: {NEW}\n  anciens_ids: [{OLD}]\n  nom: Figeacteurs\n" in text
    keys = re.findall(r"^- id: (\S+)", text, flags=re.M)
    assert keys == sorted(keys) and OLD not in keys
    # Nothing else in the entry changed.
    old_entry = before["data"][before["data"].index(f"- id: {OLD}\n") :]
    old_entry = old_entry[: old_entry.index("\n- id: ") + 1]
    new_entry = text[text.index(f"- id: {NEW}\n") :]
    new_entry = new_entry[: new_entry.index("\n- id: ") + 1]
    assert new_entry == old_entry.replace(f"- id: {OLD}\n", f"- id: {NEW}\n  anciens_ids: [{OLD}]\n")
    assert not project.path(f"monographs/{OLD}.md").exists() and project.path(f"monographs/{NEW}.md").is_file()
    # Every link of docs/ and monographs/, and the PTCE that is this initiative.
    assert before["links"] > 0 and links_to(project, OLD) == 0 and links_to(project, NEW) == before["links"]
    assert f"  initiative: {NEW}\n" in project.read("data/ptce.yaml")
    # The corrections log keeps its history as written.
    assert project.read("data/journal.yaml") == before["journal"] and f"initiatives: [{OLD}]" in before["journal"]
    assert f"Initiative {g(OLD)} renommée {g(NEW)}{NBSP}:" in out
    assert f"L'adresse monographies/{OLD}/ renverra vers monographies/{NEW}/" in out


def test_after_the_rename_make_check_and_the_build_pass(renamed):
    project, _, _, build = renamed
    check = project.check()
    assert check.returncode == 0, check.stderr
    assert build.returncode == 0, build.stderr


def test_the_old_address_redirects_and_the_log_follows_the_page(renamed):
    project, _, _, _ = renamed
    site = project.root / "site"
    redirect = (site / f"monographies/{OLD}/index.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url=../{NEW}/">' in redirect
    page = (site / f"monographies/{NEW}/index.html").read_text(encoding="utf-8")
    # The log entry that names the former id marks the renamed page, and links to it.
    assert "Corrigé le" in page
    journal = (site / "journal/index.html").read_text(encoding="utf-8")
    assert f'href="../monographies/{NEW}/"' in journal and f'href="../monographies/{OLD}/"' not in journal
    figures = (site / "donnees/chiffres.csv").read_text(encoding="utf-8")
    assert f"{OLD}-" in figures  # key figures keep the ids they were published under


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "figeacteur",
            "x-y",
            f"aucune initiative n'a l'id {g('figeacteur')} dans data/initiatives.yaml. Vouliez-vous dire {g(NEW)}{NNBSP}?",
        ),
        (OLD, "x-y", f"{g(OLD)} est un ancien id de l'initiative {g(NEW)}{NNBSP}; renommez-la par son id actuel."),
        (NEW, "eusko", f"{g('eusko')} est déjà l'id d'une autre initiative{NNBSP}; choisissez un autre id."),
        (NEW, OLD, f"{g(OLD)} est déjà un ancien id de l'initiative {g(NEW)}"),
        (NEW, "Réseau Figeac", f"identifiant {g('Réseau Figeac')} invalide{NBSP}: minuscules sans accents, chiffres et tirets seulement"),
    ],
    ids=["inconnu", "ancien-id", "pris", "ancien-id-pris", "invalide"],
)
def test_a_rename_that_cannot_be_done_says_why_in_french_and_writes_nothing(renamed, old, new, message):
    project, *_ = renamed
    files = {
        path: path.read_bytes() for folder in ("data", "docs", "monographs") for path in project.path(folder).rglob("*") if path.is_file()
    }
    code, out, err = run(rename, project, old, new)
    assert code == 1 and out == "" and "Traceback" not in err
    assert err.startswith(f"make renommer{NBSP}: ") and message in err
    assert {path: path.read_bytes() for path in files} == files
    assert sorted(files) == sorted(
        path for folder in ("data", "docs", "monographs") for path in project.path(folder).rglob("*") if path.is_file()
    )


def test_a_second_rename_adds_to_the_former_ids(project):
    in_order(project)
    assert run(rename, project, "eusko", "eusko-monnaie")[0] == 0
    code, _, err = run(rename, project, "eusko-monnaie", "monnaie-basque")
    assert code == 0, err
    assert "- id: monnaie-basque\n  anciens_ids: [eusko, eusko-monnaie]\n" in project.read(DATA)
    assert project.check().returncode == 0


def test_a_rename_whose_result_would_not_pass_puts_everything_back(project, monkeypatch):
    files = {
        path: path.read_bytes() for folder in ("data", "docs", "monographs") for path in project.path(folder).rglob("*") if path.is_file()
    }
    real = rename.load_catalogue
    calls = []

    def failing_after(paths):
        calls.append(paths)
        if len(calls) == 2:  # the check after writing
            raise DataError([Problem("data/initiatives.yaml", 1, 1, "problème d'essai.")])
        return real(paths)

    monkeypatch.setattr(rename, "load_catalogue", failing_after)
    code, _, err = run(rename, project, "eusko", "monnaie-basque")
    assert code == 1 and "make renommer a tout remis comme avant" in err and "problème d'essai." in err
    after = {
        path: path.read_bytes() for folder in ("data", "docs", "monographs") for path in project.path(folder).rglob("*") if path.is_file()
    }
    assert after == files
