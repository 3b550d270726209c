"""Record every Streamlit call a page's run makes; replay the calls as its floor.

A page's floor draws exactly what the page draws (the same elements, widgets and
containers, in the same order, with the same chart objects, tables and texts)
but computes nothing: it only makes the Streamlit calls the page made, with the
arguments the page had computed. What a page costs beyond its floor is then its
own work: loading, filtering, building views, looking up evidence.

Recording wraps the public methods of Streamlit's DeltaGenerator classes (and the
``st.*`` names bound to them) for one script run; calls made from inside another
recorded call are Streamlit's own and are not recorded. Replay happens in the
same process (AppTest runs scripts in a thread), so arguments are the very objects
the page passed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.delta_generator_singletons import get_dg_singleton_instance

# Commands outside the delta generators that still send something to the browser.
COMMANDS = ("set_page_config", "navigation")
# The calls a "charts and tables only" floor keeps.
CHARTS_AND_TABLES = frozenset(
    {"title", "altair_chart", "plotly_chart", "vega_lite_chart", "dataframe", "table"}
)
# Recordings by name, for floor scripts run in this process (see floor_script).
RECORDINGS: dict[str, list[Call]] = {}
_MISSING = object()


@dataclass
class Call:
    """One Streamlit call: on which container, which method, with what."""

    receiver: str  # "st", "main", "sidebar" or a container made by an earlier call
    name: str
    args: tuple
    kwargs: dict
    produced: tuple[str, ...] = ()  # tokens of the containers it returned


def _delta_generator_classes() -> list[type]:
    found, pending = [], [DeltaGenerator]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending += cls.__subclasses__()
    return found


def _public_methods() -> list[str]:
    names = [
        name
        for name in dir(DeltaGenerator)
        if not name.startswith("_") and callable(getattr(DeltaGenerator, name))
    ]
    return [*names, "__enter__", "__exit__"]


class Recorder:
    """Collects the top-level Streamlit calls of the script runs it watches."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._tokens: dict[int, str] = {}
        self._alive: list[Any] = []  # keeps containers alive, so ids stay unique
        self._depth = 0  # scripts run in one thread at a time

    def _receiver(self, dg: DeltaGenerator) -> str:
        singleton = get_dg_singleton_instance()
        if dg is singleton.main_dg:
            return "main"
        if dg is singleton.sidebar_dg:
            return "sidebar"
        if id(dg) not in self._tokens:
            raise RuntimeError(f"a call on a container no recorded call made: {dg!r}")
        return self._tokens[id(dg)]

    def _produced(self, result: Any) -> tuple[str, ...]:
        made = result if isinstance(result, list | tuple) else [result]
        tokens = []
        for dg in made:
            if isinstance(dg, DeltaGenerator):
                token = f"c{len(self._tokens)}"
                self._tokens[id(dg)] = token
                self._alive.append(dg)
                tokens.append(token)
        return tuple(tokens)

    def wrap(
        self, function: Callable, name: str, receiver: Callable[[tuple], tuple]
    ) -> Callable:
        """``function``, recording its top-level calls; ``receiver`` splits args."""

        @functools.wraps(function)
        def recorded(*args: Any, **kwargs: Any) -> Any:
            if self._depth:
                return function(*args, **kwargs)
            target, rest = receiver(args)
            self._depth += 1
            try:
                result = function(*args, **kwargs)
            finally:
                self._depth -= 1
            self.calls.append(Call(target, name, rest, kwargs, self._produced(result)))
            return result

        return recorded

    def _replacements(self) -> Iterator[tuple[Any, str, Callable]]:
        """(owner, name, recording stand-in) for every call worth recording."""

        def on_self(args: tuple) -> tuple:
            return self._receiver(args[0]), args[1:]

        methods = _public_methods()
        for cls in _delta_generator_classes():
            for name in methods:
                if cls is DeltaGenerator or name in cls.__dict__:
                    yield cls, name, self.wrap(getattr(cls, name), name, on_self)
        for name in dir(st):
            bound = getattr(st, name)
            owner = getattr(bound, "__self__", None)
            if isinstance(owner, DeltaGenerator):

                def on_owner(args: tuple, owner: DeltaGenerator = owner) -> tuple:
                    return self._receiver(owner), args

                yield st, name, self.wrap(bound, bound.__name__, on_owner)
        for name in COMMANDS:
            yield st, name, self.wrap(getattr(st, name), name, lambda a: ("st", a))

    @contextmanager
    def watching(self) -> Iterator[Recorder]:
        """Record while inside the block; Streamlit is itself again after it."""
        undo: list[tuple[Any, str, Any]] = []
        for owner, name, replacement in list(self._replacements()):
            undo.append((owner, name, owner.__dict__.get(name, _MISSING)))
            setattr(owner, name, replacement)
        try:
            yield self
        finally:
            for owner, name, original in reversed(undo):
                if original is _MISSING:
                    delattr(owner, name)
                else:
                    setattr(owner, name, original)


def replay(calls: list[Call]) -> None:
    """Make ``calls`` again, in order, in the script run under way."""
    singleton = get_dg_singleton_instance()
    containers: dict[str, Any] = {
        "st": st,
        "main": singleton.main_dg,
        "sidebar": singleton.sidebar_dg,
    }
    for call in calls:
        call = _without_navigation(call)
        result = getattr(containers[call.receiver], call.name)(
            *call.args, **call.kwargs
        )
        made = result if isinstance(result, list | tuple) else [result]
        made = [dg for dg in made if isinstance(dg, DeltaGenerator)]
        containers.update(zip(call.produced, made, strict=True))


def _without_navigation(call: Call) -> Call:
    """A page link to an address: a floor runs no st.navigation to link a page of.

    The same element, label and look; the address is loopback and never opened.
    """
    if call.name != "page_link":
        return call
    label = call.kwargs.get("label") or (call.args[1] if len(call.args) > 1 else "")
    return Call(
        call.receiver,
        "page_link",
        ("http://127.0.0.1/",),
        {"label": label},
        call.produced,
    )


def charts_and_tables(calls: list[Call]) -> list[Call]:
    """Only the title, charts and tables, all drawn in the main area."""
    return [
        Call("main", c.name, c.args, c.kwargs, c.produced)
        for c in calls
        if c.name in CHARTS_AND_TABLES and c.receiver != "sidebar"
    ]


FLOOR_SCRIPT = '''\
"""Floor: replay the Streamlit calls recorded as {name!r}."""

from benchmarks import floor_replay

floor_replay.replay(floor_replay.RECORDINGS[{name!r}])
'''


def floor_script(name: str) -> str:
    """The text of a script that replays ``RECORDINGS[name]``."""
    return FLOOR_SCRIPT.format(name=name)
