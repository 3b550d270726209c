"""What a script run works from: the package, what it derives, the shared filters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from jkdefense.analysis import filters
from jkdefense.data import cache, load, paths
from jkdefense.pages_mode import leave_legacy_pages_mode
from jkdefense.report import context, links, page_data
from jkdefense.report import setting_records as records
from jkdefense.ui.memo import kept
from jkdefense.ui.script_run import once_per_run, through_app

# Per data version: what the pages read, worked out once for every session
# (memo.kept); per script run: the package, its fingerprint (script_run).


def data_signature(data_dir: Path) -> str:
    """The data's fingerprint, taken once per script run.

    Of every file of the data folder and of its map (geo/); of the seeds
    (thousands in a long feed, never edited) the folder's own time, which
    changes when one is added or removed. About 0.2 ms at the current feed: a
    run asks for it at every step, 10 to 31 times (benchmarks/RESULTS.md).
    """
    seeds = paths.project_dir(data_dir) / "seeds"
    return once_per_run(
        ("signature", data_dir),
        lambda: cache.fingerprint(
            folders=[data_dir, data_dir / "geo"], entries=[seeds]
        ),
    )


def package() -> load.Package:
    """Return the loaded package; reloaded when any data or seed file changes.

    The same package for the whole run: checked, or (the first runs on a long
    feed, see cache.open_package) its tables while a thread checks them.
    """
    # A page script run alone (not through app.py's frame) reruns through app.py.
    leave_legacy_pages_mode(through_app=through_app())
    data_dir = paths.data_dir()
    return once_per_run(("package", data_dir), lambda: opening(data_dir).current())


def opening(data_dir: Path) -> cache.Opening:
    """How this run's package was opened (to wait for or ask after its check)."""
    key = (str(data_dir), data_signature(data_dir))
    return once_per_run(
        ("opening", data_dir),
        lambda: kept("opening", key, lambda: cache.open_package(data_dir)),
    )


def view_key(pkg: load.Package, view: filters.ViewFilters) -> tuple:
    """What of ``view`` a page can show: a key for what is worked out from it."""
    sources = context.sources_in_view(pkg, view.source_ids)
    return (view.domains, view.focus, sources, view.period)


def data_key(pkg: load.Package) -> tuple[str, str]:
    """What of the package a value read from its files depends on: folder, version."""
    return str(pkg.data_dir), data_signature(pkg.data_dir)


def per_data(name: str, pkg: load.Package, key: tuple, build: Callable[[], Any]) -> Any:
    """``build()``, once per data version and ``key`` (shared: never modify it).

    For the small things a page works out on every rerun: lists of options,
    labels, the evidence of a row.
    """
    return kept(name, (*data_key(pkg), key), build)


def page_tables(pkg: load.Package) -> dict[str, pd.DataFrame]:
    """Every table a page view reads, the feed's summaries included, once per data."""
    return kept("page_tables", data_key(pkg), lambda: page_data.page_tables(pkg))


def tables_with_map(pkg: load.Package) -> dict[str, pd.DataFrame]:
    """The package's tables and the theatre map's, once per data version.

    For the pages that draw the map: its files are read once, not at every new
    view, and one that cannot be read is drawn empty (page_data.map_tables).
    """
    return kept(
        "tables_with_map",
        data_key(pkg),
        lambda: {**pkg.tables, **page_data.map_tables(pkg)},
    )


def chart_labels(pkg: load.Package, view: filters.ViewFilters) -> dict[str, Any]:
    """The subtitle (active filters) and source line of ``view``, once per view."""
    return per_data(
        "chart_labels",
        pkg,
        view_key(pkg, view),
        lambda: context.chart_labels(pkg, view),
    )


def threat_actors(pkg: load.Package) -> list[str]:
    """All threat actors in the data, in order (shared: never modify it)."""
    return per_data("threat_actors", pkg, (), lambda: records.threat_actors(pkg))


def period_years(pkg: load.Package) -> tuple[int, int]:
    """The years the period filter spans, once per data version."""
    return per_data("period_years", pkg, (), lambda: records.period_years(pkg))


def current_view(pkg: load.Package) -> filters.ViewFilters:
    """Return the shared filters as the sidebar set them.

    The period narrows the articles too: an article published outside it is out
    of view, and so are the rows that cite only such articles.
    """
    sources = page_data.sources_table(pkg)
    return links.view_of(
        pkg,
        st.session_state.get(records.DOMAIN.key, []),
        st.session_state.get(records.FOCUS.key),
        st.session_state.get(records.SOURCE.key),
        st.session_state.get(records.PERIOD.key),
        whole=period_years(pkg),
        latest=lambda ids: per_data(
            "as_of", pkg, (ids,), lambda: filters.latest_date(sources, ids)
        ),
        current=lambda ids, span: per_data(
            "currency", pkg, (ids, span), lambda: context.currency(pkg, ids, span)
        ),
    )
