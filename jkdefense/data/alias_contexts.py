"""Alias contexts: when an ambiguous alias counts as a mention of its entity.

An alias that is also an ordinary word or a generic term ("Typhoon", the storm
and the fighter; "submarines", anyone's) counts for its entity only in a
sentence that supports it. alias_contexts.csv declares, per entity and alias,
the phrases that must (needs_any, also_needs_any) or must not (unless_any) be
in the sentence; derive applies them (jkdefense.pipeline.mentions). This module
checks the table: each row names an entity that exists and one of its aliases,
and says something.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from jkdefense.data import schema
from jkdefense.data.problems import (
    ALIAS_CONTEXT_ALIAS,
    ALIAS_CONTEXT_ENTITY,
    ALIAS_CONTEXT_PHRASES,
    Problem,
    data_row,
)

TABLE = "alias_contexts"
FILE = f"{TABLE}.csv"
# The columns of phrases, as the schema names them.
NEEDS, ALSO_NEEDS, UNLESS = "needs_any", "also_needs_any", "unless_any"
# What derive reads (the note aside: editing it changes no mention).
RULE_COLUMNS = ("entity_table", "entity_id", "alias_name", NEEDS, ALSO_NEEDS, UNLESS)


def entity_aliases(
    raw: dict[str, pd.DataFrame], resources: dict[str, dict[str, Any]], table: str
) -> dict[str, list[str]] | None:
    """Each row of ``table`` by key, with its aliases; None when it cannot be read."""
    frame, resource = raw.get(table), resources.get(table)
    if frame is None or resource is None or "alias_names" not in frame:
        return None
    key = schema.primary_key(resource)[0]
    if key not in frame:
        return None
    return {
        entity_id: schema.split_list(names)
        for entity_id, names in zip(
            frame[key].tolist(), frame["alias_names"].tolist(), strict=True
        )
    }


def check_alias_contexts(
    raw: dict[str, pd.DataFrame], resources: dict[str, dict[str, Any]]
) -> list[Problem]:
    """Every alias context names an entity, one of its aliases, and phrases."""
    contexts = raw.get(TABLE)
    if contexts is None:
        return []
    known: dict[str, dict[str, list[str]] | None] = {}
    problems = []
    for index, row in zip(contexts.index, contexts.to_dict("records"), strict=True):
        at = data_row(index)
        table = row["entity_table"]
        if table not in known:
            known[table] = entity_aliases(raw, resources, table)
        entities = known[table]
        problems += _phrase_problems(at, row)
        if entities is None:
            continue  # an unknown table is an enum problem; an unreadable one, its own
        if row["entity_id"] not in entities:
            key = schema.primary_key(resources[table])[0]
            problems.append(
                Problem(
                    FILE,
                    at,
                    "entity_id",
                    f"{row['entity_id']!r} is not a {key} in {table}.csv",
                    ALIAS_CONTEXT_ENTITY,
                )
            )
        elif row["alias_name"] not in entities[row["entity_id"]]:
            aliases = "; ".join(entities[row["entity_id"]]) or "none"
            problems.append(
                Problem(
                    FILE,
                    at,
                    "alias_name",
                    f"{row['alias_name']!r} is not an alias of {table}:"
                    f"{row['entity_id']} (its alias_names: {aliases})",
                    ALIAS_CONTEXT_ALIAS,
                )
            )
    return problems


def _phrase_problems(at: int, row: dict[str, str]) -> list[Problem]:
    """A context must need or rule out something; a second need needs a first."""
    needs, also, unless = (
        schema.split_list(row[c]) for c in (NEEDS, ALSO_NEEDS, UNLESS)
    )
    if not needs and not unless:
        return [
            Problem(
                FILE,
                at,
                NEEDS,
                "empty, and so is unless_any: give the phrases that support the "
                "alias or rule it out",
                ALIAS_CONTEXT_PHRASES,
            )
        ]
    if also and not needs:
        return [
            Problem(
                FILE,
                at,
                ALSO_NEEDS,
                "set, but needs_any is empty: put the first need in needs_any",
                ALIAS_CONTEXT_PHRASES,
            )
        ]
    return []
