"""Company pairings scored: five parts, one taken from the programs, and their layouts.

A pairing's score is the mean of its parts; the matrix keeps the best pairing
per company pair and the network shows the US suppliers the pairings run through.
"""

from __future__ import annotations

import pandas as pd

from jkdefense.analysis.scoring import weighted_scores

PAIRING_CRITERIA = (
    "product_overlap",
    "supply_chain",
    "complementarity",
    "industrial_readiness",
    "political_feasibility",
)
# The pairing parts typed in company_pairings.csv; the political part is not
# typed there but taken from the programs the pairing serves.
TYPED_PAIRING_CRITERIA = PAIRING_CRITERIA[:-1]


def political_part(pairings: pd.DataFrame, programs: pd.DataFrame) -> pd.DataFrame:
    """Each pairing's political and export-control part, from its programs' rows.

    A pairing is only as feasible as the hardest program it serves, so the part
    is the lowest political_feasibility_score among its programs; the rationale
    names that program and repeats its reasoning. Never typed twice: a change
    in programs.csv shows on the pairings at once.
    """
    by_id = programs.set_index("program_id")
    scores, rationales = [], []
    for ids in pairings["program_ids"]:
        known = [i for i in ids if i in by_id.index]
        if not known:
            scores.append(pd.NA)
            rationales.append("No program in view to take the political part from.")
            continue
        hardest = min(known, key=lambda i: by_id.at[i, "political_feasibility_score"])
        row = by_id.loc[hardest]
        scores.append(row["political_feasibility_score"])
        rationales.append(
            f"From the program '{row['program_name']}' "
            f"({row['political_feasibility_score']} of 5): "
            f"{row['political_feasibility_rationale']}"
        )
    return pd.DataFrame(
        {
            "political_feasibility_score": pd.array(scores, dtype="Int64"),
            "political_feasibility_rationale": rationales,
        },
        index=pairings.index,
    )


def score_pairings(
    pairings: pd.DataFrame, companies: pd.DataFrame, programs: pd.DataFrame
) -> pd.DataFrame:
    """Pairings with names, a label, the political part and pairing_score.

    pairing_score is the mean of the five parts: the four typed in the pairing
    and the political part taken from its programs (political_part).
    """
    names = companies.set_index("company_id")["company_short_name"]
    kr_names = pairings["kr_company_id"].map(names)
    jp_names = pairings["jp_company_id"].map(names)
    scored = pairings.assign(
        kr_company_name=kr_names,
        jp_company_name=jp_names,
        pairing_label=kr_names
        + " × "
        + jp_names
        + " ("
        + pairings["domain_type"]
        + ")",
        **political_part(pairings, programs),
    )
    scored["pairing_score"] = weighted_scores(
        scored, dict.fromkeys(PAIRING_CRITERIA, 1.0)
    )
    return scored.sort_values(
        ["pairing_score", "pairing_id"], ascending=[False, True], ignore_index=True
    )


def pairing_matrix(scored: pd.DataFrame) -> pd.DataFrame:
    """KR × JP company cells with the best pairing score over the selected domains."""
    return scored.groupby(["kr_company_name", "jp_company_name"], as_index=False).agg(
        pairing_score=("pairing_score", "max"),
        domains=("domain_type", lambda s: ", ".join(sorted(set(s)))),
        pairing_count=("pairing_id", "size"),
    )


def bridge_network(
    scored: pd.DataFrame, companies: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (KR left, US middle, JP right) and edges company–bridge supplier.

    An edge's weight counts the pairings in view that run through that bridge.
    """
    names = companies.set_index("company_id")["company_short_name"]
    edges = []
    for row in scored.itertuples(index=False):
        for bridge in row.bridge_company_ids:
            edges.append((row.kr_company_id, bridge, row.pairing_id))
            edges.append((bridge, row.jp_company_id, row.pairing_id))
    edges = pd.DataFrame(edges, columns=["source_id", "target_id", "pairing_id"])
    edges = edges.groupby(["source_id", "target_id"], as_index=False).agg(
        weight=("pairing_id", "nunique")
    )
    # Every US supplier appears, so one the pairings never run through shows as such.
    suppliers = companies.loc[
        companies["company_role_type"] == "us_supplier", "company_id"
    ]
    bridges = [*[b for ids in scored["bridge_company_ids"] for b in ids], *suppliers]
    sides = {
        "KR": scored["kr_company_id"],
        "bridge": bridges,
        "JP": scored["jp_company_id"],
    }
    nodes = []
    for x, (side, ids) in enumerate(sides.items()):
        ordered = sorted(set(ids), key=lambda i: names.get(i, i))
        for y, node_id in enumerate(ordered):
            nodes.append(
                {
                    "node_id": node_id,
                    "node_name": names.get(node_id, node_id),
                    "side": side,
                    "x": x,
                    "y": (len(ordered) - 1) / 2 - y,
                }
            )
    return pd.DataFrame(nodes), edges
