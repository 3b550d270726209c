"""The theatre map: land, ADIZ lines, disputed features and placed incidents.

Drawn offline with Altair: the basemap is an inline GeoJSON FeatureCollection,
every other layer reads one table, so the spec names no address to fetch. The
projection is fitted to a fixed box (VIEW_BOX), not to the data, so the map
frames the same theatre whatever the filters leave on it.

This module puts the map together: sea, land, projection and caption. Its
table is jkdefense.render.map_table's; its lines, points and labels are
jkdefense.render.map_layers'.
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import pandas as pd

from jkdefense.render import map_layers, theme
from jkdefense.render.map_layers import COLOR_TITLE
from jkdefense.render.map_table import COUNTRY_LABELS, LINE_STATUS, layer_table

# West, south, east, north: from the Chinese coast to Hokkaido, Taiwan to Sakhalin.
VIEW_BOX = (118.0, 23.5, 147.0, 47.0)
SEA, LAND, COAST = "#eef3f7", "#ebe8e1", "#a8a398"


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
        land,
        map_layers.line_layer(statuses, color, small),
        *map_layers.point_layers(scale, small, positions),
        *map_layers.label_layers(),
    ]
    # Everything given at once: .project() and .properties() would each copy
    # the chart and its seven layers (render.theme.titled). The finding is
    # printed above the map by its page and slide; what the map leaves out is
    # said in the caption beside it (the chart view's legend).
    return alt.layer(
        *layers,
        data=layer_table(zones, features, positions, small),
        projection=alt.Projection(type="mercator", fit=_fit_box()),
        # NOTE: the sea is the plot's background, not the globe's outline
        # (alt.sphere()) clipped to it: drawn the same, but the outline, tens of
        # times the plot's size, took two thirds of drawing the map as a picture.
        view=alt.ViewBackground(fill=SEA),
        title=theme.caption(subtitle, source),
        width="container",
        height=400 if small else 720,
    )
