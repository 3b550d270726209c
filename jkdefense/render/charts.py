"""Altair chart builders: a tidy DataFrame in, a chart out (no I/O, no Streamlit)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from jkdefense.data import vocabulary
from jkdefense.render import theme

# NOTE: every channel is handed to Altair typed (alt.X, alt.Tooltip,
# alt.ColorValue), never as a shorthand string or a dict: Altair turns those
# into their channel class by hashing its whole schema, about 3 ms a channel
# on every chart built, a third of a page's rerun (benchmarks/RESULTS.md).


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
# A grid row's height: a grid of one row is one row high, not a stretched band.
ROW_PX = 40
# A grid's score legend: one line under the grid, whatever the grid's height.
GRID_LEGEND = alt.Legend(orient="bottom", direction="horizontal", gradientLength=180)
# Axis labels broken into lines at their spaces (a Vega expression).
WRAP_LABEL = "split(datum.label, ' ')"
# "Name (gloss)" drawn as two lines: the name, then the bracketed gloss.
GLOSS_ON_SECOND_LINE = "split(replace(datum.label, ' (', '|('), '|')"


def _tooltips(*fields: str | alt.Tooltip) -> list[alt.Tooltip]:
    """Tooltip channels, from shorthands ("field:type") or ready channels."""
    return [f if isinstance(f, alt.Tooltip) else alt.Tooltip(f) for f in fields]


def _label_color(dark_cell: str) -> alt.ColorValue:
    """Cell labels white where ``dark_cell`` (a Vega expression) holds, else black."""
    return alt.ColorValue("black", condition={"test": dark_cell, "value": "white"})


# NOTE: a layered chart takes its data once, at the layer, and its layers none:
# given to each layer, Altair checks the layers share it by printing the whole
# table once per layer, which cost half of building the incident timeline.


def _largest_first(frame: pd.DataFrame, label: str, value: str) -> list:
    """Labels by their total ``value``, largest first (ties in order of appearance)."""
    totals = frame.groupby(label, sort=False)[value].sum()
    return list(totals.sort_values(ascending=False, kind="stable").index)


def threat_matrix_chart(
    cells: pd.DataFrame, *, title: str, subtitle: str, source: str
) -> alt.Chart:
    """Actor × domain heatmap coloured by the highest analyst severity (1–5)."""
    base = alt.Chart().encode(
        x=alt.X(
            "domain_type:N",
            title="Domain",
            sort=list(vocabulary.DOMAINS),
            axis=alt.Axis(labelAngle=0),
        ),
        y=alt.Y("actor_name:N", title=None, sort="ascending"),
    )
    heat = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "severity_score:Q",
            title="Severity (1–5, analyst)",
            scale=alt.Scale(domain=[1, 5], scheme=theme.SCORE_SCHEME),
            legend=GRID_LEGEND,
        ),
        tooltip=_tooltips(
            "actor_name:N", "domain_type:N", "severity_score:Q", "threat_names:N"
        ),
    )
    labels = base.mark_text(fontSize=14, fontWeight="bold").encode(
        text=alt.Text("severity_score:Q"),
        color=_label_color("datum.severity_score >= 4"),
    )
    # A row per actor at a fixed height: one actor in view is one row high.
    height = ROW_PX * cells["actor_name"].nunique()
    return theme.titled(
        alt.layer(heat, labels, data=cells), title, subtitle, source, height=height
    )


def _count_axis() -> alt.Axis:
    """An axis of counts: whole numbers only (a wide export would tick 0.2s)."""
    return alt.Axis(format="d", tickMinStep=1)


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
        color=alt.Color("domain_type:N", title="Domain", scale=theme.domain_scale()),
        # One shape per event type, the same in every view and slide.
        shape=alt.Shape(
            "incident_type:N",
            title="Event type",
            scale=alt.Scale(
                domain=list(INCIDENT_SHAPES), range=list(INCIDENT_SHAPES.values())
            ),
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
        tooltip=_tooltips(
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


def score_heatmap(
    scores: pd.DataFrame,
    *,
    label_field: str,
    label_title: str,
    title: str,
    subtitle: str,
    source: str,
) -> alt.Chart:
    """Item × criterion grid of analyst scores 1–5 (long: label, criterion, score)."""
    order = list(dict.fromkeys(scores[label_field]))
    base = alt.Chart().encode(
        x=alt.X(
            "criterion_name:N",
            title=None,
            sort=list(dict.fromkeys(scores["criterion_name"])),
            # Long criterion names wrap at their spaces, so no two collide.
            axis=alt.Axis(labelAngle=0, orient="bottom", labelExpr=WRAP_LABEL),
        ),
        # The row labels name the items: an axis title would print over them.
        y=alt.Y(f"{label_field}:N", title=None, sort=order),
    )
    heat = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "score:Q",
            title="Score (1–5, analyst)",
            scale=alt.Scale(domain=[1, 5], scheme=theme.SCORE_SCHEME),
            legend=GRID_LEGEND,
        ),
        tooltip=_tooltips(
            f"{label_field}:N", "criterion_name:N", "score:Q", "rationale:N"
        ),
    )
    labels = base.mark_text(fontSize=13).encode(
        text=alt.Text("score:Q"),
        color=_label_color("datum.score >= 4"),
    )
    height = ROW_PX * len(order)  # one row in view is one row high
    return theme.titled(
        alt.layer(heat, labels, data=scores), title, subtitle, source, height=height
    )


def ranking_chart(
    contributions: pd.DataFrame, *, title: str, subtitle: str, source: str
) -> alt.Chart:
    """Weighted program scores as horizontal bars split by criterion, best on top."""
    order = _largest_first(contributions, "program_name", "contribution")
    criteria = list(dict.fromkeys(contributions["criterion_name"]))
    # Each criterion keeps its place in the stack, in the order the weights list.
    parts = contributions.assign(
        criterion_order=contributions["criterion_name"].map(criteria.index)
    )
    chart = (
        alt.Chart(parts)
        .mark_bar()
        .encode(
            x=alt.X(
                "contribution:Q",
                title="Weighted score (1–5)",
                scale=alt.Scale(domain=[0, 5]),
                axis=alt.Axis(values=[0, 1, 2, 3, 4, 5]),
                stack="zero",
            ),
            y=alt.Y("program_name:N", title=None, sort=order),
            color=alt.Color(
                "criterion_name:N",
                title="Criterion (analyst scores)",
                sort=criteria,
                scale=alt.Scale(
                    domain=criteria, range=theme.CRITERION_COLORS[: len(criteria)]
                ),
                legend=alt.Legend(orient="top", columns=2, labelLimit=400),
            ),
            order=alt.Order("criterion_order:Q"),
            tooltip=_tooltips(
                "program_name:N",
                "criterion_name:N",
                alt.Tooltip("score:Q", title="Score (1–5)"),
                alt.Tooltip("contribution:Q", title="Weighted part", format=".2f"),
            ),
        )
    )
    height = max(140, 30 * len(order))
    return theme.titled(chart, title, subtitle, source, height=height)


def rank_stability_chart(
    stability: pd.DataFrame, *, title: str, subtitle: str, source: str
) -> alt.Chart:
    """Rank range of each program when the weights move: best to worst rank."""
    order = list(stability["program_name"])
    base = alt.Chart().encode(y=alt.Y("program_name:N", title=None, sort=order))
    ranks = max(len(order), 1)
    span = base.mark_rule(strokeWidth=6, color=theme.SCORE_LIGHT).encode(
        x=alt.X(
            "rank_min:Q",
            title="Rank (1 = best)",
            # Whole ranks only, and no "nice" stretch of the axis to 0 and past
            # the last rank.
            scale=alt.Scale(domain=[0.5, ranks + 0.5], nice=False),
            axis=alt.Axis(values=list(range(1, ranks + 1)), format="d"),
        ),
        x2=alt.X2("rank_max:Q"),
    )
    point = base.mark_point(filled=True, size=120, color=theme.SCORE_COLOR).encode(
        x=alt.X("rank:Q"),
        tooltip=_tooltips(
            "program_name:N",
            "rank:Q",
            "rank_min:Q",
            "rank_max:Q",
            alt.Tooltip("share_same_rank:Q", format=".0%", title="Draws at this rank"),
        ),
    )
    height = max(120, 28 * len(order))
    return theme.titled(
        alt.layer(span, point, data=stability), title, subtitle, source, height=height
    )


def pairing_matrix_chart(
    matrix: pd.DataFrame, *, title: str, subtitle: str, source: str
) -> alt.Chart:
    """Korean × Japanese companies, coloured by the best pairing score in view."""
    base = alt.Chart().encode(
        x=alt.X(
            "jp_company_name:N",
            title="Korean company (row) × Japanese company (column)",
            axis=alt.Axis(labelAngle=0, orient="bottom", labelExpr=WRAP_LABEL),
        ),
        # The row labels name the companies: an axis title would print over them.
        y=alt.Y("kr_company_name:N", title=None),
    )
    heat = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "pairing_score:Q",
            title="Pairing score (1–5)",
            scale=alt.Scale(domain=[1, 5], scheme=theme.SCORE_SCHEME),
            legend=GRID_LEGEND,
        ),
        tooltip=_tooltips(
            "kr_company_name:N",
            "jp_company_name:N",
            alt.Tooltip("pairing_score:Q", format=".2f"),
            "domains:N",
        ),
    )
    labels = base.mark_text(fontSize=13).encode(
        text=alt.Text("pairing_score:Q", format=".1f"),
        color=_label_color("datum.pairing_score >= 3.5"),
    )
    height = ROW_PX * matrix["kr_company_name"].nunique()
    return theme.titled(
        alt.layer(heat, labels, data=matrix), title, subtitle, source, height=height
    )


def precedent_partner_chart(
    partners: pd.DataFrame, *, title: str, subtitle: str, source: str
) -> alt.Chart:
    """Which countries took part in which precedent (long table: one row per pair)."""
    order = list(dict.fromkeys(partners["precedent_name"]))
    chart = (
        alt.Chart(partners)
        .mark_square(size=420)
        .encode(
            x=alt.X(
                "country_name:N",
                title=None,
                # Every country named, each up its own column: turned labels never
                # overlap, and none is dropped for lack of room.
                axis=alt.Axis(
                    labelAngle=-90, orient="top", labelOverlap=False, labelLimit=140
                ),
            ),
            # A long name puts its bracketed gloss on a second line, so no
            # precedent is cut short in the room.
            y=alt.Y(
                "precedent_name:N",
                title=None,
                sort=order,
                axis=alt.Axis(labelExpr=GLOSS_ON_SECOND_LINE, labelLimit=400),
            ),
            color=alt.Color(
                "domain_type:N", title="Domain", scale=theme.domain_scale()
            ),
            tooltip=_tooltips("precedent_name:N", "country_name:N", "start_year:Q"),
        )
    )
    height = 46 * len(order)
    return theme.titled(chart, title, subtitle, source, height=height)


def mention_chart(
    counts: pd.DataFrame, *, title: str, subtitle: str, source: str
) -> alt.Chart:
    """Entities by number of mentions, one bar segment per article.

    Articles are told apart by their label (the source id), never by title
    alone: two statements may carry the same title. The tooltip gives both.
    """
    order = _largest_first(counts, "entity_name", "mention_count")
    chart = (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X("mention_count:Q", title="Mentions", axis=_count_axis()),
            y=alt.Y("entity_name:N", title=None, sort=order),
            # Below the bars, one a line and whole: a cut id could read as another.
            color=alt.Color(
                "article_label:N",
                title="Article",
                legend=alt.Legend(orient="bottom", columns=1, labelLimit=0),
            ),
            tooltip=_tooltips(
                "entity_name:N",
                "entity_table:N",
                alt.Tooltip("article_label:N", title="Article"),
                alt.Tooltip("source_title:N", title="Title"),
                "mention_count:Q",
            ),
        )
    )
    return theme.titled(
        chart, title, subtitle, source, height=max(120, 18 * len(order))
    )


def verdict_chart(
    claims: pd.DataFrame, *, title: str, subtitle: str, source: str
) -> alt.Chart:
    """Number of checked claims per verdict."""
    order = ["supported", "partly_supported", "outdated", "unsupported", "wrong"]
    colors = ["#01665e", "#80cdc1", "#dfc27d", "#cccccc", "#8c510a"]  # BrBG: CB-safe
    chart = (
        alt.Chart(claims)
        .mark_bar()
        .encode(
            x=alt.X("count():Q", title="Claims", axis=_count_axis()),
            y=alt.Y(
                "verdict_type:N",
                title=None,
                sort=order,
                # Labels in words ("partly supported"); the data keeps the vocabulary.
                axis=alt.Axis(labelExpr="replace(datum.label, '_', ' ')"),
            ),
            color=alt.Color(
                "verdict_type:N",
                legend=None,
                scale=alt.Scale(domain=order, range=colors),
            ),
            tooltip=_tooltips("verdict_type:N", "count():Q"),
        )
    )
    return theme.titled(chart, title, subtitle, source, height=180)


def coverage_chart(
    coverage: pd.DataFrame, *, title: str, subtitle: str, source: str
) -> alt.Chart:
    """Rows per domain in each table in view, coloured by domain."""
    chart = (
        alt.Chart(coverage)
        .mark_bar()
        .encode(
            x=alt.X("row_count:Q", title="Rows in view", axis=_count_axis()),
            y=alt.Y("table_name:N", title=None),
            color=alt.Color(
                "domain_type:N",
                title="Domain",
                scale=theme.domain_scale(),
                sort=list(vocabulary.DOMAINS),
            ),
            order=alt.Order("domain_type:N"),
            tooltip=_tooltips("table_name:N", "domain_type:N", "row_count:Q"),
        )
    )
    return theme.titled(chart, title, subtitle, source, height=200)


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
        tooltip=_tooltips(
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
