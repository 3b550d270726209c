"""Cost curve of the feed: derive, validate, page reruns and data size at several N.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1 100 1000] [--repeat 5]

For each N, builds a synthetic feed of N articles (plus the real one) in a
temporary project copy (benchmarks/synthetic_feed.py), then times the commands
and the pages there. Prints one Markdown table.
"""

import argparse
import os
import statistics
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


def measure(n: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as staging:
        target = Path(staging)
        data = build(n, target)
        env = {**os.environ, "JKDEFENSE_DATA_DIR": str(data)}
        python = sys.executable
        seed_bytes = sum(p.stat().st_size for p in (target / "seeds").iterdir())
        derive_s = timed([python, "-m", "jkdefense.derive"], env)
        validate_s = timed([python, "-m", "jkdefense.validate"], env)
        pages = subprocess.run(
            [python, "benchmarks/bench_pages.py", "--repeat", str(repeat)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        size = sum(p.stat().st_size for p in data.iterdir())
    warm = [float(line.split("|")[3]) for line in pages.splitlines()[2:] if line]
    first = [float(line.split("|")[2]) for line in pages.splitlines()[2:] if line]
    return {
        "n": n,
        "derive_s": derive_s,
        "mb_s": seed_bytes / 1e6 / derive_s,
        "validate_s": validate_s,
        "warm_max_ms": max(warm),
        "warm_median_ms": statistics.median(warm),
        "first_max_ms": max(first),
        "data_mb": size / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(
        "| N | derive (s) | derive (MB/s) | validate (s) | slowest page warm (ms) "
        "| median page warm (ms) | slowest first run (ms) | data/ (MB) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        r = measure(n, args.repeat)
        print(
            f"| {r['n']:,} | {r['derive_s']:.1f} | {r['mb_s']:.2f} | "
            f"{r['validate_s']:.1f} | {r['warm_max_ms']:.0f} | "
            f"{r['warm_median_ms']:.0f} | {r['first_max_ms']:.0f} | "
            f"{r['data_mb']:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
