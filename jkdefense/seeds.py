"""Read seed articles and split them into sentences with exact character offsets."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pysbd.utils
from pysbd.lang.english import English
from pysbd.processor import Processor

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


# Characters outside ASCII that Python's case-insensitive matching equates with an
# ASCII letter (İ ı ſ K); a line holding one takes pysbd's own, slower path.
CASE_TWINS = frozenset("\u0130\u0131\u017f\u212a")


class _QuickAbbreviationReplacer(English.AbbreviationReplacer):
    """pysbd's English abbreviation pass, skipping abbreviations that cannot apply.

    NOTE: pysbd runs two regexes for every known abbreviation that occurs anywhere
    in a line ("no" inside "north"), about half of derive's time, yet each of its
    replacements only turns a "." right after the abbreviation into a marker. An
    abbreviation that ends no stretch of the line before a "." changes nothing, so
    it is skipped; the rest is pysbd 0.3.4's loop unchanged, in its order (a test
    compares the two on the seeds and on tricky text).
    """

    def search_for_abbreviations_in_string(self, text: str) -> str:
        if not CASE_TWINS.isdisjoint(text):
            return super().search_for_abbreviations_in_string(text)
        candidates = _abbreviations_before_periods(text)
        if not candidates:
            return text
        lowered = text.lower()
        for abbr in self.lang.Abbreviation.ABBREVIATIONS:
            stripped = abbr.strip()
            if stripped not in candidates or stripped not in lowered:
                continue
            abbrev_match = re.findall(
                rf"(?:^|\s|\r|\n){stripped}", text, flags=re.IGNORECASE
            )
            if not abbrev_match:
                continue
            next_word_start = r"(?<={" + str(re.escape(stripped)) + "} ).{1}"
            char_array = re.findall(next_word_start, text)
            for ind, match in enumerate(abbrev_match):
                text = self.scan_for_replacements(text, match, ind, char_array)
        return text


_ABBREVIATIONS = [a.strip() for a in English.Abbreviation.ABBREVIATIONS]
_PLAIN = frozenset(a for a in _ABBREVIATIONS if "." not in a)
# pysbd uses an abbreviation itself as a regex, so its "." matches any character.
_DOTTED = {a: re.compile(a) for a in _ABBREVIATIONS if "." in a}
_LENGTHS = sorted({len(a) for a in _ABBREVIATIONS})


def _abbreviations_before_periods(text: str) -> set[str]:
    """The known abbreviations that some stretch of ``text`` before a "." could be."""
    endings = _endings_before_periods(text)
    found = set(endings & _PLAIN)
    for abbreviation, pattern in _DOTTED.items():
        if any(len(e) == len(abbreviation) and pattern.fullmatch(e) for e in endings):
            found.add(abbreviation)
    return found


def _endings_before_periods(text: str) -> set[str]:
    """Lowercased stretches that could be an abbreviation pysbd acts on.

    Each has a known abbreviation's length, ends right before a "." and starts the
    line or follows white space, as pysbd's replacement patterns require.
    """
    endings = set()
    period = text.find(".")
    while period >= 0:
        for length in _LENGTHS:
            start = period - length
            if start == 0 or (start > 0 and text[start - 1].isspace()):
                endings.add(text[start:period].lower())
        period = text.find(".", period + 1)
    return endings


_compiled = cache(re.compile)


def _apply_precompiled(text: str, *rules: pysbd.utils.Rule) -> str:
    """Apply pysbd rules as its Text.apply does, each pattern compiled once."""
    for rule in rules:
        text = _compiled(rule.pattern).sub(rule.replacement, text)
    return text


# NOTE: pysbd applies each of its rules with re.sub(pattern_string, ...), paying
# for a regex-cache lookup hundreds of times per paragraph (about a tenth of
# derive's time). Same substitutions, same order, so the same sentences.
PYSBD_APPLY = pysbd.utils.Text.apply  # pysbd's own, for the test that compares
pysbd.utils.Text.apply = _apply_precompiled


class _QuickEnglish(English):
    AbbreviationReplacer = _QuickAbbreviationReplacer


def _segments(paragraph: str) -> list[str]:
    """The sentences pysbd finds in one paragraph, without its character-span pass.

    NOTE: Segmenter.segment() maps every sentence back to the text with one regex
    search per sentence (over half of derive's time on a long feed); the offsets are
    found here instead, so call the processor step directly.
    """
    if not paragraph:
        return []
    return Processor(paragraph, _QuickEnglish).process()


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
