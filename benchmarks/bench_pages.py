"""Time each page's reruns after a filter change, in-process with AppTest.

    .venv/bin/python benchmarks/bench_pages.py [--repeat 15] [--warm-repeat 5]
        [--json FILE] [--pages overview ...] [--breakdown] [--profile FILE]

For every page of the registry:

- first run: app.py, then the switch to the page (no package kept on disk:
  JKDEFENSE_CACHE_DIR=off, so the first page's run loads and checks it; in a feed
  of more than 200 articles it loads it and leaves the check to a thread,
  jkdefense/data/cache.py, which the later runs wait for);
- rerun after a new filter (the figure that counts): before each timed run the
  sidebar's shared filters (the Domain pills and the Country focus control, set
  through their widgets, as a click sends them) move to a combination of domains
  and focus that no run of this process has seen, on any page. Each such run
  therefore builds a new page view: every view cache (kept(): page views, chart
  labels, everything keyed by the view) misses. The run checks it: each timed run
  must add exactly one view of this page, for the filters just set, to the
  page-view cache (jkdefense.ui.memo._KEPT["page_view"]), or the benchmark stops;
- warm repeat (same view): the same view run again with nothing changed, which the
  page-view cache answers. Kept for comparison with older results; it is not what
  an analyst waits for after changing a filter.

The combinations are every non-empty subset of the 7 domains with each of the 3
focuses but the default (380), in a fixed shuffled order, so every page
gets a mix of broad and narrow views. AppTest compiles the scripts anew on every
run; the server compiles each script once and keeps its bytecode, so runs here
share one script cache as the server's do. Honours JKDEFENSE_DATA_DIR.
"""

import argparse
import cProfile
import itertools
import json
import logging
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from streamlit.runtime.scriptrunner import script_runner
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, local_script_runner

# In-process runs check the package afresh on their first run, as the first start
# after an edit does (bench_browser measures starts that find it kept).
os.environ.setdefault("JKDEFENSE_CACHE_DIR", "off")
# Bare-mode warnings from AppTest say nothing about the pages.
logging.getLogger("streamlit").setLevel(logging.ERROR)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jkdefense.analysis import filters  # noqa: E402
from jkdefense.data import cache as package_cache  # noqa: E402
from jkdefense.data import vocabulary  # noqa: E402
from jkdefense.report import registry  # noqa: E402
from jkdefense.ui import memo, views  # noqa: E402

PAGES = [page.name for page in registry.PAGES]
DEFAULT_VIEW = (tuple(vocabulary.DOMAINS), "both")


def compile_once() -> None:
    """Let every AppTest run of this process share one script cache, as a server."""
    shared = ScriptCache()
    local_script_runner.ScriptCache = lambda: shared


def new_views(seed: int = 2026) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every (domains, focus) the sidebar can set but the default, each once."""
    domains = vocabulary.DOMAINS
    views = [
        (subset, focus)
        for size in range(1, len(domains) + 1)
        for subset in itertools.combinations(domains, size)
        for focus in filters.FOCUS_CHOICES
        if (subset, focus) != DEFAULT_VIEW
    ]
    random.Random(seed).shuffle(views)
    return iter(views)


def page_view_keys() -> set:
    return set(memo._KEPT.get("page_view", {}))


def run_checked(at: AppTest, what: str) -> float:
    """Run once more; return the seconds it took, stopping on an exception."""
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        sys.exit(f"{what}: {at.exception[0].message}")
    return elapsed


def set_filters(at: AppTest, domains: tuple[str, ...], focus: str) -> None:
    """Set the shared filters through their widgets, as a click in the sidebar does."""
    at.pills(key="domain").set_value(list(domains))
    at.segmented_control(key="focus").set_value(focus)


PROFILER: cProfile.Profile | None = None  # --profile: the timed reruns only
_PROFILING = False  # True during a timed rerun, when profiling or timing parts

# --breakdown: seconds spent in each part of the timed reruns (inclusive: a part
# may call another), by part, for the current rerun.
PARTS: dict[str, float] | None = None


def time_parts() -> None:
    """Time what a rerun spends building its view, its charts, and their payloads.

    Wraps, in this process only: the build of a page view (jkdefense.ui.views.kept
    for "page_view"), the chart objects (jkdefense.render.draw.figure, also timed
    by chart kind), the conversion of an Altair chart to its Vega-Lite spec
    (jkdefense.ui.page_charts.vega_lite_spec, its tables to Arrow included), of a
    Plotly figure to JSON, and of a table to Arrow. A wrapper costs about a
    microsecond.
    """
    import plotly.io
    from streamlit import dataframe_util

    from jkdefense.render import draw
    from jkdefense.ui import page_charts

    def timed(owner: object, name: str, part: str, only=None) -> None:  # noqa: ANN001
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            if PARTS is None or not _PROFILING or (only and not only(*args)):
                return original(*args, **kwargs)
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                PARTS[part] = PARTS.get(part, 0.0) + time.perf_counter() - start

        setattr(owner, name, wrapper)

    timed(views, "kept", "view", only=lambda kind, *_: kind == "page_view")
    timed(draw, "figure", "chart objects")
    builder = draw.figure  # each chart's builder, by the kind it names

    def figure(chart):  # noqa: ANN001, ANN202
        if PARTS is None or not _PROFILING:
            return builder(chart)
        start = time.perf_counter()
        try:
            return builder(chart)
        finally:
            BUILDERS.setdefault(chart.kind, []).append(time.perf_counter() - start)

    draw.figure = figure
    timed(page_charts, "vega_lite_spec", "Altair to Vega-Lite")
    timed(plotly.io, "to_json", "Plotly to JSON")
    timed(dataframe_util, "convert_anything_to_arrow_bytes", "tables to Arrow")


BREAKDOWN: dict[str, list[dict[str, float]]] = {}
BUILDERS: dict[str, list[float]] = {}  # seconds per chart built, by chart kind
PART_NAMES = (
    "view",
    "chart objects",
    "Altair to Vega-Lite",
    "Plotly to JSON",
    "tables to Arrow",
)


def profile_script_thread(profiler: cProfile.Profile) -> None:
    """Profile the script thread's runs while _PROFILING is set.

    AppTest runs the script in a thread of its own, which a profiler enabled in
    the main thread does not see.
    """
    run_script = script_runner.ScriptRunner._run_script

    def profiled(self, rerun_data):  # noqa: ANN001, ANN202
        if not _PROFILING:
            return run_script(self, rerun_data)
        profiler.enable()
        try:
            return run_script(self, rerun_data)
        finally:
            profiler.disable()

    script_runner.ScriptRunner._run_script = profiled


def new_view_rerun(at: AppTest, page: str, views: Iterator) -> float:
    """One timed rerun after moving the filters to a view never seen before.

    Stops the benchmark unless the run built exactly one new page view, this
    page's, for the filters just set (a cache miss).
    """
    try:
        domains, focus = next(views)
    except StopIteration:
        sys.exit("no unseen filter combination left: lower --repeat")
    set_filters(at, domains, focus)
    before = page_view_keys()
    global _PROFILING
    _PROFILING = PROFILER is not None or PARTS is not None
    if PARTS is not None:
        PARTS.clear()
    try:
        elapsed = run_checked(at, f"{page}, domains {domains}, focus {focus}")
    finally:
        _PROFILING = False
    if PARTS is not None:
        BREAKDOWN.setdefault(page, []).append({**PARTS, "rerun": elapsed})
    built = page_view_keys() - before
    # A page-view key is (name, data dir, data signature, (domains, focus,
    # sources in view, period), page options): see jkdefense.ui.views.kept_view.
    mine = [key for key in built if key[0] == page]
    if len(mine) != 1 or any(key[3][:2] != (domains, focus) for key in built):
        sys.exit(
            f"{page}: the rerun after domains={domains}, focus={focus} built "
            f"{len(mine)} view(s) of this page ({sorted(map(str, built))}), not "
            "one new view: a cache hit (or a filter that did not take) is no "
            "measure of a new view"
        )
    return elapsed


def measure(page: str, repeat: int, warm_repeat: int, views: Iterator) -> dict:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    start = time.perf_counter()
    at.run()
    if page != registry.PAGES[0].name:
        at.switch_page(registry.PAGE_BY_NAME[page].script).run()
    first = time.perf_counter() - start
    if at.exception:
        sys.exit(f"{page}: {at.exception[0].message}")
    # A long feed's first run draws before its package is checked; later runs are
    # timed once the check has finished and a run has taken up its result.
    package_cache.wait_for_checks()
    run_checked(at, page)
    warm = [run_checked(at, page) for _ in range(warm_repeat)]
    reruns = [new_view_rerun(at, page, views) for _ in range(repeat)]
    return {
        "page": page,
        "first_ms": first * 1000,
        "rerun_ms": statistics.median(reruns) * 1000,
        "rerun_max_ms": max(reruns) * 1000,
        "rerun_runs_ms": [r * 1000 for r in reruns],
        "warm_repeat_ms": statistics.median(warm) * 1000 if warm else None,
        "warm_repeat_max_ms": max(warm) * 1000 if warm else None,
    }


def print_breakdown() -> None:
    """Median ms of each part of the reruns after a new filter, by page."""
    print("\nParts of the reruns after a new filter, medians (ms; inclusive):\n")
    print("| page | rerun | " + " | ".join(PART_NAMES) + " | rest |")
    print("|---|" + "---:|" * (len(PART_NAMES) + 2))
    for page, runs in BREAKDOWN.items():

        def median(part: str, runs: list = runs) -> float:
            return statistics.median(r.get(part, 0.0) for r in runs) * 1000

        rest = statistics.median(
            r["rerun"] - sum(r.get(p, 0.0) for p in PART_NAMES) for r in runs
        )
        cells = [f"{median(part):.0f}" for part in ("rerun", *PART_NAMES)]
        print(f"| {page} | " + " | ".join(cells) + f" | {rest * 1000:.0f} |")
    print("\nEach chart's objects (jkdefense.render.draw.figure), medians:\n")
    print("| chart builder | built | median (ms) |")
    print("|---|---:|---:|")
    for kind, times in sorted(
        BUILDERS.items(), key=lambda item: -statistics.median(item[1])
    ):
        print(f"| {kind} | {len(times)} | {statistics.median(times) * 1000:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--repeat", type=int, default=15, help="timed reruns after a new filter"
    )
    parser.add_argument(
        "--warm-repeat",
        type=int,
        default=5,
        help="timed repeats of the same view (a cache hit; for comparison only)",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--pages", nargs="+", choices=PAGES, default=PAGES, help="only these pages"
    )
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="also time the parts of each rerun after a new filter (see time_parts)",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        help="profile the timed reruns after a new filter (cProfile; slows them): "
        "write the stats here, for `python -m pstats FILE`",
    )
    args = parser.parse_args()
    global PROFILER, PARTS
    PROFILER = cProfile.Profile() if args.profile else None
    if PROFILER:
        profile_script_thread(PROFILER)
    if args.breakdown:
        PARTS = {}
        time_parts()
    compile_once()
    views = new_views()
    print(
        "| page | first run (ms) | rerun after a new filter: median (ms) | worst (ms) "
        "| warm repeat, same view: median (ms) |"
    )
    print("|---|---:|---:|---:|---:|")
    results = []
    for page in args.pages:
        r = measure(page, args.repeat, args.warm_repeat, views)
        results.append(r)
        warm = "" if r["warm_repeat_ms"] is None else f"{r['warm_repeat_ms']:.0f}"
        print(
            f"| {page} | {r['first_ms']:.0f} | {r['rerun_ms']:.0f} "
            f"| {r['rerun_max_ms']:.0f} | {warm} |",
            flush=True,
        )
    print(
        f"\nEvery one of the {args.repeat * len(args.pages)} timed reruns built a new "
        "page view (checked in the page-view cache)."
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if PROFILER:
        PROFILER.dump_stats(args.profile)
    if args.breakdown:
        print_breakdown()


if __name__ == "__main__":
    main()
