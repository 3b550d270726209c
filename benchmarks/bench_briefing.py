"""Time the whole-app briefing as an analyst waits for it: command and app buttons.

    .venv/bin/python benchmarks/bench_briefing.py [--repeat 3] [--what cli app]

cli: the command ``jkdefense export --page all --format pptx|pdf`` run as a new
process each time, timed from its start (the interpreter's included) to its
exit, the file written; pptx and pdf alternate.

app: ``streamlit run serve.py`` started afresh for each round (headless, a free
127.0.0.1 port) and Debian's chromium driven by Playwright; a click on "Whole
app · PPTX" or "Whole app · PDF" is timed from the click to the file fully
downloaded. In each round, on a new server:
  - first click after the server starts: one session opens the landing page and
    clicks one format (kaleido's browser and the drawing helper start);
  - later click, other format, same view: the same session clicks the other
    format (its pictures are kept, only the slides are laid out again);
  - first click on a view not drawn before, server warm: a second session opens
    the landing page with one domain chosen (a view no one drew) and clicks.
Rounds alternate which format is clicked first. Each row gives the 1-minute load
average when it was measured: on this 2-core machine a busy neighbour doubles
what any of these takes.

Every wait is bounded; a failed click prints the server's log and stops the run.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jkdefense.data.vocabulary import DOMAINS  # noqa: E402
from tests.browser.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    server_log,
    start_server,
    wait_until_drawn,
)

FORMATS = ("pptx", "pdf")
COMMAND = [str(ROOT / ".venv" / "bin" / "jkdefense"), "export", "--page", "all"]
BUTTON = {"pptx": "Whole app · PPTX", "pdf": "Whole app · PDF"}
CLICK_TIMEOUT_MS = 120_000
Runs = dict[str, list[tuple[float, float]]]  # label -> (seconds, load average)


def load_average() -> float:
    return os.getloadavg()[0]


def command_runs(repeat: int, runs: Runs) -> None:
    """The command, a new process each time, pptx and pdf alternating."""
    for _ in range(repeat):
        for kind in FORMATS:
            with tempfile.TemporaryDirectory() as out:
                load = load_average()
                start = time.perf_counter()
                subprocess.run(
                    [*COMMAND, "--format", kind, "--out", out],
                    cwd=ROOT,
                    check=True,
                    stdout=subprocess.DEVNULL,
                    timeout=180,
                )
                seconds = time.perf_counter() - start
                assert list(Path(out).glob(f"*.{kind}")), "no file written"
            label = f"`jkdefense export --page all --format {kind}`, new process"
            runs.setdefault(label, []).append((seconds, load))


def click(tab: Page, kind: str) -> tuple[float, float]:
    """Seconds from a click on the whole-app button to the file downloaded."""
    button = tab.locator('[data-testid="stDownloadButton"]').filter(
        has_text=BUTTON[kind]
    )
    load = load_average()
    start = time.perf_counter()
    with tab.expect_download(timeout=CLICK_TIMEOUT_MS) as info:
        button.click()
    path = info.value.path()
    seconds = time.perf_counter() - start
    assert Path(path).stat().st_size > 0, "an empty download"
    return seconds, load


def app_round(browser, first: str, domain: str, runs: Runs) -> None:
    """One new server: its first click, a later click, a warm server's new view."""
    other = next(kind for kind in FORMATS if kind != first)
    process, url = start_server()
    try:
        context = browser.new_context(accept_downloads=True)
        tab = context.new_page()
        tab.goto(f"{url}/")
        wait_until_drawn(tab, 1, 60_000)
        runs.setdefault(f"app {first}: first click after the server starts", [])
        runs[f"app {first}: first click after the server starts"].append(
            click(tab, first)
        )
        label = f"app {other}: later click, other format of the same view"
        runs.setdefault(label, []).append(click(tab, other))
        context.close()
        context = browser.new_context(accept_downloads=True)
        tab = context.new_page()
        tab.goto(f"{url}/?domain={domain}")
        wait_until_drawn(tab, 1, 60_000)
        label = f"app {first}: first click in a new session, view not drawn before"
        runs.setdefault(label, []).append(click(tab, first))
        context.close()
    except Exception:
        process.kill()
        process.wait(timeout=10)
        print(server_log(process)[-3000:], file=sys.stderr)
        raise
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def app_runs(repeat: int, runs: Runs) -> None:
    """``repeat`` rounds for each format clicked first, alternating."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            for n in range(2 * repeat):
                app_round(browser, FORMATS[n % 2], DOMAINS[n % len(DOMAINS)], runs)
        finally:
            browser.close()


def table(runs: Runs) -> str:
    lines = [
        "| what is timed | runs | median (s) | range (s) | load average |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, measured in runs.items():
        seconds = [s for s, _ in measured]
        loads = [load for _, load in measured]
        lines.append(
            f"| {label} | {len(seconds)} | {statistics.median(seconds):.2f} | "
            f"{min(seconds):.2f}–{max(seconds):.2f} | "
            f"{min(loads):.1f}–{max(loads):.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--what", nargs="+", choices=["cli", "app"], default=["cli", "app"]
    )
    args = parser.parse_args()
    runs: Runs = {}
    if "cli" in args.what:
        command_runs(args.repeat, runs)
    if "app" in args.what:
        app_runs(args.repeat, runs)
    print(table(runs))


if __name__ == "__main__":
    main()
