"""Rubrics of analyst judgments: every level defined, every rationale naming its own.

A score is only meaningful against its rubric (rubrics.csv): each judged field
has a rubric row per level, an example row stands at its level, and a
rationale opens with its level's name.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from jkdefense.data import schema
from jkdefense.data.problems import (
    RATIONALE_LEVEL,
    RUBRIC_EXAMPLE,
    RUBRIC_EXAMPLE_LEVEL,
    RUBRIC_FIELD,
    RUBRIC_LEVELS,
    RUBRIC_SCORE_LEVEL,
    Problem,
    data_row,
)


def judged_fields(resource: dict[str, Any]) -> list[str]:
    """Fields holding analyst judgments: scores and fields marked x-judgment."""
    return [
        f["name"]
        for f in schema.fields(resource)
        if f["name"].endswith("_score") or f.get("x-judgment")
    ]


def rubric_levels(rubrics: pd.DataFrame) -> dict[tuple[str, str], dict[str, str]]:
    """(table, field) -> {level: level_name}."""
    levels: dict[tuple[str, str], dict[str, str]] = {}
    for row in rubrics.to_dict("records"):
        key = (row["table_name"], row["field_name"])
        levels.setdefault(key, {})[row["level"]] = row["level_name"]
    return levels


def check_rubrics(
    rubrics: pd.DataFrame, raw: dict[str, pd.DataFrame], resources: dict
) -> list[Problem]:
    """Every judgment has a rubric for each level; rationales name their level."""
    levels = rubric_levels(rubrics)
    problems = _check_rubric_rows(rubrics, raw, resources, levels)
    for table, resource in resources.items():
        if table not in raw:
            continue
        for field in judged_fields(resource):
            spec = next(f for f in schema.fields(resource) if f["name"] == field)
            expected = (
                [str(n) for n in range(1, 6)]
                if field.endswith("_score")
                else spec.get("constraints", {}).get("enum", [])
            )
            defined = levels.get((table, field), {})
            missing = [level for level in expected if level not in defined]
            if missing:
                problems.append(
                    Problem(
                        "rubrics.csv",
                        None,
                        "level",
                        f"{table}.{field} has no rubric for level {', '.join(missing)}",
                        RUBRIC_LEVELS,
                    )
                )
            problems += _check_rationales(table, raw[table], field, defined)
    return problems


def _check_rubric_rows(
    rubrics: pd.DataFrame, raw: dict[str, pd.DataFrame], resources: dict, levels: dict
) -> list[Problem]:
    """Rubric rows name a judged field; an example row stands at its level."""
    problems = []
    positions: dict[str, dict[tuple[str, ...], int]] = {}  # per table, made once
    for index, row in zip(rubrics.index, rubrics.to_dict("records"), strict=True):
        at, table, field = data_row(index), row["table_name"], row["field_name"]
        resource = resources.get(table)
        if resource is None or field not in judged_fields(resource):
            problems.append(
                Problem(
                    "rubrics.csv",
                    at,
                    "field_name",
                    f"{table}.{field} is not an analyst judgment of the package",
                    RUBRIC_FIELD,
                )
            )
            continue
        if field.endswith("_score") and row["level"] not in {"1", "2", "3", "4", "5"}:
            problems.append(
                Problem(
                    "rubrics.csv",
                    at,
                    "level",
                    "a score level is 1 to 5",
                    RUBRIC_SCORE_LEVEL,
                )
            )
        if row["example_id"] and table in raw:
            if table not in positions:
                positions[table] = _first_row_by_key(raw[table], resource)
            problems += _check_example(at, row, raw[table], positions[table], resource)
    return problems


def _first_row_by_key(
    frame: pd.DataFrame, resource: dict
) -> dict[tuple[str, ...], int]:
    """The position of the first row with each primary key's values.

    NOTE: a lookup, where filtering the table once per example took a seventh
    of the package's check (benchmarks/RESULTS.md).
    """
    positions: dict[tuple[str, ...], int] = {}
    # An example with more or fewer values than the key has finds no row.
    columns = [frame[key].tolist() for key in schema.primary_key(resource)]
    for position, values in enumerate(zip(*columns, strict=True)):
        positions.setdefault(values, position)
    return positions


def _check_example(
    at: int,
    row: dict[str, str],
    frame: pd.DataFrame,
    positions: dict[tuple[str, ...], int],
    resource: dict,
) -> list[Problem]:
    # A table keyed by several columns names its example by their values,
    # '/'-joined in key order (program_threats: "submarines/cn-undersea-…").
    keys = schema.primary_key(resource)
    values = row["example_id"].split("/") if len(keys) > 1 else [row["example_id"]]
    position = positions.get(tuple(values))
    key = "/".join(keys)
    if position is None:
        broken = RUBRIC_EXAMPLE
        message = f"{row['example_id']!r} is not a {key} in {row['table_name']}.csv"
    elif (value := frame[row["field_name"]].iloc[position]) != row["level"]:
        broken = RUBRIC_EXAMPLE_LEVEL
        message = (
            f"{row['example_id']!r} has {row['field_name']} {value}, "
            f"not {row['level']}: it is no example of this level"
        )
    else:
        return []
    return [Problem("rubrics.csv", at, "example_id", message, broken)]


def _check_rationales(
    table: str, frame: pd.DataFrame, field: str, defined: dict[str, str]
) -> list[Problem]:
    """A judgment's rationale opens with its level's name, as rubrics.csv defines it.

    A score ``x_score`` or a judged category ``x_type`` with an ``x_rationale``.
    """
    rationale = field.removesuffix("_score").removesuffix("_type") + "_rationale"
    if rationale not in frame:
        return []
    problems = []
    for index, score, text in zip(
        frame.index, frame[field].tolist(), frame[rationale].tolist(), strict=True
    ):
        name = defined.get(score)
        if name and text and not text.casefold().startswith(name.casefold() + ":"):
            problems.append(
                Problem(
                    f"{table}.csv",
                    data_row(index),
                    rationale,
                    f"should open with '{name}:' (level {score} in rubrics.csv) "
                    "and then name the evidence for that level",
                    RATIONALE_LEVEL,
                )
            )
    return problems
