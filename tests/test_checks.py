import pandas as pd

from jkdefense.data import checks, evidence_checks, quotes


def test_normalize_whitespace():
    assert quotes.normalize_whitespace("  a\n\tb   c ") == "a b c"


def test_scramble_totals_must_add_up():
    scrambles = pd.DataFrame(
        {
            "total_count": ["10", "10"],
            "china_count": ["5", "5"],
            "russia_count": ["3", "3"],
            "other_count": ["2", "1"],
        }
    )
    found = checks.check_scramble_totals(scrambles)
    assert [(p.row, p.field) for p in found] == [(3, "total_count")]
    assert found[0].message == "10 is not china + russia + other (9)"


def _corpus(texts: dict[str, str], article: str | None = None) -> quotes.Corpus:
    """Sentences of article 'a'; with ``article``, their offsets in it."""
    frame = pd.DataFrame({"sentence_id": list(texts), "text": list(texts.values())})
    if article is not None:
        frame["source_id"] = "a"
        frame["char_start"] = [str(article.index(t)) for t in texts.values()]
        frame["char_end"] = [str(article.index(t) + len(t)) for t in texts.values()]
    return quotes.Corpus.from_frame(frame, lambda source_id: article)


def _quote_row(ids: str, quote: str) -> dict[str, str]:
    return {
        "evidence_sentence_ids": ids,
        "evidence_quote": quote,
        "evidence_type": "stated",
        "curation_note": "",
        "reference_url": "",
        "reference_status": "",
    }


def _quote_problems(row: dict[str, str], corpus: quotes.Corpus) -> list:
    return evidence_checks.check_evidence("x.csv", pd.DataFrame([row]), corpus)


def test_quote_may_span_adjacent_sentences_with_any_white_space():
    article = "One two.\n\nThree  four. Five six."
    corpus = _corpus({"a:s001": "One two.", "a:s002": "Three  four."}, article)
    assert (
        _quote_problems(_quote_row("a:s001;a:s002", "two.\nThree four"), corpus) == []
    )
    found = _quote_problems(_quote_row("a:s001;a:s002", "two. Four"), corpus)
    assert [(p.row, p.field) for p in found] == [(2, "evidence_quote")]


def test_quote_of_sentences_not_adjacent_needs_the_gap_mark():
    texts = {"a:s001": "One two.", "a:s002": "Three four.", "a:s003": "Five six."}
    corpus = _corpus(texts, "One two. Three four. Five six.")
    run_together = _quote_row("a:s001;a:s003", "One two. Five six.")
    found = _quote_problems(run_together, corpus)
    assert [(p.row, p.field) for p in found] == [(2, "evidence_quote")]
    assert "not one passage of the article" in found[0].message
    assert "'…'" in found[0].message
    joined = _quote_row("a:s001;a:s003", "One two. … Five six.")
    assert _quote_problems(joined, corpus) == []


def test_quote_is_read_in_the_article_not_in_the_sentences():
    # The derived sentence lost a word the article has: the article decides.
    corpus = _corpus({"a:s001": "One two."}, "One two.")
    corpus.sentences["a:s001"] = quotes.Sentence("a", 0, 8, "One three.")
    assert _quote_problems(_quote_row("a:s001", "One two."), corpus) == []
    assert _quote_problems(_quote_row("a:s001", "One three."), corpus) != []


def test_a_part_outside_the_cited_sentences_is_refused():
    texts = {"a:s001": "One two.", "a:s002": "Three four."}
    corpus = _corpus(texts, "One two. Three four.")
    found = _quote_problems(_quote_row("a:s001", "One two. Three four."), corpus)
    assert [(p.row, p.field) for p in found] == [(2, "evidence_quote")]


def test_quote_parts_and_runs():
    assert quotes.quote_parts(" a  b … c\n d ") == ["a b", "c d"]
    assert quotes.runs(["x:s003", "x:s001", "x:s002", "y:s004"]) == [
        ["x:s001", "x:s002", "x:s003"],
        ["y:s004"],
    ]


def test_reference_url_needs_a_status():
    row = {
        "evidence_sentence_ids": "",
        "evidence_quote": "",
        "evidence_type": "stated",
        "curation_note": "",
        "reference_url": "https://example.org",
        "reference_status": "",
    }
    found = evidence_checks.check_evidence("x.csv", pd.DataFrame([row]), None)
    assert [(p.field, p.message) for p in found] == [
        ("reference_status", "required when reference_url is set")
    ]
