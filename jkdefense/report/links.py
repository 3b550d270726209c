"""App links: a view and its page settings as the URL parameters the app uses.

The app keeps its shared filters and its pages' settings in widgets bound to
the URL (``bind="query-params"``): the sidebar's domain, focus, period and
source (jkdefense/ui/frame.py), and the pages' threats_actor,
programs_w_<criterion>, programs_set, pairings_company and pairings_pair
(pages/*.py).
``view_from_params`` reads such a query as Streamlit seeds those widgets from
it: a value the widget cannot take is dropped and the widget keeps its
default. ``params_from_view`` writes the query back, leaving out every
parameter at its default, as Streamlit does.

Pure (no Streamlit): the batch export (jkdefense.render.batch) reads links
with it, and the app can write them with it ("Copy link").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import parse_qs, urlencode

from jkdefense.analysis import filters, scoring, shaping
from jkdefense.analysis.filters import ViewFilters
from jkdefense.data import load
from jkdefense.data.vocabulary import DOMAIN_CHOICES, DOMAINS
from jkdefense.report import context, pairings, programs, registry

Params = dict[str, list[str]]

# The programs page's weight sliders: range and default (pages/programs.py).
WEIGHT_RANGE = (0.0, 5.0)
WEIGHT_DEFAULT = 1.0
WEIGHT_PARAMS = {f"programs_w_{c}": c for c in scoring.PROGRAM_CRITERIA}

# What a view is made of: the shared filters, then the pages' settings.
VIEW_PARAMS = ("domain", "focus", "period", "source")
SETTING_PARAMS = (
    "threats_actor",
    *WEIGHT_PARAMS,
    "programs_set",
    "pairings_company",
    "pairings_pair",
)
# Bound too, but to what a page shows on screen (meeting mode, the open tab,
# searches, the row an evidence panel shows), not to its view or its charts:
# read, ignored.
SCREEN_PARAMS = (
    "meeting",
    "threats_chart",
    "programs_chart",
    "pairings_chart",
    "pathway_section",
    "sources_tab",
    "source_find",
    "sources_query",
    "sources_revision",
    "overview_evidence",
    "threats_evidence",
    "programs_evidence",
    "pairings_evidence",
    "pathway_evidence",
    "pathway_driver_evidence",
    "pathway_dev_evidence",
    "pathway_prec_evidence",
    "sources_evidence",
)
# Streamlit's own parameters (any case): how an embedded app looks.
STREAMLIT_PARAMS = ("embed", "embed_options")
KNOWN_PARAMS = frozenset((*VIEW_PARAMS, *SETTING_PARAMS, *SCREEN_PARAMS))


def parse_query(query: str) -> Params:
    """The parameters of a query string (the part of a link after '?')."""
    return parse_qs(query.strip().removeprefix("?"), keep_blank_values=True)


def unknown_params(params: Iterable[str]) -> list[str]:
    """Those parameter names no widget of the app binds, in order."""
    return [
        name
        for name in params
        if name not in KNOWN_PARAMS and name.lower() not in STREAMLIT_PARAMS
    ]


# A refusal names this many of what it refuses, each cut to this many
# characters: a link can carry thousands of keys, or one long one.
NAMED_AT_MOST = 3
NAME_CHARS = 40


def named_briefly(names: Sequence[str]) -> str:
    """The first few ``names`` and how many more, for a one-line refusal.

    Each is shown quoted (repr), so an empty name, a space or a line break
    in one is visible rather than lost in the commas or splitting the line.
    """
    shown = [
        repr(name[:NAME_CHARS]) + ("…" if len(name) > NAME_CHARS else "")
        for name in names[:NAMED_AT_MOST]
    ]
    more = len(names) - len(shown)
    return ", ".join(shown) + (f" and {more:,} more" if more else "")


def refused_values(pkg: load.Package, params: Params) -> list[str]:
    """``name=value`` for each value of ``params`` the app's widgets would drop.

    The app ignores such a value (a link from an older version still opens);
    a command line refuses it, so a typo never gives a silently wider view.
    """
    whole = context.period_years(pkg)
    closed: dict[str, Callable[[str], bool]] = {
        "domain": lambda v: v in DOMAIN_CHOICES,
        "focus": lambda v: v in filters.FOCUS_CHOICES,
        "source": lambda v: v in set(pkg.source_ids),
        "period": lambda v: v.isdigit() and whole[0] <= int(v) <= whole[1],
        "threats_actor": lambda v: v in context.threat_actors(pkg),
        "programs_set": lambda v: v in programs.PROGRAM_SETS,
        "pairings_company": lambda v: v in company_names(pkg),
        **{
            name: lambda v: (
                chosen_number([v], *WEIGHT_RANGE, math.nan)
                == chosen_number([v], *WEIGHT_RANGE, -1.0)
            )
            for name in WEIGHT_PARAMS
        },
    }
    return [
        f"{name}={value}"
        for name, values in params.items()
        if name in closed
        for value in _values(values)
        if not closed[name](value)
    ]


def _is_weight(value: str) -> bool:
    """A value a weight slider takes: a finite number within its range."""
    return not math.isnan(chosen_number([value], *WEIGHT_RANGE, math.nan))


def choices_of(pkg: load.Package, name: str) -> str:
    """What a URL parameter takes, in words, for a refusal."""
    whole = context.period_years(pkg)
    described = {
        "domain": ", ".join(DOMAIN_CHOICES),
        "focus": ", ".join(filters.FOCUS_CHOICES),
        "source": "an article id of the feed (Sources lists them)",
        "period": f"two years from {whole[0]} to {whole[1]}",
        "threats_actor": ", ".join(context.threat_actors(pkg)),
        "programs_set": ", ".join(programs.PROGRAM_SETS),
        "pairings_company": "a company name as the pairings page lists it",
    }
    return described.get(
        name, f"a number from {WEIGHT_RANGE[0]:g} to {WEIGHT_RANGE[1]:g}"
    )


# How Streamlit 1.67 seeds a bound widget from the URL (SessionState.
# _seed_widget_from_url): '' parts are no values; a value the widget cannot
# take leaves it at its default.


def _values(given: list[str]) -> list[str]:
    return [v for v in given if v != ""]


def chosen_many(
    given: list[str] | None, options: Sequence[str], default: Sequence[str]
) -> list[str]:
    """A multiselect or multi pills: known options once each, in the link's order.

    ``key=`` alone chooses none; no known option leaves the default.
    """
    if given is None:
        return list(default)
    values = _values(given)
    if not values:
        return []
    known = list(dict.fromkeys(v for v in values if v in options))
    return known or list(default)


def chosen_choice(given: list[str] | None, options: Sequence[str], default: str) -> str:
    """A segmented control: the first value when it is an option, else the default.

    NOTE: Streamlit reads the first value before it drops unknown ones.
    """
    values = _values(given or [])
    return values[0] if values and values[0] in options else default


def chosen_range(
    given: list[str] | None, options: Sequence[int], default: tuple[int, int]
) -> tuple[int, int]:
    """A range select slider: two values (either order), else the default.

    A value that is no option stands for the default's end in its place.
    """
    by_text = {str(o): o for o in options}
    values = _values(given or [])
    if len(values) != 2:
        return default
    first, last = sorted(
        by_text.get(v, end) for v, end in zip(values, default, strict=True)
    )
    return first, last


def chosen_number(
    given: list[str] | None, low: float, high: float, default: float
) -> float:
    """A slider of one number: one finite number within its range, else the default."""
    values = _values(given or [])
    if len(values) != 1:
        return default
    try:
        number = float(values[0])
    except ValueError:
        return default
    return number if math.isfinite(number) and low <= number <= high else default


def chosen_option(
    given: list[str] | None, options: Sequence[str], default: str | None
) -> str | None:
    """A selectbox: the last value when it is an option, else the default."""
    if not given or given[-1] not in options:
        return default
    return given[-1]


def view_of(
    pkg: load.Package,
    domains: Sequence[str],
    focus: str | None,
    sources: Sequence[str] | None,
    period: Sequence[int] | None,
    *,
    whole: tuple[int, int] | None = None,
    latest: Callable[[tuple[str, ...]], str] | None = None,
    current: Callable[[tuple[str, ...], tuple[int, int] | None], tuple[str, int]]
    | None = None,
) -> ViewFilters:
    """The shared filters the sidebar's values give: ``current_view`` in the app.

    ``domains`` is the domain filter's choice: domains and groups (maritime),
    none chosen meaning every domain. ``focus`` None is both; no ``sources``
    is every article; ``period`` None or the whole span (``whole``,
    context.period_years unless given) is no period.
    The period narrows the articles too: an article published outside it is
    out of view, and so are the rows that cite only such articles.
    ``latest(source_ids)`` gives the latest article's date (default:
    filters.latest_date over the feed) and ``current(source_ids, period)`` the
    latest dated row and the uncited articles (default: context.currency); the
    app passes cached ones.
    """
    source_ids = tuple(sources or pkg.source_ids)
    whole = whole or context.period_years(pkg)
    chosen = tuple(period or whole)
    span = None if chosen == tuple(whole) else (int(chosen[0]), int(chosen[-1]))
    feed = context.sources_table(pkg)
    if span is not None:
        source_ids = filters.sources_in_period(feed, source_ids, span)
    as_of = latest(source_ids) if latest else filters.latest_date(feed, source_ids)
    data_to, uncited = (
        current(source_ids, span)
        if current
        else context.currency(pkg, source_ids, span)
    )
    choice = tuple(c for c in domains if c in DOMAIN_CHOICES)
    return ViewFilters(
        filters.domains_of(choice),
        focus or "both",
        source_ids,
        span,
        as_of,
        domain_choice=() if set(filters.domains_of(choice)) >= set(DOMAINS) else choice,
        data_to=data_to,
        uncited=uncited,
    )


def company_names(pkg: load.Package) -> list[str]:
    """The pairings page's company choices (names), in its order."""
    if pkg.missing("company_pairings", "companies"):
        return []
    options = shaping.company_options(
        pkg.tables["company_pairings"], pkg.tables["companies"]
    )
    return list(options.values())


def pairing_labels(
    pkg: load.Package, view: ViewFilters, companies: Sequence[str]
) -> list[str]:
    """The pairings page's pairing choices under ``view`` and chosen companies."""
    page = registry.PAGE_BY_NAME["pairings"]
    if pkg.missing(*page.tables):
        return []
    options = shaping.company_options(
        pkg.tables["company_pairings"], pkg.tables["companies"]
    )
    company_ids = shaping.ids_of(options, list(companies))
    # The rows alone: the page's charts are not needed to know its choices.
    rows = pairings.pairings_in_view(pkg.tables, view, company_ids)
    return list(rows["pairing_label"])


def view_from_params(pkg: load.Package, params: Params) -> tuple[ViewFilters, dict]:
    """The view and page settings a link's parameters give, as the app reads them.

    ``params``: name -> values, as parse_query gives them. Raises ValueError
    naming every parameter no widget of the app binds. The settings hold every
    setting the registry's pages declare (actors, weights, companies, pair).
    """
    unknown = unknown_params(params)
    if unknown:
        raise ValueError(f"unknown URL parameter(s): {named_briefly(unknown)}")
    whole = context.period_years(pkg)
    years = list(range(whole[0], whole[1] + 1))
    # NOTE: the app draws the period slider only when there are two years or more.
    period = (
        chosen_range(params.get("period"), years, whole) if len(years) > 1 else None
    )
    view = view_of(
        pkg,
        chosen_many(params.get("domain"), DOMAIN_CHOICES, []),
        chosen_choice(params.get("focus"), filters.FOCUS_CHOICES, "both"),
        chosen_many(params.get("source"), pkg.source_ids, []),
        period,
        whole=whole,
    )
    return view, _settings_from_params(pkg, view, params)


def _settings_from_params(pkg: load.Package, view: ViewFilters, params: Params) -> dict:
    actors = context.threat_actors(pkg)
    companies = chosen_many(params.get("pairings_company"), company_names(pkg), [])

    def pair() -> str | None:
        labels = pairing_labels(pkg, view, companies)
        first = labels[0] if labels else None
        return chosen_option(params.get("pairings_pair"), labels, first)

    readers: dict[str, Callable[[], Any]] = {
        "actors": lambda: chosen_many(params.get("threats_actor"), actors, actors),
        "weights": lambda: {
            criterion: chosen_number(params.get(name), *WEIGHT_RANGE, WEIGHT_DEFAULT)
            for name, criterion in WEIGHT_PARAMS.items()
        },
        "program_set": lambda: chosen_choice(
            params.get("programs_set"),
            list(programs.PROGRAM_SETS),
            programs.PROGRAM_SET_DEFAULT,
        ),
        "companies": lambda: companies,
        "pair": pair,
    }
    names = dict.fromkeys(s for page in registry.PAGES for s in page.settings)
    return {name: readers[name]() for name in names}


def number_text(number: float) -> str:
    """A number as the app's sliders write it to the URL: 2, 2.5."""
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def params_from_view(
    pkg: load.Package, view: ViewFilters, settings: dict | None = None
) -> str:
    """The query string (without '?') that reopens ``view`` with ``settings``.

    Parameters at their default are left out, so the default view gives ''.
    ``settings`` as view_from_params or the app's page_settings give them
    (missing ones: their defaults; a pair of None: the first pairing).
    """
    settings = settings or {}
    pairs: list[tuple[str, str]] = []

    def many(name: str, values: Sequence[str], default: Sequence[str]) -> None:
        # Streamlit writes a choice of none as one empty value: ``domain=``.
        if list(values) != list(default):
            pairs.extend((name, v) for v in values or [""])

    many("domain", view.domain_choice, [])
    if view.focus != "both":
        pairs.append(("focus", view.focus))
    if view.period is not None:
        pairs.extend(("period", str(year)) for year in view.period)
    pairs.extend(("source", s) for s in _chosen_sources(pkg, view))
    actors = context.threat_actors(pkg)
    many("threats_actor", settings.get("actors", actors), actors)
    weights = settings.get("weights", {})
    for name, criterion in WEIGHT_PARAMS.items():
        weight = weights.get(criterion, WEIGHT_DEFAULT)
        if weight != WEIGHT_DEFAULT:
            pairs.append((name, number_text(weight)))
    program_set = settings.get("program_set", programs.PROGRAM_SET_DEFAULT)
    if program_set != programs.PROGRAM_SET_DEFAULT:
        pairs.append(("programs_set", program_set))
    companies = list(settings.get("companies", []))
    pairs.extend(("pairings_company", c) for c in companies)
    pair = settings.get("pair")
    if pair is not None:
        labels = pairing_labels(pkg, view, companies)
        if pair in labels[1:]:
            pairs.append(("pairings_pair", pair))
    return urlencode(pairs)


def _chosen_sources(pkg: load.Package, view: ViewFilters) -> tuple[str, ...]:
    """The source parameter's values: none when no choice gives the same articles.

    A choice of articles all outside the period leaves none in view; one such
    article stands for it.
    """
    feed = context.sources_table(pkg)
    unchosen = pkg.source_ids
    if view.period is not None:
        unchosen = filters.sources_in_period(feed, unchosen, view.period)
    if tuple(view.source_ids) == tuple(unchosen):
        return ()
    if view.source_ids:
        return tuple(view.source_ids)
    outside = [s for s in pkg.source_ids if s not in set(unchosen)]
    return tuple(outside[:1])
