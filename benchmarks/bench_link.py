"""Opening a page's link in a new browser tab, beside a floor page, in chromium.

    .venv/bin/python benchmarks/bench_link.py [--repeat 3] [--json FILE] [--pages ...]

The measure: from the start of the navigation of a new tab to a page's link
(the tab's performance.timeOrigin) to the page settled, as bench_navigate
defines it: the page's h1 shown, the script not running, no skeleton in view,
every visible chart and data grid in the main area drawn. If a rerun follows
the first run within QUIET_MS, the page is settled when that rerun's page is.
Also reported: when the frontend saw the first run start and end, and how long
the tab's main thread was busy (Chrome's TaskDuration, through a CDP session).

Two servers started the same way (bench_browser.running_server), both running
for the whole benchmark: the app (its package kept on disk, as any start after
the first), and a floor app: bench_navigate's bare app whose page B draws one
small Altair chart (bench_browser.BARE_SCRIPT) and a 15-row st.dataframe
(bench_first_grid.GRID). Before the timed rounds, every link is opened once in a
throwaway tab (the server's first session reruns once; each view is built once),
so the rounds time a link the server has served before, as a shared link is.

Each round opens, for every page of the registry, its default link and its link
with a non-default filter (domain=sea), each followed by the floor page B's
link with the same query: app, floor, app, floor. Two ways:

- new tab: a new page in a browser context that already has the app and the
  floor open in a tab (its HTTP cache holds Streamlit's code), as an analyst
  opens a shared link beside the app;
- fresh context: a new browser context (empty cache) for every link.

Reported: per page and mode, median and range of the app's opens, and the
ratio of its median to the median of every floor open of that mode in the run.
Page errors, exception boxes and requests off 127.0.0.1 fail the run.
"""

import argparse
import json
import statistics
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_browser import (  # noqa: E402
    APP,
    CHECKED,
    CHROMIUM,
    CHROMIUM_ARGS,
    LOOPBACK_ONLY,
    WAIT_MS,
    Problems,
    note_exception_boxes,
    running_server,
)
from benchmarks.bench_first_grid import GRID  # noqa: E402
from benchmarks.bench_navigate import (  # noqa: E402
    BARE_PAGES,
    SETTLED,
    STATE,
    busy_s,
    runs_done,
    watched,
    write_bare_app,
)
from jkdefense.report import registry  # noqa: E402
from tests.browser.conftest import Recorder  # noqa: E402

# The non-default filter every page's second link carries.
FILTERED = "domain=sea"
QUERIES = ("", FILTERED)
# The floor: bare page B, with a grid (see write_floor_app).
FLOOR_PATH = "/bare_b"
# A rerun that follows the first run sooner than this is part of opening the page.
QUIET_MS = 600
# With no click in a new tab, times count from the navigation's start.
FROM_NAVIGATION = "() => { window.__clickedAt = 0; }"
VIEWPORT = {"width": 1400, "height": 1000}
MODES = ("new tab", "fresh context")

# ms from the navigation's start: settled, first run start, its end; ms busy
Open = tuple[float, float | None, float | None, float]


def link(page: registry.Page, query: str) -> str:
    path = "/" if page is registry.PAGES[0] else f"/{page.name}"
    return f"{path}?{query}" if query else path


def write_floor_app(staging: Path) -> Path:
    """bench_navigate's bare app, its page B with one chart and a 15-row grid."""
    entry = write_bare_app(staging)
    page_b = staging / BARE_PAGES["B"]
    page_b.write_text(page_b.read_text(encoding="utf-8") + GRID, encoding="utf-8")
    return entry


def settled(page: Page, runs_before: int) -> tuple[float, float, float]:
    """The page's first settled state after ``runs_before`` runs (bench_navigate)."""
    try:
        handle = page.wait_for_function(
            SETTLED, arg=[runs_before, None], timeout=WAIT_MS
        )
    except PlaywrightTimeout:
        sys.exit(f"{page.url} not settled after {WAIT_MS} ms: {page.evaluate(STATE)}")
    return handle.json_value()


def open_link(context: BrowserContext, url: str, problems: Problems, run: str) -> Open:
    """Open ``url`` in a new tab of ``context``: ms to settled, to the first run's
    start and end; ms the tab's main thread worked from its start to settled."""
    page = context.new_page()
    recorder = Recorder(page)
    page.on(
        "console",
        lambda message: (
            problems.console_errors.append(f"{run}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    cdp = watched(page)
    page.add_init_script(script=f"({FROM_NAVIGATION})()")
    try:
        page.goto(url, timeout=WAIT_MS)
        total, started, ended = settled(page, 0)
        runs = runs_done(page)
        page.wait_for_timeout(QUIET_MS)
        while runs_done(page) > runs:  # a rerun came: the page settles after it
            total, _, _ = settled(page, runs)
            runs = runs_done(page)
            page.wait_for_timeout(QUIET_MS)
        busy = busy_s(cdp) * 1000
        note_exception_boxes(page, problems, f"{run}, {url}")
    finally:
        page.close()
        problems.page_errors += [f"{run}: {e}" for e in recorder.errors]
        problems.outside_requests += [f"{run}: {u}" for u in recorder.outside]
    return total, started, ended, busy


@contextmanager
def tab_beside_the_app(browser: Browser, urls: tuple[str, ...]) -> Iterator:
    """A context with ``urls`` open in a tab each, settled: what a new tab joins."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        for url in urls:
            home = context.new_page()
            watched(home)
            home.add_init_script(script=f"({FROM_NAVIGATION})()")
            home.goto(url, timeout=WAIT_MS)
            settled(home, 0)
            home.wait_for_function(CHECKED, timeout=WAIT_MS)
        yield context
    finally:
        context.close()


def opened(
    browser: Browser, shared: BrowserContext | None, url: str, problems, run
) -> Open:
    """Open ``url`` in a new tab of ``shared``, or of a fresh context if None."""
    context = shared or browser.new_context(viewport=VIEWPORT)
    try:
        return open_link(context, url, problems, run)
    finally:
        if shared is None:
            context.close()


class Run:
    """The two servers, the browser and what the opens found, for one benchmark."""

    def __init__(self, browser: Browser, app: str, floor: str, pages: list) -> None:
        self.browser, self.app, self.floor, self.pages = browser, app, floor, pages
        self.problems = Problems()
        self.app_opens = {
            m: {p.name: {q: [] for q in QUERIES} for p in pages} for m in MODES
        }
        self.floor_opens: dict[str, list[Open]] = {m: [] for m in MODES}

    def warm_up(self) -> None:
        """Open every link once: each view built, the server's first rerun done."""
        for page in self.pages:
            for query in QUERIES:
                opened(self.browser, None, self.app + link(page, query), Problems(), "")

    def round(self, mode: str, index: int) -> None:
        """Every page's links, each followed by the floor's with the same query."""
        run = f"{mode}, round {index + 1}"
        beside = (self.app, self.floor) if mode == "new tab" else ()
        with tab_beside_the_app(self.browser, beside) as tab:
            shared = tab if beside else None
            for page in self.pages:
                for query in QUERIES:
                    self.app_opens[mode][page.name][query].append(
                        opened(
                            self.browser,
                            shared,
                            self.app + link(page, query),
                            self.problems,
                            f"app {run}",
                        )
                    )
                    self.floor_opens[mode].append(
                        opened(
                            self.browser,
                            shared,
                            f"{self.floor}{FLOOR_PATH}?{query}".rstrip("?"),
                            self.problems,
                            f"floor {run}",
                        )
                    )
        print(f"{run} done", file=sys.stderr, flush=True)


def measure(repeat: int, names: list[str]) -> dict:
    """Per mode and page: the app's opens and the floor's, alternating."""
    pages = [page for page in registry.PAGES if page.name in names]
    with tempfile.TemporaryDirectory() as staging, sync_playwright() as playwright:
        floor_app = write_floor_app(Path(staging))
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[*CHROMIUM_ARGS, LOOPBACK_ONLY],
        )
        try:
            with (
                running_server(APP, Path(staging) / "cache") as app,
                running_server(floor_app) as floor,
            ):
                run = Run(browser, app.url, floor.url, pages)
                run.warm_up()
                for index in range(repeat):
                    for mode in MODES:
                        run.round(mode, index)
        finally:
            browser.close()
    return {
        "repeat": repeat,
        "modes": {
            mode: summarise(run.app_opens[mode], run.floor_opens[mode])
            for mode in MODES
        },
        **vars(run.problems),
    }


def summary(opens: list[Open]) -> dict:
    """Median and range of the settled times; medians of the parts."""
    times = [o[0] for o in opens]
    seen = [o for o in opens if o[1] is not None and o[2] is not None]
    return {
        "median_ms": statistics.median(times),
        "min_ms": min(times),
        "max_ms": max(times),
        "runs_ms": times,
        # Navigation start to the first run's start, the run, drawing after it.
        "to_run_start_ms": statistics.median(o[1] for o in seen) if seen else None,
        "run_ms": statistics.median(o[2] - o[1] for o in seen) if seen else None,
        "after_run_ms": statistics.median(o[0] - o[2] for o in seen) if seen else None,
        "main_thread_busy_ms": statistics.median(o[3] for o in opens),
    }


def summarise(app: dict, floor: list[Open]) -> dict:
    base = summary(floor)
    pages = {}
    for name, by_query in app.items():
        pages[name] = {}
        for query, opens in by_query.items():
            s = summary(opens)
            s["ratio"] = s["median_ms"] / base["median_ms"]
            pages[name][query or "default"] = s
    return {"floor": base, "pages": pages}


def parts(s: dict) -> str:
    if s["run_ms"] is None:
        return "n/a"
    return f"{s['to_run_start_ms']:.0f} + {s['run_ms']:.0f} + {s['after_run_ms']:.0f}"


def print_tables(r: dict) -> None:
    for mode, m in r["modes"].items():
        f = m["floor"]
        print(f"\n{mode}: medians of {r['repeat']} opens (ms), range, ratio to floor\n")
        print(
            "| page | default link | × floor | domain=sea | × floor "
            "| parts, default / sea (ms) | main thread busy, default / sea (ms) |"
        )
        print("|---|---:|---:|---:|---:|---|---:|")
        for name, by in m["pages"].items():
            d, s = by["default"], by[FILTERED]
            print(
                f"| {name} | {d['median_ms']:.0f} ({d['min_ms']:.0f}–"
                f"{d['max_ms']:.0f}) | {d['ratio']:.2f}× | {s['median_ms']:.0f} "
                f"({s['min_ms']:.0f}–{s['max_ms']:.0f}) | {s['ratio']:.2f}× "
                f"| {parts(d)} / {parts(s)} "
                f"| {d['main_thread_busy_ms']:.0f} / {s['main_thread_busy_ms']:.0f} |"
            )
        print(
            f"| floor ({len(f['runs_ms'])} opens) | {f['median_ms']:.0f} "
            f"({f['min_ms']:.0f}–{f['max_ms']:.0f}) | 1.00× | | | {parts(f)} "
            f"| {f['main_thread_busy_ms']:.0f} |"
        )
    print(
        "\nParts (medians, each on its own): navigation start → the first run "
        "starts + the run (as the frontend sees it) + drawing after it ended."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds")
    parser.add_argument("--json", type=Path, help="also write the results here")
    names = [page.name for page in registry.PAGES]
    parser.add_argument(
        "--pages", nargs="+", choices=names, default=names, help="only these pages"
    )
    args = parser.parse_args()
    r = measure(args.repeat, args.pages)
    if args.json:
        args.json.write_text(json.dumps(r, indent=2), encoding="utf-8")
    print_tables(r)
    broken = False
    for key in ("console_errors", "page_errors", "exception_boxes", "outside_requests"):
        print(f"{key.replace('_', ' ')}: {len(r[key])}")
        for item in r[key][:20]:
            print(f"  - {item}")
        broken = broken or (key != "console_errors" and bool(r[key]))
    if broken:
        sys.exit(1)


if __name__ == "__main__":
    main()
