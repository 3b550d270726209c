import gc
import threading
import time
import weakref

import pandas as pd
import pytest

from jkdefense import ui
from jkdefense.ui import memo, script_run
from jkdefense.ui.text import plain_table
from tests.apptest import PAGES, run_page


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
    script_run._frozen = False
    gc.unfreeze()
    try:
        script_run.begin_frame()
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # the modules, classes and functions imported so far
        script_run.begin_frame()  # later runs freeze nothing more
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
        script_run._frame.__dict__.clear()  # this thread runs no script


def test_kept_values_follow_their_key_and_the_oldest_goes_first(monkeypatch):
    monkeypatch.setitem(memo.KEEP, "test_kind", 2)
    built = []

    def build(n):
        built.append(n)
        return [n]

    first = memo.kept("test_kind", (1,), lambda: build(1))
    assert memo.kept("test_kind", (1,), lambda: build(99)) is first
    memo.kept("test_kind", (2,), lambda: build(2))
    memo.kept("test_kind", (1,), lambda: build(98))  # used again: newest now
    memo.kept("test_kind", (3,), lambda: build(3))  # drops (2,), the oldest
    memo.kept("test_kind", (2,), lambda: build(2))
    assert built == [1, 2, 3, 2]
    memo._KEPT.pop("test_kind")


def test_a_value_being_built_is_waited_for_not_built_twice():
    started, release, built = threading.Event(), threading.Event(), []

    def slow_build():
        built.append(1)
        started.set()
        release.wait(10)
        return ["value"]

    results = []
    first = threading.Thread(
        target=lambda: results.append(memo.kept("test_once", (1,), slow_build))
    )
    first.start()
    started.wait(10)
    second = threading.Thread(
        target=lambda: results.append(memo.kept("test_once", (1,), slow_build))
    )
    second.start()
    time.sleep(0.1)
    release.set()
    first.join(10)
    second.join(10)
    assert built == [1]
    assert results[0] is results[1]
    memo._KEPT.pop("test_once")


def test_a_failed_build_is_tried_again_by_the_one_waiting():
    started, release, tries = threading.Event(), threading.Event(), []

    def failing_once():
        tries.append(1)
        if len(tries) == 1:
            started.set()
            release.wait(10)
            raise RuntimeError("the first build broke")
        return "second"

    errors, results = [], []

    def ask():
        try:
            results.append(memo.kept("test_retry", (1,), failing_once))
        except RuntimeError as error:
            errors.append(str(error))

    first = threading.Thread(target=ask)
    first.start()
    started.wait(10)
    second = threading.Thread(target=ask)
    second.start()
    time.sleep(0.1)
    release.set()
    first.join(10)
    second.join(10)
    # The waiter does not take the builder's error: it builds for itself.
    assert errors == ["the first build broke"] and results == ["second"]
    assert memo.kept("test_retry", (1,), lambda: "third") == "second"
    memo._KEPT.pop("test_retry")


def test_kept_with_lives_as_long_as_its_owner():
    frame = pd.DataFrame({"a": [1, 2]})
    calls = []
    value = memo.kept_with(frame, ("sum",), lambda: calls.append(1) or 3)
    assert memo.kept_with(frame, ("sum",), lambda: calls.append(1) or 4) == value
    assert calls == [1]
    owner = id(frame)
    del frame
    gc.collect()
    assert owner not in memo._KEPT_WITH


def _every_altair_figure(package):
    """Every Altair figure of every page, under all filters and under air only."""
    from jkdefense.render import draw
    from jkdefense.report import context, links

    for params in ({}, {"domain": ["air"], "focus": ["japan"]}):
        view, settings = links.view_from_params(package, params)
        for page in context.all_page_views(package, view, settings):
            for chart in page.charts:
                if not chart.kind.startswith("figures."):  # Plotly's builders
                    yield chart.kind, draw.figure(chart)


def test_a_chart_reaches_the_page_as_altair_writes_it_with_its_tables_as_arrow(
    package,
):
    import io
    import json

    import altair as alt
    import pyarrow as pa

    from jkdefense.ui import page_charts

    kinds = set()
    for kind, figure in _every_altair_figure(package):
        sent = page_charts.vega_lite_spec(figure)
        written = figure.to_dict(validate=False)
        assert alt.data_transformers.active == "default"  # put back after use
        tables = {n: d for n, d in sent["datasets"].items() if isinstance(d, bytes)}
        rows_written = [d for d in written["datasets"].values() if isinstance(d, list)]
        assert len(tables) == len(rows_written) >= 1, kind
        # The same spec but for the tables' names...
        sent_text = json.dumps({k: v for k, v in sent.items() if k != "datasets"})
        written_text = json.dumps({k: v for k, v in written.items() if k != "datasets"})
        for ours, altairs in zip(tables, written["datasets"], strict=False):
            written_text = written_text.replace(altairs, ours)
        assert sent_text == written_text, kind
        # ...and the same rows, dates as the ISO text Altair writes.
        for data, rows in zip(tables.values(), rows_written, strict=True):
            arrow_rows = pa.ipc.open_stream(io.BytesIO(data)).read_all().to_pylist()
            assert len(arrow_rows) == len(rows), kind
            for got, want in zip(arrow_rows, rows, strict=True):
                assert {k: got[k] for k in want} == want, kind
        kinds.add(kind)
    assert {"maps.theatre_map_chart", "timelines.incident_timeline_chart"} <= kinds


def test_chart_builders_hand_altair_typed_channels(package, monkeypatch):
    # A shorthand string or dict costs Altair a scan of its whole schema, about
    # 3 ms a channel on every chart built (render/channels.py says why it matters).
    from altair.utils import schemapi

    looked_up = []
    original = schemapi.SchemaBase.from_dict.__func__

    def from_dict(cls, dct, validate=True):
        looked_up.append((cls.__name__, dct))
        return original(cls, dct, validate)

    monkeypatch.setattr(schemapi.SchemaBase, "from_dict", classmethod(from_dict))
    kinds = {kind for kind, _ in _every_altair_figure(package)}
    assert len(kinds) >= 10
    assert looked_up == []


@pytest.mark.parametrize("page", PAGES)
def test_no_page_draws_a_code_block(page):
    """A code block loads the browser's syntax highlighter, which a page opened
    from a link waits for (benchmarks/bench_link.py); the link is plain text."""
    at = run_page(page, {"domain": ["sea"]})
    assert not at.exception
    assert not at.code
    if page not in ("methodology", "curate"):  # the pages without a link
        assert at.text[0].value.endswith("?domain=sea")
