"""The search, measured: what a query downloads and how long it takes, and the engines compared.

`search_figures(site, page)` (used by bench/run.py at every size): in Debian's Chromium with
the CPU slowed four times (CDP Emulation.setCPUThrottlingRate), opens the search on a page
with the « s » key, types each query of BENCH_QUERIES key by key, and records
- the gzipped bytes of every file fetched from the moment the search opens (the engine's
  scripts, the summary, the chunks of the typed words, the texts of the results shown);
- the time from the last keystroke to the results shown, including the chunks and texts
  that keystroke loads; and the same keystroke again once they are loaded (the engine alone).

bench/comparaison_recherche.py compares search engines with the same drivers.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import statistics
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from macros.commands.pdf import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
# Words of the synthetic data and of the real site: a word on every page (typed without its
# accent), two words, a prefix, a typo.
BENCH_QUERIES = ["cooperation", "gouvernance partenaires", "energ", "cooperatoin"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def gzipped(site: Path, urls) -> int:
    total = 0
    for url in dict.fromkeys(urls):
        path = site / unquote(urlsplit(url).path).lstrip("/")
        path = path / "index.html" if path.is_dir() else path
        if path.is_file():
            total += len(gzip.compress(path.read_bytes()))
    return total


def folder_size(folder: Path) -> tuple[int, int]:
    """(raw, gzipped) bytes of the files of a folder, each gzipped on its own as a server would."""
    files = [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []
    return (sum(path.stat().st_size for path in files), sum(len(gzip.compress(path.read_bytes())) for path in files))


_LAST_KEY = """([field, list, query]) => new Promise(resolve => {
  const input = document.querySelector(field), results = document.querySelector(list);
  const start = performance.now();
  const done = () => results.dataset.query === query;
  const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(performance.now() - start); } });
  observer.observe(results, {attributes: true});
  input.value = query;
  input.dispatchEvent(new Event("input", {bubbles: true}));
})"""


def search_figures(site: Path, page_path: str, queries=BENCH_QUERIES, throttle: int = 4) -> dict:
    """Bytes per query (gzip, from the opening of the search) and latency after the last key."""
    from playwright.sync_api import sync_playwright

    bytes_per_query, latencies, loaded = [], [], []
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for query in queries:
            tab = browser.new_page()
            fetched = []
            tab.goto(base + page_path, wait_until="networkidle")
            cdp = tab.context.new_cdp_session(tab)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
            tab.on("requestfinished", lambda request: fetched.append(request.url))
            # The page may still be parsing when the network is idle: press once the script has run.
            tab.locator(".labo-recherche-bouton").wait_for(state="attached", timeout=60_000)
            tab.keyboard.press("s")
            field = tab.locator("#labo-recherche-champ")
            field.press_sequentially(query[:-1], delay=60)
            tab.wait_for_function(
                "q => document.getElementById('labo-recherche-resultats').dataset.query === q", arg=query[:-1], timeout=60_000
            )
            latencies.append(tab.evaluate(_LAST_KEY, ["#labo-recherche-champ", "#labo-recherche-resultats", query]))
            tab.wait_for_load_state("networkidle")
            bytes_per_query.append(gzipped(site, fetched))
            # The same last keystroke again, its chunks and texts now loaded: the engine alone.
            tab.evaluate(_LAST_KEY, ["#labo-recherche-champ", "#labo-recherche-resultats", query[:-1]])
            loaded.append(tab.evaluate(_LAST_KEY, ["#labo-recherche-champ", "#labo-recherche-resultats", query]))
            tab.close()
        browser.close()
    raw, compressed = folder_size(site / "recherche")
    return {
        "search_index_kb": round(raw / 1024, 1),
        "search_index_kb_gz": round(compressed / 1024, 1),
        "query_kb_gz_max": round(max(bytes_per_query) / 1024, 1),
        "query_kb_gz_median": round(statistics.median(bytes_per_query) / 1024, 1),
        "query_ms_max_cpu4x": round(max(latencies)),
        "query_ms_median_cpu4x": round(statistics.median(latencies)),
        "query_ms_loaded_max_cpu4x": round(max(loaded)),
    }
