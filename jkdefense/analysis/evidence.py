"""Evidence for a curated row: cited sentences, the quote in them, the citation."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from jkdefense.data.quotes import quote_parts


@dataclass(frozen=True)
class CitedSentence:
    """A cited sentence split into plain and highlighted (quoted) segments."""

    sentence_id: str
    paragraph_no: int
    segments: tuple[tuple[str, bool], ...]
    citation: str


def citation(source: pd.Series) -> str:
    """Return a one-line citation: author, “title”, publisher, date, address."""
    return (
        f"{source['author']}, “{source['title']}”, {source['publisher']}, "
        f"{source['date_published']}, {source['url']}"
    )


# A source line names each article briefly (the footer and Sources cite in full).
SHORT_AUTHOR, SHORT_TITLE = 30, 40


def short_citation(source: pd.Series) -> str:
    """Author (or publisher), a short title, publisher and date, for source lines.

    An author longer than SHORT_AUTHOR characters (a corporate byline) gives
    way to the publisher; a title is cut at a word after SHORT_TITLE characters.
    """
    author = source["author"] if len(source["author"]) <= SHORT_AUTHOR else ""
    title = source["title"]
    if len(title) > SHORT_TITLE:
        title = title[:SHORT_TITLE].rsplit(" ", 1)[0].rstrip(":,;") + "…"
    who = f"{author}, " if author else ""
    return f"{who}“{title}”, {source['publisher']}, {source['date_published']}"


def reference_line(row: pd.Series, tier_names: dict[int, str]) -> str:
    """'Reference (verified, tier 2: major news …): address', or '' without one."""
    url = row.get("reference_url")
    if not isinstance(url, str) or not url:
        return ""
    tier = row.get("reference_tier")
    graded = "tier not given"
    if not pd.isna(tier):
        name = tier_names.get(int(tier), "")
        graded = f"tier {int(tier)}: {name}" if name else f"tier {int(tier)}"
    return f"Reference ({row.get('reference_status')}, {graded}): {url}"


def quote_span(text: str, quote: str) -> tuple[int, int] | None:
    """Locate ``quote`` in ``text`` allowing any white space between its words."""
    words = quote.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (match.start(), match.end()) if match else None


def split_by_spans(
    text: str, spans: list[tuple[int, int]]
) -> tuple[tuple[str, bool], ...]:
    """Cut ``text`` into (segment, is_highlighted) pieces at the given spans."""
    pieces, cursor = [], 0
    for start, end in sorted(spans):
        start, end = max(start, cursor), min(end, len(text))
        if start >= end:
            continue
        if start > cursor:
            pieces.append((text[cursor:start], False))
        pieces.append((text[start:end], True))
        cursor = end
    if cursor < len(text):
        pieces.append((text[cursor:], False))
    return tuple(pieces)


def cited_sentences(
    row: pd.Series, sentences: pd.DataFrame, sources: pd.DataFrame
) -> list[CitedSentence]:
    """Return the sentences a row cites, with its quote highlighted across them."""
    by_id = sentences.set_index("sentence_id")
    ids = [i for i in row["evidence_sentence_ids"] if i in by_id.index]
    texts = [by_id.at[i, "text"] for i in ids]
    joined = " ".join(texts)
    # A quote of passages that are not adjacent has one part per passage.
    quoted = [
        quote_span(joined, part) for part in quote_parts(row["evidence_quote"] or "")
    ]
    quoted_spans = [span for span in quoted if span is not None]
    source_by_id = sources.set_index("source_id")
    result, offset = [], 0
    for sentence_id, text in zip(ids, texts, strict=True):
        spans = [(start - offset, end - offset) for start, end in quoted_spans]
        source_id = by_id.at[sentence_id, "source_id"]
        cite = (
            citation(source_by_id.loc[source_id])
            if source_id in source_by_id.index
            else ""
        )
        result.append(
            CitedSentence(
                sentence_id,
                int(by_id.at[sentence_id, "paragraph_no"]),
                split_by_spans(text, [(max(a, 0), b) for a, b in spans if b > 0]),
                cite,
            )
        )
        offset += len(text) + 1
    return result


def highlight_mentions(
    text: str, char_start: int, spans: list[tuple[int, int]]
) -> tuple[tuple[str, bool], ...]:
    """Segments of a sentence with its mentions highlighted.

    ``spans`` are (char_start, char_end) offsets into the seed, as in the
    mentions table; ``char_start`` is where the sentence starts in the seed.
    """
    return split_by_spans(text, [(a - char_start, b - char_start) for a, b in spans])


def citing_rows(tables: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Article id -> how many curated rows cite it (sources.csv aside).

    sources.csv lists every article, each citing itself; an article only it
    cites is in the feed but not yet in the pages' knowledge.
    """
    counts: dict[str, int] = {}
    for name, table in tables.items():
        if name == "sources" or "evidence_sentence_ids" not in table:
            continue
        for ids in table["evidence_sentence_ids"]:
            if not isinstance(ids, list | tuple):
                continue
            for source_id in {sentence.split(":", 1)[0] for sentence in ids}:
                counts[source_id] = counts.get(source_id, 0) + 1
    return counts


def uncited(tables: dict[str, pd.DataFrame], source_ids: tuple[str, ...]) -> list[str]:
    """The articles of ``source_ids`` that no curated row cites yet, in order."""
    cited = citing_rows(tables)
    return [source_id for source_id in source_ids if source_id not in cited]
