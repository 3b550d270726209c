"""Derive the feed's sentences and mentions from the seeds and the curated aliases.

An alias that is also an ordinary word counts only in the sentences its context
(alias_contexts.csv) allows.

    jkdefense derive          # write the derived tables into data/
    jkdefense derive --check  # write nothing; fail if they are stale

Writes four Parquet tables (jkdefense.pipeline.feed_tables builds them):
sentences and mentions, and two summaries, entity_mentions and
sentence_entities. The four files land as one change of the data folder's
writer (jkdefense.data.writer): all of them or none, one writer at a time. A
derive first completes a change an interrupted command left, which makes it the
repair `validate` names. Curated tables are read, and written only where the
new sentences renumber the ids their rows cite (jkdefense.pipeline.sentence_ids):
those cells follow their sentences, in the same change.
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa

from jkdefense.data import load, paths, writer
from jkdefense.pipeline import sentence_ids
from jkdefense.pipeline.aliases import collect_aliases
from jkdefense.pipeline.derived_files import derived_path, stale_files, to_parquet_bytes
from jkdefense.pipeline.feed_tables import build_tables
from jkdefense.pipeline.mentions import read_contexts


def derive(data_dir: Path) -> dict[str, pa.Table]:
    """Return every derived table, by name (writes nothing)."""
    # Load inputs
    sources = load.read_table_text(data_dir, "sources")
    aliases = collect_aliases(data_dir)
    project = paths.project_dir(data_dir)
    jobs = [
        (s.source_id, str(project / s.seed_path), s.seed_path, s.seed_sha256)
        for s in sources.itertuples(index=False)
    ]
    # Process data
    return build_tables(jobs, aliases, read_contexts(data_dir))


def configure(parser: argparse.ArgumentParser) -> None:
    """The command line's arguments: ``jkdefense derive [--check]``."""
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a derived file is stale",
    )


def run(args: argparse.Namespace) -> int:
    """Derive (or check) the derived tables; return the exit code."""
    data_dir = paths.chosen_data_dir(args)
    renumbered: list[str] = []
    try:
        outputs = derive(data_dir) if args.check else write(data_dir, renumbered)
    except (OSError, ValueError, KeyError, pa.ArrowException) as error:
        print(f"derive: {error}", file=sys.stderr)
        return 2
    except writer.WriterBusy as error:
        print(f"derive: refused: {error}", file=sys.stderr)
        return 2
    if args.check:
        stale = stale_files(data_dir, outputs)
        for name in stale:
            print(
                f"derive --check: {name} is stale; run jkdefense derive",
                file=sys.stderr,
            )
        return 1 if stale else 0
    for line in renumbered:
        print(line)
    print(", ".join(f"{table.num_rows} {name}" for name, table in outputs.items()))
    return 0


def write(data_dir: Path, renumbered: list[str] | None = None) -> dict[str, pa.Table]:
    """Derive and write the four tables as one change; return them.

    Derives holding the lock, so the tables follow the files as they are when
    they land, whatever another command does meanwhile. Where the new sentences
    renumber cited ids, the citing CSV tables land in the same change, and a
    line for each is added to ``renumbered``.
    """
    with writer.change(data_dir, "derive") as changed:
        cited_against = sentence_ids.read_spans(derived_path(data_dir, "sentences"))
        outputs = derive(data_dir)
        migrated, lines = sentence_ids.migrated(
            data_dir, cited_against, outputs["sentences"]
        )
        changed.update(migrated)
        if renumbered is not None:
            renumbered += lines
        # Compression runs outside the GIL, so the four are compressed side by side.
        with ThreadPoolExecutor() as pool:
            payloads = pool.map(to_parquet_bytes, outputs.values())
        for name, payload in zip(outputs, payloads, strict=True):
            changed[derived_path(data_dir, name)] = payload
    return outputs
