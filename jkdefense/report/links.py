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
with it, and the app can write them with it ("Copy link"). Which parameters
there are: jkdefense.report.url_params; how each widget reads its values:
jkdefense.report.url_seeding.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import parse_qs, urlencode

from jkdefense.analysis import filters
from jkdefense.analysis.filters import ViewFilters
from jkdefense.data import load
from jkdefense.data.vocabulary import DOMAIN_CHOICES, DOMAINS
from jkdefense.report import context, page_data, programs, registry
from jkdefense.report.link_refusals import named_briefly
from jkdefense.report.pairing_choices import company_names, pairing_labels
from jkdefense.report.url_params import (
    WEIGHT_DEFAULT,
    WEIGHT_PARAMS,
    WEIGHT_RANGE,
    Params,
    unknown_params,
)
from jkdefense.report.url_seeding import (
    chosen_choice,
    chosen_many,
    chosen_number,
    chosen_option,
    chosen_range,
)


def parse_query(query: str) -> Params:
    """The parameters of a query string (the part of a link after '?')."""
    return parse_qs(query.strip().removeprefix("?"), keep_blank_values=True)


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
    feed = page_data.sources_table(pkg)
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
    feed = page_data.sources_table(pkg)
    unchosen = pkg.source_ids
    if view.period is not None:
        unchosen = filters.sources_in_period(feed, unchosen, view.period)
    if tuple(view.source_ids) == tuple(unchosen):
        return ()
    if view.source_ids:
        return tuple(view.source_ids)
    outside = [s for s in pkg.source_ids if s not in set(unchosen)]
    return tuple(outside[:1])
