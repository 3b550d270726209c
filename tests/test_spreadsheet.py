"""CSV written for people: no cell a spreadsheet would run as a formula."""

import csv
import io

import pandas as pd
import pytest

from jkdefense.data import spreadsheet
from jkdefense.pipeline import names
from tests.hostile_data import formula_cells

HOSTILE = [
    '=HYPERLINK("https://evil.example/","x")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1)",
    "\t=1+2",
    "\r=1+2",
    "\n=1+2",
]


@pytest.mark.parametrize("cell", HOSTILE)
def test_a_cell_that_would_run_is_marked_as_text(cell):
    assert spreadsheet.safe_cell(cell) == "'" + cell
    assert spreadsheet.safe_cell("'" + cell) == "'" + cell  # marked once


@pytest.mark.parametrize("cell", ["KAI", "", "It's 3-2", "-2", "+3.5", "-1e3", 4, None])
def test_text_and_numbers_that_cannot_run_stay_as_they_are(cell):
    assert spreadsheet.safe_cell(cell) == cell


def test_a_frame_becomes_csv_with_every_text_cell_safe_and_numbers_as_numbers():
    frame = pd.DataFrame(
        {
            "text": HOSTILE,
            "count": range(-3, len(HOSTILE) - 3),
            "ids": [["a:s001", "=b"]] * len(HOSTILE),
        }
    )
    text = spreadsheet.safe_csv(frame)
    assert formula_cells(text) == []
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["text"] for row in rows] == ["'" + cell for cell in HOSTILE]
    assert [int(row["count"]) for row in rows] == list(frame["count"])
    assert rows[0]["ids"] == "a:s001;=b"  # a list as the curated files write it


def test_csv_text_with_nothing_to_mark_comes_back_byte_for_byte():
    text = 'id,note\r\nx,"a, ""quoted""\nnote"\r\n'
    assert spreadsheet.safe_csv_text(text) is text


def test_csv_text_keeps_its_rows_and_columns_and_marks_what_would_run():
    text = 'id,title,score\nyoon,"=HYPERLINK(""https://evil.example/"",""x"")",-2\n'
    safe = spreadsheet.safe_csv_text(text)
    assert formula_cells(safe) == []
    assert list(csv.reader(io.StringIO(safe))) == [
        ["id", "title", "score"],
        ["yoon", '\'=HYPERLINK("https://evil.example/","x")', "-2"],
    ]


def test_a_file_is_downloaded_safe_and_stays_as_it_is_on_disk(tmp_path):
    path = tmp_path / "sources.csv"
    # A byte that is not UTF-8 travels through, for someone to mend.
    stored = b"id,title\nx,@SUM(A1) K\xf6matsu\n"
    path.write_bytes(stored)
    assert spreadsheet.safe_csv_file(path) == b"id,title\nx,'@SUM(A1) K\xf6matsu\n"
    assert path.read_bytes() == stored


def test_a_cell_longer_than_the_csv_module_s_default_limit_is_read():
    text = "id,text\nx,=" + "a" * 200_000 + "\n"
    assert formula_cells(spreadsheet.safe_csv_text(text)) == []


def test_the_new_names_csv_marks_a_name_that_would_run():
    found = pd.DataFrame(
        {
            "name": ["=HYPERLINK(1)", "KADIZ"],
            "kind": ["term", "acronym"],
            "articles": [1, 2],
            "sentences": [1, 3],
            "example_sentence_id": ["a:s001", "a:s002"],
        }
    )
    text = names.to_csv(found)
    assert formula_cells(text) == []
    assert list(csv.reader(io.StringIO(text))) == [
        list(names.CSV_HEADER),
        ["'=HYPERLINK(1)", "1", "1", "a:s001"],
        ["KADIZ", "2", "3", "a:s002"],
    ]
