import pandas as pd

from jkdefense.data import checks


def test_normalize_whitespace():
    assert checks.normalize_whitespace("  a\n\tb   c ") == "a b c"


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


def test_quote_may_span_sentences_with_any_white_space():
    sentences = pd.DataFrame(
        {"sentence_id": ["a:s001", "a:s002"], "text": ["One two.", "Three  four."]}
    )
    row = {
        "evidence_sentence_ids": "a:s001;a:s002",
        "evidence_quote": "two.\nThree four",
        "evidence_type": "stated",
        "curation_note": "",
        "reference_url": "",
        "reference_status": "",
    }
    assert (
        checks.check_evidence(
            "x.csv", pd.DataFrame([row]), checks.sentence_texts(sentences)
        )
        == []
    )
    row["evidence_quote"] = "two. Four"
    found = checks.check_evidence(
        "x.csv", pd.DataFrame([row]), checks.sentence_texts(sentences)
    )
    assert [(p.row, p.field) for p in found] == [(2, "evidence_quote")]


def test_reference_url_needs_a_status():
    row = {
        "evidence_sentence_ids": "",
        "evidence_quote": "",
        "evidence_type": "stated",
        "curation_note": "",
        "reference_url": "https://example.org",
        "reference_status": "",
    }
    found = checks.check_evidence("x.csv", pd.DataFrame([row]), None)
    assert [(p.field, p.message) for p in found] == [
        ("reference_status", "required when reference_url is set")
    ]
