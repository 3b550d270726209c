"""Counting the feed for display: articles behind a row, mentions, citations.

How many articles each row's evidence comes from (and whether that makes it
corroborated), the most mentioned entities split by article, each article's
sentence and mention counts, and which sentences the curated rows cite.
"""

from __future__ import annotations

import pandas as pd

from jkdefense.data.vocabulary import ENTITY_LABEL_COLUMNS

CORROBORATED_FROM = 2


def article_counts(evidence_ids: pd.Series) -> pd.Series:
    """How many feed articles each row's evidence sentences come from."""
    return evidence_ids.map(
        lambda ids: (
            len({i.split(":", 1)[0] for i in ids}) if isinstance(ids, list) else 0
        )
    )


def corroboration(evidence_ids: pd.Series) -> pd.Series:
    """'1 article', or '2 articles, corroborated' from CORROBORATED_FROM on."""
    counts = article_counts(evidence_ids)
    return counts.map(
        lambda n: (
            f"{n} article{'s' if n != 1 else ''}"
            + (", corroborated" if n >= CORROBORATED_FROM else "")
        )
    )


def label_mentions(
    mentions: pd.DataFrame, tables: dict[str, pd.DataFrame]
) -> pd.DataFrame:
    """Add entity_name to mentions, looked up in the curated table of each entity."""
    names = pd.concat(
        [
            pd.DataFrame(
                {
                    "entity_table": table,
                    "entity_id": tables[table][key],
                    "entity_name": tables[table][label],
                }
            )
            for table, (key, label) in ENTITY_LABEL_COLUMNS.items()
            if table in tables
        ],
        ignore_index=True,
    )
    labelled = mentions.merge(names, on=["entity_table", "entity_id"], how="left")
    # An entity missing from its table (a broken reference) shows its id.
    labelled["entity_name"] = labelled["entity_name"].fillna(labelled["entity_id"])
    return labelled


def most_mentioned(counts: pd.DataFrame, top: int) -> pd.DataFrame:
    """Rows of ``counts`` (per article and entity) for the ``top`` entities overall."""
    key = ["entity_table", "entity_id"]
    totals = counts.groupby(key, observed=True)["mention_count"].sum()
    keep = totals.nlargest(top).index
    return counts[pd.MultiIndex.from_frame(counts[key]).isin(keep)]


def mention_counts(
    counts: pd.DataFrame, sources: pd.DataFrame, top: int = 25, articles: int = 8
) -> pd.DataFrame:
    """Mentions of the ``top`` most mentioned entities, split by article.

    ``counts`` holds mention counts per article and entity. The ``articles``
    articles naming those entities most keep their own part, labelled by
    source id (article_label: two articles may share a title, never an id) with
    their title beside it; the rest are summed as one "other articles" part, so
    a feed of thousands still draws a readable chart. Label the (small) result
    with label_mentions.
    """
    key = ["entity_table", "entity_id"]
    counts = most_mentioned(counts, top)
    by_article = counts.groupby("source_id", observed=True)["mention_count"].sum()
    shown = set(by_article.sort_values(ascending=False, kind="stable").index[:articles])
    titles = sources.set_index("source_id")["title"]
    others = len(by_article) - len(shown)
    other_title = f"{others:,} other article{'s' if others != 1 else ''}"
    label_of = {s: (s if s in shown else other_title) for s in by_article.index}
    title_of = {
        s: (titles.get(s, s) if s in shown else other_title) for s in by_article.index
    }
    parts = counts.assign(
        article_label=counts["source_id"].map(label_of),
        source_title=counts["source_id"].map(title_of),
    )
    columns = [*key, "article_label", "source_title"]
    summed = parts.groupby(columns, observed=True, as_index=False)[
        "mention_count"
    ].sum()
    return summed.astype({c: str for c in columns})


def cited_sentence_ids(curated: dict[str, pd.DataFrame]) -> set[str]:
    """Every sentence id that some curated row cites."""
    return {
        i
        for frame in curated.values()
        if "evidence_sentence_ids" in frame
        for cell in frame["evidence_sentence_ids"]
        for i in cell
    }


def feed_with_counts(feed: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """The feed with each article's sentence and mention counts."""
    per_article = counts.set_index("source_id")
    return feed.assign(
        **{
            column: feed["source_id"].map(per_article[column]).fillna(0).astype(int)
            for column in ("sentence_count", "mention_count")
        }
    )
