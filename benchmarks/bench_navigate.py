"""Moving to a page in headless Debian chromium, beside a bare one-chart page.

    .venv/bin/python benchmarks/bench_navigate.py [--repeat 7] [--json FILE]

The measure: from the click on a page's link in the sidebar to that page
settled, timed inside the page (performance.now() at the click, seen by a
capturing listener, to the first animation frame where it is settled): the new
page's h1 is shown (a title other than the one before the click), the app's
data-test-script-state reads "notRunning" with no running icon, no element in
view is still a skeleton (a stand-in while its frontend code loads: a first
Plotly chart, say), and every visible chart and data grid in the main area is
drawn (a Vega canvas or SVG, a plotly SVG, the grid's canvas; charts in tabs not
shown are not waited for: the Sources page opens on a tab of grids).
Playwright's own checks before it clicks are not timed. Also reported: when the
frontend showed the run start and end (so: click to run, run, drawing after
it), and how long the tab's main thread was busy over the move (Chrome's
TaskDuration, through a CDP session): the frontend's own work.

Two servers, started the same way (`python -m streamlit run`, from the project
folder, the same flags; bench_browser.running_server): the app, and a bare app of
two bare one-chart pages (bench_browser.BARE_SCRIPT, under two titles) behind
st.navigation. The bare measure is the same click between its two pages: the
same sidebar link, the same script run over the same websocket, one chart to
draw. (Reloading the bare page would time a new websocket session and the
frontend's start, which moving between pages does not do.) Both servers run for
the whole benchmark; rounds alternate, app then bare, each in a new browser
context (empty cache).

In a round of the app, the tab lands on the Overview, then moves to every page
of the registry in turn, twice: the first pass visits each page for the first
time in this tab (its frontend components may still have to load; the Overview
is the landing page, so its first move goes back to it), the second pass visits
them again. Before every move a click in the sidebar (a Domain pill or the
Country focus) sets filters that no earlier run of the process used (a walk over
views of 4 to 7 domains and each focus, one click apart), so the page moved to
builds its view for the first time: the server's view cache misses, as in
bench_pages. That click's rerun is waited for and not timed. In a round of the
bare app the tab lands on page A and moves B, A, B, A.

Every wait times out (60 s); exception boxes, page errors and requests leaving
127.0.0.1 fail the run. Honours JKDEFENSE_DATA_DIR, as the app does; with a long
feed the moves start once the app has checked its package.
"""

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlparse

from playwright.sync_api import Browser, CDPSession, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_browser import (  # noqa: E402
    APP,
    BARE_SCRIPT,
    CHECKED,
    CHROMIUM,
    CHROMIUM_ARGS,
    LOOPBACK_ONLY,
    WAIT_MS,
    Problems,
    fresh_tab,
    note_exception_boxes,
    running_server,
    same_path,
)
from jkdefense.analysis import filters  # noqa: E402
from jkdefense.data import vocabulary  # noqa: E402
from jkdefense.report import registry  # noqa: E402

BARE_TITLE = 'st.title("Bare page")'
BARE_PAGES = {"A": "bare_a.py", "B": "bare_b.py"}
BARE_APP = """\
\"\"\"Bare app: two bare one-chart pages behind st.navigation.\"\"\"

import streamlit as st

st.navigation(
    [
        st.Page("bare_a.py", title="Bare page A", default=True),
        st.Page("bare_b.py", title="Bare page B"),
    ]
).run()
"""

# Counts finished script runs (the state leaving "running"), notes when the last
# run started and ended as the frontend saw it, and the time of the last click,
# before any handler of the page sees it.
WATCH = """() => {
  window.__runsDone = 0;
  window.__clickedAt = null;
  window.__runStartedAt = null;
  window.__runEndedAt = null;
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.oldValue === 'running') {
        window.__runsDone += 1;
        window.__runEndedAt = performance.now();
      } else if (record.target.getAttribute('data-test-script-state') === 'running') {
        window.__runStartedAt = performance.now();
      }
    }
  }).observe(document, {subtree: true, attributes: true,
    attributeFilter: ['data-test-script-state'], attributeOldValue: true});
  document.addEventListener('click',
    () => { window.__clickedAt = performance.now(); }, true);
}"""

# Once the run the last click asked for has ended and the page is drawn: the
# milliseconds from the click to then, to the run's start and to its end, as the
# frontend saw them; false until then. A page title to leave behind, or null.
SETTLED = """([runsBefore, previousTitle]) => {
  // A move is seen by its new title; a landing by its first run's end.
  if (previousTitle === null && window.__runsDone <= runsBefore) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')) return false;
  const title = document.querySelector('[data-testid="stMain"] h1');
  if (!title || !title.checkVisibility()) return false;
  if (previousTitle !== null && title.innerText === previousTitle) return false;
  const visible = (selector) => [...document.querySelectorAll(selector)]
    .filter((element) => element.checkVisibility());
  const charts = visible('[data-testid="stMain"] [data-testid="stVegaLiteChart"], '
    + '[data-testid="stMain"] [data-testid="stPlotlyChart"]');
  const grids = visible('[data-testid="stMain"] [data-testid="stDataFrame"]');
  const drawn = (chart) =>
    chart.querySelector('canvas, svg.marks, .main-svg') !== null;
  // A skeleton stands in for an element whose frontend code is still loading.
  if (visible('[data-testid="stMain"] [data-testid="stSkeleton"], '
    + '[data-testid="stAppSkeleton"]').length) return false;
  if (!charts.every(drawn)) return false;
  if (!grids.every((grid) => grid.querySelector('canvas') !== null)) return false;
  const since = (time) =>
    (time === null || time < window.__clickedAt ? null : time - window.__clickedAt);
  return [performance.now() - window.__clickedAt, since(window.__runStartedAt),
    since(window.__runEndedAt)];
}"""

# A fresh server reruns its first session's script once (the app leaves legacy
# pages mode); a landing page is taken as settled this long after its run ended.
LANDING_QUIET_MS = 1000

# How long a filter click's rerun is looked for (see click_filter).
FILTER_RUN_WAIT_MS = 3000

IDLE = """() => document.querySelector('[data-testid="stApp"]')
  ?.getAttribute('data-test-script-state') === 'notRunning'"""

# What the page shows, for a run that did not settle.
STATE = """() => ({
  runsDone: window.__runsDone,
  scriptState: document.querySelector('[data-testid="stApp"]')
    ?.getAttribute('data-test-script-state'),
  running: !!document.querySelector('[data-testid="stStatusWidgetRunningIcon"]'),
  title: document.querySelector('[data-testid="stMain"] h1')?.innerText,
  charts: [...document.querySelectorAll('[data-testid="stMain"] '
    + '[data-testid="stVegaLiteChart"], [data-testid="stMain"] '
    + '[data-testid="stPlotlyChart"]')].map((chart) => [chart.checkVisibility(),
      chart.querySelector('canvas, svg.marks, .main-svg') !== null]),
  grids: [...document.querySelectorAll('[data-testid="stMain"] '
    + '[data-testid="stDataFrame"]')].map((grid) => [grid.checkVisibility(),
      grid.querySelector('canvas') !== null]),
  skeletons: [...document.querySelectorAll('[data-testid="stSkeleton"], '
    + '[data-testid="stAppSkeleton"]')].map((skeleton) => skeleton.checkVisibility()),
  main: document.querySelector('[data-testid="stMain"]')?.innerText.slice(0, 400),
  clickedAt: window.__clickedAt,
  runStartedAt: window.__runStartedAt,
  runEndedAt: window.__runEndedAt,
  now: performance.now(),
})"""

# Views of at least this many domains: every page has charts to draw.
MIN_DOMAINS = 4

View = tuple[frozenset, str]


def neighbours(view: View) -> list[View]:
    """The views one click away: a Domain pill toggled, or another focus."""
    domains, focus = view
    toggled = [
        (domains ^ {domain}, focus)
        for domain in vocabulary.DOMAINS
        if len(domains ^ {domain}) >= MIN_DOMAINS
    ]
    return toggled + [(domains, f) for f in filters.FOCUS_CHOICES if f != focus]


class Walk:
    """Views no run has used yet, handed out as walks of single clicks."""

    def __init__(self, seed: int = 2026) -> None:
        self.rng = random.Random(seed)
        domains = vocabulary.DOMAINS
        self.unused = {
            (frozenset(d for i, d in enumerate(domains) if mask >> i & 1), focus)
            for mask in range(2 ** len(domains))
            for focus in filters.FOCUS_CHOICES
            if bin(mask).count("1") >= MIN_DOMAINS
        }
        # The app's default view: seen before the first timed move.
        self.unused.discard((frozenset(domains), "both"))

    def take(self, length: int) -> list[View]:
        """``length`` unused views, each one click from the one before."""
        for start in self.rng.sample(sorted(self.unused, key=str), len(self.unused)):
            path = self._extend([start], length)
            if path:
                self.unused.difference_update(path)
                return path
        sys.exit(f"no walk of {length} unused views left: lower --repeat")

    def _extend(self, path: list[View], length: int) -> list[View] | None:
        if len(path) == length:
            return path
        options = [v for v in neighbours(path[-1]) if v in self.unused]
        self.rng.shuffle(options)
        for view in options:
            if view not in path:
                found = self._extend([*path, view], length)
                if found:
                    return found
        return None


def query(view: View) -> str:
    domains, focus = view
    ordered = [d for d in vocabulary.DOMAINS if d in domains]
    return urlencode([*(("domain", d) for d in ordered), ("focus", focus)])


def runs_done(page: Page) -> int:
    return page.evaluate("window.__runsDone")


def title(page: Page) -> str:
    return page.locator('[data-testid="stMain"] h1').first.inner_text()


def wait_settled(
    page: Page, runs_before: int, previous_title: str | None
) -> tuple[float, float, float]:
    """Wait for the run after the last click to end and its page to be drawn.

    Returns the ms from the click to the page settled, to the run's start and to
    its end (the last two as the frontend saw them; None if it did not see the
    run's start or end after the click).
    """
    try:
        handle = page.wait_for_function(
            SETTLED, arg=[runs_before, previous_title], timeout=WAIT_MS
        )
    except PlaywrightTimeout:
        state = page.evaluate(STATE)
        shot = Path(tempfile.gettempdir()) / "bench_navigate_not_settled.png"
        page.screenshot(path=shot)
        state["screenshot"] = str(shot)
        sys.exit(
            f"{page.url} not settled after {WAIT_MS} ms (runs before the "
            f"click {runs_before}, title before {previous_title!r}): {state}"
        )
    total, started, ended = handle.json_value()
    return total, started, ended


def settle_landing(page: Page) -> None:
    """Wait for the landing page, and for any rerun a first visit makes, to end."""
    wait_settled(page, 0, None)
    page.wait_for_timeout(LANDING_QUIET_MS)
    wait_settled(page, runs_done(page) - 1, None)


# ms from the click: settled, run start, run end; ms the tab's main thread was busy
Move = tuple[float, float | None, float | None, float]


def busy_s(cdp: CDPSession) -> float:
    """Seconds of tasks the tab's main thread (its renderer) has run so far."""
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "TaskDuration")


def move(page: Page, cdp: CDPSession, path: str) -> Move:
    """Click the sidebar link to ``path``; ms from the click (see wait_settled).

    Also the ms of tasks the tab's main thread ran from just before the click to
    the page settled (Chrome's TaskDuration): the frontend's own work.
    """
    links = page.locator('[data-testid="stSidebarNavLink"]')
    hrefs = links.evaluate_all("links => links.map((a) => a.getAttribute('href'))")
    target = urljoin(page.url, path)
    index = next(
        (
            i
            for i, href in enumerate(hrefs)
            if same_path(urljoin(page.url, href), target)
        ),
        None,
    )
    if index is None:
        sys.exit(f"no sidebar link to {path} in {hrefs}")
    before, previous = runs_done(page), title(page)
    busy_before = busy_s(cdp)
    links.nth(index).click(timeout=WAIT_MS)
    settled, started, ended = wait_settled(page, before, previous)
    busy = (busy_s(cdp) - busy_before) * 1000
    if not same_path(page.url, target):
        sys.exit(f"clicked the link to {path}, landed on {page.url}")
    return settled, started, ended, busy


def url_view(url: str) -> View:
    """The shared filters a URL holds (a filter at its default is left out)."""
    params = parse_qs(urlparse(url).query)
    domains = frozenset(params.get("domain", vocabulary.DOMAINS))
    return domains, params.get("focus", ["both"])[0]


def click_filter(page: Page, current: View, new: View) -> bool:
    """Click the one sidebar control that turns ``current`` into ``new``.

    Waits for the URL to hold ``new`` (the widget took the click) and for the rerun
    it asks for to end. Returns whether that rerun was seen: a rerun too quick
    for the frontend to show it running is not; the move that follows carries
    the new filters to the server either way.
    """
    (domains, _), (new_domains, new_focus) = current, new
    label = next(iter(domains ^ new_domains)) if domains != new_domains else new_focus
    sidebar = page.locator('[data-testid="stSidebar"]')
    button = sidebar.locator("button").filter(
        has_text=re.compile(f"^{re.escape(label)}$")
    )
    before = runs_done(page)
    button.first.click(timeout=WAIT_MS)
    page.wait_for_url(lambda url: url_view(url) == new, timeout=WAIT_MS)
    try:
        page.wait_for_function(
            f"() => window.__runsDone > {before}", timeout=FILTER_RUN_WAIT_MS
        )
        seen = True
    except PlaywrightTimeout:
        seen = False
    page.wait_for_function(IDLE, timeout=WAIT_MS)
    return seen


def watched(page: Page) -> CDPSession:
    """Watch the tab's runs and clicks (WATCH); a session for its metrics."""
    page.add_init_script(script=f"({WATCH})()")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    return cdp


def app_round(
    browser: Browser, url: str, walk: Walk, problems: Problems, run: str
) -> tuple[dict[str, list[Move]], int]:
    """One tab: land, then move to every page twice.

    Returns both moves per page, and how many filter clicks' reruns went unseen.
    """
    pages = [*registry.PAGES[1:], registry.PAGES[0]]  # the landing page last
    views = walk.take(1 + 2 * len(pages))
    moves: dict[str, list[Move]] = {page.name: [] for page in pages}
    with fresh_tab(browser, problems, run) as page:
        cdp = watched(page)
        page.goto(f"{url}/?{query(views[0])}", timeout=WAIT_MS)
        settle_landing(page)
        page.wait_for_function(CHECKED, timeout=WAIT_MS)  # a long feed's check
        if url_view(page.url) != views[0]:
            sys.exit(f"landed on {page.url}, not on the view {views[0]}")
        steps = iter(views)
        current, unseen = next(steps), 0
        for target in [*pages, *pages]:
            new = next(steps)
            unseen += not click_filter(page, current, new)
            current = new
            path = "/" if target is registry.PAGES[0] else f"/{target.name}"
            moves[target.name].append(move(page, cdp, path))
            note_exception_boxes(page, problems, f"{run}, {page.url}")
        page.close()  # before the server stops, so its going away logs no errors
    return moves, unseen


def bare_round(browser: Browser, url: str, problems: Problems, run: str) -> list:
    """One tab: land on bare page A, then move B, A, B, A."""
    moves = []
    with fresh_tab(browser, problems, run) as page:
        cdp = watched(page)
        page.goto(url, timeout=WAIT_MS)
        settle_landing(page)
        for path in ("/bare_b", "/", "/bare_b", "/"):
            moves.append(move(page, cdp, path))
        note_exception_boxes(page, problems, run)
        page.close()
    return moves


def write_bare_app(staging: Path) -> Path:
    if BARE_TITLE not in BARE_SCRIPT:
        sys.exit("bench_browser.BARE_SCRIPT no longer sets the title this expects")
    for name, script in BARE_PAGES.items():
        (staging / script).write_text(
            BARE_SCRIPT.replace(BARE_TITLE, f'st.title("Bare page {name}")'),
            encoding="utf-8",
        )
    entry = staging / "bare_app.py"
    entry.write_text(BARE_APP, encoding="utf-8")
    return entry


def summary(moves: list[Move]) -> dict:
    """Median and worst move; the median of each part of it."""
    settled = [m[0] for m in moves]
    seen = [m for m in moves if m[1] is not None and m[2] is not None]
    return {
        "median_ms": statistics.median(settled),
        "worst_ms": max(settled),
        "runs_ms": settled,
        # Click to the run's start (the request reaching the server and the
        # frontend hearing back), the run itself, then drawing after its end;
        # over the moves whose run the frontend showed starting and ending.
        "to_run_start_ms": statistics.median(m[1] for m in seen) if seen else None,
        "run_ms": statistics.median(m[2] - m[1] for m in seen) if seen else None,
        "after_run_ms": statistics.median(m[0] - m[2] for m in seen) if seen else None,
        "runs_seen": len(seen),
        "main_thread_busy_ms": statistics.median(m[3] for m in moves),
    }


def measure(repeat: int) -> dict:
    """Per page, the move in a first and in a later visit; the bare move; ratios."""
    problems = Problems()
    walk = Walk()
    first: dict[str, list[Move]] = {page.name: [] for page in registry.PAGES}
    later: dict[str, list[Move]] = {page.name: [] for page in registry.PAGES}
    bare: list[Move] = []
    unseen = 0
    with tempfile.TemporaryDirectory() as staging, sync_playwright() as playwright:
        bare_app = write_bare_app(Path(staging))
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[*CHROMIUM_ARGS, LOOPBACK_ONLY],
        )
        try:
            with (
                running_server(APP, Path(staging) / "cache") as app,
                running_server(bare_app) as bare_server,
            ):
                for index in range(repeat):
                    run = f"round {index + 1}"
                    moves, missed = app_round(
                        browser, app.url, walk, problems, f"app {run}"
                    )
                    unseen += missed
                    for name, (one, two) in moves.items():
                        first[name].append(one)
                        later[name].append(two)
                    bare += bare_round(
                        browser, bare_server.url, problems, f"bare {run}"
                    )
        finally:
            browser.close()
    bare_summary = summary(bare)
    pages = []
    for page in registry.PAGES:
        one, two = summary(first[page.name]), summary(later[page.name])
        pages.append(
            {
                "page": page.name,
                "first_visit": one,
                "later_visit": two,
                "first_ratio": one["median_ms"] / bare_summary["median_ms"],
                "later_ratio": two["median_ms"] / bare_summary["median_ms"],
            }
        )
    return {
        "repeat": repeat,
        "bare": bare_summary,
        "pages": pages,
        "filter_reruns_unseen": unseen,
        **vars(problems),
    }


def parts(s: dict) -> str:
    if not s["runs_seen"]:
        return "n/a"
    return f"{s['to_run_start_ms']:.0f} + {s['run_ms']:.0f} + {s['after_run_ms']:.0f}"


def print_table(r: dict) -> None:
    b = r["bare"]
    print(
        "| page | first visit in the tab: median / worst (ms) | ratio to bare "
        "| later visit: median / worst (ms) | ratio to bare "
        "| parts, first / later (ms) | tab's main thread busy, first / later (ms) |"
    )
    print("|---|---:|---:|---:|---:|---|---:|")
    for p in r["pages"]:
        one, two = p["first_visit"], p["later_visit"]
        print(
            f"| {p['page']} | {one['median_ms']:.0f} / {one['worst_ms']:.0f} "
            f"| {p['first_ratio']:.2f}× | {two['median_ms']:.0f} / "
            f"{two['worst_ms']:.0f} | {p['later_ratio']:.2f}× "
            f"| {parts(one)} / {parts(two)} "
            f"| {one['main_thread_busy_ms']:.0f} / {two['main_thread_busy_ms']:.0f} |"
        )
    print(
        f"| bare page (A ↔ B, {len(b['runs_ms'])} moves) "
        f"| {b['median_ms']:.0f} / {b['worst_ms']:.0f} | 1.00× | | | {parts(b)} "
        f"| {b['main_thread_busy_ms']:.0f} |"
    )
    print(
        f"\nFilter clicks before a move whose rerun the frontend did not show: "
        f"{r['filter_reruns_unseen']}."
    )
    print(
        "Parts (medians, each on its own): click → the run starts + the run "
        "(as the frontend sees its start and end) + drawing after the run ended. "
        "Main thread busy: Chrome's TaskDuration over the move (the frontend's work)."
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7, help="rounds of each app")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    r = measure(args.repeat)
    if args.json:
        args.json.write_text(json.dumps(r, indent=2), encoding="utf-8")
    print_table(r)
    broken = False
    for key in ("console_errors", "page_errors", "exception_boxes", "outside_requests"):
        print(f"{key.replace('_', ' ')}: {len(r[key])}")
        for item in r[key]:
            print(f"  - {item}")
        broken = broken or (key != "console_errors" and bool(r[key]))
    if broken:
        sys.exit(1)  # page errors, exception boxes or requests off loopback


if __name__ == "__main__":
    main()
