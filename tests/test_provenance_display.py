"""What readers see of provenance and judgments: sources, tiers, rubrics, versions."""

import re

import pandas as pd
import pytest

from jkdefense.analysis import evidence, filters, pairing_scores, rubric
from jkdefense.data import schema
from jkdefense.render import draw, export, slides
from jkdefense.report import context, setting_records, threats

VIEW = filters.ViewFilters(source_ids=("yoon-2019-diplomat",))
SETTINGS = {
    "threats_actor": ["CN", "KP", "RU"],
    **{setting.key: 1.0 for setting in setting_records.PROGRAM_WEIGHTS.values()},
    "programs_set": "all",
    "pairings_company": [],
    "pairings_pair": None,
}
# Charts that plot analyst scores or judged categories, and the judgment they show.
SCORE_CHARTS = {
    "threats_matrix": "Severity",
    "programs_ranking": "Threat relevance",
    "programs_stability": "Political and export-control feasibility",
    "programs_scores": "Commonality",
    "pairings_matrix": "Shared supply chain",
    "pairings_parts": "Political and export-control feasibility",
    "pathway_steps": "Progress",
    "pathway_developments": "State after",
}


@pytest.fixture(scope="module")
def labels(package):
    return context.chart_labels(package, VIEW)


@pytest.fixture(scope="module")
def charts(package):
    pages = context.all_page_views(package, VIEW, SETTINGS)
    return {chart.key: chart for page in pages for chart in page.charts}


def test_the_scramble_chart_names_japan_s_joint_staff_as_its_source(charts):
    source = draw.figure(charts["threats_scrambles"]).to_json()
    assert "Source: Japan Joint Staff Office scramble reports" in source
    # The article is the context, named after the outside source.
    assert source.index("context: Sukjoon") > source.index("Joint Staff Office")


def test_a_chart_of_the_article_alone_names_only_the_article(charts):
    spec = draw.figure(charts["threats_matrix"]).to_json()
    assert "Source: Sukjoon Yoon" in spec
    assert "Joint Staff" not in spec


def test_the_exported_svg_carries_the_outside_source(charts):
    chart = charts["threats_timeline"]
    svg = export.chart_svg(draw.figure(chart), chart.description, chart.title)
    # The caption under the plot names the outside source; the full citation,
    # with the articles, is the picture's description.
    assert "Source: government and press reports" in svg
    assert "<desc>" in svg and "Sukjoon Yoon" in svg.split("<desc>")[1]


@pytest.mark.parametrize(("key", "criterion"), SCORE_CHARTS.items())
def test_every_score_chart_says_what_its_levels_mean(charts, key, criterion):
    legend = charts[key].legend
    assert f"{criterion}, an analyst judgment (rubrics.csv):" in legend
    levels = legend.split(f"{criterion}, an analyst judgment (rubrics.csv):")[1]
    assert levels.count(" · ") >= 3  # every level named, in the rubric's order


def test_pairing_parts_show_the_political_part_taken_from_the_program(package):
    scored = pairing_scores.score_pairings(
        package.tables["company_pairings"],
        package.tables["companies"],
        package.tables["programs"],
    )
    programs = package.tables["programs"].set_index("program_id")
    for row in scored.itertuples():
        lowest = min(
            programs.at[i, "political_feasibility_score"] for i in row.program_ids
        )
        assert row.political_feasibility_score == lowest
        parts = [getattr(row, f"{c}_score") for c in pairing_scores.PAIRING_CRITERIA]
        assert row.pairing_score == pytest.approx(sum(parts) / 5)


def test_a_judged_category_keeps_the_rubric_s_order(package):
    note = rubric.scale_note(package.tables["rubrics"], "pathway", "progress_type")
    assert note.endswith(": not started · talks · started · achieved · reversed.")
    note = rubric.scale_note(package.tables["rubrics"], "threats", "severity_score")
    assert note.endswith(": 1 negligible · 2 low · 3 moderate · 4 high · 5 severe.")


def test_the_evidence_line_shows_the_source_tier():
    row = pd.Series(
        {
            "reference_url": "https://www.mod.go.jp/e/press/a.html",
            "reference_status": "verified",
            "reference_tier": 1,
        }
    )
    line = evidence.reference_line(row, {1: "official"})
    assert line == (
        "Reference (verified, tier 1: official): https://www.mod.go.jp/e/press/a.html"
    )
    assert evidence.reference_line(row.drop("reference_url"), {}) == ""


def test_briefing_notes_carry_the_rubric_and_the_tiers(package):
    page = threats.build(
        package.tables, VIEW, context.chart_labels(package, VIEW), ["CN", "KP", "RU"]
    )
    notes = slides.page_notes(
        page.rows,
        package.tables["sentences"],
        "Source: Yoon",
        package.tables["rubrics"],
        schema.tier_names(package.descriptor),
    )
    assert "How to read the analyst judgments (rubrics.csv):" in notes
    assert "Severity (threats.severity_score):" in notes
    assert "Trend (threats.trend_type):" in notes
    assert re.search(r"Reference \(verified, tier [12]: ", notes)
    assert "Cited sentences:" in notes


def test_the_change_log_opens_with_the_package_version(package):
    log = context.change_log(package)
    first = re.search(r"^## (\S+)", log, flags=re.MULTILINE)
    assert first is not None and first.group(1) == package.descriptor["version"]
    for table in ("programs", "company_pairings", "claims", "rubrics", "drivers"):
        assert f"### {table}" in log, table


def test_the_timeline_svg_carries_every_event_label(charts, package):
    svg = export.chart_svg(draw.figure(charts["threats_timeline"]))
    for label in (
        "Radar dispute (accounts differ)",
        "Camp David",
        "GSOMIA notice (accounts differ)",
        "Il-38 violation",
    ):
        assert label in svg, label
    names = charts["threats_timeline"].data["timeline_label"]
    assert len(names) > 20
    assert all(name in svg for name in names)  # every event of the view
