"""The feed's derived tables, read on demand: counts, mentions, search and the queue.

A feed of thousands of articles holds millions of sentences and mentions, more
than a page should hold in memory or walk on every rerun. The derived tables are
Parquet (jkdefense.derive), so these functions read only the columns and rows
they need; the small summaries are cached by file name, size and modification
time, so a re-derived table shows up on the next call.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from jkdefense.tables import ENTITY_LABEL_COLUMNS

QUEUE_COLUMNS = ["sentence_id", "source_id", "entity_count", "entities", "text"]


def derived_path(data_dir: Path, name: str) -> Path:
    """Where derive stores a derived table."""
    return data_dir / f"{name}.parquet"


def _signature(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path), stat.st_size, stat.st_mtime_ns


@lru_cache(maxsize=8)
def _cached(signature: tuple[str, int, int], columns: tuple[str, ...]) -> pa.Table:
    return pq.read_table(signature[0], columns=list(columns))


def read_columns(data_dir: Path, name: str, columns: tuple[str, ...]) -> pa.Table:
    """Some columns of a derived table, cached until the file changes."""
    return _cached(_signature(derived_path(data_dir, name)), columns)


def _in_view(table: pa.Table, source_ids: tuple[str, ...] | None) -> pa.Table:
    """Rows of the articles in view (all rows when ``source_ids`` is None)."""
    if source_ids is None:
        return table
    return table.filter(pc.is_in(table["source_id"], pa.array(source_ids)))


def article_counts(data_dir: Path) -> pd.DataFrame:
    """Sentences and entity mentions per article."""
    return _article_counts(
        _signature(derived_path(data_dir, "sentences")),
        _signature(derived_path(data_dir, "entity_mentions")),
    ).copy()


@lru_cache(maxsize=2)
def _article_counts(sentences_file: tuple, counts_file: tuple) -> pd.DataFrame:
    sentences = _cached(sentences_file, ("source_id",))
    counts = _cached(counts_file, ("source_id", "mention_count"))
    per_article = (
        sentences.group_by("source_id")
        .aggregate([("source_id", "count")])
        .rename_columns(["source_id", "sentence_count"])
        .to_pandas()
        .set_index("source_id")
    )
    mentions = (
        counts.group_by("source_id")
        .aggregate([("mention_count", "sum")])
        .rename_columns(["source_id", "mention_count"])
        .to_pandas()
        .set_index("source_id")
    )
    return per_article.join(mentions).fillna(0).astype(int).reset_index()


def entity_mentions(data_dir: Path) -> pd.DataFrame:
    """Mentions per article and entity (source_id, entity_table, entity_id, count).

    Keys are categorical: grouping hundreds of thousands of rows by them on every
    rerun then costs milliseconds. The frame is shared: do not modify it.
    """
    return _entity_mentions(_signature(derived_path(data_dir, "entity_mentions")))


@lru_cache(maxsize=2)
def _entity_mentions(signature: tuple) -> pd.DataFrame:
    columns = ("source_id", "entity_table", "entity_id", "mention_count")
    frame = _cached(signature, columns).to_pandas()
    return frame.astype({c: "category" for c in columns[:3]})


def sentences_matching(
    data_dir: Path, source_ids: tuple[str, ...] | None, query: str, limit: int
) -> tuple[int, pd.DataFrame]:
    """How many sentences in view contain ``query`` (ignoring case), and the first.

    An empty query matches every sentence. Scans the text column on disk rather
    than keeping a million sentences in memory.
    """
    dataset = ds.dataset(derived_path(data_dir, "sentences"), format="parquet")
    condition = None
    if source_ids is not None:
        condition = pc.field("source_id").isin(list(source_ids))
    if query.strip():
        found = pc.match_substring(
            pc.field("text"), pattern=query.strip(), ignore_case=True
        )
        condition = found if condition is None else condition & found
    total = dataset.count_rows(filter=condition)
    columns = ["sentence_id", "source_id", "char_start", "text"]
    first = dataset.head(limit, columns=columns, filter=condition).to_pandas()
    return total, first


def mentions_of(data_dir: Path, sentence_ids: list[str]) -> pd.DataFrame:
    """The mentions in a few sentences (for highlighting them)."""
    columns = ["sentence_id", "entity_table", "entity_id", "char_start", "char_end"]
    if not sentence_ids:
        return pd.DataFrame(columns=columns)
    table = pq.read_table(
        derived_path(data_dir, "mentions"),
        columns=columns,
        filters=[("sentence_id", "in", sentence_ids)],
    )
    return table.to_pandas()


def entity_names(curated: dict[str, pd.DataFrame]) -> dict[str, str]:
    """``table:id`` -> the entity's display name, from the curated tables."""
    names = {}
    for table, (key, label) in ENTITY_LABEL_COLUMNS.items():
        if table in curated:
            frame = curated[table]
            names.update(
                {
                    f"{table}:{k}": str(v)
                    for k, v in zip(frame[key], frame[label], strict=True)
                }
            )
    return names


def curation_queue(
    data_dir: Path,
    source_ids: tuple[str, ...] | None,
    cited: set[str],
    names: dict[str, str],
    limit: int | None,
) -> tuple[int, pd.DataFrame]:
    """Sentences naming known entities that no curated row cites, most first.

    Returns the queue's length and its first ``limit`` rows (all when None),
    with the entities' names and the sentence text.
    """
    named = read_columns(
        data_dir,
        "sentence_entities",
        ("sentence_id", "source_id", "entity_count", "entity_keys"),
    )
    queue = _in_view(named, source_ids)
    if cited:
        queue = queue.filter(
            pc.invert(pc.is_in(queue["sentence_id"], pa.array(sorted(cited))))
        )
    total = queue.num_rows
    # derive stored the rows most entities first, so the head is the top.
    top = (queue if limit is None else queue.slice(0, limit)).to_pandas()
    if top.empty:
        return total, pd.DataFrame(columns=QUEUE_COLUMNS)
    texts = pq.read_table(
        derived_path(data_dir, "sentences"),
        columns=["sentence_id", "text"],
        filters=[("sentence_id", "in", list(top["sentence_id"]))],
    ).to_pandas()
    top["entities"] = top["entity_keys"].map(
        lambda keys: ", ".join(sorted(names.get(k, k) for k in keys.split(";")))
    )
    top = top.merge(texts, on="sentence_id", how="left")
    return total, top[QUEUE_COLUMNS]
