"""What a script run works from: the package, cached views, filters and settings."""

from __future__ import annotations

import gc
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from jkdefense.analysis import filters, scoring
from jkdefense.data import cache, load, paths
from jkdefense.report import context, links, programs, registry
from jkdefense.ui.pages_mode import leave_legacy_pages_mode

# How the app keeps what it has worked out, in three places (README, "Caching"):
# 1. on disk, the checked package, across processes (jkdefense.data.cache);
# 2. in memory, by the data's fingerprint and a key: kept() below;
# 3. in memory, as long as an object lives (a script run, a frame): kept_with().
# Every key that depends on the files uses cache.fingerprint.

# Entries kept per kind before the least recently used goes.
KEEP = {
    "opening": 4,
    "page_view": 64,
    "page_tables": 4,
    "tables_with_map": 4,
    "search": 32,
    "queue": 16,
}
KEEP_OTHERWISE = 512
_KEPT: dict[str, OrderedDict] = {}
_KEPT_LOCK = threading.Lock()


def kept(kind: str, key: tuple, build: Callable[[], Any]) -> Any:
    """``build()``, kept in memory under ``key`` for every session of the server.

    ``key`` holds everything the value depends on (the data's fingerprint for
    anything read from the files). NOTE: a plain dictionary, not
    st.cache_resource, whose lookup costs about 150 µs; a rerun makes dozens.
    Two sessions may build the same value at once: both get a valid one.
    """
    with _KEPT_LOCK:
        entries = _KEPT.setdefault(kind, OrderedDict())
        if key in entries:
            entries.move_to_end(key)
            return entries[key]
    value = build()
    with _KEPT_LOCK:
        entries[key] = value
        while len(entries) > KEEP.get(kind, KEEP_OTHERWISE):
            entries.popitem(last=False)
    return value


_KEPT_WITH: dict[int, dict] = {}


def kept_with(owner: Any, key: tuple, work: Callable[[], Any]) -> Any:
    """``work()``, kept as long as ``owner`` lives (never modify either).

    For what follows from one object: a script run's package, a cached view's
    frame and what is drawn from it. NOTE: keyed by id(), and forgotten when the
    owner is freed, since frames are not hashable.
    """
    slots = _KEPT_WITH.get(id(owner))
    if slots is None:
        slots = _KEPT_WITH[id(owner)] = {}
        weakref.finalize(owner, _KEPT_WITH.pop, id(owner), None)
    if key not in slots:
        slots[key] = work()
    return slots[key]


class _Run:
    """One script run through app.py (what kept_with keeps its values on)."""


# Marks script runs that went through app.py; each run has its own thread.
_frame = threading.local()
_frozen = False


def begin_frame() -> None:
    """Mark this script run as started by app.py (call first thing in app.py)."""
    _frame.active = True
    _frame.run = _Run()
    _freeze_imported_objects()


def _freeze_imported_objects() -> None:
    """Leave the objects alive at the first run out of every later collection.

    Streamlit collects every generation after each script run
    (runner.postScriptGC), holding the interpreter while it walks every object
    the process has. By the first run's begin_frame those are mostly the
    modules, classes and functions of pandas, altair and this package, which
    live as long as the process: walking them took 0.3 s after the app's first
    run, while chromium was fetching the first page (benchmarks/RESULTS.md).
    Objects made later are collected as before; a frozen object is still freed
    once nothing refers to it (only a cycle of frozen objects stays).
    """
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


# A package drawn before it is checked is checked this long after the run that
# drew it: the time chromium takes to draw the first page of a long feed. The
# check shares the interpreter with the server; started at once, it slowed that
# first draw by a second (benchmarks/RESULTS.md).
DRAW_FIRST_S = 1.0


def end_frame() -> None:
    """Have this run's package checked if it is not (call last in app.py)."""
    run = getattr(_frame, "run", None)
    for key, value in _KEPT_WITH.get(id(run), {}).items():
        if key[0] == "opening":
            value.start_check(after_s=DRAW_FIRST_S)


def _once_per_run(key: tuple, work: Callable[[], Any]) -> Any:
    """``work()``, done once in this script run (every time outside app.py's runs).

    A run asks for the data's fingerprint and package at every step; the files do
    not change mid-run in any way a page could show, and the next run looks again.
    """
    run = getattr(_frame, "run", None)
    return work() if run is None else kept_with(run, key, work)


def opened_tabs() -> dict[str, str]:
    """Tabs this run shows on other than their first tab: key -> label.

    Noted as the tabs are drawn, for the page's link (outside app.py's runs, a
    new empty dict each time: nothing to link).
    """
    return _once_per_run(("opened_tabs",), dict)


def data_signature(data_dir: Path) -> str:
    """The data's fingerprint, taken once per script run.

    Of the seeds (thousands in a long feed, never edited) it takes the folder's
    own time, which changes when one is added or removed.
    """
    seeds = paths.project_dir(data_dir) / "seeds"
    return _once_per_run(
        ("signature", data_dir),
        lambda: cache.fingerprint(folders=[data_dir], entries=[seeds]),
    )


def package() -> load.Package:
    """Return the loaded package; reloaded when any data or seed file changes.

    The same package for the whole run: checked, or (the first runs on a long
    feed, see cache.open_package) its tables while a thread checks them.
    """
    # A page script run alone (not through app.py's frame) reruns through app.py.
    leave_legacy_pages_mode(through_app=getattr(_frame, "active", False))
    data_dir = paths.data_dir()
    return _once_per_run(("package", data_dir), lambda: opening(data_dir).current())


def opening(data_dir: Path) -> cache.Opening:
    """How this run's package was opened (to wait for or ask after its check)."""
    key = (str(data_dir), data_signature(data_dir))
    return _once_per_run(
        ("opening", data_dir),
        lambda: kept("opening", key, lambda: cache.open_package(data_dir)),
    )


def _view_key(pkg: load.Package, view: filters.ViewFilters) -> tuple:
    sources = context.sources_in_view(pkg, view.source_ids)
    return (view.domains, view.focus, sources, view.period)


def page_view(
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
    key = (name, *_data_key(pkg), _view_key(pkg, view), options)
    return kept("page_view", key, build)


def _data_key(pkg: load.Package) -> tuple[str, str]:
    return str(pkg.data_dir), data_signature(pkg.data_dir)


def per_data(name: str, pkg: load.Package, key: tuple, build: Callable[[], Any]) -> Any:
    """``build()``, once per data version and ``key`` (shared: never modify it).

    For the small things a page works out on every rerun: lists of options,
    labels, the evidence of a row.
    """
    return kept(name, (*_data_key(pkg), key), build)


def page_tables(pkg: load.Package) -> dict[str, pd.DataFrame]:
    """Every table a page view reads, the feed's summaries included, once per data."""
    return kept("page_tables", _data_key(pkg), lambda: context.page_tables(pkg))


def tables_with_map(pkg: load.Package) -> dict[str, pd.DataFrame]:
    """The package's tables and the theatre map's, once per data version.

    For the pages that draw the map: its files are read once, not at every new
    view, and one that cannot be read is drawn empty (context.map_tables).
    """
    return kept(
        "tables_with_map",
        _data_key(pkg),
        lambda: {**pkg.tables, **context.map_tables(pkg)},
    )


def from_frame(frame: pd.DataFrame, what: tuple, work: Callable[[], Any]) -> Any:
    """``work()`` on ``frame``, done once while the frame lives (never modify it)."""
    return kept_with(frame, what, work)


def chart_labels(pkg: load.Package, view: filters.ViewFilters) -> dict[str, Any]:
    """The subtitle (active filters) and source line of ``view``, once per view."""
    return per_data(
        "chart_labels",
        pkg,
        _view_key(pkg, view),
        lambda: context.chart_labels(pkg, view),
    )


def threat_actors(pkg: load.Package) -> list[str]:
    """All threat actors in the data, in order (shared: never modify it)."""
    return per_data("threat_actors", pkg, (), lambda: context.threat_actors(pkg))


def period_years(pkg: load.Package) -> tuple[int, int]:
    """The years the period filter spans, once per data version."""
    return per_data("period_years", pkg, (), lambda: context.period_years(pkg))


def current_view(pkg: load.Package) -> filters.ViewFilters:
    """Return the shared filters as the sidebar set them.

    The period narrows the articles too: an article published outside it is out
    of view, and so are the rows that cite only such articles.
    """
    sources = context.sources_table(pkg)
    return links.view_of(
        pkg,
        st.session_state.get("domain", []),
        st.session_state.get("focus"),
        st.session_state.get("source"),
        st.session_state.get("period"),
        whole=period_years(pkg),
        latest=lambda ids: per_data(
            "as_of", pkg, (ids,), lambda: filters.latest_date(sources, ids)
        ),
        current=lambda ids, span: per_data(
            "currency", pkg, (ids, span), lambda: context.currency(pkg, ids, span)
        ),
    )


# Page settings as the widgets left them (defaults when a page was never opened),
# so a whole-app briefing shows every page as the analyst set it.


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


def page_settings(pkg: load.Package) -> dict:
    """A snapshot of the settings the registry's pages declare, from their widgets.

    Taken while the script runs, so a briefing shows what the pages show.
    """
    readers = {
        "actors": lambda: list(
            st.session_state.get("threats_actor", threat_actors(pkg))
        ),
        "weights": program_weights,
        "program_set": program_set,
        "companies": lambda: list(st.session_state.get("pairings_company", [])),
        "pair": lambda: st.session_state.get("pairings_pair"),
    }
    names = dict.fromkeys(s for page in registry.PAGES for s in page.settings)
    return {name: readers[name]() for name in names}


def meeting_mode() -> bool:
    """True while meeting mode is on (the toggle lives in the sidebar, in the URL)."""
    return bool(st.session_state.get("meeting", False))
