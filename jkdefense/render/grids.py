"""Grid charts: a cell for each pair of row and column, coloured by what it holds.

Actor × domain (severity), item × criterion (analyst scores), Korean × Japanese
company (pairing score), and precedent × partner country (who took part).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from jkdefense.data import vocabulary
from jkdefense.render import theme
from jkdefense.render.channels import domain_color, tooltips

# A grid row's height: a grid of one row is one row high, not a stretched band.
ROW_PX = 40
# A grid's score legend: one line under the grid, whatever the grid's height.
GRID_LEGEND = alt.Legend(orient="bottom", direction="horizontal", gradientLength=180)
# Axis labels broken into lines at their spaces (a Vega expression).
WRAP_LABEL = "split(datum.label, ' ')"
# "Name (gloss)" drawn as two lines: the name, then the bracketed gloss.
GLOSS_ON_SECOND_LINE = "split(replace(datum.label, ' (', '|('), '|')"


def _label_color(dark_cell: str) -> alt.ColorValue:
    """Cell labels white where ``dark_cell`` (a Vega expression) holds, else black."""
    return alt.ColorValue("black", condition={"test": dark_cell, "value": "white"})


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
        tooltip=tooltips(
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
        tooltip=tooltips(
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
        tooltip=tooltips(
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
            color=domain_color(partners),
            tooltip=tooltips("precedent_name:N", "country_name:N", "start_year:Q"),
        )
    )
    height = 46 * len(order)
    return theme.titled(chart, title, subtitle, source, height=height)
