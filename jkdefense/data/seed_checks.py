"""The feed's seeds: each exists unchanged, and its sentences are its own text.

Seeds are the articles as fetched and are never edited: the derived sentences
are their text between offsets.
"""

from __future__ import annotations

import os
from pathlib import Path
from stat import S_ISREG

import pandas as pd

from jkdefense.data import files
from jkdefense.data.problems import (
    SEED_EXISTS,
    SEED_UNCHANGED,
    SENTENCE_MATCHES_SEED,
    Problem,
    data_row,
)


def check_seeds(
    sources: pd.DataFrame,
    project_dir: Path,
    sentences: pd.DataFrame | None,
    derived_at: float | None = None,
) -> list[Problem]:
    """Check each seed exists, matches its SHA-256, and its sentences match it.

    ``derived_at``: when the derived tables were written, if sources.csv has not
    changed since. derive checked every seed's SHA-256 then, so a seed not
    modified since is taken as checked; a feed of thousands of articles opens
    without re-reading them all.
    """
    problems = []
    # Rows grouped once, as plain tuples: a feed has a million sentences.
    by_source: dict[str, list[tuple]] = {}
    if sentences is not None:
        columns = ("source_id", "char_start", "char_end", "text")
        lists = (sentences[c].tolist() for c in columns)
        for row in zip(sentences.index, *lists, strict=True):
            by_source.setdefault(row[1], []).append(row)
    columns = (sources[c].tolist() for c in ("seed_path", "seed_sha256", "source_id"))
    # NOTE: one os.stat on a plain string per seed: pathlib's objects cost more
    # than the system call on a feed of thousands of articles.
    root = os.fspath(project_dir)
    for index, seed_path, expected, source_id in zip(
        sources.index, *columns, strict=True
    ):
        stat = _stat_file(f"{root}/{seed_path}") if seed_path else None
        if stat is None:
            problems.append(
                Problem(
                    "sources.csv",
                    data_row(index),
                    "seed_path",
                    f"seed file {seed_path!r} not found",
                    SEED_EXISTS,
                )
            )
            continue
        if derived_at is not None and stat.st_mtime <= derived_at:
            continue
        path = project_dir / seed_path
        actual = files.sha256_of(path)
        if actual != expected:
            problems.append(
                Problem(
                    "sources.csv",
                    data_row(index),
                    "seed_sha256",
                    f"{seed_path} has changed: its SHA-256 is {actual[:12]}…, "
                    f"the feed records {expected[:12]}…; seeds are never edited",
                    SEED_UNCHANGED,
                )
            )
        elif source_id in by_source:
            problems += _check_sentence_offsets(path, by_source[source_id])
    return problems


def _stat_file(path: str) -> os.stat_result | None:
    """The file's status, or None when there is no regular file there."""
    try:
        stat = os.stat(path)  # noqa: PTH116  (see check_seeds)
    except OSError:
        return None
    return stat if S_ISREG(stat.st_mode) else None


def _check_sentence_offsets(path: Path, rows: list[tuple]) -> list[Problem]:
    """Each sentence must be the seed's text between its offsets.

    ``rows`` holds (index, source_id, char_start, char_end, text) per sentence.
    """
    text = files.read_seed(path)
    problems = []
    for index, _, start, end, sentence in rows:
        ok = (
            start.isdigit()
            and end.isdigit()
            and text[int(start) : int(end)] == sentence
        )
        if not ok:
            problems.append(
                Problem(
                    "sentences.parquet",
                    data_row(index),
                    "text",
                    "does not match the seed at char_start:char_end; "
                    "run jkdefense derive",
                    SENTENCE_MATCHES_SEED,
                )
            )
    return problems
