"""The article's candidates stay visible: context labelled, ranked alone in a click."""

import pytest

from jkdefense.analysis import filters, shaping
from jkdefense.report import links, programs
from tests.apptest import run_page, vega_rows

EQUAL = {"threat_relevance": 1.0, "commonality": 1.0, "industrial_fit": 1.0}
EQUAL["political_feasibility"] = 1.0


def _view(package):
    return filters.ViewFilters(source_ids=package.source_ids)


def _labels():
    return {"subtitle": "s", "source": "Source: x"}


def _context_names(package) -> set[str]:
    table = package.tables["programs"]
    return set(table.loc[table["program_group_type"] == "context", "program_name"])


def test_every_ranked_context_program_says_so_on_every_chart_and_table(package):
    context = _context_names(package)
    assert context, "the package has context programs"
    page = programs.build(package.tables, _view(package), _labels(), EQUAL)
    for chart in page.charts:
        names = set(chart.data["program_name"])
        for name in context:
            assert name not in names, (chart.key, name)
            assert f"{name}{shaping.CONTEXT_MARK}" in names, (chart.key, name)
    assert {f"{n}{shaping.CONTEXT_MARK}" for n in context} <= set(
        page.rows["program_name"]
    )


@pytest.mark.parametrize(
    ("program_set", "groups"),
    [
        ("article", {"named_candidate", "feasible_area"}),
        ("candidates", {"named_candidate"}),
    ],
)
def test_the_article_s_programs_rank_alone(package, program_set, groups):
    page = programs.build(package.tables, _view(package), _labels(), EQUAL, program_set)
    assert set(page.rows["program_group_type"]) == groups
    ranked = page.charts[0].data
    assert not ranked["program_name"].str.endswith(shaping.CONTEXT_MARK).any()
    expected = package.tables["programs"]["program_group_type"].isin(groups).sum()
    assert ranked["program_name"].nunique() == expected
    assert (
        programs.PROGRAM_SETS[program_set][0].lower()
        in (page.charts[0].texts["subtitle"])
    )


def test_the_program_set_travels_in_a_link(package):
    view, settings = links.view_from_params(package, {"programs_set": ["candidates"]})
    assert settings["programs_set"] == "candidates"
    assert "programs_set=candidates" in links.params_from_view(package, view, settings)
    _, default = links.view_from_params(package, {"programs_set": ["<b>x</b>"]})
    assert default["programs_set"] == programs.PROGRAM_SET_DEFAULT
    assert "programs_set" not in links.params_from_view(package, view, default)


def test_one_click_ranks_the_article_s_four_candidates_in_the_app(package):
    at = run_page("programs", {"programs_set": "candidates"})
    assert not at.exception
    named = package.tables["programs"]
    names = set(
        named.loc[named["program_group_type"] == "named_candidate", "program_name"]
    )
    ranked = {row["program_name"] for row in vega_rows(at)[0]}
    assert ranked == names
    assert at.session_state["programs_set"] == "candidates"
