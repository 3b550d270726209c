"""Pathway page: from policy to joint operations; why now; the precedents."""

from __future__ import annotations

import pandas as pd

from jkdefense.analysis import accounts, developments, filters, rubric, shaping
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


# The page's four sections, one to a tab, in the order shown; meeting mode tours
# those with a chart.
SECTIONS = ("Route", "Why now", "Since the article", "Precedents")
CHART_SECTIONS = ("Route", "Since the article", "Precedents")

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
                "grids.precedent_partner_chart",
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
    "accounts_text": "Each government's account (where they differ)",
}
CONTESTED_MARK = " (accounts differ)"


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
    if events.empty:
        page.related["developments"] = page.related["developments_now"] = events
        return []
    events = accounts.with_event_accounts(events, t.get("accounts"))
    page.related["developments"] = events
    now = with_subject_accounts(developments.current_states(events), events)
    page.related["developments_now"] = now
    end = max(events["development_date"].max(), _as_of(view))
    return [
        base.chart(
            "pathway_developments",
            "timelines.development_timeline_chart",
            labelled_segments(developments.segments(events, ARTICLE_DATE, end)),
            developments_title(now, end),
            labels,
            rubric.legend(t.get("rubrics"), "developments", ["state_after_type"]),
            outside_table="developments",
        )
    ]


def with_subject_accounts(now: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Today's states with every account of any contested change of each subject."""
    contested = events[events["accounts_text"].astype(bool)]
    told = {
        subject: " || ".join(
            f"{day:%d %b %Y}: {text}"
            for day, text in zip(
                group["development_date"], group["accounts_text"], strict=True
            )
        )
        for subject, group in contested.groupby("subject_name", sort=False)
    }
    return now.assign(accounts_text=now["subject_name"].map(lambda s: told.get(s, "")))


def labelled_segments(segments: pd.DataFrame) -> pd.DataFrame:
    """Segments with the row label the timeline prints: contested rows say so."""
    contested = set(
        segments.loc[segments["accounts_text"].astype(bool), "subject_name"]
    )
    marks = segments["subject_name"].map(
        lambda name: CONTESTED_MARK if name in contested else ""
    )
    return segments.assign(subject_label=segments["subject_name"] + marks)


def _as_of(view: ViewFilters) -> pd.Timestamp:
    """The latest article's date in view (its month's first day if only a month)."""
    parsed = pd.to_datetime(view.as_of, errors="coerce") if view.as_of else pd.NaT
    return ARTICLE_DATE if pd.isna(parsed) else parsed


def developments_title(now: pd.DataFrame, end: pd.Timestamp) -> str:
    """Today's states, counted: how many proposals work, how many have nothing."""
    counts = now["state_type"].value_counts()
    in_force = int(sum(counts.get(state, 0) for state in developments.IN_FORCE))
    nothing = int(counts.get("none", 0) + counts.get("ended", 0))
    text = (
        f"As of {end:%b %Y}, {in_force} of {base.counted(len(now), 'proposal')} "
        f"{base.singular(in_force, 'is', 'are')} in force"
    )
    if nothing:
        has = base.singular(nothing, "has", "have")
        text += f"; {nothing} {has} nothing in place or ended"
    return text


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
    talks = int(counts.get("talks", 0))
    first_open = steps[
        steps["progress_type"].isin(["not_started", "talks", "reversed"])
    ]
    text = (
        f"{done} of {base.counted(len(steps), 'step')} on the article's route "
        f"{base.singular(done, 'has', 'have')} started or been reached"
    )
    if talks:
        text += f", {talks} {base.singular(talks, 'is', 'are')} at talks only"
    if not first_open.empty:
        text += f"; the first step not under way is {first_open.iloc[0]['step_name']}"
    return text + "."


def steps_title(steps: pd.DataFrame) -> str:
    """How many steps are under way."""
    moving = int(steps["progress_type"].isin(["achieved", "started"]).sum())
    talks = int((steps["progress_type"] == "talks").sum())
    text = (
        f"{moving} of {base.counted(len(steps), 'step')} from policy to joint "
        f"operations {base.singular(moving, 'is', 'are')} under way"
    )
    if talks:
        text += f"; {talks} at talks only"
    return text


def precedent_title(precedents: pd.DataFrame) -> str:
    """The largest partnership in view, and how many nations the precedents span."""
    sizes = precedents.set_index("precedent_name")["partner_country_codes"].map(len)
    most, fewest = int(sizes.max()), int(sizes.min())
    largest = list(sizes[sizes == most].index)
    if len(sizes) == 1:
        return f"{largest[0]}, the one precedent in view, joins {most} nations"
    if fewest == most:  # a tie between all: none has the most
        return f"The {len(sizes)} precedents in view each join {most} nations"
    verb = base.singular(len(largest), "has", "have")
    text = f"{base.names(largest)} {verb} the most partners ({most})"
    span = f"{fewest} to {most} nations"
    return f"{text}; the {len(sizes)} precedents in view join {span}"
