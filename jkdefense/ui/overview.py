"""The Overview's own parts: where the two stand by domain, and the latest changes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from jkdefense.analysis.developments import STATE_NAMES
from jkdefense.data.vocabulary import DOMAIN_LABELS
from jkdefense.ui.memo import kept_with
from jkdefense.ui.text import escape_markdown

_HEADER = (
    "| Domain | Most severe threat | Leading program (equal weights) "
    "| Strongest company pairing |\n|---|---|---|---|"
)


def _cell(name: object, score: object, link: str, scale: str) -> str:
    """A linked name and its score, or a dash when the domain has none in view."""
    if name is None or pd.isna(name):
        return "—"
    value = f"{float(score):.2f}".rstrip("0").rstrip(".")
    # The link is built from the vocabulary (page names, domains, years): no data.
    return f"[{escape_markdown(name)}]({link}) · {value}{scale}"


def standing_markdown(standing: pd.DataFrame) -> str:
    """One line per domain in view; each cell links to its page with that domain."""
    lines = [_HEADER]
    for row in standing.itertuples(index=False):
        threat = _cell(row.threat_name, row.severity_score, row.threat_link, "/5")
        program = _cell(row.program_name, row.program_score, row.program_link, "/5")
        pairing = _cell(row.pairing_label, row.pairing_score, row.pairing_link, "/5")
        domain = escape_markdown(DOMAIN_LABELS[row.domain_type])
        lines.append(f"| {domain} | {threat} | {program} | {pairing} |")
    return "\n".join(lines)


def standing_table(standing: pd.DataFrame) -> None:
    """Where Japan and Korea stand, domain by domain, with links to the detail."""
    st.markdown(kept_with(standing, ("markdown",), lambda: standing_markdown(standing)))
    st.caption(
        "Severity and scores are analyst judgments (1–5, rubrics.csv); programs "
        "at equal weights. A name opens its page with that domain chosen."
    )


def latest_developments(changes: pd.DataFrame) -> None:
    """The most recent changes since the article, newest first, whole."""
    if changes.empty:
        st.caption("No development since the article in view.")
        return
    lines = [
        f"- **{escape_markdown(row.development_date.strftime('%d %b %Y'))}** · "
        f"{escape_markdown(row.subject_name)}: "
        f"{escape_markdown(STATE_NAMES[row.state_before_type])} → "
        f"{escape_markdown(STATE_NAMES[row.state_after_type])}. "
        f"{escape_markdown(row.change_summary)}"
        + (
            f" *Accounts differ:* {escape_markdown(row.accounts_text)}"
            if getattr(row, "accounts_text", "")
            else ""
        )
        for row in changes.itertuples(index=False)
    ]
    st.markdown("\n".join(lines))
