"""Addresses that never break: a renamed monograph's former address redirects (online and
offline), a withdrawn one says so and where to look, and make check refuses a published id
that leads nowhere, with a located French message naming both ways out."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from conftest import NBSP, NNBSP, REPO_URL, SITE_URL, ProjectCopy, g, run_mkdocs_build, serve

from macros.commands import changes

OLD, NEW = "eusko", "eusko-monnaie-locale"
GONE = "clus-ter-jura"
LISTENER = (
    "window.__violations = [];document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));"
)


def rename(project: ProjectCopy, with_former_id: bool) -> int:
    """Give Eusko a new id (and its prose file the new name); the line of its entry."""
    line = project.replace(
        "data/initiatives.yaml", f"- id: {OLD}\n", f"- id: {NEW}\n" + (f"  anciens_ids: [{OLD}]\n" if with_former_id else "")
    )
    project.path(f"monographs/{OLD}.md").rename(project.path(f"monographs/{NEW}.md"))
    return line


def remove_record(text: str, key: str) -> str:
    start = text.index(f"- id: {key}\n")
    end = text.find("\n- id: ", start + 1)
    return text[:start] + (text[end + 1 :] if end >= 0 else "")


def errors(result) -> list[str]:
    assert "Traceback" not in result.stderr
    # Problems only: the data has warnings of its own (sources given by a home page).
    return [line.strip() for line in result.stderr.splitlines() if re.match(r"\s+\S+:\d+:\d+: (?!avertissement)", line)]


def test_a_published_id_renamed_without_former_id_is_refused_at_the_entry(project):
    line = rename(project, with_former_id=False)
    result = project.check()
    assert result.returncode == 1
    found = [text for text in errors(result) if f"l'id {g(OLD)}, publié" in text]
    assert len(found) == 1
    message = found[0]
    assert message.startswith(f"data/initiatives.yaml:{line}:7: initiative {g(NEW)}, champ {g('id')}{NBSP}: ")
    # Both ways out: the former id, or the withdrawal.
    assert g(f"anciens_ids: [{OLD}]") in message and "data/retraits.yaml" in message


def test_a_published_entry_deleted_is_refused_at_its_line_of_the_published_list(project):
    project.write("data/initiatives.yaml", remove_record(project.read("data/initiatives.yaml"), GONE))
    project.path(f"monographs/{GONE}.md").unlink()
    listed = project.read("data/publie/ids.txt").splitlines()
    result = project.check()
    message = next(text for text in errors(result) if f"l'id {g(GONE)}, publié" in text)
    assert message.startswith(f"data/publie/ids.txt:{listed.index(GONE) + 1}:1: ")
    assert g(f"anciens_ids: [{GONE}]") in message and "déclarez-la dans data/retraits.yaml" in message


def test_a_former_id_never_names_a_current_page(project):
    line = project.replace("data/initiatives.yaml", f"- id: {OLD}\n", f"- id: {OLD}\n  anciens_ids: [biovallee]\n")
    message = next(text for text in errors(project.check()) if "anciens_ids" in text)
    assert message.startswith(f"data/initiatives.yaml:{line + 1}:")
    assert f"{g('biovallee')} est l'id actuel d’une autre initiative" in message


WITHDRAWAL = f"""# yaml-language-server: $schema=schemas/retraits.schema.json

- id: {GONE}
  nom: Clus'Ter Jura
  date: "2026-11-27"
  raison: >-
    Retrait d'essai, pour les tests du site.
  voir:
    - initiative: {{voir}}
    - page: catalogue.md
      titre: Le catalogue des dynamiques
"""


def follow_the_messages(project: ProjectCopy) -> None:
    """Rename Eusko and withdraw Clus'Ter Jura as CONTRIBUTING.md says, fixing what make check
    names, message by message, until the data is valid."""
    rename(project, with_former_id=True)
    project.write("data/initiatives.yaml", remove_record(project.read("data/initiatives.yaml"), GONE))
    project.path(f"monographs/{GONE}.md").unlink()
    # A « voir » that names the former id is refused, with the current one suggested.
    project.write("data/retraits.yaml", WITHDRAWAL.replace("{voir}", OLD))
    found = errors(project.check())
    assert any(
        text.startswith("data/retraits.yaml:") and f"initiative {g(OLD)} inconnue" in text and f"Vouliez-vous dire {g(NEW)}{NNBSP}?" in text
        for text in found
    )
    project.write("data/retraits.yaml", WITHDRAWAL.replace("{voir}", NEW))
    # Then each message as it says (make check goes by stages: a few rounds).
    for _ in range(4):
        result = project.check()
        if result.returncode == 0:
            return
        journal = project.read("data/journal.yaml").splitlines()
        sources = project.read("data/sources.yaml")
        for text in errors(result):
            number = int(text.split(":")[1])
            if "est un ancien id de l'initiative" in text:
                # The log names the former id: written with the current one, as said.
                current = re.search(r"écrivez «\u00a0([^\u00a0]+)\u00a0»", text).group(1)
                journal[number - 1] = (
                    journal[number - 1].replace(f"monographies/{OLD}.md", current)
                    if "monographies/" in current
                    else re.sub(rf"\b{OLD}\b(?!-)", current, journal[number - 1])
                )
            elif "c'était un chiffre clé de la monographie retirée" in text:
                journal[number - 1] = None
            elif "source citée par aucun fait" in text:
                # A source only the withdrawn initiative cited.
                sources = remove_record(sources, re.search(r"source «\u00a0([^\u00a0]+)\u00a0»", text).group(1))
            else:
                raise AssertionError(f"message inattendu : {text}")
        project.write("data/journal.yaml", "\n".join(line for line in journal if line is not None) + "\n")
        project.write("data/sources.yaml", sources)
    raise AssertionError(project.check().stderr)


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """A copy where Eusko has a new id and Clus'Ter Jura is withdrawn, built online (with its
    repository) and offline (without)."""
    project = ProjectCopy(tmp_path_factory.mktemp("adresses") / "projet")
    follow_the_messages(project)
    online = run_mkdocs_build(project.root, project.root / "site", SITE_URL=SITE_URL, REPO_URL=REPO_URL)
    # The pages that link to the former id's page: each link named at its line, with the page
    # under its new id suggested; written as suggested.
    broken = re.findall(
        r"(\S+\.md):(\d+):\d+: lien «\u00a0(\S+)\u00a0» vers une page introuvable.*"
        r"Vouliez-vous dire «\u00a0(\S+)\u00a0»",
        online.stderr,
    )
    assert broken and all(target.endswith(f"{NEW}.md") for *_, target in broken), online.stderr
    for path, line, url, target in broken:
        lines = project.read(path).splitlines(keepends=True)
        lines[int(line) - 1] = lines[int(line) - 1].replace(f"({url})", f"({target})", 1)
        project.write(path, "".join(lines))
    online = run_mkdocs_build(project.root, project.root / "site", SITE_URL=SITE_URL, REPO_URL=REPO_URL)
    assert online.returncode == 0, online.stderr
    environment = {key: value for key, value in os.environ.items() if key != "REPO_URL"}
    offline = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.offline.yml", "--site-dir", str(project.root / "hors-ligne")],
        cwd=project.root,
        env=dict(environment, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
    )
    assert offline.returncode == 0, offline.stderr
    return project


@pytest.fixture(scope="module")
def served(renamed):
    server, url = serve(renamed.root / "site", urlsplit(SITE_URL).path)
    yield url
    server.shutdown()


def arrive(browser, url: str):
    """Open `url`; the page it ends on, and the policy violations seen on the way."""
    page = browser.new_page()
    page.add_init_script(LISTENER)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("load")
    return page


def test_the_former_address_redirects_online(renamed, served, browser):
    page = arrive(browser, served + f"monographies/{OLD}/")
    page.wait_for_url(re.compile(rf"/monographies/{NEW}/$"))
    assert page.locator("h1").first.inner_text() == "Eusko"
    assert page.evaluate("window.__violations") == []
    # A section cited by its address: kept.
    page.goto(served + f"monographies/{OLD}/#histoire", wait_until="load")
    page.wait_for_url(re.compile(rf"/monographies/{NEW}/#histoire$"))
    assert page.evaluate("window.__violations") == []
    page.close()
    # Without the meta refresh (a browser that ignores it): a visible link to the page, under
    # the same strict policy as every page.
    html = (renamed.root / f"site/monographies/{OLD}/index.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url=../{NEW}/">' in html
    assert f'<a href="../{NEW}/">Eusko</a>' in html
    assert '<script src="../../assets/javascripts/redirection.js"></script>' in html and "<script>" not in html
    assert "Content-Security-Policy" in html and "script-src 'self'" in html
    assert f'<link rel="canonical" href="{SITE_URL}monographies/{NEW}/">' in html


def test_the_former_address_redirects_offline_from_file(renamed, browser):
    site = renamed.root / "hors-ligne"
    page = arrive(browser, (site / f"monographies/{OLD}.html").as_uri())
    page.wait_for_url((site / f"monographies/{NEW}.html").as_uri())
    assert page.locator("h1").first.inner_text() == "Eusko"
    assert page.evaluate("window.__violations") == []
    page.goto((site / f"monographies/{OLD}.html").as_uri() + "#histoire", wait_until="load")
    page.wait_for_url((site / f"monographies/{NEW}.html").as_uri() + "#histoire")
    page.close()


def test_a_withdrawn_monograph_says_so_and_where_to_look(renamed, served, browser):
    page = arrive(browser, served + f"monographies/{GONE}/")
    assert page.locator("h1").inner_text() == f"Clus’Ter Jura{NBSP}: monographie retirée"
    text = page.locator("article").inner_text()
    assert "Cette monographie a été retirée du site le 27 novembre 2026." in text
    assert "Retrait d’essai, pour les tests du site." in text
    links = {link.inner_text(): link.get_attribute("href") for link in page.locator(".labo-retrait a").all()}
    assert links == {"Eusko": f"../{NEW}/", "Le catalogue des dynamiques": "../../catalogue/", "la liste de toutes les monographies": "../"}
    page.close()
    offline = (renamed.root / f"hors-ligne/monographies/{GONE}.html").read_text(encoding="utf-8")
    assert "monographie retirée" in offline and f'href="{NEW}.html"' in offline
    # Out of the search; out of the list of monographs.
    search = renamed.root / "site/recherche/pages"
    assert not any(GONE in path.read_text(encoding="utf-8") for path in search.iterdir())
    assert f"{GONE}/" not in (renamed.root / "site/monographies/index.html").read_text(encoding="utf-8")


def test_renamed_figures_keep_their_ids_and_the_summary_shows_a_move(renamed, built_site):
    figures = json.loads((renamed.root / "site/donnees/chiffres.json").read_text(encoding="utf-8"))["chiffres"]
    keys = [figure["id"] for figure in figures if figure["initiative"] == NEW]
    assert keys and all(key.startswith(f"{OLD}-") and not key.startswith(NEW) for key in keys)
    summary = changes.markdown(changes.compare(built_site, renamed.root / "site"))
    assert f"`monographies/{OLD}/` → `monographies/{NEW}/` : nouvelle adresse, l’ancienne y renvoie ; même texte" in summary
    assert f"`{OLD}-" not in summary


def test_without_repository_the_correction_block_names_files_and_lines_without_links(renamed):
    html = (renamed.root / f"hors-ligne/monographies/{NEW}.html").read_text(encoding="utf-8")
    section = html[html.index('<section class="labo-correction"') :]
    section = section[: section.index("</section>")]
    assert "L’adresse du dépôt des sources n’est pas connue de cette édition" in section
    assert "<a " not in section
    assert f"<code>monographs/{NEW}.md</code>" in section and "<code>data/initiatives.yaml</code>, lignes " in section


def test_publier_liste_keeps_every_address(renamed):
    result = subprocess.run([sys.executable, "-m", "macros.commands.publish_list", str(renamed.root)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    listed = [line for line in renamed.read("data/publie/ids.txt").splitlines() if not line.startswith("#")]
    assert {OLD, NEW, GONE} <= set(listed) and listed == sorted(listed)
    assert renamed.check().returncode == 0
