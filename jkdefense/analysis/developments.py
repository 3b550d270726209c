"""The story of each proposal since the article: its state from date to date."""

from __future__ import annotations

import pandas as pd

# The states of developments.csv, from nothing to in force and after, as their
# rubric names them (rubrics.csv level_name; a test keeps the two the same).
STATE_NAMES = {
    "none": "nothing in place",
    "talks": "talks",
    "agreed": "agreed",
    "in_force": "in force",
    "in_force_notice_pending": "in force, termination notice pending",
    "in_force_notice_suspended": "in force, termination notice suspended",
    "halted": "halted",
    "ended": "ended",
}
IN_FORCE = ("in_force", "in_force_notice_pending", "in_force_notice_suspended")


def segments(
    developments: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp
) -> pd.DataFrame:
    """One row per subject and stretch of time in one state, from start to end.

    A subject is in its first development's state before from ``start`` (the
    article's date) to that development, then in each development's state after
    until the next one or ``end`` (the latest dated source). The last stretch of
    each subject is today's state (``is_current``). A stretch that a contested
    change began carries that change's accounts (``accounts_text``).
    """
    rows = []
    ordered = developments.sort_values("development_date", kind="stable")
    if "accounts_text" not in ordered:
        ordered = ordered.assign(accounts_text="")
    for subject, story in ordered.groupby("subject_name", sort=False):
        since, state, told = start, story["state_before_type"].iloc[0], ""
        for change in story.itertuples(index=False):
            rows.append((subject, state, since, change.development_date, False, told))
            since, state = change.development_date, change.state_after_type
            told = change.accounts_text
        rows.append((subject, state, since, max(end, since), True, told))
    columns = ["subject_name", "state_type", "start", "end", "is_current"]
    frame = pd.DataFrame(rows, columns=[*columns, "accounts_text"])
    frame["state_name"] = frame["state_type"].map(STATE_NAMES)
    return frame


def current_states(developments: pd.DataFrame) -> pd.DataFrame:
    """Each subject's state today: the latest development's state after, and when."""
    latest = developments.sort_values("development_date", kind="stable").groupby(
        "subject_name", as_index=False, sort=False
    )
    now = latest.last()[
        ["subject_name", "state_after_type", "development_date", "change_summary"]
    ]
    now = now.rename(
        columns={"state_after_type": "state_type", "development_date": "since"}
    )
    now["state_name"] = now["state_type"].map(STATE_NAMES)
    now["since"] = now["since"].dt.strftime("%d %b %Y")  # a day, not a time
    order = list(STATE_NAMES)
    return now.sort_values(
        ["state_type", "subject_name"],
        key=lambda s: s.map(order.index) if s.name == "state_type" else s,
        ignore_index=True,
    )
