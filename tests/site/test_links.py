"""The link check of the data's external addresses: lychee with the project's configuration
(lychee.toml) against a local server answering 200, 301, 404, 500 and too late, and our report
(« à remplacer », « à archiver ») made from its output; the addresses a pull request adds."""

from __future__ import annotations

import csv
import http.server
import io
import json
import os
import subprocess
import sys
import threading
import time
import tomllib

import pytest
from conftest import PROJECT

SLOW = 3  # seconds the slow address takes, longer than the test's time limit (1 s)


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def do_GET(self):
        _Handler.hits[self.path] = _Handler.hits.get(self.path, 0) + 1
        route = self.path.partition("?")[0]
        if route == "/lent":
            time.sleep(SLOW)
        status = {"/ok": 200, "/archive": 200, "/lent": 200, "/deplace": 301, "/absent": 404, "/erreur": 500}.get(route, 404)
        self.send_response(status)
        if status == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET

    def log_message(self, *args):
        pass

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the checker gave up waiting for /lent


@pytest.fixture
def server():
    _Handler.hits = {}
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def write_data(folder, base):
    data = folder / "data"
    data.mkdir(parents=True)
    (data / "sources.yaml").write_text(
        f"""
- id: vivante
  titre: Page qui répond
  url: {base}/ok
- id: deplacee
  titre: Page déplacée
  url: {base}/deplace
- id: disparue-archivee
  titre: Page disparue dont une copie est archivée
  url: {base}/absent
  archive: {base}/archive
- id: en-panne
  titre: Serveur en erreur
  url: {base}/erreur
- id: trop-lente
  titre: Page trop lente
  url: {base}/lent
  copie_consultee:
    url: {base}/ok?copie
    site: Miroir
- id: archive-perdue
  titre: Page dont l'archive a disparu
  url: {base}/ok?autre
  archive: {base}/absent?archive
""",
        encoding="utf-8",
    )
    (data / "initiatives.yaml").write_text(f"- id: dynamique\n  site_web: {base}/ok?site\n", encoding="utf-8")


def run_links(folder, *arguments, env=None):
    return subprocess.run(
        [sys.executable, "-m", "macros.commands.links", *arguments, "--projet", str(folder)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        env=env,
    )


def test_checker_and_report_against_a_local_server(tmp_path, server):
    write_data(tmp_path, server)
    summary = tmp_path / "resume.md"
    started = time.monotonic()
    result = run_links(tmp_path, "verifier", "--delai", "1", "--strict", env=dict(os.environ, GITHUB_STEP_SUMMARY=str(summary)))
    elapsed = time.monotonic() - started
    assert result.returncode == 1, result.stderr  # --strict: some addresses are dead
    rows = {row["url"].removeprefix(server): row for row in json.loads((tmp_path / "build/liens/rapport.json").read_text(encoding="utf-8"))}
    assert {path: row["action"] for path, row in rows.items()} == {
        "/ok": "OK",
        "/deplace": "OK",
        "/absent": "à remplacer",
        "/archive": "OK",
        "/erreur": "à archiver",
        "/lent": "à archiver",
        "/ok?copie": "OK",
        "/ok?autre": "OK",
        "/absent?archive": "archive inaccessible",
        "/ok?site": "OK",
    }
    assert rows["/absent"]["etat"] == "404" and rows["/erreur"]["etat"] == "500"
    assert rows["/lent"]["etat"] == "délai dépassé" and rows["/deplace"]["etat"] == "répond (redirigé)"
    assert rows["/absent"]["archive"] == f"{server}/archive"
    assert rows["/lent"]["utilisations"] == ["data/sources.yaml, trop-lente, url"]
    assert rows["/ok?copie"]["genre"] == "copie" and rows["/ok?site"]["genre"] == "site"
    # The configuration's retries: the address that timed out was asked again.
    retries = tomllib.loads((PROJECT / "lychee.toml").read_text(encoding="utf-8"))["max_retries"]
    assert retries >= 1 and _Handler.hits["/lent"] == 1 + retries
    # The job summary and the file say the same, in French.
    text = summary.read_text(encoding="utf-8")
    assert text == (tmp_path / "build/liens/rapport.md").read_text(encoding="utf-8")
    assert "- adresses vérifiées : 10" in text and "- à remplacer : 1" in text and "- à archiver : 2" in text
    assert "sources dont l'original a une copie archivée : 2 sur 6" in text
    assert f"| à remplacer | 404 | <{server}/absent> | data/sources.yaml, disparue-archivee, url |" in text
    assert elapsed < 60


def test_a_pull_request_checks_only_the_addresses_it_adds(tmp_path):
    write_data(tmp_path, "https://exemple.org")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run([*git, "add", "data"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=tmp_path, check=True)
    sources = tmp_path / "data" / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8") + "- id: nouvelle\n  titre: Nouvelle\n  url: https://exemple.org/nouvelle\n", encoding="utf-8"
    )
    result = run_links(tmp_path, "liste", "--base", "HEAD")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == ["https://exemple.org/nouvelle"]
    assert result.stdout.startswith("1 adresses externes (adresses ajoutées depuis HEAD)")


def test_every_external_address_of_the_open_data_is_listed(built_site, project):
    """The list lychee checks is the data's: sources (original, copies, archive) and web sites."""
    sources = json.loads((built_site / "donnees/sources.json").read_text(encoding="utf-8"))["sources"]
    expected = set()
    for source in sources:
        copies = [source.get("copie_consultee", {}), *source.get("autres_copies", [])]
        expected.update(value for value in (source.get("url"), source.get("archive"), *(copy.get("url") for copy in copies)) if value)
    table = csv.DictReader(io.StringIO((built_site / "donnees/initiatives.csv").read_text(encoding="utf-8-sig")), delimiter=";")
    expected.update(row["site_web"] for row in table if row["site_web"])
    # On a copy of the project: the command writes its list under the project's build/.
    result = run_links(project.root, "liste")
    listed = result.stdout.splitlines()[1:]
    assert set(listed) == expected and len(listed) == len(expected)
    # lychee reads the very same addresses from the page written for it.
    dump = subprocess.run(
        [
            str(PROJECT / ".venv/bin/lychee"),
            "--config",
            str(PROJECT / "lychee.toml"),
            "--dump",
            str(project.root / "build/liens/liens.html"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert {url.rstrip("/") for url in dump.stdout.split()} == {url.rstrip("/") for url in expected}
