"""The theatre map: land, ADIZ lines, disputed features and placed incidents.

Drawn offline with Altair: the basemap is an inline GeoJSON FeatureCollection,
every other layer reads one table, so the spec names no address to fetch. The
projection is fitted to a fixed box (VIEW_BOX), not to the data, so the map
frames the same theatre whatever the filters leave on it.

NOTE: Streamlit turns the chart into a spec on every rerun (Altair validates it
then): the map keeps to few layers over one table, and places, sizes and weighs
its labels with per-row expressions rather than a layer per style.
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import pandas as pd

from jkdefense.render import theme

# West, south, east, north: from the Chinese coast to Hokkaido, Taiwan to Sakhalin.
VIEW_BOX = (118.0, 23.5, 147.0, 47.0)
SEA, LAND, COAST = "#eef3f7", "#ebe8e1", "#a8a398"
INK, SEA_INK, COUNTRY_INK = theme.TEXT_COLOR, "#4f6f89", "#8a857a"
# Who a line or a point belongs to: a country's ADIZ, or an incident's actor.
COUNTRY_LABELS = {
    "CN": "China",
    "RU": "Russia",
    "KP": "North Korea",
    "KR": "South Korea",
    "JP": "Japan",
    "other": "Japan–ROK dispute",
}
COLOR_TITLE = ["Country", "(ADIZ line, incident actor)"]
LINE_STATUS = {
    "published": "published points",
    "derived": "published points, order derived",
    "approximate": "approximate: a point is an unverified reading",
}
LINE_DASH = {"published": [1, 0], "derived": [7, 4], "approximate": [2, 3]}
POSITION_TYPES = {"reported": "reported", "approximate": "approximate (derived)"}
# A ring (the inner circle wound the other way leaves a hole): approximate positions.
RING = (
    "M-1,0A1,1,0,1,1,1,0A1,1,0,1,1,-1,0Z"
    "M-0.6,0A0.6,0.6,0,1,0,0.6,0A0.6,0.6,0,1,0,-0.6,0Z"
)
# A label's side of its point: text alignment and offset in pixels.
ALIGN = "{'left': 'right', 'right': 'left'}[datum.label_side] || 'center'"
DX = "{'left': -9, 'right': 9}[datum.label_side] || 0"
# A label of several lines (a '\n' in its text) moves off its point by a line
# more for each line after the first, so it never covers the point or the label
# beside it.
DY = (
    "{'above': -13 - 16 * (datum.lines - 1), 'below': 13 + 16 * (datum.lines - 1)}"
    "[datum.label_side] || 0"
)


def _fit_box() -> dict[str, Any]:
    """The view's corners, to fit the projection to (points: no arcs to bow)."""
    west, south, east, north = VIEW_BOX
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {
            "type": "MultiPoint",
            "coordinates": [[west, south], [east, north]],
        },
    }


def _scale(codes: list[str]) -> alt.Scale:
    """Country colours (theme) for the codes present, in a fixed order."""
    order = [code for code in COUNTRY_LABELS if code in set(codes)]
    return alt.Scale(
        domain=[COUNTRY_LABELS[c] for c in order],
        range=[theme.COUNTRY_COLORS[c] for c in order],
    )


def _label_rows(
    zones: pd.DataFrame, features: pd.DataFrame, positions: pd.DataFrame, small: bool
) -> list[dict[str, Any]]:
    """Every label: its text, point, side, ink, size, weight and style."""
    label = {"layer": "label", "weight": "normal", "style": "normal", "lines": 1}
    rows = [
        {
            **label,
            "text": zone["zone_name" if small else "label_text"],
            "lon": float(zone["label_lon"]),
            "lat": float(zone["label_lat"]),
            "label_side": "center",
            "ink": theme.COUNTRY_COLORS[zone["country_code"]],
            "font_size": 11 if small else 13,
            "weight": "bold",
        }
        for zone in zones.drop_duplicates("zone_id").to_dict("records")
    ]
    kinds = ["disputed"] if small else ["disputed", "sea", "country"]
    inks = {"disputed": INK, "sea": SEA_INK, "country": COUNTRY_INK}
    rows += [
        {
            **label,
            "text": feature["feature_name"],
            "lon": feature["lon"],
            "lat": feature["lat"],
            "label_side": feature["label_side"],
            "ink": inks[feature["kind"]],
            "font_size": (10 if small else 12) if feature["kind"] == "disputed" else 13,
            "weight": "bold" if feature["kind"] == "country" else "normal",
            "style": "italic" if feature["kind"] == "sea" else "normal",
        }
        for feature in features.to_dict("records")
        if feature["kind"] in kinds
    ]
    if not small:
        rows += [
            {
                **label,
                "text": placed["position_label"],
                "lon": placed["lon"],
                "lat": placed["lat"],
                "label_side": placed["label_side"],
                "ink": INK,
                "font_size": 12,
                "lines": placed["position_label"].count("\n") + 1,
            }
            for placed in positions.to_dict("records")
        ]
    return rows


def _table(
    zones: pd.DataFrame, features: pd.DataFrame, positions: pd.DataFrame, small: bool
) -> pd.DataFrame:
    """One table for every layer but the land, told apart by ``layer``.

    Only the fields the layers read: addresses stay in the shipped files and
    the README, so a chart spec names none.

    NOTE: built row by row, not with pandas: joining four small tables of
    different columns in pandas took longer than building the rest of the map.
    """
    lines = [
        {
            "layer": "zone",
            "lon": zone["lon"],
            "lat": zone["lat"],
            "who": COUNTRY_LABELS[zone["country_code"]],
            "line": LINE_STATUS[zone["status"]],
            "segment": f"{zone['zone_id']}-{zone['part']}",
            "point_order": zone["point_order"],
            "zone_name": zone["zone_name"],
            "note": zone["note"],
        }
        for zone in zones.to_dict("records")
    ]
    disputed = [
        {
            "layer": "feature",
            "lon": feature["lon"],
            "lat": feature["lat"],
            "feature_name": feature["feature_name"],
            "names_note": feature["names_note"],
        }
        for feature in features.to_dict("records")
        if feature["kind"] == "disputed"
    ]
    placed = [
        {
            "layer": "incident",
            "lon": incident["lon"],
            "lat": incident["lat"],
            "who": COUNTRY_LABELS[incident["actor_code"]],
            "position": POSITION_TYPES[incident["position_type"]],
            "incident_date": incident["incident_date"],
            "incident_name": incident["incident_name"],
            "position_note": incident["position_note"],
            "account": incident.get("account_line", ""),
        }
        for incident in positions.to_dict("records")
    ]
    labels = _label_rows(zones, features, positions, small)
    return pd.DataFrame.from_records([*lines, *disputed, *placed, *labels])


def _line_layer(statuses: list[str], color: alt.Color, small: bool) -> alt.Chart:
    """ADIZ lines: solid where published, dashed or dotted where not."""
    return (
        alt.Chart()
        .transform_filter(alt.datum.layer == "zone")
        .mark_line(strokeWidth=1.8 if small else 2.4)
        .encode(
            longitude=alt.Longitude("lon:Q"),
            latitude=alt.Latitude("lat:Q"),
            detail=alt.Detail("segment:N"),
            order=alt.Order("point_order:Q"),
            color=color,
            strokeDash=alt.StrokeDash(
                "line:N",
                title="ADIZ line",
                scale=alt.Scale(
                    domain=[LINE_STATUS[s] for s in statuses],
                    range=[LINE_DASH[s] for s in statuses],
                ),
                legend=alt.Legend(labelLimit=300, symbolSize=500),
            ),
            tooltip=[
                alt.Tooltip("zone_name:N", title="Zone"),
                alt.Tooltip("line:N", title="Line"),
                alt.Tooltip("note:N", title="Note"),
            ],
        )
    )


def _point_layers(scale: alt.Scale, small: bool) -> list[alt.Chart]:
    """Disputed features (a neutral diamond) and incidents (dots by actor)."""
    features = (
        alt.Chart()
        .transform_filter(alt.datum.layer == "feature")
        .mark_point(
            shape="diamond",
            filled=True,
            size=60 if small else 80,
            color=INK,
            stroke="white",
            strokeWidth=0.8,
        )
        .encode(
            longitude=alt.Longitude("lon:Q"),
            latitude=alt.Latitude("lat:Q"),
            tooltip=[
                alt.Tooltip("feature_name:N", title="Feature"),
                alt.Tooltip("names_note:N", title="Names"),
            ],
        )
    )
    incidents = (
        alt.Chart()
        .transform_filter(alt.datum.layer == "incident")
        .mark_point(
            filled=True,
            size=120 if small else 220,
            opacity=1,
            stroke="white",
            strokeWidth=0.8,
        )
        .encode(
            longitude=alt.Longitude("lon:Q"),
            latitude=alt.Latitude("lat:Q"),
            # The colour legend is the lines' (one scale): no legend of its own.
            color=alt.Color("who:N", scale=scale, title=COLOR_TITLE),
            shape=alt.Shape(
                "position:N",
                title="Incident position",
                scale=alt.Scale(
                    domain=list(POSITION_TYPES.values()), range=["circle", RING]
                ),
                legend=alt.Legend(
                    symbolFillColor=INK, symbolStrokeColor=INK, symbolSize=180
                ),
            ),
            tooltip=[
                alt.Tooltip("incident_date:T", title="Date", format="%b %Y"),
                alt.Tooltip("incident_name:N", title="Incident"),
                alt.Tooltip("position:N", title="Position"),
                alt.Tooltip("position_note:N", title="Where"),
                alt.Tooltip("account:N", title="Whose account"),
            ],
        )
    )
    # The features on top: an incident at a feature (Dokdo) must not hide it.
    return [incidents, features]


def _label_layers() -> list[alt.Chart]:
    """Every label on a white halo, placed, sized and styled by its row."""
    base = (
        alt.Chart()
        .transform_filter(alt.datum.layer == "label")
        .encode(
            longitude=alt.Longitude("lon:Q"),
            latitude=alt.Latitude("lat:Q"),
            text=alt.Text("text:N"),
            size=alt.Size("font_size:Q", scale=None, legend=None),
        )
    )
    place = {
        "align": alt.expr(ALIGN),
        "dx": alt.expr(DX),
        "dy": alt.expr(DY),
        "baseline": "middle",
        "lineBreak": "\n",
        "fontWeight": alt.expr("datum.weight"),
        "fontStyle": alt.expr("datum.style"),
    }
    halo = base.mark_text(stroke="white", strokeWidth=3.5, strokeOpacity=0.9, **place)
    ink = base.mark_text(**place).encode(fill=alt.Fill("ink:N", scale=None))
    return [halo, ink]


def basemap_text(basemap: list[dict[str, Any]]) -> str:
    """The basemap's features as one GeoJSON FeatureCollection text (a few ms)."""
    collection = {"type": "FeatureCollection", "features": basemap}
    return json.dumps(collection, separators=(",", ":"))


def theatre_map_chart(
    positions: pd.DataFrame,
    *,
    zones: pd.DataFrame,
    basemap: list[dict[str, Any]],
    features: pd.DataFrame,
    title: str,
    subtitle: str,
    source: str,
    small: bool = False,
) -> alt.LayerChart:
    """The theatre map of the placed ``positions`` (incidents with lon/lat).

    ``positions`` carries ``lon``, ``lat``, ``actor_code`` (a COUNTRY_LABELS key),
    ``position_type`` (reported or approximate), ``position_label`` and
    ``label_side``; ``zones`` one row per ADIZ point (jkdefense.data.geo);
    ``features`` the labelled points; ``basemap`` GeoJSON features.
    """
    scale = _scale([*zones["country_code"], *positions["actor_code"]])
    color = alt.Color(
        "who:N",
        title=COLOR_TITLE,
        scale=scale,
        legend=alt.Legend(symbolType="circle", labelLimit=260),
    )
    statuses = [s for s in LINE_STATUS if s in set(zones["status"])]
    sea = alt.Chart(alt.sphere()).mark_geoshape(fill=SEA, stroke=None, clip=True)
    # NOTE: a FeatureCollection, not a list of features: Altair and Streamlit keep
    # it whole (Streamlit would turn a list into an Arrow table), and validate it
    # at a glance rather than value by value, at every rerun.
    # NOTE: as one JSON text, not nested lists: Altair copies a chart's data on
    # every .properties() or .project(), and copying 50,000 coordinates a time
    # cost 150 ms per new view (benchmarks/RESULTS.md); a string copies for free.
    inline = alt.InlineData(
        values=basemap_text(basemap),
        format=alt.DataFormat(type="json", property="features"),
    )
    land = alt.Chart(inline).mark_geoshape(
        fill=LAND, stroke=COAST, strokeWidth=0.6, clip=True
    )
    layers = [
        sea,
        land,
        _line_layer(statuses, color, small),
        *_point_layers(scale, small),
        *_label_layers(),
    ]
    # Everything given at once: .project() and .properties() would each copy
    # the chart and its seven layers (render.theme.titled). The finding is
    # printed above the map by its page and slide; what the map leaves out is
    # said in the caption beside it (the chart view's legend).
    return alt.layer(
        *layers,
        data=_table(zones, features, positions, small),
        projection=alt.Projection(type="mercator", fit=_fit_box()),
        title=theme.caption(subtitle, source),
        width="container",
        height=400 if small else 720,
    )
