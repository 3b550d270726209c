"""The pages of the app, each declared once.

A page is its name (its ``pages/<name>.py`` script and URL), its title, the
tables it needs, the settings it takes beyond the shared filters, and the
builder of its view. The app's navigation, the briefings, the tests and the
benchmarks all iterate PAGES; adding a page means an entry here, its report
module and its script in pages/.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jkdefense.analysis import shaping
from jkdefense.analysis.filters import ViewFilters
from jkdefense.report import (
    curate,
    methodology,
    overview,
    pairings,
    pathway,
    programs,
    sources,
    threats,
)
from jkdefense.report.base import PageView, Tables

# (tables, filters, chart labels, settings) -> the page's view
Builder = Callable[[Tables, ViewFilters, dict, dict], PageView]


@dataclass(frozen=True)
class Page:
    """One page of the app."""

    name: str
    title: str
    # The tables it cannot draw without. Every page that shows curated rows
    # needs sources.csv: its rows are filtered by the articles they cite.
    tables: tuple[str, ...]
    build: Builder
    # Page settings the builder reads (beyond the shared filters); the ui
    # takes each from its widget, the briefing from the same widgets' state.
    settings: tuple[str, ...] = ()
    # What meeting mode shows of the page, one screen each: the tabs of its
    # charts, as (the tabs' key, their labels); ("", ()) for a page of one
    # chart; None for a page left out of the tour.
    tour: tuple[str, tuple[str, ...]] | None = ("", ())
    # False for a page of housekeeping (the feed's counts, fact-check tallies,
    # rows per domain): a whole-app briefing leaves it out unless asked.
    in_briefing: bool = True
    # True for a page drawn from what page_data.page_tables adds to the package's
    # tables: the feed's counts and the package's rules. In a long feed they take
    # a while to read, so the app reads them for such pages only; the others
    # get the package's tables and the map's.
    reads_summaries: bool = False

    @property
    def script(self) -> str:
        """The page's script, relative to the project folder."""
        return f"pages/{self.name}.py"


def _pairings_with_parts(
    t: Tables, view: ViewFilters, labels: dict, settings: dict
) -> PageView:
    """The pairings page as a briefing shows it: the chosen pairing's parts too."""
    options = shaping.company_options(t["company_pairings"], t["companies"])
    company_ids = shaping.ids_of(options, settings["companies"])
    page = pairings.build(t, view, labels, company_ids)
    parts = pairings.parts(page, settings["pair"], labels)
    page.charts += [parts] if parts else []
    return page


PAGES = (
    Page(
        "overview",
        "Overview",
        ("threats", "programs", "company_pairings", "companies", "sources"),
        lambda t, view, labels, _: overview.build(t, view, labels),
    ),
    Page(
        "threats",
        "Threats",
        ("threats", "countries", "scrambles", "incidents", "sources"),
        lambda t, view, labels, s: threats.build(t, view, labels, s["actors"]),
        settings=("actors",),
        tour=("threats_chart", tuple(threats.TABS.values())),
    ),
    Page(
        "programs",
        "Joint programs",
        ("programs", "companies", "sources"),
        lambda t, view, labels, s: programs.build(
            t, view, labels, s["weights"], s["program_set"]
        ),
        settings=("weights", "program_set"),
        tour=("programs_chart", tuple(programs.TABS.values())),
    ),
    Page(
        "pairings",
        "Company pairings",
        ("company_pairings", "companies", "programs", "sources"),
        _pairings_with_parts,
        settings=("companies", "pair"),
        tour=("pairings_chart", (*pairings.TABS.values(), pairings.DETAIL_TAB)),
    ),
    Page(
        "pathway",
        "Pathway",
        (
            "pathway",
            "agencies",
            "programs",
            "precedents",
            "claims",
            "countries",
            "sources",
        ),
        lambda t, view, labels, _: pathway.build(t, view, labels),
        tour=("pathway_section", pathway.CHART_SECTIONS),
    ),
    Page(
        "methodology",
        "Methodology",
        ("rubrics",),
        lambda t, view, labels, _: methodology.build(t, view, labels),
        tour=None,  # how to read the dashboard: not a finding for a meeting
        in_briefing=False,
        reads_summaries=True,
    ),
    Page(
        "sources",
        "Sources",
        ("sources",),
        lambda t, view, labels, _: sources.build(t, view, labels),
        tour=None,  # the feed and the data's housekeeping: not for a meeting
        in_briefing=False,
        reads_summaries=True,
    ),
    Page(
        "curate",
        "Curate",
        ("sources", "sentences", "rubrics"),
        lambda t, view, labels, _: curate.build(t, view, labels),
        tour=None,  # the analyst's workbench: not for a meeting
        in_briefing=False,
        reads_summaries=True,
    ),
)
PAGE_BY_NAME = {page.name: page for page in PAGES}


def meeting_tour() -> list[tuple[str, str, str]]:
    """Meeting mode's screens in order: (page name, tabs' key, tab label)."""
    return [
        (page.name, key, label)
        for page in PAGES
        if page.tour is not None
        for key, labels in [page.tour]
        for label in (labels or ("",))
    ]
