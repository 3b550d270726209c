"""App links: a view and its page settings as the URL parameters the app uses.

The app keeps its shared filters and its pages' settings in widgets bound to
the URL (``bind="query-params"``), one for each record of
jkdefense.report.setting_records: the sidebar's filters (FILTERS) and each
page's settings (registry.Page.settings), each under its record's key.
``view_from_params`` reads such a query as Streamlit seeds those widgets from
it: a value the widget cannot take is dropped and the widget keeps its
default. ``params_from_view`` writes the query back, leaving out every
parameter at its default, as Streamlit does. Both go record by record
(Setting.from_link, Setting.to_link); the kind of each record's widget picks
how its values are read (jkdefense.report.url_seeding).

Pure (no Streamlit): the batch export (jkdefense.render.batch) reads links
with it, and the app can write them with it ("Copy link"). Which parameters
there are: jkdefense.report.url_params.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import parse_qs, urlencode

from jkdefense.analysis import filters
from jkdefense.analysis.filters import ViewFilters
from jkdefense.data import load
from jkdefense.data.vocabulary import DOMAIN_CHOICES, DOMAINS
from jkdefense.report import context, page_data, registry
from jkdefense.report.link_refusals import named_briefly
from jkdefense.report.setting_records import (
    DOMAIN,
    FILTERS,
    FOCUS,
    PERIOD,
    SOURCE,
    period_years,
)
from jkdefense.report.url_params import Params, unknown_params


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
    setting_records.period_years unless given) is no period.
    The period narrows the articles too: an article published outside it is
    out of view, and so are the rows that cite only such articles.
    ``latest(source_ids)`` gives the latest article's date (default:
    filters.latest_date over the feed) and ``current(source_ids, period)`` the
    latest dated row and the uncited articles (default: context.currency); the
    app passes cached ones.
    """
    source_ids = tuple(sources or pkg.source_ids)
    whole = whole or period_years(pkg)
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
    setting the registry's pages declare, by its key (registry.PAGE_SETTINGS).
    """
    unknown = unknown_params(params)
    if unknown:
        raise ValueError(f"unknown URL parameter(s): {named_briefly(unknown)}")
    shared = {s.key: s.from_link(params.get(s.key), pkg) for s in FILTERS}
    view = view_of(
        pkg,
        shared[DOMAIN.key],
        shared[FOCUS.key],
        shared[SOURCE.key],
        shared[PERIOD.key],
        whole=period_years(pkg),
    )
    settings: dict = {}
    # In order: the pairing's choices follow the companies chosen before it.
    for setting in registry.PAGE_SETTINGS:
        given = params.get(setting.key)
        settings[setting.key] = setting.from_link(given, pkg, view, settings)
    return view, settings


def params_from_view(
    pkg: load.Package, view: ViewFilters, settings: dict | None = None
) -> str:
    """The query string (without '?') that reopens ``view`` with ``settings``.

    Parameters at their default are left out, so the default view gives ''.
    ``settings`` by their keys, as view_from_params or the app's page_settings
    give them (missing ones: their defaults; a pairing of None: the first).
    """
    shared = {
        DOMAIN.key: list(view.domain_choice),
        FOCUS.key: view.focus,
        PERIOD.key: view.period,
        SOURCE.key: list(_chosen_sources(pkg, view)),
    }
    chosen = {**shared, **(settings or {})}
    pairs = [
        (setting.key, value)
        for setting in registry.LINK_SETTINGS
        if setting.key in chosen
        for value in setting.to_link(chosen[setting.key], pkg, view, chosen)
    ]
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
