"""Load test: concurrent browser sessions each changing filters, on loopback only.

    .venv/bin/python benchmarks/load_sessions.py [--sessions 20] [--changes 10]

Starts the app on a free 127.0.0.1 port, opens N sessions in headless Debian
chromium, and in each one changes the country focus and a domain `changes` times,
checking after every change that the page states that session's own filters.
Bounded: every wait times out (60 s), and the whole run stops after 15 minutes.
Prints server RSS before and after, errors, and the time per change.
"""

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jkdefense.analysis.filters import ViewFilters  # noqa: E402
from jkdefense.render.theme import DOMAINS  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_server  # noqa: E402

READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
FOCI = ["KR", "JP", "both"]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, from /proc."""
    total = 0
    for status in [Path(f"/proc/{pid}/status")]:
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


async def session(browser, url: str, index: int, changes: int) -> tuple[list, list]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    errors, timings = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    domains = list(DOMAINS)
    await page.goto(f"{url}/threats", timeout=60_000)
    await page.wait_for_selector(READY, timeout=60_000)
    sidebar = page.locator('[data-testid="stSidebar"]')
    for step in range(changes):
        focus = FOCI[(index + step) % 3]
        toggled = DOMAINS[(index + step) % len(DOMAINS)]
        start = time.perf_counter()
        await sidebar.get_by_text(focus, exact=True).click()
        await page.wait_for_selector(READY, timeout=60_000)
        await sidebar.get_by_text(toggled, exact=True).click()
        domains = [d for d in DOMAINS if (d in domains) != (d == toggled)]
        expected = ViewFilters(tuple(domains), focus, ("yoon-2019-diplomat",)).describe(
            ("yoon-2019-diplomat",)
        )
        await page.wait_for_function(
            "text => document.querySelector('[data-testid=\"stMain\"]').innerText"
            ".includes(text)",
            arg=expected,
            timeout=60_000,
        )
        timings.append(time.perf_counter() - start)
    await context.close()
    return errors, timings


async def run(sessions: int, changes: int) -> None:
    process, url = start_server()
    try:
        before = rss_mb(process.pid)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            started = time.perf_counter()
            results = await asyncio.wait_for(
                asyncio.gather(
                    *(session(browser, url, i, changes) for i in range(sessions)),
                    return_exceptions=True,
                ),
                timeout=900,
            )
            wall = time.perf_counter() - started
            await browser.close()
        after = rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)
    failures = [r for r in results if isinstance(r, BaseException)]
    errors = [e for r in results if not isinstance(r, BaseException) for e in r[0]]
    timings = [t for r in results if not isinstance(r, BaseException) for t in r[1]]
    print(
        f"sessions {sessions} × changes {changes}: {len(timings)} changes checked "
        f"in {wall:.0f} s"
    )
    print(f"failed sessions: {len(failures)} {[repr(f)[:200] for f in failures]}")
    print(f"page errors: {len(errors)}")
    if timings:
        print(
            f"per change (two clicks, page re-run, own filters shown): median "
            f"{statistics.median(timings):.2f} s, max {max(timings):.2f} s"
        )
    print(f"server RSS: before {before:.0f} MB, after {after:.0f} MB")
    if failures or errors:
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--changes", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(run(args.sessions, args.changes))


if __name__ == "__main__":
    main()
