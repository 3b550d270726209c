"""Analyst judgments and their rubrics (data/rubrics.csv), as text for readers."""

from __future__ import annotations

import pandas as pd


def levels(rubrics: pd.DataFrame | None, table: str, field: str) -> pd.DataFrame:
    """The rubric rows of one judged field, in level order (none if no rubric)."""
    if rubrics is None:
        return pd.DataFrame(columns=["level", "level_name", "meaning"])
    rows = rubrics[(rubrics["table_name"] == table) & (rubrics["field_name"] == field)]
    if rows["level"].str.isdigit().all():
        return rows.sort_values("level", key=lambda s: s.astype(int))
    return rows  # categories keep the order rubrics.csv gives them


def scale_note(rubrics: pd.DataFrame | None, table: str, field: str) -> str:
    """One line naming every level: 'Severity, an analyst judgment: 1 negligible …'."""
    rows = levels(rubrics, table, field)
    if rows.empty:
        return ""
    criterion = rows["criterion_name"].iloc[0]
    named = " · ".join(
        f"{level} {name}" if level.isdigit() else name
        for level, name in zip(rows["level"], rows["level_name"], strict=True)
    )
    return f"{criterion}, an analyst judgment (rubrics.csv): {named}."


def legend(rubrics: pd.DataFrame | None, table: str, fields: list[str]) -> str:
    """The scale notes of several judged fields, one after the other."""
    return " ".join(n for n in (scale_note(rubrics, table, f) for f in fields) if n)


def full_text(rubrics: pd.DataFrame | None, table: str, field: str) -> list[str]:
    """Every level with its meaning, a line each (briefing notes, the dictionary)."""
    rows = levels(rubrics, table, field)
    if rows.empty:
        return []
    lines = [f"{rows['criterion_name'].iloc[0]} ({table}.{field}):"]
    lines += [
        f"  {level} {name}: {meaning}"
        for level, name, meaning in zip(
            rows["level"], rows["level_name"], rows["meaning"], strict=True
        )
    ]
    return lines


def level_names(rubrics: pd.DataFrame | None, table: str, field: str) -> dict:
    """Level -> level name, for tooltips (score levels as integers)."""
    rows = levels(rubrics, table, field)
    return {
        int(level) if level.isdigit() else level: name
        for level, name in zip(rows["level"], rows["level_name"], strict=True)
    }
