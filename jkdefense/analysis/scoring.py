"""Pure analysis the pages show: threat matrix, scramble series, rankings, pairings."""

from __future__ import annotations

import numpy as np
import pandas as pd

PROGRAM_CRITERIA = (
    "threat_relevance",
    "commonality",
    "industrial_fit",
    "political_feasibility",
)
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
CRITERION_LABELS = {
    "threat_relevance": "Threat relevance",
    "commonality": "Commonality",
    "industrial_fit": "Industrial fit",
    "political_feasibility": "Political/export-control feasibility",
    "product_overlap": "Product overlap",
    "supply_chain": "Shared supply chain",
    "complementarity": "Complementarity",
    "industrial_readiness": "Industrial readiness",
}
SCRAMBLE_ACTORS = {"china_count": "CN", "russia_count": "RU", "other_count": "other"}


def threat_matrix(threats: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Actor × domain cells with the highest severity and the threats behind it."""
    names = dict(zip(countries["country_code"], countries["country_name"], strict=True))
    # Sorted by name within each cell first, so each cell lists its threats A–Z.
    ordered = threats.sort_values(["actor_country_code", "domain_type", "threat_name"])
    cells_of = ordered.groupby(["actor_country_code", "domain_type"], sort=False)
    cells = cells_of["severity_score"].max().reset_index()
    cells["threat_count"] = cells_of.size().to_numpy()
    # A name left empty (reported by validate) is left out, not a crash.
    cells["threat_names"] = (
        cells_of["threat_name"].agg(lambda names: "; ".join(names.dropna())).to_numpy()
    )
    cells["actor_name"] = cells["actor_country_code"].map(names)
    return cells


def scrambles_by_actor(scrambles: pd.DataFrame) -> pd.DataFrame:
    """Long table of scrambles: fiscal_year, actor_code, scramble_count."""
    long = scrambles.melt(
        id_vars="fiscal_year",
        value_vars=list(SCRAMBLE_ACTORS),
        var_name="column",
        value_name="scramble_count",
    )
    long["actor_code"] = long.pop("column").map(SCRAMBLE_ACTORS)
    return long.sort_values(["fiscal_year", "actor_code"], ignore_index=True)


def weighted_scores(frame: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    """Weighted mean of ``<criterion>_score`` columns (1–5); zero weights drop out."""
    total = sum(weights.values())
    if total <= 0:
        return pd.Series(np.nan, index=frame.index)
    parts = sum(frame[f"{c}_score"].astype(float) * w for c, w in weights.items())
    return parts / total


def rank_programs(programs: pd.DataFrame, weights: dict[str, float]) -> pd.DataFrame:
    """Programs with their weighted score and rank (1 = best; ties share a rank)."""
    ranked = programs.assign(weighted_score=weighted_scores(programs, weights))
    ranked["rank"] = ranked["weighted_score"].rank(ascending=False, method="min")
    return ranked.sort_values(["rank", "program_name"], ignore_index=True)


def score_contributions(
    ranked: pd.DataFrame, weights: dict[str, float], label_column: str
) -> pd.DataFrame:
    """Long table of each criterion's share of the weighted score, for stacked bars."""
    total = sum(weights.values()) or 1.0
    rows = []
    for _, row in ranked.iterrows():
        for criterion, weight in weights.items():
            rows.append(
                {
                    label_column: row[label_column],
                    "criterion": criterion,
                    "criterion_name": CRITERION_LABELS[criterion],
                    "score": row[f"{criterion}_score"],
                    "contribution": row[f"{criterion}_score"] * weight / total,
                }
            )
    return pd.DataFrame(rows)


# How far each weight moves in the stability test: up to half either way.
WEIGHT_SPREAD = 0.5


def rank_stability(
    programs: pd.DataFrame,
    weights: dict[str, float],
    *,
    spread: float = WEIGHT_SPREAD,
    draws: int = 300,
    seed: int = 2019,
) -> pd.DataFrame:
    """How each program's rank moves when every weight is perturbed by up to ±spread.

    Each draw multiplies every weight by a factor from U(1-spread, 1+spread);
    the seed keeps the result identical between runs. The range includes the
    rank under the chosen weights: a tie there (two programs sharing 15th) is
    broken by every draw, and a band that left out the shown rank would read
    as a contradiction.
    """
    criteria = list(weights)
    base = np.array([weights[c] for c in criteria], dtype=float)
    scores = programs[[f"{c}_score" for c in criteria]].to_numpy(dtype=float)
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1 - spread, 1 + spread, size=(draws, len(criteria)))
    perturbed = factors * base
    totals = perturbed.sum(axis=1, keepdims=True)
    totals[totals == 0] = 1.0
    weighted = scores @ (perturbed / totals).T  # programs × draws
    ranks = pd.DataFrame(weighted).rank(ascending=False, method="min").to_numpy()
    base_rank = rank_programs(programs, weights).set_index("program_id")["rank"]
    shown_rank = programs["program_id"].map(base_rank).to_numpy(dtype=float)
    result = pd.DataFrame(
        {
            "program_id": programs["program_id"].to_numpy(),
            "program_name": programs["program_name"].to_numpy(),
            "rank_min": np.minimum(ranks.min(axis=1), shown_rank),
            "rank_median": np.median(ranks, axis=1),
            "rank_max": np.maximum(ranks.max(axis=1), shown_rank),
        }
    )
    result["rank"] = shown_rank
    same = ranks == result["rank"].to_numpy()[:, None]
    result["share_same_rank"] = same.mean(axis=1)
    return result.sort_values(["rank", "program_name"], ignore_index=True)


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


# Each criterion in a word, for a caption that must stay one short line.
CRITERION_WORDS = {
    "threat_relevance": "threat",
    "commonality": "commonality",
    "industrial_fit": "industry",
    "political_feasibility": "politics",
}


def describe_weights(weights: dict[str, float]) -> str:
    """Name the scoring weights in a few words, for captions: equal, or each one."""
    if len(set(weights.values())) == 1:
        return "equal weights"
    parts = [f"{CRITERION_WORDS.get(c, c)} {w:g}" for c, w in weights.items()]
    return "weights: " + ", ".join(parts)


def domain_standing(
    threats: pd.DataFrame,
    ranked: pd.DataFrame,
    scored: pd.DataFrame,
    domains: tuple[str, ...],
    answering: dict[str, set[str]] | None = None,
) -> pd.DataFrame:
    """Per domain: its most severe threat, leading program and strongest pairing.

    ``ranked`` are programs with ``weighted_score`` (best first) and ``scored``
    pairings with ``pairing_score`` (best first); ties keep the better-ranked
    row. Cross-domain ("multi") rows count only under the multi domain itself,
    so each line says what is particular to its domain. ``answering`` gives,
    per domain, the programs that answer its threats: they and their pairings
    count under it too, whatever their own domain.
    """
    rows = []
    for domain in domains:
        answers = (answering or {}).get(domain, set())
        threat = _first(
            threats[threats["domain_type"] == domain].sort_values(
                "severity_score", ascending=False, kind="stable"
            )
        )
        program = _first(
            ranked[
                (ranked["domain_type"] == domain) | ranked["program_id"].isin(answers)
            ]
        )
        serves = pd.Series(
            [bool(set(ids) & answers) for ids in scored["program_ids"]],
            index=scored.index,
            dtype=bool,
        )
        pairing = _first(scored[(scored["domain_type"] == domain) | serves])
        rows.append(
            {
                "domain_type": domain,
                "threat_name": _get(threat, "threat_name"),
                "severity_score": _get(threat, "severity_score"),
                "program_name": _get(program, "program_name"),
                "program_score": _get(program, "weighted_score"),
                "pairing_label": _get(pairing, "pairing_label"),
                "pairing_score": _get(pairing, "pairing_score"),
            }
        )
    return pd.DataFrame(rows)


def _first(frame: pd.DataFrame) -> pd.Series | None:
    return None if frame.empty else frame.iloc[0]


def _get(row: pd.Series | None, column: str) -> object:
    return None if row is None else row[column]
