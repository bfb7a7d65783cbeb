"""Hostile input, malformed documents, atomic builds, links, reproducibility (accessibility: browser/test_accessibility.py)."""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
import sys

import pytest
from conftest import PROJECT
from hostile import inject_everywhere
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.commands.linkcheck import check_site
from macros.model.yaml_source import load_yaml

# --- No script and no template from data ---------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from conftest import ProjectCopy

    project = ProjectCopy(tmp_path_factory.mktemp("hostile") / "projet")
    changed = inject_everywhere(project.root)
    assert changed > 500, changed
    check = project.check()
    assert check.returncode == 0, check.stderr
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project.root / "site"


def test_hostile_data_never_becomes_markup_in_the_html(hostile_site):
    pages = list(hostile_site.rglob("*.html"))
    for page in pages:
        content = page.read_text(encoding="utf-8")
        for marker in ("window.__pwned", "alert(", "msgbox("):
            for match in re.finditer(re.escape(marker), content):
                # Anything that would run is inside an escaped text (or attribute) context:
                before = content[max(0, match.start() - 200) : match.start()]
                assert not re.search(r"<(script|img|svg|iframe|details|input|body|base|math)\b[^>]*$", before), (
                    page,
                    content[match.start() - 80 : match.start() + 40],
                )
        assert "<script>window.__pwned" not in content and 'onerror="window' not in content
        assert 'href="javascript:' not in content and 'src="vbscript:' not in content
    # The payloads did reach the pages, as text.
    assert any("&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page.read_text(encoding="utf-8") for page in pages)
    # Template syntax from the data shows literally, never evaluated.
    eusko = (hostile_site / "monographies" / "eusko" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7 * 7 }}" in eusko.replace("&#123;", "{").replace("&#125;", "}") or "{{ 7 * 7 }}" in eusko


def test_hostile_data_runs_nothing_in_the_browser(hostile_site, browser):
    pages = sorted(hostile_site.rglob("*.html"))
    dialogs, pwned = [], []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in pages:
        page.goto(path.as_uri(), wait_until="load")
        # Give handlers (onload, onerror, ontoggle…) a chance to fire.
        page.wait_for_timeout(50)
        flag = page.evaluate("window.__pwned === undefined ? null : window.__pwned")
        if flag is not None:
            pwned.append((path.relative_to(hostile_site).as_posix(), flag))
    page.close()
    assert dialogs == [] and pwned == []
    assert len(pages) >= 40


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "JaVaScRiPt:alert(1)",
        "//evil.example/x",
        "ftp://x.example",
    ],
)
def test_url_fields_accept_only_http_and_https(project, url):
    line = project.replace("data/initiatives.yaml", "site_web: https://biovallee.net", f"site_web: '{url}'")
    result = project.check()
    assert result.returncode == 1
    assert f"data/initiatives.yaml:{line}:" in result.stderr
    assert "une adresse web complète commençant par https://" in result.stderr


def test_monograph_prose_cannot_call_macros(project):
    prose = project.read("monographs/biovallee.md")
    project.write("monographs/biovallee.md", prose + "\n{{ config }}\n")
    assert project.build().returncode != 0


# --- Bad documents ---------------------------------------------------------------------

MALFORMED = [
    ("fichier vide", b"", "le fichier est vide"),
    ("seulement des commentaires", b"# rien\n", "le fichier est vide"),
    ("pas une liste", b"# yaml-language-server: $schema=schemas/initiatives.schema.json\nid: x\n", "attendu une liste"),
    ("BOM", b"\xef\xbb\xbf- id: x\n", "BOM"),
    ("UTF-8 invalide", b"- id: caf\xe9\n", "invalide en UTF-8"),
    ("tabulation", b"- id: x\n\tnom: y\n", "tabulation"),
    ("syntaxe", b"- id: [x\n", "erreur de syntaxe YAML"),
    ("texte immense", None, "au plus 120 attendus"),
    ("mauvais type", None, "attendu une liste"),
]


@pytest.mark.parametrize(("name", "content", "fragment"), MALFORMED, ids=[case[0] for case in MALFORMED])
def test_malformed_documents_end_with_a_located_french_error(project, name, content, fragment):
    if name == "texte immense":
        project.replace("data/initiatives.yaml", "  nom: Eusko\n", "  nom: " + "E" * 100_000 + "\n")
    elif name == "mauvais type":
        project.replace("data/initiatives.yaml", "thematiques:\n", "thematiques: énergie\n  anciennes_thematiques:\n")
    else:
        project.path("data/initiatives.yaml").write_bytes(content)
    result = project.check()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert fragment in result.stderr, result.stderr
    assert re.search(r"data/initiatives\.yaml(:\d+(:\d+)?)?: ", result.stderr)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_is_read_or_refused_without_a_traceback(tmp_path, text):
    path = tmp_path / "hasard.yaml"
    path.write_text(text, encoding="utf-8")
    document, problems = load_yaml(path, "hasard.yaml")
    for problem in problems:
        assert problem.message and str(problem).startswith("hasard.yaml")


YAMLISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(YAMLISH, st.sampled_from(["\t", "  ", ": ", "- ", "&a ", "*a", "'", '"', "{", "["]))
def test_yaml_like_documents_never_crash_the_loader(tmp_path, value, noise):
    import yaml

    text = yaml.safe_dump(value, allow_unicode=True)
    for candidate in (text, noise + text, text.replace("\n", "\n" + noise, 1)):
        path = tmp_path / "hasard.yaml"
        path.write_bytes(candidate.encode("utf-8"))
        load_yaml(path, "hasard.yaml")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_any_bytes_are_read_or_refused_without_a_traceback(tmp_path, raw):
    path = tmp_path / "hasard.yaml"
    path.write_bytes(raw)
    load_yaml(path, "hasard.yaml")


# --- Nothing lost --------------------------------------------------------------------


def test_a_failed_build_leaves_the_published_site_untouched(project):
    def build():
        return subprocess.run(
            [sys.executable, "-m", "macros.commands.build", "--projet", str(project.root)],
            capture_output=True,
            text=True,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        )

    assert build().returncode == 0
    site = project.root / "site"
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    project.replace("data/initiatives.yaml", "type: monnaie-locale", "type: monaie-locale")
    result = build()
    assert result.returncode != 0 and "site publié précédemment est inchangé" in result.stderr
    after = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    assert after == before
    assert not list(project.root.glob(".construction-*"))


# --- Links -----------------------------------------------------------------------------


def test_every_internal_link_and_anchor_of_the_site_exists(built_site):
    assert check_site(built_site) == []


def test_link_checker_finds_broken_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="b/">absent</a><a href="#haut">ancre absente</a>'
        '<a href="https://">mal formé</a><a href="javascript:x()">js</a><p id="ici"></p><a href="#ici">ok</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<a href="../index.html#ici">ok</a>', encoding="utf-8")
    problems = check_site(tmp_path)
    assert len(problems) == 4, problems


# --- Reproducible ----------------------------------------------------------------------


def test_two_builds_of_the_same_commit_are_identical(tmp_path):
    from conftest import run_mkdocs_build

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1610064000")
    first, second = tmp_path / "un", tmp_path / "deux"
    assert run_mkdocs_build(PROJECT, first).returncode == 0
    assert run_mkdocs_build(PROJECT, second).returncode == 0
    comparison = filecmp.dircmp(first, second)

    def differences(cmp) -> list[str]:
        found = cmp.diff_files + cmp.left_only + cmp.right_only
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    assert differences(comparison) == []
    # filecmp compares size and mtime by default: compare contents too.
    for path in first.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path
