"""What proposing reads: the uncited sentences, their mentions, the curated tables.

Read once per run of ``propose``: the curated tables as text (the rows a
proposal must not clash with, the states developments left their subjects in),
the sentences in view that no curated row cites, the known entities those
sentences mention, the new names the feed brings, and the decisions taken.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds

from jkdefense.data import load, paths, schema
from jkdefense.pipeline import derived_files, names
from jkdefense.pipeline.mentions import AliasMatcher, Entity
from jkdefense.pipeline.propose import decisions

# sources.csv cites each article's own first sentence as its record of the
# article; that is no curation of what the sentence says.
NOT_CURATION = frozenset({"sources"})
SENTENCE_COLUMNS = ["sentence_id", "source_id", "sentence_no", "char_start", "text"]
MENTION_COLUMNS = ["sentence_id", "entity_table", "entity_id", "char_start", "char_end"]


@dataclass
class Feed:
    """Everything a proposal is made from, read from one data folder."""

    data_dir: Path
    descriptor: schema.Descriptor
    tables: dict[str, pd.DataFrame]  # curated tables as text, by name
    sentences: pd.DataFrame  # the uncited sentences in view, in feed order
    mentions: dict[str, list[tuple[str, str, int, int]]]  # id -> (table, id, a, b)
    new_names: AliasMatcher | None  # the feed's new names (Entity.entity_id: kind)
    rejected: set[str] = field(default_factory=set)
    cited: set[str] = field(default_factory=set)
    sources: dict[str, dict[str, str]] = field(default_factory=dict)  # by id

    def resource(self, table: str) -> dict:
        """The table's resource in datapackage.json."""
        return schema.resources(self.descriptor)[table]


def curated_tables(data_dir: Path, descriptor: schema.Descriptor) -> dict:
    """Every curated table and the decisions, as text (raises load.Unreadable)."""
    wanted = [
        name
        for name, resource in schema.resources(descriptor).items()
        if schema.is_curated(resource) or name == decisions.TABLE
    ]
    return {name: load.read_table_text(data_dir, name) for name in wanted}


def cited_sentences(tables: dict[str, pd.DataFrame]) -> set[str]:
    """Every sentence a curated row cites (sources.csv's own records aside)."""
    return {
        sentence_id
        for name, frame in tables.items()
        if name not in NOT_CURATION and "evidence_sentence_ids" in frame
        for cell in frame["evidence_sentence_ids"].tolist()
        for sentence_id in schema.split_list(cell)
    }


def _read(
    data_dir: Path, name: str, columns: list[str], wanted: ds.Expression | None
) -> pd.DataFrame:
    dataset = ds.dataset(derived_files.derived_path(data_dir, name), format="parquet")
    return dataset.to_table(columns=columns, filter=wanted).to_pandas()


def _of(source_ids: tuple[str, ...] | None) -> ds.Expression | None:
    return None if source_ids is None else ds.field("source_id").isin(source_ids)


def mentions_by_sentence(
    data_dir: Path, sentences: pd.DataFrame, source_ids: tuple[str, ...] | None
) -> dict[str, list[tuple[str, str, int, int]]]:
    """Known entities each sentence names: (table, id, start, end) in the sentence."""
    found = _read(data_dir, "mentions", MENTION_COLUMNS, _of(source_ids))
    starts = dict(zip(sentences["sentence_id"], sentences["char_start"], strict=True))
    by_sentence: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
    for sentence_id, table, entity_id, a, b in found.itertuples(index=False):
        if sentence_id in starts:
            offset = starts[sentence_id]
            by_sentence[sentence_id].append((table, entity_id, a - offset, b - offset))
    return dict(by_sentence)


def new_name_matcher(
    data_dir: Path, source_ids: tuple[str, ...] | None
) -> AliasMatcher | None:
    """The new names of the articles in view, to find in each sentence."""
    found = names.new_names(data_dir, source_ids)
    if found.empty:
        return None
    kinds = found["kind"] if "kind" in found else ["name"] * len(found)
    variants = found["variants"] if "variants" in found else [""] * len(found)
    spellings: dict[str, list[Entity]] = {}
    for name, kind, others in zip(found["name"], kinds, variants, strict=True):
        # A name's other spellings ("Freedom Edge") find it too.
        for spelling in [name, *str(others or "").split(";")]:
            if spelling.strip():
                spellings.setdefault(spelling.strip(), [Entity("names", kind, name)])
    return AliasMatcher(spellings)


def read_feed(data_dir: Path, source_ids: tuple[str, ...] | None = None) -> Feed:
    """The feed in view (``source_ids``; None: every article), ready to propose from.

    Raises load.Unreadable (a ValueError) naming the file when a table it
    needs cannot be read.
    """
    descriptor = schema.read_descriptor(paths.datapackage_path(data_dir))
    tables = curated_tables(data_dir, descriptor)
    cited = cited_sentences(tables)
    sentences = _read(data_dir, "sentences", SENTENCE_COLUMNS, _of(source_ids))
    sentences = sentences[~sentences["sentence_id"].isin(cited)]
    order = {s: i for i, s in enumerate(tables["sources"]["source_id"])}
    sentences = sentences.sort_values(
        ["source_id", "sentence_no"],
        key=lambda c: c.map(order) if c.name == "source_id" else c,
    ).reset_index(drop=True)
    return Feed(
        data_dir=data_dir,
        descriptor=descriptor,
        tables=tables,
        sentences=sentences,
        mentions=mentions_by_sentence(data_dir, sentences, source_ids),
        new_names=new_name_matcher(data_dir, source_ids),
        rejected=decisions.rejected(tables.get(decisions.TABLE)),
        cited=cited,
        sources={r["source_id"]: r for r in tables["sources"].to_dict("records")},
    )
