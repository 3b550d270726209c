"""Contested facts: every government's account of a fact, each labelled.

Where governments describe a fact differently (accounts.csv), a view never shows
one account as the fact: it shows all of them, each with whose account it is.
These functions give a table, a timeline, a map or a slide those accounts.
"""

from __future__ import annotations

import pandas as pd

# Between two accounts in one cell of a table or tooltip.
SEPARATOR = " | "
ASPECT_NAMES = {
    "position": "where",
    "events": "what happened",
    "protest": "protests",
    "reasons": "why",
}


def of_subjects(
    accounts: pd.DataFrame | None, subject_table: str, ids: list[str] | pd.Series
) -> pd.DataFrame:
    """The accounts of those rows of ``subject_table``, in a stable order."""
    if accounts is None or accounts.empty:
        return pd.DataFrame(columns=["subject_id", "account_label", "account_text"])
    chosen = accounts[
        (accounts["subject_table"] == subject_table)
        & accounts["subject_id"].isin(list(ids))
    ]
    return chosen.sort_values(
        ["subject_id", "aspect_type", "account_label"], kind="stable"
    )


def account_line(account: pd.Series) -> str:
    """'Japan MOD account (where): …', one account, labelled."""
    aspect = ASPECT_NAMES.get(account["aspect_type"], account["aspect_type"])
    return f"{account['account_label']} ({aspect}): {account['account_text']}"


def texts_by_subject(
    accounts: pd.DataFrame | None, subject_table: str, ids: list[str] | pd.Series
) -> dict[str, str]:
    """Subject id -> all its accounts in one text ('' for no contested subject)."""
    chosen = of_subjects(accounts, subject_table, ids)
    return {
        subject: SEPARATOR.join(account_line(row) for _, row in group.iterrows())
        for subject, group in chosen.groupby("subject_id", sort=False)
    }


def labels_by_subject(
    accounts: pd.DataFrame | None, subject_table: str, ids: list[str] | pd.Series
) -> dict[str, list[str]]:
    """Subject id -> whose accounts it has ('Japan MOD account', …), once each."""
    chosen = of_subjects(accounts, subject_table, ids)
    return {
        subject: list(dict.fromkeys(group["account_label"]))
        for subject, group in chosen.groupby("subject_id", sort=False)
    }


def with_accounts(
    frame: pd.DataFrame, accounts: pd.DataFrame | None, subject_table: str, key: str
) -> pd.DataFrame:
    """``frame`` with ``accounts_text``: every account of each row ('' if none)."""
    if frame.empty:
        return frame.assign(accounts_text=pd.Series(dtype=str))
    texts = texts_by_subject(accounts, subject_table, frame[key])
    return frame.assign(accounts_text=[texts.get(k, "") for k in frame[key]])


def with_event_accounts(
    developments: pd.DataFrame, accounts: pd.DataFrame | None
) -> pd.DataFrame:
    """Developments with ``accounts_text``: their own accounts and their event's.

    A development that records the same dated event as a row of incidents.csv
    (``incident_id``) shows that event's accounts: the fact is told once.
    """
    told = with_accounts(developments, accounts, "developments", "development_id")
    if told.empty or "incident_id" not in told:
        return told
    events = texts_by_subject(accounts, "incidents", told["incident_id"].dropna())
    joined = [
        SEPARATOR.join(t for t in (own, events.get(event, "")) if t)
        for own, event in zip(told["accounts_text"], told["incident_id"], strict=True)
    ]
    return told.assign(accounts_text=joined)


def contested_lines(frame: pd.DataFrame, label_column: str) -> list[str]:
    """One line per contested row of ``frame``: its label, then its accounts."""
    if "accounts_text" not in frame or frame.empty:
        return []
    contested = frame[frame["accounts_text"].astype(bool)]
    return [
        f"{label}: {text}"
        for label, text in zip(
            contested[label_column].astype(str),
            contested["accounts_text"],
            strict=True,
        )
    ]
