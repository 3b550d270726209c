"""One script run through app.py: its start and end, and what it works out once."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any

from jkdefense.ui.memo import kept_so_far, kept_with


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


def through_app() -> bool:
    """True in a script run that app.py started (begin_frame), not a page alone."""
    return getattr(_frame, "active", False)


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


def prepare_first_run() -> None:
    """Do ahead what the first run will need: imports, package, landing page.

    For the server to call while the browser loads the frontend (serve.py).
    The first run then starts with pandas, Altair and this package loaded
    (0.6 s of its 1.0 s on the Overview), the package opened, or being
    checked, in the Opening it will share (state.opening), and the landing
    page's default view and charts made (0.2 s): each kept per data version,
    so the run takes them, or waits for one still being made (memo.kept).
    """
    from jkdefense.data import paths
    from jkdefense.report import links, registry
    from jkdefense.ui.page_charts import draw_ahead
    from jkdefense.ui.state import opening
    from jkdefense.ui.views import page_view

    package = opening(paths.data_dir()).current()
    default, _ = links.view_from_params(package, {})
    for chart in page_view(registry.PAGES[0].name, package, default).charts:
        draw_ahead(chart)


def end_frame() -> None:
    """Have this run's package checked if it is not (call last in app.py)."""
    run = getattr(_frame, "run", None)
    for key, value in kept_so_far(run).items():
        if key[0] == "opening":
            value.start_check(after_s=DRAW_FIRST_S)


def once_per_run(key: tuple, work: Callable[[], Any]) -> Any:
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
    return once_per_run(("opened_tabs",), dict)
