"""What the app keeps in memory: by key for every session, or while an object lives.

How the app keeps what it has worked out (README, "Caching"; each one measured
in benchmarks/RESULTS.md, "One cache"):
1. on disk, the checked package, across starts (jkdefense.data.cache): reading
   it takes 5 to 7 ms where loading and checking the current feed takes 0.3 s;
2. in memory, by the data's fingerprint and a key, for every session: kept()
   below, a dictionary, where st.cache_resource would hash every key at every
   lookup (70 to 155 µs a lookup, 51 to 65 ms for 10,000 article ids);
3. in memory, as long as an object lives (a script run, a kept view's frame
   and chart): kept_with(), so a rerun of a kept view draws no chart again.
Every key that depends on the files uses cache.fingerprint.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import pandas as pd

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
    st.cache_resource: a rerun makes 13 to 36 lookups, each 0.7 µs here and 70
    to 155 µs there, which hashes the key at every call (51 to 65 ms for a view
    of 10,000 article ids; benchmarks/bench_memo.py). A value being built is
    waited for, not built twice (the server's head start and the first run ask
    for the same ones); a build that fails is tried again by the next asker.
    """
    while True:
        with _KEPT_LOCK:
            entries = _KEPT.setdefault(kind, OrderedDict())
            if key in entries:
                entries.move_to_end(key)
                return entries[key]
            pending = _BUILDING.get((kind, key))
            if pending is None:
                mine = _BUILDING[(kind, key)] = Future()
        if pending is None:
            return _build(kind, key, build, mine)
        if pending.result() is not _FAILED:
            return pending.result()


_BUILDING: dict[tuple[str, tuple], Future] = {}
# What a failed build leaves its waiters: each tries for itself.
_FAILED = object()


def _build(kind: str, key: tuple, build: Callable[[], Any], done: Future) -> Any:
    try:
        value = build()
    except BaseException:
        with _KEPT_LOCK:
            del _BUILDING[(kind, key)]
        done.set_result(_FAILED)
        raise
    with _KEPT_LOCK:
        entries = _KEPT.setdefault(kind, OrderedDict())
        entries[key] = value
        while len(entries) > KEEP.get(kind, KEEP_OTHERWISE):
            entries.popitem(last=False)
        del _BUILDING[(kind, key)]
    done.set_result(value)
    return value


_KEPT_WITH: dict[int, dict] = {}


def kept_with(owner: Any, key: tuple, work: Callable[[], Any]) -> Any:
    """``work()``, kept as long as ``owner`` lives (never modify either).

    For what follows from one object: a script run's package, a kept view's
    frame and what is drawn from it (a chart's figure and Vega-Lite spec: most of
    a rerun after a new filter, none of a rerun of the same view). NOTE: keyed by
    id(), since frames and charts are not hashable, and forgotten when the owner
    is freed.
    """
    slots = _KEPT_WITH.get(id(owner))
    if slots is None:
        slots = _KEPT_WITH[id(owner)] = {}
        weakref.finalize(owner, _KEPT_WITH.pop, id(owner), None)
    if key not in slots:
        slots[key] = work()
    return slots[key]


def kept_so_far(owner: Any) -> dict[tuple, Any]:
    """What kept_with keeps for ``owner`` so far, by key (never modify it)."""
    return _KEPT_WITH.get(id(owner), {})


def from_frame(frame: pd.DataFrame, what: tuple, work: Callable[[], Any]) -> Any:
    """``work()`` on ``frame``, done once while the frame lives (never modify it)."""
    return kept_with(frame, what, work)
