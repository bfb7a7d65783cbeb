"""Département outlines (data/geo/departements.json) and where a point stands against them.

The outlines are Natural Earth's, simplified: a coastal town's centre can fall just off
the drawn coast. A point within TOLERANCE_KM of its département is moved onto the nearest
inland spot of the outline (the map is schematic, and coordinates are approximate); a point
farther away is a data error (swapped latitude and longitude, wrong département…).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

TOLERANCE_KM = 10
_KM_PER_DEGREE = 111.2


@lru_cache(maxsize=4)
def outlines(path: Path) -> dict[str, list[list[tuple[float, float]]]]:
    data = json.loads(path.read_text(encoding="utf-8"))["departements"]
    return {code: [[tuple(point) for point in ring] for ring in rings] for code, rings in data.items()}


def inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    """Ray casting: is the point inside the ring?"""
    x, y = point
    result = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result


def _nearest_on_segment(p, a, b, k):
    """Nearest point of segment ab to p, in a plane where longitudes are scaled by k."""
    ax, ay, bx, by, px, py = a[0] * k, a[1], b[0] * k, b[1], p[0] * k, p[1]
    dx, dy = bx - ax, by - ay
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return (ax + t * dx) / k, ay + t * dy


def locate(path: Path, departement: str, lon: float, lat: float) -> tuple[float, float, float]:
    """(lon, lat, km moved): the point itself when inside its département, else the nearest
    spot just inside its outline, and how far that is from the given point."""
    rings = outlines(path).get(departement, [])
    if any(inside((lon, lat), ring) for ring in rings):
        return lon, lat, 0.0
    k = math.cos(math.radians(lat))
    best, best_distance = None, math.inf
    for ring in rings:
        for a, b in zip(ring, ring[1:] + ring[:1]):
            qx, qy = _nearest_on_segment((lon, lat), a, b, k)
            distance = math.hypot((qx - lon) * k, qy - lat) * _KM_PER_DEGREE
            if distance < best_distance:
                best, best_distance = (qx, qy), distance
    if best is None:
        return lon, lat, math.inf
    # Step a little further, across the outline, so that the point is inside.
    step = 0.004
    dx, dy = best[0] - lon, best[1] - lat
    norm = math.hypot(dx, dy) or 1.0
    moved = (best[0] + dx / norm * step, best[1] + dy / norm * step)
    return moved[0], moved[1], best_distance
