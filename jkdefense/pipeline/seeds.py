"""Read seed articles and split them into sentences with exact character offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import sentencex

from jkdefense.pipeline import sentence_ends

# A line ends at LF, CRLF or a lone CR; a paragraph is a block of text between
# blank lines, whichever line endings the file uses.
_LINE_END = r"(?:\r\n|\r(?!\n)|\n)"
_LINE_BREAK = re.compile(_LINE_END)
_PARAGRAPH_BREAK = re.compile(rf"{_LINE_END}(?:[ \t]*{_LINE_END})+")
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


# NOTE: sentencex 1.0.32 panics on a capital letter, a white space of more than one
# UTF-8 byte (no-break space, U+2028, U+0085) and a full stop, as in "J\xa0.". It
# reads such a space as white space anyway, so it gets a plain space in its place:
# one character for one, which keeps every offset.
_WIDE_SPACE = re.compile(
    "[" + "".join(c for c in map(chr, range(128, 0x3001)) if c.isspace()) + "]"
)


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Offsets of the sentences of one line, stripped of surrounding white space."""
    try:
        spans = line_sentences(text[start:end])
    except BaseException as error:  # a panic in sentencex's Rust is no Exception
        if type(error).__name__ != "PanicException":
            raise
        raise ValueError(
            f"the sentence splitter failed on characters {start}-{end}: {error}"
        ) from None
    for a, b in spans:
        yield start + a, start + b


def line_sentences(line: str) -> list[tuple[int, int]]:
    """Where the sentences of one line lie, (start, end), stripped of white space.

    sentencex proposes the cuts; a cut right after an abbreviation or an initial
    that ends no sentence there ("Japan-U.|S.", "Ms.|Park", "U.S.|Most Favored
    Nation", "1.|The first point") is undone.
    """
    plain = line if line.isascii() else _WIDE_SPACE.sub(" ", line)
    spans: list[tuple[int, int]] = []
    for found in sentencex.get_sentence_boundaries(LANGUAGE, plain):
        a, b = found["start_index"], found["end_index"]
        piece = line[a:b]
        stripped = piece.strip()
        if not stripped:
            continue
        a += len(piece) - len(piece.lstrip())
        b = a + len(stripped)
        if spans and sentence_ends.continues(plain[slice(*spans[-1])], plain[a:b]):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into paragraphs, then sentences, with offsets into ``text``.

    Sentences never cross a paragraph break, nor a line break: a line of its own
    (a headline, a photo credit, a byline) is a sentence even without a full stop.
    Each sentence is stripped of surrounding white space, and its offsets point at
    the stripped span.
    """
    sentences: list[Sentence] = []
    for paragraph_no, line_start, line_end in lines(text):
        for start, end in _sentence_spans(text, line_start, line_end):
            sentences.append(
                Sentence(len(sentences) + 1, paragraph_no, start, end, text[start:end])
            )
    return sentences


def lines(text: str) -> Iterator[tuple[int, int, int]]:
    """(paragraph_no, start, end) of each line of ``text``, paragraphs from 1.

    Blank lines part paragraphs and are no line of their own.
    """
    paragraph_no = 0
    for para_start, para_end in _spans(text, _PARAGRAPH_BREAK, 0, len(text)):
        if not text[para_start:para_end].strip():
            continue
        paragraph_no += 1
        for line_start, line_end in _spans(text, _LINE_BREAK, para_start, para_end):
            yield paragraph_no, line_start, line_end


def sentence_id(source_id: str, sentence_no: int) -> str:
    """Return the stable id of a sentence, e.g. ``yoon-2019-diplomat:s007``."""
    return f"{source_id}:s{sentence_no:03d}"
