"""The domain filter does what a person means: none is all, one is that one alone."""

import pytest

from jkdefense.analysis import filters
from jkdefense.data import vocabulary
from jkdefense.report import links
from tests.apptest import run_page


@pytest.mark.parametrize(
    ("choice", "domains", "words"),
    [
        ((), vocabulary.DOMAINS, "all domains"),
        (("sea",), ("sea",), "Sea"),
        (("maritime",), ("sea", "undersea"), "Maritime (sea and undersea)"),
        (
            ("maritime", "air"),
            ("sea", "undersea", "air"),
            "Maritime (sea and undersea), Air",
        ),
        (vocabulary.DOMAINS, vocabulary.DOMAINS, "all domains"),
    ],
)
def test_a_choice_covers_its_domains_and_says_so(choice, domains, words):
    assert filters.domains_of(choice) == domains
    assert filters.describe_domains(choice, domains) == words


def test_a_link_holds_the_choice_as_made(package):
    view, _ = links.view_from_params(package, {"domain": ["maritime", "nowhere"]})
    assert view.domains == ("sea", "undersea")
    assert view.domain_choice == ("maritime",)
    assert links.params_from_view(package, view) == "domain=maritime"
    everything, _ = links.view_from_params(package, {})
    assert everything.domains == vocabulary.DOMAINS and everything.domain_choice == ()


def test_the_app_starts_with_no_domain_chosen_and_every_domain_in_view():
    at = run_page("threats")
    assert not at.exception
    assert at.pills(key="domain").value == []
    assert "Filters: all domains" in at.caption[0].value.replace("\\", "")


def test_one_domain_chosen_in_the_app_is_that_domain_alone():
    at = run_page("threats")
    at.pills(key="domain").set_value(["sea"]).run()
    assert not at.exception
    assert at.session_state["domain"] == ["sea"]
    assert "Filters: Sea · focus" in at.caption[0].value.replace("\\", "")
    at.pills(key="domain").set_value([]).run()
    assert "Filters: all domains" in at.caption[0].value.replace("\\", "")


QUERIES = [f"domain={choice}" for choice in vocabulary.DOMAIN_CHOICES] + [
    "focus=KR",
    "focus=JP",
    "",
]


def test_a_sea_view_shows_the_programs_that_answer_sea_threats(package):
    from jkdefense.report import programs

    view, _ = links.view_from_params(package, {"domain": ["sea"]})
    shown = set(programs.programs_in_view(package.tables, view)["program_id"])
    links_table = package.tables["program_threats"]
    threats = package.tables["threats"].set_index("threat_id")["domain_type"]
    answering = set(
        links_table.loc[links_table["threat_id"].map(threats) == "sea", "program_id"]
    )
    assert answering and answering <= shown
    # Programs of other domains come in only by answering a sea threat.
    own = set(
        package.tables["programs"].query("domain_type in ['sea', 'multi']")[
            "program_id"
        ]
    )
    assert shown - own <= answering
    assert len(shown) >= 3


def test_a_cross_domain_threat_pulls_no_program_into_a_domain_view(package):
    links_table = package.tables["program_threats"]
    threats = package.tables["threats"]
    multi = set(threats.loc[threats["domain_type"] == "multi", "threat_id"])
    only_multi = links_table[links_table["threat_id"].isin(multi)]
    assert not only_multi.empty  # programs do answer cross-domain threats
    assert filters.answering_ids(only_multi, threats, ("land",)) == set()
    assert filters.answering_ids(only_multi, threats, ("multi",)) == set()


@pytest.mark.parametrize("query", QUERIES)
def test_no_view_ranks_one_program_against_itself(package, query):
    from jkdefense.report import context

    view, settings = links.view_from_params(package, links.parse_query(query))
    pages = {p.title: p for p in context.all_page_views(package, view, settings)}
    charts = {c.key: c for c in pages["Joint programs"].charts}
    ranking = charts["programs_ranking"]
    if ranking.kind == "cards.finding_card":
        assert "programs_stability" not in charts
        assert "one program in view" in ranking.title
    else:
        assert ranking.data["program_name"].nunique() >= 2
        assert charts["programs_stability"].data["program_id"].nunique() >= 2


@pytest.mark.parametrize("query", ["domain=sea", "domain=maritime"])
def test_sea_and_maritime_rankings_compare_several_programs(package, query):
    from jkdefense.report import context

    view, settings = links.view_from_params(package, links.parse_query(query))
    pages = {p.title: p for p in context.all_page_views(package, view, settings)}
    ranking = next(
        c for c in pages["Joint programs"].charts if c.key == "programs_ranking"
    )
    assert ranking.kind == "rankings.ranking_chart"
    assert ranking.data["program_name"].nunique() >= 4
