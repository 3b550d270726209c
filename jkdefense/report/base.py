"""What every page view is made of: pages, chart values, their texts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from jkdefense.data.vocabulary import DOMAIN_LABELS

Tables = dict[str, pd.DataFrame]

DASHBOARD_CITATION = (
    "Japan–South Korea defense cooperation dashboard: curated tables of a feed of "
    "articles, each row citing the sentences it rests on (CC BY 4.0; scores are "
    "analyst judgments)."
)

# What each kind of chart shows, in words (the start of its text description).
KIND_DESCRIPTIONS = {
    "grids.threat_matrix_chart": "Heatmap of the analyst severity (1 to 5) of the "
    "threats, by threat actor and domain",
    "timelines.incident_timeline_chart": "Timeline of dated events by type, coloured "
    "by domain, outlined when the article cites them",
    "timelines.development_timeline_chart": "Timeline of each proposal's state, from "
    "the article to the latest source",
    "rankings.ranking_chart": "Bar chart of the candidate programs ranked by their "
    "weighted analyst score, split by criterion",
    "rankings.rank_stability_chart": "Range of each program's rank when the "
    "weights vary by up to half",
    "grids.score_heatmap": "Grid of the analyst scores (1 to 5) behind the "
    "ranking, by program and criterion",
    "grids.pairing_matrix_chart": "Matrix of Korean and Japanese companies "
    "coloured by their best pairing score",
    "grids.precedent_partner_chart": "Grid of the partner countries of each "
    "cooperation precedent",
    "count_bars.mention_chart": "Bar chart of the entities the articles in view "
    "mention most",
    "count_bars.verdict_chart": "Bar chart of the fact-checks by verdict",
    "count_bars.coverage_chart": "Bar chart of curated rows per domain and table",
    "maps.theatre_map_chart": "Map of the Korean peninsula, Japan and the coasts "
    "of China and Russia with the air defense identification zones and the incidents "
    "at their reported positions",
    "trends.scramble_chart": "Stacked bar chart of JASDF scrambles per Japanese "
    "fiscal year by the aircraft's nationality, with dotted lines at the article "
    "and the turning points",
    "figures.network_figure": "Network of Korean companies, the US suppliers that "
    "bridge them and Japanese companies",
    "route.pathway_route_chart": "Route of the article's cooperation steps in "
    "order, each marked by its progress since the article",
    "bars.parts_chart": "Bar chart of the five parts of one pairing's score",
    "cards.finding_card": "Finding card: the one item in view, in words, where a "
    "chart of one category would say nothing more",
}


@dataclass(eq=False)
class ChartView:
    """One chart as a value: what to draw, not the drawing.

    ``kind`` names the render builder as ``<module>.<function>`` of
    jkdefense.render (``figures`` for Plotly, the others Altair: ``grids``,
    ``timelines``, ``rankings``, ``count_bars``, ``maps``, ``trends``, ``bars``,
    ``route``); jkdefense.render.draw turns the
    view into a figure, so this layer never imports a chart library.
    """

    key: str
    title: str
    kind: str
    data: pd.DataFrame
    # The caption under the plot: the filters (subtitle) and a short source line.
    texts: dict[str, str]
    options: dict[str, Any] = field(default_factory=dict)
    # What the levels of the judgments it plots mean (rubrics.csv), or what the
    # picture leaves out: a caption shown under the chart and in the notes.
    legend: str = ""
    # The full source line (every article named, the outside source first): in
    # the description, so in the image's metadata, alt text and slide notes.
    citation: str = ""

    @property
    def description(self) -> str:
        """The chart in words, for screen readers and searches of a deck.

        What kind of chart it is and what it plots, then its finding (the
        title), the filters and the source: the alt text of the chart in the
        app, in its exports and on its slide.
        """
        kind = KIND_DESCRIPTIONS.get(self.kind, "Chart")
        parts = [f"{kind}.", f"{self.title}.", f"{self.texts['subtitle']}."]
        parts.append(self.citation or self.texts["source"])
        if self.legend:  # what the levels mean, or what the picture leaves out
            parts.append(self.legend)
        return " ".join(p.replace("..", ".") for p in parts)


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
    # Paragraphs of prose a page shows (the Methodology's sections).
    texts: dict[str, str] = field(default_factory=dict)


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
    citation = full_source_line(labels, outside_table)
    return ChartView(key, title, kind, data, texts, dict(options), legend, citation)


def card(
    key: str,
    lines: list[str],
    title: str,
    labels: dict,
    legend: str = "",
    outside_table: str | None = None,
) -> ChartView:
    """A finding card in place of a chart that would show one category."""
    frame = pd.DataFrame({"line": lines})
    return chart(key, "cards.finding_card", frame, title, labels, legend, outside_table)


def chart_texts(labels: dict, outside_table: str | None = None) -> dict[str, str]:
    """A chart's caption: the filters, and a short source line.

    A chart that plots a table whose values come from outside the feed
    (``labels["outside"]``, from the package's x-outside-source) names that
    source; its full citation adds the articles as context.
    """
    outside = labels.get("outside", {}).get(outside_table or "")
    brief, version = labels.get("articles_brief"), labels.get("data_version")
    if brief is None or version is None:  # labels made without a package
        return {"subtitle": labels["subtitle"], "source": labels["source"]}
    if outside:  # the articles it is read against are in the full citation
        source = f"Source: {outside}. Data v{version}."
    else:
        source = f"Source: {brief}. Data v{version}."
    return {"subtitle": labels["subtitle"], "source": source}


def full_source_line(labels: dict, outside_table: str | None = None) -> str:
    """Every article named, the outside source first: the chart's full citation."""
    source = labels["source"]
    outside = labels.get("outside", {}).get(outside_table or "")
    if outside:
        source = f"Source: {outside}; context: {source.removeprefix('Source: ')}"
    return source


def counted(count: int, noun: str) -> str:
    """'1 article', '3 articles', '0 articles': the count and its noun agreed."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def singular(count: int, one: str, more: str) -> str:
    """The verb for ``count`` things: ``one`` for 1 ('rates'), else ``more``."""
    return one if count == 1 else more


def sentence_start(text: str) -> str:
    """``text`` with a capital first letter, the rest as written (PAC-3 stays)."""
    return text[:1].upper() + text[1:]


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
