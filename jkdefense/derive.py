"""Derive sentences.csv and mentions.csv from the seeds and the curated aliases.

    python -m jkdefense.derive          # write data/sentences.csv, data/mentions.csv
    python -m jkdefense.derive --check  # write nothing; fail if the files are stale

Deterministic (no clock, no randomness): the same inputs give byte-identical
files. Each file is written to a temporary file and renamed over the old one,
so an interrupted run leaves the previous files intact. Curated tables are
read, never written.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from jkdefense import load, paths, schema, seeds
from jkdefense.mentions import AliasMatcher, Entity

DERIVED_TABLES = ("sentences", "mentions")


# Below this many articles, starting worker processes costs more than it saves.
PARALLEL_FROM = 32


def _split_seed(job: tuple[str, str, str, str]) -> list[tuple]:
    """Sentence rows of one seed (a module-level function, so workers can run it)."""
    source_id, seed_file, relative, expected_sha = job
    seed_path = Path(seed_file)
    if seeds.sha256_of(seed_path) != expected_sha:
        raise ValueError(
            f"{relative} does not match its seed_sha256 in sources.csv; "
            "seeds are never edited: restore the file or add it as a new source"
        )
    return [
        (
            seeds.sentence_id(source_id, s.sentence_no),
            source_id,
            s.sentence_no,
            s.paragraph_no,
            s.char_start,
            s.char_end,
            s.text,
        )
        for s in seeds.split_sentences(seeds.read_seed(seed_path))
    ]


def build_sentences(sources: pd.DataFrame, project_dir: Path) -> pd.DataFrame:
    """Split every seed of the feed into sentences with offsets.

    A long feed is split on every core; results keep the feed's order, so the
    output is the same however many workers ran.
    """
    jobs = [
        (s.source_id, str(project_dir / s.seed_path), s.seed_path, s.seed_sha256)
        for s in sources.itertuples(index=False)
    ]
    workers = os.cpu_count() or 1
    if len(jobs) >= PARALLEL_FROM and workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(_split_seed, jobs, chunksize=8))
    else:
        parts = [_split_seed(job) for job in jobs]
    rows = [row for part in parts for row in part]
    columns = [
        "sentence_id",
        "source_id",
        "sentence_no",
        "paragraph_no",
        "char_start",
        "char_end",
        "text",
    ]
    return pd.DataFrame(rows, columns=columns)


def collect_aliases(data_dir: Path) -> dict[str, list[Entity]]:
    """Return alias -> entities, from every curated table that has alias_names."""
    descriptor = schema.read_descriptor(paths.datapackage_path(data_dir))
    aliases: dict[str, list[Entity]] = {}
    for name, resource in schema.resources(descriptor).items():
        columns = schema.field_names(resource)
        if "alias_names" not in columns:
            continue
        key = schema.primary_key(resource)[0]
        label = next(c for c in columns if c.endswith("_name"))
        frame = load.read_table_text(data_dir, name)
        for row in frame.itertuples(index=False):
            entity = Entity(name, getattr(row, key), getattr(row, label))
            for alias in schema.split_list(row.alias_names):
                aliases.setdefault(alias, []).append(entity)
    return aliases


def build_mentions(sentences: pd.DataFrame, matcher: AliasMatcher) -> pd.DataFrame:
    """Find every alias in every sentence; offsets point into the seed text."""
    rows = []
    for s in sentences.itertuples(index=False):
        for match in matcher.find(s.text):
            for entity in matcher.entities(match):
                rows.append(
                    (
                        s.sentence_id,
                        s.source_id,
                        entity.table,
                        entity.entity_id,
                        match.alias,
                        s.char_start + match.start,
                        s.char_start + match.end,
                    )
                )
    columns = [
        "sentence_id",
        "source_id",
        "entity_table",
        "entity_id",
        "matched_text",
        "char_start",
        "char_end",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.drop_duplicates(
        ["sentence_id", "char_start", "entity_table", "entity_id"]
    )


def to_csv_text(frame: pd.DataFrame) -> str:
    """Render a frame as canonical CSV: header, LF line ends, minimal quoting."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(frame.columns)
    writer.writerows(frame.itertuples(index=False))
    return buffer.getvalue()


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over it."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_leftover_temporaries(data_dir: Path) -> None:
    """Delete temporary files a killed run left behind (never a real table)."""
    for name in DERIVED_TABLES:
        for leftover in data_dir.glob(f".{name}.csv.*"):
            leftover.unlink()


def derive(data_dir: Path) -> dict[str, str]:
    """Return the text of every derived file, by table name (writes nothing)."""
    # Load inputs
    sources = load.read_table_text(data_dir, "sources")
    matcher = AliasMatcher(collect_aliases(data_dir))
    # Process data
    sentences = build_sentences(sources, paths.project_dir(data_dir))
    mentions = build_mentions(sentences, matcher)
    return {"sentences": to_csv_text(sentences), "mentions": to_csv_text(mentions)}


def stale_files(data_dir: Path, outputs: dict[str, str]) -> list[str]:
    """Return the derived files whose committed text differs from ``outputs``."""
    stale = []
    for name, text in outputs.items():
        path = data_dir / f"{name}.csv"
        if not path.exists() or path.read_bytes() != text.encode("utf-8"):
            stale.append(path.name)
    return stale


def main(argv: list[str] | None = None) -> int:
    """Command line: derive (or check) the derived tables; return the exit code."""
    parser = paths.command_parser("derive", __doc__)
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a derived file is stale",
    )
    args = parser.parse_args(argv)
    data_dir = paths.chosen_data_dir(args)
    try:
        outputs = derive(data_dir)
    except (OSError, ValueError, KeyError) as error:
        print(f"derive: {error}", file=sys.stderr)
        return 2
    if args.check:
        stale = stale_files(data_dir, outputs)
        for name in stale:
            print(
                f"derive --check: {name} is stale; run python -m jkdefense.derive",
                file=sys.stderr,
            )
        return 1 if stale else 0
    # Save outputs
    _remove_leftover_temporaries(data_dir)
    for name, text in outputs.items():
        write_atomically(data_dir / f"{name}.csv", text)
    counts = {name: text.count("\n") - 1 for name, text in outputs.items()}
    print(", ".join(f"{n} {name}" for name, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
