"""Derive the feed's sentences and mentions from the seeds and the curated aliases.

An alias that is also an ordinary word counts only in the sentences its context
(alias_contexts.csv) allows.

    jkdefense derive          # write the derived tables into data/
    jkdefense derive --check  # write nothing; fail if they are stale

Writes four Parquet tables (columnar, so the app reads only the columns and rows
it shows, however long the feed): sentences and mentions, and two summaries made
here once rather than on every page view: entity_mentions (mentions per article
and entity) and sentence_entities (the entities each sentence names, most first).

Deterministic (no clock, no randomness): the same inputs give the same tables.
The four files land as one change of the data folder's writer
(jkdefense.data.writer): all of them or none, one writer at a time. A derive
first completes a change an interrupted command left, which makes it the
repair `validate` names. Curated tables are read, and written only where the
new sentences renumber the ids their rows cite (jkdefense.pipeline.sentence_ids):
those cells follow their sentences, in the same change.
"""

from __future__ import annotations

import io
import os
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from jkdefense.data import files, load, paths, schema, writer
from jkdefense.pipeline import seeds, sentence_ids
from jkdefense.pipeline.mentions import AliasMatcher, Contexts, Entity, read_contexts

DERIVED_TABLES = ("sentences", "mentions", "entity_mentions", "sentence_entities")

# Below this many articles, starting worker processes costs more than it saves.
PARALLEL_FROM = 32
# Articles per task: big enough that passing results back is cheap, small enough
# that both cores stay busy to the end.
BATCH = 40

SENTENCE_COLUMNS = {
    "sentence_id": pa.string(),
    "source_id": pa.string(),
    "sentence_no": pa.int64(),
    "paragraph_no": pa.int64(),
    "char_start": pa.int64(),
    "char_end": pa.int64(),
    "text": pa.string(),
}
MENTION_COLUMNS = {
    "sentence_id": pa.string(),
    "source_id": pa.string(),
    "entity_table": pa.string(),
    "entity_id": pa.string(),
    "matched_text": pa.string(),
    "char_start": pa.int64(),
    "char_end": pa.int64(),
}
ENTITY_MENTION_COLUMNS = {
    "source_id": pa.string(),
    "entity_table": pa.string(),
    "entity_id": pa.string(),
    "mention_count": pa.int64(),
}
SENTENCE_ENTITY_COLUMNS = {
    "sentence_id": pa.string(),
    "source_id": pa.string(),
    "entity_count": pa.int64(),
    "entity_keys": pa.string(),
}

_TABLE_COLUMNS = (
    SENTENCE_COLUMNS,
    MENTION_COLUMNS,
    ENTITY_MENTION_COLUMNS,
    SENTENCE_ENTITY_COLUMNS,
)

# The matcher of a worker process, set once by _start_worker.
_worker_matcher: AliasMatcher | None = None


def _start_worker(aliases: dict[str, list[Entity]], contexts: Contexts | None) -> None:
    global _worker_matcher
    _worker_matcher = AliasMatcher(aliases, contexts)


def entity_key(entity: Entity) -> str:
    """``table:id``, how sentence_entities names an entity."""
    return f"{entity.table}:{entity.entity_id}"


def _derive_seed(
    job: tuple[str, str, str, str], matcher: AliasMatcher, out: tuple[dict, ...]
) -> None:
    """Append one seed's rows to the column lists of the four derived tables."""
    source_id, seed_file, relative, expected_sha = job
    seed_path = Path(seed_file)
    if files.sha256_of(seed_path) != expected_sha:
        raise ValueError(
            f"{relative} does not match its seed_sha256 in sources.csv; "
            "seeds are never edited: restore the file or add it as a new source"
        )
    sentences, mentions, entity_counts, named = out
    counts: Counter[tuple[str, str]] = Counter()
    try:
        sentences_of_seed = seeds.split_sentences(files.read_seed(seed_path))
    except ValueError as error:  # not UTF-8, or the splitter failed on it
        raise ValueError(f"{relative}: {error}") from None
    for s in sentences_of_seed:
        sid = seeds.sentence_id(source_id, s.sentence_no)
        row = (sid, source_id, s.sentence_no, s.paragraph_no, s.char_start, s.char_end)
        _append(sentences, (*row, s.text))
        seen: set[tuple[int, str]] = set()
        for match in matcher.find(s.text):
            for entity in matcher.entities(match, s.text):
                key = entity_key(entity)
                if (match.start, key) in seen:
                    continue  # two aliases of one entity at one place
                seen.add((match.start, key))
                counts[entity.table, entity.entity_id] += 1
                _append(
                    mentions,
                    (
                        sid,
                        source_id,
                        entity.table,
                        entity.entity_id,
                        match.alias,
                        s.char_start + match.start,
                        s.char_start + match.end,
                    ),
                )
        keys = sorted({key for _, key in seen})
        if keys:
            _append(named, (sid, source_id, len(keys), ";".join(keys)))
    for (table, entity_id), n in sorted(counts.items()):
        _append(entity_counts, (source_id, table, entity_id, n))


def _derive_batch(
    jobs: list[tuple[str, str, str, str]], matcher: AliasMatcher
) -> tuple:
    """The four derived tables of a batch of seeds, in order.

    Built as Arrow tables where the work is done: passing them back costs a
    buffer copy, where Python rows would cost a pickle round trip each.
    """
    out = tuple({name: [] for name in kinds} for kinds in _TABLE_COLUMNS)
    for job in jobs:
        _derive_seed(job, matcher, out)
    return tuple(
        _table(columns, kinds)
        for columns, kinds in zip(out, _TABLE_COLUMNS, strict=True)
    )


def _append(columns: dict[str, list], values: tuple) -> None:
    for column, value in zip(columns.values(), values, strict=True):
        column.append(value)


def _table(columns: dict[str, list], types: dict[str, pa.DataType]) -> pa.Table:
    return pa.table(
        {name: pa.array(columns[name], type=t) for name, t in types.items()}
    )


def _derive_batch_in_worker(jobs: list[tuple[str, str, str, str]]) -> tuple:
    return _derive_batch(jobs, _worker_matcher)


def build_tables(
    sources: list[tuple[str, str, str, str]],
    aliases: dict[str, list[Entity]],
    contexts: Contexts | None = None,
) -> dict[str, pa.Table]:
    """Split every seed, find every mention and summarise them, in feed order.

    ``sources`` holds (source_id, seed file, seed path as written, SHA-256). A
    long feed is worked on every core; results keep the feed's order, so the
    output is the same however many workers ran.
    """
    workers = os.cpu_count() or 1
    batches = [sources[i : i + BATCH] for i in range(0, len(sources), BATCH)]
    if len(sources) >= PARALLEL_FROM and workers > 1:
        with ProcessPoolExecutor(
            max_workers=workers,
            initializer=_start_worker,
            initargs=(aliases, contexts),
        ) as pool:
            parts = list(pool.map(_derive_batch_in_worker, batches))
    else:
        matcher = AliasMatcher(aliases, contexts)
        parts = [_derive_batch(batch, matcher) for batch in batches]
    sentences, mentions, entity_mentions, named = (
        pa.concat_tables([part[i] for part in parts]).combine_chunks()
        if parts
        else _table({name: [] for name in kinds}, kinds)
        for i, kinds in enumerate(_TABLE_COLUMNS)
    )
    # Most entities first: the curation queue is this order, minus cited sentences.
    named = named.sort_by(
        [("entity_count", "descending"), ("sentence_id", "ascending")]
    )
    return {
        "sentences": sentences,
        "mentions": mentions,
        "entity_mentions": entity_mentions,
        "sentence_entities": named,
    }


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


def to_parquet_bytes(table: pa.Table) -> bytes:
    """Serialise a table as Parquet (zstd; no pandas index or metadata)."""
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd", row_group_size=64_000)
    return buffer.getvalue()


def read_parquet(path: Path) -> pa.Table:
    """Read a derived table written by this module."""
    return pq.read_table(path)


def derived_path(data_dir: Path, name: str) -> Path:
    """Where a derived table is stored."""
    return data_dir / f"{name}.parquet"


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


def stale_files(data_dir: Path, outputs: dict[str, pa.Table]) -> list[str]:
    """Return the derived files whose stored table differs from ``outputs``."""
    stale = []
    for name, table in outputs.items():
        path = derived_path(data_dir, name)
        try:
            current = read_parquet(path)
        except (OSError, pa.ArrowException):
            stale.append(path.name)
            continue
        if not current.equals(table):
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


if __name__ == "__main__":
    sys.exit(main())
