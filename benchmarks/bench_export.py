"""Time chart exports and whole-app briefings, warm (kaleido's browser already up).

.venv/bin/python benchmarks/bench_export.py [--repeat 5]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jkdefense.analysis import filters, scoring  # noqa: E402
from jkdefense.data import load  # noqa: E402
from jkdefense.render import briefings, draw, export, slides  # noqa: E402
from jkdefense.report import context  # noqa: E402


def timed(action, repeat: int) -> tuple[float, float]:
    action()  # warm: first call starts kaleido's browser or loads fonts
    runs = []
    for _ in range(repeat):
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
    settings = {
        "actors": ["CN", "KP", "RU"],
        "companies": [],
        "pair": None,
        "weights": dict.fromkeys(scoring.PROGRAM_CRITERIA, 1.0),
        "program_set": "all",
    }
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
    print("| export | warm median (s) | warm max (s) |")
    print("|---|---:|---:|")
    for name, action in cases.items():
        median, worst = timed(action, args.repeat)
        print(f"| {name} | {median:.2f} | {worst:.2f} |")


if __name__ == "__main__":
    main()
