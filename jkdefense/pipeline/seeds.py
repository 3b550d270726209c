"""Read seed articles and split them into sentences with exact character offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import sentencex

# A paragraph is a block of text between blank lines; the seeds use "\n\n".
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# sentencex's English rules: abbreviations, initials, quotes.
LANGUAGE = "en"


@dataclass(frozen=True)
class Sentence:
    """One sentence of a seed: seed_text[char_start:char_end] == text."""

    sentence_no: int
    paragraph_no: int
    char_start: int
    char_end: int
    text: str


def _spans(
    text: str, pattern: re.Pattern, start: int, end: int
) -> Iterator[tuple[int, int]]:
    """The stretches of text[start:end] between matches of ``pattern``."""
    for brk in pattern.finditer(text, start, end):
        yield start, brk.start()
        start = brk.end()
    yield start, end


_LINE_BREAK = re.compile(r"\n")

# NOTE: sentencex 1.0.32 panics on a capital letter, a white space of more than one
# UTF-8 byte (no-break space, U+2028, U+0085) and a full stop, as in "J\xa0.". It
# reads such a space as white space anyway, so it gets a plain space in its place:
# one character for one, which keeps every offset.
_WIDE_SPACES = {c: " " for c in range(128, 0x3001) if chr(c).isspace()}


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Offsets of the sentences of one line, stripped of surrounding white space."""
    line = text[start:end]
    plain = line.translate(_WIDE_SPACES) if not line.isascii() else line
    try:
        boundaries = sentencex.get_sentence_boundaries(LANGUAGE, plain)
    except BaseException as error:  # a panic in sentencex's Rust is no Exception
        if type(error).__name__ != "PanicException":
            raise
        raise ValueError(
            f"the sentence splitter failed on characters {start}-{end}: {error}"
        ) from None
    for found in boundaries:
        a, b = found["start_index"], found["end_index"]
        piece = line[a:b]
        stripped = piece.strip()
        if stripped:
            a += len(piece) - len(piece.lstrip())
            yield start + a, start + a + len(stripped)


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into paragraphs, then sentences, with offsets into ``text``.

    Sentences never cross a paragraph break, nor a line break: a line of its own
    (a headline, a photo credit, a byline) is a sentence even without a full stop.
    Each sentence is stripped of surrounding white space, and its offsets point at
    the stripped span.
    """
    sentences: list[Sentence] = []
    paragraph_no = 0
    for para_start, para_end in _spans(text, _PARAGRAPH_BREAK, 0, len(text)):
        if not text[para_start:para_end].strip():
            continue
        paragraph_no += 1
        for line_start, line_end in _spans(text, _LINE_BREAK, para_start, para_end):
            for start, end in _sentence_spans(text, line_start, line_end):
                sentences.append(
                    Sentence(
                        len(sentences) + 1, paragraph_no, start, end, text[start:end]
                    )
                )
    return sentences


def sentence_id(source_id: str, sentence_no: int) -> str:
    """Return the stable id of a sentence, e.g. ``yoon-2019-diplomat:s007``."""
    return f"{source_id}:s{sentence_no:03d}"
