"""Charts in time: dated events on one axis, labelled; proposals' states as bars."""

from __future__ import annotations

import altair as alt
import pandas as pd

from jkdefense.render import theme
from jkdefense.render.channels import domain_color, legend_of_drawn, tooltips

# Each event type's shape on the timeline, fixed whatever the filters leave.
INCIDENT_SHAPES = {
    "confrontation": "square",
    "incursion": "cross",
    "dispute": "triangle-up",
    "monitoring": "diamond",
    "agreement": "circle",
    "summit": "triangle-down",
    "settlement": "triangle-right",
}

UNCITED_EDGE = "#595959"  # 7:1 against white


# Layout of the incident timeline's labels, in CSS pixels: the narrowest plot it
# is laid out for (a slide, a 1280-pixel screen), a character's width at the
# label size, and the room a label keeps from its neighbour.
TIMELINE_WIDTH_PX, LABEL_CHAR_PX, LABEL_GAP_PX = 760.0, 6.6, 14.0
LANE_PX = 26


def timeline_lanes(events: pd.DataFrame) -> pd.DataFrame:
    """Each event with a lane and a side for its label, so no two labels overlap.

    Events are taken in date order; a label sits right of its point, or left
    of it near the end of the axis so it is not cut off, in the first lane
    where it meets no earlier label.
    """
    ordered = events.sort_values("incident_date", kind="stable").reset_index(drop=True)
    dates = ordered["incident_date"]
    span = max((dates.max() - dates.min()).total_seconds(), 1.0)
    lanes_end: list[float] = []
    lanes, sides = [], []
    column = "timeline_label" if "timeline_label" in ordered else "incident_short_name"
    for date, label in zip(dates, ordered[column], strict=True):
        x = (date - dates.min()).total_seconds() / span * TIMELINE_WIDTH_PX
        width = len(str(label)) * LABEL_CHAR_PX + LABEL_GAP_PX
        side = "right" if x + width <= TIMELINE_WIDTH_PX else "left"
        start, end = (x, x + width) if side == "right" else (x - width, x)
        lane = next((i for i, e in enumerate(lanes_end) if e < start), None)
        if lane is None:
            lanes_end.append(end)
            lane = len(lanes_end) - 1
        else:
            lanes_end[lane] = end
        lanes.append(lane)
        sides.append(side)
    return ordered.assign(lane=lanes, label_side=sides)


def incident_timeline_chart(
    incidents: pd.DataFrame, *, title: str, subtitle: str, source: str
) -> alt.LayerChart:
    """Dated events on one axis, each labelled; shape = type, colour = domain.

    Labels sit in lanes (timeline_lanes) so a screenshot can say which event
    is which; an event the article cites has a thick black edge.
    """
    if "timeline_label" not in incidents:
        incidents = incidents.assign(timeline_label=incidents["incident_short_name"])
    if "accounts_text" not in incidents:
        incidents = incidents.assign(accounts_text="")
    laid = timeline_lanes(incidents)
    base = alt.Chart().encode(
        x=alt.X(
            "incident_date:T",
            title=None,
            # One tick a year: at slide width Vega would add half-years.
            axis=alt.Axis(format="%Y", tickCount="year"),
            scale=alt.Scale(padding=24),
        ),
        y=alt.Y("lane:O", title=None, axis=None),
    )
    points = base.mark_point(size=200, filled=True, opacity=1).encode(
        color=domain_color(laid),
        # One shape per event type, the same in every view and slide.
        shape=alt.Shape(
            "incident_type:N",
            title="Event type",
            scale=alt.Scale(
                domain=list(INCIDENT_SHAPES), range=list(INCIDENT_SHAPES.values())
            ),
            legend=legend_of_drawn(list(INCIDENT_SHAPES), laid["incident_type"]),
        ),
        # A thin grey edge keeps the pale domains (air, multi) visible on a
        # white slide; the thick black one marks the events the article cites.
        stroke=alt.StrokeValue(
            UNCITED_EDGE,
            condition={"test": "datum.is_mentioned_in_article", "value": "black"},
        ),
        strokeWidth=alt.StrokeWidthValue(
            1, condition={"test": "datum.is_mentioned_in_article", "value": 2.5}
        ),
        tooltip=tooltips(
            alt.Tooltip("incident_date:T", format="%d %b %Y"),
            "incident_name:N",
            "incident_description:N",
            alt.Tooltip("accounts_text:N", title="Each government's account"),
        ),
    )
    text = {"fontSize": 11, "color": theme.TEXT_COLOR, "baseline": "middle"}
    right = base.transform_filter("datum.label_side == 'right'").mark_text(
        align="left", dx=9, **text
    )
    left = base.transform_filter("datum.label_side == 'left'").mark_text(
        align="right", dx=-9, **text
    )
    labels = [
        layer.encode(text=alt.Text("timeline_label:N")) for layer in (right, left)
    ]
    height = max(140, LANE_PX * (int(laid["lane"].max()) + 1))
    layered = alt.layer(points, *labels, data=laid)
    return theme.titled(layered, title, subtitle, source, height=height)


# Okabe–Ito shades from nothing (grey) to in force (greens, yellow while a
# termination notice is outstanding), halted and ended (orange, red).
STATE_COLORS = {
    "nothing in place": "#BBBBBB",
    "talks": "#56B4E9",
    "agreed": "#0072B2",
    "in force": "#009E73",
    "in force, termination notice pending": "#F0E442",
    "in force, termination notice suspended": "#9AD6BE",
    "halted": "#E69F00",
    "ended": "#D55E00",
}


def development_timeline_chart(
    segments: pd.DataFrame, *, title: str, subtitle: str, source: str
) -> alt.LayerChart:
    """Each proposal's state from the article to the latest source, as bars in time.

    The last stretch of each row carries today's state as a label; a stretch a
    contested change began carries every government's account in its tooltip,
    and its row's label says the accounts differ (``subject_label``).
    """
    if "subject_label" not in segments:
        segments = segments.assign(subject_label=segments["subject_name"])
    if "accounts_text" not in segments:
        segments = segments.assign(accounts_text="")
    order = list(dict.fromkeys(segments["subject_label"]))
    base = alt.Chart().encode(
        y=alt.Y(
            "subject_label:N", title=None, sort=order, axis=alt.Axis(labelLimit=380)
        )
    )
    states = [s for s in STATE_COLORS if s in set(segments["state_name"])]
    bars = base.mark_bar(height=16).encode(
        x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
        x2=alt.X2("end:T"),
        color=alt.Color(
            "state_name:N",
            title="State",
            scale=alt.Scale(domain=states, range=[STATE_COLORS[s] for s in states]),
            legend=alt.Legend(orient="bottom", columns=2, labelLimit=320),
        ),
        stroke=alt.StrokeValue("#666666"),
        strokeWidth=alt.StrokeWidthValue(0.5),
        tooltip=tooltips(
            alt.Tooltip("subject_name:N", title="Proposal or driver"),
            alt.Tooltip("state_name:N", title="State"),
            alt.Tooltip("start:T", title="From", format="%d %b %Y"),
            alt.Tooltip("end:T", title="To", format="%d %b %Y"),
            alt.Tooltip("accounts_text:N", title="Each government's account"),
        ),
    )
    now = (
        base.transform_filter("datum.is_current")
        .mark_text(align="left", dx=4, fontSize=12, color=theme.TEXT_COLOR)
        .encode(x=alt.X("end:T"), text=alt.Text("state_name:N"))
    )
    height = max(160, 26 * len(order))
    return theme.titled(
        alt.layer(bars, now, data=segments), title, subtitle, source, height=height
    )
