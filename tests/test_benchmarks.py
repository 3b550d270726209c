"""The benchmarks time views never seen before, and say so when one was seen."""

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks import bench_link, bench_navigate, bench_pages
from jkdefense.analysis import filters
from jkdefense.data import vocabulary
from jkdefense.report import registry
from jkdefense.ui import memo
from tests.apptest import run_page


def test_page_reruns_cycle_through_every_filter_combination_once():
    views = list(bench_pages.new_views())
    assert len(views) == (2 ** len(vocabulary.DOMAINS) - 1) * 3 - 1
    assert len(set(views)) == len(views)
    assert bench_pages.DEFAULT_VIEW not in views
    for domains, focus in views:
        assert domains and focus in filters.FOCUS_CHOICES
        assert list(domains) == [d for d in vocabulary.DOMAINS if d in domains]


def test_moves_start_from_unused_views_each_one_click_from_the_last():
    walk = bench_navigate.Walk()
    first, second = walk.take(13), walk.take(13)
    seen = first + second
    assert len(set(seen)) == len(seen)
    assert (frozenset(vocabulary.DOMAINS), "both") not in seen
    for path in (first, second):
        for (domains, focus), (new_domains, new_focus) in zip(
            path, path[1:], strict=False
        ):
            assert len(new_domains) >= bench_navigate.MIN_DOMAINS
            one_pill = len(domains ^ new_domains) == 1 and focus == new_focus
            assert one_pill or (domains == new_domains and focus != new_focus)
    for view in seen:
        url = f"http://127.0.0.1:1/threats?{bench_navigate.query(view)}"
        assert bench_navigate.url_view(url) == view


def test_a_timed_rerun_of_a_view_seen_before_stops_the_page_benchmark():
    memo._KEPT.pop("page_view", None)  # a cache: only costs a rebuild
    at = run_page("threats")
    view = (tuple(d for d in vocabulary.DOMAINS if d != "land"), "JP")
    assert bench_pages.new_view_rerun(at, "threats", iter([view])) > 0
    with pytest.raises(SystemExit, match="not one new view"):
        bench_pages.new_view_rerun(at, "threats", iter([view]))


def test_the_link_floor_is_one_altair_chart_and_a_15_row_grid(tmp_path):
    bench_link.write_floor_app(tmp_path)
    at = AppTest.from_file(str(tmp_path / bench_navigate.BARE_PAGES["B"])).run()
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 1
    assert [len(grid.value) for grid in at.dataframe] == [15]
    assert not at.get("plotly_chart") and not at.table


def test_every_page_has_a_default_and_a_filtered_link():
    links = [
        bench_link.link(page, query)
        for page in registry.PAGES
        for query in bench_link.QUERIES
    ]
    assert links[:2] == ["/", f"/?{bench_link.FILTERED}"]
    assert f"/threats?{bench_link.FILTERED}" in links
    assert len(set(links)) == 2 * len(registry.PAGES)
