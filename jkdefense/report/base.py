"""What every page view is made of: pages, chart values, their texts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from jkdefense.data.vocabulary import DOMAIN_LABELS

Tables = dict[str, pd.DataFrame]


@dataclass(eq=False)
class ChartView:
    """One chart as a value: what to draw, not the drawing.

    ``kind`` names the render builder (``charts.<name>`` for Altair,
    ``figures.<name>`` for Plotly); jkdefense.render.draw turns the view into
    a figure, so this layer never imports a chart library.
    """

    key: str
    title: str
    kind: str
    data: pd.DataFrame
    texts: dict[str, str]  # subtitle and source line
    options: dict[str, Any] = field(default_factory=dict)
    # What the levels of the judgments it plots mean (rubrics.csv), for a caption.
    legend: str = ""


@dataclass
class PageView:
    """A page's content under the current filters."""

    title: str
    takeaway: str = ""
    charts: list[ChartView] = field(default_factory=list)
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    label_column: str = ""
    empty: str = ""  # what has nothing to show, when the filters leave nothing
    # Frames the view computed that the page shows too, so it need not redo them.
    related: dict[str, pd.DataFrame] = field(default_factory=dict)


def chart(
    key: str,
    kind: str,
    data: pd.DataFrame,
    title: str,
    labels: dict,
    legend: str = "",
    outside_table: str | None = None,
    **options: object,
) -> ChartView:
    """A chart value with its subtitle and source line from ``labels``."""
    texts = chart_texts(labels, outside_table)
    return ChartView(key, title, kind, data, texts, dict(options), legend)


def chart_texts(labels: dict, outside_table: str | None = None) -> dict[str, str]:
    """A chart's subtitle and source line.

    A chart that plots a table whose values come from outside the feed
    (``labels["outside"]``, from the package's x-outside-source) names that
    source first, and the articles after it as context.
    """
    source = labels["source"]
    outside = labels.get("outside", {}).get(outside_table or "")
    if outside:
        source = f"Source: {outside}; context: {source.removeprefix('Source: ')}"
    return {"subtitle": labels["subtitle"], "source": source}


def names(values: list[str]) -> str:
    """'a', 'a and b', 'a, b and c': each value once, in order."""
    values = list(dict.fromkeys(values))
    return (
        values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]
    )


def top_cells(cells: pd.DataFrame) -> tuple[str, int, int]:
    """The highest-severity actor-domain cells named, their score and their count."""
    top = cells[cells["severity_score"] == cells["severity_score"].max()]
    where = names(
        [
            f"{a} ({DOMAIN_LABELS[d].lower()})"
            for a, d in zip(top["actor_name"], top["domain_type"], strict=True)
        ]
    )
    return where, int(top["severity_score"].iloc[0]), len(top)
