"""Synthesis, catalogue, map and open data: computed from the same data, and in agreement."""

from __future__ import annotations

import csv
import io
import json
import re

from built_pages import CATALOGUE, text_of
from conftest import PROJECT

from macros.model.entries import entries
from macros.model.geo import inside

ENTRIES = entries(CATALOGUE)


def catalogue_rows(site) -> list[str]:
    return re.findall(r'<tr id="entree-([a-z0-9-]+)"', (site / "catalogue/index.html").read_text(encoding="utf-8"))


def map_markers(site) -> list[dict]:
    """Every place drawn on the map, at its own position (alone, or a member of a group)."""
    page = (site / "carte/index.html").read_text(encoding="utf-8")
    markers = []
    for x, y, region, identifier in re.findall(
        r'<circle class="labo-carte__(?:point|membre)" cx="([\d.]+)" cy="([\d.]+)" r="[\d.]+" '
        r'data-region="([^"]+)" data-id="([^"]+)"',
        page,
    ):
        markers.append({"x": float(x), "y": float(y), "region": region, "id": identifier})
    for region, identifier, x, y in re.findall(
        r'<rect class="labo-carte__point" [^>]*data-region="([^"]+)" data-id="([^"]+)" '
        r'data-cx="([\d.]+)" data-cy="([\d.]+)"',
        page,
    ):
        markers.append({"x": float(x), "y": float(y), "region": region, "id": identifier})
    return markers


def region_polygons(site) -> dict[str, list[list[tuple[float, float]]]]:
    page = (site / "carte/index.html").read_text(encoding="utf-8")
    polygons = {}
    for region, data in re.findall(r'<path class="labo-carte__region[^"]*" data-region="([^"]+)" d="([^"]+)"', page):
        rings = []
        for ring in re.findall(r"M([^Z]+)Z", data):
            rings.append([tuple(map(float, point.split(","))) for point in ring.split("L")])
        polygons[region.replace("&#39;", "'")] = rings
    return polygons


def test_catalogue_map_and_exports_agree(built_site):
    ids = [row["id"] for row in ENTRIES]
    assert len(ids) == len(set(ids)) == len(CATALOGUE.initiatives) + len([p for p in CATALOGUE.records["ptce"] if "initiative" not in p])
    assert sorted(catalogue_rows(built_site)) == sorted(ids)
    with_coordinates = sorted(row["id"] for row in ENTRIES if row["latitude"] is not None)
    assert sorted(marker["id"] for marker in map_markers(built_site)) == with_coordinates
    exported = json.loads((built_site / "donnees/initiatives.json").read_text(encoding="utf-8"))["entrees"]
    assert sorted(row["id"] for row in exported) == sorted(ids)
    table = list(csv.DictReader(io.StringIO((built_site / "donnees/initiatives.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    assert sorted(row["id"] for row in table) == sorted(ids)
    geo = json.loads((built_site / "donnees/initiatives.geojson").read_text(encoding="utf-8"))
    assert sorted(feature["id"] for feature in geo["features"]) == with_coordinates


def test_exports_read_back_as_the_yaml(built_site):
    exported = {row["id"]: row for row in json.loads((built_site / "donnees/initiatives.json").read_text(encoding="utf-8"))["entrees"]}
    for initiative in CATALOGUE.initiatives:
        assert exported[initiative["id"]]["fiche"] == initiative
    table = {
        row["id"]: row
        for row in csv.DictReader(io.StringIO((built_site / "donnees/initiatives.csv").read_text(encoding="utf-8-sig")), delimiter=";")
    }
    for initiative in CATALOGUE.initiatives:
        row = table[initiative["id"]]
        assert row["nom"] == initiative["nom"] and row["departement"] == initiative["territoire"]["departement"]
        assert float(row["latitude"]) == initiative["territoire"]["coordonnees"]["latitude"]
        assert (built_site / row["page"] / "index.html").exists()
    geo = {f["id"]: f for f in json.loads((built_site / "donnees/initiatives.geojson").read_text(encoding="utf-8"))["features"]}
    eusko = CATALOGUE.initiative("eusko")["territoire"]["coordonnees"]
    assert geo["eusko"]["geometry"]["coordinates"] == [eusko["longitude"], eusko["latitude"]]
    for name in ("initiatives", "ptce", "chiffres"):
        served = json.loads((built_site / f"donnees/schemas/{name}.schema.json").read_text(encoding="utf-8"))
        assert served == json.loads((PROJECT / f"data/schemas/{name}.schema.json").read_text(encoding="utf-8"))


def test_each_marker_falls_inside_its_region(built_site):
    polygons = region_polygons(built_site)
    assert len(polygons) == 18
    for marker in map_markers(built_site):
        rings = polygons[marker["region"].replace("&#39;", "'")]
        assert any(inside((marker["x"], marker["y"]), ring) for ring in rings), marker
        # …and not inside another région.
        others = [r for name, rs in polygons.items() if name != marker["region"].replace("&#39;", "'") for r in rs]
        assert not any(inside((marker["x"], marker["y"]), ring) for ring in others), marker


def test_map_markers_are_named_links_to_existing_pages(built_site):
    page = (built_site / "carte/index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)" class="labo-carte__lien[^"]*" aria-label="([^"]+)">(.*?)</a>', page, re.S)
    # One link per place, or per group of places too close to be told apart by a finger.
    assert sum(body.count("labo-carte__membre") if href.startswith("#") else 1 for href, _, body in links) == len(map_markers(built_site))
    for href, label, body in links:
        path, _, anchor = href.partition("#")
        if not path:
            # A group: its places are listed under the map, each with its link.
            assert f'id="{anchor}"' in page and body.count("labo-carte__membre") >= 2, href
            continue
        target = (built_site / "carte" / path / "index.html").resolve() if not path.endswith(".html") else None
        assert target.exists(), href
        if anchor:
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8")
        assert label.strip()


def test_synthesis_shows_links_with_who_asserts_them(built_site):
    matrix = text_of(built_site / "synthese/facteurs/index.html")
    linked = [(i, link) for i in CATALOGUE.initiatives for link in i.get("facteurs_illustres", [])]
    assert linked, "aucun lien facteur-initiative dans les données"
    for initiative, link in linked:
        page = (built_site / "monographies" / initiative["id"] / "index.html").read_text(encoding="utf-8")
        assert f'facteurs/#facteur-{link["facteur"]}"' in page
        assert CATALOGUE.label("affirme_par", link["affirme_par"]).replace("'", "’") in text_of(
            built_site / "monographies" / initiative["id"] / "index.html"
        ).replace("'", "’")
    assert CATALOGUE.label("affirme_par", "redaction") in matrix
    governance = text_of(built_site / "synthese/gouvernance/index.html")
    for model in CATALOGUE.records["modeles"]:
        if model["famille"] == "gouvernance":
            assert model["titre"].replace("'", "’") in governance.replace("'", "’")


def test_an_unknown_factor_is_a_validation_error_with_a_suggestion(project):
    text = project.read("data/initiatives.yaml")
    factor = re.search(r"- facteur: ([a-z0-9-]+)", text).group(1)
    project.replace("data/initiatives.yaml", f"- facteur: {factor}", f"- facteur: {factor}x")
    result = project.check()
    assert result.returncode == 1
    assert f"facteur «\u00a0{factor}x\u00a0» inconnu" in result.stderr
    assert f"Vouliez-vous dire «\u00a0{factor}\u00a0»" in result.stderr


def test_a_data_change_reaches_every_page(project):
    """One YAML value changed: monograph, index, catalogue, map, exports all follow."""
    project.replace("data/initiatives.yaml", "    commune: Bayonne\n", "    commune: Ustaritz\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    site = project.root / "site"
    for page in ("monographies/eusko/index.html", "monographies/index.html", "catalogue/index.html", "carte/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert "Ustaritz" in text, page
    assert "Ustaritz" in (site / "donnees/initiatives.csv").read_text(encoding="utf-8-sig")
    assert "Ustaritz" in (site / "donnees/initiatives.geojson").read_text(encoding="utf-8")


def test_monographs_carry_type_and_region_tags(built_site):
    listing = (built_site / "etiquettes/index.html").read_text(encoding="utf-8")
    for initiative in CATALOGUE.initiatives:
        page = (built_site / "monographies" / initiative["id"] / "index.html").read_text(encoding="utf-8")
        assert initiative["territoire"]["region"].replace("'", "’") in page
        assert f'href="../monographies/{initiative["id"]}/"' in listing
