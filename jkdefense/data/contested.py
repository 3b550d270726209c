"""Contested facts: each government's account of one fact, every one shown.

accounts.csv holds one row per government's account of a fact (where an
incident happened, what happened, who protested, why a decision was taken). A
fact with accounts is contested: it needs at least two governments' accounts,
each with a label of its own, and the row it is about must exist.
"""

from __future__ import annotations

import pandas as pd

from jkdefense.data.problems import (
    ACCOUNT_LABEL,
    ACCOUNT_SUBJECT,
    ACCOUNTS_OF_EACH,
    REFERENCE_REQUIRED,
    REFERENCE_STATUS,
    REFERENCE_TIER,
    Problem,
    data_row,
)

FILE = "accounts.csv"
# The key column of each table an account may be about.
SUBJECT_KEYS = {"incidents": "incident_id", "developments": "development_id"}


def check_accounts(raw: dict[str, pd.DataFrame]) -> list[Problem]:
    """Subjects exist; a contested fact has two governments' accounts or more."""
    accounts = raw.get("accounts")
    if accounts is None or accounts.empty:
        return []
    problems = []
    for index, row in zip(accounts.index, accounts.to_dict("records"), strict=True):
        table = raw.get(row["subject_table"])
        key = SUBJECT_KEYS.get(row["subject_table"])
        if table is not None and key and row["subject_id"] not in set(table[key]):
            problems.append(
                Problem(
                    FILE,
                    data_row(index),
                    "subject_id",
                    f"{row['subject_id']!r} is not a {key} "
                    f"in {row['subject_table']}.csv",
                    ACCOUNT_SUBJECT,
                )
            )
    facts = accounts.groupby(["subject_table", "subject_id", "aspect_type"], sort=False)
    for (_, subject, aspect), group in facts:
        first = data_row(group.index[0])
        if group["account_of"].nunique() < 2:
            problems.append(
                Problem(
                    FILE,
                    first,
                    "account_of",
                    f"{subject!r} ({aspect}) has the account of "
                    f"{', '.join(sorted(set(group['account_of'])))} only: a contested "
                    "fact needs each government's account",
                    ACCOUNTS_OF_EACH,
                )
            )
        repeated = group["account_label"][group["account_label"].duplicated()]
        for index in repeated.index:
            problems.append(
                Problem(
                    FILE,
                    data_row(index),
                    "account_label",
                    f"{group.at[index, 'account_label']!r} labels two accounts of "
                    f"{subject!r} ({aspect}): each label names whose account it is",
                    ACCOUNT_LABEL,
                )
            )
    return problems


def check_reference_required(
    file: str, frame: pd.DataFrame, resource: dict
) -> list[Problem]:
    """Rows of a table that declares x-reference-required cite such a reference.

    The accounts table declares it: each account rests on a tier 1 or 2 source,
    seen at its address (the rule's ``tiers`` and ``status``).
    """
    rule = resource.get("x-reference-required")
    if not rule or "reference_url" not in frame:
        return []
    tiers = {str(tier) for tier in rule.get("tiers", [])}
    status = rule.get("status")
    problems = []
    columns = ("reference_url", "reference_tier", "reference_status")
    rows = zip(frame.index, *(frame[c].tolist() for c in columns), strict=True)
    for index, url, tier, seen in rows:
        at = data_row(index)
        if not url:
            problems.append(
                Problem(
                    file,
                    at,
                    "reference_url",
                    f"required: {rule['why']}",
                    REFERENCE_REQUIRED,
                )
            )
        elif tiers and tier not in tiers:
            problems.append(
                Problem(
                    file,
                    at,
                    "reference_tier",
                    f"tier {tier or 'not given'}; must be "
                    f"{' or '.join(sorted(tiers))}: {rule['why']}",
                    REFERENCE_TIER,
                )
            )
        if url and status and seen != status:
            problems.append(
                Problem(
                    file,
                    at,
                    "reference_status",
                    f"must be {status}: {rule['why']}",
                    REFERENCE_STATUS,
                )
            )
    return problems
