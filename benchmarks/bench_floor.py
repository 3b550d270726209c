"""Each page's warm rerun beside its floor: the least Streamlit can do for that page.

    .venv/bin/python benchmarks/bench_floor.py [--repeat 15]

The floor of a page is a bare script that draws the page's title, its takeaway,
the same chart objects and the same tables, prebuilt once here from the data
package (default filters and settings) and handed over through st.cache_resource:
no loading, validation, filtering or widgets. Both run in-process with AppTest,
alternating run by run for each page, so they share the machine's state. The ratio
says how much the page costs beyond drawing what it shows. Honours
JKDEFENSE_DATA_DIR, as the app does.
"""

import argparse
import json
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from streamlit import config as streamlit_config
from streamlit import logger as streamlit_logger
from streamlit.testing.v1 import AppTest

# Bare-mode warnings (AppTest, caches outside a server) say nothing about the pages.
# The option survives later config parses, which reset every logger to it; the
# direct call applies it now, before the package's caches warn at import.
streamlit_config.set_option("logger.level", "error")
streamlit_logger.set_log_level("error")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_pages import PAGES  # noqa: E402
from jkdefense import (  # noqa: E402
    analysis,
    columns,
    context,
    diff,
    feed,
    filters,
    load,
    paths,
    tables,
    theme,
    ui,
    views,
)

# Rows of the curation queue the Sources page shows (pages/sources.py).
QUEUE_SHOWN = 500
FLOOR_SCRIPT = '''\
"""Floor of the {page} page: draw the prebuilt title, takeaway, charts and tables."""

import pickle

import plotly.graph_objects as go
import streamlit as st


@st.cache_resource
def prebuilt(path):
    with open(path, "rb") as file:
        return pickle.load(file)


floor = prebuilt({pickle_path!r})[{page!r}]
st.title(floor["title"])
st.markdown(floor["takeaway"])
for key, figure in floor["charts"]:
    if isinstance(figure, go.Figure):
        st.plotly_chart(figure, theme=None, key=key, width="stretch")
    else:
        st.altair_chart(figure, theme=None, key=key, width="stretch")
for table in floor["tables"]:
    st.dataframe(
        table["frame"],
        column_config=table["labels"],
        hide_index=table["hide_index"],
        width="stretch",
        key=table["key"],
    )
'''


def default_view(pkg: load.Package) -> filters.ViewFilters:
    """The filters of a first visit: every domain, both countries, every article."""
    all_sources = tuple(context.sources_table(pkg)["source_id"])
    return filters.ViewFilters(tuple(theme.DOMAINS), "both", all_sources)


def default_settings(pkg: load.Package) -> dict:
    """Page settings of a first visit (ui.page_settings with nothing set)."""
    return {
        "actors": context.threat_actors(pkg),
        "weights": dict.fromkeys(analysis.PROGRAM_CRITERIA, 1.0),
        "companies": [],
        "pair": None,
    }


def shown(frame: pd.DataFrame, labels: dict, key: str) -> dict:
    """A table as ui.table shows it: only the labelled columns, no index."""
    return {
        "frame": frame[list(labels)],
        "labels": labels,
        "hide_index": True,
        "key": key,
    }


def source_page_tables(
    pkg: load.Package, page: views.PageView, view: filters.ViewFilters
) -> list[dict]:
    """The tables the Sources page shows under every tab."""
    _, queue = feed.curation_queue(
        pkg.data_dir,
        context.sources_in_view(pkg, view.source_ids),
        tables.cited_sentence_ids(pkg.tables),
        feed.entity_names(pkg.tables),
        QUEUE_SHOWN,
    )
    on_page = [shown(page.related["feed"], columns.FEED, "sources_feed")]
    if "claims" in pkg.tables:
        on_page.append(shown(page.rows, columns.CLAIMS, "sources_claims"))
    on_page.append(shown(queue, columns.QUEUE, "sources_queue"))
    # "What changed" draws two tables only when the data differ from HEAD.
    try:
        project = paths.project_dir(pkg.data_dir)
        changes = diff.changes_since(diff.resolve("HEAD", project), pkg.data_dir)
    except diff.DiffError:
        changes = pd.DataFrame()
    if not changes.empty:
        on_page.append(
            {
                "frame": diff.summary(changes),
                "labels": None,
                "hide_index": False,
                "key": "sources_change_summary",
            }
        )
        on_page.append(shown(changes, columns.CHANGES, "sources_changes"))
    on_page.append(
        shown(
            tables.data_dictionary(pkg.descriptor),
            columns.DICTIONARY,
            "sources_dictionary",
        )
    )
    if pkg.problems:
        problems = pd.DataFrame([p.__dict__ for p in pkg.problems])
        on_page.append(
            {
                "frame": problems,
                "labels": None,
                "hide_index": True,
                "key": "sources_problems",
            }
        )
    return on_page


def page_tables(
    pkg: load.Package, name: str, page: views.PageView, view: filters.ViewFilters
) -> list[dict]:
    """Every table the page shows, built with the functions the page uses."""
    if page.empty:
        return []  # the page says there is nothing to show and stops
    if name == "overview":
        strongest = tables.pairings_for_display(
            page.related["scored_pairings"].head(8),
            pkg.tables["companies"],
            pkg.tables["programs"],
        )
        return [shown(strongest, columns.PAIRINGS, "overview_pairings")]
    if name == "pathway":
        precedents = views.precedents_in_view(pkg.tables, view)
        return [
            shown(page.rows, columns.PATHWAY, "pathway_table"),
            shown(precedents, columns.PRECEDENTS, "pathway_precedent_table"),
        ]
    if name == "sources":
        return source_page_tables(pkg, page, view)
    labels = {
        "threats": columns.THREATS,
        "programs": columns.PROGRAMS,
        "pairings": columns.PAIRINGS,
    }[name]
    return [shown(page.rows, labels, f"{name}_table")]


def prebuild_floors(pkg: load.Package) -> dict[str, dict]:
    """Title, takeaway, chart objects and tables of every readable page."""
    view = default_view(pkg)
    page_views = context.all_page_views(pkg, view, default_settings(pkg))
    # all_page_views keeps PAGE_TABLES' order and leaves out unreadable pages.
    readable = [
        n for n, needs in context.PAGE_TABLES.items() if not pkg.missing(*needs)
    ]
    floors = {}
    for name, page in zip(readable, page_views, strict=True):
        try:
            page_tables_shown = page_tables(pkg, name, page, view)
        except Exception as error:
            # Kept until the real page has run: if it raises too, the data or the
            # code is mid-edit and the page is skipped; if not, the floor is stale.
            floors[name] = {"unbuilt": f"{type(error).__name__}: {error}"}
            continue
        floors[name] = {
            "title": page.title,
            "takeaway": f"**{ui.escape_markdown(page.takeaway or page.empty)}**",
            "charts": [] if page.empty else [(c.key, c.figure) for c in page.charts],
            "tables": page_tables_shown,
        }
    return floors


class PageBroken(Exception):
    """The real page raised: there is nothing to compare its floor with."""


def drawn(at: AppTest) -> tuple[int, int]:
    """Charts and tables an AppTest run drew (tabs and expanders included)."""
    charts = len(at.get("plotly_chart")) + len(at.get("vega_lite_chart"))
    return charts, len(at.dataframe)


def checked_run(at: AppTest, what: str) -> float:
    """Run once more; return the seconds it took, stopping on an exception."""
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{what}: {at.exception}")
    return elapsed


def measure_page(page: str, prebuilt: dict, floor_script: Path, repeat: int) -> dict:
    real = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    real.run()
    if page != "overview":
        real.switch_page(f"pages/{page}.py").run()
    if real.exception:
        raise PageBroken(f"{page}: the page raised {real.exception[0].message}")
    if "unbuilt" in prebuilt:
        raise RuntimeError(
            f"{page}: the page runs but its floor cannot be built "
            f"({prebuilt['unbuilt']}); bring page_tables() in line with the page"
        )
    floor = AppTest.from_file(str(floor_script), default_timeout=60)
    checked_run(floor, f"{page} floor")
    if drawn(floor) != drawn(real):
        raise RuntimeError(
            f"{page}: the floor draws {drawn(floor)} (charts, tables) but the page "
            f"draws {drawn(real)}; bring page_tables() in line with the page"
        )
    page_runs, floor_runs = [], []
    for _ in range(repeat):
        page_runs.append(checked_run(real, page))
        floor_runs.append(checked_run(floor, f"{page} floor"))
    page_ms = statistics.median(page_runs) * 1000
    floor_ms = statistics.median(floor_runs) * 1000
    charts, tables_drawn = drawn(real)
    return {
        "page": page,
        "page_ms": page_ms,
        "floor_ms": floor_ms,
        "ratio": page_ms / floor_ms,
        "charts": charts,
        "tables": tables_drawn,
    }


def measure_all(repeat: int) -> list[dict]:
    """Page and floor warm medians (ms) and their ratio, for every page that runs.

    A page that cannot run (a table it needs is unreadable, or it raises) is left
    out, with the reason on stderr.
    """
    pkg = load.load_package(paths.data_dir())
    floors = prebuild_floors(pkg)
    results = []
    with tempfile.TemporaryDirectory() as staging:
        pickle_path = Path(staging) / "floors.pickle"
        pickle_path.write_bytes(pickle.dumps(floors))
        for page in PAGES:
            if page not in floors:
                print(
                    f"{page}: a table it needs cannot be read; skipped", file=sys.stderr
                )
                continue
            script = Path(staging) / f"floor_{page}.py"
            script.write_text(
                FLOOR_SCRIPT.format(page=page, pickle_path=str(pickle_path)),
                encoding="utf-8",
            )
            try:
                results.append(measure_page(page, floors[page], script, repeat))
            except PageBroken as broken:
                print(f"{broken}; skipped", file=sys.stderr)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    results = measure_all(args.repeat)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print("| page | page warm median (ms) | floor warm median (ms) | ratio |")
    print("|---|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['page']} | {r['page_ms']:.0f} | {r['floor_ms']:.0f} "
            f"| {r['ratio']:.2f} |"
        )
    drawn_by_both = ", ".join(
        f"{r['page']} {r['charts']}+{r['tables']}" for r in results
    )
    print(f"\nCharts + tables drawn by each page and by its floor: {drawn_by_both}.")
    if len(results) < len(PAGES):
        sys.exit(1)  # some page could not be measured (reasons on stderr)


if __name__ == "__main__":
    main()
