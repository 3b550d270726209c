"""Small hand-built frames for the pages' chart titles and takeaways.

In each, the row a title or takeaway must name (the peak, the leader, the best
pair, the most mentioned) is neither the first row, nor the last, nor the
minimum, so a function that picks any of those gives a different answer.
"""

import pandas as pd

from jkdefense.analysis import pairing_scores, scoring

# Threat cells: China (air) is the worst, in the second of four rows.
CELLS = pd.DataFrame(
    {
        "actor_name": ["Russia", "China", "North Korea", "China"],
        "domain_type": ["sea", "air", "missile", "sea"],
        "severity_score": [3, 5, 4, 2],
    }
)

# Scrambles peak in FY2016 (second row); FY2018, the article's year, is third.
SCRAMBLES = pd.DataFrame(
    {
        "fiscal_year": [2014, 2016, 2018, 2020],
        "total_count": [943, 1168, 999, 725],
        "china_count": [464, 851, 638, 458],
    }
)

# Programs in input order tanks, radios, ships, drones; equal-weight means
# 3.0, 1.5, 4.5, 3.5: ships (third row) leads, drones second by 1.00.
PROGRAMS = pd.DataFrame(
    {
        "program_id": ["p1", "p3", "p2", "p4"],
        "program_name": ["tanks", "radios", "ships", "drones"],
        "commonality_type": ["partial", "strong", "strong", "none"],
        "threat_relevance_score": [3, 1, 5, 4],
        "commonality_score": [3, 2, 4, 4],
        "industrial_fit_score": [3, 1, 5, 3],
        "political_feasibility_score": [3, 2, 4, 3],
    }
)
EQUAL = dict.fromkeys(scoring.PROGRAM_CRITERIA, 1.0)

COMPANIES = pd.DataFrame(
    {
        "company_id": ["k1", "k2", "j1", "j2", "u1", "u2", "u3", "u4"],
        "company_short_name": [
            "Hanwha",
            "HHI",
            "MHI",
            "KHI",
            "Boeing",
            "Lockheed Martin",
            "Raytheon",
            "L3Harris",
        ],
        "company_role_type": ["kr_industry"] * 2
        + ["jp_industry"] * 2
        + ["us_supplier"] * 4,
    }
)
SERVED = pd.DataFrame(
    {
        "program_id": ["p1", "p2", "p3"],
        "program_name": ["tanks", "ships", "radios"],
        "political_feasibility_score": pd.array([3, 4, 2], dtype="Int64"),
        "political_feasibility_rationale": ["possible", "open", "hard"],
    }
)
# Pairing scores a 3.0, b 4.4, c 2.0, d 3.4: b (second row) is the best.
# Lockheed Martin (u2) bridges b, c and d; Raytheon (u3) bridges none.
PAIRINGS = pd.DataFrame(
    {
        "pairing_id": ["a", "b", "c", "d"],
        "kr_company_id": ["k1", "k2", "k1", "k2"],
        "jp_company_id": ["j1", "j2", "j2", "j1"],
        "domain_type": ["sea", "air", "land", "sea"],
        "bridge_company_ids": [["u1"], ["u2"], ["u2", "u4"], ["u2"]],
        "program_ids": [["p1"], ["p2"], ["p3"], ["p1"]],
        "product_overlap_score": [3, 5, 2, 3],
        "supply_chain_score": [3, 4, 2, 3],
        "complementarity_score": [3, 5, 2, 4],
        "industrial_readiness_score": [3, 4, 2, 4],
        **{
            f"{c}_rationale": ["why"] * 4 for c in pairing_scores.TYPED_PAIRING_CRITERIA
        },
    }
)


def scored_pairings() -> pd.DataFrame:
    return pairing_scores.score_pairings(PAIRINGS, COMPANIES, SERVED)


# Steps in route order: the first not under way is the reversed second step.
STEPS = pd.DataFrame(
    {
        "step_name": ["Policy", "Acquisition", "R&D", "Industry", "Operations"],
        "progress_type": [
            "achieved",
            "reversed",
            "started",
            "not_started",
            "not_started",
        ],
    }
)

# Japan has the most mentions summed over articles (5 + 6), though China has
# the largest single row (9); Japan is neither the first nor the last row.
LABELLED = pd.DataFrame(
    {
        "source_id": ["a", "a", "b", "b"],
        "entity_name": ["China", "Japan", "Japan", "KAI"],
        "mention_count": [9, 5, 6, 2],
    }
)
