"""Run every check of the package, and check the references between its tables.

A Table Schema cannot say that a reference names a row of another table, that a
claim's subject is a row of the table it names, or that counts add up: those
are checked here; check_package runs them with every other check.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from jkdefense.data import (
    alias_contexts,
    evidence_checks,
    rules,
    schema,
    schema_checks,
    seed_checks,
)
from jkdefense.data.problems import (
    CLAIM_SUBJECT,
    FOREIGN_KEY,
    LIST_FOREIGN_KEY,
    SCRAMBLE_TOTAL,
    Problem,
    data_row,
)


def check_package(
    raw: dict[str, pd.DataFrame],
    descriptor: schema.Descriptor,
    project_dir: Path,
    derived_at: float | None = None,
) -> list[Problem]:
    """Run every check over the readable tables and return all problems found."""
    resources = schema.resources(descriptor)
    problems: list[Problem] = []
    corpus = evidence_checks.article_corpus(
        raw.get("sentences"), raw.get("sources"), project_dir
    )
    for name, frame in raw.items():
        file = resources[name]["path"]
        for spec in schema.fields(resources[name]):
            problems += schema_checks.check_field(file, frame, spec)
        problems += schema_checks.check_keys(file, frame, resources[name])
        problems += check_foreign_keys(file, frame, resources[name], raw, resources)
        if schema.is_curated(resources[name]):
            problems += evidence_checks.check_evidence(file, frame, corpus)
    if "sources" in raw:
        problems += seed_checks.check_seeds(
            raw["sources"], project_dir, raw.get("sentences"), derived_at
        )
    if "scrambles" in raw:
        problems += check_scramble_totals(raw["scrambles"])
    if "claims" in raw:
        problems += check_claim_subjects(raw["claims"], raw, resources)
    problems += alias_contexts.check_alias_contexts(raw, resources)
    problems += rules.check_rules(raw, descriptor)
    return problems


def _key_values(raw: dict[str, pd.DataFrame], resources: dict, ref: dict) -> set | None:
    target = raw.get(ref["resource"])
    if target is None or ref["fields"] not in target:
        return None  # the target's own problem is already reported
    return set(target[ref["fields"]].tolist())


def check_foreign_keys(
    file: str,
    frame: pd.DataFrame,
    resource: dict[str, Any],
    raw: dict[str, pd.DataFrame],
    resources: dict,
) -> list[Problem]:
    """Report references (plain and ';'-list) to keys that do not exist."""
    problems = []
    links = [(fk, False) for fk in resource["schema"].get("foreignKeys", [])]
    links += [(fk, True) for fk in resource["schema"].get("listForeignKeys", [])]
    for fk, is_list in links:
        column, ref = fk["fields"], fk["reference"]
        known = _key_values(raw, resources, ref)
        if known is None:
            continue
        # NOTE: .tolist(), not .items(): stepping through an Arrow-backed column
        # one cell at a time costs about a microsecond a cell (millions in a feed).
        for index, cell in zip(frame.index, frame[column].tolist(), strict=True):
            items = schema.split_list(cell) if is_list else ([cell] if cell else [])
            for item in items:
                if item not in known:
                    problems.append(
                        Problem(
                            file,
                            data_row(index),
                            column,
                            f"{item!r} is not a {ref['fields']} "
                            f"in {ref['resource']}.csv",
                            LIST_FOREIGN_KEY if is_list else FOREIGN_KEY,
                        )
                    )
    return problems


def check_scramble_totals(scrambles: pd.DataFrame) -> list[Problem]:
    """Check china + russia + other == total for every fiscal year."""
    problems = []
    columns = ["total_count", "china_count", "russia_count", "other_count"]
    # A cell that is not an integer is reported by its field check, not here.
    numbers = pd.DataFrame({c: schema_checks.integers(scrambles[c]) for c in columns})
    parts = numbers[columns[1:]].sum(axis=1, min_count=3)
    total = numbers["total_count"]
    known = parts.notna() & total.notna()
    for index in scrambles.index[known & (parts != total).fillna(False)]:
        problems.append(
            Problem(
                "scrambles.csv",
                data_row(index),
                "total_count",
                f"{int(numbers.loc[index, 'total_count'])} is not "
                "china + russia + other "
                f"({int(parts[index])})",
                SCRAMBLE_TOTAL,
            )
        )
    return problems


def check_claim_subjects(
    claims: pd.DataFrame, raw: dict[str, pd.DataFrame], resources: dict
) -> list[Problem]:
    """Check each claim's subject_id exists in the table named by subject_table."""
    problems = []
    for index, row in claims.iterrows():
        table = raw.get(row["subject_table"])
        if table is None or row["subject_table"] not in resources:
            continue
        key = schema.primary_key(resources[row["subject_table"]])[0]
        if row["subject_id"] not in set(table[key]):
            problems.append(
                Problem(
                    "claims.csv",
                    data_row(index),
                    "subject_id",
                    f"{row['subject_id']!r} is not a {key} "
                    f"in {row['subject_table']}.csv",
                    CLAIM_SUBJECT,
                )
            )
    return problems
