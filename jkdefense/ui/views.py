"""A page's view as the registry builds it, kept per data, filters and settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jkdefense.analysis import filters
from jkdefense.data import load
from jkdefense.report import registry
from jkdefense.report.base import PageView
from jkdefense.ui.memo import kept
from jkdefense.ui.settings import settings_of
from jkdefense.ui.state import (
    chart_labels,
    data_key,
    page_tables,
    tables_with_map,
    view_key,
)


def kept_view(
    name: str,
    pkg: load.Package,
    view: filters.ViewFilters,
    options: tuple,
    build: Callable[[], Any],
) -> Any:
    """``build()``, once per page, data version, shared filters and page options.

    Building the charts is most of a page's rerun; a rerun that changes nothing
    the page shows (a tab, a row picked for evidence, a download, coming back to
    the page) reuses them. ``options`` holds every page setting ``build`` reads.
    Pages must not modify what they get.
    """
    key = (name, *data_key(pkg), view_key(pkg, view), options)
    return kept("page_view", key, build)


def page_view(name: str, pkg: load.Package, view: filters.ViewFilters) -> PageView:
    """Page ``name``'s view as the registry builds it, for briefings as for the app.

    Under the shared filters and the settings the page declares, as their
    widgets hold them: a page draws those widgets before it asks for its view.
    """
    page = registry.PAGE_BY_NAME[name]
    settings = settings_of((page,), pkg)
    tables = page_tables if page.reads_summaries else tables_with_map
    return kept_view(
        name,
        pkg,
        view,
        _as_key(settings),
        lambda: page.build(tables(pkg), view, chart_labels(pkg, view), settings),
    )


def _as_key(settings: dict[str, Any]) -> tuple:
    """The settings as a key: lists as tuples, mappings as sorted pairs."""

    def frozen(value: Any) -> Any:
        if isinstance(value, dict):
            return tuple(sorted(value.items()))
        return tuple(value) if isinstance(value, list) else value

    return tuple((name, frozen(value)) for name, value in sorted(settings.items()))
