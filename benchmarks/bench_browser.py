"""Cold start and server memory in headless Debian chromium, beside a bare page.

    .venv/bin/python benchmarks/bench_browser.py [--repeat 3] [--from-disk]

Cold start: wall time from launching `python -m streamlit run serve.py`, as `make
run` does (from the project folder, so with its .streamlit/config.toml; headless, on
a free 127.0.0.1 port; the package's bytecode written first, by `make bytecode` as
`make run` does) to the first page rendered in a fresh browser context: its h1
visible, its first chart drawn, and the script no longer running. The app starts
twice per round: first with an empty package cache (the first start after the data
changed: every table is read and checked, in a long feed after the first page is
drawn; that server stops once the check is done), then again with the package that
start kept (any later start on unchanged files; jkdefense/cache.py). The baseline is
a bare page (a title and one small Altair chart) started with the same flags; the
three alternate, each launched once the machine is quiet (wait_quiet), and medians
are reported. With --from-disk (root only) every start begins with the file
cache emptied, as the first start after a reboot does. Memory: one more cold start
of the app (package kept), a tour of every page through the sidebar navigation,
and the server's resident memory (children included) right after start, after the
first page and after the tour.

Every wait times out and every server is stopped, whatever happens. Console errors,
page errors, exception boxes and requests that leave 127.0.0.1 are reported; the
last two make the run fail. Honours JKDEFENSE_DATA_DIR, as the app does.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import urljoin, urlparse

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    SERVER_SCRIPT,
    Recorder,
    free_port,
)

APP = SERVER_SCRIPT
BARE_SCRIPT = '''\
"""Bare page: a title and one small Altair chart."""

import altair as alt
import pandas as pd
import streamlit as st

st.title("Bare page")
data = pd.DataFrame({"domain": ["air", "sea", "land"], "rows": [3, 5, 2]})
st.altair_chart(alt.Chart(data).mark_bar().encode(x="domain", y="rows"))
'''
# Also set in .streamlit/config.toml; repeated so both servers get the same flags
# and stay headless, on loopback and quiet even if the config file changes.
SERVER_FLAGS = [
    "--server.headless",
    "true",
    "--server.address",
    "127.0.0.1",
    "--browser.gatherUsageStats",
    "false",
]
# Host names resolve to nothing, so no request can leave 127.0.0.1 even by mistake.
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
START_TIMEOUT_S = 60
QUIET_IDLE_SHARE = 0.9
WAIT_MS = 60_000

# True once the script has finished, the status widget no longer shows it running,
# a new h1 is visible, no element in view is a skeleton (its frontend code still
# loading) and the charts in view have drawn (all of them, or a first).
RENDERED = """([previousTitle, everyChart]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')) return false;
  const title = document.querySelector('[data-testid="stMain"] h1');
  if (!title || !title.checkVisibility() || title.innerText === previousTitle) {
    return false;
  }
  // A skeleton stands in for an element whose frontend code is still loading.
  const skeletons = [...document.querySelectorAll(
    '[data-testid="stMain"] [data-testid="stSkeleton"], '
    + '[data-testid="stAppSkeleton"]')];
  if (skeletons.some((skeleton) => skeleton.checkVisibility())) return false;
  const charts = [...document.querySelectorAll(
    '[data-testid="stMain"] [data-testid="stVegaLiteChart"], '
    + '[data-testid="stMain"] [data-testid="stPlotlyChart"]')]
    .filter((chart) => chart.checkVisibility());
  const drawn = (chart) =>
    chart.querySelector('canvas, svg.marks, .main-svg') !== null;
  return everyChart ? charts.every(drawn) : charts.some(drawn);
}"""


CHECKED = """() => !document.body.innerText.includes('Checking the data of')"""


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    launched_at: float  # perf_counter() just before the process was created
    healthy_after_s: float = 0.0


@dataclass
class Problems:
    """What went wrong in the browser, over every run, named by run."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    exception_boxes: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)


def wait_healthy(server: Server, log: IO[str]) -> None:
    """Poll /_stcore/health until it answers ok; stop early if the server died."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"server exited at start:\n{log.read()}")
        try:
            with urllib.request.urlopen(
                f"{server.url}/_stcore/health", timeout=1
            ) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.05)  # short, so the time to health stays precise
    log.seek(0)
    raise RuntimeError(f"server not healthy after {START_TIMEOUT_S} s:\n{log.read()}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def running_server(script: Path, cache: Path | None = None) -> Iterator[Server]:
    """`streamlit run script` from the project folder, healthy; always stopped.

    ``cache``: the package cache folder the app uses (its default otherwise).
    """
    port = free_port()
    # A file, not a pipe: nobody reads the log while the server runs, and a full
    # pipe would block the server.
    with tempfile.TemporaryFile("w+") as log:
        launched_at = time.perf_counter()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(script),
                "--server.port",
                str(port),
                *SERVER_FLAGS,
            ],
            cwd=ROOT,
            env={
                **os.environ,
                **({"JKDEFENSE_CACHE_DIR": str(cache)} if cache else {}),
            },
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        server = Server(process, f"http://127.0.0.1:{port}", launched_at)
        try:
            wait_healthy(server, log)
            server.healthy_after_s = time.perf_counter() - launched_at
            yield server
        finally:
            stop(process)


@contextmanager
def fresh_tab(browser: Browser, problems: Problems, run: str) -> Iterator[Page]:
    """A page in a new context (empty cache), its errors and requests recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
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
        yield page
        problems.page_errors += [f"{run}: {e}" for e in recorder.errors]
        problems.outside_requests += [f"{run}: {u}" for u in recorder.outside]
    finally:
        context.close()


def note_exception_boxes(page: Page, problems: Problems, where: str) -> None:
    """Record the exception boxes the page shows (a script that raised)."""
    boxes = page.locator('[data-testid="stException"]').all_inner_texts()
    problems.exception_boxes += [f"{where}: {text[:300]}" for text in boxes]


def wait_rendered(page: Page, previous_title: str = "", every_chart: bool = False):
    page.wait_for_function(RENDERED, arg=[previous_title, every_chart], timeout=WAIT_MS)


def descendants(pid: int) -> list[int]:
    """The process and every process below it, from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # exited while we looked
        # The name in parentheses may hold spaces: fields follow the last ")".
        parent = int(text.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(stat.parent.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo += children.get(current, [])
    return tree


def rss_mb(pid: int) -> tuple[float, int]:
    """Resident memory (MB) of a process and its descendants, and how many there are."""
    total_kb, counted = 0, 0
    for member in descendants(pid):
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
                counted += 1
    return total_kb / 1024, counted


def cpu_idle_share(seconds: float) -> float:
    """The share of the machine's CPU time left idle over ``seconds`` (/proc/stat)."""

    def idle_and_total() -> tuple[int, int]:
        fields = [int(v) for v in Path("/proc/stat").read_text().split()[1:9]]
        return fields[3] + fields[4], sum(fields)  # idle + iowait, all

    idle_before, total_before = idle_and_total()
    time.sleep(seconds)
    idle_after, total_after = idle_and_total()
    return (idle_after - idle_before) / max(total_after - total_before, 1)


def wait_quiet(timeout_s: float = 10) -> None:
    """Wait until the machine is idle (90% over 0.3 s), at most ``timeout_s``.

    A server that has just stopped and a tab just closed keep the CPU busy for
    a moment after the calls return: a start right then ran about 0.3 s slower,
    so whatever ran just before (an app server, or the bare one) skewed the
    next start. Each cold start begins on a quiet machine.
    """
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and cpu_idle_share(0.3) < QUIET_IDLE_SHARE:
        pass


DROP_CACHES = Path("/proc/sys/vm/drop_caches")


def drop_file_cache() -> None:
    """Empty Linux's page cache (root only): the next start reads its files from disk.

    As the first start after a reboot does: Python, the packages, Streamlit's
    frontend and chromium's own files all come off the disk again.
    """
    os.sync()
    DROP_CACHES.write_text("1\n", encoding="ascii")


def cold_start(
    browser: Browser,
    script: Path,
    problems: Problems,
    run: str,
    cache: Path | None = None,
    from_disk: bool = False,
) -> dict:
    """Seconds from launch to health and to the first page rendered; RSS then.

    ``from_disk``: the file cache emptied first (drop_file_cache).
    """
    # The browser context exists before the launch: only the server start and the
    # page load are timed.
    wait_quiet()
    if from_disk:
        drop_file_cache()
    with (
        fresh_tab(browser, problems, run) as page,
        running_server(script, cache) as server,
    ):
        page.goto(server.url, timeout=WAIT_MS)
        wait_rendered(page)
        rendered_s = time.perf_counter() - server.launched_at
        rss, _ = rss_mb(server.process.pid)
        # A long feed is checked after its first page is drawn; the server keeps
        # the checked package once that is done, as it would for an analyst.
        page.wait_for_function(CHECKED, timeout=WAIT_MS)
        note_exception_boxes(page, problems, run)
        page.close()  # before the server stops, so its going away logs no errors
    return {"healthy_s": server.healthy_after_s, "rendered_s": rendered_s, "rss": rss}


def same_path(first: str, second: str) -> bool:
    return urlparse(first).path.rstrip("/") == urlparse(second).path.rstrip("/")


def toured_memory(browser: Browser, problems: Problems, cache: Path) -> dict:
    """Server RSS right after start, after the first page, after every page."""
    run = "app memory tour"
    with (
        fresh_tab(browser, problems, run) as page,
        running_server(APP, cache) as server,
    ):
        pid = server.process.pid
        start_mb, _ = rss_mb(pid)
        page.goto(server.url, timeout=WAIT_MS)
        wait_rendered(page, every_chart=True)
        first_page_mb, _ = rss_mb(pid)
        note_exception_boxes(page, problems, f"{run}, {page.url}")
        links = page.locator('[data-testid="stSidebarNavLink"]')
        toured = 1
        for index in range(links.count()):
            link = links.nth(index)
            target = urljoin(page.url, link.get_attribute("href") or "")
            if same_path(target, page.url):
                continue  # the page already shown: a click would not rerun it
            title = page.locator('[data-testid="stMain"] h1').first.inner_text()
            link.click(timeout=WAIT_MS)
            page.wait_for_url(
                lambda url, target=target: same_path(url, target), timeout=WAIT_MS
            )
            wait_rendered(page, previous_title=title, every_chart=True)
            note_exception_boxes(page, problems, f"{run}, {page.url}")
            toured += 1
        after_mb, processes = rss_mb(pid)
        page.close()  # before the server stops, so its going away logs no errors
    return {
        "rss_start_mb": start_mb,
        "rss_first_page_mb": first_page_mb,
        "rss_after_tour_mb": after_mb,
        "pages_toured": toured,
        "server_processes": processes,
    }


def compile_as_make_run() -> None:
    """Write the package's bytecode, as `make run` does before it serves."""
    subprocess.run(["make", "--silent", "bytecode"], cwd=ROOT, check=True)


def measure(repeat: int, from_disk: bool = False) -> dict:
    """Cold starts of the app and the bare page (medians, s), and server RSS (MB).

    ``from_disk``: each start with the file cache emptied first (drop_file_cache).

    Also lists what went wrong: console_errors, page_errors, exception_boxes and
    outside_requests (each entry names its run).
    """
    compile_as_make_run()
    problems = Problems()
    first_runs, app_runs, bare_runs = [], [], []
    with tempfile.TemporaryDirectory() as staging, sync_playwright() as playwright:
        bare = Path(staging) / "bare.py"
        bare.write_text(BARE_SCRIPT, encoding="utf-8")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[*CHROMIUM_ARGS, LOOPBACK_ONLY],
        )
        try:
            # Alternate, so both see the same machine state (and disk cache).
            for index in range(repeat):
                cache = Path(staging) / f"cache-{index}"  # empty: nothing kept yet
                run = f"cold start {index + 1}"
                first_runs.append(
                    cold_start(
                        browser, APP, problems, f"app first {run}", cache, from_disk
                    )
                )
                app_runs.append(
                    cold_start(browser, APP, problems, f"app {run}", cache, from_disk)
                )
                bare_runs.append(
                    cold_start(browser, bare, problems, f"bare {run}", None, from_disk)
                )
            memory = toured_memory(browser, problems, cache)
        finally:
            browser.close()

    def median(runs: list[dict], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    app_cold_s, bare_cold_s = (
        median(app_runs, "rendered_s"),
        median(bare_runs, "rendered_s"),
    )
    first_s = median(first_runs, "rendered_s")
    return {
        "app_cold_s": app_cold_s,
        "bare_cold_s": bare_cold_s,
        "ratio": app_cold_s / bare_cold_s,
        "app_first_s": first_s,
        "first_ratio": first_s / bare_cold_s,
        "app_first_runs_s": [r["rendered_s"] for r in first_runs],
        "app_cold_runs_s": [r["rendered_s"] for r in app_runs],
        "bare_cold_runs_s": [r["rendered_s"] for r in bare_runs],
        "app_healthy_s": median(app_runs, "healthy_s"),
        "bare_healthy_s": median(bare_runs, "healthy_s"),
        "app_rss_first_page_mb": median(app_runs, "rss"),
        "bare_rss_first_page_mb": median(bare_runs, "rss"),
        **memory,
        **asdict(problems),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--from-disk",
        action="store_true",
        help="empty the file cache before each start, as after a reboot (root only)",
    )
    args = parser.parse_args()
    if args.from_disk and not os.access(DROP_CACHES, os.W_OK):
        parser.error(f"--from-disk needs root: it writes {DROP_CACHES}")
    r = measure(args.repeat, args.from_disk)
    if args.json:
        args.json.write_text(json.dumps(r, indent=2), encoding="utf-8")
    n = args.repeat
    rows = [
        (
            f"launch → first page rendered, package kept, median of {n} (s)",
            f"{r['app_cold_s']:.2f}",
            f"{r['bare_cold_s']:.2f}",
            f"{r['ratio']:.2f}",
        ),
        (
            "each run, in order (s)",
            " / ".join(f"{s:.2f}" for s in r["app_cold_runs_s"]),
            " / ".join(f"{s:.2f}" for s in r["bare_cold_runs_s"]),
            "",
        ),
        (
            f"launch → first page rendered, package checked afresh, median of {n} (s)",
            f"{r['app_first_s']:.2f}",
            f"{r['bare_cold_s']:.2f}",
            f"{r['first_ratio']:.2f}",
        ),
        (
            "each run, in order (s)",
            " / ".join(f"{s:.2f}" for s in r["app_first_runs_s"]),
            "",
            "",
        ),
        (
            f"launch → server healthy, median of {n} (s)",
            f"{r['app_healthy_s']:.2f}",
            f"{r['bare_healthy_s']:.2f}",
            f"{r['app_healthy_s'] / r['bare_healthy_s']:.2f}",
        ),
        (
            f"server RSS after the first page, median of {n} (MB)",
            f"{r['app_rss_first_page_mb']:.0f}",
            f"{r['bare_rss_first_page_mb']:.0f}",
            f"{r['app_rss_first_page_mb'] / r['bare_rss_first_page_mb']:.2f}",
        ),
        ("server RSS right after start (MB)", f"{r['rss_start_mb']:.0f}", "", ""),
        (
            f"server RSS after touring {r['pages_toured']} pages (MB)",
            f"{r['rss_after_tour_mb']:.0f}",
            "",
            "",
        ),
    ]
    print("| measure | app | bare page | app / bare |")
    print("|---|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(
        f"\nRSS sums {r['server_processes']} server process(es). The last two rows "
        "come from one more cold start of the app, touring the pages through the "
        f"sidebar (RSS after its first page: {r['rss_first_page_mb']:.0f} MB)."
    )
    labels = {
        "console_errors": "console errors",
        "page_errors": "page errors",
        "exception_boxes": "exception boxes",
        "outside_requests": "requests outside 127.0.0.1",
    }
    for key, label in labels.items():
        print(f"{label}: {len(r[key])}")
        for item in r[key]:
            print(f"  - {item}")
    # Console errors are reported only; the others mean a broken or leaky run.
    if r["page_errors"] or r["exception_boxes"] or r["outside_requests"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
