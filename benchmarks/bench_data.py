"""Time derive and validate on the current feed (median of repeated runs).

.venv/bin/python benchmarks/bench_data.py [--repeat 7]
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    python = sys.executable
    # Whole commands, start-up and imports included: what an analyst waits for.
    derive = [
        timed([python, "-m", "jkdefense", "derive", "--check"])
        for _ in range(args.repeat)
    ]
    validate = [
        timed([python, "-m", "jkdefense", "validate"]) for _ in range(args.repeat)
    ]
    both = [d + v for d, v in zip(derive, validate, strict=True)]
    print(f"derive --check  median {statistics.median(derive):.2f} s")
    print(f"validate        median {statistics.median(validate):.2f} s")
    print(
        f"derive+validate median {statistics.median(both):.2f} s "
        f"(max {max(both):.2f} s)"
    )


if __name__ == "__main__":
    main()
