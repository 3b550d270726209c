"""Plot the feed's cost curve (log–log) from bench_scale.py's results.

    .venv/bin/python benchmarks/plot_scale.py benchmarks/scale_results.json \
        benchmarks/scale.png

Left: time against the number of articles; right: memory and disk. A straight
line of slope 1 is linear growth; a flat line costs the same at any feed size.
"""

import argparse
import json
from pathlib import Path

import altair as alt
import pandas as pd


def long_form(results: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Times (s) and sizes (MB) per N, one row per measure."""
    times, sizes = [], []
    for r in results:
        n, browser = r["n"], r["browser"]
        # "warm_ms" in results from before 2026-12-02: a repeat of the same view.
        rerun_key = "rerun_ms" if "rerun_ms" in r["pages"][0] else "warm_ms"
        rerun = max(p[rerun_key] for p in r["pages"]) / 1000
        first = max(p["first_ms"] for p in r["pages"]) / 1000
        times += [
            (n, "derive (whole command)", r["derive_s"]),
            (n, "validate (whole command)", r["validate_s"]),
            (n, "cold start to first page (package kept)", browser["app_cold_s"]),
            (n, "cold start to first page (checked afresh)", browser["app_first_s"]),
            (n, "bare one-chart page cold start", browser["bare_cold_s"]),
            (n, "slowest page, first run", first),
            (
                n,
                "slowest page, rerun after a new filter"
                if rerun_key == "rerun_ms"
                else "slowest page, warm repeat of the same view",
                rerun,
            ),
        ]
        if "navigate" in r:
            moves = r["navigate"]["pages"]
            times += [
                (
                    n,
                    "slowest page, move to it (later visit)",
                    max(p["later_visit"]["median_ms"] for p in moves) / 1000,
                ),
                (
                    n,
                    "bare one-chart page, move to it",
                    r["navigate"]["bare"]["median_ms"] / 1000,
                ),
            ]
        sizes += [
            (n, "server RSS after touring every page", browser["rss_after_tour_mb"]),
            (n, "data/ on disk", r["data_mb"]),
            (n, "seed texts", r["seed_mb"]),
        ]
    columns = ["articles", "measure", "value"]
    return pd.DataFrame(times, columns=columns), pd.DataFrame(sizes, columns=columns)


def panel(frame: pd.DataFrame, title: str, unit: str) -> alt.Chart:
    return (
        alt.Chart(frame, title=title)
        .mark_line(point=True)
        .encode(
            x=alt.X("articles:Q", scale=alt.Scale(type="log"), title="Articles (N)"),
            y=alt.Y("value:Q", scale=alt.Scale(type="log"), title=unit),
            color=alt.Color(
                "measure:N",
                title=None,
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=400),
            ),
            tooltip=["articles:Q", "measure:N", alt.Tooltip("value:Q", format=".3g")],
        )
        .properties(width=420, height=320)
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("results", type=Path)
    parser.add_argument("output", type=Path)
    args = parser.parse_args()
    results = json.loads(args.results.read_text(encoding="utf-8"))
    times, sizes = long_form(results)
    chart = alt.hconcat(
        panel(times, "Time against feed size", "seconds (log)"),
        panel(sizes, "Memory and disk against feed size", "MB (log)"),
    ).resolve_scale(color="independent")
    chart.save(str(args.output), scale_factor=2)


if __name__ == "__main__":
    main()
