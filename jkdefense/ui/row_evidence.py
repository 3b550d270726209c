"""The evidence panel: the sentences a chosen row rests on, its quote highlighted.

Under them: how many feed articles support the row, its evidence type, its
curation note and its outside reference (the one address shown as a link),
and each government's account where accounts differ.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from jkdefense.analysis import accounts, evidence, feed_counts
from jkdefense.data import load, schema
from jkdefense.render.text import as_shown
from jkdefense.report import page_data
from jkdefense.ui.broken import cannot_use
from jkdefense.ui.memo import from_frame
from jkdefense.ui.state import per_data
from jkdefense.ui.text import escape_markdown, reference_link, segments_markdown


def evidence_panel(
    pkg: load.Package, rows: pd.DataFrame, label_column: str, key: str
) -> None:
    """Let the reader pick a row; show its cited sentences, quote highlighted."""
    with st.expander("Evidence: the sentences each row rests on", expanded=True):
        if rows.empty:
            st.caption("No rows in view.")
            return
        labels = from_frame(
            rows,
            ("labels", label_column),
            lambda: [as_shown(label) for label in rows[label_column]],
        )
        chosen = st.selectbox("Row", labels, key=key, bind="query-params")
        row = rows.iloc[labels.index(chosen)] if chosen in labels else rows.iloc[0]
        # What the panel shows follows from the row's evidence columns alone.
        cells = tuple(_key_of(row.get(c)) for c in schema.EVIDENCE_FIELDS)
        shown = per_data("evidence", pkg, cells, lambda: _evidence_markdown(pkg, row))
        if shown is None:
            if not cannot_use(pkg, ("sentences",), "The evidence"):
                st.warning(
                    "sentences.parquet cannot be read, so the evidence cannot be shown."
                )
            return
        quotes, notes = shown
        for quote, caption in quotes:
            st.markdown(quote)
            st.caption(caption)
        st.caption(notes)
        told = row.get("accounts_text")
        if isinstance(told, str) and told:
            # Each government's account, labelled: none is shown as the fact.
            st.markdown(
                "**Accounts differ.** "
                + "  \n".join(
                    escape_markdown(line) for line in told.split(accounts.SEPARATOR)
                )
            )


def _key_of(cell: Any) -> Any:
    """A cell as part of a cache key: lists as tuples, missing values as None."""
    if isinstance(cell, list):
        return tuple(cell)
    return None if pd.isna(cell) else str(cell)


def _evidence_markdown(
    pkg: load.Package, row: pd.Series
) -> tuple[list[tuple[str, str]], str] | None:
    """Each cited sentence (quote highlighted) with its caption, then the notes.

    None when the sentences cannot be read.
    """
    if pkg.checked:
        sentences = pkg.tables.get("sentences")
    else:  # still being checked: the package has not read them yet
        sentences = load.read_sentences(pkg, set(row["evidence_sentence_ids"]))
    if sentences is None:
        return None
    cited = evidence.cited_sentences(row, sentences, page_data.sources_table(pkg))
    quotes = [
        (
            f"> {segments_markdown(c.segments)}",
            f"{escape_markdown(c.sentence_id)}, paragraph "
            f"{c.paragraph_no} · {escape_markdown(c.citation)}",
        )
        for c in cited
    ]
    support = feed_counts.corroboration(pd.Series([row["evidence_sentence_ids"]]))[0]
    notes = [f"Supported by {support}", f"Evidence type: {row['evidence_type']}"]
    if isinstance(row.get("curation_note"), str):
        notes.append(f"Note: {row['curation_note']}")
    reference = evidence.reference_line(row, schema.tier_names(pkg.descriptor))
    shown = escape_markdown(" · ".join(notes))
    if reference:
        # The curated reference opens as a link; every other address is text.
        url = row["reference_url"]
        label = escape_markdown(reference.removesuffix(url))
        shown += f" · {label}{reference_link(url)}"
    return quotes, shown
