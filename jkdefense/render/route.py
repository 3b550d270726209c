"""The route from policy to joint operations, its steps on one line (Altair)."""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from jkdefense.render import theme

# Okabe–Ito: done (green), under way (orange), talks only (sky blue, as the
# talks state of a development), not begun (grey), undone (vermilion).
PROGRESS_COLORS = {
    "achieved": "#009E73",
    "started": "#E69F00",
    "talks": "#56B4E9",
    "not started": "#999999",
    "reversed": "#D55E00",
}
LABEL_CHARACTERS = 18  # a step name wraps at this width, to fit between its neighbours
LABEL_GAP_PX = 20  # between a step's dot and its name


def pathway_route_chart(
    steps: pd.DataFrame, *, title: str, subtitle: str, source: str
) -> alt.LayerChart:
    """Each step of the route in order, a dot coloured by its progress since 2019.

    Step names alternate above and below the line, so long names never collide.
    """
    steps = steps.sort_values("step_order", kind="stable")
    route = pd.DataFrame(
        {
            "step_order": steps["step_order"].to_numpy(),
            "step_name": steps["step_name"].to_numpy(),
            "label": [
                "\n".join(textwrap.wrap(name, LABEL_CHARACTERS))
                for name in steps["step_name"]
            ],
            "above": [i % 2 == 0 for i in range(len(steps))],
            "progress_name": steps["progress_type"].str.replace("_", " ").to_numpy(),
            "actor_description": steps["actor_description"].to_numpy(),
            "line": 0,
        }
    )
    first, last = int(route["step_order"].min()), int(route["step_order"].max())
    base = alt.Chart().encode(
        x=alt.X(
            "step_order:Q",
            title="Step on the route",
            scale=alt.Scale(domain=[first - 0.5, last + 0.5], nice=False),
            axis=alt.Axis(values=list(range(first, last + 1)), format="d", grid=False),
        ),
        y=alt.Y("line:Q", axis=None, scale=alt.Scale(domain=[-1, 1]), title=None),
    )
    line = base.mark_line(color="#cccccc", strokeWidth=4)
    dots = base.mark_circle(size=520, opacity=1, stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "progress_name:N",
            title="Progress since the article (analyst)",
            scale=alt.Scale(
                domain=list(PROGRESS_COLORS), range=list(PROGRESS_COLORS.values())
            ),
            legend=alt.Legend(orient="bottom", titleLimit=480),
        ),
        tooltip=[
            alt.Tooltip("step_name:N", title="Step"),
            alt.Tooltip("progress_name:N", title="Progress (analyst)"),
            alt.Tooltip("actor_description:N", title="Who"),
        ],
    )
    names = [
        base.transform_filter(f"{'' if above else '!'}datum.above")
        .mark_text(
            baseline="bottom" if above else "top",
            dy=-LABEL_GAP_PX if above else LABEL_GAP_PX,
            lineBreak="\n",
            fontSize=13,
            color=theme.TEXT_COLOR,
        )
        .encode(text=alt.Text("label:N"))
        for above in (True, False)
    ]
    chart = alt.layer(line, dots, *names, data=route)
    return theme.titled(chart, title, subtitle, source, height=230)
