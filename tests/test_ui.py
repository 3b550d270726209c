import gc
import weakref

import pandas as pd
import pytest

from jkdefense import ui
from jkdefense.ui import state
from jkdefense.ui.text import plain_table


@pytest.mark.parametrize(
    "text",
    [
        "**bold** _it_ [link](javascript:alert(1)) <script>alert(1)</script>",
        "$x$ :red[red] # heading `code` ~~strike~~ | table |",
    ],
)
def test_escape_markdown_leaves_no_active_character(text):
    escaped = ui.escape_markdown(text)
    unescaped = escaped.replace("\\\\", "")
    for character in "*_[]()<>`$:#~|":
        positions = [i for i, c in enumerate(unescaped) if c == character]
        assert all(i > 0 and unescaped[i - 1] == "\\" for i in positions), character


def test_escape_markdown_keeps_the_words():
    assert ui.escape_markdown("R&D: ADD-ATLA").replace("\\", "") == "R&D: ADD-ATLA"


def test_plain_table_labels_escapes_and_keeps_every_cell():
    frame = pd.DataFrame(
        {
            "name": ["**HHI** [x](javascript:1)", "KAI", None],
            "score": [3.25, 4.0, float("nan")],
            "unshown": ["a", "b", "c"],
        }
    )
    shown = plain_table(frame, {"name": "Company (KR)", "score": "Score"})
    assert list(shown.columns) == [ui.escape_markdown("Company (KR)"), "Score"]
    assert shown.iloc[:, 0].tolist() == [
        ui.escape_markdown("**HHI** [x](javascript:1)"),
        "KAI",
        "",
    ]
    assert shown["Score"].tolist() == ["3\\.25", "4", ""]


class Node:
    """A plain object that can sit in a reference cycle and be watched."""


def test_first_frame_leaves_the_imported_objects_out_of_collections():
    state._frozen = False
    gc.unfreeze()
    try:
        state.begin_frame()
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # the modules, classes and functions imported so far
        state.begin_frame()  # later runs freeze nothing more
        assert gc.get_freeze_count() <= frozen  # (the first run object may go)
        # An object made later is still collected: a cycle, once dropped, goes.
        made_later = Node()
        made_later.me = made_later
        watch = weakref.ref(made_later)
        del made_later
        gc.collect()
        assert watch() is None
    finally:
        gc.unfreeze()
        state._frame.__dict__.clear()  # this thread runs no script


def test_kept_values_follow_their_key_and_the_oldest_goes_first(monkeypatch):
    monkeypatch.setitem(state.KEEP, "test_kind", 2)
    built = []

    def build(n):
        built.append(n)
        return [n]

    first = state.kept("test_kind", (1,), lambda: build(1))
    assert state.kept("test_kind", (1,), lambda: build(99)) is first
    state.kept("test_kind", (2,), lambda: build(2))
    state.kept("test_kind", (1,), lambda: build(98))  # used again: newest now
    state.kept("test_kind", (3,), lambda: build(3))  # drops (2,), the oldest
    state.kept("test_kind", (2,), lambda: build(2))
    assert built == [1, 2, 3, 2]
    state._KEPT.pop("test_kind")


def test_kept_with_lives_as_long_as_its_owner():
    frame = pd.DataFrame({"a": [1, 2]})
    calls = []
    value = state.kept_with(frame, ("sum",), lambda: calls.append(1) or 3)
    assert state.kept_with(frame, ("sum",), lambda: calls.append(1) or 4) == value
    assert calls == [1]
    owner = id(frame)
    del frame
    gc.collect()
    assert owner not in state._KEPT_WITH
