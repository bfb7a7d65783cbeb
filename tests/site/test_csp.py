"""Content-Security-Policy: on every page, strict for scripts, and nothing of the site blocked."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ProjectCopy, serve
from csp_policy import LISTENER, policy_of
from search_queries import type_query

from macros import csp

# A script, and a handler that fires as the page is parsed (an <img> is refused by make check:
# macros/checks/images.py).
INJECTED = (
    '<script>window.__injecte = 1; alert("injecté")</script>\n\n'
    '<details open ontoggle="window.__injecte = 2"><summary>Détails</summary>Texte</details>\n'
)


def test_every_page_carries_a_strict_policy_with_its_own_inline_scripts_hashed(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        directives = policy_of(html)
        scripts = directives["script-src"]
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, page
        assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'self'"], page
        assert directives["default-src"] == ["'none'"], page
        # Before any script: a policy only applies to what follows it.
        assert html.index("Content-Security-Policy") < html.index("<script"), page
        # Exactly the page's inline scripts are allowed, by hash.
        expected = {csp.sha256(script) for script in csp.inline_scripts(html)}
        assert set(scripts) - {"'self'"} == expected and expected, page


def test_page_content_scripts_are_never_hashed():
    page = (
        '<html><head><meta charset="utf-8"><script>theme()</script></head><body>'
        '<article><script>alert(1)</script></article><script type="application/json">{}</script></body></html>'
    )
    protected = csp.protect(page, content="<article><script>alert(1)</script></article>")
    sources = policy_of(protected)["script-src"]
    assert csp.sha256("theme()") in sources and csp.sha256("alert(1)") not in sources
    assert len(sources) == 2  # 'self' and the theme's script; JSON data is not a script
    preview = policy_of(csp.protect(page, preview=True))["script-src"]
    assert preview == ["'self'", "'unsafe-inline'"]


def test_no_script_of_the_site_is_blocked(built_site, base_url, browser):
    context = browser.new_context()
    context.add_init_script(LISTENER)
    violations, errors = {}, []
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")):
        page.goto(base_url + path, wait_until="load")
        found = page.evaluate("window.__violations")
        if found:
            violations[path] = found
    # The scripted features: search, catalogue filter, map.
    page.goto(base_url, wait_until="load")
    assert any("monographies/eusko" in result["href"] for result in type_query(page, "Eusko"))
    page.goto(base_url + "catalogue/", wait_until="load")
    total = page.locator("#catalogue-tableau tbody tr").count()
    page.locator("#filtre-region").select_option("Occitanie")
    assert 0 < page.locator("#catalogue-tableau tbody tr:not([hidden])").count() < total
    page.goto(base_url + "carte/", wait_until="load")
    with page.expect_navigation():
        page.locator("a.labo-carte__lien").first.click()
    violations["(interactions)"] = page.evaluate("window.__violations")
    context.close()
    assert {path: found for path, found in violations.items() if found} == {}
    assert errors == []


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    """A project copy whose reviewed page (docs/ may hold HTML) carries a script and a handler,
    built as the site and as the offline edition."""
    project = ProjectCopy(tmp_path_factory.mktemp("csp") / "projet")
    project.write("docs/a-propos.md", project.read("docs/a-propos.md") + "\n" + INJECTED)
    assert project.build().returncode == 0
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.offline.yml", "--site-dir", str(project.root / "hors-ligne")],
        cwd=project.root,
        check=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    html = (project.root / "site/a-propos/index.html").read_text(encoding="utf-8")
    assert "window.__injecte = 1" in html  # the script did reach the page: only the policy stands
    return project.root


@pytest.mark.parametrize("edition", ["site", "hors-ligne"])
def test_an_injected_script_does_not_run_and_is_reported(injected, browser, edition):
    server, root = serve(injected / "site") if edition == "site" else (None, None)
    url = root + "a-propos/" if server else (injected / "hors-ligne/a-propos.html").as_uri()
    context = browser.new_context()
    context.add_init_script(LISTENER)
    dialogs = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(100)
    assert page.evaluate("window.__injecte === undefined")
    assert dialogs == []
    violations = page.evaluate("window.__violations")
    assert any(found.startswith("script-src") for found in violations), violations
    # The site's own scripts still run on that page (Material marks the page as scripted).
    assert page.evaluate("document.documentElement.classList.contains('js')")
    context.close()
    if server:
        server.shutdown()
