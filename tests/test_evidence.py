import pandas as pd

from jkdefense.analysis import evidence

SENTENCES = pd.DataFrame(
    {
        "sentence_id": ["a:s001", "a:s002"],
        "source_id": ["a", "a"],
        "paragraph_no": [1, 1],
        "text": [
            "Cooperation is feasible in tanks.",
            "And in   stealth fighters, too.",
        ],
    }
)
SOURCES = pd.DataFrame(
    {
        "source_id": ["a"],
        "author": ["S. Yoon"],
        "title": ["T"],
        "publisher": ["The Diplomat"],
        "date_published": ["2019-03"],
        "url": ["https://example.org/t"],
    }
)


def test_quote_span_allows_any_white_space():
    assert evidence.quote_span("And in   stealth fighters", "in stealth fighters") == (
        4,
        25,
    )
    assert evidence.quote_span("text", "absent") is None


def test_split_by_spans_marks_the_quote():
    assert evidence.split_by_spans("abcdef", [(2, 4)]) == (
        ("ab", False),
        ("cd", True),
        ("ef", False),
    )


def test_quote_across_two_sentences_is_highlighted_in_both():
    row = pd.Series(
        {
            "evidence_sentence_ids": ["a:s001", "a:s002"],
            "evidence_quote": "in tanks. And in stealth",
        }
    )
    cited = evidence.cited_sentences(row, SENTENCES, SOURCES)
    highlighted = ["".join(t for t, marked in c.segments if marked) for c in cited]
    assert highlighted == ["in tanks.", "And in   stealth"]
    assert cited[0].citation == (
        "S. Yoon, “T”, The Diplomat, 2019-03, https://example.org/t"
    )


def test_mentions_are_highlighted_at_their_offsets():
    segments = evidence.highlight_mentions("Cooperation is feasible", 100, [(110, 115)])
    assert segments == (("Cooperatio", False), ("n is ", True), ("feasible", False))
