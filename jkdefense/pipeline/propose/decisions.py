"""The analyst's decisions on proposals, kept in the data package.

A rejected proposal gets one row in proposal_decisions.csv (declared in
datapackage.json, validated like every table) and is never proposed again. An
accepted proposal needs no row there: it becomes a row of its table, whose
evidence cites its sentence, and a cited sentence is not proposed from.
"""

from __future__ import annotations

import pandas as pd

from jkdefense.data import schema, schema_checks

TABLE = "proposal_decisions"
REJECTED = "rejected"


def rejected(frame: pd.DataFrame | None) -> set[str]:
    """The ids of the proposals the analyst rejected (none without the table)."""
    if frame is None or frame.empty:
        return set()
    return set(frame.loc[frame["decision_type"] == REJECTED, "proposal_id"])


def rejection(
    proposal_id: str,
    table: str,
    source_id: str,
    subject: str,
    quote: str,
    today: str,
    reason: str,
) -> dict[str, str]:
    """The decisions row that records a rejection."""
    return {
        "proposal_id": proposal_id,
        "decision_type": REJECTED,
        "table_name": table,
        "source_id": source_id,
        "subject_name": subject,
        "quote_text": quote,
        "decided_date": today,
        # A reason is a note of one line, as the form and --reason give it.
        "reason_note": " ".join(reason.split()),
    }


def problems(row: dict[str, str], resource: dict) -> list[str]:
    """What the schema refuses in a decisions row, one line each."""
    frame = pd.DataFrame([row], columns=schema.field_names(resource)).fillna("")
    found = []
    for field in schema.fields(resource):
        found += schema_checks.check_field(resource["path"], frame, field)
    return [str(p) for p in found]
