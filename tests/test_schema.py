import pandas as pd
import pytest

from jkdefense.data import schema, schema_checks

RESOURCE = {
    "name": "things",
    "schema": {
        "primaryKey": ["thing_id"],
        "fields": [
            {
                "name": "thing_id",
                "type": "string",
                "description": "key",
                "constraints": {"required": True, "unique": True},
            },
            {
                "name": "size_score",
                "type": "integer",
                "description": "score",
                "constraints": {"minimum": 1, "maximum": 5},
            },
            {
                "name": "domain_types",
                "type": "list",
                "description": "domains",
                "x-item-constraints": {"enum": ["sea", "air"]},
            },
            {"name": "is_ok", "type": "boolean", "description": "flag"},
        ],
    },
}


def frame(**columns):
    base = {
        "thing_id": ["a"],
        "size_score": ["3"],
        "domain_types": ["sea"],
        "is_ok": ["true"],
    }
    base.update(columns)
    return pd.DataFrame(base, dtype=str)


def messages(data):
    found = []
    for field in schema.fields(RESOURCE):
        found += schema_checks.check_field("things.csv", data, field)
    found += schema_checks.check_keys("things.csv", data, RESOURCE)
    return [(p.row, p.field, p.message) for p in found]


def test_a_clean_row_has_no_problem():
    assert messages(frame()) == []


def test_each_rule_reports_its_cell():
    bad = frame(
        thing_id=[""], size_score=["7"], domain_types=["sea;land"], is_ok=["yes"]
    )
    assert messages(bad) == [
        (2, "thing_id", "required value is empty"),
        (2, "size_score", "7 is above the maximum 5"),
        (2, "domain_types", "'sea;land' is not one of: sea, air"),
        (2, "is_ok", "'yes' is not a valid boolean"),
    ]


def test_duplicate_keys_point_at_the_first_row():
    data = pd.concat([frame(), frame()], ignore_index=True)
    assert messages(data) == [(3, "thing_id", "duplicate key 'a', first used in row 2")]


def test_header_problems():
    found = schema_checks.check_header(
        "things.csv", ["thing_id", "extra", "extra"], RESOURCE
    )
    assert ("size_score", "missing column") in [(p.field, p.message) for p in found]
    assert any(p.field == "extra" and "unexpected column" in p.message for p in found)
    assert any(p.field == "extra" and "more than once" in p.message for p in found)


def test_split_list_ignores_blanks():
    assert schema.split_list("a; b;;") == ["a", "b"]
    assert schema.split_list("") == []


SCREENED_FIELDS = [
    {"name": "v", "type": "string", "constraints": {"required": True}},
    {"name": "v", "type": "string", "constraints": {"pattern": r"^https?://\S+$"}},
    {
        "name": "v",
        "type": "string",
        "constraints": {"pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
    },
    {"name": "v", "type": "string", "constraints": {"enum": ["sea", "air"]}},
    {"name": "v", "type": "integer", "constraints": {"minimum": 1, "maximum": 5}},
    {"name": "v", "type": "number", "constraints": {"minimum": 0}},
    {"name": "v", "type": "date"},
    {"name": "v", "type": "boolean"},
    {"name": "v", "type": "list", "x-item-constraints": {"enum": ["sea", "air"]}},
    {
        "name": "v",
        "type": "list",
        "constraints": {"required": True},
        "x-item-constraints": {"pattern": "^[a-z]+:s[0-9]{3}$"},
    },
]
TRICKY_CELLS = [
    "",
    "sea",
    "air;sea",
    "air; lake",
    "3",
    "9",
    "0",
    "-1",
    "2.5",
    "1_0",
    " 5",
    "x",
    "2024-02-30",
    "2024-02-29",
    "2023-02-29",
    "true",
    "True",
    "https://example.org/a",
    "https://example.org/a\u00a0b",
    "https://example.org/\x0bb",
    "http://",
    "yoon-2019:s001",
    "yoon-2019:s001;bad id",
    "Ünicode-id",
    "a--b",
    "z\n",
]


@pytest.mark.parametrize("field", SCREENED_FIELDS, ids=lambda f: f"{f['type']}")
def test_long_columns_are_screened_without_missing_a_problem(field, monkeypatch):
    cells = pd.DataFrame({"v": TRICKY_CELLS * 3})
    one_by_one = schema_checks.check_field("t.csv", cells, field)
    assert one_by_one  # every field has tricky cells that break it
    monkeypatch.setattr(schema_checks, "CELL_BY_CELL_UP_TO", 0)
    assert schema_checks.check_field("t.csv", cells, field) == one_by_one


def test_integers_are_read_alike_on_arrow_and_cell_by_cell():
    """Clean columns go through Arrow, others cell by cell: the same values."""
    clean = pd.Series(["1", "-2", "007", "123456789012345678"], dtype="str")
    mixed = pd.Series([*clean, "", "2.5", "+4", "9223372036854775808"], dtype="str")
    assert schema_checks.integers(clean).tolist() == [1, -2, 7, 123456789012345678]
    assert (
        schema_checks.integers(mixed).iloc[:4].tolist()
        == schema_checks.integers(clean).tolist()
    )
    assert schema_checks.integers(mixed).iloc[4:].isna().all()
    assert schema_checks.integers(pd.Series([], dtype="str")).empty


def test_a_cell_longer_than_its_field_allows_is_named():
    field = {"name": "label", "type": "string", "constraints": {"maxLength": 5}}
    assert schema_checks._cell_problems("Radar", field) == []
    assert schema_checks._cell_problems("Radar incident", field) == [
        (schema_checks.MAX_LENGTH, "14 characters, more than 5")
    ]
