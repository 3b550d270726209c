"""Read data/datapackage.json and check each table against its Table Schema."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from jkdefense.problems import HEADER_ROW, Problem, data_row

Descriptor = dict[str, Any]
Field = dict[str, Any]

EVIDENCE_FIELDS = (
    "evidence_sentence_ids",
    "evidence_quote",
    "evidence_type",
    "curation_note",
    "reference_url",
    "reference_status",
)
_TRUE_FALSE = {"true", "false"}
_INTEGER = r"-?[0-9]+"
_NUMBER = r"-?[0-9]+(\.[0-9]+)?"
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


def read_descriptor(path: Path) -> Descriptor:
    """Read the data package descriptor (raises on a missing or malformed file)."""
    return json.loads(path.read_text(encoding="utf-8"))


def resources(descriptor: Descriptor) -> dict[str, dict[str, Any]]:
    """Return the resources of the descriptor by name, in declared order."""
    return {r["name"]: r for r in descriptor["resources"]}


def fields(resource: dict[str, Any]) -> list[Field]:
    """Return the fields of a resource in column order."""
    return resource["schema"]["fields"]


def field_names(resource: dict[str, Any]) -> list[str]:
    """Return the column names a resource's CSV must have, in order."""
    return [f["name"] for f in fields(resource)]


def primary_key(resource: dict[str, Any]) -> list[str]:
    """Return the primary key columns of a resource."""
    key = resource["schema"].get("primaryKey", [])
    return [key] if isinstance(key, str) else list(key)


def is_curated(resource: dict[str, Any]) -> bool:
    """Return True for hand-curated tables (they carry the evidence columns)."""
    return bool(resource.get("x-curated"))


def split_list(cell: str) -> list[str]:
    """Split a ';'-separated list cell into its items (empty cell: no items)."""
    return [item.strip() for item in cell.split(";") if item.strip()] if cell else []


def check_header(
    file: str, header: list[str], resource: dict[str, Any]
) -> list[Problem]:
    """Report missing, unexpected and repeated columns."""
    expected = field_names(resource)
    problems = [
        Problem(file, HEADER_ROW, name, "missing column")
        for name in expected
        if name not in header
    ]
    problems += [
        Problem(
            file,
            HEADER_ROW,
            name,
            f"unexpected column (expected: {', '.join(expected)})",
        )
        for name in dict.fromkeys(header)
        if name not in expected
    ]
    problems += [
        Problem(file, HEADER_ROW, name, "column appears more than once")
        for name in dict.fromkeys(header)
        if header.count(name) > 1
    ]
    return problems


def _type_pattern(field: Field) -> str | None:
    return {"integer": _INTEGER, "number": _NUMBER, "date": _DATE}.get(field["type"])


def _bad_type(values: pd.Series, field: Field) -> pd.Series:
    """Return a mask of non-empty cells that are not of the field's type."""
    kind = field["type"]
    if kind == "boolean":
        return ~values.isin(_TRUE_FALSE)
    pattern = _type_pattern(field)
    if pattern is None:
        return pd.Series(False, index=values.index)
    bad = ~values.str.fullmatch(pattern)
    if kind == "date":
        parsed = pd.to_datetime(values.where(~bad), format="%Y-%m-%d", errors="coerce")
        bad |= parsed.isna()
    return bad


def _flag(
    file: str,
    column: str,
    values: pd.Series,
    mask: pd.Series,
    describe: Callable[[str], str],
) -> list[Problem]:
    """Turn a mask over (part of) a column into one problem per flagged cell."""
    flagged = values[mask.reindex(values.index, fill_value=False)]
    return [Problem(file, data_row(i), column, describe(v)) for i, v in flagged.items()]


def _items(values: pd.Series) -> pd.Series:
    """Return each cell of a list field as its list of items."""
    return values.map(split_list)


def check_field(file: str, frame: pd.DataFrame, field: Field) -> list[Problem]:
    """Check one column: required, type, enum (per item for lists), pattern, range."""
    name, rules = field["name"], field.get("constraints", {})
    values = frame[name]
    filled = values[values != ""]
    problems = []
    if rules.get("required"):
        problems += _flag(
            file, name, values, values == "", lambda v: "required value is empty"
        )
    problems += _flag(
        file,
        name,
        values,
        _bad_type(filled, field),
        lambda v: f"{v!r} is not a valid {field['type']}",
    )
    is_list = field["type"] == "list"
    if "pattern" in rules:
        regex = re.compile(rules["pattern"])
        # Whole columns at once where a cell is one value (the feed has long ones).
        bad = (
            _items(filled).map(lambda xs: any(not regex.fullmatch(x) for x in xs))
            if is_list
            else ~filled.str.fullmatch(rules["pattern"]).astype(bool)
        )
        problems += _flag(
            file,
            name,
            values,
            bad,
            lambda v: f"{v!r} does not match the pattern {rules['pattern']}",
        )
    if "enum" in rules:
        allowed = rules["enum"]
        bad = (
            _items(filled).map(lambda xs: any(x not in allowed for x in xs))
            if is_list
            else ~filled.isin(allowed)
        )
        problems += _flag(
            file,
            name,
            values,
            bad,
            lambda v: f"{v!r} is not one of: {', '.join(allowed)}",
        )
    if field["type"] in ("integer", "number"):
        numbers = pd.to_numeric(filled, errors="coerce")
        for bound, word, outside in (
            ("minimum", "below", numbers.lt),
            ("maximum", "above", numbers.gt),
        ):
            if bound in rules:
                problems += _flag(
                    file,
                    name,
                    values,
                    outside(rules[bound]),
                    lambda v, w=word, b=bound: f"{v} is {w} the {b} {rules[b]}",
                )
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
                )
            )
    return problems
