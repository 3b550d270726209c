"""Replayed on the data before three documents were added, propose finds their rows.

The curators' rows from the Oct 2024 NSA readout, the Apr 2024 US–Japan
leaders' statement and the Nov 2025 Trump–Lee fact sheet are taken out of a
copy; propose, run for those documents, must propose each of them again: a
proposal of the same table whose sentence is one the row cites.
"""

from jkdefense.pipeline import propose
from tests.propose_copy import (
    SHARED_DOCUMENTS,
    replayed,  # noqa: F401  (a fixture)
    same_sentence,
    sentence_texts,
)

# The tables propose writes to; a program × threat link is an analyst's
# reading of two rows, not something one sentence says.
PROPOSED_TABLES = {"developments", "incidents", "programs", "threats"}


def matched(removed, found, texts) -> bool:
    """Whether a proposal of the row's table rests on a sentence the row cites."""
    mine = found[found["table"] == removed.table]
    return any(
        same_sentence(texts[sentence_id], cited)
        for cell in mine["evidence_sentence_ids"]
        for sentence_id in cell.split(";")
        for cited in removed.sentence_texts
    )


def test_propose_finds_every_row_the_shared_documents_gave(replayed):  # noqa: F811
    data_dir, removed = replayed
    found = propose.proposals(data_dir, SHARED_DOCUMENTS)
    texts = sentence_texts(data_dir)
    hits = [r for r in removed if matched(r, found, texts)]
    covered = [r for r in removed if r.table in PROPOSED_TABLES]
    print(
        f"\nreplay: {len(hits)} of {len(removed)} removed rows proposed again "
        f"({len(hits) / len(removed):.0%}); {len(covered)} in the tables propose "
        f"writes, {len(found)} proposals in all"
    )
    assert len(removed) >= 10, "the copy lost the documents' rows"
    assert {r.table for r in removed} >= {"developments", "incidents", "programs"}
    assert [r for r in covered if r not in hits] == []
    assert len(hits) / len(removed) >= 10 / 11


def best_rank(removed, found, texts) -> int | None:
    """The best rank among the proposals that find the row again."""
    ranks = [
        rank
        for rank, table, cell in found[
            ["rank", "table", "evidence_sentence_ids"]
        ].itertuples(index=False)
        if table == removed.table
        and any(
            same_sentence(texts[i], cited)
            for i in cell.split(";")
            for cited in removed.sentence_texts
        )
    ]
    return min(ranks, default=None)


def test_most_replayed_rows_rank_in_the_first_half(replayed):  # noqa: F811
    """Found again, and not buried: most of them in the first half of the list."""
    data_dir, removed = replayed
    found = propose.proposals(data_dir, SHARED_DOCUMENTS)
    texts = sentence_texts(data_dir)
    ranks = [best_rank(r, found, texts) for r in removed if r.table in PROPOSED_TABLES]
    print(f"\nreplay: ranks {sorted(ranks)} of {len(found)}")
    first_half = [r for r in ranks if r is not None and r <= len(found) / 2]
    assert len(first_half) >= 0.7 * len(ranks)
