"""Checks across tables and files that a Table Schema cannot express on its own."""

from __future__ import annotations

import os
from pathlib import Path
from stat import S_ISREG
from typing import Any

import pandas as pd

from jkdefense.data import alias_contexts, files, quotes, rules, schema
from jkdefense.data.problems import (
    CLAIM_SUBJECT,
    EVIDENCE_SENTENCE,
    FOREIGN_KEY,
    INFERRED_NEEDS_NOTE,
    LIST_FOREIGN_KEY,
    QUOTE_VERBATIM,
    SCRAMBLE_TOTAL,
    SEED_EXISTS,
    SEED_UNCHANGED,
    SENTENCE_MATCHES_SEED,
    URL_NEEDS_STATUS,
    Problem,
    data_row,
)
from jkdefense.data.quotes import normalize_whitespace

__all__ = ["check_package", "normalize_whitespace"]


def check_package(
    raw: dict[str, pd.DataFrame],
    descriptor: schema.Descriptor,
    project_dir: Path,
    derived_at: float | None = None,
) -> list[Problem]:
    """Run every check over the readable tables and return all problems found."""
    resources = schema.resources(descriptor)
    problems: list[Problem] = []
    corpus = article_corpus(raw.get("sentences"), raw.get("sources"), project_dir)
    for name, frame in raw.items():
        file = resources[name]["path"]
        for spec in schema.fields(resources[name]):
            problems += schema.check_field(file, frame, spec)
        problems += schema.check_keys(file, frame, resources[name])
        problems += check_foreign_keys(file, frame, resources[name], raw, resources)
        if schema.is_curated(resources[name]):
            problems += check_evidence(file, frame, corpus)
    if "sources" in raw:
        problems += check_seeds(
            raw["sources"], project_dir, raw.get("sentences"), derived_at
        )
    if "scrambles" in raw:
        problems += check_scramble_totals(raw["scrambles"])
    if "claims" in raw:
        problems += check_claim_subjects(raw["claims"], raw, resources)
    problems += alias_contexts.check_alias_contexts(raw, resources)
    problems += rules.check_rules(raw, descriptor)
    return problems


def _key_values(raw: dict[str, pd.DataFrame], resources: dict, ref: dict) -> set | None:
    target = raw.get(ref["resource"])
    if target is None or ref["fields"] not in target:
        return None  # the target's own problem is already reported
    return set(target[ref["fields"]].tolist())


def check_foreign_keys(
    file: str,
    frame: pd.DataFrame,
    resource: dict[str, Any],
    raw: dict[str, pd.DataFrame],
    resources: dict,
) -> list[Problem]:
    """Report references (plain and ';'-list) to keys that do not exist."""
    problems = []
    links = [(fk, False) for fk in resource["schema"].get("foreignKeys", [])]
    links += [(fk, True) for fk in resource["schema"].get("listForeignKeys", [])]
    for fk, is_list in links:
        column, ref = fk["fields"], fk["reference"]
        known = _key_values(raw, resources, ref)
        if known is None:
            continue
        # NOTE: .tolist(), not .items(): stepping through an Arrow-backed column
        # one cell at a time costs about a microsecond a cell (millions in a feed).
        for index, cell in zip(frame.index, frame[column].tolist(), strict=True):
            items = schema.split_list(cell) if is_list else ([cell] if cell else [])
            for item in items:
                if item not in known:
                    problems.append(
                        Problem(
                            file,
                            data_row(index),
                            column,
                            f"{item!r} is not a {ref['fields']} "
                            f"in {ref['resource']}.csv",
                            LIST_FOREIGN_KEY if is_list else FOREIGN_KEY,
                        )
                    )
    return problems


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
            return None  # the seed's own problem is reported by check_seeds

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


def check_scramble_totals(scrambles: pd.DataFrame) -> list[Problem]:
    """Check china + russia + other == total for every fiscal year."""
    problems = []
    columns = ["total_count", "china_count", "russia_count", "other_count"]
    # A cell that is not an integer is reported by its field check, not here.
    numbers = pd.DataFrame({c: schema.integers(scrambles[c]) for c in columns})
    parts = numbers[columns[1:]].sum(axis=1, min_count=3)
    total = numbers["total_count"]
    known = parts.notna() & total.notna()
    for index in scrambles.index[known & (parts != total).fillna(False)]:
        problems.append(
            Problem(
                "scrambles.csv",
                data_row(index),
                "total_count",
                f"{int(numbers.loc[index, 'total_count'])} is not "
                "china + russia + other "
                f"({int(parts[index])})",
                SCRAMBLE_TOTAL,
            )
        )
    return problems


def check_claim_subjects(
    claims: pd.DataFrame, raw: dict[str, pd.DataFrame], resources: dict
) -> list[Problem]:
    """Check each claim's subject_id exists in the table named by subject_table."""
    problems = []
    for index, row in claims.iterrows():
        table = raw.get(row["subject_table"])
        if table is None or row["subject_table"] not in resources:
            continue
        key = schema.primary_key(resources[row["subject_table"]])[0]
        if row["subject_id"] not in set(table[key]):
            problems.append(
                Problem(
                    "claims.csv",
                    data_row(index),
                    "subject_id",
                    f"{row['subject_id']!r} is not a {key} "
                    f"in {row['subject_table']}.csv",
                    CLAIM_SUBJECT,
                )
            )
    return problems
