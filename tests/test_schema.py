import pandas as pd

from jkdefense import schema

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
                "constraints": {"enum": ["sea", "air"]},
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
        found += schema.check_field("things.csv", data, field)
    found += schema.check_keys("things.csv", data, RESOURCE)
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
    found = schema.check_header("things.csv", ["thing_id", "extra", "extra"], RESOURCE)
    assert ("size_score", "missing column") in [(p.field, p.message) for p in found]
    assert any(p.field == "extra" and "unexpected column" in p.message for p in found)
    assert any(p.field == "extra" and "more than once" in p.message for p in found)


def test_split_list_ignores_blanks():
    assert schema.split_list("a; b;;") == ["a", "b"]
    assert schema.split_list("") == []
