"""`make bench`: build time and page sizes of the site against the bare MkDocs floor.

For each size N, it generates N synthetic initiatives (valid against the schema, every
field used, about 800 words of prose each) and builds them twice:

- **ours**: the real pipeline (labo-ess plugin, validation, macros, generated pages);
- **floor**: a bare MkDocs-Material build of the same pages already written as plain
  Markdown (fact sheet as a Markdown table, reference marks as links, acronyms explained
  by the stock abbr extension), with the same navigation structure.

It also measures a monograph's first visit in Debian's Chromium: every file the page
requests until the network is idle, gzipped; and the search (bench/search_figures.py): the
bytes each query downloads once the search is opened, and the time from the last keystroke
to the results, with the CPU slowed four times. It prints a table and writes
bench/results.json (one row per N). Usage:
    python bench/run.py [--sizes 17 500 5000] [--runs R]

Builds alternate, ours then the floor; each figure is the median of R runs (by default
5 up to 1,000 initiatives, where a build lasts seconds and noise weighs most, 3 above).
`ratio` is the median of each run's ratio (ours over the floor built right after it), and
`cpu_ratio` the same over CPU time (user + system), steadier on a shared, busy machine.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_figures import gzipped, search_figures, served  # noqa: E402

# The sections of a monograph, as make new writes them.
from macros.checks.prose_sections import MONOGRAPH_SECTIONS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "bench"

WORDS = (
    "coopération territoire acteurs économie sociale solidaire projet habitants entreprise "
    "association collectivité emploi transition énergie alimentation mobilité réseau "
    "gouvernance financement partenaires animation développement local ressources "
    "innovation agriculture formation services circuits courts insertion commune région "
    "recherche évaluation impact confiance expérimentation lieu dynamique"
).split()
TYPES = [
    "ptce",
    "tzcld",
    "cluster",
    "pole-de-competitivite",
    "tiers-lieu",
    "projet-alimentaire-territorial",
    "monnaie-locale",
    "tepos-eco-territoire",
    "revitalisation-rurale",
    "start-up-de-territoire",
]
PLACES = [
    ("Crest", "26", "Auvergne-Rhône-Alpes", 44.73, 5.02),
    ("Cholet", "49", "Pays de la Loire", 47.06, -0.88),
    ("Bayonne", "64", "Nouvelle-Aquitaine", 43.49, -1.47),
    ("Figeac", "46", "Occitanie", 44.61, 2.03),
    ("Luzy", "58", "Bourgogne-Franche-Comté", 46.79, 3.97),
    ("Brest", "29", "Bretagne", 48.39, -4.49),
    ("Lille", "59", "Hauts-de-France", 50.63, 3.06),
    ("Saint-Denis", "974", "La Réunion", -20.88, 55.45),
]


def prose(rng: random.Random, words: int = 800) -> str:
    per_section = words // len(MONOGRAPH_SECTIONS)
    parts = []
    for title in MONOGRAPH_SECTIONS:
        sentences = []
        for _ in range(per_section // 12):
            sentence = " ".join(rng.choice(WORDS) for _ in range(12))
            sentences.append(sentence.capitalize() + ".")
        parts.append(f"## {title}\n\n" + " ".join(sentences) + " ([source](https://exemple.org/page))\n")
    return "Introduction de la monographie.\n\n" + "\n".join(parts)


@functools.lru_cache(maxsize=None)
def _ids(pattern: str, family: str | None = None) -> list[str]:
    import yaml

    found = []
    for file in sorted((ROOT / "data").glob(pattern)):
        for item in yaml.safe_load(file.read_text(encoding="utf-8")):
            if family is None or item.get("famille") == family:
                found.append(item["id"])
    return found


def _links(key: str, ids: list[str], index: int, refs: list[str]) -> list[dict]:
    """Two links of a kind, chosen by the index, as an editor would write them."""
    return [
        {
            key: ids[(index + k) % len(ids)],
            "affirme_par": "redaction",
            "justification": "Lien synthétique du banc d'essai, sans valeur documentaire.",
            "sources": refs,
        }
        for k in range(min(2, len(ids)))
    ]


def initiative(index: int, rng: random.Random) -> dict:
    commune, dept, region, lat, lon = PLACES[index % len(PLACES)]
    refs = ["src-a", "src-b"]
    return {
        "id": f"initiative-{index:05d}",
        "nom": f"Initiative n° {index}",
        "nom_complet": f"Dynamique collective n° {index}",
        "type": TYPES[index % len(TYPES)],
        "resume": "Dynamique synthétique générée pour mesurer la construction du site.",
        "etude": {
            "statut": ["confirmee", "visite-documentee", "deduite"][index % 3],
            "justification": "Données synthétiques de banc d'essai, sans valeur documentaire.",
            "sources": refs,
            "extraits": [{"source": "src-a", "texte": "Passage synthétique de la source A.", "ou": "p. 1"}],
        },
        "territoire": {
            "commune": commune,
            "autres_communes": ["Alpha", "Beta"],
            "perimetre": "Bassin de vie synthétique.",
            "departement": dept,
            "region": region,
            "coordonnees": {"latitude": lat, "longitude": lon, "precision": "approximative", "note": "centre"},
            "sources": refs,
        },
        "creation": {"annee": 2000 + index % 20, "precision": "création de la structure", "sources": refs},
        "jalons": [{"date": f"{2000 + k}-0{1 + k % 9}", "evenement": f"Étape {k} de l'histoire.", "sources": refs} for k in range(5)],
        "forme_juridique": {"valeur": "Association loi 1901", "sources": refs},
        "structure_porteuse": {"valeur": "Association porteuse", "sources": refs},
        "thematiques": ["alimentation", "énergie", "emploi"],
        "chiffres_cles": [
            {
                "libelle": f"Indicateur {k}",
                "id": f"initiative-{index:05d}-indicateur-{k}-2020",
                "valeur": rng.randint(1, 100000),
                "unite": "membres",
                "annee": 2020,
                "approximatif": bool(k % 2),
                "statut": "secondaire",
                "sources": refs,
            }
            for k in range(6)
        ],
        "site_web": "https://exemple.org",
        "gouvernance": {"resume": "Conseil d'administration à collèges, animation par une équipe salariée.", "sources": refs},
        "modele_economique": {"resume": "Cotisations des membres et subventions d'animation.", "sources": refs},
        "facteurs_illustres": _links("facteur", _ids("facteurs.yaml"), index, refs),
        "modeles_gouvernance": _links("modele", _ids("modeles.yaml", "gouvernance"), index, refs)[:1],
        "modeles_economiques": _links("modele", _ids("modeles.yaml", "economique"), index, refs),
        "propositions_liees": _links("proposition", _ids("propositions-*.yaml"), index, refs),
    }


# The two sources every synthetic initiative cites (records of data/sources.yaml).
SYNTHETIC_SOURCES = [
    {"id": "src-a", "titre": "Source A", "auteur": "Éditeur", "editeur": "Éditeur", "url": "https://exemple.org/a", "date": 2020},
    {"id": "src-b", "titre": "Source B", "auteur": "Éditeur", "editeur": "Éditeur", "url": "https://exemple.org/b", "date": "2021-03"},
]


def _sources_for(data: Path, dump) -> None:
    """data/sources.yaml with the synthetic sources, less those only the real initiatives
    cited (a source no fact cites is refused)."""
    import yaml

    from macros.model.claims import cited_ids
    from macros.model.collections import COLLECTIONS

    records = {
        name: [item for file in sorted(data.glob(collection.pattern)) for item in yaml.safe_load(file.read_text(encoding="utf-8")) or []]
        for name, collection in COLLECTIONS.items()
        if name != "departements"
    }
    cited = cited_ids(records)
    kept = [source for source in records["sources"] if source["id"] in cited] + SYNTHETIC_SOURCES
    file = data / "sources.yaml"
    file.write_text(file.read_text(encoding="utf-8").splitlines()[0] + "\n" + dump(kept), encoding="utf-8")


def _never_published(data: Path, dump) -> None:
    """The synthetic site was never published: no published ids nor figures to keep, and the
    corrections log keeps the entries about the reports' pages, without the real monographs."""
    import yaml

    for name in ("ids.txt", "chiffres.csv"):
        path = data / "publie" / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if line.startswith("#")] if name == "ids.txt" else lines[:1]
        path.write_text("".join(kept), encoding="utf-8")
    path = data / "journal.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    report_figures = {
        item["id"] for chiffres in data.glob("chiffres-*.yaml") for item in yaml.safe_load(chiffres.read_text(encoding="utf-8"))
    }
    kept = []
    for entry in entries:
        entry.pop("initiatives", None)
        entry["pages"] = [page for page in entry.get("pages", []) if not page.startswith("monographies/")]
        entry["chiffres"] = [key for key in entry.get("chiffres", []) if key in report_figures]
        if not entry["chiffres"]:
            del entry["chiffres"]
        if entry["pages"]:  # an entry about real monographs only does not apply here
            kept.append(entry)
    header = path.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(header + "\n" + dump(kept), encoding="utf-8")


def fact_sheet_markdown(item: dict) -> tuple[str, str]:
    """The floor's monograph around the prose: every section ours shows, as plain Markdown
    (status note, identity table, key figures, milestones, synthesis links, sources)."""
    t = item["territoire"]
    # Reference marks are links to the sources list, as on our pages.
    ref = r" [\[1\]](#sources)[\[2\]](#sources)"
    rows = [
        ("Type", item["type"]),
        ("Commune principale", t["commune"] + ref),
        ("Autres communes", ", ".join(t["autres_communes"])),
        ("Périmètre", t["perimetre"]),
        ("Département", t["departement"]),
        ("Région", t["region"]),
        ("Création", f"{item['creation']['annee']} — {item['creation']['precision']}{ref}"),
        ("Forme juridique", item["forme_juridique"]["valeur"] + ref),
        ("Structure porteuse", item["structure_porteuse"]["valeur"] + ref),
        ("Thématiques", ", ".join(item["thematiques"])),
        ("Gouvernance", item["gouvernance"]["resume"] + ref),
        ("Modèle économique", item["modele_economique"]["resume"] + ref),
        ("Site web", item["site_web"]),
    ]
    status = f'!!! note "Place dans l\'étude : {item["etude"]["statut"]}"\n    {item["etude"]["justification"]}{ref}\n'
    table = "| Champ | Valeur |\n|---|---|\n" + "".join(f"| {k} | {v} |\n" for k, v in rows)
    links = "".join(
        f"- [{link.get('facteur') or link.get('modele') or link.get('proposition')}](../index.md) : "
        f"{link['justification']} *{link['affirme_par']}*\n"
        for field in ("facteurs_illustres", "modeles_gouvernance", "modeles_economiques", "propositions_liees")
        for link in item[field]
    )
    figures = "| Indicateur | Valeur | Année | Sources |\n|---|---|---|---|\n" + "".join(
        f"| {c['libelle']} | {c['valeur']} {c['unite']} | {c['annee']} |{ref} |\n" for c in item["chiffres_cles"]
    )
    milestones = "".join(f"1. **{j['date']}** : {j['evenement']}{ref}\n" for j in item["jalons"])
    sources = "".join(f"1. [{s['titre']}]({s['url']}), {s['editeur']}, {s['date']}\n" for s in SYNTHETIC_SOURCES)
    top = f"{item['resume']}\n\n{status}\n{table}\n"
    bottom = (
        f"## Dans la synthèse\n\n{links}\n## Chiffres clés\n\n{figures}\n"
        f"## Repères chronologiques\n\n{milestones}\n## Sources\n\n{sources}\n[Toutes les monographies](index.md)\n"
    )
    return top, bottom


def _rendered_articles(site: Path) -> dict[str, str]:
    """The article of each built page of ours, by source path, to give the floor the same
    content for pages whose content the macros compute (catalogue, map, sources…)."""
    import re

    articles = {}
    for page in site.rglob("index.html"):
        match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', page.read_text(encoding="utf-8"), re.S)
        if match:
            articles[page.parent.relative_to(site).as_posix()] = match.group(1)
    return articles


def generate(n: int) -> tuple[Path, Path]:
    """Two project folders for size n: ours and the floor."""
    import yaml

    rng = random.Random(n)
    items = [initiative(index, rng) for index in range(n)]
    ours, floor = WORK / f"n{n}" / "ours", WORK / f"n{n}" / "floor"
    shutil.rmtree(WORK / f"n{n}", ignore_errors=True)
    # Ours: the real project with synthetic data and prose.
    ours.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "overrides"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, ours / name)
    shutil.copytree(ROOT / "data", ours / "data")
    # The named PTCE may point at real initiatives, absent from the synthetic data.
    ptce = ours / "data" / "ptce.yaml"
    ptce.write_text(
        "".join(line for line in ptce.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith("  initiative: ")),
        encoding="utf-8",
    )
    (ours / "macros").symlink_to(ROOT / "macros")
    header = (ROOT / "data/initiatives.yaml").read_text(encoding="utf-8").splitlines()[0]

    class Plain(yaml.SafeDumper):
        # The data files refuse anchors and aliases: write every value out.
        def ignore_aliases(self, data):
            return True

    (ours / "data/initiatives.yaml").write_text(
        header + "\n" + yaml.dump(items, Dumper=Plain, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    dump = functools.partial(yaml.dump, Dumper=Plain, allow_unicode=True, sort_keys=False)
    _never_published(ours / "data", dump)
    _sources_for(ours / "data", dump)
    (ours / "monographs").mkdir()
    texts = {}
    for item in items:
        texts[item["id"]] = prose(rng)
        (ours / "monographs" / f"{item['id']}.md").write_text(texts[item["id"]], encoding="utf-8")
    # Floor: the same pages as plain Markdown, the same navigation, stock Material + search.
    shutil.copytree(ours / "docs", floor / "docs")
    # Pages whose content the macros compute get, in the floor, the content ours rendered
    # (as a raw HTML block: plain Markdown); the others are copied as they are.
    build(ours)
    articles = _rendered_articles(ours / "site")
    for page in (floor / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if "{{" in text:
            relative = page.relative_to(floor / "docs").with_suffix("").as_posix()
            key = relative[: -len("/index")] if relative.endswith("/index") else ("" if relative == "index" else relative)
            html = articles.get(key, text.replace("{{", "(").replace("}}", ")"))
            page.write_text("\n".join(line for line in html.splitlines() if line.strip()) + "\n", encoding="utf-8")
    monographs = floor / "docs" / "monographies"
    index = ["# Monographies\n", "| Dynamique | Type | Commune | Région |", "|---|---|---|---|"]
    for item in items:
        top, bottom = fact_sheet_markdown(item)
        (monographs / f"{item['id']}.md").write_text(f"# {item['nom']}\n\n{top}\n{texts[item['id']]}\n{bottom}", encoding="utf-8")
        index.append(
            f"| [{item['nom']}]({item['id']}.md) | {item['type']} | {item['territoire']['commune']} | {item['territoire']['region']} |"
        )
    (monographs / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    # The acronyms our pages explain (abbr elements), given to the same stock extension.
    glossary = {
        entry["sigle"]: entry["forme_longue"] for entry in yaml.safe_load((ROOT / "data/glossaire.yaml").read_text(encoding="utf-8"))
    }
    extensions = [{"abbr": {"glossary": glossary}} if name == "abbr" else name for name in config["markdown_extensions"]]
    floor_config = {
        "site_name": config["site_name"],
        "docs_dir": "docs",
        "nav": config["nav"],
        "not_in_nav": config["not_in_nav"],
        "theme": {"name": "material", "language": "fr", "font": False},
        "plugins": [{"search": {"lang": "fr"}}],
        "markdown_extensions": extensions,
    }
    (floor / "mkdocs.yml").write_text(yaml.safe_dump(floor_config, allow_unicode=True), encoding="utf-8")
    return ours, floor


def build(project: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one `mkdocs build` of a project, in its own process."""
    return build_into(project, project / "site")


# The CPU time (user + system) of the last build_into(): on a busy machine, wall times of
# two builds in a row differ by chance; their CPU times much less.
LAST_CPU = [0.0]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# `mkdocs build`, then the peak resident memory of this process (VmHWM, in kB) written to
# the file named by BENCH_PEAK. The rusage of the child would not do: on Linux its
# ru_maxrss also counts the bench's own memory, inherited at fork before the exec.
_MKDOCS_WITH_PEAK = """
import atexit, os, runpy, sys

def write_peak():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["BENCH_PEAK"], "w") as out:
        out.write(peak)

atexit.register(write_peak)
sys.argv = ["mkdocs", *sys.argv[1:]]
runpy.run_module("mkdocs", run_name="__main__")
"""


def build_into(project: Path, site: Path) -> tuple[float, float]:
    shutil.rmtree(site, ignore_errors=True)
    peak_file = WORK / "pic-memoire.txt"
    peak_file.unlink(missing_ok=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", BENCH_PEAK=str(peak_file))
    start, cpu = time.perf_counter(), _children_cpu()
    process = subprocess.run(
        [sys.executable, "-c", _MKDOCS_WITH_PEAK, "build", "-q", "-d", str(site)],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    seconds = time.perf_counter() - start
    LAST_CPU[0] = _children_cpu() - cpu
    if process.returncode != 0:
        raise SystemExit(f"échec de la construction de {project} :\n{process.stderr.decode()}")
    return seconds, int(peak_file.read_text()) / 1024


def sizes(site: Path) -> dict:
    pages = list((site / "monographies").glob("*/index.html"))
    largest = max(page.stat().st_size for page in pages) if pages else 0
    total = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    return {"output_mb": round(total / 2**20, 2), "max_page_kb": round(largest / 1024, 1)}


def first_visit_kb(site: Path, page: str) -> float:
    """Gzipped bytes of a page's first visit as Chromium makes it: the page and every file
    it requests until the network is idle (the search index only if it is requested)."""
    from playwright.sync_api import sync_playwright

    requested = []
    with served(site) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        tab = browser.new_page()
        tab.on("requestfinished", lambda request: requested.append(request.url))
        tab.goto(root + page.removesuffix("index.html"), wait_until="networkidle")
        browser.close()
    return round(gzipped(site, requested) / 1024, 1)


def real_site() -> dict:
    """The real site: a cold build (new process, no compiled-template cache), and the
    compressed weight of a monograph's first visit, every asset included."""
    import tempfile

    shutil.rmtree(Path(tempfile.gettempdir()) / "labo-ess-gabarits", ignore_errors=True)
    site = WORK / "site-reel"
    seconds, rss = build_into(ROOT, site)
    return {
        "cold_build_seconds": round(seconds, 2),
        "peak_rss_mb": round(rss, 1),
        "first_visit_kb_gz": first_visit_kb(site, "monographies/eusko/index.html"),
        **search_figures(site, "monographies/eusko/"),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[17, 500, 5000])
    parser.add_argument("--runs", type=int, default=None)
    arguments = parser.parse_args(argv)
    rows = []
    for n in arguments.sizes:
        ours, floor = generate(n)
        runs = arguments.runs or (5 if n <= 1000 else 3)
        our_times, floor_times, memory, our_cpu, floor_cpu = [], [], [], [], []
        for _ in range(runs):
            seconds, rss = build(ours)
            our_times.append(seconds)
            our_cpu.append(LAST_CPU[0])
            memory.append(rss)
            floor_times.append(build(floor)[0])
            floor_cpu.append(LAST_CPU[0])
        seconds, floor_seconds = statistics.median(our_times), statistics.median(floor_times)
        # Each run's ratio is taken between two builds one after the other, then the median.
        ratios = [ours_s / floor_s for ours_s, floor_s in zip(our_times, floor_times)]
        cpu_ratios = [ours_s / floor_s for ours_s, floor_s in zip(our_cpu, floor_cpu)]
        row = {
            "n": n,
            "seconds": round(seconds, 2),
            "floor_seconds": round(floor_seconds, 2),
            "ratio": round(statistics.median(ratios), 2),
            "cpu_seconds": round(statistics.median(our_cpu), 2),
            "floor_cpu_seconds": round(statistics.median(floor_cpu), 2),
            "cpu_ratio": round(statistics.median(cpu_ratios), 2),
            "ms_per_initiative": round(1000 * seconds / n, 2),
            "peak_rss_mb": round(max(memory), 1),
            **sizes(ours / "site"),
            "first_visit_kb_gz": first_visit_kb(ours / "site", "monographies/initiative-00000/index.html"),
            **search_figures(ours / "site", "monographies/initiative-00000/"),
        }
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    reel = real_site()
    print(
        f"Site réel : construction à froid {reel['cold_build_seconds']} s, première visite d'une "
        f"monographie {reel['first_visit_kb_gz']} Ko compressés (tout compris)."
    )
    (ROOT / "bench" / "site-reel.json").write_text(json.dumps(reel, indent=2) + "\n", encoding="utf-8")
    (ROOT / "bench").mkdir(exist_ok=True)
    (ROOT / "bench" / "results.json").write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    header = (
        f"{'N':>6} {'s':>7} {'plancher':>9} {'ratio':>6} {'CPU':>5} {'ms/init':>8} {'RSS Mo':>7} {'sortie Mo':>9} "
        f"{'page max Ko':>11} {'1re visite Ko gz':>16} {'index Ko gz':>11} {'requête Ko gz':>13} {'ms (CPU/4)':>10} "
        f"{'ms chargé':>9}"
    )
    print(header)
    for r in rows:
        print(
            f"{r['n']:>6} {r['seconds']:>7} {r['floor_seconds']:>9} {r['ratio']:>6} {r['cpu_ratio']:>5} {r['ms_per_initiative']:>8} "
            f"{r['peak_rss_mb']:>7} {r['output_mb']:>9} {r['max_page_kb']:>11} {r['first_visit_kb_gz']:>16} "
            f"{r['search_index_kb_gz']:>11} {r['query_kb_gz_max']:>13} {r['query_ms_max_cpu4x']:>10} "
            f"{r['query_ms_loaded_max_cpu4x']:>9}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
