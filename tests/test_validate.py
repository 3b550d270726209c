"""Break a copy of the data in each way the validator knows; assert on the message."""

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from jkdefense import cli
from jkdefense.data import load, validate
from jkdefense.data.problems import Problem


def rewrite(path: Path, change) -> None:
    """Apply ``change(header, rows)`` to a CSV and write it back."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header, body = change(rows[0], rows[1:])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *body])
    path.write_text(out.getvalue(), encoding="utf-8")


def set_cell(column: str, value: str, row: int = 0):
    def change(header, body):
        body[row][header.index(column)] = value
        return header, body

    return change


def drop_column(column: str):
    def change(header, body):
        at = header.index(column)
        return header[:at] + header[at + 1 :], [r[:at] + r[at + 1 :] for r in body]

    return change


def add_column(column: str):
    return lambda header, body: (header + [column], [r + ["x"] for r in body])


def duplicate_first_row(header, body):
    return header, body + [list(body[0])]


def problems_at(data: Path, file: str) -> list[Problem]:
    return [p for p in load.load_package(data).problems if p.file == file]


CASES = [
    (
        "missing column",
        "threats.csv",
        drop_column("trend_type"),
        (1, "trend_type"),
        "missing column",
    ),
    (
        "extra column",
        "threats.csv",
        add_column("colour"),
        (1, "colour"),
        "unexpected column",
    ),
    (
        "wrong type",
        "threats.csv",
        set_cell("severity_score", "high"),
        (2, "severity_score"),
        "'high' is not a valid integer",
    ),
    (
        "decimal in an integer column",
        "scrambles.csv",
        set_cell("total_count", "2.5"),
        (2, "total_count"),
        "'2.5' is not a valid integer",
    ),
    (
        "integer too long",
        "scrambles.csv",
        set_cell("china_count", "99999999999999999999"),
        (2, "china_count"),
        "99999999999999999999 is out of range for an integer",
    ),
    (
        "out of range",
        "threats.csv",
        set_cell("severity_score", "9"),
        (2, "severity_score"),
        "9 is above the maximum 5",
    ),
    (
        "bad enum",
        "threats.csv",
        set_cell("domain_type", "space"),
        (2, "domain_type"),
        "'space' is not one of: land, sea",
    ),
    (
        "bad list enum",
        "companies.csv",
        set_cell("domain_types", "sea;cyber"),
        (2, "domain_types"),
        "'sea;cyber' is not one of",
    ),
    (
        "required empty",
        "threats.csv",
        set_cell("threat_name", ""),
        (2, "threat_name"),
        "required value is empty",
    ),
    (
        "bad date",
        "incidents.csv",
        set_cell("incident_date", "2019-02-30"),
        (2, "incident_date"),
        "is not a valid date",
    ),
    (
        "dangling key",
        "threats.csv",
        set_cell("actor_country_code", "ZZ"),
        (2, "actor_country_code"),
        "'ZZ' is not a country_code in countries.csv",
    ),
    (
        "dangling list key",
        "company_pairings.csv",
        set_cell("program_ids", "no-such-program"),
        (2, "program_ids"),
        "'no-such-program' is not a program_id in programs.csv",
    ),
    (
        "unknown sentence",
        "threats.csv",
        set_cell("evidence_sentence_ids", "yoon-2019-diplomat:s999"),
        (2, "evidence_sentence_ids"),
        "sentence yoon-2019-diplomat:s999 not found",
    ),
    (
        "quote not in article",
        "programs.csv",
        set_cell("evidence_quote", "words the article never wrote"),
        (2, "evidence_quote"),
        "is not one passage of the article in the cited sentences",
    ),
    (
        "inferred without note",
        "threats.csv",
        lambda h, b: set_cell("curation_note", "")(
            *set_cell("evidence_type", "inferred")(h, b)
        ),
        (2, "curation_note"),
        "required when evidence_type is inferred",
    ),
    (
        "scramble arithmetic",
        "scrambles.csv",
        set_cell("total_count", "1"),
        (2, "total_count"),
        "is not china + russia + other",
    ),
    (
        "claim subject",
        "claims.csv",
        set_cell("subject_id", "nothing-here"),
        (2, "subject_id"),
        "'nothing-here' is not a",
    ),
]


@pytest.mark.parametrize(
    ("file", "change", "where", "message"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_each_break_is_reported_with_file_row_and_field(
    data_copy, file, change, where, message
):
    rewrite(data_copy / file, change)
    found = problems_at(data_copy, file)
    assert any((p.row, p.field) == where and message in p.message for p in found), found


@pytest.mark.parametrize("cell", ["2.5", "x", "99999999999999999999", "+4"])
def test_a_bad_integer_is_read_as_missing_and_its_row_kept(data_copy, cell):
    rewrite(data_copy / "scrambles.csv", set_cell("total_count", cell))
    pkg = load.load_package(data_copy)
    scrambles = pkg.tables["scrambles"]
    assert pd.isna(scrambles["total_count"].iloc[0])
    assert scrambles["total_count"].iloc[1:].notna().all()
    found = [p for p in pkg.problems if p.file == "scrambles.csv"]
    assert [(p.row, p.field) for p in found] == [(2, "total_count")], found


def test_duplicate_key_names_the_first_row(data_copy):
    rewrite(data_copy / "threats.csv", duplicate_first_row)
    found = problems_at(data_copy, "threats.csv")
    assert any(
        p.field == "threat_id" and "first used in row 2" in p.message for p in found
    )


def test_seed_changed(data_copy):
    seed = data_copy.parent / "seeds" / "yoon-2019-diplomat.txt"
    seed.write_bytes(seed.read_bytes() + b"\nEdited.")
    found = problems_at(data_copy, "sources.csv")
    assert [(p.row, p.field) for p in found] == [(2, "seed_sha256")]
    assert "has changed" in found[0].message


def test_not_utf8(data_copy):
    path = data_copy / "threats.csv"
    path.write_bytes(path.read_bytes().replace(b"China", "Chïna".encode("latin-1"), 1))
    found = problems_at(data_copy, "threats.csv")
    assert len(found) == 1 and "not UTF-8: byte 0xef on line" in found[0].message


def test_empty_file(data_copy):
    (data_copy / "threats.csv").write_text("")
    assert problems_at(data_copy, "threats.csv") == [
        Problem("threats.csv", None, None, "file is empty: expected a header row")
    ]


def test_row_with_wrong_cell_count_is_kept_and_reported(data_copy):
    path = data_copy / "countries.csv"
    path.write_text(path.read_text() + "XX,Nowhere\n")
    pkg = load.load_package(data_copy)
    assert any(
        p.file == "countries.csv" and "row has 2 cells" in p.message
        for p in pkg.problems
    )
    assert "XX" in set(pkg.tables["countries"]["country_code"])


def test_a_broken_table_leaves_the_others_loaded(data_copy):
    (data_copy / "threats.csv").write_text("")
    pkg = load.load_package(data_copy)
    assert "threats" not in pkg.tables
    assert {"programs", "companies", "company_pairings", "pathway"} <= set(pkg.tables)


def test_no_row_is_dropped_for_a_bad_value(data_copy, package):
    rewrite(data_copy / "threats.csv", set_cell("domain_type", "space"))
    broken = load.load_package(data_copy)
    assert len(broken.tables["threats"]) == len(package.tables["threats"])


def test_every_problem_is_reported_not_just_the_first(data_copy):
    rewrite(data_copy / "threats.csv", set_cell("domain_type", "space", row=0))
    rewrite(data_copy / "threats.csv", set_cell("domain_type", "cyber", row=1))
    rewrite(data_copy / "programs.csv", set_cell("commonality_type", "total"))
    problems = validate.validate(data_copy)
    assert {(p.file, p.row) for p in problems} >= {
        ("threats.csv", 2),
        ("threats.csv", 3),
        ("programs.csv", 2),
    }


def test_unreadable_descriptor_is_a_problem_not_a_crash(data_copy):
    (data_copy / "datapackage.json").write_text("{not json")
    pkg = load.load_package(data_copy)
    assert pkg.tables == {} and pkg.problems[0].file == "datapackage.json"


def test_committed_data_is_clean(package):
    assert package.problems == []


def test_command_line_exit_codes(data_copy, capsys):
    assert cli.main(["validate", "--data", str(data_copy)]) == 0
    rewrite(data_copy / "threats.csv", set_cell("domain_type", "space"))
    assert cli.main(["validate", "--data", str(data_copy)]) == 1
    assert "threats.csv row 2, domain_type" in capsys.readouterr().out
