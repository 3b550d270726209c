"""Each chart title states what the data shows, not the first or last row."""

import pandas as pd

from jkdefense.analysis import pairing_scores, scoring, shaping
from jkdefense.report import pairings, pathway, programs, sources, threats
from jkdefense.report.base import PageView
from tests.report_frames import (
    CELLS,
    COMPANIES,
    EQUAL,
    LABELLED,
    PROGRAMS,
    SCRAMBLES,
    SERVED,
    STEPS,
    scored_pairings,
)

LABELS = {"subtitle": "Filters: all domains", "source": "Source: X."}


def test_threat_matrix_title_names_the_highest_cell():
    assert threats.matrix_title(CELLS) == "China (air) rates highest, at 5/5"


def test_threat_matrix_title_names_every_cell_tied_for_highest():
    cells = pd.concat([CELLS, CELLS.iloc[[1]].assign(actor_name="North Korea")])
    assert threats.matrix_title(cells.iloc[1:]) == (
        "China (air) and North Korea (air) rate highest, at 5/5"
    )


def test_scramble_title_names_the_jasdf_the_trend_and_the_peak():
    assert threats.scramble_title(SCRAMBLES) == (
        "JASDF scrambles went from 943 (FY2014) to 725 (FY2020), 63% of them "
        "against Chinese aircraft; the peak was 1,168 in FY2016"
    )
    # A peak at either end is the trend itself: not said twice.
    rising = SCRAMBLES[SCRAMBLES["fiscal_year"] <= 2016]
    assert threats.scramble_title(rising) == (
        "JASDF scrambles went from 943 (FY2014) to 1,168 (FY2016), 73% of them "
        "against Chinese aircraft"
    )


def test_timeline_title_counts_events_from_april_2019_on():
    events = pd.DataFrame(
        {
            "incident_date": pd.to_datetime(
                ["2018-12-20", "2019-07-23", "2019-03-31", "2019-04-01", "2017-01-09"]
            )
        }
    )
    assert threats.timeline_title(events) == (
        "5 events in view, 2 of them after the article (March 2019)"
    )
    later, earlier = events.iloc[[1, 3]], events.iloc[[0, 2]]
    assert threats.timeline_title(later) == (
        "2 events in view, all of them after the article (March 2019)"
    )
    assert threats.timeline_title(earlier) == (
        "2 events in view, none of them after the article (March 2019)"
    )
    assert threats.timeline_title(later.head(1)) == (
        "1 event in view, from after the article (March 2019)"
    )


def test_ranking_title_names_the_leader_and_its_lead_over_the_second():
    ranked = scoring.rank_programs(PROGRAMS, EQUAL)
    assert programs.ranking_title(ranked) == (
        "First of the 4 programs in view: ships, 1.00 points ahead"
    )
    assert programs.ranking_title(ranked, "at equal weights").startswith(
        "First of the 4 programs at equal weights: ships"
    )


def test_ranking_title_says_when_first_place_is_shared():
    # Drones rise to ships' 4.50; the names break the tie.
    tied = PROGRAMS.assign(
        industrial_fit_score=[3, 1, 5, 5], political_feasibility_score=[3, 2, 4, 5]
    )
    ranked = scoring.rank_programs(tied, EQUAL)
    assert programs.ranking_title(ranked) == (
        "First of the 4 programs in view: drones, tied with the next"
    )


def test_stability_title_counts_programs_whose_rank_never_moves():
    stability = pd.DataFrame(
        {
            "program_name": ["drones", "tanks", "torpedoes", "radars", "ships"],
            "rank_min": [1, 2, 2, 3, 5],
            "rank_max": [2, 2, 4, 3, 5],
        }
    )
    assert programs.stability_title(stability) == (
        "3 of 5 programs keep their rank when weights shift ±50%"
    )
    assert programs.stability_title(stability.iloc[:3]) == (
        "Only tanks keeps its rank when weights shift ±50% (1 of 3 programs)"
    )
    assert programs.stability_title(stability.iloc[[1, 3, 4]]) == (
        "Every one of the 3 programs keeps its rank when weights shift ±50%"
    )
    assert programs.stability_title(stability.iloc[[0, 2]]) == (
        "No program keeps its rank when weights shift ±50%: the order rests on "
        "the weights"
    )


def test_pairing_matrix_title_names_the_best_scored_pair():
    assert pairings.matrix_title(scored_pairings()) == "HHI × KHI pair best (4.40/5)"


def test_network_title_names_the_busiest_bridge_and_the_idle_ones():
    nodes, edges = pairing_scores.bridge_network(scored_pairings(), COMPANIES)
    assert pairings.network_title(edges, nodes) == (
        "Lockheed Martin bridges the most pairings (3); 1 named supplier bridges none"
    )


def test_network_title_without_edges_says_no_pairing_runs_through_a_supplier():
    nodes, edges = pairing_scores.bridge_network(scored_pairings().iloc[0:0], COMPANIES)
    assert pairings.network_title(edges, nodes) == (
        "No pairing in view runs through a US supplier"
    )


def pairings_page() -> PageView:
    page = PageView("Company pairings", label_column="pairing_label")
    page.rows = shaping.pairings_for_display(scored_pairings(), COMPANIES, SERVED)
    return page


def test_parts_title_is_that_of_the_chosen_pairing():
    chart = pairings.parts(pairings_page(), "Hanwha × MHI (sea)", LABELS)
    assert chart.title == "Why Hanwha × MHI (sea) scores 3.00/5"
    assert set(chart.data["pairing_label"]) == {"Hanwha × MHI (sea)"}


def test_parts_title_falls_back_to_the_best_pairing_when_none_is_chosen():
    chart = pairings.parts(pairings_page(), None, LABELS)
    assert chart.title == "Why HHI × KHI (air) scores 4.40/5"


def test_parts_title_gives_the_score_to_two_decimals():
    pairing = pd.Series({"pairing_label": "K × J (sea)", "pairing_score": 3.8})
    assert pairings.parts_title(pairing) == "Why K × J (sea) scores 3.80/5"


def test_steps_title_counts_only_started_and_achieved_steps():
    assert pathway.steps_title(STEPS) == (
        "2 of 5 steps from policy to joint operations are under way"
    )
    one_moving = STEPS[STEPS["progress_type"] != "achieved"]
    assert pathway.steps_title(one_moving).split(" from ")[0] == "1 of 4 steps"
    assert " is under way" in pathway.steps_title(one_moving)


def test_precedent_title_names_the_largest_partnership():
    precedents = pd.DataFrame(
        {
            "precedent_name": ["FREMM", "Eurofighter Typhoon", "GCAP"],
            "partner_country_codes": [["FR", "IT"], ["GB", "DE", "IT", "ES"], ["JP"]],
        }
    )
    assert pathway.precedent_title(precedents) == (
        "Eurofighter Typhoon has the most partners (4); "
        "the 3 precedents in view join 1 to 4 nations"
    )
    tied = precedents.assign(partner_country_codes=[["FR", "IT"], ["GB", "DE"], ["JP"]])
    assert pathway.precedent_title(tied.head(2)) == (
        "The 2 precedents in view each join 2 nations"
    )
    assert pathway.precedent_title(tied) == (
        "FREMM and Eurofighter Typhoon have the most partners (2); "
        "the 3 precedents in view join 1 to 2 nations"
    )
    assert pathway.precedent_title(precedents.head(1)) == (
        "FREMM, the one precedent in view, joins 2 nations"
    )


def test_mention_title_names_the_entity_with_most_mentions_over_articles():
    assert sources.mention_title(LABELLED) == (
        "Japan is named most often (11 mentions)"
    )


def test_verdict_title_counts_every_verdict_but_supported():
    claims = pd.DataFrame(
        {
            "verdict_type": [
                "supported",
                "wrong",
                "partly_supported",
                "supported",
                "outdated",
                "unsupported",
                "supported",
            ]
        }
    )
    assert sources.verdict_title(claims) == (
        "4 of 7 checked claims need a caveat or correction"
    )


def test_coverage_title_sums_each_domain_over_the_tables():
    # Sea has the largest single count (3) and comes first; land comes last;
    # air, in the middle, has the most rows once the tables are added up.
    coverage = pd.DataFrame(
        {
            "domain_type": ["sea", "air", "air", "land", "land"],
            "row_count": [3, 1, 3, 1, 2],
            "table_name": ["Threats", "Threats", "Programs", "Programs", "Pairings"],
        }
    )
    assert sources.coverage_title(coverage) == (
        "Air carries the most rows in view (4 of 10)"
    )


def test_turning_points_fall_inside_their_fiscal_year():
    # FY2019 runs April 2019 to March 2020 and its bar spans 2018.5 to 2019.5.
    notice = threats.fiscal_position(pd.Timestamp("2019-08-22"))
    assert 2018.5 < notice < 2019.5 and round(notice, 2) == 2018.89
    restored = threats.fiscal_position(pd.Timestamp("2023-03-21"))
    assert 2021.5 < restored < 2022.5  # March 2023 is still FY2022
    assert threats.fiscal_position(threats.ARTICLE_PUBLISHED) < 2018.5
