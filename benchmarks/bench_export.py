"""Time chart exports and whole-app briefings in a warm process, each drawn anew.

.venv/bin/python benchmarks/bench_export.py [--repeat 5]

Warm: the process has imported everything, kaleido's browser and the drawing
helper are up and fonts are loaded (one untimed call first); each timed call
draws its charts anew (the PNGs export keeps are dropped before it). What an
analyst waits for, a new process or a click in the app, is
benchmarks/bench_briefing.py's.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jkdefense.analysis import filters  # noqa: E402
from jkdefense.data import load  # noqa: E402
from jkdefense.render import briefings, draw, export, slides  # noqa: E402
from jkdefense.report import context, links  # noqa: E402


def timed(action, repeat: int) -> tuple[float, float]:
    action()  # warm: first call starts kaleido's browser or loads fonts
    runs = []
    for _ in range(repeat):
        export._kept_pngs.clear()  # drawn anew, not the PNG kept from the last
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), max(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    pkg = load.load_package()
    view = filters.ViewFilters(source_ids=tuple(pkg.tables["sources"]["source_id"]))
    labels = {
        "subtitle": view.describe(view.source_ids),
        "source": "Source: benchmark.",
    }
    _, settings = links.view_from_params(pkg, {})  # every setting at its default
    pages = context.all_page_views(pkg, view, settings)
    charts = {c.key: c for page in pages for c in page.charts}
    notes = {
        p.title: slides.page_notes(p.rows, pkg.tables["sentences"], "Source.")
        for p in pages
    }
    briefing = briefings.Briefing(pages, labels["subtitle"], ["benchmark"], notes)
    cases = {
        "Altair chart → PNG 2x (threats_matrix)": lambda: export.chart_png(
            draw.figure(charts["threats_matrix"])
        ),
        "Altair chart → SVG (threats_matrix)": lambda: export.chart_svg(
            draw.figure(charts["threats_matrix"])
        ),
        "Plotly chart → PNG 2x (threats_scrambles)": lambda: export.chart_png(
            draw.figure(charts["threats_scrambles"])
        ),
        "Plotly chart → SVG (threats_scrambles)": lambda: export.chart_svg(
            draw.figure(charts["threats_scrambles"])
        ),
        f"Whole-app briefing → PPTX ({len(briefing.charts)} charts)": lambda: (
            briefings.briefing_pptx(briefing)
        ),
        f"Whole-app briefing → PDF ({len(briefing.charts)} charts)": lambda: (
            briefings.briefing_pdf(briefing)
        ),
    }
    print("| export (warm process, drawn anew) | median (s) | max (s) |")
    print("|---|---:|---:|")
    for name, action in cases.items():
        median, worst = timed(action, args.repeat)
        print(f"| {name} | {median:.2f} | {worst:.2f} |")


if __name__ == "__main__":
    main()
