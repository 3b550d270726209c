"""A page's parts: finding, tables, evidence, links and briefings."""

from __future__ import annotations

import os
from datetime import date
from typing import Any
from urllib.parse import urlencode, urlsplit

import pandas as pd
import streamlit as st

from jkdefense.analysis import accounts, evidence, shaping
from jkdefense.data import load, schema
from jkdefense.render import export
from jkdefense.render.text import as_shown, shown_frame
from jkdefense.report import context, links
from jkdefense.report.base import PageView
from jkdefense.ui.broken import cannot_use
from jkdefense.ui.downloads import table_download
from jkdefense.ui.state import (
    chart_labels,
    current_view,
    from_frame,
    meeting_mode,
    opened_tabs,
    opening,
    page_settings,
    per_data,
)
from jkdefense.ui.text import (
    escape_markdown,
    plain_table,
    reference_link,
    segments_markdown,
)


def takeaway(text: str) -> None:
    """Show the page's one-line finding."""
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
            support=shaping.corroboration(frame["evidence_sentence_ids"])
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
    cited = evidence.cited_sentences(row, sentences, context.sources_table(pkg))
    quotes = [
        (
            f"> {segments_markdown(c.segments)}",
            f"{escape_markdown(c.sentence_id)}, paragraph "
            f"{c.paragraph_no} · {escape_markdown(c.citation)}",
        )
        for c in cited
    ]
    support = shaping.corroboration(pd.Series([row["evidence_sentence_ids"]]))[0]
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


# Where colleagues reach this dashboard, when not at the address this browser
# used (a shared server, say): its base replaces this browser's in the link.
PUBLIC_URL_VARIABLE = "JKDEFENSE_PUBLIC_URL"
# The searches a link carries, as they change what a page shows.
SEARCH_PARAMS = ("sources_query", "source_find")


def public_address(address: str) -> str:
    """``address`` with the public base (JKDEFENSE_PUBLIC_URL) when one is set."""
    base = os.environ.get(PUBLIC_URL_VARIABLE, "").strip()
    if not base:
        return address
    return base.rstrip("/") + (urlsplit(address).path or "/")


def view_link(pkg: load.Package) -> str:
    """The address that reopens this page, its filters, settings, searches and tab.

    The address is the one this browser used, or the public one when set.
    """
    page_address = public_address(str(st.context.url or "").split("?", 1)[0])
    query = per_data(
        "link",
        pkg,
        (current_view(pkg), repr(sorted(page_settings(pkg).items()))),
        lambda: links.params_from_view(pkg, current_view(pkg), page_settings(pkg)),
    )
    searches = {
        name: st.session_state[name]
        for name in SEARCH_PARAMS
        if str(st.session_state.get(name) or "").strip()
    }
    query = "&".join(
        q for q in (query, urlencode(opened_tabs()), urlencode(searches)) if q
    )
    return f"{page_address}?{query}" if query else page_address


def briefing_buttons(pkg: load.Package, page: PageView, key: str) -> None:
    """One click for a deck (PPTX or PDF) of this page, or of the whole app."""
    if meeting_mode():
        return
    view, settings = current_view(pkg), page_settings(pkg)
    # A deck's notes quote the cited sentences: made from the checked package,
    # even when the page was drawn while a thread was checking it.
    package_opening = opening(pkg.data_dir)

    link = view_link(pkg)

    def whole_app() -> export.Briefing:
        # The pages of findings: housekeeping (Sources) only in its own briefing.
        checked = package_opening.checked()
        pages = context.all_page_views(checked, view, settings, housekeeping=False)
        return export.briefing(checked, view, pages, link)

    def this_page() -> export.Briefing:
        return export.briefing(package_opening.checked(), view, [page], link)

    st.caption("Link to this view, every filter and setting included (copy it):")
    st.code(link, language=None, wrap_lines=True)
    st.caption("Cite this view:")
    st.code(
        context.cite_view(
            context.data_version(pkg),
            context.describe_view(pkg, view),
            link,
            date.today().isoformat(),
        ),
        language=None,
        wrap_lines=True,
    )

    st.caption(
        "Export a briefing of this view: a 16:9 deck with a slide per chart, "
        "its takeaway, and the cited sentences in the notes."
    )
    with st.container():
        columns = st.columns(4)
        for column, (label, make, kind) in zip(
            columns,
            [
                ("This page · PPTX", this_page, "pptx"),
                ("This page · PDF", this_page, "pdf"),
                ("Whole app · PPTX", whole_app, "pptx"),
                ("Whole app · PDF", whole_app, "pdf"),
            ],
            strict=True,
        ):
            render = export.briefing_pptx if kind == "pptx" else export.briefing_pdf
            name = page.title if label.startswith("This") else "all pages"
            column.download_button(
                label,
                data=lambda make=make, render=render: render(make()),
                file_name=export.briefing_file_name(
                    name, view, context.period_years(pkg), kind
                ),
                mime=_MIME[kind],
                on_click="ignore",
                key=f"{key}_{kind}_{label[:4]}",
            )


_MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}
