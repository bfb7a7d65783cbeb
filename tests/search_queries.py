"""The search's query set, typed key by key in Chromium, and its checks.

Shared by the tests of the hosted site (browser/test_search.py) and of the offline edition
(editions/test_editions.py), and by the comparison of search engines (bench/comparaison_recherche.py), which
drives other engines through the same `results` interface.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from playwright.sync_api import expect

QUERIES = yaml.safe_load((Path(__file__).with_name("recherche-requetes.yaml")).read_text(encoding="utf-8"))


def page_of(href: str, root: str) -> str:
    """A result's page as in the query set: source path without .md, and its anchor."""
    parts = urlsplit(href)
    path = unquote(parts.path)
    base = unquote(urlsplit(root).path)
    path = path[len(base) :] if path.startswith(base) else path
    for suffix in ("index.html", ".html", "/"):
        path = path.removesuffix(suffix)
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def wait_for_results(page, query: str) -> None:
    """Wait until the results shown are those of `query`. Not with wait_for_function: the pages'
    policy forbids eval, which its polling needs whenever the answer is not there at once."""
    expect(page.locator("#labo-recherche-resultats")).to_have_attribute("data-query", query, timeout=10_000)


def open_search(page, key: str = "s") -> None:
    """Open our search with its key, once its script has run: a page can still be parsing
    when the network is idle, and a key pressed before the script runs opens nothing."""
    page.locator(".labo-recherche-bouton").wait_for(state="attached", timeout=30_000)
    page.keyboard.press(key)
    page.locator("#labo-recherche-champ").wait_for(timeout=10_000)


def type_query(page, query: str) -> list[dict]:
    """Open our search with the « s » key, type the query key by key, read the results."""
    field = page.locator("#labo-recherche-champ")
    if not field.is_visible():
        open_search(page)
    field.fill("")
    field.press_sequentially(query, delay=15)
    wait_for_results(page, query)
    return results_shown(page)


def results_shown(page) -> list[dict]:
    """The results listed: address, kind, marked words, excerpt, and whether they hold only
    some of the query's words."""
    return page.locator("#labo-recherche-resultats [role=option]").evaluate_all("""options => options.map(o => ({
        href: o.href, genre: o.querySelector('.labo-recherche__genre').textContent,
        marques: Array.from(o.querySelectorAll('mark'), m => m.textContent),
        extrait: o.querySelector('.labo-recherche__extrait').textContent,
        partiel: o.querySelector('.labo-recherche__partiel') !== null}))""")


def totals(page) -> int:
    return int(page.locator("#labo-recherche-resultats").get_attribute("data-total"))


def failures(entry: dict, results: list[dict], root: str, total_of=None) -> list[str]:
    """What a query's results miss, in French; empty when they pass."""
    problems = []
    if not results:
        return ["aucun résultat"]
    anchored = [page_of(result["href"], root) for result in results]

    def same(found: str, wanted: str) -> bool:
        # A result may lead to the section of its excerpt: the anchor counts only when asked for.
        return found == wanted or ("#" not in wanted and found.split("#")[0] == wanted)

    pages = [next((w for w in entry.get("contient", []) if same(p, w)), p) for p in anchored]
    if "premier" in entry and not same(anchored[0], entry["premier"]):
        problems.append(f"en tête : {anchored[0]!r}, attendu {entry['premier']!r}")
    if "genre" in entry and results[0].get("genre", "").split(" · ")[0] != entry["genre"]:
        problems.append(f"genre : {results[0].get('genre')!r}, attendu {entry['genre']!r}")
    for wanted in entry.get("contient", []):
        if wanted not in pages:
            problems.append(f"{wanted!r} absent des résultats")
    for unwanted in entry.get("hors_des_trois_premiers", []):
        ahead = [page for page in anchored[:3] if same(page, unwanted)]
        if ahead:
            problems.append(f"{ahead[0]!r} parmi les trois premiers résultats")
    if "marque" in entry:
        marked = [m for result in results for m in result.get("marques", [])]
        if entry["marque"] not in marked:
            problems.append(f"{entry['marque']!r} non surligné dans les extraits ({marked[:6]})")
    if "meme_total_que" in entry and total_of is not None:
        mine, other = total_of(entry["requete"]), total_of(entry["meme_total_que"])
        if mine != other:
            problems.append(f"{mine} résultats, {other} pour {entry['meme_total_que']!r}")
    return problems
