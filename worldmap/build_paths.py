"""Turn world-atlas's TopoJSON countries into SVG paths: `python worldmap/build_paths.py`.

Kept in the repository so the map's data can be rebuilt from its source. The projection is
equirectangular (longitude and latitude scaled alike): simple, and every country is where
readers expect it. Coordinates are rounded to whole units and written relative ("l"),
which keeps the map small enough to send inline.
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
        rings = [ring(arcs, indexes) for polygon in polygons for indexes in polygon]
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
