"""The feed's derived tables, read on demand: counts, mentions, search and the queue.

A feed of thousands of articles holds millions of sentences and mentions, more
than a page should hold in memory or walk on every rerun. The derived tables are
Parquet (jkdefense.derive), so these functions read only the columns and rows
they need; the small summaries are cached by file name, size and modification
time, so a re-derived table shows up on the next call.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from jkdefense.data.vocabulary import ENTITY_LABEL_COLUMNS

QUEUE_COLUMNS = ["sentence_id", "source_id", "entity_count", "entities", "text"]


def derived_path(data_dir: Path, name: str) -> Path:
    """Where derive stores a derived table."""
    return data_dir / f"{name}.parquet"


def give_back_memory() -> None:
    """Return memory freed after a scan of the feed to the system.

    NOTE: Arrow's allocator keeps freed pages for reuse; after reading a few
    hundred megabytes once, the app would otherwise hold them for good.
    """
    pa.default_memory_pool().release_unused()


# Reading ahead pays for a scan of the whole table, not for its first rows, and
# would hold hundreds of megabytes of the feed to return forty sentences.
_ONE_BATCH_AT_A_TIME = {"batch_readahead": 0, "fragment_readahead": 0}


def _dataset(data_dir: Path, name: str) -> ds.Dataset:
    return ds.dataset(derived_path(data_dir, name), format="parquet")


def _of_articles(source_ids: tuple[str, ...] | None) -> ds.Expression | None:
    """Rows of the articles in view (no condition when ``source_ids`` is None)."""
    return None if source_ids is None else pc.field("source_id").isin(source_ids)


def _both(a: ds.Expression | None, b: ds.Expression | None) -> ds.Expression | None:
    if a is None or b is None:
        return a if b is None else b
    return a & b


def article_counts(data_dir: Path) -> pd.DataFrame:
    """Sentences and entity mentions per article (read afresh: the app keeps it)."""
    sentences = pq.read_table(
        derived_path(data_dir, "sentences"), columns=["source_id"]
    )
    counts = pq.read_table(
        derived_path(data_dir, "entity_mentions"),
        columns=["source_id", "mention_count"],
    )
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
    del sentences, counts
    give_back_memory()
    return per_article.join(mentions).fillna(0).astype(int).reset_index()


def entity_mentions(data_dir: Path) -> pd.DataFrame:
    """Mentions per article and entity (source_id, entity_table, entity_id, count).

    Keys are categorical: grouping hundreds of thousands of rows by them then
    costs milliseconds. Read afresh on each call: the app keeps the result.
    """
    columns = ["source_id", "entity_table", "entity_id", "mention_count"]
    # Read as dictionaries: pandas gets categoricals without a copy of every key.
    table = pq.read_table(
        derived_path(data_dir, "entity_mentions"),
        columns=columns,
        read_dictionary=columns[:3],
    )
    frame = table.to_pandas()
    del table
    give_back_memory()
    return frame


def sentences_matching(
    data_dir: Path, source_ids: tuple[str, ...] | None, query: str, limit: int
) -> tuple[int, pd.DataFrame]:
    """How many sentences in view contain ``query`` (ignoring case), and the first.

    An empty query matches every sentence. Scans the text column on disk rather
    than keeping a million sentences in memory.
    """
    dataset = _dataset(data_dir, "sentences")
    found = None
    if query.strip():
        found = pc.match_substring(
            pc.field("text"), pattern=query.strip(), ignore_case=True
        )
    condition = _both(_of_articles(source_ids), found)
    total = dataset.count_rows(filter=condition)
    columns = ["sentence_id", "source_id", "char_start", "text"]
    first = dataset.head(
        limit, columns=columns, filter=condition, **_ONE_BATCH_AT_A_TIME
    ).to_pandas()
    give_back_memory()
    return total, first


def sentence_texts(data_dir: Path, source_ids: tuple[str, ...] | None) -> pd.DataFrame:
    """Every sentence of the articles in view (sentence_id, source_id, text).

    In feed order. For a tool that reads each sentence once (the new names the
    feed brings); a page that shows sentences reads only its first rows.
    """
    columns = ["sentence_id", "source_id", "text"]
    table = _dataset(data_dir, "sentences").to_table(
        columns=columns, filter=_of_articles(source_ids)
    )
    frame = table.to_pandas()
    del table
    give_back_memory()
    return frame


def sentences_around(
    data_dir: Path, sentence_ids: list[str], around: int = 1
) -> pd.DataFrame:
    """The cited sentences with ``around`` sentences before and after, in order.

    Reads one article's stretch of the sentences table: a proposal is reviewed
    with the sentence it rests on in its context. Column ``cited`` marks the
    sentences of ``sentence_ids``.
    """
    columns = ["sentence_id", "source_id", "sentence_no", "paragraph_no", "text"]
    dataset = _dataset(data_dir, "sentences")
    cited = dataset.to_table(
        columns=["source_id", "sentence_no"],
        filter=pc.field("sentence_id").isin(sentence_ids),
    ).to_pandas()
    if cited.empty:
        return pd.DataFrame(columns=[*columns, "cited"])
    source_id = cited["source_id"].iloc[0]
    first = int(cited["sentence_no"].min()) - around
    last = int(cited["sentence_no"].max()) + around
    stretch = (
        dataset.to_table(
            columns=columns,
            filter=(pc.field("source_id") == source_id)
            & (pc.field("sentence_no") >= first)
            & (pc.field("sentence_no") <= last),
        )
        .to_pandas()
        .sort_values("sentence_no", ignore_index=True)
    )
    return stretch.assign(cited=stretch["sentence_id"].isin(sentence_ids))


def mentions_of(data_dir: Path, sentence_ids: list[str]) -> pd.DataFrame:
    """The mentions in a few sentences (for highlighting them)."""
    columns = ["sentence_id", "entity_table", "entity_id", "char_start", "char_end"]
    if not sentence_ids:
        return pd.DataFrame(columns=columns)
    wanted = pc.field("sentence_id").isin(sentence_ids)
    table = _dataset(data_dir, "mentions").to_table(columns=columns, filter=wanted)
    give_back_memory()
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
    uncited = None
    if cited:
        uncited = ~pc.field("sentence_id").isin(sorted(cited))
    condition = _both(_of_articles(source_ids), uncited)
    dataset = _dataset(data_dir, "sentence_entities")
    total = dataset.count_rows(filter=condition)
    # derive stored the rows most entities first, so the first rows are the top.
    columns = ["sentence_id", "source_id", "entity_count", "entity_keys"]
    if limit is None:
        top = dataset.to_table(columns=columns, filter=condition).to_pandas()
    else:
        top = dataset.head(
            limit, columns=columns, filter=condition, **_ONE_BATCH_AT_A_TIME
        ).to_pandas()
    if top.empty:
        give_back_memory()
        return total, pd.DataFrame(columns=QUEUE_COLUMNS)
    wanted = pc.field("sentence_id").isin(list(top["sentence_id"]))
    texts = (
        _dataset(data_dir, "sentences")
        .to_table(columns=["sentence_id", "text"], filter=wanted)
        .to_pandas()
    )
    give_back_memory()
    top["entities"] = top["entity_keys"].map(
        lambda keys: ", ".join(sorted(names.get(k, k) for k in keys.split(";")))
    )
    top = top.merge(texts, on="sentence_id", how="left")
    return total, top[QUEUE_COLUMNS]
