"""From ingest to accepted rows on the Curate page, clicks included, in a browser.

    .venv/bin/python benchmarks/bench_curate.py [--accept 3]

The Oct 2024 NSA readout is taken out of a copy (bench_propose.without_document),
ingested again, and the app started on the copy. In headless chromium the Curate
page opens on that article alone (the link's ``source=``); then, best first, each
proposal complete as proposed is picked (a click on its row) and accepted (a
click on Accept), until ``--accept`` rows have landed. Printed: the ingest, the
page's first drawing, each pick and each accept until the page says it was
added, the total and the clicks. Reading a proposal is the analyst's time, not
the tool's, and is not counted.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from benchmarks.bench_propose import (  # noqa: E402
    DOCUMENT,
    copy_project,
    ingest,
    without_document,
)
from jkdefense.pipeline import propose  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_server  # noqa: E402

SETTLED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# The list's grid draws on a canvas: a row is picked by its selection box.
ROW_HEIGHT_PX, HEADER_PX, CHECKBOX_X_PX = 35, 35, 20


def settle(page) -> None:
    page.wait_for_timeout(100)
    page.wait_for_selector(SETTLED, timeout=120_000)


def pick(page, position: int, subject: str) -> None:
    """Click the proposal's row; done when its heading shows."""
    grid = page.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    y = box["y"] + HEADER_PX + ROW_HEIGHT_PX * position + ROW_HEIGHT_PX / 2
    page.mouse.click(box["x"] + CHECKBOX_X_PX, y)
    page.locator("h2", has_text=subject[:30]).first.wait_for(timeout=120_000)
    settle(page)


def accept(page, subject: str) -> None:
    """Click Accept; done when the page says the row was added."""
    page.get_by_role("button", name="Accept", exact=True).click()
    added = page.locator('[data-testid="stAlertContentSuccess"]', has_text=subject[:30])
    added.first.wait_for(timeout=60_000)
    settle(page)


def run(accepted: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = copy_project(Path(folder))
        without_document(data, DOCUMENT)
        ingest_s = ingest(data)
        process, url = start_server(data)
        clicks, steps = 0, []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
                )
                page = browser.new_page(viewport={"width": 1280, "height": 720})
                start = time.perf_counter()
                page.goto(f"{url}/curate?source={DOCUMENT}")
                settle(page)
                page.locator('[data-testid="stDataFrame"]').first.wait_for()
                steps.append(("open Curate", time.perf_counter() - start))
                for _ in range(accepted):
                    open_ = propose.proposals(data, (DOCUMENT,))
                    position = int(open_.index[open_["open_fields"] == ""][0])
                    subject = open_.loc[position, "subject"]
                    began = time.perf_counter()
                    pick(page, position, subject)
                    picked = time.perf_counter()
                    accept(page, subject)
                    done = time.perf_counter()
                    clicks += 2
                    steps.append((f"pick {subject[:40]}", picked - began))
                    steps.append(("accept, until 'Added'", done - picked))
                total = time.perf_counter() - start
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=10)
    print(f"ingest (command line): {ingest_s:.2f} s")
    for label, seconds in steps:
        print(f"{label}: {seconds:.2f} s")
    print(
        f"ingest to {accepted} accepted rows: {ingest_s + total:.1f} s of the tool's "
        f"time, {clicks} clicks on the page (and one command)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accept", type=int, default=3)
    run(parser.parse_args().accept)


if __name__ == "__main__":
    main()
