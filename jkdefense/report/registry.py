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
from jkdefense.report import overview, pairings, pathway, programs, sources, threats
from jkdefense.report.base import PageView, Tables

# (tables, filters, chart labels, settings) -> the page's view
Builder = Callable[[Tables, ViewFilters, dict, dict], PageView]


@dataclass(frozen=True)
class Page:
    """One page of the app."""

    name: str
    title: str
    tables: tuple[str, ...]
    build: Builder
    # Page settings the builder reads (beyond the shared filters); the ui
    # takes each from its widget, the briefing from the same widgets' state.
    settings: tuple[str, ...] = ()

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
        ("threats", "programs", "company_pairings", "companies"),
        lambda t, view, labels, _: overview.build(t, view, labels),
    ),
    Page(
        "threats",
        "Threats",
        ("threats", "countries", "scrambles", "incidents"),
        lambda t, view, labels, s: threats.build(t, view, labels, s["actors"]),
        settings=("actors",),
    ),
    Page(
        "programs",
        "Joint programs",
        ("programs", "companies"),
        lambda t, view, labels, s: programs.build(
            t, view, labels, s["weights"], s["program_set"]
        ),
        settings=("weights", "program_set"),
    ),
    Page(
        "pairings",
        "Company pairings",
        ("company_pairings", "companies", "programs"),
        _pairings_with_parts,
        settings=("companies", "pair"),
    ),
    Page(
        "pathway",
        "Pathway",
        ("pathway", "agencies", "programs", "precedents", "claims", "countries"),
        lambda t, view, labels, _: pathway.build(t, view, labels),
    ),
    Page(
        "sources",
        "Sources",
        ("sources",),
        lambda t, view, labels, _: sources.build(t, view, labels),
    ),
)
PAGE_BY_NAME = {page.name: page for page in PAGES}
