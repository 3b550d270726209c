"""The theatre map's marks over its one table: ADIZ lines, points and labels.

NOTE: each layer filters the shared table (jkdefense.render.map_table) by its
``layer`` field, and labels take their place, size and weight from per-row
expressions rather than a layer per style: Streamlit turns the chart into a
spec at every rerun (Altair validates it then), and few layers over one table
keep that quick.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from jkdefense.render.channels import legend_of_drawn
from jkdefense.render.map_table import INK, LINE_STATUS, POSITION_TYPES

# The colour legend's title: the lines and the incidents share one colour scale.
COLOR_TITLE = ["Country", "(ADIZ line, incident actor)"]
# How sure a line is, drawn: solid, dashed, dotted.
LINE_DASH = {"published": [1, 0], "derived": [7, 4], "approximate": [2, 3]}
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


def line_layer(statuses: list[str], color: alt.Color, small: bool) -> alt.Chart:
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


def point_layers(
    scale: alt.Scale, small: bool, positions: pd.DataFrame
) -> list[alt.Chart]:
    """Disputed features (a neutral diamond) and the ``positions`` (dots by actor)."""
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
                legend=legend_of_drawn(
                    list(POSITION_TYPES.values()),
                    positions["position_type"].map(POSITION_TYPES),
                    symbolFillColor=INK,
                    symbolStrokeColor=INK,
                    symbolSize=180,
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


def label_layers() -> list[alt.Chart]:
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
