"""Overview page: the case in brief, across threats, programs and pairings."""

from __future__ import annotations

import pandas as pd

from jkdefense.analysis import filters, scoring, shaping
from jkdefense.analysis.filters import ViewFilters
from jkdefense.data.vocabulary import DOMAIN_LABELS
from jkdefense.report import base, programs
from jkdefense.report.base import PageView, Tables


def build(t: Tables, view: ViewFilters, labels: dict) -> PageView:
    """Rows per domain and the program ranking at equal weights."""
    page = base.PageView(
        "Japan–South Korea defense cooperation", label_column="threat_name"
    )
    threat_rows = filters.select(
        t["threats"], view, focus_mask=filters.threat_focus(t["threats"], view.focus)
    )
    program_rows = filters.select(
        t["programs"], view, focus_mask=filters.program_focus(t["programs"], view.focus)
    )
    scored = scoring.score_pairings(
        filters.select(t["company_pairings"], view), t["companies"], t["programs"]
    )
    if threat_rows.empty and program_rows.empty and scored.empty:
        page.empty = "threats, programs or pairings"
        return page
    equal = dict.fromkeys(scoring.PROGRAM_CRITERIA, 1.0)
    ranked = scoring.rank_programs(shaping.with_context_marked(program_rows), equal)
    page.rows, page.takeaway = (
        threat_rows,
        takeaway(threat_rows, ranked, scored),
    )
    page.related["scored_pairings"] = scored
    page.related["strongest_pairings"] = shaping.pairings_for_display(
        scored.head(8), t["companies"], t["programs"]
    )
    coverage = shaping.domain_coverage(
        {"Threats": threat_rows, "Programs": program_rows, "Pairings": scored}
    )
    page.charts.append(
        base.chart(
            "overview_coverage",
            "charts.coverage_chart",
            coverage,
            coverage_title(coverage),
            labels,
        )
    )
    if not ranked.empty:
        page.charts.append(
            base.chart(
                "overview_ranking",
                "charts.ranking_chart",
                scoring.score_contributions(ranked, equal, "program_name"),
                programs.ranking_title(ranked, "at equal weights"),
                labels,
                programs.legend(t),
            )
        )
    return page


def takeaway(threats: pd.DataFrame, ranked: pd.DataFrame, scored: pd.DataFrame) -> str:
    """The case in one line: actors in view, leading program, strongest pairing."""
    parts = []
    if not threats.empty:
        severe = threats[threats["severity_score"] >= 4]
        parts.append(
            f"{len(severe)} of {len(threats)} threats in view rate 4+ severity"
        )
    if not ranked.empty:
        parts.append(
            f"{ranked.iloc[0]['program_name']} leads the programs at equal weights"
        )
    if not scored.empty:
        best = scored.iloc[0]
        parts.append(
            f"{best['kr_company_name']} × {best['jp_company_name']} "
            "is the strongest pairing"
        )
    return "; ".join(parts) + "."


def coverage_title(coverage: pd.DataFrame) -> str:
    """Which domain carries the most rows in view."""
    by_domain = coverage.groupby("domain_type")["row_count"].sum()
    return (
        f"{DOMAIN_LABELS[by_domain.idxmax()]} carries the most rows in view "
        f"({int(by_domain.max())} of {int(by_domain.sum())})"
    )
