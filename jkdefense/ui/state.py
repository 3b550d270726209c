"""What a script run works from: the package, cached views, filters and settings."""

from __future__ import annotations

import functools
import gc
import hashlib
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from jkdefense.analysis import filters, scoring
from jkdefense.data import cache, load, paths, vocabulary
from jkdefense.report import context, registry
from jkdefense.ui.pages_mode import leave_legacy_pages_mode


def _signature(data_dir: Path) -> str:
    """A digest of the data files' names, sizes and modification times.

    Any edit to data/ changes it, so cached results follow the files. Of the
    seeds (thousands in a long feed, and never edited) it takes the folder's
    modification time, which changes when one is added or removed.
    """
    seeds_dir = paths.project_dir(data_dir) / "seeds"
    stamps = cache.file_stamps(data_dir)
    if seeds_dir.is_dir():
        stamps.append(("seeds/", seeds_dir.stat().st_mtime_ns, 0))
    return hashlib.sha256(repr(stamps).encode()).hexdigest()[:16]


@st.cache_resource(show_spinner=False, max_entries=4)
def _open(data_dir: str, signature: str) -> cache.Opening:
    del signature  # only part of the cache key
    return cache.open_package(Path(data_dir))


# Marks script runs that went through app.py; each run has its own thread.
_frame = threading.local()


def begin_frame() -> None:
    """Mark this script run as started by app.py (call first thing in app.py)."""
    _frame.active = True
    _frame.run = {}
    _freeze_imported_objects()


@functools.cache  # once per process
def _freeze_imported_objects() -> None:
    """Leave the objects alive now out of every later garbage collection.

    Streamlit collects every generation after each script run
    (runner.postScriptGC), holding the interpreter while it walks every object
    the process has. By the first run's begin_frame those are mostly the
    modules, classes and functions of pandas, altair and this package, which
    live as long as the process: walking them took 0.3 s after the app's first
    run, while chromium was fetching the first page (benchmarks/RESULTS.md).
    Objects made later are collected as before; a frozen object is still freed
    once nothing refers to it (only a cycle of frozen objects stays).
    """
    gc.freeze()


# A package drawn before it is checked is checked this long after the run that
# drew it: the time chromium takes to draw the first page of a long feed. The
# check shares the interpreter with the server; started at once, it slowed that
# first draw by a second (benchmarks/RESULTS.md).
DRAW_FIRST_S = 1.0


def end_frame() -> None:
    """Have this run's package checked if it is not (call last in app.py)."""
    for key, value in getattr(_frame, "run", {}).items():
        if key[0] == "opening":
            value.start_check(after_s=DRAW_FIRST_S)


def _once_per_run(key: tuple, work: Callable[[], Any]) -> Any:
    """``work()``, done once in this script run (every time outside app.py's runs).

    A run asks for the data's signature and package at every step; the files do
    not change mid-run in any way a page could show, and the next run looks again.
    """
    run = getattr(_frame, "run", None)
    if run is None:
        return work()
    if key not in run:
        run[key] = work()
    return run[key]


def data_signature(data_dir: Path) -> str:
    """The data files' signature, read once per script run."""
    return _once_per_run(("signature", data_dir), lambda: _signature(data_dir))


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
    return _once_per_run(
        ("opening", data_dir), lambda: _open(str(data_dir), data_signature(data_dir))
    )


# NOTE: parameters named with a leading "_" are left out of a cache's key.


@st.cache_resource(show_spinner=False, max_entries=64)
def _page_view(
    name: str,
    data_dir: str,
    signature: str,
    view_key: tuple,
    options: tuple,
    _build: Callable[[], Any],
) -> Any:
    del name, data_dir, signature, view_key, options  # only the cache key
    return _build()


def _view_key(pkg: load.Package, view: filters.ViewFilters) -> tuple:
    return (view.domains, view.focus, context.sources_in_view(pkg, view.source_ids))


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
    return _page_view(
        name,
        str(pkg.data_dir),
        data_signature(pkg.data_dir),
        _view_key(pkg, view),
        options,
        build,
    )


@functools.lru_cache(maxsize=512)
def _per_data_slot(name: str, data_dir: str, signature: str, key: tuple) -> list:
    return []  # filled by per_data on first use


def per_data(name: str, pkg: load.Package, key: tuple, build: Callable[[], Any]) -> Any:
    """``build()``, once per data version and ``key`` (shared: never modify it).

    For the small things a page works out on every rerun: lists of options,
    labels, the evidence of a row. NOTE: a plain LRU, not st.cache_resource,
    whose lookup costs about 150 µs; a page makes a dozen of these per rerun.
    """
    slot = _per_data_slot(name, str(pkg.data_dir), data_signature(pkg.data_dir), key)
    if not slot:
        slot.append(build())  # two sessions may both build; both get the first
    return slot[0]


# Frames worked out from a cached view's frames, kept while that frame lives.
# NOTE: keyed by id() and checked through a weak reference, since frames are
# not hashable; selecting a table's columns costs about as much as drawing it.
_FROM_FRAME: dict[tuple, tuple[weakref.ref, Any]] = {}


def from_frame(frame: pd.DataFrame, what: tuple, work: Callable[[], Any]) -> Any:
    """``work()`` on ``frame``, done once while the frame lives (never modify it)."""
    key = (id(frame), what)
    kept = _FROM_FRAME.get(key)
    if kept is not None and kept[0]() is frame:
        return kept[1]
    value = work()
    # The store is bound now: at interpreter exit the module global may be gone.
    forget = weakref.ref(frame, lambda _, store=_FROM_FRAME: store.pop(key, None))
    _FROM_FRAME[key] = (forget, value)
    return value


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


def current_view(pkg: load.Package) -> filters.ViewFilters:
    """Return the shared filters as the sidebar set them."""
    domains = st.session_state.get("domain", list(vocabulary.DOMAINS))
    focus = st.session_state.get("focus") or "both"
    source_ids = st.session_state.get("source") or pkg.source_ids
    return filters.ViewFilters(tuple(domains), focus, tuple(source_ids))


# Page settings as the widgets left them (defaults when a page was never opened),
# so a whole-app briefing shows every page as the analyst set it.


def program_weights() -> dict[str, float]:
    """Criterion weights from the programs page sliders (1.0 when never set)."""
    return {
        c: float(st.session_state.get(f"programs_w_{c}", 1.0))
        for c in scoring.PROGRAM_CRITERIA
    }


def page_settings(pkg: load.Package) -> dict:
    """A snapshot of the settings the registry's pages declare, from their widgets.

    Taken while the script runs, so a briefing shows what the pages show.
    """
    readers = {
        "actors": lambda: list(
            st.session_state.get("threats_actor", threat_actors(pkg))
        ),
        "weights": program_weights,
        "companies": lambda: list(st.session_state.get("pairings_company", [])),
        "pair": lambda: st.session_state.get("pairings_pair"),
    }
    names = dict.fromkeys(s for page in registry.PAGES for s in page.settings)
    return {name: readers[name]() for name in names}


def meeting_mode() -> bool:
    """True while meeting mode is on (the toggle lives in the sidebar, in the URL)."""
    return bool(st.session_state.get("meeting", False))
