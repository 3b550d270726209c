"""Clip Natural Earth's 1:50m countries (world-atlas 2.0.2) to the theatre map's box.

The app never runs this: it reads the small clip it writes, ``basemap.geojson``.
It made that file with (from the project folder)::

    npm pack world-atlas@2.0.2          # world-atlas-2.0.2.tgz, npm shasum
                                        # 4bca4a578f3a413bd409c3f07f2054fe7375824f
    python -m venv /tmp/shvenv && /tmp/shvenv/bin/pip install shapely   # 2.2.0
    /tmp/shvenv/bin/python data/geo/make_basemap.py world-atlas-2.0.2.tgz

It needs the standard library and shapely only (shapely is not an app requirement:
install it in a throwaway venv as above). The steps: decode the TopoJSON object
``countries`` of ``countries-50m.json`` (a TopoJSON decoder of a few lines below),
repair each country with ``buffer(0)``, intersect it with the box, simplify it by
0.02° (about 2 km; the map shows about 0.04° a pixel), add a vertex every 0.5° so
that the box edges stay straight under any projection (d3-geo draws a long edge
as a great-circle arc, which bows a parallel), and round to 2 decimals (~1 km).

Natural Earth shows de facto control and, at 1:50m, neither Dokdo/Takeshima nor the
Senkaku/Diaoyu islands: the map draws them as its own labelled points
(``features.csv``), never through a country's fill.
"""

from __future__ import annotations

import argparse
import json
import tarfile
from pathlib import Path

from shapely.geometry import box, mapping, shape

# West, south, east, north in degrees: much larger than the map's view (118–147°E,
# 23.5–47°N), because the map fills the chart's width and height, so a wide screen
# or a wide export shows more land to the sides: no clip edge may show there.
BOX = (95.0, 15.0, 170.0, 55.0)
MEMBER = "package/countries-50m.json"
OUT = Path(__file__).resolve().parent / "basemap.geojson"


def _arc_points(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc as absolute lon/lat points (the quantized deltas decoded)."""
    scale = topology["transform"]["scale"]
    shift = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + shift[0], y * scale[1] + shift[1]))
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list) -> list[tuple[float, float]]:
    """A ring from arc indexes (a negative index ~i is arc i reversed)."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _geometry(geometry: dict, arcs: list) -> dict | None:
    """A TopoJSON Polygon or MultiPolygon as GeoJSON."""
    if geometry["type"] == "Polygon":
        rings = [_ring(r, arcs) for r in geometry["arcs"]]
        return {"type": "Polygon", "coordinates": rings}
    if geometry["type"] == "MultiPolygon":
        polygons = [[_ring(r, arcs) for r in p] for p in geometry["arcs"]]
        return {"type": "MultiPolygon", "coordinates": polygons}
    return None


def _rounded(value: object) -> object:
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def clip(topology: dict) -> dict:
    """The countries that reach into BOX, clipped to it, as a FeatureCollection."""
    import shapely

    arcs = _arc_points(topology)
    frame = box(*BOX)
    features = []
    for country in topology["objects"]["countries"]["geometries"]:
        geometry = _geometry(country, arcs)
        if geometry is None:
            continue
        clipped = shape(geometry).buffer(0).intersection(frame)
        if clipped.is_empty:
            continue
        clipped = clipped.simplify(0.02, preserve_topology=True)
        clipped = shapely.segmentize(clipped, 0.5)
        as_json = mapping(clipped)
        features.append(
            {
                "type": "Feature",
                "id": country.get("id"),
                "properties": {"name": country["properties"]["name"]},
                "geometry": {
                    "type": as_json["type"],
                    "coordinates": _rounded(as_json["coordinates"]),
                },
            }
        )
    features.sort(key=lambda f: f["properties"]["name"])
    return {
        "type": "FeatureCollection",
        "properties": {
            "source": "Natural Earth 1:50m admin-0 countries v4.1.0 (public domain), "
            "via the npm package world-atlas 2.0.2 (ISC)",
            "box_west_south_east_north": list(BOX),
            "made_by": "data/geo/make_basemap.py",
        },
        "features": features,
    }


def main() -> None:
    """Read the tarball, clip, write the GeoJSON and say what it holds."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("tarball", type=Path, help="world-atlas-2.0.2.tgz (npm pack)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with tarfile.open(args.tarball) as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{MEMBER} not found in {args.tarball}")
        topology = json.load(member)
    collection = clip(topology)
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    names = ", ".join(f["properties"]["name"] for f in collection["features"])
    print(f"{args.out}: {len(text):,} bytes, {len(collection['features'])} countries")
    print(names)


if __name__ == "__main__":
    main()
