"""The checked package is kept between starts, and never outlives a change."""

import gc
import os
import threading
import time

import pytest

from jkdefense import cli
from jkdefense.data import cache as package_cache
from jkdefense.data import load
from tests.conftest import misquote


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("JKDEFENSE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def loads(monkeypatch):
    """Count the real loads (a kept package needs none)."""
    calls = []
    real = load.load_package

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(load, "load_package", counted)
    return calls


def test_a_second_start_reuses_the_checked_package(data_copy, cache, loads):
    first = package_cache.load_package(data_copy)
    again = package_cache.load_package(data_copy)
    assert len(loads) == 1
    assert len(list(cache.glob("*.pickle"))) == 1
    assert again.problems == first.problems == []
    assert again.tables.keys() == first.tables.keys()
    for name, frame in first.tables.items():
        assert again.tables[name].equals(frame), name


def test_an_edited_table_is_checked_afresh(data_copy, cache, loads):
    package_cache.load_package(data_copy)
    threats = data_copy / "threats.csv"
    lines = threats.read_text(encoding="utf-8").splitlines(keepends=True)
    threats.write_text(
        lines[0] + lines[1].replace(",CN,air,", ",CN,ocean,", 1) + "".join(lines[2:]),
        encoding="utf-8",
    )
    os.utime(threats, ns=(1, 1))  # even an old modification time is a change
    edited = package_cache.load_package(data_copy)
    assert len(loads) == 2
    assert any(p.file == "threats.csv" for p in edited.problems)
    assert len(list(cache.glob("*.pickle"))) == 1  # the stale entry is gone


def test_a_new_seed_is_a_change(data_copy, cache, loads):
    package_cache.load_package(data_copy)
    (data_copy.parent / "seeds" / "another.txt").write_text("Text.\n", encoding="utf-8")
    package_cache.load_package(data_copy)
    assert len(loads) == 2


def test_a_torn_cache_file_is_loaded_afresh_and_replaced(data_copy, cache, loads):
    package_cache.load_package(data_copy)
    (kept,) = cache.glob("*.pickle")
    kept.write_bytes(b"not a pickle")
    package = package_cache.load_package(data_copy)
    assert len(loads) == 2 and package.problems == []
    assert package_cache.load_package(data_copy).problems == []
    assert len(loads) == 2  # the rewritten entry serves the third start


def test_partial_files_of_stopped_writes_are_cleared(data_copy, cache):
    cache.mkdir()
    abandoned, in_progress = cache / ".writing-abandoned", cache / ".writing-now"
    abandoned.write_bytes(b"half a pickle")
    in_progress.write_bytes(b"being written")
    long_ago = time.time() - package_cache.ABANDONED_AFTER_S - 60
    os.utime(abandoned, (long_ago, long_ago))
    package_cache.load_package(data_copy)
    assert not abandoned.exists()
    assert in_progress.exists()  # another process may still be writing it
    assert len(list(cache.glob("*.pickle"))) == 1


def test_off_keeps_nothing(data_copy, tmp_path, monkeypatch, loads):
    monkeypatch.setenv("JKDEFENSE_CACHE_DIR", "off")
    package_cache.load_package(data_copy)
    package_cache.load_package(data_copy)
    assert len(loads) == 2
    assert package_cache.cache_dir() is None


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    data_copy, tmp_path, monkeypatch, loads
):
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("JKDEFENSE_CACHE_DIR", str(blocked / "cache"))
    assert package_cache.load_package(data_copy).problems == []
    assert package_cache.load_package(data_copy).problems == []
    assert len(loads) == 2


def test_validate_leaves_the_package_checked_for_the_app(data_copy, cache, loads):
    assert cli.main(["validate", "--data", str(data_copy)]) == 0
    assert len(loads) == 2  # validate's own check of the whole feed, then the app's
    assert len(list(cache.glob("*.pickle"))) == 1
    package_cache.load_package(data_copy)
    assert len(loads) == 2  # the app's start finds it kept


@pytest.fixture
def long_feed(monkeypatch):
    """Treat the one-article feed as a long one: checked after it is drawn."""
    monkeypatch.setattr(package_cache, "CHECK_AFTER_DRAWING_ABOVE", 0)


def test_a_short_feed_is_checked_before_its_first_page(data_copy, cache):
    misquote(data_copy)
    opening = package_cache.open_package(data_copy)
    package = opening.current()  # waits for the check started at the opening
    assert package.checked and not opening.checking
    assert any(p.field == "evidence_quote" for p in package.problems)


def test_the_servers_head_start_and_the_first_run_share_one_check(
    data_copy, cache, loads, monkeypatch
):
    from jkdefense.ui import prepare_first_run, state

    monkeypatch.setenv("JKDEFENSE_DATA_DIR", str(data_copy))
    misquote(data_copy)
    counted = load.load_package

    def slow(*args, **kwargs):
        time.sleep(0.5)  # a check still running when the first run asks
        return counted(*args, **kwargs)

    monkeypatch.setattr(load, "load_package", slow)
    head_start = threading.Thread(target=prepare_first_run)  # as serve.py's
    head_start.start()
    time.sleep(0.2)
    package = state.opening(data_copy).current()  # as the first run asks
    head_start.join(timeout=60)
    assert package.checked
    assert any(p.field == "evidence_quote" for p in package.problems)
    assert len(loads) == 1


def test_a_long_feed_opens_at_once_and_its_check_finds_every_problem(
    data_copy, cache, long_feed
):
    misquote(data_copy)
    opening = package_cache.open_package(data_copy)
    first = opening.current()
    assert opening.checking and not first.checked
    assert not any(p.field == "evidence_quote" for p in first.problems)
    opening.start_check(after_s=0)
    checked = opening.checked(timeout=60)
    assert checked.checked and not opening.checking
    assert opening.current() is checked
    assert checked.problems == load.load_package(data_copy, whole_feed=False).problems
    assert any(p.field == "evidence_quote" for p in checked.problems)
    # The check keeps what it found: the next start opens checked.
    again = package_cache.open_package(data_copy)
    assert not again.checking and again.current().problems == checked.problems


def test_the_check_waits_for_the_draw_unless_it_is_asked_for(
    data_copy, cache, long_feed
):
    opening = package_cache.open_package(data_copy)
    opening.start_check(after_s=600)
    time.sleep(0.2)
    assert opening.checking  # still letting the page draw
    started = time.perf_counter()
    assert opening.checked(timeout=60).checked
    assert time.perf_counter() - started < 60


def test_a_check_that_fails_raises_where_the_package_is_asked_for(
    data_copy, cache, long_feed, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("the check broke")

    monkeypatch.setattr(load, "load_package", broken)
    opening = package_cache.open_package(data_copy)
    assert not opening.current().checked
    opening.start_check()
    package_cache.wait_for_checks()
    with pytest.raises(RuntimeError, match="the check broke"):
        opening.current()
    with pytest.raises(RuntimeError, match="the check broke"):
        opening.checked()


def test_the_fingerprint_changes_with_any_edit_and_only_then(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.csv").write_text("x\n1\n")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    before = package_cache.fingerprint([folder], [seeds])
    assert package_cache.fingerprint([folder], [seeds]) == before
    (folder / "a.csv").write_text("x\n2\n")  # same size, new time
    os.utime(folder / "a.csv", ns=(1, 1))
    edited = package_cache.fingerprint([folder], [seeds])
    assert edited != before
    (seeds / "new.txt").write_text("an article")  # the folder's own time moves
    os.utime(seeds, ns=(2, 2))
    assert package_cache.fingerprint([folder], [seeds]) != edited


def test_the_app_sees_an_edited_map_file(data_copy):
    """The memory key of the app's values changes with a file of the map too."""
    from jkdefense.ui import state

    before = state.data_signature(data_copy)
    assert state.data_signature(data_copy) == before
    os.utime(data_copy / "geo" / "basemap.geojson", ns=(3, 3))
    assert state.data_signature(data_copy) != before


def test_the_head_start_makes_the_landing_page_the_first_run_shows(
    data_copy, cache, monkeypatch
):
    from jkdefense.report import overview
    from jkdefense.ui import prepare_first_run
    from tests.apptest import run_page

    monkeypatch.setenv("JKDEFENSE_DATA_DIR", str(data_copy))
    builds = []
    real = overview.build
    monkeypatch.setattr(
        overview, "build", lambda *args: builds.append(1) or real(*args)
    )
    prepare_first_run()
    assert builds == [1]
    at = run_page("overview")  # a first run, through app.py, with no URL
    assert not at.exception
    assert at.get("vega_lite_chart")
    assert builds == [1]  # the view the head start made, not built again


def _head_start_with(monkeypatch, work):
    """Run serve.py's head start with ``work`` in place of prepare_first_run."""
    import serve
    from jkdefense import ui

    monkeypatch.setattr(ui, "prepare_first_run", work)
    serve._prepare()


def test_the_head_start_collects_nothing_meanwhile_and_freezes_what_it_made(
    monkeypatch,
):
    seen = {}

    def work():
        seen["collecting"] = gc.isenabled()
        # Lists: the collector tracks each one for as long as it lives (a dict of
        # plain values it may stop tracking, which would leave it out of the count).
        seen["made"] = [[index] for index in range(1000)]

    frozen_before = gc.get_freeze_count()
    try:
        _head_start_with(monkeypatch, work)
        assert seen["collecting"] is False
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen_before + len(seen["made"])
    finally:
        gc.unfreeze()  # leave the other tests the collector as they expect


def test_a_head_start_that_fails_leaves_the_collector_running(monkeypatch):
    def fails():
        raise RuntimeError("no package")

    try:
        with pytest.raises(RuntimeError, match="no package"):
            _head_start_with(monkeypatch, fails)
        assert gc.isenabled()
    finally:
        gc.unfreeze()
