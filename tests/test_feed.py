"""Reading the derived feed on demand gives what the whole tables say."""

import os
import time

import pandas as pd

from jkdefense.analysis import feed_counts
from jkdefense.data import feed, files, load
from jkdefense.pipeline import derived_files
from tests.conftest import ROOT

DATA = ROOT / "data"
SOURCE = "yoon-2019-diplomat"


def test_article_counts_match_the_whole_tables(package):
    counts = feed.article_counts(DATA).set_index("source_id")
    for name, column in (
        ("sentences", "sentence_count"),
        ("mentions", "mention_count"),
    ):
        per_article = package.tables[name]["source_id"].value_counts()
        assert counts[column].to_dict() == per_article.to_dict()
    assert counts.loc[SOURCE, "sentence_count"] == 67


def test_sentence_search_counts_every_match_and_returns_the_first(package):
    sentences = package.tables["sentences"]
    expected = sentences[sentences["text"].str.contains("korea", case=False)]
    total, first = feed.sentences_matching(DATA, None, "  KOREA ", limit=5)
    assert total == len(expected) > 5
    assert list(first["sentence_id"]) == list(expected["sentence_id"][:5])
    everything, _ = feed.sentences_matching(DATA, None, "", limit=1)
    assert everything == len(sentences)
    none_in_view, rows = feed.sentences_matching(DATA, ("other-article",), "", 5)
    assert none_in_view == 0 and rows.empty
    # Plain text, not a pattern: "(a+b" is looked for as written.
    assert feed.sentences_matching(DATA, None, "(a+b", 5)[0] == 0


def test_mentions_of_a_few_sentences(package):
    mentions = package.tables["mentions"]
    wanted = list(mentions["sentence_id"].unique()[[0, 5]])
    got = feed.mentions_of(DATA, wanted)
    assert len(got) == mentions["sentence_id"].isin(wanted).sum() > 0
    assert set(got["sentence_id"]) <= set(wanted)
    assert feed.mentions_of(DATA, []).empty


def test_queue_leaves_out_cited_sentences_and_other_articles(package):
    cited = feed_counts.cited_sentence_ids(package.tables)
    names = feed.entity_names(package.tables)
    total, queue = feed.curation_queue(DATA, None, cited, names, limit=None)
    uncited = set(package.tables["mentions"]["sentence_id"]) - cited
    assert set(queue["sentence_id"]) == uncited and total == len(uncited)
    assert queue["entity_count"].is_monotonic_decreasing
    assert not queue["text"].isna().any()
    assert "South Korea" in " ".join(queue["entities"])  # names, not ids
    assert not queue["entities"].str.contains("countries:").any()
    shown_total, shown = feed.curation_queue(DATA, None, cited, names, limit=10)
    assert shown_total == total and shown.equals(queue.head(10))
    assert feed.curation_queue(DATA, ("other",), cited, names, None)[0] == 0


def test_cached_reads_follow_a_rewritten_file(data_copy):
    before = feed.article_counts(data_copy)
    path = derived_files.derived_path(data_copy, "entity_mentions")
    table = derived_files.read_parquet(path)
    path.write_bytes(derived_files.to_parquet_bytes(table.slice(0, 1)))
    later = time.time() + 5  # a new modification time, however coarse the clock
    os.utime(path, (later, later))
    after = feed.article_counts(data_copy)
    assert int(after["mention_count"].sum()) == table["mention_count"][0].as_py()
    assert int(before["mention_count"].sum()) > int(after["mention_count"].sum())


def test_the_app_loads_only_cited_sentences_and_checks_them_all(package):
    app = load.load_package(DATA, whole_feed=False)
    cited = feed_counts.cited_sentence_ids(app.tables)
    assert set(app.tables["sentences"]["sentence_id"]) == cited
    assert "mentions" not in app.tables and app.problems == package.problems == []
    curated = [n for n in app.tables if n != "sentences"]
    for name in curated:
        pd.testing.assert_frame_equal(app.tables[name], package.tables[name])


def test_a_quote_not_in_its_sentence_is_reported_by_the_app_too(data_copy):
    path = data_copy / "threats.csv"
    threats = pd.read_csv(path, dtype=str, keep_default_na=False)
    threats.loc[0, "evidence_quote"] = "words the article never says"
    threats.to_csv(path, index=False, lineterminator="\n")
    app = load.load_package(data_copy, whole_feed=False)
    full = load.load_package(data_copy)
    assert [str(p) for p in app.problems] == [str(p) for p in full.problems]
    assert any(p.field == "evidence_quote" for p in app.problems)


def test_an_article_not_derived_yet_is_named(data_copy):
    seed = data_copy.parent / "seeds" / "later.txt"
    seed.write_text("KAI met Hanwha.\n", encoding="utf-8")

    with (data_copy / "sources.csv").open("a", encoding="utf-8") as stream:
        stream.write(
            f"later,Later,A. Writer,Press,https://example.org/l,2024-05-01,,,"
            f"seeds/later.txt,{files.sha256_of(seed)},later:s001,KAI met,stated,,,,\n"
        )
    for whole_feed in (True, False):
        problems = load.load_package(data_copy, whole_feed=whole_feed).problems
        stale = [p for p in problems if "no sentences for later" in p.message]
        assert stale and stale[0].file == "sentences.parquet"
        assert "run jkdefense derive" in stale[0].message


def test_an_unreadable_derived_file_is_named_and_the_rest_loads(data_copy):
    (data_copy / "mentions.parquet").write_bytes(b"PAR1 not really")
    app = load.load_package(data_copy, whole_feed=False)
    assert any(
        p.file == "mentions.parquet" and "cannot read Parquet" in p.message
        for p in app.problems
    )
    assert "threats" in app.tables and "sentences" in app.tables
