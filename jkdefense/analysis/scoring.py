"""Weighted analyst scores: program ranks, each criterion's share, rank stability.

Every criterion is scored 1–5 with a rationale; the user's weights combine them
(weighted_scores), and describe_weights names the weights for a caption.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PROGRAM_CRITERIA = (
    "threat_relevance",
    "commonality",
    "industrial_fit",
    "political_feasibility",
)
# Every criterion's label: the programs' and the pairings' (analysis.pairing_scores).
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
