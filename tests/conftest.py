"""Shared fixtures: the project, copies of it to break, and the real built site."""

from __future__ import annotations

import ast
import contextlib
import functools
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Debian's Chromium and the arguments it needs as root with a closed network: those of make pdf.
from macros.commands.pdf import CHROMIUM, CHROMIUM_ARGS

PROJECT = Path(__file__).resolve().parent.parent
# Dates in the output (sitemap, edition number) come from the last commit, as `make test`
# sets it: the same figures whether the suite runs through make or pytest.
os.environ.setdefault(
    "SOURCE_DATE_EPOCH",
    subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=PROJECT, capture_output=True, text=True).stdout.strip() or "0",
)
# The spaces French messages put around « … », before « : » and before « ; ? ! ».
NBSP, NNBSP = "\u00a0", "\u202f"


def g(text: str) -> str:
    """« text » with French no-break spaces, as the messages print it."""
    return f"«{NBSP}{text}{NBSP}»"


# What a copy of the project needs to build (macros/ is linked, not copied).
_COPIED = ["mkdocs.yml", "mkdocs.offline.yml", "data", "docs", "monographs", "overrides"]


# The published address the test site is built for, as the publication workflow passes it,
# and its repository (« Proposer une correction »).
SITE_URL = "https://labo-ess.example.org/rapports-2021/"
REPO_URL = "https://github.com/labo-ess-exemple/rapports-2021"


def run_mkdocs_build(project: Path, site_dir: Path, **environment: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project directory, as `make build` runs it."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **environment)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


def run_check(project: Path) -> subprocess.CompletedProcess:
    """`make check` on a project directory: the command's main(), in this process, its output
    captured as a subprocess's would be (a new interpreter for each check costs more than the
    check itself; tests/checks/test_editors.py runs the command as a process)."""
    from macros.commands import check

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = check.main(["--projet", str(project)])
    return subprocess.CompletedProcess(["make", "check"], code, out.getvalue(), err.getvalue())


class ProjectCopy:
    """A throw-away copy of the project whose files a test may edit."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True)
        for name in _COPIED:
            source = PROJECT / name
            if source.is_dir():
                shutil.copytree(source, root / name)
            else:
                shutil.copy2(source, root / name)
        # Code and installed tools are shared, not copied.
        for name in ("macros", "tools"):
            (root / name).symlink_to(PROJECT / name)

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        self.path(relative).write_text(text, encoding="utf-8")

    def replace(self, relative: str, old: str, new: str) -> int:
        """Replace the first occurrence of `old`; return its line number (from 1)."""
        text = self.read(relative)
        assert old in text, f"{old!r} absent de {relative}"
        line = text[: text.index(old)].count("\n") + 1
        self.write(relative, text.replace(old, new, 1))
        return line

    def check(self) -> subprocess.CompletedProcess:
        return run_check(self.root)

    def build(self) -> subprocess.CompletedProcess:
        return run_mkdocs_build(self.root, self.root / "site")


@pytest.fixture
def project(tmp_path: Path) -> ProjectCopy:
    return ProjectCopy(tmp_path / "projet")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with --strict, for its published address
    and repository."""
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(PROJECT, site, SITE_URL=SITE_URL, REPO_URL=REPO_URL)
    assert result.returncode == 0, result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _SiteHandler(_QuietHandler):
    """Serves the site under its published path, and its 404 page for a missing address,
    as GitHub Pages serves a project site."""

    prefix = "/"

    def translate_path(self, path):
        path = "/" + path[len(self.prefix) :] if path.startswith(self.prefix) else "/.absent"
        return super().translate_path(path)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(folder: Path, prefix: str | None = None) -> tuple[http.server.ThreadingHTTPServer, str]:
    """`folder` served over HTTP on the loopback: the server (to shut down) and its address.
    With a `prefix`, under that path and with the site's 404 page, as GitHub Pages serves a site."""
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix}) if prefix else _QuietHandler
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix or '/'}"


@pytest.fixture(scope="session")
def base_url(built_site):
    """The built site served over HTTP on the loopback, at its published path."""
    server, url = serve(built_site, urlsplit(SITE_URL).path)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Tests by cost, as markers (registered in pyproject.toml), given from the fixtures a test
# uses so that a new test is classed without anyone remembering to mark it.
_COST_MARKERS = {"browser": "browser", "editions": "editions", "built_site": "site", "project": "copies"}


# The slowest kinds first: with -n, each process takes the next test when free, so the long
# ones (the editions, a browser pass over every page) started last would leave one process
# working alone at the end.
_COST_ORDER = ["editions", "browser", "copies", "site"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        for fixture, marker in _COST_MARKERS.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)

    def cost(item) -> int:
        marks = {mark.name for mark in item.iter_markers()}
        return next((rank for rank, marker in enumerate(_COST_ORDER) if marker in marks), len(_COST_ORDER))

    items.sort(key=cost)


def _modules_with_a_module_fixture() -> set[str]:
    """Test files (as node ids start) that define a fixture of scope « module »."""
    found = set()
    for path in Path(__file__).parent.rglob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "scope" and getattr(node.value, "value", None) == "module":
                found.add(path.relative_to(PROJECT).as_posix())
    return found


def pytest_xdist_make_scheduler(config, log):
    """With pytest-xdist (make test: -n), each test goes to the next free process, except the
    tests of a file with a module fixture (an edited copy built once, the editions): they go to
    one process together, which builds it once. (xdist's own « loadgroup » does this by
    renaming node ids, which pytest 9 no longer allows.)"""
    from xdist.scheduler import LoadScopeScheduling

    shared = _modules_with_a_module_fixture()

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if module in shared else nodeid

    return Scheduling(config, log)
