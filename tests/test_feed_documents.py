"""The documents of the feed are stored verbatim, with their licence and metadata."""

import csv
import hashlib

import pytest

from tests.conftest import ROOT

FEED = ROOT.parent / "shared" / "feed"
# source id -> its file in the shared feed (ingested with --id as the file's stem)
DOCUMENTS = {
    source_id: f"{source_id}.txt"
    for source_id in (
        "whitehouse-2023-camp-david-fact-sheet",
        "whitehouse-2023-spirit-of-camp-david",
    )
}


def sources_rows() -> dict[str, dict[str, str]]:
    with (ROOT / "data" / "sources.csv").open(encoding="utf-8", newline="") as stream:
        return {row["source_id"]: row for row in csv.DictReader(stream)}


@pytest.mark.parametrize("source_id", DOCUMENTS)
def test_a_feed_document_is_in_the_feed_as_its_publisher_wrote_it(source_id):
    row = sources_rows()[source_id]
    seed = (ROOT / row["seed_path"]).read_bytes()
    assert hashlib.sha256(seed).hexdigest() == row["seed_sha256"]
    assert row["licence_note"].startswith("public domain")
    assert (
        row["publisher"] == "The White House" and row["date_published"] == "2023-08-18"
    )
    assert row["reference_tier"] == "1"


@pytest.mark.skipif(not FEED.is_dir(), reason="the shared feed folder is not beside")
@pytest.mark.parametrize(("source_id", "file_name"), DOCUMENTS.items())
def test_a_feed_document_is_stored_byte_for_byte(source_id, file_name):
    row = sources_rows()[source_id]
    assert (ROOT / row["seed_path"]).read_bytes() == (FEED / file_name).read_bytes()
    listed = {
        line.split("\t")[0]: line.split("\t")
        for line in (FEED / "feed.tsv").read_text(encoding="utf-8").splitlines()[1:]
    }
    title, author, publisher, url, date, licence = listed[file_name][1:]
    assert (row["title"], row["author"], row["url"], row["licence_note"]) == (
        title,
        author,
        url,
        licence,
    )
