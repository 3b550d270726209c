"""The candidate programs ranked: weighted scores by criterion, and rank ranges."""

from __future__ import annotations

import altair as alt
import pandas as pd

from jkdefense.render import theme
from jkdefense.render.channels import largest_first, tooltips


def ranking_chart(
    contributions: pd.DataFrame, *, title: str, subtitle: str, source: str
) -> alt.Chart:
    """Weighted program scores as horizontal bars split by criterion, best on top."""
    order = largest_first(contributions, "program_name", "contribution")
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
            tooltip=tooltips(
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
        tooltip=tooltips(
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
