"""Time each page's script run, first and warm (median), in-process with AppTest.

    .venv/bin/python benchmarks/bench_pages.py [--repeat 15]

A warm run reuses the cached data package, as a rerun after a filter change does;
the first run loads and checks it (no package kept on disk: JKDEFENSE_CACHE_DIR=off),
or, in a feed of more than 200 articles, loads it and leaves the check to a thread
(jkdefense/data/cache.py), which warm runs wait for.
AppTest compiles the scripts anew on every run; the server compiles each script
once and keeps its bytecode, so runs here share one script cache as the server's do.
"""

import argparse
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path

from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, local_script_runner

# In-process runs check the package afresh on their first run, as the first start
# after an edit does (bench_browser measures starts that find it kept).
os.environ.setdefault("JKDEFENSE_CACHE_DIR", "off")
# Bare-mode warnings from AppTest say nothing about the pages.
logging.getLogger("streamlit").setLevel(logging.ERROR)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jkdefense.data import cache as package_cache  # noqa: E402
from jkdefense.report import registry  # noqa: E402

PAGES = [page.name for page in registry.PAGES]


def compile_once() -> None:
    """Let every AppTest run of this process share one script cache, as a server."""
    shared = ScriptCache()
    local_script_runner.ScriptCache = lambda: shared


def measure(page: str, repeat: int) -> tuple[float, float, float]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    start = time.perf_counter()
    at.run()
    if page != "overview":
        at.switch_page(registry.PAGE_BY_NAME[page].script).run()
    first = time.perf_counter() - start
    # A long feed's first run draws before its package is checked; warm runs are
    # timed once the check has finished and a run has taken up its result.
    package_cache.wait_for_checks()
    at.run()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        at.run()
        runs.append(time.perf_counter() - start)
    if at.exception:
        sys.exit(f"{page}: {at.exception}")
    return first, statistics.median(runs), max(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    compile_once()
    print("| page | first run (ms) | warm median (ms) | warm max (ms) |")
    print("|---|---:|---:|---:|")
    results = []
    for page in PAGES:
        first, median, worst = measure(page, args.repeat)
        results.append(
            {"page": page, "first_ms": first * 1000, "warm_ms": median * 1000}
        )
        print(
            f"| {page} | {first * 1000:.0f} | {median * 1000:.0f} "
            f"| {worst * 1000:.0f} |"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
