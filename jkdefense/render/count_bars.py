"""Bars of counts: mentions by entity and article, claims by verdict, rows by domain."""

from __future__ import annotations

import altair as alt
import pandas as pd

from jkdefense.render import theme
from jkdefense.render.channels import domain_color, largest_first, tooltips


def _count_axis() -> alt.Axis:
    """An axis of counts: whole numbers only (a wide export would tick 0.2s)."""
    return alt.Axis(format="d", tickMinStep=1)


def mention_chart(
    counts: pd.DataFrame, *, title: str, subtitle: str, source: str
) -> alt.Chart:
    """Entities by number of mentions, one bar segment per article.

    Articles are told apart by their label (the source id), never by title
    alone: two statements may carry the same title. The tooltip gives both.
    """
    order = largest_first(counts, "entity_name", "mention_count")
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
            tooltip=tooltips(
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
            tooltip=tooltips("verdict_type:N", "count():Q"),
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
            color=domain_color(coverage),
            order=alt.Order("domain_type:N"),
            tooltip=tooltips("table_name:N", "domain_type:N", "row_count:Q"),
        )
    )
    return theme.titled(chart, title, subtitle, source, height=200)
