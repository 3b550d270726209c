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
    "answers_text": "Answers these threats",
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
    rows = programs_in_view(t, view)
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
    page.rows = with_answers(
        shaping.programs_side_by_side(ranked, t["companies"]),
        t.get("program_threats"),
        t.get("threats"),
    )
    page.takeaway = takeaway(ranked, stability)
    weighted = {
        **labels,
        "subtitle": f"{labels['subtitle']} · {scoring.describe_weights(weights)}",
    }
    if len(ranked) == 1:
        # One program in view: a ranking or its stability would say nothing.
        page.charts.append(single_program_card(ranked.iloc[0], weighted, legend(t)))
    else:
        page.charts += [
            base.chart(
                "programs_ranking",
                "rankings.ranking_chart",
                scoring.score_contributions(ranked, weights, "program_name"),
                ranking_title(ranked),
                weighted,
                legend(t),
            ),
            base.chart(
                "programs_stability",
                "rankings.rank_stability_chart",
                stability,
                stability_title(stability),
                weighted,
                legend(t),
            ),
        ]
    page.charts.append(
        base.chart(
            "programs_scores",
            "grids.score_heatmap",
            shaping.criterion_scores(ranked, scoring.PROGRAM_CRITERIA, "program_name"),
            scores_title(ranked),
            labels,
            legend(t),
            label_field="program_name",
            label_title="Program",
        )
    )
    return page


def programs_in_view(t: Tables, view: ViewFilters) -> pd.DataFrame:
    """Programs of the domains in view, and those that answer their threats."""
    programs = t["programs"]
    answering = filters.answering_ids(
        t.get("program_threats"), t.get("threats"), view.domains
    )
    return filters.select(
        programs,
        view,
        focus_mask=filters.program_focus(programs, view.focus),
        answers=filters.answering_mask(programs, "program_id", answering),
    )


def with_answers(
    rows: pd.DataFrame, links: pd.DataFrame | None, threats: pd.DataFrame | None
) -> pd.DataFrame:
    """Programs with ``answers_text``: the threats each answers, and how."""
    if links is None or threats is None or links.empty:
        return rows.assign(answers_text="")
    names = dict(zip(threats["threat_id"], threats["threat_name"], strict=True))
    told = {
        program: "; ".join(
            f"{names.get(threat, threat)} ({answer})"
            for threat, answer in zip(
                group["threat_id"], group["answer_type"], strict=True
            )
        )
        for program, group in links.sort_values(
            ["answer_type", "threat_id"], kind="stable"
        ).groupby("program_id", sort=False)
    }
    return rows.assign(answers_text=[told.get(p, "") for p in rows["program_id"]])


def single_program_card(
    program: pd.Series, labels: dict, rubric_legend: str
) -> base.ChartView:
    """The one program in view and its scores, as a finding card."""
    parts = ", ".join(
        f"{scoring.CRITERION_LABELS[c].lower()} {int(program[f'{c}_score'])}"
        for c in scoring.PROGRAM_CRITERIA
    )
    name = str(program["program_name"])
    return base.card(
        "programs_ranking",
        [f"{base.sentence_start(name)}: {program['weighted_score']:.2f}/5 ({parts})."],
        f"{base.sentence_start(name)} is the one program in view",
        labels,
        rubric_legend,
    )


def scores_title(ranked: pd.DataFrame) -> str:
    """The strongest criterion across the programs in view."""
    criteria = {
        scoring.CRITERION_LABELS[c]: ranked[f"{c}_score"].mean()
        for c in scoring.PROGRAM_CRITERIA
    }
    best = max(criteria, key=criteria.get)
    worst = min(criteria, key=criteria.get)
    return (
        f"{best} scores highest ({criteria[best]:.1f}/5 on average), "
        f"{worst.lower()} lowest ({criteria[worst]:.1f})"
    )


def takeaway(ranked: pd.DataFrame, stability: pd.DataFrame) -> str:
    """Top program under the chosen weights and how firmly it holds first place."""
    best = ranked.iloc[0]
    held = stability.set_index("program_id").at[best["program_id"], "share_same_rank"]
    text = (
        f"{base.sentence_start(best['program_name'])} ranks first at "
        f"{best['weighted_score']:.2f}/5 at the weights shown and keeps rank "
        f"{int(best['rank'])} in {held:.0%} of perturbed weightings"
    )
    strong = ranked[ranked["commonality_type"] == "strong"]["program_name"].tolist()
    if strong:
        text += f"; strong existing commonality: {base.names(strong)}"
    return text + "."


def ranking_title(ranked: pd.DataFrame, weighting: str = "") -> str:
    """Which program leads the programs in view, by how much.

    ``weighting`` says how the scores were weighted when the title must
    ("at equal weights"); the chart's subtitle always names the weights.
    """
    best = ranked.iloc[0]
    text = f"First of the {len(ranked)} programs"
    text += f" {weighting}" if weighting else " in view"
    text += f": {best['program_name']}"
    if len(ranked) > 1:
        gap = best["weighted_score"] - ranked.iloc[1]["weighted_score"]
        text += f", {gap:.2f} points ahead" if gap > 0 else ", tied with the next"
    return text


def stability_title(stability: pd.DataFrame) -> str:
    """How many programs keep their rank whatever the weights do (the one named)."""
    firm = stability[stability["rank_min"] == stability["rank_max"]]
    shift = f"when weights shift ±{scoring.WEIGHT_SPREAD:.0%}"
    if len(firm) == 1:
        name = firm["program_name"].iloc[0]
        return f"Only {name} keeps its rank {shift} (1 of {len(stability)} programs)"
    if firm.empty:
        return f"No program keeps its rank {shift}: the order rests on the weights"
    if len(firm) == len(stability):
        return f"Every one of the {len(stability)} programs keeps its rank {shift}"
    return f"{len(firm)} of {len(stability)} programs keep their rank {shift}"
