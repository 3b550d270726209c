"""Counts over the years, with the dates that matter marked on them (Altair)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from jkdefense.render import theme

ACTOR_NAMES = {"CN": "China", "RU": "Russia", "other": "Other"}
# Half the width of a fiscal year's bar, in years.
BAR_HALF_WIDTH = 0.4
# Pixels from the top of the plot of successive marker labels: staggered, so two
# turning points a few months apart never print over each other.
MARKER_LABEL_TOPS = (2, 20, 38, 56)
MARKER_INK = "#333333"


def scramble_chart(
    scrambles: pd.DataFrame,
    *,
    markers: list[tuple[float, str]],
    title: str,
    subtitle: str,
    source: str,
) -> alt.LayerChart:
    """JASDF scrambles per fiscal year, stacked by the aircraft's nationality.

    ``markers`` are (position on the fiscal-year axis, label): the article's
    date and the turning points of the relationship, each a dotted line.
    """
    actors = [actor for actor in ACTOR_NAMES if actor in set(scrambles["actor_code"])]
    names = [ACTOR_NAMES[actor] for actor in actors]
    years = sorted(int(year) for year in scrambles["fiscal_year"].unique())
    # Stacked here, China at the foot: bars that span a stretch of a continuous
    # axis (so the markers can fall between years) are not stacked by Vega-Lite.
    bars = (
        scrambles[scrambles["actor_code"].isin(actors)]
        .assign(actor_order=lambda frame: frame["actor_code"].map(actors.index))
        .sort_values(["fiscal_year", "actor_order"], kind="stable")
        .assign(
            actor_name=lambda frame: frame["actor_code"].map(ACTOR_NAMES),
            top=lambda frame: frame.groupby("fiscal_year")["scramble_count"].cumsum(),
            foot=lambda frame: frame["top"] - frame["scramble_count"],
            start=lambda frame: frame["fiscal_year"] - BAR_HALF_WIDTH,
            end=lambda frame: frame["fiscal_year"] + BAR_HALF_WIDTH,
        )
    )
    # Bars centred on their year; the markers fall between years, on one scale.
    axis = alt.X(
        "start:Q",
        title="Japanese fiscal year (April–March)",
        scale=alt.Scale(domain=[years[0] - 0.6, years[-1] + 0.6], nice=False),
        axis=alt.Axis(values=years, format="d", labelAngle=0, grid=False),
    )
    stacked = (
        alt.Chart(bars)
        .mark_bar()
        .encode(
            x=axis,
            x2=alt.X2("end:Q"),
            y=alt.Y("foot:Q", title="Scrambles per fiscal year"),
            y2=alt.Y2("top:Q"),
            color=alt.Color(
                "actor_name:N",
                title=None,
                sort=names,
                scale=alt.Scale(
                    domain=names, range=[theme.COUNTRY_COLORS[a] for a in actors]
                ),
                legend=alt.Legend(orient="top", direction="horizontal"),
            ),
            tooltip=[
                alt.Tooltip("fiscal_year:Q", title="Fiscal year", format="d"),
                alt.Tooltip("actor_name:N", title="Aircraft"),
                alt.Tooltip("scramble_count:Q", title="Scrambles", format=","),
            ],
        )
    )
    marked = pd.DataFrame(
        {
            "position": [position for position, _ in markers],
            "label": [label for _, label in markers],
            "label_top": [
                MARKER_LABEL_TOPS[i % len(MARKER_LABEL_TOPS)]
                for i in range(len(markers))
            ],
        }
    )
    lines = (
        alt.Chart(marked)
        .mark_rule(strokeDash=[2, 3], color=MARKER_INK, strokeWidth=1.2)
        .encode(x=alt.X("position:Q"))
    )
    # A white halo under each label keeps it legible where it crosses a bar.
    text = {"align": "left", "baseline": "top", "dx": 4, "fontSize": 12}
    label_at = {
        "x": alt.X("position:Q"),
        "y": alt.Y("label_top:Q", scale=None),
        "text": alt.Text("label:N"),
    }
    halo = (
        alt.Chart(marked)
        .mark_text(stroke="white", strokeWidth=4, strokeOpacity=0.85, **text)
        .encode(**label_at)
    )
    ink = alt.Chart(marked).mark_text(color=theme.TEXT_COLOR, **text).encode(**label_at)
    chart = alt.layer(stacked, lines, halo, ink)
    return theme.titled(chart, title, subtitle, source, height=320)
