"""Build the derived tables from the seeds: sentences, mentions and two summaries.

Each seed is split into sentences and its aliases found in them; the two
summaries are made here once rather than on every page view: entity_mentions
(mentions per article and entity) and sentence_entities (the entities each
sentence names, most first). A long feed is worked on every core.

Deterministic (no clock, no randomness): the same inputs give the same tables.
"""

from __future__ import annotations

import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pyarrow as pa

from jkdefense.data import files
from jkdefense.pipeline import seeds
from jkdefense.pipeline.mentions import AliasMatcher, Contexts, Entity

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
