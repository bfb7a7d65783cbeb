"""One-off migration (issue 21, item 3): write each key figure's id into data/initiatives.yaml.

Until now a key figure's id was derived from its initiative's first id, its label and its year
(macros/model/figure_ids.py), so a new label made a new id and the published one vanished. This
script writes, once, an `id:` line after each key figure's label (`- libelle:`; an insertion only:
no other line of the file changes, so parallel edits merge line by line):

- the id the figure has today when it is in the published list (data/publie/chiffres.csv);
- for a figure relabelled since the last publication (commit 21c061e), the id it was published
  under: its continuation is the figure of the same initiative, not itself published, with the
  same value and the closest label;
- otherwise (a figure added since), the id it has today.

Log entries (data/journal.yaml) that name a relabelled figure by its derived id are rewritten to
the published id, token for token. Run from the project's root, once: `python tools/migrate_key_figure_ids.py`.
"""

from __future__ import annotations

import csv
import difflib
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import yaml

PUBLISHED_AT = "21c061e"
DATA = Path("data/initiatives.yaml")
JOURNAL = Path("data/journal.yaml")


def key_figure_ids(initiative: dict) -> list[tuple[str, dict]]:
    """The derived ids, as macros/model/figure_ids.py made them (removed with this migration)."""
    ids: list[tuple[str, dict]] = []
    seen: set[str] = set()
    first_id = (initiative.get("anciens_ids") or [initiative["id"]])[0]
    for figure in initiative.get("chiffres_cles", []):
        base = "-".join(filter(None, [first_id, slug(figure["libelle"]), str(figure.get("annee", ""))]))
        key, number = base, 2
        while key in seen:
            key, number = f"{base}-{number}", number + 1
        seen.add(key)
        ids.append((key, figure))
    return ids


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:60].strip("-")


def main() -> int:
    published = {row["id"] for row in csv.DictReader(Path("data/publie/chiffres.csv").open(encoding="utf-8"), delimiter=";")}
    old_text = subprocess.run(["git", "show", f"{PUBLISHED_AT}:{DATA}"], capture_output=True, text=True, check=True).stdout
    old = {item["id"]: key_figure_ids(item) for item in yaml.safe_load(old_text)}
    current = yaml.safe_load(DATA.read_text(encoding="utf-8"))

    ids: list[str] = []  # one per key figure, in file order
    restored: dict[str, str] = {}  # derived id → published id
    for initiative in current:
        figures = key_figure_ids(initiative)
        derived = [key for key, _ in figures]
        free = [(key, figure) for key, figure in figures if key not in published]
        for old_key, old_figure in old.get(initiative["id"], []):
            if old_key in derived or old_key not in published:
                continue
            candidates = [(key, figure) for key, figure in free if figure["valeur"] == old_figure["valeur"] and key not in restored]
            if not candidates:
                print(f"sans suite : {old_key}")
                continue
            key, _ = max(candidates, key=lambda pair: difflib.SequenceMatcher(None, old_figure["libelle"], pair[1]["libelle"]).ratio())
            restored[key] = old_key
        ids += [restored.get(key, key) for key in derived]
    assert len(ids) == len(set(ids)), "two figures would share an id"

    lines = DATA.read_text(encoding="utf-8").splitlines(keepends=True)
    out, figures_seen, pending = [], 0, None
    for line in lines:
        # The id goes after the whole label (a folded label goes on over deeper lines).
        if pending and re.match(r"^      \S", line):
            out.append(f"      id: {pending}\n")
            pending = None
        out.append(line)
        if line.startswith("    - libelle:"):
            pending = ids[figures_seen]
            figures_seen += 1
    assert figures_seen == len(ids), (figures_seen, len(ids))
    # The file read back: the same figures, each with its id and nothing else changed.
    migrated = yaml.safe_load("".join(out))
    assert [figure.pop("id") for item in migrated for figure in item.get("chiffres_cles", [])] == ids
    assert migrated == current
    DATA.write_text("".join(out), encoding="utf-8")

    journal = JOURNAL.read_text(encoding="utf-8")
    renamed = 0
    for derived_key, published_key in restored.items():
        journal, count = re.subn(rf"(?<![a-z0-9-]){re.escape(derived_key)}(?![a-z0-9-])", published_key, journal)
        renamed += count
    JOURNAL.write_text(journal, encoding="utf-8")
    print(f"{len(ids)} chiffres clés, dont {len(restored)} ramenés à leur id publié ; {renamed} noms rétablis dans le journal.")
    for derived_key, published_key in sorted(restored.items()):
        print(f"  {derived_key} → {published_key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
