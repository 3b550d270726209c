"""A page's settings beyond the shared filters: the widgets that set them, and readers.

Each setting a page of the registry declares (report.registry.Page.settings) is
set by one widget here and read back from that widget's state, defaults when
the page was never opened: so the page's view (views.page_view) and a
whole-app briefing (share) see what the widgets show. Every widget is bound
to the URL; report.links reads the same parameters.
"""

from __future__ import annotations

import streamlit as st

from jkdefense.analysis import filters, scoring
from jkdefense.data import load
from jkdefense.report import pairing_choices, programs, registry
from jkdefense.ui.state import per_data, threat_actors, view_key


def threat_actor_filter(pkg: load.Package) -> None:
    """The threat actors the Threats page shows (all at first)."""
    actors = threat_actors(pkg)
    st.multiselect(
        "Threat actor", actors, default=actors, key="threats_actor", bind="query-params"
    )


def program_weight_sliders() -> None:
    """How much each criterion counts in the programs' ranking, one slider each."""
    for slot, criterion in zip(st.columns(4), scoring.PROGRAM_CRITERIA, strict=True):
        slot.slider(
            scoring.CRITERION_LABELS[criterion],
            0.0,
            5.0,
            1.0,
            step=0.5,
            key=f"programs_w_{criterion}",
            bind="query-params",
        )


def program_set_choice() -> None:
    """Which programs the Joint programs page ranks."""
    # NOTE: the choices are their own labels: a bound widget writes its label to
    # the URL, and links and batch export read these short names.
    st.segmented_control(
        "Programs ranked",
        list(programs.PROGRAM_SETS),
        default=programs.PROGRAM_SET_DEFAULT,
        required=True,
        key="programs_set",
        bind="query-params",
        help="all: with the context programs added for comparison, marked "
        "'(context)'; article: the article's four candidates and six feasible "
        "areas; candidates: its four named candidates alone.",
    )


def company_filter(pkg: load.Package) -> None:
    """The companies whose pairings the Company pairings page shows (all at first)."""
    st.multiselect(
        "Company",
        per_data("company_names", pkg, (), lambda: pairing_choices.company_names(pkg)),
        key="pairings_company",
        bind="query-params",
        placeholder="All companies",
    )


def pairing_choice(pkg: load.Package, view: filters.ViewFilters) -> None:
    """The pairing shown in detail, and in the briefing, whichever tab is open.

    One of the pairings in view, as the page lists them; nothing to choose (and
    no widget) when the filters leave none, which the page then says.
    """
    companies = tuple(_companies())
    labels = per_data(
        "pairing_labels",
        pkg,
        (view_key(pkg, view), companies),
        lambda: pairing_choices.pairing_labels(pkg, view, companies),
    )
    if labels:
        st.selectbox(
            "Pairing to show in detail",
            labels,
            key="pairings_pair",
            bind="query-params",
        )


def _companies() -> list[str]:
    return list(st.session_state.get("pairings_company", []))


def chosen_pair() -> str | None:
    """The pairing chosen to show in detail (None before any is offered)."""
    return st.session_state.get("pairings_pair")


def program_weights() -> dict[str, float]:
    """Criterion weights from the programs page sliders (1.0 when never set)."""
    return {
        c: float(st.session_state.get(f"programs_w_{c}", 1.0))
        for c in scoring.PROGRAM_CRITERIA
    }


def program_set() -> str:
    """Which programs the programs page ranks (its segmented control; all at first)."""
    chosen = st.session_state.get("programs_set")
    return chosen if chosen in programs.PROGRAM_SETS else programs.PROGRAM_SET_DEFAULT


def settings_of(pages: tuple[registry.Page, ...], pkg: load.Package) -> dict:
    """The settings ``pages`` declare, as their widgets hold them now."""
    readers = {
        "actors": lambda: list(
            st.session_state.get("threats_actor", threat_actors(pkg))
        ),
        "weights": program_weights,
        "program_set": program_set,
        "companies": _companies,
        "pair": chosen_pair,
    }
    names = dict.fromkeys(s for page in pages for s in page.settings)
    return {name: readers[name]() for name in names}


def page_settings(pkg: load.Package) -> dict:
    """A snapshot of the settings the registry's pages declare, from their widgets.

    Taken while the script runs, so a briefing shows what the pages show.
    """
    return settings_of(registry.PAGES, pkg)


def meeting_mode() -> bool:
    """True while meeting mode is on (the toggle lives in the sidebar, in the URL)."""
    return bool(st.session_state.get("meeting", False))
