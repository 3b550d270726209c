"""The pages of the app, each declared once.

A page is its name (its ``pages/<name>.py`` script and URL), its title, the
tables it needs, the settings it takes beyond the shared filters (records of
jkdefense.report.setting_records), the tabs meeting mode shows, and the
builder of its view. Nothing else holds them: page scripts take their title
and tabs from here, and a page's widgets, links and briefings its settings.
The app's navigation, the briefings, the tests and the benchmarks all iterate
PAGES; adding a page means an entry here, its report module and its script
in pages/.
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
from jkdefense.report.setting import Setting
from jkdefense.report.setting_records import (
    FILTERS,
    PAIRINGS_COMPANY,
    PAIRINGS_PAIR,
    PROGRAM_WEIGHTS,
    PROGRAMS_SET,
    THREATS_ACTOR,
    program_weights,
)

# (tables, filters, chart labels, settings by their keys) -> the page's view
Builder = Callable[[Tables, ViewFilters, dict, dict], PageView]


@dataclass(frozen=True)
class Page:
    """One page of the app."""

    name: str
    title: str  # in the navigation, meeting mode's bar and briefings' names
    # The tables it cannot draw without. Every page that shows curated rows
    # needs sources.csv: its rows are filtered by the articles they cite.
    tables: tuple[str, ...]
    build: Builder
    # Page settings the builder reads (beyond the shared filters), by their
    # keys; the ui draws and reads their widgets, links read and write them.
    settings: tuple[Setting, ...] = ()
    # What meeting mode shows of the page, one screen each: the tabs of its
    # charts, as (the tabs' key, (what a tab shows, its label) for each tab:
    # a chart's key or a section's name); ("", ()) for a page of one chart;
    # None for a page left out of the tour. The page's tabs are drawn from it.
    tour: tuple[str, tuple[tuple[str, str], ...]] | None = ("", ())
    # False for a page of housekeeping (the feed's counts, fact-check tallies,
    # rows per domain): a whole-app briefing leaves it out unless asked.
    in_briefing: bool = True
    # True for a page drawn from what page_data.page_tables adds to the package's
    # tables: the feed's counts and the package's rules. In a long feed they take
    # a while to read, so the app reads them for such pages only; the others
    # get the package's tables and the map's.
    reads_summaries: bool = False
    # The page's heading, where it says more than its title in the navigation.
    heading: str = ""

    @property
    def script(self) -> str:
        """The page's script, relative to the project folder."""
        return f"pages/{self.name}.py"


def _pairings_with_parts(
    t: Tables, view: ViewFilters, labels: dict, settings: dict
) -> PageView:
    """The pairings page as a briefing shows it: the chosen pairing's parts too."""
    options = shaping.company_options(t["company_pairings"], t["companies"])
    company_ids = shaping.ids_of(options, list(settings[PAIRINGS_COMPANY.key]))
    page = pairings.build(t, view, labels, company_ids)
    parts = pairings.parts(page, settings[PAIRINGS_PAIR.key], labels)
    page.charts += [parts] if parts else []
    return page


# The app's name: the browser tab's title and the Overview's heading.
APP_TITLE = "Japan–South Korea defense cooperation"

PAGES = (
    Page(
        "overview",
        "Overview",
        ("threats", "programs", "company_pairings", "companies", "sources"),
        lambda t, view, labels, _: overview.build(t, view, labels),
        heading=APP_TITLE,
    ),
    Page(
        "threats",
        "Threats",
        ("threats", "countries", "scrambles", "incidents", "sources"),
        lambda t, view, labels, s: threats.build(
            t, view, labels, list(s[THREATS_ACTOR.key])
        ),
        settings=(THREATS_ACTOR,),
        tour=("threats_chart", tuple(threats.TABS.items())),
    ),
    Page(
        "programs",
        "Joint programs",
        ("programs", "companies", "sources"),
        lambda t, view, labels, s: programs.build(
            t, view, labels, program_weights(s), s[PROGRAMS_SET.key]
        ),
        settings=(*PROGRAM_WEIGHTS.values(), PROGRAMS_SET),
        tour=("programs_chart", tuple(programs.TABS.items())),
    ),
    Page(
        "pairings",
        "Company pairings",
        ("company_pairings", "companies", "programs", "sources"),
        _pairings_with_parts,
        settings=(PAIRINGS_COMPANY, PAIRINGS_PAIR),
        tour=(
            "pairings_chart",
            (*pairings.TABS.items(), ("pairings_parts", pairings.DETAIL_TAB)),
        ),
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
        tour=("pathway_section", tuple((s, s) for s in pathway.CHART_SECTIONS)),
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
# Every page's settings, each once, in the registry's order: a view's settings.
PAGE_SETTINGS = tuple(dict.fromkeys(s for page in PAGES for s in page.settings))
# Every setting a link carries, in the order links write them: the shared
# filters, then the pages' settings.
LINK_SETTINGS = (*FILTERS, *PAGE_SETTINGS)
SETTING_BY_KEY = {setting.key: setting for setting in LINK_SETTINGS}


def meeting_tour() -> list[tuple[str, str, str]]:
    """Meeting mode's screens in order: (page name, tabs' key, tab label)."""
    return [
        (page.name, key, label)
        for page in PAGES
        if page.tour is not None
        for key, tabs in [page.tour]
        for label in ([label for _, label in tabs] or [""])
    ]
