"""The new names of a view of the feed, as a frame, as CSV and as a table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from jkdefense.data import feed

from .known import known_names
from .ranking import CSV_HEADER, find_new_names


def new_names(data_dir: Path, source_ids: tuple[str, ...] | None) -> pd.DataFrame:
    """The ranked new names of the articles ``source_ids`` (None: the whole feed).

    The whole feed is read either way: its capitals tell names from ordinary
    words, and how many of its articles use a name ranks that name.
    """
    sentences = feed.sentence_texts(data_dir, None)
    return find_new_names(sentences, known_names(data_dir), source_ids)


def to_csv(frame: pd.DataFrame) -> str:
    """The names as CSV: the header CSV_HEADER, then one row per name.

    A name a spreadsheet would run as a formula is marked as text.
    """
    from jkdefense.data.spreadsheet import safe_csv

    return safe_csv(frame[list(CSV_HEADER)])


def to_text(frame: pd.DataFrame) -> str:
    """The names as a table for the terminal, columns aligned."""
    header = ("name", "kind", "articles", "sentences", "example sentence")
    rows = [
        (r.name, r.kind, str(r.articles), str(r.sentences), r.example_sentence_id)
        for r in frame.itertuples(index=False)
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
    lines = [
        "  ".join(
            cell.rjust(w) if i in (2, 3) else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"
