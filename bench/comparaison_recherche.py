"""Search engines compared on the same pages, the same query set, the same machine.

Engines: Material's lunr search (as it was, and with apostrophes as separators), Pagefind
(pip `pagefind[bin]`, run on our built pages), MiniSearch (npm, tools/package.json, index
built with Node from the same documents and our normalisation), and ours (macros/search/).
For each: pass rate on tests/recherche-requetes.yaml (typed key by key, same checks as the
tests), index size raw/gzip, gzipped bytes a query downloads, time from the last keystroke
to the results with the CPU slowed 4×, and whether it works from file:// with no network.
At 5,000 initiatives (after `make bench`), the index sizes of the bench's sites.
Usage: python bench/comparaison_recherche.py  →  bench/recherche-comparaison.json
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_figures import BENCH_QUERIES, CHROMIUM_ARGS, ROOT, folder_size, gzipped, search_figures, served  # noqa: E402

WORK = ROOT / "build" / "comparaison"
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
ours_driver_tests = None


def _tests():
    import importlib.util

    spec = importlib.util.spec_from_file_location("requetes", ROOT / "tests" / "search_queries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_variant(name: str, separator: str | None) -> Path:
    """The real project, built with Material's search (separator given) or ours (None)."""
    project = WORK / name
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    for item in ("mkdocs.yml", "docs", "overrides", "data", "monographs"):
        (shutil.copytree if (ROOT / item).is_dir() else shutil.copy2)(ROOT / item, project / item)
    (project / "macros").symlink_to(ROOT / "macros")
    if separator is not None:
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        config = config.replace("  labo-recherche: {}\n", "  search:\n    lang: fr\n    separator: " + json.dumps(separator) + "\n")
        config = config.replace("    - toc.follow\n", "    - toc.follow\n    - search.highlight\n")
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
        main = project / "overrides" / "main.html"
        main.write_text(re.sub(r".*recherche\.js.*\n", "", main.read_text(encoding="utf-8")), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=project, env=ENV, check=True)
    return project / "site"


# --- Drivers: open the search, type a query key by key, read the ordered results ----------


class Material:
    field = "input.md-search__input"

    def __init__(self, tab):
        self.tab = tab

    def open(self):
        self.tab.locator(self.field).click()

    def query(self, text):
        field = self.tab.locator(self.field)
        field.fill("")
        field.press_sequentially(text, delay=15)
        self.tab.wait_for_timeout(700)
        return self.tab.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
            """links => links.map(a => ({href: a.href, genre: '',
                 marques: Array.from(a.querySelectorAll('mark'), m => m.textContent)}))"""
        )

    def total(self, text):
        self.query(text)
        meta = self.tab.locator(".md-search-result__meta").inner_text()
        found = re.search(r"(\d+)", meta)
        return int(found.group(1)) if found else (1 if "1 " in meta else 0)

    def last_key(self, text):
        return self.tab.evaluate(
            """([field, query]) => new Promise(resolve => {
            const input = document.querySelector(field), list = document.querySelector('.md-search-result__list');
            const start = performance.now();
            const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now() - start); });
            observer.observe(list, {childList: true});
            input.value = query; input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
            input.dispatchEvent(new Event('input', {bubbles: true}));
            setTimeout(() => resolve(null), 20000);
        })""",
            [self.field, text],
        )


class Ours:
    def __init__(self, tab):
        self.tab = tab

    def open(self):
        self.tab.keyboard.press("s")

    def query(self, text):
        return ours_driver_tests.type_query(self.tab, text)

    def total(self, text):
        ours_driver_tests.type_query(self.tab, text)
        return ours_driver_tests.totals(self.tab)


PAGEFIND_SEARCH = """async ([root, query]) => {
  const pf = await import(root + 'pagefind/pagefind.js');
  await pf.options({excerptLength: 30});
  let found = null;
  for (let i = 1; i <= query.length; i += 1) found = await pf.search(query.slice(0, i));
  const start = performance.now();
  found = await pf.search(query);
  const data = await Promise.all(found.results.slice(0, 10).map(r => r.data()));
  const elapsed = performance.now() - start;
  return {elapsed, total: found.results.length, results: data.map(d => ({href: new URL(d.url, root).href, genre: '',
    marques: Array.from(d.excerpt.matchAll(/<mark>(.*?)<\\/mark>/g), m => m[1])}))};
}"""


class Pagefind:
    def __init__(self, tab, root):
        self.tab, self.root = tab, root

    def open(self):
        pass

    def query(self, text):
        return self.tab.evaluate(PAGEFIND_SEARCH, [self.root, text])["results"]

    def total(self, text):
        return self.tab.evaluate(PAGEFIND_SEARCH, [self.root, text])["total"]

    def last_key(self, text):
        return self.tab.evaluate(PAGEFIND_SEARCH, [self.root, text])["elapsed"]


MINISEARCH_SEARCH = """([root, query]) => {
  if (!window.mini) window.mini = MiniSearch.loadJSON(window.INDEX_MINISEARCH, {
    fields: ['t', 'x'], storeFields: ['u', 't', 'k'], tokenize: t => LaboSearchNormalisation.words(t),
    processTerm: w => LaboSearchNormalisation.term(w) || null});
  const start = performance.now();
  const found = window.mini.search(query, {prefix: true, fuzzy: term => term.length >= 5 ? 1 : 0,
    combineWith: 'AND', boost: {t: 8}});
  const elapsed = performance.now() - start;
  return {elapsed, total: found.length, results: found.slice(0, 10).map(r => ({href: new URL(r.u, root).href,
    genre: r.k, marques: []}))};
}"""


class Mini(Pagefind):
    def query(self, text):
        return self.tab.evaluate(MINISEARCH_SEARCH, [self.root, text])["results"]

    def total(self, text):
        return self.tab.evaluate(MINISEARCH_SEARCH, [self.root, text])["total"]

    def last_key(self, text):
        return self.tab.evaluate(MINISEARCH_SEARCH, [self.root, text])["elapsed"]


def documents_of(site: Path) -> list[dict]:
    """Our index's documents (the same pages, the same text) for MiniSearch."""
    docs = []
    for path in sorted((site / "recherche" / "pages").glob("*.js"), key=lambda p: int(p.stem)):
        data = json.loads(path.read_text(encoding="utf-8").split(",", 1)[1].rsplit(");", 1)[0])
        docs.append(
            {
                "id": int(path.stem),
                "u": data["u"],
                "t": data["t"],
                "k": data["k"],
                "x": " ".join(" ".join(section[1:]) for section in data["s"]),
            }
        )
    return docs


def build_minisearch(site: Path) -> Path:
    docs = WORK / f"minisearch-docs-{site.parent.name}.json"
    docs.write_text(json.dumps(documents_of(site), ensure_ascii=False), encoding="utf-8")
    out = site / "minisearch-index.js"
    subprocess.run(
        [
            "node",
            "--max-old-space-size=8000",
            str(ROOT / "bench/minisearch-index.cjs"),
            str(site / "assets/javascripts/recherche-regles.js"),
            str(site / "assets/javascripts/recherche-normalisation.js"),
            str(docs),
            str(out),
        ],
        check=True,
    )
    shutil.copy2(ROOT / "tools/node_modules/minisearch/dist/umd/index.js", site / "minisearch.js")
    return out


def run_engine(name, site, make_driver, setup=None, file_check=None) -> dict:
    from playwright.sync_api import sync_playwright

    tests = ours_driver_tests
    passed, failed = 0, {}
    with served(site) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.goto(root + "a-propos/", wait_until="networkidle")
        if setup:
            setup(tab, root)
        driver = make_driver(tab, root)
        driver.open()
        for entry in tests.QUERIES:
            try:
                problems = tests.failures(entry, driver.query(entry["requete"]), root, driver.total)
            except Exception as error:  # an engine that breaks on a query fails it
                problems = [f"erreur : {str(error).splitlines()[0]}"]
            if problems:
                failed[entry["requete"]] = problems
            else:
                passed += 1
        # Bytes a query downloads (fresh page, cache empty) and time after the last key (CPU/4).
        sizes, times = [], []
        for query in BENCH_QUERIES:
            page = browser.new_page()
            page.goto(root + "monographies/eusko/", wait_until="networkidle")
            fetched = []
            page.on("requestfinished", lambda request: fetched.append(request.url))
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            if setup:
                setup(page, root)
            other = make_driver(page, root)
            other.open()
            if hasattr(other, "last_key"):
                if isinstance(other, Material):
                    page.locator(Material.field).press_sequentially(query[:-1], delay=60)
                    page.wait_for_timeout(1500)
                times.append(other.last_key(query))
            page.wait_for_load_state("networkidle")
            sizes.append(gzipped(site, fetched))
            page.close()
        browser.close()
    row = {
        "moteur": name,
        "reussies": passed,
        "requetes": len(tests.QUERIES),
        "echecs": failed,
        "requete_ko_gz_max": round(max(sizes) / 1024, 1),
        "ms_derniere_touche_max_cpu4x": round(max(t for t in times if t is not None)) if any(times) else None,
    }
    if file_check:
        row["file"] = file_check()
    print(json.dumps(row, ensure_ascii=False), flush=True)
    return row


def material_query_bytes(site: Path) -> int:
    worker = next((site / "assets/javascripts/workers").glob("search.*.min.js"))
    return gzipped(site, ["http://x/search/search_index.json", f"http://x/assets/javascripts/workers/{worker.name}"])


def material_file_check(site: Path) -> str:
    return "oui : index entier inliné en script par l’extension offline de Material (test_offline.py, avant ce changement)"


def pagefind_file_check(site: Path) -> str:
    """Pagefind from file://: its module and chunks are fetched, which file:// refuses."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(offline=True)
        tab = context.new_page()
        tab.goto((site / "a-propos" / "index.html").as_uri())
        try:
            tab.evaluate(PAGEFIND_SEARCH, [site.as_uri() + "/", "eusko"])
            outcome = "oui"
        except Exception as error:
            outcome = "non : " + str(error).splitlines()[0][:160]
        browser.close()
    return outcome


def main() -> int:
    global ours_driver_tests
    if sys.argv[1:] == ["--5000"]:
        path = ROOT / "bench" / "recherche-comparaison.json"
        result = json.loads(path.read_text(encoding="utf-8"))
        result["n5000"] = sizes_at_5000()
        path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(result["n5000"], ensure_ascii=False))
        return 0
    ours_driver_tests = _tests()
    WORK.mkdir(parents=True, exist_ok=True)
    rows = []
    ours_site = build_variant("notre", None)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(ours_site), "--output-subdir", "pagefind"], check=True, stdout=subprocess.DEVNULL
    )
    pagefind_seconds = time.perf_counter() - start
    build_minisearch(ours_site)
    for name, separator in (
        ("Material (lunr), séparateur d’origine", r"[\s\-]+"),
        ("Material (lunr), apostrophes en séparateurs", r"[\s\-’']+"),
    ):
        site = build_variant("material-" + str(len(rows)), separator)
        raw, compressed = folder_size(site / "search")
        row = run_engine(name, site, lambda tab, root: Material(tab), file_check=lambda s=site: material_file_check(s))
        # Material fetches its whole index (and its lunr worker) for any query: at page load
        # as it ships, at the opening of the search with our former deferral.
        row.update(
            index_ko=round(raw / 1024, 1),
            index_ko_gz=round(compressed / 1024, 1),
            requete_ko_gz_max=round(material_query_bytes(site) / 1024, 1),
        )
        rows.append(row)
    raw, compressed = folder_size(ours_site / "pagefind")
    row = run_engine("Pagefind 1.5.2", ours_site, lambda tab, root: Pagefind(tab, root), file_check=lambda: pagefind_file_check(ours_site))
    row.update(index_ko=round(raw / 1024, 1), index_ko_gz=round(compressed / 1024, 1), indexation_s=round(pagefind_seconds, 2))
    rows.append(row)

    def load_minisearch(tab, root):
        for script in (
            "minisearch.js",
            "assets/javascripts/recherche-regles.js",
            "assets/javascripts/recherche-normalisation.js",
            "minisearch-index.js",
        ):
            tab.add_script_tag(url=root + script)

    index = ours_site / "minisearch-index.js"
    row = run_engine(
        "MiniSearch 7.2.0 (nos règles françaises)",
        ours_site,
        lambda tab, root: Mini(tab, root),
        setup=load_minisearch,
        file_check=lambda: "oui : index entier en script",
    )
    row.update(index_ko=round(index.stat().st_size / 1024, 1), index_ko_gz=round(gzipped(ours_site, [f"http://x/{index.name}"]) / 1024, 1))
    rows.append(row)
    row = run_engine(
        "Notre recherche (macros/search/)",
        ours_site,
        lambda tab, root: Ours(tab),
        file_check=lambda: "oui : index en scripts chargés à la demande (test_offline.py)",
    )
    # Bytes and time as make bench measures them (bench/search_figures.py).
    figures = search_figures(ours_site, "monographies/eusko/")
    row.update(
        index_ko=figures["search_index_kb"],
        index_ko_gz=figures["search_index_kb_gz"],
        requete_ko_gz_max=figures["query_kb_gz_max"],
        ms_derniere_touche_max_cpu4x=figures["query_ms_max_cpu4x"],
    )
    rows.append(row)
    result = {"n17": rows, "n5000": sizes_at_5000()}
    (ROOT / "bench" / "recherche-comparaison.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for row in rows:
        print(json.dumps({k: v for k, v in row.items() if k != "echecs"}, ensure_ascii=False))
    print(json.dumps(result["n5000"], ensure_ascii=False))
    return 0


def sizes_at_5000() -> dict:
    """Index sizes at 5,000 initiatives, from the bench's sites (make bench)."""
    bench = ROOT / "build" / "bench" / "n5000"
    ours, floor = bench / "ours" / "site", bench / "floor" / "site"
    if not ours.exists():
        return {}
    figures = {}
    raw, compressed = folder_size(floor / "search")
    figures["material"] = {"index_ko": round(raw / 1024, 1), "index_ko_gz": round(compressed / 1024, 1)}
    raw, compressed = folder_size(ours / "recherche")
    figures["notre"] = {"index_ko": round(raw / 1024, 1), "index_ko_gz": round(compressed / 1024, 1)}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(ours), "--output-subdir", "pagefind"], check=True, stdout=subprocess.DEVNULL
    )
    raw, compressed = folder_size(ours / "pagefind")
    figures["pagefind"] = {
        "index_ko": round(raw / 1024, 1),
        "index_ko_gz": round(compressed / 1024, 1),
        "indexation_s": round(time.perf_counter() - start, 1),
    }
    index = build_minisearch(ours)
    figures["minisearch"] = {
        "index_ko": round(index.stat().st_size / 1024, 1),
        "index_ko_gz": round(len(__import__("gzip").compress(index.read_bytes())) / 1024, 1),
    }
    return figures


if __name__ == "__main__":
    sys.exit(main())
