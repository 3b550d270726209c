"""Time propose on the current feed and a synthetic long one, and one accept.

    .venv/bin/python benchmarks/bench_propose.py [--articles 200] [--repeat 5]

1. ``propose`` on the current feed: in process (median) and the whole command.
2. ``propose`` on the current feed plus N synthetic articles (synthetic_feed.py).
3. One ``propose accept`` end to end (validate in a staged copy, re-derive, land).
4. From ingest to accepted rows for one document, on the command line: the NSA
   readout taken out of a copy (its sources row, seed and rows), then ingested
   again, proposed from, and its first three proposals accepted.
"""

import argparse
import csv
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import synthetic_feed  # noqa: E402
from jkdefense import cli  # noqa: E402
from jkdefense.data import load, schema  # noqa: E402
from jkdefense.pipeline import propose  # noqa: E402

DOCUMENT = "whitehouse-2024-trilateral-nsa-readout"
FEED = Path("/work/shared/feed")


def command(*args: str) -> tuple[float, str]:
    """Run ``jkdefense args``; its wall time and its standard output."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "jkdefense", *args],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - start, done.stdout


def in_process(data: Path, repeat: int) -> tuple[float, int]:
    """Median seconds of propose.proposals, and how many it proposes."""
    times, count = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = len(propose.proposals(data))
        times.append(time.perf_counter() - start)
    return statistics.median(times), count


def copy_project(target: Path) -> Path:
    for folder in ("data", "seeds"):
        shutil.copytree(
            ROOT / folder, target / folder, ignore=shutil.ignore_patterns(".*")
        )
    return target / "data"


def without_document(data: Path, source_id: str) -> None:
    """The document out of the feed: its sources row, seed, rows and citations."""
    descriptor = schema.read_descriptor(data / "datapackage.json")
    for name, resource in schema.resources(descriptor).items():
        if not schema.is_curated(resource):
            continue
        frame = load.read_table_text(data, name)
        ids = frame["evidence_sentence_ids"].map(schema.split_list)
        theirs = ids.map(lambda i: [s for s in i if s.startswith(f"{source_id}:")])
        keep = (theirs.map(len) < ids.map(len)) & (frame.iloc[:, 0] != source_id)
        frame["evidence_sentence_ids"] = [
            ";".join(s for s in i if s not in t)
            for i, t in zip(ids, theirs, strict=True)
        ]
        (data / resource["path"]).write_text(
            frame[keep].to_csv(index=False, lineterminator="\n"), encoding="utf-8"
        )
    (data.parent / "seeds" / f"{source_id}.txt").unlink()
    cli.main(["derive", "--data", str(data)])


def ingest(data: Path) -> float:
    """Ingest the document again, with its metadata from the shared feed."""
    with (FEED / "feed.tsv").open(encoding="utf-8") as stream:
        rows = {r["file"]: r for r in csv.DictReader(stream, delimiter="\t")}
    row = rows[f"{DOCUMENT}.txt"]
    return command(
        "ingest",
        str(FEED / row["file"]),
        "--title",
        row["title"],
        "--author",
        row["author"],
        "--publisher",
        row["publisher"],
        "--url",
        row["url"],
        "--date",
        row["date"],
        "--tier",
        "1",
        "--licence",
        row["licence"],
        "--id",
        DOCUMENT,
        "--data",
        str(data),
    )[0]


def ingest_to_accepted(data: Path, wanted: int = 3) -> list[tuple[str, float]]:
    """Ingest the document, propose from it, accept its first ``wanted`` rows."""
    steps = [("ingest", ingest(data))]
    seconds, listed = command(
        "propose", "--source", DOCUMENT, "--csv", "--data", str(data)
    )
    steps.append(("propose --source", seconds))
    for row in csv.DictReader(io.StringIO(listed)):
        try:
            seconds = command(
                "propose", "accept", row["proposal_id"], "--data", str(data)
            )[0]
        except subprocess.CalledProcessError:
            continue  # refused (an open field, or its sentence now cited): next one
        steps.append((f"accept {row['proposal_id']} ({row['table']})", seconds))
        if len(steps) == wanted + 2:
            break
    return steps


def current_feed(folder: Path, repeat: int) -> None:
    """propose in process and as a command, and one accept, on the feed now."""
    data = copy_project(folder / "current")
    cli.main(["derive", "--data", str(data)])
    median, count = in_process(data, repeat)
    print(f"propose, current feed: {count} proposals, {median:.2f} s in process")
    runs = [command("propose", "--data", str(data))[0] for _ in range(3)]
    print(f"jkdefense propose, current feed: median {statistics.median(runs):.2f} s")
    first = propose.proposals(data)["proposal_id"].iloc[0]
    seconds = command("propose", "accept", first, "--data", str(data))[0]
    print(f"jkdefense propose accept {first}: {seconds:.2f} s")


def long_feed(folder: Path, articles: int) -> None:
    """propose on the feed and ``articles`` synthetic articles."""
    data = synthetic_feed.build(articles, folder / "long")
    cli.main(["derive", "--data", str(data)])
    seconds, count = in_process(data, 1)
    print(f"propose, feed + {articles} synthetic: {count} proposals, {seconds:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-propose-") as folder:
        current_feed(Path(folder), args.repeat)
        long_feed(Path(folder), args.articles)
        data = copy_project(Path(folder) / "replay")
        without_document(data, DOCUMENT)
        steps = ingest_to_accepted(data)
        for step, seconds in steps:
            print(f"  {step}: {seconds:.2f} s")
        print(f"ingest to three accepted rows: {sum(s for _, s in steps):.2f} s")


if __name__ == "__main__":
    main()
