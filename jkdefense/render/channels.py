"""What the Altair chart builders share: typed tooltips, labels largest first.

A builder takes a tidy DataFrame and returns a chart (no I/O, no Streamlit).
"""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt
import pandas as pd

from jkdefense.render import theme

# NOTE: every channel is handed to Altair typed (alt.X, alt.Tooltip,
# alt.ColorValue), never as a shorthand string or a dict: Altair turns those
# into their channel class by hashing its whole schema, about 3 ms a channel
# on every chart built, a third of a page's rerun (benchmarks/RESULTS.md).


def tooltips(*fields: str | alt.Tooltip) -> list[alt.Tooltip]:
    """Tooltip channels, from shorthands ("field:type") or ready channels."""
    return [f if isinstance(f, alt.Tooltip) else alt.Tooltip(f) for f in fields]


# NOTE: a layered chart takes its data once, at the layer, and its layers none:
# given to each layer, Altair checks the layers share it by printing the whole
# table once per layer, which cost half of building the incident timeline.


def largest_first(frame: pd.DataFrame, label: str, value: str) -> list:
    """Labels by their total ``value``, largest first (ties in order of appearance)."""
    totals = frame.groupby(label, sort=False)[value].sum()
    return list(totals.sort_values(ascending=False, kind="stable").index)


def legend_of_drawn(
    order: list[str], drawn: Iterable[object], **style: object
) -> alt.Legend | None:
    """A legend naming, in ``order``, only the values ``drawn`` (None: none drawn).

    The channel's scale keeps every value, so each keeps its colour or shape in
    every view and slide; its legend leaves out the values a filter hid, which
    would otherwise stand beside nothing on the slide.
    """
    present = set(drawn)
    shown = [value for value in order if value in present]
    return alt.Legend(values=shown, **style) if shown else None


def domain_color(data: pd.DataFrame, field: str = "domain_type") -> alt.Color:
    """Colour by domain: each domain its one colour, the legend only those drawn."""
    return alt.Color(
        f"{field}:N",
        title="Domain",
        scale=theme.domain_scale(),
        sort=list(theme.DOMAIN_COLORS),
        legend=legend_of_drawn(list(theme.DOMAIN_COLORS), data.get(field, ())),
    )
