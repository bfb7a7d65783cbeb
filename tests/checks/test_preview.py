"""`make serve` while the data, a page or mkdocs.yml is broken: every page shows a French error page with
the located problems, escaped, and the preview recovers by itself once they are fixed
(macros/renderer/error_page.py). A real `mkdocs serve`, run as the Makefile runs it, on an
edited copy and a free port."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import PROJECT, g

# Generous: a rebuild takes a few seconds, more on a busy machine; a hung server never answers.
DEADLINE = 180


def _serve_arguments(port: int) -> list[str]:
    """`mkdocs serve` with the Makefile's options, on the given port."""
    recipe = next(line for line in (PROJECT / "Makefile").read_text(encoding="utf-8").splitlines() if "mkdocs serve" in line)
    arguments = recipe.split("mkdocs", 1)[1].split()
    return [re.sub(r"^localhost:8000$", f"127.0.0.1:{port}", argument) for argument in arguments]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    """The page's HTML, whatever its status (the server's 404 page too); "" if no answer."""
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")
    except (OSError, TimeoutError):
        return ""


def _wait_for(url: str, condition, what: str, log) -> str:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        html = _get(url)
        if condition(html):
            return html
        time.sleep(0.5)
    raise AssertionError(f"{what} : rien après {DEADLINE} s à {url}\n{log.read_text(encoding='utf-8')[-3000:]}")


def _is_error_page(html: str) -> bool:
    return "<h1>Prévisualisation" in html


def test_a_broken_preview_shows_the_problems_on_every_page_and_recovers(project, tmp_path):
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    page = base + "monographies/eusko/"
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", *_serve_arguments(port)],
            cwd=project.root,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for(page, lambda html: "<h1" in html and "Eusko" in html and not _is_error_page(html), "la page d'Eusko", log)

        # The data broken, with markup in the value: every page, and any address, says where.
        line = project.replace("data/initiatives.yaml", "type: monnaie-locale", 'type: "<b>monaie-locale</b>"')
        html = _wait_for(page, _is_error_page, "la page d'erreur", log)
        assert f"<code class=where>data/initiatives.yaml:{line}:9</code>" in html
        assert f"reçu le texte {g('&lt;b&gt;monaie-locale&lt;/b&gt;')}" in html
        assert "<b>monaie" not in html
        assert "Vouliez-vous dire" in html and 'lang="fr"' in html
        for other in (base, base + "catalogue/", base + "adresse/absente/"):
            assert f"data/initiatives.yaml:{line}:9" in _get(other), other
        # The server's live-reload script is in it, so the open page follows the next save.
        assert "livereload(" in html

        # Data fixed, but a monograph links to a page that does not exist: a warning, which
        # make build refuses, shown the same way.
        project.replace("data/initiatives.yaml", 'type: "<b>monaie-locale</b>"', "type: monnaie-locale")
        link = project.replace("monographs/eusko.md", "## Territoire\n", "Voir [la page](pas-la.md).\n\n## Territoire\n")
        html = _wait_for(page, lambda html: "monographs/eusko.md" in html, "l'avertissement du lien", log)
        assert f"<code class=where>monographs/eusko.md:{link}:16</code>lien {g('pas-la.md')} vers une page introuvable" in html

        # Everything fixed: the page itself comes back.
        project.replace("monographs/eusko.md", "Voir [la page](pas-la.md).\n\n", "")
        html = _wait_for(page, lambda html: "<h1" in html and not _is_error_page(html), "le retour de la page", log)
        assert "Eusko" in html

        # mkdocs.yml broken: MkDocs cannot even read it (no plugin runs), yet every address
        # says where, in French, and the fixed file brings the page back.
        project.replace("mkdocs.yml", "site_name: Les rapports", "site_name: [Les rapports")
        html = _wait_for(page, lambda html: "<code class=where>mkdocs.yml:" in html, "l'erreur de mkdocs.yml", log)
        assert _is_error_page(html) and "livereload(" in html
        assert "mkdocs.yml:" in _get(base + "catalogue/")
        project.replace("mkdocs.yml", "site_name: [Les rapports", "site_name: Les rapports")
        html = _wait_for(page, lambda html: "<h1" in html and not _is_error_page(html), "le retour après mkdocs.yml", log)
        assert "Eusko" in html
    finally:
        server.terminate()
        server.wait(timeout=30)
