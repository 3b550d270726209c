"""Curated rows' evidence: cited sentences exist, quotes are verbatim, notes given.

A quote is checked against its article's own text, so what a page quotes is
what the article says.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from jkdefense.data import files, quotes, schema
from jkdefense.data.problems import (
    EVIDENCE_SENTENCE,
    INFERRED_NEEDS_NOTE,
    QUOTE_VERBATIM,
    URL_NEEDS_STATUS,
    Problem,
    data_row,
)


def article_corpus(
    sentences: pd.DataFrame | None,
    sources: pd.DataFrame | None,
    project_dir: Path | None = None,
) -> quotes.Corpus | None:
    """The feed's sentences with each article's text, or None when unreadable.

    Quotes are checked against the article's own text: a seed is read the first
    time a quote cites it (a curated row cites few of a long feed's articles).
    """
    if sentences is None:
        return None
    seeds = (
        {}
        if sources is None or "seed_path" not in sources
        else dict(zip(sources["source_id"], sources["seed_path"], strict=True))
    )

    def read_article(source_id: str) -> str | None:
        seed = seeds.get(source_id)
        if not seed or project_dir is None:
            return None
        try:
            return files.read_seed(project_dir / seed)
        except (OSError, UnicodeDecodeError):
            return None  # the seed's own problem is reported by seed_checks

    return quotes.Corpus.from_frame(sentences, read_article)


def check_evidence(
    file: str, frame: pd.DataFrame, corpus: quotes.Corpus | None
) -> list[Problem]:
    """Check evidence ids resolve, quotes are verbatim, and notes/status are present.

    ``corpus`` holds the feed's sentences and articles (None: the sentences table
    is unreadable, so ids and quotes cannot be checked).
    """
    problems = []
    # NOTE: plain tuples, not iterrows: sources.csv alone has a row per article.
    columns = [
        "evidence_type",
        "curation_note",
        "reference_url",
        "reference_status",
        "evidence_sentence_ids",
        "evidence_quote",
    ]
    lists = (frame[c].tolist() for c in columns)
    for index, *values in zip(frame.index, *lists, strict=True):
        row = dict(zip(columns, values, strict=True))
        at = data_row(index)
        if row["evidence_type"] == "inferred" and not row["curation_note"]:
            problems.append(
                Problem(
                    file,
                    at,
                    "curation_note",
                    "required when evidence_type is inferred",
                    INFERRED_NEEDS_NOTE,
                )
            )
        if row["reference_url"] and not row["reference_status"]:
            problems.append(
                Problem(
                    file,
                    at,
                    "reference_status",
                    "required when reference_url is set",
                    URL_NEEDS_STATUS,
                )
            )
        if corpus is not None:
            problems += _check_quote(file, at, row, corpus)
    return problems


def _check_quote(
    file: str, at: int, row: dict[str, str], corpus: quotes.Corpus
) -> list[Problem]:
    ids = schema.split_list(row["evidence_sentence_ids"])
    unknown = [i for i in ids if i not in corpus.sentences]
    if unknown:
        return [
            Problem(
                file,
                at,
                "evidence_sentence_ids",
                f"sentence {', '.join(unknown)} not found in sentences.parquet",
                EVIDENCE_SENTENCE,
            )
        ]
    if not ids or not row["evidence_quote"]:
        return []
    missing = quotes.missing_parts(row["evidence_quote"], ids, corpus)
    if not missing:
        return []
    part = missing[0]
    shown = part if len(part) <= 80 else part[:77] + "..."
    return [
        Problem(
            file,
            at,
            "evidence_quote",
            f"quote {shown!r} is not one passage of the article in the cited sentences "
            f"{', '.join(ids)}; join parts that are not adjacent with "
            f"{quotes.QUOTE_GAP.strip()!r}",
            QUOTE_VERBATIM,
        )
    ]
