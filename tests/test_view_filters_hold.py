"""Every table row and chart datum of every page respects every filter of its view.

Each page is built as a briefing builds it (the registry's builder, the page
tables, the settings a link gives), under one filter at a time and under one
view that combines them. Every frame the page shows (its rows, its related
frames, each chart's data) is tied to the curated table its rows come from, by
its key column or by the names it shows (tests/view_ties.py), and each of its
rows must be one that tests/view_rules.py, which states the filters from the
README and reads the CSVs itself, lets through. A frame or chart option that
cannot be tied to a table is listed in EXEMPT or FIXED_OPTIONS with the reason.
A chart's domain legend, too, names only the domains its data draw.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from jkdefense.data import vocabulary
from jkdefense.render import draw
from jkdefense.report import context, links, page_data, registry, threats
from jkdefense.report.base import PageView
from tests.view_rules import Chosen, InView
from tests.view_ties import (
    CARD_NAMES,
    card_lines_out_of_view,
    coverage_out_of_view,
    edges_out_of_view,
    outside_view,
)

WHITE_HOUSE = (
    "whitehouse-2023-camp-david-fact-sheet",
    "whitehouse-2023-spirit-of-camp-david",
    "whitehouse-2024-trilateral-nsa-readout",
    "whitehouse-2024-us-japan-joint-leaders-statement",
    "whitehouse-2025-trump-lee-joint-fact-sheet",
)
VIEWS = [
    *(
        f"domain={d}"
        for d in ("land", "sea", "undersea", "air", "missile", "electronic", "multi")
    ),
    "domain=maritime",
    "focus=KR",
    "focus=JP",
    "period=2019&period=2022",
    "period=2024&period=2026",
    "source=yoon-2019-diplomat",
    "&".join(f"source={s}" for s in WHITE_HOUSE),
    "domain=maritime&focus=JP&period=2019&period=2024"
    "&source=yoon-2019-diplomat&source=whitehouse-2024-trilateral-nsa-readout",
    # Page settings that leave one program, one pairing: their finding cards.
    "domain=electronic&programs_set=candidates",
    "domain=air&pairings_company=Mitsubishi+%28MHI%29",
]

# Frames no filter narrows, by page and name: they are not rows of a table.
EXEMPT = {
    ("methodology", "domains"): "the domain filter's choices, explained",
    ("methodology", "rubrics"): "what each score level means (rubrics.csv)",
    ("methodology", "tiers"): "what each source tier means",
    ("methodology", "wording"): "wordings the validator refuses",
}
# Chart options that are frames or lists of the chart's fixed setting, not rows.
FIXED_OPTIONS = {
    "zones": "the air defence identification zones, drawn whatever the view",
    "basemap": "the coastlines",
    "features": "islands too small for the basemap",
    # Checked on their own: test_scramble_markers_mark_only_what_is_in_view.
    "markers": "the article's date and the turning points on the scramble axis",
}

_BUILT: dict[str, dict[str, PageView]] = {}


def built(package, query: str) -> dict[str, PageView]:
    """Every page's view under ``query``, built once per view for the module."""
    if query not in _BUILT:
        view, settings = links.view_from_params(package, links.parse_query(query))
        tables, labels = (
            page_data.page_tables(package),
            context.chart_labels(package, view),
        )
        _BUILT[query] = {
            page.name: page.build(tables, view, labels, settings)
            for page in registry.PAGES
        }
    return _BUILT[query]


def frames_of(page_name: str, page: PageView) -> list[tuple[str, pd.DataFrame]]:
    """The page's table rows: its rows and every related frame (not exempt)."""
    frames = [("rows", page.rows)]
    for name, frame in page.related.items():
        # A related text (how many articles are not yet curated) is no frame.
        if isinstance(frame, pd.DataFrame) and (page_name, name) not in EXEMPT:
            frames.append((name, frame))
    return frames


def charts_of(page: PageView, rules: InView) -> list[tuple[str, list | None]]:
    """Each chart's data (and each frame option) with what it shows out of view."""
    found = []
    for chart in page.charts:
        if chart.kind == "cards.finding_card":
            names = CARD_NAMES.get(chart.key)
            found.append(
                (
                    chart.key,
                    None
                    if names is None
                    else card_lines_out_of_view(chart.data, names(rules)),
                )
            )
        else:
            found.append((chart.key, outside_view(chart.data, rules)))
        for option, value in chart.options.items():
            if option == "edges":
                found.append((f"{chart.key}.edges", edges_out_of_view(value, rules)))
            elif (
                isinstance(value, (pd.DataFrame, list)) and option not in FIXED_OPTIONS
            ):
                found.append((f"{chart.key}.{option}", None))
    return found


CASES = [
    pytest.param(query, page.name, id=f"{page.name}-{query[:60]}")
    for query in VIEWS
    for page in registry.PAGES
]


@pytest.mark.parametrize(("query", "page_name"), CASES)
def test_table_rows_hold_the_filters(package, query, page_name):
    page, rules = built(package, query)[page_name], InView(Chosen(query))
    for name, frame in frames_of(page_name, page):
        if frame.empty and not len(frame.columns):
            continue  # a page that shows nothing there
        wrong = outside_view(frame, rules)
        assert wrong is not None, f"{name}: no table is tied to {list(frame.columns)}"
        assert not wrong, f"{page_name} {name} shows rows out of view: {wrong}"


@pytest.mark.parametrize(("query", "page_name"), CASES)
def test_chart_data_hold_the_filters(package, query, page_name):
    page, rules = built(package, query)[page_name], InView(Chosen(query))
    for key, wrong in charts_of(page, rules):
        assert wrong is not None, f"{key}: its data are tied to no table"
        assert not wrong, f"{page_name} chart {key} shows data out of view: {wrong}"


@pytest.mark.parametrize("query", VIEWS, ids=[q[:60] for q in VIEWS])
def test_each_view_leaves_out_rows_the_whole_view_shows(package, query):
    """The checks above have something to catch: every view narrows some frame."""
    whole, rules = built(package, ""), InView(Chosen(query))
    left_out = [
        (page_name, name)
        for page_name, page in whole.items()
        for name, frame in frames_of(page_name, page)
        if len(frame.columns) and outside_view(frame, rules)
    ]
    assert left_out, f"{query}: every row of the whole view is in view"


@pytest.mark.parametrize("query", ["focus=KR", "focus=JP"])
def test_coverage_counts_follow_the_focus(package, query):
    """A bar of rows per domain counts only the rows the focus keeps in view."""
    page, rules = built(package, query)["sources"], InView(Chosen(query))
    coverage = next(c for c in page.charts if c.key == "sources_coverage")
    assert not coverage_out_of_view(coverage.data, rules)


# The scramble axis marks the article's date and turning points (incidents).
ARTICLE = "yoon-2019-diplomat"
MARKED = {label: incident for incident, label in threats.TURNING_POINTS.items()}


@pytest.mark.parametrize(
    "query",
    VIEWS,
    ids=[q[:60] for q in VIEWS],
)
def test_scramble_markers_mark_only_what_is_in_view(package, query):
    """Each mark is the article in view, or a turning point that is an incident
    in view (a mark outside the period falls off the fiscal-year axis)."""
    page, rules = built(package, query)["threats"], InView(Chosen(query))
    charts = [c for c in page.charts if c.key == "threats_scrambles"]
    incidents = rules.values("incidents", "incident_id")
    for chart in charts:
        labels = [label for _, label in chart.options["markers"]]
        wrong = [
            label
            for label in labels
            if not (MARKED.get(label) in incidents or label == "Article")
        ]
        assert not wrong, f"{query}: marked out of view: {wrong}"
        assert "Article" not in labels or ARTICLE in rules.articles


def _domain_colours(spec: dict) -> list[dict]:
    """Every colour channel of a spec (and its layers) that encodes domain_type."""
    return [
        layer["encoding"]["color"]
        for layer in [spec, *spec.get("layer", [])]
        if layer.get("encoding", {}).get("color", {}).get("field") == "domain_type"
    ]


@pytest.mark.parametrize("query", ["", "domain=sea", "domain=maritime", "focus=JP"])
def test_a_domain_legend_names_the_domains_drawn_in_their_fixed_colours(package, query):
    """A slide's legend lists no domain its filter hid; a colour never moves."""
    coloured = 0
    for page_name, page in built(package, query).items():
        for chart in page.charts:
            figure = draw.figure(chart)
            if not isinstance(figure, alt.TopLevelMixin):
                continue  # a finding card or a Plotly figure: no Altair legend
            spec = figure.to_dict()
            for colour in _domain_colours(spec):
                coloured += 1
                drawn = set(chart.data["domain_type"].dropna())
                assert colour["scale"]["domain"] == list(vocabulary.DOMAINS)
                shown = [d for d in vocabulary.DOMAINS if d in drawn]
                legend = colour["legend"]
                assert (legend and legend["values"]) == (shown or None), (
                    f"{page_name} {chart.key} under {query!r}"
                )
    assert coloured >= 3  # the checks above ran on the charts that colour by domain
