"""Evidence quotes: each part a verbatim, contiguous span of the article text.

A quote is one passage of an article, or several joined by QUOTE_GAP where the
article's text between them is left out. Each part must lie in one passage the
row cites: a run of cited sentences that follow each other in the article, read
from the article's own text (its seed), never from cited sentences run together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

# Joins the parts of a quote that are not adjacent in the article.
QUOTE_GAP = " … "
_WHITESPACE = re.compile(r"\s+")
_SENTENCE_ID = re.compile(r"^(?P<source>.+):s(?P<number>[0-9]+)$")


def normalize_whitespace(text: str) -> str:
    """Collapse runs of white space to one space and trim (quotes compare this way)."""
    return _WHITESPACE.sub(" ", text).strip()


def quote_parts(quote: str) -> list[str]:
    """The parts of a quote, white space normalized (one part when it has no gap)."""
    parts = normalize_whitespace(quote).split(QUOTE_GAP.strip())
    return [p.strip() for p in parts if p.strip()]


def _position(sentence_id: str) -> tuple[str, int] | None:
    match = _SENTENCE_ID.match(sentence_id)
    return (match["source"], int(match["number"])) if match else None


def runs(sentence_ids: Iterable[str]) -> list[list[str]]:
    """Group cited ids into runs of sentences that follow each other in one article."""
    ordered = sorted(
        {i for i in sentence_ids if _position(i)}, key=lambda i: _position(i)
    )
    grouped: list[list[str]] = []
    for sentence_id in ordered:
        source, number = _position(sentence_id)
        if grouped and _position(grouped[-1][-1]) == (source, number - 1):
            grouped[-1].append(sentence_id)
        else:
            grouped.append([sentence_id])
    return grouped


@dataclass(frozen=True)
class Sentence:
    """A sentence of the feed: its article, its offsets there (if known), its text."""

    source_id: str
    start: int | None
    end: int | None
    text: str


class Corpus:
    """The feed's sentences and, where readable, each article's own text."""

    def __init__(
        self,
        sentences: dict[str, Sentence],
        read_article: Callable[[str], str | None] = lambda source_id: None,
    ) -> None:
        """``read_article`` gives an article's text by source id (None: unreadable)."""
        self.sentences = sentences
        self._read_article = read_article
        self._articles: dict[str, str | None] = {}

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        read_article: Callable[[str], str | None] = lambda source_id: None,
    ) -> Corpus:
        """Build from a sentences table (offsets optional: without them, texts)."""
        columns = {c: frame[c].tolist() for c in frame.columns}
        n = len(frame)
        starts = columns.get("char_start", [None] * n)
        ends = columns.get("char_end", [None] * n)
        sources = columns.get("source_id", [""] * n)
        sentences = {
            sentence_id: Sentence(source, _int(start), _int(end), text)
            for sentence_id, source, start, end, text in zip(
                columns["sentence_id"],
                sources,
                starts,
                ends,
                columns["text"],
                strict=True,
            )
        }
        return cls(sentences, read_article)

    def article(self, source_id: str) -> str | None:
        """The article's text, read once (None when it cannot be read)."""
        if source_id not in self._articles:
            self._articles[source_id] = self._read_article(source_id)
        return self._articles[source_id]

    def passage(self, run: list[str]) -> str:
        """The article's text from the run's first sentence to its last, normalized."""
        first, last = self.sentences[run[0]], self.sentences[run[-1]]
        text = self.article(first.source_id) if first.source_id else None
        if text is not None and first.start is not None and last.end is not None:
            return normalize_whitespace(text[first.start : last.end])
        return normalize_whitespace(" ".join(self.sentences[i].text for i in run))


def _int(value: object) -> int | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value)
    return int(text) if text.isdigit() else None


def missing_parts(quote: str, sentence_ids: list[str], corpus: Corpus) -> list[str]:
    """The parts of ``quote`` that are in no passage the cited sentences make."""
    passages = [corpus.passage(run) for run in runs(sentence_ids)]
    return [
        part
        for part in quote_parts(quote)
        if not any(part in passage for passage in passages)
    ]
