"""Turn world-atlas's TopoJSON countries into SVG paths: `python worldmap/build_paths.py`.

Kept in the repository so the map's data can be rebuilt from its source. The projection is
equirectangular (longitude and latitude scaled alike): simple, and every country is where
readers expect it. Coordinates are rounded to whole units and written relative ("l"),
which keeps the map small enough to send inline.

world-atlas stitches shapes across the 180° meridian (Russia, Fiji): on a flat map each
such ring is cut there into one piece per side, or a line would cross the whole map.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent / "data"
WIDTH = 1000  # units for 360 degrees of longitude
SCALE = WIDTH / 360
TOP, BOTTOM = 84.0, -57.0  # latitudes kept (Antarctica left out)
LEFT_OUT = {"010"}  # Antarctica: no metropolitan government there


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


Point = tuple[float, float]


def unwrap(points: list[Point]) -> list[Point]:
    """Longitudes made continuous: a step never jumps more than 180°, so the ring may
    run past ±180 where it crosses the antimeridian."""
    out = [points[0]]
    for lon, lat in points[1:]:
        lon += 360 * round((out[-1][0] - lon) / 360)
        out.append((lon, lat))
    return out


def clip(points: list[Point], edge: float, keep_below: bool) -> list[Point]:
    """Sutherland-Hodgman: the ring's part west (or east) of the meridian `edge`."""
    inside = (lambda lon: lon <= edge) if keep_below else (lambda lon: lon >= edge)
    out: list[Point] = []
    for (lon1, lat1), (lon2, lat2) in zip(points, points[1:] + points[:1], strict=True):
        if inside(lon1) != inside(lon2):
            out.append((edge, lat1 + (lat2 - lat1) * (edge - lon1) / (lon2 - lon1)))
        if inside(lon2):
            out.append((lon2, lat2))
    return out


def split_at_antimeridian(points: list[Point]) -> list[list[Point]]:
    """The ring cut into pieces that each stay within -180..180°."""
    points = unwrap(points)
    turn = points[-1][0] - points[0][0]
    if abs(turn) > 180:  # a ring around a pole: close it along the pole's parallel
        pole = 90.0 if turn < 0 else -90.0
        points += [(points[-1][0], pole), (points[0][0], pole)]
    lons = [lon for lon, _lat in points]
    pieces = []
    for k in range(round(min(lons) / 360), round(max(lons) / 360) + 1):
        west, east = 360 * k - 180, 360 * k + 180
        piece = clip(clip(points, west, keep_below=False), east, keep_below=True)
        if len(piece) >= 3:
            pieces.append([(lon - 360 * k, lat) for lon, lat in piece])
    return pieces


def project(lon: float, lat: float) -> tuple[int, int]:
    """In whole units (a thousandth of the map's width): finer than a screen shows it."""
    return round((lon + 180) * SCALE), round((TOP - lat) * SCALE)


def path_of(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for points in rings:
        projected = [project(lon, lat) for lon, lat in points]
        steps, (x, y) = [], projected[0]
        for nx, ny in projected[1:]:
            if (nx, ny) != (x, y):
                steps.append(f"{fmt(nx - x)} {fmt(ny - y)}")
                x, y = nx, ny
        if len(steps) >= 2:
            start = projected[0]
            drawn = f"M{fmt(start[0])} {fmt(start[1])}l" + " ".join(steps) + "z"
            parts.append(drawn.replace(" -", "-"))  # SVG needs no space before a minus
    return "".join(parts)


def fmt(units: int) -> str:
    return str(units)


def build() -> dict:
    topology = json.loads((HERE / "countries-110m.json").read_text())
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        if numeric in LEFT_OUT or "arcs" not in geometry:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [
            piece
            for polygon in polygons
            for indexes in polygon
            for piece in split_at_antimeridian(ring(arcs, indexes))
        ]
        countries.append(
            {"numeric": numeric, "name": geometry["properties"]["name"], "d": path_of(rings)}
        )
    height = round((TOP - BOTTOM) * SCALE)
    return {"width": WIDTH, "height": height, "top": TOP, "scale": SCALE, "countries": countries}


if __name__ == "__main__":
    data = build()
    (HERE / "countries.json").write_text(json.dumps(data, separators=(",", ":")) + "\n")
    size = (HERE / "countries.json").stat().st_size
    print(f"{len(data['countries'])} countries, {size / 1024:.0f} KB")
