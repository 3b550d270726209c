"""Company pairings page: which Korean and Japanese firms fit, and through whom."""

from __future__ import annotations

import pandas as pd

from jkdefense.analysis import filters, pairing_scores, rubric, shaping
from jkdefense.analysis.filters import ViewFilters
from jkdefense.data.vocabulary import DOMAIN_LABELS
from jkdefense.report import base
from jkdefense.report.base import ChartView, PageView, Tables

COLUMNS = {
    "kr_company_name": "Korean company",
    "jp_company_name": "Japanese company",
    "domain_type": "Domain",
    "program_names": "Programs",
    "bridge_names": "Bridge suppliers",
    "political_feasibility_score": "Political part (from program)",
    "pairing_score": "Score",
    "pairing_summary": "What they could do",
}

# The page's charts, one to a tab (chart key -> tab label), in the order shown;
# the chosen pairing's parts follow in a tab of their own, with its detail.
TABS = {"pairings_matrix": "Score matrix", "pairings_network": "Bridge network"}
DETAIL_TAB = "Pairing in detail"

PAIRING_SCORES = [f"{c}_score" for c in pairing_scores.TYPED_PAIRING_CRITERIA]


def legend(t: Tables) -> str:
    """The typed parts' levels, and where the political part comes from."""
    typed = rubric.legend(t.get("rubrics"), "company_pairings", PAIRING_SCORES)
    political = rubric.scale_note(
        t.get("rubrics"), "programs", "political_feasibility_score"
    )
    return (
        f"Pairing score = mean of five parts. {typed} {political} "
        "The political part is the lowest of the pairing's programs."
    )


def pairings_in_view(
    t: Tables, view: ViewFilters, company_ids: list[str]
) -> pd.DataFrame:
    """Scored pairings in view with the chosen companies, best first.

    In view: pairings of the domains in view, and those serving a program that
    answers a threat of those domains.
    """
    pairings = t["company_pairings"]
    answering = filters.answering_ids(
        t.get("program_threats"), t.get("threats"), view.domains
    )
    chosen = filters.select(
        pairings,
        view,
        answers=filters.answering_mask(pairings, "program_ids", answering),
    )
    scored = pairing_scores.score_pairings(chosen, t["companies"], t["programs"])
    return filters.pairings_with_companies(scored, company_ids)


def build(
    t: Tables, view: ViewFilters, labels: dict, company_ids: list[str]
) -> PageView:
    """Company matrix and the network of bridge suppliers."""
    page = base.PageView("Company pairings", label_column="pairing_label")
    scored = pairings_in_view(t, view, company_ids)
    if scored.empty:
        page.empty = "company pairings"
        return page
    page.rows = shaping.pairings_for_display(scored, t["companies"], t["programs"])
    page.takeaway = takeaway(scored)
    nodes, edges = pairing_scores.bridge_network(scored, t["companies"])
    matrix = pairing_scores.pairing_matrix(scored)
    page.charts += [
        single_pairing_card(scored.iloc[0], labels, legend(t))
        if len(matrix) == 1
        else base.chart(
            "pairings_matrix",
            "grids.pairing_matrix_chart",
            matrix,
            matrix_title(scored),
            labels,
            legend(t),
        ),
        base.chart(
            "pairings_network",
            "figures.network_figure",
            connected(nodes, edges),
            network_title(edges, nodes),
            labels,
            idle_note(nodes, edges),
            edges=edges,
        ),
    ]
    return page


def parts(page: PageView, pair: str | None, labels: dict) -> ChartView | None:
    """The score parts of the chosen pairing (the first in view if none is chosen)."""
    if page.rows.empty:
        return None
    detail = chosen_pairing(page.rows, pair)
    return base.chart(
        "pairings_parts",
        "bars.parts_chart",
        shaping.criterion_scores(
            detail, pairing_scores.PAIRING_CRITERIA, "pairing_label"
        ),
        parts_title(detail.iloc[0]),
        labels,
        # The parts are those of the matrix score: the same legend.
        next((c.legend for c in page.charts if c.key == "pairings_matrix"), ""),
    )


def chosen_pairing(rows: pd.DataFrame, pair: str | None) -> pd.DataFrame:
    """The row of the pairing labelled ``pair``, or the first row if none is."""
    detail = rows[rows["pairing_label"] == pair]
    return detail if not detail.empty else rows.iloc[:1]


def single_pairing_card(
    pairing: pd.Series, labels: dict, rubric_legend: str
) -> ChartView:
    """The one pairing in view and its score, as a finding card (no 1×1 matrix)."""
    name = f"{pairing['kr_company_name']} × {pairing['jp_company_name']}"
    domain = DOMAIN_LABELS[pairing["domain_type"]].lower()
    return base.card(
        "pairings_matrix",
        [f"{name} ({domain}): {pairing['pairing_score']:.1f}/5."],
        f"{name} is the one pairing in view",
        labels,
        rubric_legend,
    )


def takeaway(scored: pd.DataFrame) -> str:
    """Strongest pairing in view and how many pairings are in view."""
    best = scored.iloc[0]
    shown = f"of {len(scored)} pairings shown"
    if len(scored) == 1:
        shown = "the one pairing shown"
    return (
        f"Strongest pairing in view: {best['kr_company_name']} × "
        f"{best['jp_company_name']} ({DOMAIN_LABELS[best['domain_type']].lower()}, "
        f"{best['pairing_score']:.2f}/5), {shown}."
    )


def matrix_title(scored: pd.DataFrame) -> str:
    """The best company pair in view."""
    best = scored.iloc[0]
    return (
        f"{best['kr_company_name']} × {best['jp_company_name']} pair best "
        f"({best['pairing_score']:.2f}/5)"
    )


def network_title(edges: pd.DataFrame, nodes: pd.DataFrame) -> str:
    """Which supplier bridges most pairings, and how many bridge none."""
    bridges = nodes[nodes["side"] == "bridge"]["node_id"]
    if edges.empty:
        return "No pairing in view runs through a US supplier"
    load = edges[edges["source_id"].isin(bridges)].groupby("source_id")["weight"].sum()
    names = nodes.set_index("node_id")["node_name"]
    idle = int((~bridges.isin(load.index)).sum())
    text = f"{names[load.idxmax()]} bridges the most pairings ({int(load.max())})"
    if idle:
        supplier = base.counted(idle, "named supplier")
        text += f"; {supplier} {base.singular(idle, 'bridges', 'bridge')} none"
    return text


def connected(nodes: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    """The network's nodes without the suppliers no pairing in view runs through.

    A supplier drawn with no line reads as a missing line: the title counts
    them and the caption names them (idle_note).
    """
    linked = set(edges["source_id"]) | set(edges["target_id"])
    keep = (nodes["side"] != "bridge") | nodes["node_id"].isin(linked)
    return nodes[keep]


def idle_note(nodes: pd.DataFrame, edges: pd.DataFrame) -> str:
    """The US suppliers named in the data that bridge no pairing in view."""
    linked = set(edges["source_id"]) | set(edges["target_id"])
    bridges = nodes[nodes["side"] == "bridge"]
    idle = bridges.loc[~bridges["node_id"].isin(linked), "node_name"]
    if idle.empty:
        return ""
    return (
        "US suppliers that bridge no pairing in view (not drawn): "
        + ", ".join(idle)
        + "."
    )


def parts_title(pairing: pd.Series) -> str:
    """Why one pairing scores what it does."""
    return f"Why {pairing['pairing_label']} scores {pairing['pairing_score']:.2f}/5"
