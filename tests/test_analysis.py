import pandas as pd
import pytest

from jkdefense.analysis import pairing_scores, scoring, threat_picture

PROGRAMS = pd.DataFrame(
    {
        "program_id": ["p1", "p2", "p3"],
        "program_name": ["tanks", "ships", "radios"],
        "threat_relevance_score": [5, 3, 1],
        "commonality_score": [1, 3, 5],
        "industrial_fit_score": [3, 3, 3],
        "political_feasibility_score": [3, 3, 3],
    }
)
EQUAL = dict.fromkeys(scoring.PROGRAM_CRITERIA, 1.0)


def test_weights_change_the_ranking():
    by_threat = {**EQUAL, "threat_relevance": 5.0}
    by_commonality = {**EQUAL, "commonality": 5.0}
    assert scoring.rank_programs(PROGRAMS, by_threat)["program_id"].iloc[0] == "p1"
    assert scoring.rank_programs(PROGRAMS, by_commonality)["program_id"].iloc[0] == "p3"


def test_equal_weights_tie_and_share_a_rank():
    ranked = scoring.rank_programs(PROGRAMS, EQUAL)
    assert list(ranked["rank"]) == [1, 1, 1]
    assert ranked["weighted_score"].tolist() == pytest.approx([3.0, 3.0, 3.0])


def test_zero_weights_give_no_score():
    zero = dict.fromkeys(scoring.PROGRAM_CRITERIA, 0.0)
    assert scoring.weighted_scores(PROGRAMS, zero).isna().all()


def test_rank_stability_is_seeded_and_brackets_the_rank():
    weights = {**EQUAL, "threat_relevance": 2.0}
    first = scoring.rank_stability(PROGRAMS, weights)
    assert first.equals(scoring.rank_stability(PROGRAMS, weights))
    assert (first["rank_min"] <= first["rank"]).all()
    assert (first["rank"] <= first["rank_max"]).all()
    assert first["share_same_rank"].between(0, 1).all()
    dominant = {**EQUAL, "threat_relevance": 5.0, "commonality": 0.0}
    assert scoring.rank_stability(PROGRAMS, dominant)["share_same_rank"].iloc[0] == 1.0


def test_rank_stability_band_holds_a_tied_rank_the_draws_break():
    # Under equal weights all three tie at 1st; every draw breaks the tie, so
    # some program never comes 1st in a draw, yet its band must still reach 1.
    result = scoring.rank_stability(PROGRAMS, EQUAL)
    assert list(result["rank"]) == [1, 1, 1]
    assert (result["rank_min"] == 1).all()
    assert result["rank_max"].max() > 1


def test_contributions_add_up_to_the_weighted_score():
    weights = {**EQUAL, "commonality": 3.0}
    ranked = scoring.rank_programs(PROGRAMS, weights)
    parts = scoring.score_contributions(ranked, weights, "program_name")
    totals = parts.groupby("program_name")["contribution"].sum()
    expected = ranked.set_index("program_name")["weighted_score"]
    assert totals.sort_index().tolist() == pytest.approx(expected.sort_index().tolist())


def test_scrambles_long_form():
    wide = pd.DataFrame(
        {
            "fiscal_year": [2018],
            "total_count": [999],
            "china_count": [638],
            "russia_count": [343],
            "other_count": [18],
        }
    )
    long = threat_picture.scrambles_by_actor(wide)
    assert dict(zip(long["actor_code"], long["scramble_count"], strict=True)) == {
        "CN": 638,
        "RU": 343,
        "other": 18,
    }


PAIRINGS = pd.DataFrame(
    {
        "pairing_id": ["a", "b"],
        "kr_company_id": ["k1", "k1"],
        "jp_company_id": ["j1", "j2"],
        "domain_type": ["sea", "air"],
        "bridge_company_ids": [["u1"], ["u1", "u2"]],
        "program_ids": [["p2"], ["p1", "p3"]],
        "product_overlap_score": [5, 2],
        "supply_chain_score": [5, 2],
        "complementarity_score": [3, 2],
        "industrial_readiness_score": [3, 2],
    }
)
COMPANIES = pd.DataFrame(
    {
        "company_id": ["k1", "j1", "j2", "u1", "u2"],
        "company_short_name": ["K One", "J One", "J Two", "U One", "U Two"],
        "company_role_type": [
            "kr_industry",
            "jp_industry",
            "jp_industry",
            "us_supplier",
            "us_supplier",
        ],
    }
)


SERVED = pd.DataFrame(
    {
        "program_id": ["p1", "p2", "p3"],
        "program_name": ["tanks", "ships", "submarines"],
        "political_feasibility_score": pd.array([4, 3, 1], dtype="Int64"),
        "political_feasibility_rationale": ["open: …", "possible: …", "blocked: …"],
    }
)


def test_pairing_score_is_the_mean_of_five_parts_with_the_programs_politics():
    scored = pairing_scores.score_pairings(PAIRINGS, COMPANIES, SERVED)
    # a: (5+5+3+3 + ships 3) / 5; b: (2+2+2+2 + the harder of tanks 4, submarines 1)
    assert scored["pairing_score"].tolist() == [3.8, 1.8]
    assert scored["political_feasibility_score"].tolist() == [3, 1]
    assert (
        scored["political_feasibility_rationale"]
        .iloc[1]
        .startswith("From the program 'submarines' (1 of 5): blocked")
    )
    assert scored["kr_company_name"].iloc[0] == "K One"


def test_a_programs_political_score_moves_its_pairings_without_retyping():
    easier = SERVED.assign(political_feasibility_score=pd.array([4, 3, 5], "Int64"))
    scored = pairing_scores.score_pairings(PAIRINGS, COMPANIES, easier)
    assert scored.set_index("pairing_id")["political_feasibility_score"]["b"] == 4
    assert scored.set_index("pairing_id")["pairing_score"]["b"] == 2.4


def test_pairing_matrix_keeps_the_best_score_per_pair():
    doubled = pd.concat(
        [PAIRINGS, PAIRINGS.assign(pairing_id=["c", "d"], product_overlap_score=[1, 1])]
    )
    matrix = pairing_scores.pairing_matrix(
        pairing_scores.score_pairings(doubled, COMPANIES, SERVED)
    )
    assert matrix.set_index("jp_company_name")["pairing_score"].to_dict() == {
        "J One": 3.8,
        "J Two": 1.8,
    }


def test_bridge_network_puts_suppliers_between_the_two_sides():
    nodes, edges = pairing_scores.bridge_network(
        pairing_scores.score_pairings(PAIRINGS, COMPANIES, SERVED), COMPANIES
    )
    assert nodes.set_index("node_id")["side"].to_dict() == {
        "k1": "KR",
        "u1": "bridge",
        "u2": "bridge",
        "j1": "JP",
        "j2": "JP",
    }
    weights = edges.set_index(["source_id", "target_id"])["weight"].to_dict()
    assert weights[("k1", "u1")] == 2 and weights[("u2", "j2")] == 1
