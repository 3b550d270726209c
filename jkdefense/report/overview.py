"""Overview page: the case in brief, across threats, programs and pairings."""

from __future__ import annotations

import pandas as pd

from jkdefense.analysis import accounts, evidence, filters, scoring, shaping
from jkdefense.analysis.filters import ViewFilters
from jkdefense.analysis.standing import domain_standing
from jkdefense.report import base, pairings, programs, sources, theatre
from jkdefense.report.base import PageView, Tables


def build(t: Tables, view: ViewFilters, labels: dict) -> PageView:
    """Where Japan and Korea stand, domain by domain; the latest developments."""
    page = base.PageView(
        "Japan–South Korea defense cooperation", label_column="threat_name"
    )
    threat_rows = filters.select(
        t["threats"], view, focus_mask=filters.threat_focus(t["threats"], view.focus)
    )
    program_rows = programs.programs_in_view(t, view)
    scored = pairings.pairings_in_view(t, view, [])
    if threat_rows.empty and program_rows.empty and scored.empty:
        page.empty = "threats, programs or pairings"
        return page
    equal = dict.fromkeys(scoring.PROGRAM_CRITERIA, 1.0)
    ranked = scoring.rank_programs(shaping.with_context_marked(program_rows), equal)
    page.rows = threat_rows
    page.takeaway = takeaway(threat_rows, ranked, scored)
    page.related["scored_pairings"] = scored
    answering = {
        domain: filters.answering_ids(
            t.get("program_threats"), t.get("threats"), (domain,)
        )
        for domain in view.domains
    }
    standing = domain_standing(threat_rows, ranked, scored, view.domains, answering)
    page.related["standing"] = standing.assign(
        **{f"{name}_link": links(standing, name, view) for name in LINKED}
    )
    page.related["latest_developments"] = latest_developments(t, view)
    page.related["curation_status"] = sources.curation_status(
        len(evidence.uncited(t, view.source_ids)), len(view.source_ids)
    )
    if "incidents" in t:
        actors = sorted(t["threats"]["actor_country_code"].dropna().unique())
        page.charts.append(theatre.map_chart(t, view, labels, actors, small=True))
    return page


# Overview columns that link to a page, with the domain of their line set.
LINKED = {"threat": "threats", "program": "programs", "pairing": "pairings"}
LATEST = 5


def links(standing: pd.DataFrame, kind: str, view: ViewFilters) -> pd.Series:
    """A link per line to the page of ``kind`` with that line's domain chosen.

    The other shared filters follow (focus, period); the articles chosen are
    kept only when some are left out (none chosen means all, as in the app).
    """
    extra = "" if view.focus == "both" else f"&focus={view.focus}"
    if view.period is not None:
        extra += f"&period={view.period[0]}&period={view.period[1]}"
    return standing["domain_type"].map(
        lambda domain: f"{LINKED[kind]}?domain={domain}{extra}"
    )


def latest_developments(t: Tables, view: ViewFilters) -> pd.DataFrame:
    """The most recent changes since the article in view, newest first."""
    frame = t.get("developments")
    if frame is None or frame.empty:
        return pd.DataFrame()
    events = filters.events_in_view(frame, view, "development_date")
    latest = events.sort_values("development_date", ascending=False).head(LATEST)
    return accounts.with_event_accounts(latest, t.get("accounts"))


def takeaway(threats: pd.DataFrame, ranked: pd.DataFrame, scored: pd.DataFrame) -> str:
    """The case in one line: actors in view, leading program, strongest pairing."""
    parts = []
    if not threats.empty:
        severe = threats[threats["severity_score"] >= 4]
        rate = base.singular(len(severe), "rates", "rate")
        parts.append(
            f"{len(severe)} of {len(threats)} threats in view {rate} 4+ severity"
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
    return base.sentence_start("; ".join(parts) + ".") if parts else ""
