"""jkdefense's validator beside frictionless-py, on the same data folder.

    .venv/bin/python benchmarks/bench_validator.py [--data DIR] [--repeat 5]
        [--frictionless-repeat 3] [--variants] [--no-whole-frictionless]

A larger folder: `benchmarks/synthetic_feed.py N DIR`, then
`jkdefense derive --data DIR/data`. Each measure runs in a process of its own,
the measures alternate within every round (so each sees the same neighbours), and
both wall and CPU seconds are printed (CPU moves less when the machine is busy):

- validate: `jkdefense validate --data DIR`, the whole command, start-up included,
  with the app's checked package already kept (a first, uncounted run keeps it);
- checks: jkdefense's checks in process (load_package over the whole feed), and of
  them the Table Schema part: every cell's type and constraints, the keys and the
  foreign keys (schema_checks.check_field, check_keys, checks.check_foreign_keys);
- app checks: the checks as the app runs them when it loads (the curated tables
  and the sentences they cite, load_package(whole_feed=False));
- frictionless: frictionless-py's Package.validate of DIR/datapackage.json (the
  whole package: every row of every table, keys and foreign keys), its import
  timed apart; and of the curated CSV tables alone (the derived tables left out);
- with --variants, frictionless again with the row checks skipped (a checklist
  that skips every #row error), with limit_errors=1 and with parallel=True.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure_here(kind: str, data: Path) -> dict:
    """One measure in this process: wall and CPU seconds (and what it found)."""
    start, cpu = time.perf_counter(), time.process_time()
    if kind == "import":
        import frictionless  # noqa: F401

        found = 0
    elif kind in ("checks", "schema part", "app checks"):
        sys.path.insert(0, str(ROOT))
        from jkdefense.data import load

        spent = [0.0, 0.0]
        if kind == "schema part":
            _time_schema_checks(spent)
        start, cpu = time.perf_counter(), time.process_time()
        package = load.load_package(data, whole_feed=kind != "app checks")
        found = len(package.problems)
        if kind == "schema part":
            return {"wall": spent[0], "cpu": spent[1], "found": found}
    else:
        start, cpu, found = _frictionless_errors(kind, data)
    return {
        "wall": time.perf_counter() - start,
        "cpu": time.process_time() - cpu,
        "found": found,
    }


def _time_schema_checks(spent: list[float]) -> None:
    """Add the time of every Table Schema check to spent: [wall, CPU] seconds."""
    sys.path.insert(0, str(ROOT))
    from jkdefense.data import checks, schema_checks

    def timed(module, name: str) -> None:
        function = getattr(module, name)

        def run(*args, **kwargs):
            start, cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - start
                spent[1] += time.process_time() - cpu

        setattr(module, name, run)

    timed(schema_checks, "check_field")
    timed(schema_checks, "check_keys")
    timed(checks, "check_foreign_keys")


def _frictionless_errors(kind: str, data: Path) -> tuple[float, float, int]:
    """Validate with frictionless as ``kind`` says: the clocks at the start (after
    the import) and how many errors it found."""
    import frictionless

    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    if kind == "frictionless curated":
        descriptor["resources"] = [
            r for r in descriptor["resources"] if r.get("format") != "parquet"
        ]
    options = {
        "frictionless rows skipped": {
            "checklist": frictionless.Checklist(skip_errors=["#row"])
        },
        "frictionless limit_errors=1": {"limit_errors": 1},
        "frictionless parallel": {"parallel": True},
    }.get(kind, {})
    start, cpu = time.perf_counter(), time.process_time()
    package = frictionless.Package(descriptor, basepath=str(data))
    report = package.validate(**options)
    return start, cpu, len(report.flatten(["type"]))


def measure(kind: str, data: Path, env: dict) -> dict:
    """One measure in a process of its own (whole command: wall and CPU)."""
    if kind == "validate":
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "jkdefense", "validate", "--data", str(data)],
            cwd=ROOT,
            env=env,
            capture_output=True,
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return {"wall": wall, "cpu": cpu, "found": run.returncode}
    run = subprocess.run(
        [sys.executable, __file__, "--one", kind, "--data", str(data)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--frictionless-repeat", type=int, default=3)
    parser.add_argument("--variants", action="store_true")
    parser.add_argument("--no-whole-frictionless", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    data = args.data.resolve()
    if args.one:
        print(json.dumps(measure_here(args.one, data)))
        return
    ours = [
        "validate",
        "checks",
        "app checks",
        "schema part",
        "import",
        "frictionless curated",
    ]
    theirs = [] if args.no_whole_frictionless else ["frictionless"]
    if args.variants:
        theirs += [
            "frictionless rows skipped",
            "frictionless limit_errors=1",
            "frictionless parallel",
        ]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "JKDEFENSE_CACHE_DIR": cache}
        measure("validate", data, env)  # keeps the app's checked package
        found: dict[str, list[dict]] = {}
        for round_no in range(max(args.repeat, args.frictionless_repeat)):
            kinds = list(ours) if round_no < args.repeat else []
            kinds += theirs if round_no < args.frictionless_repeat else []
            for kind in kinds:
                found.setdefault(kind, []).append(measure(kind, data, env))
    print(f"{data}: median [min–max] over the runs; wall s, CPU s")
    for kind, runs in found.items():
        wall, cpu = [r["wall"] for r in runs], [r["cpu"] for r in runs]
        print(
            f"{kind:28s} wall {statistics.median(wall):7.2f} "
            f"[{min(wall):.2f}–{max(wall):.2f}]  CPU {statistics.median(cpu):7.2f} "
            f"[{min(cpu):.2f}–{max(cpu):.2f}]  found {runs[-1]['found']}  "
            f"n={len(runs)}"
        )


if __name__ == "__main__":
    main()
