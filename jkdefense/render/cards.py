"""A finding card: what a chart of one category would show, said in a line or two.

A ranking of one program, or a matrix of one pairing, is not a chart: the page
and the slide show its finding as a card instead, sized to its text, with the
same title, filters and source line as any chart (so exports work unchanged).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from jkdefense.render import theme

CARD_LINE_PX = 30


def finding_card(
    lines: pd.DataFrame, *, title: str, subtitle: str, source: str
) -> alt.Chart:
    """The card's ``line`` texts, one under the other, left-aligned, large."""
    shown = lines.reset_index(drop=True).assign(order=lambda f: f.index)
    chart = (
        alt.Chart(shown)
        .mark_text(align="left", baseline="middle", fontSize=18, dx=4)
        .encode(
            x=alt.value(0),
            y=alt.Y("order:O", axis=None, title=None),
            text=alt.Text("line:N"),
            color=alt.value(theme.TEXT_COLOR),
        )
    )
    return theme.titled(
        chart, title, subtitle, source, height=CARD_LINE_PX * max(len(shown), 1)
    )
