"""What the first data grid in a browser tab costs a bare page, in headless chromium.

    .venv/bin/python benchmarks/bench_first_grid.py [--repeat 5]

Two bare apps, each of two pages behind st.navigation, as bench_navigate's bare
app: in one, page B is bench_browser.BARE_SCRIPT (a title and one small Altair
chart); in the other, page B is the same plus a 15-row st.dataframe. Each round
lands on page A in a new browser context and moves B, A, B, A (bench_navigate's
bare round and its measure: from the click to the page settled, the grid's
canvas drawn). Reported: the median first move to B (the tab has not loaded
Streamlit's data-grid code yet) and the median second move to B.

The difference between the two first moves is what any page pays the first time
a tab shows a data grid, whatever else it draws (benchmarks/RESULTS.md).
"""

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    LOOPBACK_ONLY,
    Problems,
    running_server,
)
from benchmarks.bench_navigate import BARE_PAGES, bare_round, write_bare_app  # noqa: E402

# Fifteen rows of four columns, as the Threats table has.
GRID = """
rows = pd.DataFrame(
    {
        "threat": [f"threat {i}, with a name of some length" for i in range(15)],
        "actor": ["CN", "KP", "RU"] * 5,
        "severity": [i % 5 + 1 for i in range(15)],
        "why": ["a sentence of rationale that runs on past the column"] * 15,
    }
)
st.dataframe(rows, hide_index=True)
"""


def measure(repeat: int) -> dict[str, tuple[float, float]]:
    """Variant -> (median first move to B, median second move to B), in ms."""
    results = {}
    problems = Problems()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[*CHROMIUM_ARGS, LOOPBACK_ONLY],
        )
        for variant in ("one chart", "one chart and a data grid"):
            with tempfile.TemporaryDirectory() as staging:
                entry = write_bare_app(Path(staging))
                if variant != "one chart":
                    page_b = Path(staging) / BARE_PAGES["B"]
                    page_b.write_text(page_b.read_text() + GRID, encoding="utf-8")
                first, second = [], []
                with running_server(entry) as server:
                    for index in range(repeat):
                        moves = bare_round(browser, server.url, problems, variant)
                        first.append(moves[0][0])
                        second.append(moves[2][0])
                        print(f"{variant}, round {index + 1}", file=sys.stderr)
            results[variant] = (statistics.median(first), statistics.median(second))
        browser.close()
    if any(vars(problems).values()):
        sys.exit(f"the run had problems: {problems}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds per variant")
    results = measure(parser.parse_args().repeat)
    print("| bare page B | first move to B (ms) | second move to B (ms) |")
    print("|---|---:|---:|")
    for variant, (first, second) in results.items():
        print(f"| {variant} | {first:.0f} | {second:.0f} |")


if __name__ == "__main__":
    main()
