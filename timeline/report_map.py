"""The map of England as inline SVG: each authority a shape, or a circle of its area."""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from html import escape

import attrs

from timeline.boundaries import Boundaries, Point, Polygon, Position

__all__ = ["HEIGHT", "WIDTH", "MapItem", "Shapes", "draw_map"]

# One fixed projection for every map: equirectangular, true to scale at 53° N (mid-England),
# so a map from positions and one from boundaries line up. 100 units a degree of latitude.
_WEST, _NORTH, _SOUTH, _EAST = -6.5, 55.9, 49.85, 1.85
_SCALE = 100.0
_COS = math.cos(math.radians(53.0))
WIDTH = round((_EAST - _WEST) * _COS * _SCALE)
HEIGHT = round((_NORTH - _SOUTH) * _SCALE)
_KM_PER_DEGREE = 111.2  # of latitude
# Shapes are snapped to a grid of a quarter unit (about 280 m): enough for a map a page wide,
# and neighbours' shared borders snap to the same points, so a county's inner borders cancel.
_GRID = 4
# London's boroughs are too small to see at England's scale: an inset shows them larger. The
# box holds all of Greater London, so nothing drawn in it spills out.
_LONDON = (-0.53, 51.70, 0.35, 51.27)  # west, north, east, south
_INSET = (356.0, 10.0, 140.0, 112.0)  # x, y, width, height: the North Sea, clear of land


def _project(point: Point) -> tuple[int, int]:
    """A point in grid units of the map's viewBox (integers, so shared borders match)."""
    x = (point[0] - _WEST) * _COS * _SCALE
    y = (_NORTH - point[1]) * _SCALE
    return round(x * _GRID), round(y * _GRID)


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _grid_text(point: tuple[int, int]) -> str:
    return f"{_n(point[0] / _GRID)} {_n(point[1] / _GRID)}"


def _outline(rings: Sequence[Sequence[tuple[int, int]]]) -> str:
    """The union's border: edges two of the rings share (a district's neighbour in the same
    county) cancel, and what is left is chained into as few lines as it takes."""
    edges: Counter[tuple[tuple[int, int], tuple[int, int]]] = Counter()
    for ring in rings:
        for a, b in itertools.pairwise(ring):
            edges[min(a, b), max(a, b)] += 1
    around: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for (a, b), count in edges.items():
        if count % 2:
            around[a].append(b)
            around[b].append(a)
    lines = []
    # Start at a loose end when there is one, so an open run is drawn as one line.
    starts = sorted(around, key=lambda p: len(around[p]) % 2 == 0)
    for start in starts:
        while around[start]:
            line, here = [start], start
            while around[here]:
                there = around[here].pop()
                around[there].remove(here)
                line.append(there)
                here = there
            lines.append("M" + " ".join(_grid_text(p) for p in line))
    return "".join(lines)


def _shape_def(code: str, shapes: Sequence[Polygon]) -> str:
    rings = []
    for polygon in shapes:
        for ring in polygon:
            snapped: list[tuple[int, int]] = []
            for point in map(_project, ring):
                if not snapped or snapped[-1] != point:
                    snapped.append(point)
            if snapped and snapped[0] != snapped[-1]:
                snapped.append(snapped[0])
            if len(snapped) >= 4:
                rings.append(snapped)
    fill = "".join("M" + " ".join(_grid_text(p) for p in ring[:-1]) + "Z" for ring in rings)
    # No fill on the shape itself: each map's <use> colours it by the authority's grade.
    return (
        f'<g id="shape-{escape(code)}"><path d="{fill}" fill-rule="evenodd"/>'
        f'<path d="{_outline(rings)}" fill="none" stroke="#fff" stroke-width="0.7" '
        'stroke-linejoin="round" vector-effect="non-scaling-stroke"/></g>'
    )


def _dot_def(position: Position) -> str:
    x, y = (v / _GRID for v in _project((position.lon, position.lat)))
    # A circle about the authority's area, so counties look as large as they are: a little
    # smaller, as neighbours' circles overlap where their shapes would not; with a floor, so a
    # London borough is still something to point at.
    radius = max(1.6, 0.85 * math.sqrt(position.area_km2 / math.pi) * _SCALE / _KM_PER_DEGREE)
    return (
        f'<circle id="shape-{escape(position.code)}" cx="{_n(x)}" cy="{_n(y)}" '
        f'r="{_n(radius)}" stroke="#fff" stroke-width="0.7" vector-effect="non-scaling-stroke"/>'
    )


@attrs.frozen(kw_only=True)
class MapItem:
    """One authority on one map: its grade's key and colour, its tooltip and where it links."""

    code: str
    grade: str
    fill: str
    title: str
    href: str | None = None
    london: bool = False


class Shapes:
    """How authorities are drawn: one definition each, put on the page once and used by every
    map on it (so twelve small maps cost no more shapes than one)."""

    def __init__(self, positions: Mapping[str, Position], boundaries: Boundaries | None) -> None:
        self.positions = positions
        self.boundaries = boundaries
        self._defs: dict[str, str] = {}

    def drawn_as_dots(self, codes: Iterable[str]) -> list[str]:
        """Which of ``codes`` have no shape in the boundaries (all, without boundaries)."""
        shaped = {} if self.boundaries is None else self.boundaries.shapes
        return [c for c in codes if c not in shaped]

    def define(self, code: str) -> bool:
        """Make ``code``'s definition; False if the authority has neither shape nor position."""
        if code in self._defs:
            return True
        if self.boundaries is not None and code in self.boundaries.shapes:
            self._defs[code] = _shape_def(code, self.boundaries.shapes[code])
        elif code in self.positions:
            self._defs[code] = _dot_def(self.positions[code])
        else:
            return False
        return True

    def defs(self) -> str:
        """The hidden SVG holding every definition made so far, to place once on the page."""
        return (
            '<svg class="map-defs" width="0" height="0" aria-hidden="true" focusable="false">'
            f"<defs>{''.join(self._defs[c] for c in sorted(self._defs))}</defs></svg>"
        )

    def size(self, code: str) -> float:
        """An authority's area, so larger ones are drawn first and smaller stay on top."""
        position = self.positions.get(code)
        return 0.0 if position is None else position.area_km2


def _inset_transform() -> str:
    west, north, east, south = _LONDON
    x0, y0 = (v / _GRID for v in _project((west, north)))
    x1, y1 = (v / _GRID for v in _project((east, south)))
    bx, by, bw, bh = _INSET
    scale = min(bw / (x1 - x0), bh / (y1 - y0))
    left = bx + (bw - (x1 - x0) * scale) / 2
    top = by + (bh - (y1 - y0) * scale) / 2
    return f"translate({_n(left)} {_n(top)}) scale({scale:.3f}) translate({_n(-x0)} {_n(-y0)})"


def draw_map(
    shapes: Shapes,
    items: Sequence[MapItem],
    *,
    ident: str,
    title: str,
    description: str,
    inset: bool = True,
) -> str:
    """One map as ``<svg id=ident>``: each authority a ``<g class="la">`` with its code, grade
    and fill, and a tooltip; with ``inset``, London's boroughs again, larger, in the North Sea.
    """
    ident = escape(ident)
    out = [
        f'<svg id="{ident}" class="map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
        '<g class="authorities">',
    ]
    drawn = [i for i in items if shapes.define(i.code)]
    for item in sorted(drawn, key=lambda i: -shapes.size(i.code)):
        mark = (
            f'<g class="la" data-code="{escape(item.code)}" data-grade="{escape(item.grade)}" '
            f'fill="{escape(item.fill)}"><title>{escape(item.title)}</title>'
            f'<use href="#shape-{escape(item.code)}"/></g>'
        )
        out.append(mark if item.href is None else f'<a href="{escape(item.href)}">{mark}</a>')
    out.append("</g>")
    london = [i for i in drawn if i.london]
    if inset and london:
        transform = _inset_transform()
        bx, by, bw, bh = _INSET
        out.append(
            f'<g class="inset"><rect x="{bx}" y="{by}" width="{bw}" height="{bh}" '
            f'fill="#f7f9fb" stroke="#9aa3ad" stroke-width="0.8"/>'
            f'<text x="{bx + 4}" y="{by + bh - 4}" class="inset-label">London</text>'
            f'<g transform="{transform}">'
        )
        for item in sorted(london, key=lambda i: -shapes.size(i.code)):
            mark = (
                f'<g class="la-inset" data-code="{escape(item.code)}" fill="{escape(item.fill)}">'
                f'<title>{escape(item.title)}</title><use href="#shape-{escape(item.code)}"/></g>'
            )
            out.append(mark if item.href is None else f'<a href="{escape(item.href)}">{mark}</a>')
        out.append("</g></g>")
    out.append("</svg>")
    return "".join(out)
