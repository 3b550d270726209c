"""Each page's takeaway names what the data says, not the first or last row."""

import pandas as pd

from jkdefense.analysis import scoring
from jkdefense.report import curate, overview, pairings, pathway, sources, threats
from jkdefense.report import programs as programs_page
from tests.report_frames import (
    CELLS,
    EQUAL,
    LABELLED,
    PROGRAMS,
    SCRAMBLES,
    STEPS,
    scored_pairings,
)


def test_threat_takeaway_names_the_worst_cell_and_the_peak_year():
    assert threats.takeaway(CELLS, SCRAMBLES) == (
        "Most severe in view (severity 5/5): China (air). "
        "JASDF scrambles peaked at 1,168 in FY2016; in FY2018, as the article "
        "appeared, 999, 64% of them against Chinese aircraft."
    )


def test_threat_takeaway_without_scrambles_names_only_the_cells():
    assert threats.takeaway(CELLS.iloc[[0, 3]], SCRAMBLES.iloc[0:0]) == (
        "Most severe in view (severity 3/5): Russia (sea)."
    )


def test_program_takeaway_names_the_leader_and_how_firmly_it_leads():
    ranked = scoring.rank_programs(PROGRAMS, EQUAL)
    # Stability in another order than the ranking: the leader's share is read
    # by its program_id, not by position.
    stability = pd.DataFrame(
        {
            "program_id": ["p1", "p4", "p2", "p3"],
            "share_same_rank": [0.5, 0.6, 0.87, 0.2],
        }
    )
    assert programs_page.takeaway(ranked, stability) == (
        "Ships ranks first at 4.50/5 at the weights shown and keeps rank 1 in 87% "
        "of perturbed weightings; strong existing commonality: ships and radios."
    )
    # A name opens the sentence as written but for its first letter.
    named = ranked.assign(program_name=["patriot PAC-3", "tanks", "radios", "drones"])
    assert programs_page.takeaway(named, stability).startswith("Patriot PAC-3 ranks")


def test_pathway_takeaway_counts_progress_and_names_the_first_open_step():
    # Reversed counts as not under way, and comes before the first not_started.
    assert pathway.takeaway(STEPS) == (
        "2 of 5 steps on the article's route have started or been reached; "
        "the first step not under way is Acquisition."
    )


def test_pairing_takeaway_names_the_best_scored_pairing():
    assert pairings.takeaway(scored_pairings()) == (
        "Strongest pairing in view: HHI × KHI (air, 4.40/5), of 4 pairings shown."
    )
    assert pairings.takeaway(scored_pairings().head(1)) == (
        "Strongest pairing in view: HHI × KHI (air, 4.40/5), the one pairing shown."
    )


def test_sources_takeaway_sums_the_feed_and_names_the_most_mentioned():
    feed = pd.DataFrame(
        {
            "sentence_count": [40, 1200, 3],
            "mention_count": [10, 2300, 0],
            "curated_rows": [12, 0, 3],
        }
    )
    assert sources.takeaway(feed, LABELLED) == (
        "3 articles, 1,243 sentences, 2,310 entity mentions; "
        "most mentioned: Japan (11). 1 of 3 articles is not yet curated: no curated "
        "row cites it; Curate proposes rows from its sentences."
    )


def test_overview_takeaway_counts_severe_threats_and_names_both_leaders():
    threat_rows = pd.DataFrame({"severity_score": [3, 4, 2, 5]})
    ranked = scoring.rank_programs(PROGRAMS, EQUAL)
    assert overview.takeaway(threat_rows, ranked, scored_pairings()) == (
        "2 of 4 threats in view rate 4+ severity; ships leads the programs at "
        "equal weights; HHI × KHI is the strongest pairing."
    )
    only_threats = overview.takeaway(threat_rows.head(3), ranked[:0], pd.DataFrame())
    assert only_threats == "1 of 3 threats in view rates 4+ severity."
    # Without threats in view, the sentence opens on the program, capitalised.
    assert overview.takeaway(threat_rows[:0], ranked, pd.DataFrame()) == (
        "Ships leads the programs at equal weights."
    )
    assert overview.takeaway(threat_rows[:0], ranked[:0], pd.DataFrame()) == ""


def test_curate_takeaway_agrees_its_verb_with_the_rows_waiting():
    rows = pd.DataFrame(
        {
            "evidence_sentence_ids": ["a:s001", "a:s002;b:s009", "b:s003"],
            "table": ["threats", "threats", "programs"],
        }
    )
    assert curate.takeaway(rows) == (
        "3 proposed rows from 2 articles wait for review (2 threats, 1 programs)."
    )
    assert curate.takeaway(rows.head(1)) == (
        "1 proposed row from 1 article waits for review (1 threats)."
    )
