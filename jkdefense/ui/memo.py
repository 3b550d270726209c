"""What the app keeps in memory: by key for every session, or while an object lives.

How the app keeps what it has worked out, in three places (README, "Caching"):
1. on disk, the checked package, across processes (jkdefense.data.cache);
2. in memory, by the data's fingerprint and a key: kept() below;
3. in memory, as long as an object lives (a script run, a frame): kept_with().
Every key that depends on the files uses cache.fingerprint.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
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


def kept_so_far(owner: Any) -> dict[tuple, Any]:
    """What kept_with keeps for ``owner`` so far, by key (never modify it)."""
    return _KEPT_WITH.get(id(owner), {})


def from_frame(frame: pd.DataFrame, what: tuple, work: Callable[[], Any]) -> Any:
    """``work()`` on ``frame``, done once while the frame lives (never modify it)."""
    return kept_with(frame, what, work)
