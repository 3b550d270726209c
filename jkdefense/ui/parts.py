"""A page's text and tables: its filters and finding, prose, tables, caveats.

The evidence panel is jkdefense.ui.row_evidence's; the link, citation and
briefing decks are jkdefense.ui.share's.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from jkdefense.analysis import feed_counts
from jkdefense.data import load
from jkdefense.render.text import shown_frame
from jkdefense.report.base import PageView
from jkdefense.ui.downloads import table_download
from jkdefense.ui.memo import from_frame
from jkdefense.ui.state import chart_labels, current_view
from jkdefense.ui.text import escape_markdown, plain_table


def takeaway(text: str) -> None:
    """Show the page's one-line finding (none: nothing, not an empty bold mark)."""
    if text:
        st.markdown(f"**{escape_markdown(text)}**")


def prose(text: str) -> None:
    """A paragraph of the package's own prose, shown as text (never Markdown)."""
    st.markdown(escape_markdown(text))


def nothing_to_show(what: str, view_text: str) -> None:
    """Say that the filters leave nothing to show (instead of an empty chart)."""
    st.info(
        f"No {escape_markdown(what)} match these filters "
        f"({escape_markdown(view_text)}). "
        "Select more domains or articles in the sidebar."
    )


def table(
    frame: pd.DataFrame, columns: dict[str, Any], key: str, download: bool = True
) -> None:
    """Show a table with labelled columns (only the columns named), and its CSV.

    A table of curated rows ends with how many feed articles support each row.
    Under it, the table as CSV (jkdefense.ui.downloads); ``download`` False
    where the page offers the table's CSV itself.
    """
    if "evidence_sentence_ids" in frame.columns:
        columns = {**columns, "support": "Feed articles"}
    shown = from_frame(frame, ("columns", *columns), lambda: _shown(frame, columns))
    st.dataframe(
        shown, column_config=columns, hide_index=True, width="stretch", key=key
    )
    if download:
        table_download(shown, key)


def _shown(frame: pd.DataFrame, columns: dict[str, Any]) -> pd.DataFrame:
    """The named columns of ``frame``, text as shown; 'support' from its evidence."""
    shown = frame[[c for c in columns if c != "support"]]
    if "support" in columns:
        shown = shown.assign(
            support=feed_counts.corroboration(frame["evidence_sentence_ids"])
        )
    return shown_frame(shown)


def static_table(frame: pd.DataFrame, columns: dict[str, str], caption: str) -> None:
    """Show a short table whole: every row, every cell wrapped, for a screenshot.

    The grid st.dataframe draws cuts long cells to its column width. A static
    table also needs less frontend code (0.8 MB of JavaScript where the grid
    needs 1.4 MB), which a first page has to fetch and compile before it is
    drawn (benchmarks/RESULTS.md).
    """
    st.table(
        from_frame(frame, ("plain", *columns), lambda: plain_table(frame, columns)),
        hide_index=True,
        alt=caption,
    )


def pairing_detail(pairing: pd.Series) -> None:
    """What a pairing could do, on which programs, through which suppliers."""
    bridges = pairing["bridge_names"] or "none recorded"
    st.markdown(
        f"{escape_markdown(pairing['pairing_summary'])}  \n"
        f"**Programs:** {escape_markdown(pairing['program_names'])} · "
        f"**Bridge suppliers:** {escape_markdown(bridges)}"
    )


def fact_check_warnings(rows: pd.DataFrame, label_column: str) -> None:
    """Flag rows that a fact-check corrects or qualifies, above their chart."""
    flagged = from_frame(
        rows,
        ("caveats", label_column),
        lambda: rows.loc[rows["has_caveat"], [label_column, "fact_check"]],
    )
    for label, check in zip(flagged[label_column], flagged["fact_check"], strict=True):
        if check:
            st.warning(
                f"Fact-check, {escape_markdown(label)}: {escape_markdown(check)}"
            )


def show_page_top(pkg: load.Package, page: PageView) -> None:
    """The active filters, then the finding (or why there is nothing to show)."""
    described = chart_labels(pkg, current_view(pkg))["subtitle"]
    if page.empty:
        nothing_to_show(page.empty, described)
        st.stop()
    st.caption(
        escape_markdown(described), help="Every chart names these in its subtitle."
    )
    takeaway(page.takeaway)
