"""Plotly builders: a tidy DataFrame in, a figure out (no I/O, no Streamlit)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from jkdefense.render import theme
from jkdefense.render.text import plotly_text

# The kinds of trace the builders below draw, and the axes they never use.
DRAWN_TRACES = ("scatter",)
UNDRAWN_LAYOUT = ("coloraxis", "colorscale", "geo", "polar", "scene", "ternary")


def _house_template() -> go.layout.Template:
    """plotly_white with the house layout on top, for what the builders draw.

    NOTE: Plotly checks a figure's template value by value each time one is
    set; plotly_white's defaults for 24 kinds of trace and for 3-D, polar and
    map axes made that half of building a figure. None of them applies to
    scatters on plain axes, so they are left out.
    """
    white = pio.templates["plotly_white"]
    layout = white.layout.to_plotly_json()
    for part in UNDRAWN_LAYOUT:
        layout.pop(part, None)
    return pio.templates.merge_templates(
        go.layout.Template(
            layout=layout, data={kind: white.data[kind] for kind in DRAWN_TRACES}
        ),
        go.layout.Template(layout=go.Layout(**theme.plotly_template_layout())),
    )


# NOTE: set on every figure, not as Plotly's default, which Streamlit replaces
# with its own when it is imported.
HOUSE_TEMPLATE = "jkdefense"
pio.templates[HOUSE_TEMPLATE] = _house_template()


# Room for the legend above the plot, and the caption (filters, source) below it.
MARGIN_TOP, MARGIN_BOTTOM = 60, 80


def _figure(
    traces: list[go.Scatter],
    layout: dict[str, Any],
    *,
    title: str,
    subtitle: str,
    source: str,
    height: int,
) -> go.Figure:
    """The figure: legend above, the caption (filters, source) under the plot.

    ``title``, the finding, is printed above the chart by the page and the slide,
    and added to a downloaded image (render.export), as for the Altair charts.

    NOTE: made in one call from the traces and one layout: Plotly checks every
    value each time it is set, and adding traces, lines and notes one by one,
    then updating the layout, took three times as long.
    """
    del title  # printed above the chart by whoever shows it
    # NOTE: pinned in pixels below the plot, so it never meets the axis title.
    # Every text a figure draws goes through plotly_text: Plotly reads HTML.
    caption = {
        "text": f"{plotly_text(subtitle)}<br>{plotly_text(source)}",
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 0,
        "yshift": -(MARGIN_BOTTOM - 40),
        "showarrow": False,
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "font": {"size": 12, "color": theme.CAPTION_COLOR},
    }
    house = {
        "template": HOUSE_TEMPLATE,
        "height": height,
        "margin": {"t": MARGIN_TOP, "b": MARGIN_BOTTOM},
        "legend": {
            "orientation": "h",
            "x": 0,
            "y": 1.0,
            "xanchor": "left",
            "yanchor": "bottom",
            "traceorder": "normal",
        },
        "annotations": [*layout.get("annotations", []), caption],
    }
    return go.Figure(data=traces, layout={**layout, **house})


def network_figure(
    nodes: pd.DataFrame, *, edges: pd.DataFrame, title: str, subtitle: str, source: str
) -> go.Figure:
    """Korean firms – bridge suppliers – Japanese firms; line width = pairings."""
    position = {
        node["node_id"]: (node["x"], node["y"]) for node in nodes.to_dict("records")
    }
    # One trace per edge: a trace's lines share one width.
    traces: list[go.Scatter] = [
        go.Scatter(
            x=[position[edge["source_id"]][0], position[edge["target_id"]][0]],
            y=[position[edge["source_id"]][1], position[edge["target_id"]][1]],
            mode="lines",
            showlegend=False,
            line={"width": 1 + 1.5 * edge["weight"], "color": "#b0b0b0"},
            hoverinfo="skip",
        )
        for edge in edges.to_dict("records")
    ]
    side_colors = {
        "KR": theme.COUNTRY_COLORS["KR"],
        "bridge": theme.COUNTRY_COLORS["US"],
        "JP": theme.COUNTRY_COLORS["JP"],
    }
    side_names = {
        "KR": "Korean company",
        "bridge": "US bridge supplier",
        "JP": "Japanese company",
    }
    positions = {"KR": "middle left", "JP": "middle right"}
    traces += [
        go.Scatter(
            x=rows["x"],
            y=rows["y"],
            # Lines cross above the bridge nodes: their names go on a white backing.
            mode="markers" if side == "bridge" else "markers+text",
            name=side_names[side],
            text=rows["node_name"].map(plotly_text),
            textposition=positions.get(side),
            marker={"size": 16, "color": side_colors[side]},
            hovertemplate="%{text}<extra>" + side_names[side] + "</extra>",
        )
        for side, rows in nodes.groupby("side", sort=False)
    ]
    bridge_names = [
        {
            "x": bridge["x"],
            "y": bridge["y"],
            "text": plotly_text(bridge["node_name"]),
            "showarrow": False,
            "yshift": 21,
            "bgcolor": "rgba(255, 255, 255, 0.85)",
        }
        for bridge in nodes[nodes["side"] == "bridge"].to_dict("records")
    ]
    layout = {
        "xaxis": {"visible": False, "range": [-1.2, 3.2]},
        "yaxis": {"visible": False},
        "annotations": bridge_names,
    }
    height = max(300, 48 * int(nodes.groupby("side").size().max()) + 140)
    return _figure(
        traces, layout, title=title, subtitle=subtitle, source=source, height=height
    )
