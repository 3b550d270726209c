"""Each page's warm repeat beside its floor: the least Streamlit can do for that page.

A warm repeat runs the page again with nothing changed, so its view comes from the
page-view cache: it is not a rerun after a filter change (bench_pages.py measures
those, views never seen before). The floor is that same view's.

    .venv/bin/python benchmarks/bench_floor.py [--repeat 15]

A page's floor makes the very Streamlit calls the page made in a warm run, with
the arguments the page had computed: the same chart objects, tables, texts,
widgets and containers, in the same order (recorded and replayed by
floor_replay.py), and nothing else: no loading, validation, filtering or view
building. The run checks that the floor's element tree is the page's, element
by element. The ratio page / floor is what the page costs beyond drawing what it
shows. A second, barer floor draws only the page's title, charts and tables, to
show what the widgets, buttons and text around them cost Streamlit.

All three run in-process with AppTest, alternating run by run, so they share the
machine's state, and share one script cache as a server would (bench_pages).
Honours JKDEFENSE_DATA_DIR, as the app does.
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from streamlit import config as streamlit_config
from streamlit import logger as streamlit_logger
from streamlit.testing.v1 import AppTest

# Bare-mode warnings (AppTest, caches outside a server) say nothing about the pages.
# The option survives later config parses, which reset every logger to it; the
# direct call applies it now, before the package's caches warn at import.
streamlit_config.set_option("logger.level", "error")
streamlit_logger.set_log_level("error")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import floor_replay  # noqa: E402
from benchmarks.bench_pages import PAGES, compile_once  # noqa: E402
from jkdefense.data import cache  # noqa: E402
from jkdefense.report import registry  # noqa: E402


def elements(at: AppTest) -> list[str]:
    """The type of every element and container drawn, main area then sidebar."""
    return [node.type for node in at.main] + [node.type for node in at.sidebar]


def drawn(at: AppTest) -> tuple[int, int]:
    """Charts and tables an AppTest run drew (tabs and expanders included)."""
    charts = len(at.get("plotly_chart")) + len(at.get("vega_lite_chart"))
    return charts, len(at.dataframe) + len(at.table)


def checked_run(at: AppTest, what: str) -> float:
    """Run once more; return the seconds it took, stopping on an exception."""
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{what}: {at.exception[0].message}")
    return elapsed


def warm_page(page: str) -> AppTest:
    """The app at ``page``, run until its views are cached."""
    real = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    real.run()
    if page != "overview":
        real.switch_page(registry.PAGE_BY_NAME[page].script).run()
    cache.wait_for_checks()  # a long feed's package is checked in a thread
    checked_run(real, page)
    return real


def floor_app(name: str, staging: Path) -> AppTest:
    script = staging / f"floor_{name.replace('/', '_')}.py"
    script.write_text(floor_replay.floor_script(name), encoding="utf-8")
    return AppTest.from_file(str(script), default_timeout=60)


def measure_page(page: str, repeat: int, staging: Path) -> dict:
    real = warm_page(page)
    with floor_replay.Recorder().watching() as recorder:
        checked_run(real, page)
    calls = recorder.calls
    floor_replay.RECORDINGS[page] = calls
    floor_replay.RECORDINGS[f"{page}/charts"] = floor_replay.charts_and_tables(calls)
    floor = floor_app(page, staging)
    bare = floor_app(f"{page}/charts", staging)
    checked_run(floor, f"{page} floor")
    checked_run(bare, f"{page} charts-and-tables floor")
    if elements(floor) != elements(real):
        raise RuntimeError(
            f"{page}: the floor drew {elements(floor)}, the page {elements(real)}"
        )
    runs: dict[str, list[float]] = {"page": [], "floor": [], "bare": []}
    for _ in range(repeat):
        runs["page"].append(checked_run(real, page))
        runs["floor"].append(checked_run(floor, f"{page} floor"))
        runs["bare"].append(checked_run(bare, f"{page} charts-and-tables floor"))
    page_ms, floor_ms, bare_ms = (
        statistics.median(runs[k]) * 1000 for k in ("page", "floor", "bare")
    )
    charts, tables_drawn = drawn(real)
    return {
        "page": page,
        "page_ms": page_ms,
        "floor_ms": floor_ms,
        "ratio": page_ms / floor_ms,
        "charts_tables_floor_ms": bare_ms,
        "charts_tables_ratio": page_ms / bare_ms,
        "elements": len(elements(real)),
        "calls": len(calls),
        "charts": charts,
        "tables": tables_drawn,
    }


def measure_all(repeat: int, pages: list[str] = PAGES) -> list[dict]:
    """Page and floor warm medians (ms) and their ratio, for every page that runs.

    A page that raises (a table it needs is unreadable, say) is left out, with
    the reason on stderr.
    """
    compile_once()
    results = []
    with tempfile.TemporaryDirectory() as staging:
        for page in pages:
            try:
                results.append(measure_page(page, repeat, Path(staging)))
            except RuntimeError as broken:
                print(f"{broken}; skipped", file=sys.stderr)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=PAGES)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    results = measure_all(args.repeat, args.pages)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(
        "| page | page, warm repeat of the same view (ms) | floor (ms) | ratio "
        "| charts-and-tables floor (ms) | ratio | elements |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['page']} | {r['page_ms']:.1f} | {r['floor_ms']:.1f} "
            f"| {r['ratio']:.2f} | {r['charts_tables_floor_ms']:.1f} "
            f"| {r['charts_tables_ratio']:.2f} | {r['elements']} |"
        )
    if len(results) < len(args.pages):
        sys.exit(1)  # some page could not be measured (reasons on stderr)


if __name__ == "__main__":
    main()
