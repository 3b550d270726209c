"""Cost curve of the feed: every measure of the app at several feed sizes.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1 100 1000 10000]
        [--repeat 7] [--floor-repeat 15] [--browser-repeat 9]
        [--navigate-repeat 5] [--json benchmarks/scale_results.json]

For each N, builds a synthetic feed of N articles (plus the real one) in a
temporary project copy (benchmarks/synthetic_feed.py), then measures there, one
step at a time so no two steps share the cores:

- derive and validate, as whole commands (interpreter start-up included);
- every page's first run, its reruns after a filter change to a view not seen
  before (the figure that counts), and a warm repeat of the same view
  (bench_pages.py, AppTest);
- every page's warm repeat beside its floor (bench_floor.py);
- cold start to the first rendered page in headless chromium, beside a bare
  one-chart page, and server RSS after touring every page (bench_browser.py);
- moving to every page in headless chromium, beside moving between two bare
  one-chart pages (bench_navigate.py);
- the size of data/.

Prints Markdown tables; --json keeps every figure for plot_scale.py.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic_feed import build  # noqa: E402


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def from_json(command: list[str], env: dict, staging: Path) -> object:
    """Run a benchmark script with --json and return what it wrote."""
    out = staging / "result.json"
    run = subprocess.run(
        [*command, "--json", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{run.stdout}\n{run.stderr}")
    return json.loads(out.read_text(encoding="utf-8"))


def measure(
    n: int, repeat: int, floor_repeat: int, browser_repeat: int, navigate_repeat: int
) -> dict:
    with tempfile.TemporaryDirectory() as staging:
        target = Path(staging) / "project"
        start = time.perf_counter()
        data = build(n, target)
        built_s = time.perf_counter() - start
        env = {**os.environ, "JKDEFENSE_DATA_DIR": str(data)}
        python = sys.executable
        seed_bytes = sum(p.stat().st_size for p in (target / "seeds").iterdir())
        derive_s = timed(
            [python, "-m", "jkdefense", "derive", "--data", str(data)], env
        )
        validate_s = timed([python, "-m", "jkdefense", "validate"], env)
        size = sum(p.stat().st_size for p in data.iterdir() if p.is_file())
        bench = ROOT / "benchmarks"
        pages = from_json(
            [python, str(bench / "bench_pages.py"), "--repeat", str(repeat)],
            env,
            Path(staging),
        )
        floors = from_json(
            [python, str(bench / "bench_floor.py"), "--repeat", str(floor_repeat)],
            env,
            Path(staging),
        )
        browser = from_json(
            [python, str(bench / "bench_browser.py"), "--repeat", str(browser_repeat)],
            env,
            Path(staging),
        )
        navigate = from_json(
            [
                python,
                str(bench / "bench_navigate.py"),
                "--repeat",
                str(navigate_repeat),
            ],
            env,
            Path(staging),
        )
    return {
        "n": n,
        "seed_mb": seed_bytes / 1e6,
        "build_s": built_s,
        "derive_s": derive_s,
        "derive_mb_s": seed_bytes / 1e6 / derive_s,
        "validate_s": validate_s,
        "data_mb": size / 1e6,
        "pages": pages,
        "floors": floors,
        "browser": browser,
        "navigate": navigate,
    }


def print_tables(results: list[dict]) -> None:
    print(
        "| N | seeds (MB) | derive (s) | derive (MB/s) | validate (s) | data/ (MB) "
        "| cold start, package kept: app / bare (s) "
        "| cold start, package checked afresh (s) | RSS after tour (MB) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        b = r["browser"]
        print(
            f"| {r['n']:,} | {r['seed_mb']:.1f} | {r['derive_s']:.1f} "
            f"| {r['derive_mb_s']:.2f} | {r['validate_s']:.1f} | {r['data_mb']:.1f} "
            f"| {b['app_cold_s']:.2f} / {b['bare_cold_s']:.2f} ({b['ratio']:.2f}×) "
            f"| {b['app_first_s']:.2f} ({b['first_ratio']:.2f}×) "
            f"| {b['rss_after_tour_mb']:.0f} |"
        )
    problems = ("console_errors", "page_errors", "exception_boxes", "outside_requests")
    for r in results:
        found = {
            f"{bench} {k}": len(r[bench][k])
            for bench in ("browser", "navigate")
            for k in problems
            if r[bench][k]
        }
        print(f"\nN={r['n']:,}: browser problems {found or 'none'}")
    print()
    pages = [p["page"] for p in results[0]["pages"]]
    header = " | ".join(
        f"{p}: first / rerun after a new filter, median, worst / warm repeat / "
        "floor (ms)"
        for p in pages
    )
    print(f"| N | {header} |")
    print("|---:|" + "---:|" * len(pages))
    for r in results:
        floors = {f["page"]: f for f in r["floors"]}
        cells = []
        for p in r["pages"]:
            f = floors.get(p["page"])
            floor = (
                f"{f['floor_ms']:.0f} (warm repeat / floor {f['ratio']:.2f}×; charts "
                f"and tables only {f['charts_tables_ratio']:.2f}×)"
                if f
                else "n/a"
            )
            warm = p["warm_repeat_ms"]
            cells.append(
                f"{p['first_ms']:.0f} / {p['rerun_ms']:.0f}, {p['rerun_max_ms']:.0f} / "
                f"{'n/a' if warm is None else f'{warm:.0f}'} / {floor}"
            )
        print(f"| {r['n']:,} | " + " | ".join(cells) + " |")
    print()
    print(
        "| N | "
        + " | ".join(f"{p}: move, first / later visit (ms, × bare)" for p in pages)
        + " | bare page: move (ms) |"
    )
    print("|---:|" + "---:|" * (len(pages) + 1))
    for r in results:
        nav = r["navigate"]
        cells = [
            f"{p['first_visit']['median_ms']:.0f} ({p['first_ratio']:.2f}×) / "
            f"{p['later_visit']['median_ms']:.0f} ({p['later_ratio']:.2f}×)"
            for p in nav["pages"]
        ]
        cells.append(f"{nav['bare']['median_ms']:.0f}")
        print(f"| {r['n']:,} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000])
    parser.add_argument("--repeat", type=int, default=7)
    # Page and floor runs of a few tens of ms each: more of them steady the ratio.
    parser.add_argument("--floor-repeat", type=int, default=15)
    # Cold starts of about 4 s each vary by up to a second on a 2-core machine.
    parser.add_argument("--browser-repeat", type=int, default=9)
    # Rounds of moves through every page (about 25 s each); by default as many as
    # cold-start rounds, at most 5.
    parser.add_argument("--navigate-repeat", type=int)
    parser.add_argument("--json", type=Path, help="write every figure here")
    args = parser.parse_args()
    navigate_repeat = args.navigate_repeat or min(args.browser_repeat, 5)
    results = []
    for n in args.sizes:
        results.append(
            measure(
                n, args.repeat, args.floor_repeat, args.browser_repeat, navigate_repeat
            )
        )
        print(f"N={n:,} measured", file=sys.stderr, flush=True)
        if args.json:
            args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print_tables(results)


if __name__ == "__main__":
    main()
