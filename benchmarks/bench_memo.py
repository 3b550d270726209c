"""What a rerun's lookups of kept values cost: memo.kept against st.cache_resource.

    .venv/bin/python benchmarks/bench_memo.py [--ids 10000]

For every page of the registry, a rerun of the page with nothing changed (its view
kept), in-process with AppTest: how many lookups it makes in memo.kept (the
values kept per data version and key) and memo.kept_with (per object: the
script run's fingerprint and package, a kept view's figures and columns).

Then the cost of one lookup that finds its value, inside a script run, for keys
as the app makes them: a small one (a row's evidence cells), a page view's key at
the current feed (all articles in view: no ids in it), and a page view's key with
--ids article ids (a period or source filter on a feed of that many articles):
through memo.kept (a dictionary) and through st.cache_resource (which hashes its
arguments at every call). Also the data's fingerprint (state.data_signature's
work, which once_per_run spares the 10 to 31 steps of a run that ask for it).

Last, the package on disk (jkdefense.data.cache): a start that finds it kept
reads it; one that does not loads and checks every table (medians of --starts).
"""

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from streamlit.testing.v1 import AppTest

os.environ.setdefault("JKDEFENSE_CACHE_DIR", "off")
logging.getLogger("streamlit").setLevel(logging.ERROR)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jkdefense.data import cache, load, paths  # noqa: E402
from jkdefense.report import registry  # noqa: E402
from jkdefense.ui import memo  # noqa: E402
from tests.apptest import run_page  # noqa: E402

LOOKUPS: Counter = Counter()


class _Counted(dict):
    """memo's stores, counting the lookups: kept() and kept_with() make one each."""

    def setdefault(self, key, default=None):  # noqa: ANN001, ANN201, D102
        LOOKUPS["kept"] += 1
        return super().setdefault(key, default)

    def get(self, key, default=None):  # noqa: ANN001, ANN201, D102
        LOOKUPS["kept_with"] += 1
        return super().get(key, default)


def lookups_per_rerun(page: str) -> tuple[int, int]:
    """Lookups of one rerun of ``page`` with nothing changed: kept, kept_with."""
    at = run_page(page)
    at.run()
    LOOKUPS.clear()
    at.run()
    if at.exception:
        sys.exit(f"{page}: {at.exception[0].message}")
    return LOOKUPS["kept"], LOOKUPS["kept_with"]


def lookup_costs(ids: int, repeat: int) -> dict[str, float]:
    """µs per lookup that finds its value, timed inside a script run."""

    def script(ids: int, repeat: int) -> None:
        import time

        import streamlit as st

        from jkdefense.data import cache, paths
        from jkdefense.ui import memo

        @st.cache_resource(max_entries=512, show_spinner=False)
        def resource(kind: str, key: tuple, _build):  # noqa: ANN001, ANN202
            return _build()

        domains = frozenset({"air", "sea", "undersea", "land"})
        keys = {
            "small (a row's evidence)": ("p-1:s001;p-1:s002", "a quote " * 12, "x"),
            "page view, all articles": ("threats", "/data", "f" * 32, domains, None),
            f"page view, {ids:,} ids": (
                "threats",
                "/data",
                "f" * 32,
                domains,
                tuple(f"p-2026-an-article-{i:05d}" for i in range(ids)),
            ),
        }
        for name, key in keys.items():
            for label, lookup in (
                ("memo.kept", lambda key=key: memo.kept("bench", key, lambda: 1)),
                ("st.cache_resource", lambda key=key: resource("b", key, lambda: 1)),
            ):
                lookup()
                start = time.perf_counter()
                for _ in range(repeat):
                    lookup()
                took = (time.perf_counter() - start) / repeat * 1e6
                st.write(f"{label}|{name}|{took}")
        data = paths.data_dir()
        seeds = paths.project_dir(data) / "seeds"
        start = time.perf_counter()
        for _ in range(repeat):
            cache.fingerprint(folders=[data, data / "geo"], entries=[seeds])
        took = (time.perf_counter() - start) / repeat * 1e6
        st.write(f"cache.fingerprint|the data folder|{took}")

    at = AppTest.from_function(script, args=(ids, repeat), default_timeout=600)
    at.run()
    if at.exception:
        sys.exit(at.exception[0].message)
    costs = {}
    for line in at.markdown:
        label, name, took = line.value.split("|")
        costs[(label, name)] = float(took)
    return costs


def package_starts(starts: int) -> tuple[float, float]:
    """ms to open the package: read where kept, loaded and checked where not."""
    data = paths.data_dir()
    read, checked = [], []
    with tempfile.TemporaryDirectory() as folder:
        os.environ["JKDEFENSE_CACHE_DIR"] = folder
        cache.load_package(data)  # kept from now on
        for _ in range(starts):
            start = time.perf_counter()
            cache.load_package(data)
            read.append(time.perf_counter() - start)
            start = time.perf_counter()
            load.load_package(data, whole_feed=False)
            checked.append(time.perf_counter() - start)
    return statistics.median(read) * 1000, statistics.median(checked) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=200, help="lookups timed")
    parser.add_argument("--starts", type=int, default=5, help="package opens timed")
    args = parser.parse_args()
    memo._KEPT = _Counted(memo._KEPT)
    memo._KEPT_WITH = _Counted(memo._KEPT_WITH)
    print("| page | kept() lookups per rerun | kept_with() lookups per rerun |")
    print("|---|---:|---:|")
    counts = []
    for page in registry.PAGES:
        kept, kept_with = lookups_per_rerun(page.name)
        counts.append(kept)
        print(f"| {page.name} | {kept} | {kept_with} |", flush=True)
    costs = lookup_costs(args.ids, args.repeat)
    print("\n| lookup | key | µs per lookup | × kept() lookups per rerun (ms) |")
    print("|---|---|---:|---:|")
    low, high = min(counts), max(counts)
    for (label, name), took in costs.items():
        spent = f"{took * low / 1000:.2f}–{took * high / 1000:.2f}"
        if label == "cache.fingerprint":
            spent = "(once per run)"
        print(f"| {label} | {name} | {took:,.1f} | {spent} |")
    print(
        f"\nThe last column: the lookup's cost times {low}–{high} lookups (the "
        f"fewest and most kept() lookups of a page's rerun; median "
        f"{statistics.median(counts):.0f})."
    )
    read, checked = package_starts(args.starts)
    print(
        f"\nOpening the package, medians of {args.starts}: {read:.0f} ms where it is "
        f"kept on disk, {checked:.0f} ms to load and check it."
    )


if __name__ == "__main__":
    main()
