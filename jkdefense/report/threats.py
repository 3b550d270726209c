"""Threats page: who threatens both countries, in which domain, how often."""

from __future__ import annotations

import pandas as pd

from jkdefense.analysis import accounts, filters, rubric, threat_picture
from jkdefense.analysis.filters import ViewFilters
from jkdefense.report import base, theatre
from jkdefense.report.base import PageView, Tables

COLUMNS = {
    "threat_name": "Threat",
    "actor_country_code": "Actor",
    "domain_type": "Domain",
    "affected_focus_type": "Aimed at",
    "trend_type": "Trend (judgment)",
    "severity_score": "Severity (1–5)",
    "severity_rationale": "Why this severity",
}

# The incidents table under the charts: each government's account where they differ.
INCIDENT_COLUMNS = {
    "incident_day": "Date",
    "incident_name": "Event",
    "domain_type": "Domain",
    "accounts_text": "Each government's account (where they differ)",
    "incident_description": "What happened",
    "incident_type": "Type",
}
# A contested event's label on the timeline says so; its accounts are in the
# tooltip, the table under it and the slide's notes.
CONTESTED_MARK = " (accounts differ)"

# The page's charts, one to a tab (chart key -> tab label), in the order shown.
TABS = {
    "threats_matrix": "Severity matrix",
    "threats_scrambles": "Scrambles",
    "threats_timeline": "Incidents",
    "threats_map": "Map",
}
SCRAMBLES_NEED_AIR = "Scramble counts are air-domain data: select air to see them."


def build(t: Tables, view: ViewFilters, labels: dict, actors: list[str]) -> PageView:
    """Threat matrix, scramble series and incident timeline."""
    page = base.PageView("Threats", label_column="threat_name")
    rows = filters.select(
        t["threats"], view, focus_mask=filters.threat_focus(t["threats"], view.focus)
    )
    page.rows = filters.with_values(rows, "actor_country_code", actors)
    if page.rows.empty:
        page.empty = "threats"
        return page
    cells = threat_picture.threat_matrix(page.rows, t["countries"])
    years = filters.scrambles_in_view(t["scrambles"], view)
    page.takeaway = takeaway(cells, years)
    page.charts.append(
        base.chart(
            "threats_matrix",
            "grids.threat_matrix_chart",
            cells,
            matrix_title(cells),
            labels,
            rubric.legend(t.get("rubrics"), "threats", ["severity_score"]),
        )
    )
    scrambles = filters.with_values(
        threat_picture.scrambles_by_actor(years), "actor_code", [*actors, "other"]
    )
    if not scrambles.empty:
        page.charts.append(
            base.chart(
                "threats_scrambles",
                "trends.scramble_chart",
                scrambles,
                scramble_title(years),
                labels,
                outside_table="scrambles",
                markers=scramble_markers(
                    t["incidents"], years["fiscal_year"], view.period
                ),
            )
        )
    events = filters.events_in_view(
        t["incidents"],
        view,
        "incident_date",
        focus_mask=filters.incident_focus(t["incidents"], view.focus),
    )
    all_actors = sorted(t["threats"]["actor_country_code"].dropna().unique())
    events = filters.incidents_for_actors(events, actors, all_actors)
    events = contested_events(events, t.get("accounts"))
    page.related["incidents"] = events
    if not events.empty:
        page.charts.append(
            base.chart(
                "threats_timeline",
                "timelines.incident_timeline_chart",
                events,
                timeline_title(events),
                labels,
                outside_table="incidents",
            )
        )
    # Where the incidents in view happened, against the three ADIZs.
    page.charts.append(theatre.map_chart(t, view, labels, actors))
    return page


def contested_events(
    events: pd.DataFrame, accounts_table: pd.DataFrame | None
) -> pd.DataFrame:
    """Events with every government's account, and the label the timeline prints."""
    events = accounts.with_accounts(events, accounts_table, "incidents", "incident_id")
    if events.empty:
        return events.assign(
            timeline_label=pd.Series(dtype=str), incident_day=pd.Series(dtype=str)
        )
    marks = events["accounts_text"].astype(bool).map({True: CONTESTED_MARK, False: ""})
    return events.assign(
        timeline_label=events["incident_short_name"] + marks,
        incident_day=events["incident_date"].dt.strftime("%d %b %Y"),
    )


def takeaway(cells: pd.DataFrame, scrambles: pd.DataFrame) -> str:
    """Worst threat cells in view, and scrambles when the article appeared."""
    where, worst, _ = base.top_cells(cells)
    text = f"Most severe in view (severity {worst}/5): {where}."
    if not scrambles.empty:
        peak = scrambles.loc[scrambles["total_count"].idxmax()]
        text += (
            f" JASDF scrambles peaked at {int(peak['total_count']):,} in "
            f"FY{int(peak['fiscal_year'])}"
        )
        fy2018 = scrambles[scrambles["fiscal_year"] == 2018]
        if not fy2018.empty:
            row = fy2018.iloc[0]
            text += (
                f"; in FY2018, as the article appeared, {int(row['total_count']):,}, "
                f"{row['china_count'] / row['total_count']:.0%} of them against "
                "Chinese aircraft"
            )
        text += "."
    return text


def matrix_title(cells: pd.DataFrame) -> str:
    """Which actor-domain cells rate highest."""
    where, worst, count = base.top_cells(cells)
    return f"{where} {base.singular(count, 'rates', 'rate')} highest, at {worst}/5"


def scramble_title(years: pd.DataFrame) -> str:
    """The JASDF's scrambles from the first year in view to the last, the peak.

    The trend first (first and latest year), then the peak, then China's share
    in the latest year: the audience reads where things stand now.
    """
    ordered = years.sort_values("fiscal_year")
    first, last = ordered.iloc[0], ordered.iloc[-1]
    peak = ordered.loc[ordered["total_count"].idxmax()]
    share = last["china_count"] / last["total_count"]
    text = (
        f"JASDF scrambles went from {int(first['total_count']):,} "
        f"(FY{int(first['fiscal_year'])}) to {int(last['total_count']):,} "
        f"(FY{int(last['fiscal_year'])}), {share:.0%} of them against Chinese "
        "aircraft"
    )
    if peak["fiscal_year"] not in (first["fiscal_year"], last["fiscal_year"]):
        text += (
            f"; the peak was {int(peak['total_count']):,} in "
            f"FY{int(peak['fiscal_year'])}"
        )
    return text


# The article's date, then the turning points of the relationship the scramble
# chart marks: incident id -> label.
ARTICLE_PUBLISHED = pd.Timestamp("2019-03-15")  # March 2019, day not published
TURNING_POINTS = {
    "2019-08-gsomia-termination-decision": "GSOMIA notice",
    "2023-03-gsomia-normalized": "GSOMIA restored",
    "2023-08-camp-david-summit": "Camp David",
}


def fiscal_position(day: pd.Timestamp) -> float:
    """Where a day falls on an axis of Japanese fiscal years (April to March).

    Fiscal year N's bar is centred on N and spans N - 0.5 to N + 0.5.
    """
    fiscal_year = day.year if day.month >= 4 else day.year - 1
    months_in = (day.month - 4) % 12 + (day.day - 1) / 31
    return fiscal_year - 0.5 + months_in / 12


def scramble_markers(
    incidents: pd.DataFrame,
    fiscal_years: pd.Series,
    period: tuple[int, int] | None,
) -> list[tuple[float, str]]:
    """The article's date and the turning points in the period, on the years drawn.

    A turning point outside the period is out of view like any incident; a
    marker outside the years drawn would fall past the axis.
    """
    first, last = fiscal_years.min() - 0.5, fiscal_years.max() + 0.5
    markers = [(fiscal_position(ARTICLE_PUBLISHED), "Article")]
    in_period = incidents[filters.in_period(incidents["incident_date"], period)]
    dated = in_period.set_index("incident_id")["incident_date"]
    for incident_id, label in TURNING_POINTS.items():
        if incident_id in dated.index and not pd.isna(dated[incident_id]):
            markers.append((fiscal_position(dated[incident_id]), label))
    return [(at, label) for at, label in markers if first <= at <= last]


def timeline_title(events: pd.DataFrame) -> str:
    """How many events in view, and how many came after the article."""
    later = int((events["incident_date"] >= pd.Timestamp("2019-04-01")).sum())
    if len(events) == 1:
        when = "after" if later else "before"
        return f"1 event in view, from {when} the article (March 2019)"
    share = {0: "none", len(events): "all"}.get(later, str(later))
    return (
        f"{len(events)} events in view, {share} of them after the article (March 2019)"
    )
