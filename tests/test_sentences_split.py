"""Sentences are cut where English sentences end, on the feed's documents and
on hand-written hard cases (tests/corpus/sentences/), whatever the line ends.
"""

import pytest

from benchmarks import bench_splitter
from jkdefense.pipeline import seeds, sentence_ends
from tests.conftest import ROOT

DOCUMENTS = {
    source_id: (text, truth)
    for source_id, text, truth in (bench_splitter.corpus_documents())
}
HARD_CASES = {case["why"]: case for case in bench_splitter.hard_cases()}


def test_the_corpus_holds_every_feed_document():
    assert set(DOCUMENTS) == {path.stem for path in (ROOT / "seeds").glob("*.txt")}


@pytest.mark.parametrize("source_id", DOCUMENTS)
def test_the_corpus_covers_its_document_a_line_at_most_a_sentence(source_id):
    """The true sentences are the document's words, in order, none left out."""
    text, truth = DOCUMENTS[source_id]
    spans = bench_splitter.spans_of(text, truth)
    cursor = 0
    for start, end in spans:
        assert not text[cursor:start].strip(), text[cursor:start]
        assert "\n" not in text[start:end] and "\r" not in text[start:end]
        cursor = end
    assert not text[cursor:].strip()


@pytest.mark.parametrize("source_id", DOCUMENTS)
def test_a_feed_document_is_cut_at_its_true_boundaries(source_id):
    text, truth = DOCUMENTS[source_id]
    sentences = seeds.split_sentences(text)
    assert [s.text for s in sentences] == truth
    assert all(text[s.char_start : s.char_end] == s.text for s in sentences)


@pytest.mark.parametrize("why", HARD_CASES)
def test_a_hard_case_is_cut_where_its_sentences_end(why):
    case = HARD_CASES[why]
    sentences = seeds.split_sentences(case["text"])
    assert [s.text for s in sentences] == case["sentences"]
    assert all(case["text"][s.char_start : s.char_end] == s.text for s in sentences)


def test_the_corpus_scores_the_splitter_and_tells_its_faults_apart():
    """Every true cut inside a line found and no other; raw sentencex cuts more."""
    chosen = bench_splitter.score(seeds.line_sentences)
    assert (chosen.precision, chosen.recall) == (1.0, 1.0)
    assert chosen.documents_right == len(DOCUMENTS)
    assert chosen.hard_cases_right == len(HARD_CASES)
    raw = bench_splitter.score(bench_splitter.CANDIDATES["sentencex"][1]())
    assert raw.precision < 1.0
    assert raw.hard_cases_right < len(HARD_CASES)


@pytest.mark.parametrize(("line_end", "name"), [("\r\n", "CRLF"), ("\r", "CR")])
def test_other_line_ends_keep_lines_paragraphs_and_offsets(line_end, name):
    text, truth = DOCUMENTS["whitehouse-2025-trump-lee-joint-fact-sheet"]
    lf = seeds.split_sentences(text)
    other = text.replace("\n", line_end)
    sentences = seeds.split_sentences(other)
    assert [s.text for s in sentences] == truth, name
    assert [s.paragraph_no for s in sentences] == [s.paragraph_no for s in lf]
    assert max(s.paragraph_no for s in sentences) > 1
    assert all(other[s.char_start : s.char_end] == s.text for s in sentences)


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        ("One.\r\n \t\r\nTwo.\r\nThree.", [1, 2, 2]),
        ("One.\r\rTwo.\rThree.", [1, 2, 2]),
        ("One.\n\r\n\r\nTwo.", [1, 2]),
        ("\r\n\r\nOne.\r\n\r\n\r\n\r\nTwo.\r\n", [1, 2]),
    ],
)
def test_blank_lines_part_paragraphs_whatever_the_line_ends(text, paragraphs):
    assert [s.paragraph_no for s in seeds.split_sentences(text)] == paragraphs


@pytest.mark.parametrize(
    ("before", "after", "goes_on"),
    [
        ("We welcome our new Japan-U.", "S. personnel programs.", True),
        ("President Donald J.", "Trump met him.", True),
        ("Mr. Kim met Ms.", "Park.", True),
        ("1.", "The first point.", True),
        ("It is No.", "5 on the list.", True),
        ("The answer was No.", "The talks ended.", False),
        ("The rate of the U.S.", "Most Favored Nation applies.", True),
        ("It was held in the U.S.", "The next one is in Japan.", False),
        ("It was held in the U.S.", "“We will return,” he said.", False),
        ("The parts are Annex A and Annex B.", "The first covers drills.", False),
        ("Partners include Boeing, L3, etc.", "Many others joined.", False),
        ("The talks ended.", "They met again.", False),
    ],
)
def test_a_cut_after_an_abbreviation_is_undone_only_mid_sentence(
    before, after, goes_on
):
    assert sentence_ends.continues(before, after) is goes_on
