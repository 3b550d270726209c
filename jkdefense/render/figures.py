"""Plotly builders: a tidy DataFrame in, a figure out (no I/O, no Streamlit)."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from jkdefense.render import theme

pio.templates["jkdefense"] = go.layout.Template(
    layout=go.Layout(**theme.plotly_template_layout())
)
# NOTE: set on every figure, not as Plotly's default, which Streamlit replaces
# with its own when it is imported.
HOUSE_TEMPLATE = "plotly_white+jkdefense"

ACTOR_NAMES = {"CN": "China", "RU": "Russia", "other": "Other"}
PROGRESS_COLORS = {
    "achieved": "#009E73",
    "started": "#E69F00",
    "not_started": "#999999",
    "reversed": "#D55E00",
}


# Room for title + subtitle above the plot, and axis labels + source line below it.
MARGIN_TOP, MARGIN_BOTTOM = 120, 120
SOURCE_LINE_PX = 15  # one more line of the source line


def _titled(
    figure: go.Figure, title: str, subtitle: str, source: str, height: int
) -> go.Figure:
    """Finding as title, filters as subtitle, legend above, source line at the foot.

    The foot grows with the source line, so a long list of articles is never cut.
    """
    source_lines = textwrap.wrap(source, 110)
    extra = SOURCE_LINE_PX * max(0, len(source_lines) - 2)
    figure.update_layout(
        template=HOUSE_TEMPLATE,
        title={
            "text": title,
            "subtitle": {"text": subtitle},
            "y": 0.98,
            "yanchor": "top",
            "yref": "container",
            "x": 0.01,
            "font": {"size": 17, "weight": "bold"},
        },
        height=height + extra,
        margin={"t": MARGIN_TOP, "b": MARGIN_BOTTOM + extra},
        legend={
            "orientation": "h",
            "x": 0,
            "y": 1.0,
            "xanchor": "left",
            "yanchor": "bottom",
            "traceorder": "normal",
        },
    )
    # NOTE: pinned in pixels below the plot, so it never meets the axis title.
    figure.add_annotation(
        text="<br>".join(source_lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-(MARGIN_BOTTOM - 30),
        showarrow=False,
        xanchor="left",
        yanchor="top",
        align="left",
        font={"size": 11, "color": "#555555"},
    )
    return figure


# Heights (fraction of the plot) of successive marker labels: staggered, so two
# turning points a few months apart never print over each other.
MARKER_LABEL_HEIGHTS = (0.99, 0.90, 0.81, 0.72)


def scramble_figure(
    scrambles: pd.DataFrame,
    *,
    markers: list[tuple[float, str]],
    title: str,
    subtitle: str,
    source: str,
) -> go.Figure:
    """JASDF scrambles per fiscal year, stacked by the aircraft's nationality.

    ``markers`` are (position on the fiscal-year axis, label): the article's
    date and the turning points of the relationship, each a dotted line.
    """
    figure = go.Figure()
    for actor in [a for a in ACTOR_NAMES if a in set(scrambles["actor_code"])]:
        rows = scrambles[scrambles["actor_code"] == actor]
        figure.add_bar(
            x=rows["fiscal_year"],
            y=rows["scramble_count"],
            name=ACTOR_NAMES[actor],
            marker_color=theme.COUNTRY_COLORS[actor],
            hovertemplate="FY%{x}: %{y} scrambles<extra>"
            + ACTOR_NAMES[actor]
            + "</extra>",
        )
    figure.update_layout(
        barmode="stack",
        yaxis_title="Scrambles per fiscal year",
        xaxis={"dtick": 1, "title": "Japanese fiscal year (April–March)"},
    )
    for index, (position, label) in enumerate(markers):
        figure.add_vline(x=position, line_dash="dot", line_color="#333333")
        figure.add_annotation(
            x=position,
            y=MARKER_LABEL_HEIGHTS[index % len(MARKER_LABEL_HEIGHTS)],
            yref="paper",
            text=f" {label}",
            showarrow=False,
            xanchor="left",
            yanchor="top",
            bgcolor="rgba(255,255,255,0.85)",
            font={"size": 12, "color": "#262730"},
        )
    return _titled(figure, title, subtitle, source, 440)


def network_figure(
    nodes: pd.DataFrame, *, edges: pd.DataFrame, title: str, subtitle: str, source: str
) -> go.Figure:
    """Korean firms – bridge suppliers – Japanese firms; line width = pairings."""
    position = nodes.set_index("node_id")[["x", "y"]]
    figure = go.Figure()
    for edge in edges.itertuples(index=False):
        (x0, y0), (x1, y1) = position.loc[edge.source_id], position.loc[edge.target_id]
        figure.add_scatter(
            x=[x0, x1],
            y=[y0, y1],
            mode="lines",
            showlegend=False,
            line={"width": 1 + 1.5 * edge.weight, "color": "#b0b0b0"},
            hoverinfo="skip",
        )
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
    for side, rows in nodes.groupby("side", sort=False):
        figure.add_scatter(
            x=rows["x"],
            y=rows["y"],
            # Lines cross above the bridge nodes: their names go on a white backing.
            mode="markers" if side == "bridge" else "markers+text",
            name=side_names[side],
            text=rows["node_name"],
            textposition=positions.get(side),
            marker={"size": 16, "color": side_colors[side]},
            hovertemplate="%{text}<extra>" + side_names[side] + "</extra>",
        )
    for bridge in nodes[nodes["side"] == "bridge"].itertuples(index=False):
        figure.add_annotation(
            x=bridge.x,
            y=bridge.y,
            text=bridge.node_name,
            showarrow=False,
            yshift=21,
            bgcolor="rgba(255, 255, 255, 0.85)",
        )
    figure.update_xaxes(visible=False, range=[-1.2, 3.2])
    figure.update_yaxes(visible=False)
    height = max(360, 48 * int(nodes.groupby("side").size().max()) + 200)
    return _titled(figure, title, subtitle, source, height)


def pathway_figure(
    steps: pd.DataFrame, *, title: str, subtitle: str, source: str
) -> go.Figure:
    """The route from policy to joint operations, coloured by progress since 2019."""
    figure = go.Figure()
    figure.add_scatter(
        x=steps["step_order"],
        y=[0] * len(steps),
        mode="lines",
        line={"color": "#cccccc", "width": 4},
        showlegend=False,
        hoverinfo="skip",
    )
    # Labels alternate above and below the line so long step names never collide.
    steps = steps.assign(
        label=steps["step_name"].map(lambda n: "<br>".join(textwrap.wrap(n, 18))),
        label_y=[0.25 if i % 2 == 0 else -0.25 for i in range(len(steps))],
    )
    figure.add_scatter(
        x=steps["step_order"],
        y=steps["label_y"],
        mode="text",
        text=steps["label"],
        textposition=[
            "top center" if y > 0 else "bottom center" for y in steps["label_y"]
        ],
        showlegend=False,
        hoverinfo="skip",
    )
    for progress, rows in steps.groupby("progress_type", sort=False):
        figure.add_scatter(
            x=rows["step_order"],
            y=[0] * len(rows),
            mode="markers",
            name=progress.replace("_", " "),
            text=rows["step_name"],
            customdata=rows[["actor_description"]],
            marker={"size": 26, "color": PROGRESS_COLORS.get(progress, "#999999")},
            hovertemplate="%{text}<br>%{customdata[0]}<extra></extra>",
        )
    figure.update_xaxes(
        dtick=1, title="Step on the route", range=[0.4, len(steps) + 0.6]
    )
    figure.update_yaxes(visible=False, range=[-1.2, 1.2])
    return _titled(figure, title, subtitle, source, 420)


def parts_figure(
    parts: pd.DataFrame, *, title: str, subtitle: str, source: str
) -> go.Figure:
    """The four part scores of one pairing (1–5), with their rationale on hover."""
    figure = go.Figure(
        go.Bar(
            x=parts["score"],
            y=parts["criterion_name"],
            orientation="h",
            marker_color=theme.SCORE_COLOR,
            customdata=parts["rationale"],
            hovertemplate="%{y}: %{x}/5<br>%{customdata}<extra></extra>",
            text=parts["score"],
            textposition="inside",
            insidetextanchor="end",
            textfont={"size": 13},
        )
    )
    figure.update_layout(
        xaxis={"range": [0, 5], "dtick": 1, "title": "Score (1–5, analyst)"},
        yaxis={"autorange": "reversed"},
        # Shown at full size: Plotly would otherwise shrink a label to its bar.
        uniformtext={"minsize": 13, "mode": "show"},
    )
    # Tall enough, under the title block and source line, for four bars that
    # hold their score in legible type.
    return _titled(figure, title, subtitle, source, 420)
