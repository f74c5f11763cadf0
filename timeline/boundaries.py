"""Where authorities are: their packaged positions, and their shapes from a boundaries file.

Positions (``timeline/data/positions.csv``) are the centres and areas of authorities, derived
once from the ONS district boundaries by ``python -m timeline.data.make_positions``. A
boundaries file (GeoJSON in longitude and latitude) gives shapes: a feature whose code is an
authority's is its shape, and a county is the union of its districts (the ``lad23`` column).
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from events import DocumentError
from timeline.register import LocalAuthority
from timeline.tables_csv import data_file, read_rows

__all__ = [
    "POSITIONS_COLUMNS",
    "Boundaries",
    "Part",
    "Point",
    "Polygon",
    "Position",
    "area_and_centre",
    "clip",
    "packaged_positions",
    "polygons",
    "read_boundaries",
    "read_positions",
]

Point = tuple[float, float]  # longitude, latitude
Ring = list[Point]
Polygon = list[Ring]  # the outer ring, then its holes

POSITIONS_COLUMNS = ("ons_code", "name", "lat", "lon", "area_km2", "lad23", "part")
_PART = re.compile(r"(west|east) of (-?\d+(?:\.\d+)?)")
# ONS code properties are named for their geography and year: LAD23CD, CTYUA22CD, UTLA21CD.
_CODE_PROPERTY = re.compile(r"[A-Z]{2,6}\d{2}CD", re.IGNORECASE)

_KM_PER_DEGREE = 111.2  # of latitude, and of longitude at the equator


@attrs.frozen(kw_only=True)
class Part:
    """The side of a meridian an authority lies on, within districts it shares with another."""

    side: str  # "west" or "east"
    lon: float

    @classmethod
    def parse(cls, text: str) -> Part | None:
        """ "west of -1.91" as a part; an empty cell is none; anything else a ``ValueError``."""
        if not text.strip():
            return None
        found = _PART.fullmatch(text.strip())
        if found is None:
            raise ValueError(f"part {text!r} is not 'west of LON' or 'east of LON'")
        return cls(side=found[1], lon=float(found[2]))

    def __str__(self) -> str:
        return f"{self.side} of {self.lon:g}"

    def holds(self, point: Point) -> bool:
        """Whether ``point`` is on this side of the meridian."""
        return point[0] <= self.lon if self.side == "west" else point[0] >= self.lon


@attrs.frozen(kw_only=True)
class Position:
    """Where an authority is: the centre and area of the districts its area is made of."""

    code: str
    name: str
    lat: float
    lon: float
    area_km2: float
    lad23: tuple[str, ...]
    part: Part | None

    @classmethod
    def from_row(cls, row: Mapping[str, str]) -> Position:
        """A position from one row of ``positions.csv``."""
        return cls(
            code=row["ons_code"].strip(),
            name=row["name"].strip(),
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            area_km2=float(row["area_km2"]),
            lad23=tuple(c.strip() for c in row["lad23"].split(";") if c.strip()),
            part=Part.parse(row["part"]),
        )


def read_positions(path: str | Path) -> dict[str, Position]:
    """Positions by ONS code from a CSV of :data:`POSITIONS_COLUMNS`; ``DocumentError`` naming
    the file and line of a row that cannot be read."""
    found = {}
    for number, cells in read_rows(Path(path), POSITIONS_COLUMNS, "the positions"):
        try:
            if len(cells) != len(POSITIONS_COLUMNS):
                raise ValueError(f"{len(cells)} cells where {len(POSITIONS_COLUMNS)} expected")
            position = Position.from_row(dict(zip(POSITIONS_COLUMNS, cells, strict=True)))
        except ValueError as e:
            raise DocumentError(f"bad positions row: {e}", path=str(path), line=number) from e
        found[position.code] = position
    return found


@functools.cache
def packaged_positions() -> Mapping[str, Position]:
    """The positions packaged with the library, by ONS code."""
    with data_file("positions.csv") as path:
        return read_positions(path)


# -- geometry on longitude and latitude --------------------------------------------------------


def polygons(geometry: Mapping[str, Any]) -> list[Polygon]:
    """A GeoJSON Polygon or MultiPolygon as polygons; ``ValueError`` for anything else."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    raw: Any
    if kind == "Polygon":
        raw = [coordinates]
    elif kind == "MultiPolygon":
        raw = coordinates
    else:
        raise ValueError(f"a {kind} geometry has no area")
    try:
        return [[[(float(p[0]), float(p[1])) for p in ring] for ring in poly] for poly in raw]
    except (TypeError, IndexError) as e:
        raise ValueError(f"a {kind}'s coordinates are not lists of [lon, lat] ({e})") from e


def _crossing(a: Point, b: Point, lon: float) -> Point:
    t = (lon - a[0]) / (b[0] - a[0])
    return (lon, a[1] + t * (b[1] - a[1]))


def _clip_ring(ring: Ring, part: Part) -> Ring:
    """Sutherland-Hodgman against one meridian: a half-plane is convex, so a ring stays one."""
    out: Ring = []
    for previous, current in zip([ring[-1], *ring[:-1]], ring, strict=True):
        if part.holds(current):
            if not part.holds(previous):
                out.append(_crossing(previous, current, part.lon))
            out.append(current)
        elif part.holds(previous):
            out.append(_crossing(previous, current, part.lon))
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def clip(shapes: Iterable[Polygon], part: Part) -> list[Polygon]:
    """The parts of ``shapes`` on one side of a meridian (holes clipped with their polygon)."""
    kept = []
    for polygon in shapes:
        rings = [_clip_ring(ring, part) for ring in polygon]
        if len(rings[0]) >= 4:
            kept.append([rings[0], *(r for r in rings[1:] if len(r) >= 4)])
    return kept


def area_and_centre(shapes: Sequence[Polygon]) -> tuple[float, float, float]:
    """Area in km² and the area-weighted centre (lat, lon) of polygons, holes subtracted.

    Worked on a plane true to scale at the shapes' middle latitude: over an authority the
    error is far below what a map shows.
    """
    points = [p for polygon in shapes for ring in polygon for p in ring]
    if not points:
        raise ValueError("no area to measure")
    middle = (min(p[1] for p in points) + max(p[1] for p in points)) / 2
    kx, ky = _KM_PER_DEGREE * math.cos(math.radians(middle)), _KM_PER_DEGREE
    total = sx = sy = 0.0
    for polygon in shapes:
        for n, ring in enumerate(polygon):
            area = cx = cy = 0.0
            for (x0, y0), (x1, y1) in itertools.pairwise(ring):
                cross = x0 * kx * y1 * ky - x1 * kx * y0 * ky
                area += cross
                cx += (x0 + x1) * kx * cross
                cy += (y0 + y1) * ky * cross
            if area == 0:
                continue
            # A ring's centre does not depend on its winding; its weight's sign is its role.
            weight = abs(area) / 2 * (1 if n == 0 else -1)
            total += weight
            sx += weight * cx / (3 * area)
            sy += weight * cy / (3 * area)
    if total <= 0:
        raise ValueError("the shapes enclose no area")
    return total, sy / total / ky, sx / total / kx


# -- a boundaries file --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Boundaries:
    """Authorities' shapes (longitude and latitude) read from a boundaries file, by ONS code."""

    path: str
    code_property: str
    shapes: Mapping[str, tuple[Polygon, ...]]


def _load_features(path: Path) -> list[Mapping[str, Any]]:
    hint = "pass a GeoJSON FeatureCollection of boundaries in longitude and latitude"
    try:
        data = json.loads(path.read_bytes())
    except OSError as e:
        raise DocumentError(
            f"cannot read the boundaries file: {e.strerror}", path=str(path), hint=hint
        ) from e
    except (UnicodeDecodeError, ValueError) as e:
        raise DocumentError(
            f"the boundaries file is not GeoJSON ({e})", path=str(path), hint=hint
        ) from e
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or not features:
        raise DocumentError(
            "the boundaries file has no features (not a GeoJSON FeatureCollection)",
            path=str(path),
            hint=hint,
        )
    if not all(isinstance(f, dict) and isinstance(f.get("properties"), dict) for f in features):
        raise DocumentError(
            "a feature of the boundaries file has no properties", path=str(path), hint=hint
        )
    return features


def _code_property(features: Sequence[Mapping[str, Any]], named: str | None, path: Path) -> str:
    if named is not None:
        if any(named in f["properties"] for f in features):
            return named
        raise DocumentError(
            f"no feature of the boundaries file has the property {named!r}",
            path=str(path),
            hint=f"its properties: {', '.join(sorted(features[0]['properties']))}",
        )
    for key in features[0]["properties"]:
        if _CODE_PROPERTY.fullmatch(key):
            return str(key)
    raise DocumentError(
        "cannot tell which property of the boundaries file holds ONS codes",
        path=str(path),
        hint="name it with --boundaries-code (LAD23CD in the ONS district boundaries)",
    )


def read_boundaries(
    path: str | Path,
    authorities: Iterable[LocalAuthority],
    positions: Mapping[str, Position],
    *,
    code_property: str | None = None,
) -> Boundaries:
    """Each authority's shape from a GeoJSON file of ONS areas in longitude and latitude.

    A feature whose code (``code_property``, by default the first property named like
    ``LAD23CD``) is the authority's ONS code, current or former, is its shape; otherwise its
    shape is the union of the districts its position lists, cut at a meridian where its
    position says so. Authorities the file cannot draw are left out (the map shows them at
    their positions). Raises ``DocumentError`` naming the file when it cannot be read, is not
    GeoJSON in longitude and latitude, or draws no authority at all.
    """
    path = Path(path)
    features = _load_features(path)
    prop = _code_property(features, code_property, path)
    by_code: dict[str, list[Polygon]] = defaultdict(list)
    for number, feature in enumerate(features):
        code = feature["properties"].get(prop)
        if not isinstance(code, str) or not isinstance(feature.get("geometry"), dict):
            continue
        try:
            found = polygons(feature["geometry"])
        except ValueError as e:
            raise DocumentError(
                f"feature {number} ({code}) of the boundaries file: {e}", path=str(path)
            ) from e
        if any(not (-180 <= x <= 180 and -90 <= y <= 90) for x, y in found[0][0][:1]):
            raise DocumentError(
                f"the boundaries file's coordinates are not longitude and latitude ({code})",
                path=str(path),
                hint="export it in WGS84 (EPSG:4326), not British National Grid",
            )
        by_code[code.strip().upper()].extend(found)
    shapes: dict[str, tuple[Polygon, ...]] = {}
    for authority in authorities:
        own = [c for c in (authority.ons_code, *authority.former_ons_codes) if c in by_code]
        position = positions.get(authority.ons_code)
        if own:
            shapes[authority.ons_code] = tuple(by_code[own[0]])
        elif position is not None and position.lad23 and all(c in by_code for c in position.lad23):
            united = [p for c in position.lad23 for p in by_code[c]]
            shapes[authority.ons_code] = tuple(
                united if position.part is None else clip(united, position.part)
            )
    if not shapes:
        raise DocumentError(
            f"no feature's {prop} is the ONS code of an English local authority or district",
            path=str(path),
            hint="pass boundaries of English local authority districts (LAD23CD E06..., E07...)",
        )
    return Boundaries(path=str(path), code_property=prop, shapes=shapes)
