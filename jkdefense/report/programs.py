"""Joint programs page: candidate programs ranked under the reader's weights."""

from __future__ import annotations

import pandas as pd

from jkdefense.analysis import filters, rubric, scoring, shaping
from jkdefense.analysis.filters import ViewFilters
from jkdefense.report import base
from jkdefense.report.base import PageView, Tables

COLUMNS = {
    "rank": "Rank",
    "program_name": "Program",
    "domain_type": "Domain",
    "kr_system_name": "South Korea",
    "kr_maker_name": "KR maker",
    "jp_system_name": "Japan",
    "jp_maker_name": "JP maker",
    "commonality_type": "Commonality",
    "commonality_note": "What is shared",
    "us_bridge_names": "US bridge",
    "weighted_score": "Weighted score",
}

# The page's charts, one to a tab (chart key -> tab label), in the order shown.
TABS = {
    "programs_ranking": "Ranking",
    "programs_stability": "Rank stability",
    "programs_scores": "Scores",
}

PROGRAM_SCORES = [f"{c}_score" for c in scoring.PROGRAM_CRITERIA]

# Which programs the page ranks (the setting program_set, one click away): all,
# the article's own (its four candidates and six feasible areas), or its four
# named candidates alone. Context programs are the curators' additions.
PROGRAM_SETS = {
    "all": ("All programs", ("named_candidate", "feasible_area", "context")),
    "article": ("The article's programs", ("named_candidate", "feasible_area")),
    "candidates": ("The article's four candidates", ("named_candidate",)),
}
PROGRAM_SET_DEFAULT = "all"


def legend(t: Tables) -> str:
    """What the levels of the four program scores mean."""
    return rubric.legend(t.get("rubrics"), "programs", PROGRAM_SCORES)


def build(
    t: Tables,
    view: ViewFilters,
    labels: dict,
    weights: dict[str, float],
    program_set: str = PROGRAM_SET_DEFAULT,
) -> PageView:
    """Weighted ranking, its stability, and the scores behind it.

    ``program_set`` (a PROGRAM_SETS key) narrows the programs ranked; context
    programs that stay in are marked "(context)" on every chart and table.
    """
    page = base.PageView("Joint programs", label_column="program_name")
    rows = filters.select(
        t["programs"], view, focus_mask=filters.program_focus(t["programs"], view.focus)
    )
    set_name, groups = PROGRAM_SETS.get(program_set, PROGRAM_SETS[PROGRAM_SET_DEFAULT])
    rows = rows[rows["program_group_type"].isin(groups)]
    if rows.empty or sum(weights.values()) == 0:
        page.empty = "programs" if rows.empty else "weights (all are zero)"
        return page
    rows = shaping.with_context_marked(rows)
    ranked = scoring.rank_programs(rows, weights)
    stability = scoring.rank_stability(rows, weights)
    if program_set != PROGRAM_SET_DEFAULT:
        labels = {**labels, "subtitle": f"{labels['subtitle']} · {set_name.lower()}"}
    page.rows = shaping.programs_side_by_side(ranked, t["companies"])
    page.takeaway = takeaway(ranked, stability)
    weighted = {
        **labels,
        "subtitle": f"{labels['subtitle']} · {scoring.describe_weights(weights)}",
    }
    page.charts += [
        base.chart(
            "programs_ranking",
            "charts.ranking_chart",
            scoring.score_contributions(ranked, weights, "program_name"),
            ranking_title(ranked),
            weighted,
            legend(t),
        ),
        base.chart(
            "programs_stability",
            "charts.rank_stability_chart",
            stability,
            stability_title(stability),
            weighted,
            legend(t),
        ),
        base.chart(
            "programs_scores",
            "charts.score_heatmap",
            shaping.criterion_scores(ranked, scoring.PROGRAM_CRITERIA, "program_name"),
            "The analyst scores behind the ranking",
            labels,
            legend(t),
            label_field="program_name",
            label_title="Program",
        ),
    ]
    return page


def takeaway(ranked: pd.DataFrame, stability: pd.DataFrame) -> str:
    """Top program under the chosen weights and how firmly it holds first place."""
    best = ranked.iloc[0]
    held = stability.set_index("program_id").at[best["program_id"], "share_same_rank"]
    text = (
        f"{best['program_name'].capitalize()} ranks first at "
        f"{best['weighted_score']:.2f}/5 under these weights and keeps rank "
        f"{int(best['rank'])} in {held:.0%} of perturbed weightings"
    )
    strong = ranked[ranked["commonality_type"] == "strong"]["program_name"].tolist()
    if strong:
        text += f"; strong existing commonality: {base.names(strong)}"
    return text + "."


def ranking_title(ranked: pd.DataFrame, weighting: str = "under your weights") -> str:
    """Which program leads, by how much."""
    best = ranked.iloc[0]
    text = f"{str(best['program_name']).capitalize()} leads {weighting}"
    if len(ranked) > 1:
        gap = best["weighted_score"] - ranked.iloc[1]["weighted_score"]
        text += f", {gap:.2f} points ahead" if gap > 0 else ", tied for first"
    return text


def stability_title(stability: pd.DataFrame) -> str:
    """How many programs keep their rank whatever the weights do."""
    firm = int((stability["rank_min"] == stability["rank_max"]).sum())
    return (
        f"{firm} of {len(stability)} programs keep their rank when weights shift ±50%"
    )
