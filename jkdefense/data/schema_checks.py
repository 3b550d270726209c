"""Check each table against its Table Schema: its header, every cell, its keys.

The descriptor and what it declares of each table are read in schema; these
checks collect every problem with its file, row and field.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from jkdefense.data.problems import (
    DUPLICATE_KEY,
    ENUM,
    HEADER_ROW,
    INTEGER_RANGE,
    MAX_LENGTH,
    MAXIMUM,
    MINIMUM,
    MISSING_COLUMN,
    PATTERN,
    REPEATED_COLUMN,
    REQUIRED,
    TYPE,
    UNEXPECTED_COLUMN,
    UNIQUE,
    Problem,
    data_row,
)
from jkdefense.data.schema import (
    Field,
    field_names,
    fields,
    primary_key,
    split_list,
    value_rules,
)

_TRUE_FALSE = {"true", "false"}
_INTEGER = r"-?[0-9]+"
_NUMBER = r"-?[0-9]+(\.[0-9]+)?"
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


def check_header(
    file: str, header: list[str], resource: dict[str, Any]
) -> list[Problem]:
    """Report missing, unexpected and repeated columns.

    Columns match by name, in any order, as every table schema declares
    (fieldsMatch "equal"), so frictionless and jkdefense accept the same headers.
    """
    expected = field_names(resource)
    problems = [
        Problem(file, HEADER_ROW, name, "missing column", MISSING_COLUMN)
        for name in expected
        if name not in header
    ]
    problems += [
        Problem(
            file,
            HEADER_ROW,
            name,
            f"unexpected column (expected: {', '.join(expected)})",
            UNEXPECTED_COLUMN,
        )
        for name in dict.fromkeys(header)
        if name not in expected
    ]
    problems += [
        Problem(
            file, HEADER_ROW, name, "column appears more than once", REPEATED_COLUMN
        )
        for name in dict.fromkeys(header)
        if header.count(name) > 1
    ]
    return problems


_TYPE_PATTERNS = {
    "integer": re.compile(_INTEGER),
    "number": re.compile(_NUMBER),
    "date": re.compile(_DATE),
}


def _is_date(cell: str) -> bool:
    try:
        date.fromisoformat(cell)
    except ValueError:
        return False
    return True


def _of_type(cell: str, kind: str) -> bool:
    """Whether a non-empty cell holds a value of the field's type."""
    if kind == "boolean":
        return cell in _TRUE_FALSE
    pattern = _TYPE_PATTERNS.get(kind)
    if pattern is None:
        return True
    return pattern.fullmatch(cell) is not None and (kind != "date" or _is_date(cell))


# Integers are typed as Int64; a longer cell is reported and read as missing.
_INT64_LIMIT = 2**63
# Up to 18 digits always fits Int64: such a column is parsed by Arrow at once.
_SHORT_INTEGER = r"^-?[0-9]{1,18}$"


def integers(values: pd.Series) -> pd.Series:
    """Cells as Int64; NA where a cell is empty, not an integer or out of range.

    NOTE: a column of short integers (the derived tables' offsets and counts,
    millions of cells) is parsed by Arrow at once, ten times faster than
    pd.to_numeric on text; any other column cell by cell.
    """
    cells = pa.array(values, type=pa.string())  # Arrow-backed text: no copy
    if pc.all(pc.match_substring_regex(cells, _SHORT_INTEGER)).as_py() is not False:
        parsed = pc.cast(cells, pa.int64()).to_numpy(zero_copy_only=False)
        return pd.Series(parsed, index=values.index, dtype="Int64")
    return pd.Series(
        [_integer(cell) for cell in values.tolist()], index=values.index, dtype="Int64"
    )


def _integer(cell: str) -> int | None:
    """The cell's value if it is an integer the checks accept, else None."""
    if not _TYPE_PATTERNS["integer"].fullmatch(cell):
        return None
    number = int(cell)
    return number if -_INT64_LIMIT <= number < _INT64_LIMIT else None


def _number(cell: str) -> float | None:
    try:
        return float(cell)
    except ValueError:
        return None


def _cell_problems(cell: str, field: Field) -> list[tuple[str, str]]:
    """What is wrong with one cell, as (rule, message) pairs, in the order checked."""
    rules, kind = value_rules(field), field["type"]
    if cell == "":
        return [(REQUIRED, "required value is empty")] if rules.get("required") else []
    of_type = _of_type(cell, kind)
    found = [] if of_type else [(TYPE, f"{cell!r} is not a valid {kind}")]
    items = split_list(cell) if kind == "list" else [cell]
    if "pattern" in rules and not all(re.fullmatch(rules["pattern"], x) for x in items):
        found.append(
            (PATTERN, f"{cell!r} does not match the pattern {rules['pattern']}")
        )
    if "enum" in rules and not all(x in rules["enum"] for x in items):
        found.append((ENUM, f"{cell!r} is not one of: {', '.join(rules['enum'])}"))
    if of_type and kind == "integer" and _integer(cell) is None:
        found.append((INTEGER_RANGE, f"{cell} is out of range for an integer"))
    number = _number(cell) if of_type and kind in ("integer", "number") else None
    if number is not None and number < rules.get("minimum", number):
        found.append((MINIMUM, f"{cell} is below the minimum {rules['minimum']}"))
    if number is not None and number > rules.get("maximum", number):
        found.append((MAXIMUM, f"{cell} is above the maximum {rules['maximum']}"))
    if len(cell) > rules.get("maxLength", len(cell)):
        found.append(
            (MAX_LENGTH, f"{len(cell)} characters, more than {rules['maxLength']}")
        )
    return found


# Columns longer than this are screened whole first; only cells that may be
# wrong are then checked one by one (a long feed has millions of sentences).
CELL_BY_CELL_UP_TO = 5000
_PRINTABLE_ASCII = r"[\x20-\x7e]*"


def _suspects(values: pd.Series, field: Field) -> pd.Series:
    """Cells that may break a rule: every bad cell is among them.

    Whole-column tests, a superset of _cell_problems: where a pattern applies,
    a cell outside printable ASCII is always a suspect, so regex engines that
    treat such characters differently never hide one; so is every list whose
    items have rules.
    """
    rules, kind = value_rules(field), field["type"]
    empty = values == ""
    filled = ~empty
    suspect = empty.copy() if rules.get("required") else empty & False
    if kind == "boolean":
        suspect |= filled & ~values.isin(_TRUE_FALSE)
    elif kind in _TYPE_PATTERNS:
        suspect |= filled & ~values.str.fullmatch(_TYPE_PATTERNS[kind].pattern)
    if kind == "integer":
        suspect |= values.str.len() > len(str(_INT64_LIMIT)) - 1  # range
    if kind == "date":
        parsed = pd.to_datetime(
            values.where(filled), format="%Y-%m-%d", errors="coerce"
        )
        suspect |= filled & parsed.isna()
    if kind == "list" and ("pattern" in rules or "enum" in rules):
        suspect |= filled
    elif kind != "list":
        if "pattern" in rules:
            unlike = ~values.str.fullmatch(_PRINTABLE_ASCII)  # engines may differ
            suspect |= filled & (unlike | ~values.str.fullmatch(rules["pattern"]))
        if "enum" in rules:
            suspect |= filled & ~values.isin(rules["enum"])
    return suspect | _out_of_bounds(values, kind, rules, filled)


def _out_of_bounds(
    values: pd.Series, kind: str, rules: dict[str, Any], filled: pd.Series
) -> pd.Series:
    """Cells below a minimum, above a maximum or longer than a maximum length."""
    suspect = values.str.len() > rules.get("maxLength", float("inf"))
    if kind in ("integer", "number") and ({"minimum", "maximum"} & set(rules)):
        numbers = (
            integers(values)
            if kind == "integer"
            else pd.to_numeric(values.where(filled), errors="coerce")
        )
        suspect |= numbers.lt(rules.get("minimum", float("-inf"))).fillna(False)
        suspect |= numbers.gt(rules.get("maximum", float("inf"))).fillna(False)
    return suspect


def check_field(file: str, frame: pd.DataFrame, field: Field) -> list[Problem]:
    """Check one column: required, type, enum (per item for lists), pattern, range.

    NOTE: cell by cell in plain Python: a package has a few hundred columns,
    mostly of a few dozen cells, where per-column pandas calls cost far more
    than the cells do. A long column is screened whole first (_suspects).
    """
    name = field["name"]
    values = frame[name]
    if len(values) > CELL_BY_CELL_UP_TO:
        values = values[_suspects(values, field)]
    # Cells that repeat (enums, ids of a few companies) are checked once.
    verdicts: dict[str, list[tuple[str, str]]] = {}
    problems = []
    for index, cell in zip(values.index, values.tolist(), strict=True):
        if cell not in verdicts:
            verdicts[cell] = _cell_problems(cell, field)
        problems += [
            Problem(file, data_row(index), name, message, broken)
            for broken, message in verdicts[cell]
        ]
    return problems


def check_keys(
    file: str, frame: pd.DataFrame, resource: dict[str, Any]
) -> list[Problem]:
    """Report duplicate primary keys and duplicates in unique columns."""
    problems = []
    key = primary_key(resource)
    unique = [
        [f["name"]] for f in fields(resource) if f.get("constraints", {}).get("unique")
    ]
    for columns in [key, *[u for u in unique if u != key]]:
        broken = DUPLICATE_KEY if columns == key else UNIQUE
        if not columns or any(c not in frame for c in columns):
            continue
        duplicated = frame.duplicated(subset=columns, keep="first")
        if not duplicated.any():
            continue
        # Only keys that repeat need their first row looked up.
        firsts = frame[~duplicated & frame.duplicated(subset=columns, keep=False)]
        first_row = {
            tuple(r): data_row(i)
            for i, r in zip(
                firsts.index, firsts[columns].itertuples(index=False), strict=True
            )
        }
        for index in frame.index[duplicated]:
            value = tuple(frame.loc[index, columns])
            shown = "/".join(value)
            problems.append(
                Problem(
                    file,
                    data_row(index),
                    "+".join(columns),
                    f"duplicate key {shown!r}, first used in row {first_row[value]}",
                    broken,
                )
            )
    return problems
