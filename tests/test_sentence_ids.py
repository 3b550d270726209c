"""A re-derive that renumbers sentences carries the curated rows' citations along."""

import csv
import io
import os
import re

import pyarrow as pa
import pytest

from jkdefense import cli
from jkdefense.data import load, quotes
from jkdefense.pipeline import (
    derived_files,
    feed_tables,
    sentence_ends,
    sentence_ids,
)
from tests.conftest import ROOT

EVIDENCE = "evidence_sentence_ids"
RENUMBERED = re.compile(r"^(\S+\.csv): (1 row's|\d+ rows') evidence ids renumbered$")


def sentences(rows: list[tuple[str, int, int]]) -> pa.Table:
    """A sentences table of (sentence_id, char_start, char_end) in one article."""
    ids, starts, ends = zip(*rows, strict=True)
    return pa.table(
        {
            "sentence_id": list(ids),
            "source_id": [i.split(":")[0] for i in ids],
            "char_start": list(starts),
            "char_end": list(ends),
        }
    )


OLD = sentences([("a:s001", 0, 10), ("a:s002", 11, 20), ("a:s003", 21, 30)])


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (OLD, {}),
        # s002 and s003 merged: both now cite s002.
        (
            sentences([("a:s001", 0, 10), ("a:s002", 11, 30)]),
            {"a:s002": ["a:s002"], "a:s003": ["a:s002"]},
        ),
        # s001 cut in two: it maps to both halves, the rest move down one.
        (
            sentences(
                [("a:s001", 0, 4), ("a:s002", 5, 10), ("a:s003", 11, 20)]
                + [("a:s004", 21, 30)]
            ),
            {
                "a:s001": ["a:s001", "a:s002"],
                "a:s002": ["a:s003"],
                "a:s003": ["a:s004"],
            },
        ),
        # Another article gone: its sentences are left as they are.
        (sentences([("b:s001", 0, 10)]), {}),
    ],
    ids=["same", "merged", "cut", "article-gone"],
)
def test_an_old_sentence_maps_to_the_new_ones_over_its_characters(new, expected):
    assert sentence_ids.id_map(OLD, new) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("a:s002;a:s003", "a:s002"),
        ("a:s003;a:s001;a:s002", "a:s002;a:s001"),
        ("a:s001", "a:s001"),
        ("a:s001 ; b:s009", "a:s001 ; b:s009"),
        ("", ""),
    ],
)
def test_a_cell_keeps_its_order_drops_repeats_and_is_kept_if_unchanged(cell, expected):
    mapping = {"a:s002": ["a:s002"], "a:s003": ["a:s002"]}
    assert sentence_ids.renumbered_cell(cell, mapping) == expected


def test_only_the_changed_records_of_a_csv_are_written_anew():
    text = (
        "\ufeffrow_id,note,evidence_sentence_ids\r\n"
        'one,"a ""quoted"" note,\nover two lines",a:s003\r\n'
        'two,"kept ""as is"" even if over-quoted",a:s001\r\n'
        "three,plain,a:s002;a:s003"
    )
    mapping = {"a:s002": ["a:s002"], "a:s003": ["a:s002"]}
    new, rows = sentence_ids.renumbered_csv(text, mapping)
    assert rows == 2
    assert new == (
        "\ufeffrow_id,note,evidence_sentence_ids\r\n"
        'one,"a ""quoted"" note,\nover two lines",a:s002\r\n'
        'two,"kept ""as is"" even if over-quoted",a:s001\r\n'
        "three,plain,a:s002"
    )


def test_a_csv_without_a_sentence_id_column_is_left_alone():
    text = "row_id,note\none,a:s003\n"
    assert sentence_ids.renumbered_csv(text, {"a:s003": ["a:s009"]}) == (text, 0)


@pytest.mark.parametrize("path", sorted((ROOT / "data").glob("*.csv")), ids=str)
def test_every_data_csv_reads_back_byte_for_byte_through_the_csv_module(path):
    """So a record written anew differs from the old one in its ids alone."""
    text = path.read_bytes().decode("utf-8")
    buffer = io.StringIO()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    assert buffer.getvalue() == text


# The tests below change the splitter's outcome on a data copy: with its
# abbreviation pass off, sentencex alone cuts "Japan-U.|S." and "U.S.|Most",
# so every later sentence of those articles moves by one.


def derive_with_abbreviation_pass(data_dir, on: bool, monkeypatch, capsys) -> list:
    """Run ``jkdefense derive``; return the renumbered lines it printed."""
    if on:
        monkeypatch.undo()
    else:
        monkeypatch.setattr(sentence_ends, "continues", lambda before, after: False)
    assert cli.main(["derive", "--data", str(data_dir)]) == 0
    return [
        line for line in capsys.readouterr().out.splitlines() if RENUMBERED.match(line)
    ]


def csv_texts(data_dir) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in data_dir.glob("*.csv")}


def cited_text(package, source_texts, cited: list[str]) -> list[str]:
    """The characters the cited sentences cover, one string per passage."""
    frame = package.tables["sentences"].set_index("sentence_id")
    return [
        source_texts[frame.at[run[0], "source_id"]][
            frame.at[run[0], "char_start"] : frame.at[run[-1], "char_end"]
        ]
        for run in quotes.runs(cited)
        if run[0] in frame.index
    ]


@pytest.fixture
def renumbered(data_copy, monkeypatch, capsys):
    """The copy derived without, then with the abbreviation pass."""
    derive_with_abbreviation_pass(data_copy, False, monkeypatch, capsys)
    before = csv_texts(data_copy), load.load_package(data_copy)
    lines = derive_with_abbreviation_pass(data_copy, True, monkeypatch, capsys)
    return before, lines, load.load_package(data_copy)


def seed_texts(package) -> dict[str, str]:
    project = package.data_dir.parent
    return {
        row.source_id: (project / row.seed_path).read_bytes().decode("utf-8")
        for row in package.tables["sources"].itertuples()
    }


def test_renumbered_ids_follow_their_words_and_each_table_says_so(
    renumbered, data_copy
):
    (texts, old_package), lines, package = renumbered
    changed = {m[1] for m in map(RENUMBERED.match, lines)}
    assert "developments.csv" in changed
    assert changed == {
        name for name, text in csv_texts(data_copy).items() if texts[name] != text
    }
    seeds_by_id = seed_texts(package)
    moved = 0
    for name in changed:
        table = name.removesuffix(".csv")
        old_rows = old_package.tables[table][EVIDENCE]
        new_rows = package.tables[table][EVIDENCE]
        for old_cell, new_cell in zip(old_rows, new_rows, strict=True):
            before = cited_text(old_package, seeds_by_id, old_cell)
            after = "\n".join(cited_text(package, seeds_by_id, new_cell))
            assert all(passage in after for passage in before), new_cell
            moved += list(old_cell) != list(new_cell)
    assert moved >= 1


def test_after_renumbering_every_quote_lies_in_its_cited_sentences(renumbered):
    (_, old_package), _, package = renumbered
    assert {str(p) for p in package.problems} <= {str(p) for p in old_package.problems}
    assert not [p for p in package.problems if "quote" in str(p).lower()]


def test_old_ids_would_have_cited_other_words(renumbered):
    """Left as they were, the ids would no longer hold the rows' quotes."""
    (_, old_package), _, package = renumbered
    texts = package.tables["sentences"].set_index("sentence_id")["text"]
    developments = old_package.tables["developments"]
    lost = [
        row.development_id
        for row in developments.itertuples()
        if quotes.normalize_whitespace(row.evidence_quote)[:40]
        not in " ".join(texts.get(i, "") for i in row.evidence_sentence_ids)
    ]
    assert lost


def test_only_the_cited_cells_change_byte_for_byte(renumbered, data_copy):
    (texts, _), _, _ = renumbered
    for name, text in csv_texts(data_copy).items():
        old_lines, new_lines = texts[name].split("\n"), text.split("\n")
        assert len(old_lines) == len(new_lines), name
        header = next(csv.reader([old_lines[0]]))
        for old, new in zip(old_lines, new_lines, strict=True):
            if old != new:
                old_cells, new_cells = next(csv.reader([old])), next(csv.reader([new]))
                differ = [
                    header[i]
                    for i, (a, b) in enumerate(zip(old_cells, new_cells, strict=True))
                    if a != b
                ]
                assert differ == [EVIDENCE], (name, differ)


def test_a_second_derive_changes_nothing(renumbered, data_copy, capsys):
    texts = csv_texts(data_copy)
    derived = {
        n: derived_files.derived_path(data_copy, n).read_bytes()
        for n in feed_tables.DERIVED_TABLES
    }
    assert cli.main(["derive", "--data", str(data_copy)]) == 0
    assert "renumbered" not in capsys.readouterr().out
    assert csv_texts(data_copy) == texts
    assert derived == {
        n: derived_files.derived_path(data_copy, n).read_bytes()
        for n in feed_tables.DERIVED_TABLES
    }


def test_renumbered_tables_land_with_the_sentences_or_not_at_all(
    data_copy, monkeypatch, capsys
):
    derive_with_abbreviation_pass(data_copy, False, monkeypatch, capsys)
    texts = csv_texts(data_copy)
    sentences_before = derived_files.derived_path(data_copy, "sentences").read_bytes()
    monkeypatch.undo()

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    assert cli.main(["derive", "--data", str(data_copy)]) == 2
    monkeypatch.undo()
    assert csv_texts(data_copy) == texts
    assert (
        derived_files.derived_path(data_copy, "sentences").read_bytes()
        == sentences_before
    )


def test_an_ingest_after_the_splitter_changed_carries_the_citations_along(
    data_copy, monkeypatch, capsys, tmp_path
):
    """Commands that change curated files derive through staging: it renumbers too."""
    derive_with_abbreviation_pass(data_copy, False, monkeypatch, capsys)
    problems = {str(p) for p in load.load_package(data_copy).problems}
    texts = csv_texts(data_copy)
    monkeypatch.undo()
    article = tmp_path / "waters.txt"
    article.write_text("Test Waters\n\nThe navies met at sea.\n", encoding="utf-8")
    meta = ["--title", "Test Waters", "--author", "A. Writer", "--publisher", "Test"]
    meta += ["--url", "https://example.org/waters", "--date", "2024-05-04"]
    assert cli.main(["ingest", str(article), "--data", str(data_copy), *meta]) == 0
    assert {str(p) for p in load.load_package(data_copy).problems} <= problems
    changed = {n for n, text in csv_texts(data_copy).items() if texts[n] != text}
    assert {"sources.csv", "developments.csv"} <= changed
