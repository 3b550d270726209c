"""One item's scores as bars, each with its rationale on hover (Altair)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from jkdefense.render import theme

BAR_PX = 44  # a bar and its gap: room for a score in legible type


def parts_chart(
    parts: pd.DataFrame, *, title: str, subtitle: str, source: str
) -> alt.LayerChart:
    """The part scores of one pairing (1–5), in the order given, score on each bar."""
    order = list(parts["criterion_name"])
    base = alt.Chart().encode(
        y=alt.Y(
            "criterion_name:N", title=None, sort=order, axis=alt.Axis(labelLimit=360)
        )
    )
    bars = base.mark_bar(color=theme.SCORE_COLOR).encode(
        x=alt.X(
            "score:Q",
            title="Score (1–5, analyst)",
            scale=alt.Scale(domain=[0, 5]),
            axis=alt.Axis(values=[0, 1, 2, 3, 4, 5], format="d"),
        ),
        tooltip=[
            alt.Tooltip("criterion_name:N", title="Criterion"),
            alt.Tooltip("score:Q", title="Score (1–5)"),
            alt.Tooltip("rationale:N", title="Why"),
        ],
    )
    # The score inside the end of its bar, white on the dark purple.
    scores = base.mark_text(
        align="right", dx=-8, color="white", fontSize=14, fontWeight="bold"
    ).encode(x=alt.X("score:Q"), text=alt.Text("score:Q", format="d"))
    chart = alt.layer(bars, scores, data=parts)
    return theme.titled(
        chart, title, subtitle, source, height=max(160, BAR_PX * len(order))
    )
