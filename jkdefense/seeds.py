"""Read seed articles and split them into sentences with exact character offsets."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pysbd

# A paragraph is a block of text between blank lines; the seeds use "\n\n".
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a seed: seed_text[char_start:char_end] == text."""

    sentence_no: int
    paragraph_no: int
    char_start: int
    char_end: int
    text: str


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_seed(path: Path) -> str:
    """Read a seed as UTF-8, keeping its line endings (offsets depend on them)."""
    return path.read_bytes().decode("utf-8")


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    # NOTE: clean=False keeps the text untouched, so spans map back to the seed.
    return pysbd.Segmenter(language="en", clean=False)


def _segments(paragraph: str) -> list[str]:
    """The sentences pysbd finds in one paragraph, without its character-span pass.

    NOTE: Segmenter.segment() maps every sentence back to the text with one regex
    search per sentence (over half of derive's time on a long feed); the offsets are
    found here instead, so call the processor step directly.
    """
    if not paragraph:
        return []
    return _segmenter().processor(paragraph).process()


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into paragraphs, then sentences, with offsets into ``text``.

    Sentences never cross a paragraph break. Each sentence is stripped of
    surrounding white space, and its offsets point at the stripped span.
    """
    sentences: list[Sentence] = []
    for paragraph_no, (para_start, para_end) in enumerate(_paragraph_spans(text), 1):
        cursor = para_start
        for segment in _segments(text[para_start:para_end]):
            stripped = segment.strip()
            if not stripped:
                continue
            # Search forward from the last sentence so repeated sentences map in order;
            # like pysbd itself, skip a segment that is not in the text as written.
            start = text.find(stripped, cursor, para_end)
            if start < 0:
                continue
            cursor = start + len(stripped)
            sentences.append(
                Sentence(len(sentences) + 1, paragraph_no, start, cursor, stripped)
            )
    return sentences


def sentence_id(source_id: str, sentence_no: int) -> str:
    """Return the stable id of a sentence, e.g. ``yoon-2019-diplomat:s007``."""
    return f"{source_id}:s{sentence_no:03d}"
