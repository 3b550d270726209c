"""The story of each proposal since the article: its state from date to date."""

from __future__ import annotations

import pandas as pd

# The states of developments.csv, from nothing to working and after.
STATE_NAMES = {
    "none": "nothing in place",
    "talks": "talks",
    "agreed": "agreed",
    "working": "working",
    "suspended": "suspended",
    "ended": "ended",
}


def segments(
    developments: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp
) -> pd.DataFrame:
    """One row per subject and stretch of time in one state, from start to end.

    A subject is in its first development's state before from ``start`` (the
    article's date) to that development, then in each development's state after
    until the next one or ``end`` (the latest dated source). The last stretch of
    each subject is today's state (``is_current``).
    """
    rows = []
    ordered = developments.sort_values("development_date", kind="stable")
    for subject, story in ordered.groupby("subject_name", sort=False):
        since, state = start, story["state_before_type"].iloc[0]
        for change in story.itertuples(index=False):
            rows.append((subject, state, since, change.development_date, False))
            since, state = change.development_date, change.state_after_type
        rows.append((subject, state, since, max(end, since), True))
    frame = pd.DataFrame(
        rows, columns=["subject_name", "state_type", "start", "end", "is_current"]
    )
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
