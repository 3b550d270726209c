"""Pathway page: from policy to joint operations; why now; the precedents."""

from __future__ import annotations

import pandas as pd

from jkdefense.analysis import developments, filters, rubric, shaping
from jkdefense.analysis.filters import ViewFilters
from jkdefense.report import base
from jkdefense.report.base import PageView, Tables

COLUMNS = {
    "step_order": "Step",
    "step_name": "Level or phase",
    "actor_description": "Who acts",
    "agency_names": "Agencies",
    "channel_note": "Channels",
    "program_names": "Programs",
    "step_goal": "Goal",
    "progress_type": "Progress (judgment)",
    "progress_note": "Since 2019",
}


DRIVER_COLUMNS = {
    "driver_order": "#",
    "driver_name": "Driver",
    "driver_type": "Kind",
    "article_argument": "The article argues",
    "since_note": "Since the article",
}


PRECEDENT_COLUMNS = {
    "precedent_name": "Program",
    "partners": "Partners",
    "lead_companies": "Builders",
    "workshare_note": "Workshare",
    "outcome_note": "Outcome",
    "lesson_note": "Lesson for Seoul and Tokyo",
    "fact_check": "Fact-check",
}


def build(t: Tables, view: ViewFilters, labels: dict) -> PageView:
    """The route from policy to operations, and the precedents' partners."""
    page = base.PageView("Pathway", label_column="step_name")
    steps = filters.select(t["pathway"], view, domain_column=None)
    page.rows = shaping.pathway_steps(steps, t["agencies"], t["programs"])
    if page.rows.empty:
        page.empty = "pathway steps"
        return page
    page.takeaway = takeaway(page.rows)
    page.charts.append(
        base.chart(
            "pathway_steps",
            "route.pathway_route_chart",
            page.rows,
            steps_title(page.rows),
            labels,
            rubric.legend(t.get("rubrics"), "pathway", ["progress_type"]),
        )
    )
    page.related["drivers"] = drivers_in_view(t, view)
    page.charts += developments_charts(t, view, labels, page)
    precedents = precedents_in_view(t, view)
    page.related["precedents"] = precedents
    if not precedents.empty:
        page.charts.append(
            base.chart(
                "pathway_precedents",
                "charts.precedent_partner_chart",
                shaping.precedent_partners(precedents, t["countries"]),
                precedent_title(precedents),
                labels,
            )
        )
    return page


# The article's month: every proposal's story starts there.
ARTICLE_DATE = pd.Timestamp("2019-03-01")

DEVELOPMENT_COLUMNS = {
    "subject_name": "Proposal or driver",
    "state_name": "State now",
    "since": "Since",
    "change_summary": "Last change",
}


def developments_charts(
    t: Tables, view: ViewFilters, labels: dict, page: PageView
) -> list[base.ChartView]:
    """The timeline of every proposal's state since the article, and today's states.

    Today's states go to ``page.related["developments_now"]`` for the table.
    """
    frame = t.get("developments")
    events = (
        pd.DataFrame()
        if frame is None
        else filters.events_in_view(frame, view, "development_date")
    )
    page.related["developments"] = events
    if events.empty:
        page.related["developments_now"] = events
        return []
    now = developments.current_states(events)
    page.related["developments_now"] = now
    end = max(events["development_date"].max(), _as_of(view))
    return [
        base.chart(
            "pathway_developments",
            "charts.development_timeline_chart",
            developments.segments(events, ARTICLE_DATE, end),
            developments_title(now, end),
            labels,
            rubric.legend(t.get("rubrics"), "developments", ["state_after_type"]),
            outside_table="developments",
        )
    ]


def _as_of(view: ViewFilters) -> pd.Timestamp:
    """The latest article's date in view (its month's first day if only a month)."""
    parsed = pd.to_datetime(view.as_of, errors="coerce") if view.as_of else pd.NaT
    return ARTICLE_DATE if pd.isna(parsed) else parsed


def developments_title(now: pd.DataFrame, end: pd.Timestamp) -> str:
    """Today's states, counted: how many proposals work, how many have nothing."""
    counts = now["state_type"].value_counts()
    working = int(counts.get("working", 0))
    nothing = int(counts.get("none", 0) + counts.get("ended", 0))
    has = "has" if nothing == 1 else "have"
    return (
        f"As of {end:%b %Y}, {working} of {len(now)} work; "
        f"{nothing} {has} nothing in place or ended"
    )


def drivers_in_view(t: Tables, view: ViewFilters) -> pd.DataFrame:
    """The article's reasons for acting now and its wider ideas, in its order.

    Not narrowed by domain: each driver bears on the whole relationship.
    """
    drivers = t.get("drivers")
    if drivers is None:
        return pd.DataFrame()
    chosen = filters.select(drivers, view, domain_column=None)
    return chosen.sort_values("driver_order", ignore_index=True)


def precedents_in_view(t: Tables, view: ViewFilters) -> pd.DataFrame:
    """Precedents that pass the filters, with their fact-checks."""
    return shaping.precedents_with_checks(
        filters.select(t["precedents"], view), t["claims"]
    )


def takeaway(steps: pd.DataFrame) -> str:
    """How far along the route cooperation has come since the article."""
    counts = steps["progress_type"].value_counts()
    done = int(counts.get("achieved", 0) + counts.get("started", 0))
    first_open = steps[steps["progress_type"].isin(["not_started", "reversed"])]
    text = (
        f"{done} of {len(steps)} steps on the article's route "
        "have started or been reached"
    )
    if not first_open.empty:
        text += f"; the first step not under way is {first_open.iloc[0]['step_name']}"
    return text + "."


def steps_title(steps: pd.DataFrame) -> str:
    """How many steps are under way."""
    moving = int(steps["progress_type"].isin(["achieved", "started"]).sum())
    return (
        f"{moving} of {len(steps)} steps from policy to joint operations are under way"
    )


def precedent_title(precedents: pd.DataFrame) -> str:
    """Largest partnership among the precedents."""
    sizes = precedents.set_index("precedent_name")["partner_country_codes"].map(len)
    return (
        f"{sizes.idxmax()} has the most partners ({int(sizes.max())}); "
        "precedents are two to six nations"
    )
