"""What each page shows for a set of filters: its finding, charts and rows.

Pure (no Streamlit): the pages draw these, and the briefing export turns the
same views into slides, so a slide always matches the screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from jkdefense.analysis import filters, rubric, scoring, shaping
from jkdefense.analysis.filters import ViewFilters
from jkdefense.report import takeaways

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


def _chart(
    key: str,
    kind: str,
    data: pd.DataFrame,
    title: str,
    labels: dict,
    legend: str = "",
    outside_table: str | None = None,
    **options: object,
) -> ChartView:
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


PROGRAM_SCORES = [f"{c}_score" for c in scoring.PROGRAM_CRITERIA]
PAIRING_SCORES = [f"{c}_score" for c in scoring.TYPED_PAIRING_CRITERIA]


def _program_legend(t: Tables) -> str:
    return rubric.legend(t.get("rubrics"), "programs", PROGRAM_SCORES)


def _pairing_legend(t: Tables) -> str:
    """The typed parts' levels, and where the political part comes from."""
    typed = rubric.legend(t.get("rubrics"), "company_pairings", PAIRING_SCORES)
    political = rubric.scale_note(
        t.get("rubrics"), "programs", "political_feasibility_score"
    )
    return (
        f"Pairing score = mean of five parts. {typed} {political} "
        "The political part is the lowest of the pairing's programs."
    )


def threats(t: Tables, view: ViewFilters, labels: dict, actors: list[str]) -> PageView:
    """Threat matrix, scramble series and incident timeline."""
    page = PageView("Threats", label_column="threat_name")
    rows = filters.select(
        t["threats"], view, focus_mask=filters.threat_focus(t["threats"], view.focus)
    )
    page.rows = filters.with_values(rows, "actor_country_code", actors)
    if page.rows.empty:
        page.empty = "threats"
        return page
    cells = scoring.threat_matrix(page.rows, t["countries"])
    years = filters.scrambles_in_view(t["scrambles"], view)
    page.takeaway = takeaways.threats(cells, years)
    page.charts.append(
        _chart(
            "threats_matrix",
            "charts.threat_matrix_chart",
            cells,
            takeaways.matrix_title(cells),
            labels,
            rubric.legend(t.get("rubrics"), "threats", ["severity_score"]),
        )
    )
    scrambles = filters.with_values(
        scoring.scrambles_by_actor(years), "actor_code", [*actors, "other"]
    )
    if not scrambles.empty:
        page.charts.append(
            _chart(
                "threats_scrambles",
                "figures.scramble_figure",
                scrambles,
                takeaways.scramble_title(years),
                labels,
                outside_table="scrambles",
                publication_year=2018,
            )
        )
    events = filters.select(
        t["incidents"],
        view,
        focus_mask=filters.incident_focus(t["incidents"], view.focus),
    )
    all_actors = sorted(t["threats"]["actor_country_code"].dropna().unique())
    events = filters.incidents_for_actors(events, actors, all_actors)
    if not events.empty:
        page.charts.append(
            _chart(
                "threats_timeline",
                "charts.incident_timeline_chart",
                events,
                takeaways.timeline_title(events),
                labels,
                outside_table="incidents",
            )
        )
    return page


def programs(
    t: Tables, view: ViewFilters, labels: dict, weights: dict[str, float]
) -> PageView:
    """Weighted ranking, its stability, and the scores behind it."""
    page = PageView("Joint programs", label_column="program_name")
    rows = filters.select(
        t["programs"], view, focus_mask=filters.program_focus(t["programs"], view.focus)
    )
    if rows.empty or sum(weights.values()) == 0:
        page.empty = "programs" if rows.empty else "weights (all are zero)"
        return page
    ranked = scoring.rank_programs(shaping.with_context_marked(rows), weights)
    stability = scoring.rank_stability(rows, weights)
    page.rows = shaping.programs_side_by_side(ranked, t["companies"])
    page.takeaway = takeaways.programs(ranked, stability)
    weighted = {
        **labels,
        "subtitle": f"{labels['subtitle']} · {scoring.describe_weights(weights)}",
    }
    page.charts += [
        _chart(
            "programs_ranking",
            "charts.ranking_chart",
            scoring.score_contributions(ranked, weights, "program_name"),
            takeaways.ranking_title(ranked),
            weighted,
            _program_legend(t),
        ),
        _chart(
            "programs_stability",
            "charts.rank_stability_chart",
            stability,
            takeaways.stability_title(stability),
            weighted,
            _program_legend(t),
        ),
        _chart(
            "programs_scores",
            "charts.score_heatmap",
            shaping.criterion_scores(ranked, scoring.PROGRAM_CRITERIA, "program_name"),
            "The analyst scores behind the ranking",
            labels,
            _program_legend(t),
            label_field="program_name",
            label_title="Program",
        ),
    ]
    return page


def pairings(
    t: Tables, view: ViewFilters, labels: dict, company_ids: list[str]
) -> PageView:
    """Company matrix and the network of bridge suppliers."""
    page = PageView("Company pairings", label_column="pairing_label")
    scored = scoring.score_pairings(
        filters.select(t["company_pairings"], view), t["companies"], t["programs"]
    )
    scored = filters.pairings_with_companies(scored, company_ids)
    if scored.empty:
        page.empty = "company pairings"
        return page
    page.rows = shaping.pairings_for_display(scored, t["companies"], t["programs"])
    page.takeaway = takeaways.pairings(scored)
    nodes, edges = scoring.bridge_network(scored, t["companies"])
    page.charts += [
        _chart(
            "pairings_matrix",
            "charts.pairing_matrix_chart",
            scoring.pairing_matrix(scored),
            takeaways.matrix_pair_title(scored),
            labels,
            _pairing_legend(t),
        ),
        _chart(
            "pairings_network",
            "figures.network_figure",
            nodes,
            takeaways.network_title(edges, nodes),
            labels,
            edges=edges,
        ),
    ]
    return page


def pairing_parts(page: PageView, pair: str | None, labels: dict) -> ChartView | None:
    """The score parts of the chosen pairing (the first in view if none is chosen)."""
    if page.rows.empty:
        return None
    detail = page.rows[page.rows["pairing_label"] == pair]
    detail = detail if not detail.empty else page.rows.iloc[:1]
    return _chart(
        "pairings_parts",
        "figures.parts_figure",
        shaping.criterion_scores(detail, scoring.PAIRING_CRITERIA, "pairing_label"),
        takeaways.parts_title(detail.iloc[0]),
        labels,
        # The parts are those of the matrix score: the same legend.
        next((c.legend for c in page.charts if c.key == "pairings_matrix"), ""),
    )


def pathway(t: Tables, view: ViewFilters, labels: dict) -> PageView:
    """The route from policy to operations, and the precedents' partners."""
    page = PageView("Pathway", label_column="step_name")
    steps = filters.select(t["pathway"], view, domain_column=None)
    page.rows = shaping.pathway_steps(steps, t["agencies"], t["programs"])
    if page.rows.empty:
        page.empty = "pathway steps"
        return page
    page.takeaway = takeaways.pathway(page.rows)
    page.charts.append(
        _chart(
            "pathway_steps",
            "figures.pathway_figure",
            page.rows,
            takeaways.pathway_title(page.rows),
            labels,
            rubric.legend(t.get("rubrics"), "pathway", ["progress_type"]),
        )
    )
    page.related["drivers"] = drivers_in_view(t, view)
    precedents = precedents_in_view(t, view)
    page.related["precedents"] = precedents
    if not precedents.empty:
        page.charts.append(
            _chart(
                "pathway_precedents",
                "charts.precedent_partner_chart",
                shaping.precedent_partners(precedents, t["countries"]),
                takeaways.precedent_title(precedents),
                labels,
            )
        )
    return page


def drivers_in_view(t: Tables, view: ViewFilters) -> pd.DataFrame:
    """The article's reasons for acting now and its wider ideas, in its order.

    Not narrowed by domain: each driver bears on the whole relationship.
    """
    drivers = t.get("drivers")
    if drivers is None:
        return pd.DataFrame()
    chosen = filters.select(drivers, view, domain_column=None)
    return chosen.sort_values("driver_order", ignore_index=True)


def precedents_in_view(t: Tables, view: ViewFilters) -> pd.DataFrame:
    """Precedents that pass the filters, with their fact-checks."""
    return shaping.precedents_with_checks(
        filters.select(t["precedents"], view), t["claims"]
    )


def overview(t: Tables, view: ViewFilters, labels: dict) -> PageView:
    """Rows per domain and the program ranking at equal weights."""
    page = PageView("Japan–South Korea defense cooperation", label_column="threat_name")
    threat_rows = filters.select(
        t["threats"], view, focus_mask=filters.threat_focus(t["threats"], view.focus)
    )
    program_rows = filters.select(
        t["programs"], view, focus_mask=filters.program_focus(t["programs"], view.focus)
    )
    scored = scoring.score_pairings(
        filters.select(t["company_pairings"], view), t["companies"], t["programs"]
    )
    if threat_rows.empty and program_rows.empty and scored.empty:
        page.empty = "threats, programs or pairings"
        return page
    equal = dict.fromkeys(scoring.PROGRAM_CRITERIA, 1.0)
    ranked = scoring.rank_programs(shaping.with_context_marked(program_rows), equal)
    page.rows, page.takeaway = (
        threat_rows,
        takeaways.overview(threat_rows, ranked, scored),
    )
    page.related["scored_pairings"] = scored
    page.related["strongest_pairings"] = shaping.pairings_for_display(
        scored.head(8), t["companies"], t["programs"]
    )
    coverage = shaping.domain_coverage(
        {"Threats": threat_rows, "Programs": program_rows, "Pairings": scored}
    )
    page.charts.append(
        _chart(
            "overview_coverage",
            "charts.coverage_chart",
            coverage,
            takeaways.coverage_title(coverage),
            labels,
        )
    )
    if not ranked.empty:
        page.charts.append(
            _chart(
                "overview_ranking",
                "charts.ranking_chart",
                scoring.score_contributions(ranked, equal, "program_name"),
                takeaways.ranking_title(ranked, "at equal weights"),
                labels,
                _program_legend(t),
            )
        )
    return page


def feed_summary(t: Tables, view: ViewFilters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The articles in view with their counts, and mentions of the top entities.

    On a long feed this reads hundreds of thousands of article-entity counts.
    """
    every = len(set(view.source_ids)) == len(t["sources"])
    feed = (
        t["sources"]
        if every
        else filters.with_values(t["sources"], "source_id", list(view.source_ids))
    )
    feed = shaping.feed_with_counts(feed, t["article_counts"])
    counts = t["entity_mentions"]
    if not every:
        counts = filters.mentions_in_view(counts, view)
    return feed, shaping.label_mentions(shaping.mention_counts(counts, feed), t)


def sources(t: Tables, view: ViewFilters, labels: dict) -> PageView:
    """Mentions per entity and the verdicts of the fact-checks."""
    page = PageView("Sources", label_column="claim_summary")
    feed, labelled = feed_summary(t, view)
    page.takeaway = takeaways.sources(feed, labelled)
    page.related["feed"] = feed
    if not labelled.empty:
        page.charts.append(
            _chart(
                "sources_mentions",
                "charts.mention_chart",
                labelled,
                takeaways.mention_title(labelled),
                labels,
            )
        )
    if "claims" in t:
        page.rows = filters.select(t["claims"], view, domain_column=None)
        if not page.rows.empty:
            page.charts.append(
                _chart(
                    "sources_verdicts",
                    "charts.verdict_chart",
                    page.rows,
                    takeaways.verdict_title(page.rows),
                    labels,
                )
            )
    return page
