"""The official Frictionless validator accepts the package, and agrees with ours.

frictionless checks what the standard can say; jkdefense checks that too, plus
the rules kept in custom properties (x-item-constraints, listForeignKeys...).
Both match columns by name, in any order (fieldsMatch "equal").
"""

import csv
import io
from pathlib import Path

import frictionless
import pyarrow.parquet as pq
import pytest

from jkdefense.data import load, schema, writer
from jkdefense.data import problems as rules
from jkdefense.data.problems import HEADER_ROW, Problem, data_row
from tests.conftest import ROOT

RESOURCES = schema.resources(schema.read_descriptor(ROOT / "data" / "datapackage.json"))
# A curated CSV with a foreign key, a list and a boolean, and a derived Parquet.
FILES = ["companies.csv", "mentions.parquet"]


def frictionless_report(data_dir: Path) -> frictionless.Report:
    return frictionless.validate(str(data_dir / "datapackage.json"))


def errors_of(report: frictionless.Report) -> list[str]:
    """Every error of the report, one line each, for assertion messages."""
    found = [f"package: {e.message}" for e in report.errors]
    return found + [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors]


def rewrite_columns(path: Path, change) -> None:
    """Apply ``change(column_names) -> column_names`` to a CSV or Parquet file."""
    if path.suffix == ".parquet":
        # A derived table changes only through the writer, which records it.
        table = pq.read_table(path)
        buffer = io.BytesIO()
        pq.write_table(table.select(change(table.column_names)), buffer)
        with writer.change(path.parent, "test") as files:
            files[path] = buffer.getvalue()
        return
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    kept = [rows[0].index(name) for name in change(rows[0])]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[r[i] for i in kept] for r in rows])
    path.write_text(out.getvalue(), encoding="utf-8")


def set_cell(path: Path, column: str, value: str, record: int = 0) -> None:
    """Write ``value`` into ``column`` of the CSV's record (0: the first)."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[record + 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_frictionless_accepts_the_committed_package():
    report = frictionless_report(ROOT / "data")
    assert report.valid, "\n".join(errors_of(report))
    assert len(report.tasks) == len(RESOURCES)  # Parquet tables are read too


@pytest.mark.parametrize("name", list(RESOURCES))
def test_both_validators_read_columns_and_booleans_alike(name):
    """Columns by name in any order; booleans only as true/false, as jkdefense."""
    table_schema = RESOURCES[name]["schema"]
    assert table_schema["fieldsMatch"] == "equal"
    for field in table_schema["fields"]:
        if field["type"] == "boolean":
            assert (field["trueValues"], field["falseValues"]) == (["true"], ["false"])


@pytest.mark.parametrize("file", FILES)
def test_reordered_columns_pass_both_validators(data_copy, file):
    rewrite_columns(data_copy / file, lambda names: list(reversed(names)))
    report = frictionless_report(data_copy)
    assert report.valid, "\n".join(errors_of(report))
    assert load.load_package(data_copy).problems == []


@pytest.mark.parametrize("file", FILES)
def test_a_dropped_column_fails_both_validators(data_copy, file):
    dropped = schema.field_names(RESOURCES[Path(file).stem])[1]
    rewrite_columns(data_copy / file, lambda names: [n for n in names if n != dropped])
    report = frictionless_report(data_copy)
    assert not report.valid
    assert "missing-label" in report.flatten(["type"])[0]
    problem = Problem(file, HEADER_ROW, dropped, "missing column")
    assert problem in load.load_package(data_copy).problems


ITEM_RULE_BREAKS = [
    (
        "domain_types",
        "sea;space",
        "'sea;space' is not one of: land, sea, undersea, air, missile, electronic, "
        "multi",
    ),
    (
        "evidence_sentence_ids",
        "yoon-2019-diplomat:s001;Not An Id",
        "'yoon-2019-diplomat:s001;Not An Id' does not match the pattern "
        "^[a-z0-9]+(-[a-z0-9]+)*:s[0-9]{3,}$",
    ),
]


@pytest.mark.parametrize(
    ("column", "cell", "message"), ITEM_RULE_BREAKS, ids=["enum", "pattern"]
)
def test_list_items_breaking_their_item_rules_are_reported(
    data_copy, column, cell, message
):
    """x-item-constraints is ours: frictionless ignores it, jkdefense enforces it."""
    set_cell(data_copy / "companies.csv", column, cell)
    problem = Problem("companies.csv", data_row(0), column, message)
    assert problem in load.load_package(data_copy).problems
    assert frictionless_report(data_copy).valid


# One break of each kind the standard can say, in a record of a curated table:
# (file, column, record, cell), the rule jkdefense names, frictionless's error.
STANDARD_BREAKS = [
    ("threats.csv", "severity_score", 1, "high", rules.TYPE, "type-error"),
    ("threats.csv", "domain_type", 2, "space", rules.ENUM, "constraint-error"),
    ("countries.csv", "country_code", 1, "AU", rules.DUPLICATE_KEY, "primary-key"),
    ("accounts.csv", "account_of", 0, "ZZ", rules.FOREIGN_KEY, "foreign-key"),
]


def frictionless_cells(report: frictionless.Report, table: str) -> set[tuple]:
    """(error type, row, field) of every error frictionless found in ``table``.

    A primary-key error names no field: it is the key's.
    """
    key = "+".join(schema.primary_key(RESOURCES[table]))
    found = set()
    for task in report.tasks:
        for error in task.errors if task.name == table else []:
            names = getattr(error, "field_names", None) or [
                key if error.type == "primary-key" else error.field_name
            ]
            found |= {(error.type, error.row_number, name) for name in names}
    return found


@pytest.mark.parametrize(
    ("file", "column", "record", "cell", "rule", "error"),
    STANDARD_BREAKS,
    ids=[b[4] for b in STANDARD_BREAKS],
)
def test_both_validators_name_the_same_cell(
    data_copy, file, column, record, cell, rule, error
):
    """frictionless (make test's cross-check) and validate find each Table Schema
    break in the same row and field; validate says it in one line of its own."""
    set_cell(data_copy / file, column, cell, record)
    found = load.load_package(data_copy).problems
    where = (file, data_row(record), column)
    ours = [
        str(p) for p in found if p.rule == rule and (p.file, p.row, p.field) == where
    ]
    assert len(ours) == 1, [str(p) for p in found]
    assert ours[0].startswith(f"{file} row {data_row(record)}, {column}: ")
    assert repr(cell) in ours[0] and "\n" not in ours[0]
    report = frictionless_report(data_copy)
    theirs = (error, data_row(record), column)
    assert theirs in frictionless_cells(report, Path(file).stem), errors_of(report)
