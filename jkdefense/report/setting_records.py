"""Every setting of the app, one record each: the shared filters and the pages'.

The shared filters (FILTERS) are drawn in the sidebar of every page and make
its view (links.view_of); each page's settings are those its registry entry
lists (registry.Page.settings), read by its builder by their keys. Everything
else about a setting (its widget, its reader, its link parameter, its line in
the README) is made from its record here: jkdefense.report.setting.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from jkdefense.analysis import filters, scoring
from jkdefense.data import load
from jkdefense.data.vocabulary import DOMAIN_CHOICES
from jkdefense.report import pairing_choices, programs
from jkdefense.report.setting import Follows, Setting

# Dated tables and their date column: together they span the period filter.
DATED = {
    "incidents": "incident_date",
    "developments": "development_date",
    "scrambles": "fiscal_year",
    "sources": "date_published",
}


def period_years(pkg: load.Package) -> tuple[int, int]:
    """The first and last year any dated row or article of the package falls in."""
    years = [
        filters.years_of(pkg.tables[name][column].astype("string"))
        if name == "scrambles"
        else filters.years_of(pkg.tables[name][column])
        for name, column in DATED.items()
        if name in pkg.tables
    ]
    known = pd.concat(years).dropna() if years else pd.Series(dtype="Int64")
    if known.empty:
        return (2019, 2019)
    return int(known.min()), int(known.max())


def years(pkg: load.Package) -> range:
    """Every year of the period filter's span, in order."""
    first, last = period_years(pkg)
    return range(first, last + 1)


def threat_actors(pkg: load.Package) -> list[str]:
    """All threat actors in the data, in order."""
    if "threats" not in pkg.tables:
        return []
    return sorted(pkg.tables["threats"]["actor_country_code"].dropna().unique())


# --- the shared filters ---------------------------------------------------------

# NOTE: no format_func on any widget here: a URL-bound widget writes its
# *displayed* labels to the URL, and links carry the vocabulary (domain=sea).
DOMAIN = Setting(
    "domain",
    "Domain (none chosen: all)",
    "pills",
    (),  # none chosen shows every domain
    help="Click a domain to see it alone, again to see all. maritime = sea "
    "and undersea; electronic = electronic warfare; multi = cross-domain "
    "rows, which stay in view whenever any domain is chosen.",
    options=DOMAIN_CHOICES,
)
FOCUS = Setting(
    "focus",
    "Country focus",
    "segmented_control",
    "both",
    help="KR: rows about South Korea; JP: rows about Japan; both: everything.",
    options=filters.FOCUS_CHOICES,
)
PERIOD = Setting(
    "period",
    "Period",
    "select_slider",
    Follows.ENDS,
    help="Years of the events, developments and articles in view; "
    "rows citing only articles outside it leave the view too.",
    options=lambda pkg, view, chosen: years(pkg),
    takes="two years of the data's span, first and last",
)
SOURCE = Setting(
    "source",
    "Source article",
    "multiselect",
    (),  # none chosen: every article
    help="Rows citing sentences of these articles (none chosen: all). "
    "See Sources for titles.",
    options=lambda pkg, view, chosen: pkg.source_ids,
    takes="an article id of the feed (Sources lists them)",
    placeholder="All articles",
)
FILTERS = (DOMAIN, FOCUS, PERIOD, SOURCE)

# --- the pages' settings ------------------------------------------------------

THREATS_ACTOR = Setting(
    "threats_actor",
    "Threat actor",
    "multiselect",
    Follows.EVERY,
    help="The actors whose threats, scrambles and incidents the page shows.",
    options=lambda pkg, view, chosen: threat_actors(pkg),
    takes="a threat actor's country code, as the Threats page lists them",
)
# How much each criterion counts in the programs' ranking, one slider each.
PROGRAM_WEIGHTS = {
    criterion: Setting(
        f"programs_w_{criterion}",
        scoring.CRITERION_LABELS[criterion],
        "slider",
        1.0,
        help=f"How much {scoring.CRITERION_LABELS[criterion].lower()} counts in "
        "the ranking: 0 not at all, 2 twice as much as a criterion at 1.",
        bounds=(0.0, 5.0),
        step=0.5,
    )
    for criterion in scoring.PROGRAM_CRITERIA
}
# NOTE: the choices are their own labels: a bound widget writes its label to
# the URL, and links and batch export read these short names.
PROGRAMS_SET = Setting(
    "programs_set",
    "Programs ranked",
    "segmented_control",
    programs.PROGRAM_SET_DEFAULT,
    help="all: with the context programs added for comparison, marked "
    "'(context)'; article: the article's four candidates and six feasible "
    "areas; candidates: its four named candidates alone.",
    options=tuple(programs.PROGRAM_SETS),
)
PAIRINGS_COMPANY = Setting(
    "pairings_company",
    "Company",
    "multiselect",
    (),  # none chosen: every company
    help="The pairings of these companies (none chosen: all).",
    options=lambda pkg, view, chosen: pairing_choices.company_names(pkg),
    takes="a company name as the pairings page lists it",
    placeholder="All companies",
)
# The pairing shown in detail, and in the briefing, whichever tab is open: one
# of the pairings in view, as the page lists them (no widget when there is none).
PAIRINGS_PAIR = Setting(
    "pairings_pair",
    "Pairing to show in detail",
    "selectbox",
    None,
    help="The pairing the Pairing in detail tab and the briefings show.",
    options=lambda pkg, view, chosen: pairing_choices.pairing_labels(
        pkg, view, chosen.get(PAIRINGS_COMPANY.key, ())
    ),
    takes="a pairing's label, as the pairings in view list them (the first if "
    "it is none of them)",
    follows_view=True,
    follows=(PAIRINGS_COMPANY.key,),
)


def program_weights(settings: Mapping[str, Any]) -> dict[str, float]:
    """The programs page's criterion weights from its settings (by their keys)."""
    return {
        criterion: float(settings.get(setting.key, setting.default))
        for criterion, setting in PROGRAM_WEIGHTS.items()
    }
