"""The theatre map: shipped files, published boundary points, filters, exports.

The expected coordinates are typed here from the sources data/geo/ cites
(decimal degrees of the printed DMS), so moving a point in data/geo/ fails.
"""

import importlib.util
import json
import re

import pandas as pd
import pytest

from jkdefense.analysis import filters
from jkdefense.data import geo
from jkdefense.render import draw, export, map_table, maps
from jkdefense.report import theatre, threats
from tests.conftest import ROOT

GEO = ROOT / "data" / "geo"
LABELS = {"subtitle": "Filters: all domains", "source": "Source: Yoon, The Diplomat."}
ACTORS = ["CN", "RU", "KP"]

# (lat, lon): PRC MND, 23 Nov 2013 (geo-facts §1a).
CADIZ = [
    (33.183333, 121.783333),
    (33.183333, 125.0),
    (31.0, 128.333333),
    (25.633333, 125.0),
    (24.75, 123.0),
    (26.733333, 120.966667),
]
# NewDaily's points in the derived ring order a b d i h g f e c, closed at a
# (geo-facts §1b); f at 125°25'E, the Incheon FIR reading.
KADIZ_RING = [
    ("a", 39.0, 123.5),
    ("b", 39.0, 133.0),
    ("d", 37.283333, 133.0),
    ("i", 34.283333, 128.866667),
    ("h", 32.5, 127.5),
    ("g", 32.5, 126.833333),
    ("f", 30.0, 125.416667),
    ("e", 30.0, 124.0),
    ("c", 37.0, 124.0),
    ("a", 39.0, 123.5),
]
DISPUTED = {
    # NGII, East islet 37°14'26.8"N 131°52'10.4"E.
    "Dokdo/Takeshima": (37.240778, 131.869556),
    # GSI's Digital Japan Basic Map, as tabulated by OPRF (Japan administers the
    # islands): Uotsuri-shima 25°44'N 123°28'E.
    "Senkaku/Diaoyu": (25.733333, 123.466667),
    # National Atlas of Korea (NGII): Ieodo Ocean Research Station 32°07'N 125°10'E.
    "Ieodo/Suyan Rock": (32.116667, 125.166667),
}


@pytest.fixture(scope="module")
def shipped() -> geo.Geo:
    return geo.read_geo(GEO)


def everything(package) -> filters.ViewFilters:
    return filters.ViewFilters(source_ids=package.source_ids)


def flat(pairs):
    """Points as one list of numbers, for pytest.approx (no nested tuples)."""
    return [value for pair in pairs for value in pair]


def points(zones, zone_id):
    rows = zones[zones["zone_id"] == zone_id].sort_values(["part", "point_order"])
    return [(lat, lon) for lat, lon in zip(rows["lat"], rows["lon"], strict=True)]


def table_of(spec):
    """The rows of every layer but the land (the basemap is a FeatureCollection)."""
    (table,) = [d for d in spec["datasets"].values() if isinstance(d, list)]
    return table


def test_the_basemap_is_the_shipped_natural_earth_clip(shipped):
    names = {f["properties"]["name"] for f in shipped.basemap}
    assert {"China", "Japan", "North Korea", "South Korea", "Russia", "Taiwan"} <= names
    assert {f["geometry"]["type"] for f in shipped.basemap} <= {
        "Polygon",
        "MultiPolygon",
    }
    assert (GEO / "basemap.geojson").stat().st_size < 100_000
    licence = (GEO / "LICENSE-world-atlas.txt").read_text(encoding="utf-8")
    assert "Copyright 2013-2019 Michael Bostock" in licence
    readme = (GEO / "README.md").read_text(encoding="utf-8")
    assert "npm pack world-atlas@2.0.2" in readme and "Natural Earth" in readme


def test_cadiz_is_the_six_published_points_as_an_open_line(shipped):
    assert flat(points(shipped.zones, "CADIZ")) == pytest.approx(flat(CADIZ), abs=1e-6)
    assert set(shipped.zones.loc[shipped.zones["zone_id"] == "CADIZ", "status"]) == {
        "published"
    }


def test_the_jadiz_is_whole_or_not_drawn(shipped, package):
    # Only 7 of its 30 outer points (and none of its inner line) were found at a
    # citable source: a fragment is not drawn as the zone, and the map says so.
    assert "JADIZ" not in set(shipped.zones["zone_id"])
    readme = (GEO / "README.md").read_text(encoding="utf-8")
    assert "JADIZ" in readme and "not drawn" in readme
    chart = theatre.map_chart(package.tables, everything(package), LABELS, ACTORS)
    assert "JADIZ not drawn" in chart.legend
    small = theatre.map_chart(
        package.tables, everything(package), LABELS, ACTORS, small=True
    )
    assert "JADIZ not drawn" in small.legend


def test_kadiz_ring_follows_the_derived_order(shipped):
    kadiz = shipped.zones[shipped.zones["zone_id"] == "KADIZ"].sort_values(
        ["part", "point_order"]
    )
    ring = []
    for _, row in kadiz.iterrows():
        point = (row["point_label"], row["lat"], row["lon"])
        if not ring or ring[-1][0] != point[0]:  # parts share their end points
            ring.append(point)
    assert [p[0] for p in ring] == [p[0] for p in KADIZ_RING]
    expected = flat(p[1:] for p in KADIZ_RING)
    assert flat(p[1:] for p in ring) == pytest.approx(expected, abs=1e-6)
    status = kadiz.groupby("part")["status"].first().to_dict()
    assert status == {1: "derived", 2: "approximate", 3: "derived"}
    approximate = kadiz[kadiz["status"] == "approximate"]
    assert "f" in set(approximate["point_label"])  # the unverified reading


def test_the_zone_file_is_what_its_script_writes():
    spec = importlib.util.spec_from_file_location("make_zones", GEO / "make_zones.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    shipped = json.loads((GEO / "zones.geojson").read_text(encoding="utf-8"))
    assert shipped["features"] == script.features()


def test_every_zone_line_names_its_source_and_status(shipped):
    for column in ("zone_name", "country_code", "status", "source_url", "note"):
        assert shipped.zones[column].astype(str).str.len().gt(0).all(), column
    assert set(shipped.zones["status"]) == {"published", "derived", "approximate"}
    assert set(shipped.zones["country_code"]) == {"CN", "KR"}


def test_every_position_is_a_known_incident(shipped, package):
    incidents = package.tables["incidents"].set_index("incident_id")
    accounts = package.tables["accounts"].set_index("account_id")
    positions = shipped.positions
    assert not positions.duplicated(["incident_id", "account_id"]).any()
    assert set(positions["incident_id"]) <= set(incidents.index)
    assert set(positions["position_type"]) <= {"reported", "approximate", "unplaced"}
    for _, row in positions.iterrows():
        codes = incidents.loc[row["incident_id"], "actor_country_codes"]
        assert not row["actor_country_code"] or row["actor_country_code"] in codes
        assert row["position_source_url"].startswith("http")
        if row["position_type"] == "unplaced":
            assert pd.isna(row["lat"]) and row["account_id"]
        if row["position_type"] == "approximate":
            assert "approx." in row["position_label"]
        if row["account_id"]:
            assert accounts.at[row["account_id"], "subject_id"] == row["incident_id"]
            assert accounts.at[row["account_id"], "aspect_type"] == "position"
    # The radar incident: neither government published a position, so the map
    # places neither account, and keeps each one's description of the place.
    radar = positions[positions["incident_id"] == "2018-12-radar-incident"]
    told = radar.set_index("account_id")
    assert set(told["position_type"]) == {"unplaced"}
    assert told["lat"].isna().all() and told["lon"].isna().all()
    assert (
        "Japan MOD account"
        in told.at["2018-12-radar-incident-jp-position", "position_label"]
    )
    assert (
        "ROK MND account"
        in told.at["2018-12-radar-incident-kr-position", "position_label"]
    )


def test_disputed_features_carry_both_names(shipped):
    disputed = shipped.features[shipped.features["kind"] == "disputed"]
    found = {
        row["feature_name"]: (row["lat"], row["lon"]) for _, row in disputed.iterrows()
    }
    assert found.keys() == DISPUTED.keys()
    for name, place in DISPUTED.items():
        assert found[name] == pytest.approx(place, abs=1e-6), name


def test_a_data_copy_without_the_map_folder_uses_the_shipped_one(tmp_path):
    assert geo.geo_dir(tmp_path) == GEO
    (tmp_path / "geo").mkdir()
    assert geo.geo_dir(tmp_path) == tmp_path / "geo"


def test_the_map_draws_the_shipped_layers(package, shipped):
    chart = theatre.map_chart(package.tables, everything(package), LABELS, ACTORS)
    spec = draw.figure(chart).to_dict()
    land = next(
        layer["data"]["name"]
        for layer in spec["layer"]
        if layer["mark"]["type"] == "geoshape" and "name" in layer["data"]
    )
    # The basemap travels as one JSON text (cheap to copy; see maps.basemap_text).
    assert json.loads(spec["datasets"][land])["features"] == shipped.basemap
    table = table_of(spec)
    zone_rows = [row for row in table if row["layer"] == "zone"]
    assert [(r["lat"], r["lon"]) for r in zone_rows] == list(
        zip(shipped.zones["lat"], shipped.zones["lon"], strict=True)
    )
    west, south, east, north = maps.VIEW_BOX
    assert spec["projection"]["fit"]["geometry"]["coordinates"] == [
        [west, south],
        [east, north],
    ]


def test_the_spec_names_no_address(package):
    chart = theatre.map_chart(package.tables, everything(package), LABELS, ACTORS)
    spec = draw.figure(chart).to_dict()
    spec.pop("$schema")  # an identifier of the Vega-Lite version, never fetched
    text = json.dumps(spec)
    assert not re.search(r"https?://", text)
    assert '"url"' not in text


def test_the_map_places_the_incidents_with_a_position(package):
    chart = theatre.map_chart(package.tables, everything(package), LABELS, ACTORS)
    assert chart.key == "threats_map" and chart.kind == "maps.theatre_map_chart"
    placed = chart.data
    assert set(placed["incident_id"]) == {
        "2019-07-joint-air-patrol",
        "2024-08-y9-airspace-violation",
        "2024-09-il38-airspace-violation",
    }
    single = placed.set_index("incident_id")
    assert single.loc["2019-07-joint-air-patrol", "actor_code"] == "RU"  # the A-50
    assert single.loc["2024-08-y9-airspace-violation", "actor_code"] == "CN"
    total = len(package.tables["incidents"])
    assert chart.title == (
        "3 incidents placed against the Korean and Chinese ADIZ lines, "
        "by actor: Russia 2, China 1"
    )
    note = chart.legend
    assert f"Not placed: {total - 3} incidents" in note
    # The radar dispute: each government's description, labelled, and no point.
    assert "Japan MOD account: off the Noto Peninsula" in note
    assert "ROK MND account: international waters" in note


def test_the_map_follows_domain_actor_and_period(package):
    t, every = package.tables, everything(package)
    no_air = filters.ViewFilters(domains=("sea",), source_ids=package.source_ids)
    sea = theatre.map_chart(t, no_air, LABELS, ACTORS)
    assert sea.data.empty  # the radar dispute has no published position
    assert "ROK MND account" in sea.legend
    assert sea.title.startswith("No incident in view has a published position")
    china_only = theatre.map_chart(t, every, LABELS, ["CN"]).data
    assert "2024-09-il38-airspace-violation" not in set(china_only["incident_id"])
    assert "2024-08-y9-airspace-violation" in set(china_only["incident_id"])
    period = filters.ViewFilters(source_ids=package.source_ids, period=(2024, 2024))
    assert set(theatre.map_chart(t, period, LABELS, ACTORS).data["incident_id"]) == {
        "2024-08-y9-airspace-violation",
        "2024-09-il38-airspace-violation",
    }
    japan = filters.ViewFilters(focus="KR", source_ids=package.source_ids)
    focus = theatre.map_chart(t, japan, LABELS, ACTORS).data
    assert "2024-09-il38-airspace-violation" not in set(focus["incident_id"])


def test_a_view_without_incidents_still_draws_the_zones(package):
    none = filters.ViewFilters(source_ids=package.source_ids, period=(1990, 1990))
    chart = theatre.map_chart(package.tables, none, LABELS, ACTORS)
    assert chart.data.empty
    assert chart.title.startswith("No incident in view has a published position")
    table = table_of(draw.figure(chart).to_dict())
    assert {row["layer"] for row in table} == {"zone", "feature", "label"}


def _position_legend(chart) -> dict | None:
    spec = draw.figure(chart).to_dict()
    return next(
        layer["encoding"]["shape"]["legend"]
        for layer in spec["layer"]
        if layer.get("encoding", {}).get("shape", {}).get("field") == "position"
    )


def test_the_position_legend_names_only_the_kinds_of_position_drawn(package):
    every = everything(package)
    drawn = theatre.map_chart(package.tables, every, LABELS, ACTORS)
    kinds = [
        map_table.POSITION_TYPES[kind]
        for kind in map_table.POSITION_TYPES
        if kind in set(drawn.data["position_type"])
    ]
    assert kinds  # the whole view places incidents
    assert _position_legend(drawn)["values"] == kinds
    sea = filters.ViewFilters(domains=("sea",), source_ids=package.source_ids)
    # No incident placed: no legend of kinds of position beside nothing.
    nothing_placed = theatre.map_chart(package.tables, sea, LABELS, ACTORS)
    assert _position_legend(nothing_placed) is None


def test_the_threats_page_draws_the_map_after_the_timeline(package):
    page = threats.build(package.tables, everything(package), LABELS, ACTORS)
    keys = [chart.key for chart in page.charts]
    assert keys[-2:] == ["threats_timeline", "threats_map"]


def test_svg_export_carries_the_labels(package):
    chart = theatre.map_chart(package.tables, everything(package), LABELS, ACTORS)
    svg = export.chart_svg(draw.figure(chart), chart.description, chart.title)
    for text in (
        chart.title,
        "Filters: all domains",
        "Source: ",
        "Dokdo/Takeshima",
        "Senkaku/Diaoyu",
        "Ieodo/Suyan Rock",
        "KADIZ (Korea, 2013)",
        "CADIZ (China, 2013)",
        "Japan MOD account: off the Noto Peninsula",
        "Jul 2019 Russian A-50",
        "(Seoul's account; Moscow denies)",
        "ADIZ line",
        "approximate (derived)",
    ):
        assert text in svg, text


def test_png_export_is_drawn(package):
    from PIL import Image

    chart = theatre.map_chart(package.tables, everything(package), LABELS, ACTORS)
    png = export.chart_png(draw.figure(chart))
    image = Image.open(__import__("io").BytesIO(png))
    assert image.width >= 2 * (export.EXPORT_WIDTH - 220)


def test_the_small_map_keeps_the_zones_and_both_names(package):
    chart = theatre.map_chart(
        package.tables, everything(package), LABELS, ACTORS, small=True
    )
    assert chart.key == "overview_map"
    svg = export.chart_svg(draw.figure(chart))
    assert "Dokdo/Takeshima" in svg and "KADIZ (Korea, 2013)" in svg
    assert "Russian A-50" not in svg  # no incident labels on the small map
