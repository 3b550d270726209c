"""The Curate page's workbench: pick a proposal, read it in context, decide.

Accept, Edit and Reject write through jkdefense.pipeline.propose, which lands
every change with the one locked, all-or-nothing writer; the page only shows
what happened. The package reloads on the next run because its files changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from jkdefense.analysis import filters
from jkdefense.data import feed, load, schema, writer
from jkdefense.render import export
from jkdefense.report import curate
from jkdefense.report.base import PageView
from jkdefense.ui.broken import cannot_use
from jkdefense.ui.downloads import csv_download
from jkdefense.ui.parts import static_table
from jkdefense.ui.state import chart_labels, page_tables, per_data
from jkdefense.ui.text import escape_markdown
from jkdefense.ui.views import kept_view

# NOTE: jkdefense.pipeline.propose is imported in the functions that use it:
# ui.__init__ imports every ui module as the app starts, and proposing (its
# sentence splitter, a process pool) would add 0.15–0.2 s to every first page.

# What the last decision did, shown once at the top of the next run.
_OUTCOME = "curate_outcome"
# The proposal last shown, by id: shown again when the list changes beneath it.
_PICKED = "curate_picked"


def proposed_from(
    pkg: load.Package, view: filters.ViewFilters
) -> tuple[str, ...] | None:
    """The articles the page proposes from (None: every article of the feed).

    Those in view, or the curate.MOST_ARTICLES most recent of them. The list,
    the row shown and the row Accept writes are all proposed from these: on a
    long feed, proposing from every sentence takes seconds per 10,000
    sentences (benchmarks/RESULTS.md).
    """
    ids = curate.articles_to_propose_from(pkg.tables["sources"], view.source_ids)
    return None if len(ids) == len(pkg.source_ids) else ids


def _open(pkg: load.Package, wanted: tuple[str, ...] | None) -> list:
    """The open proposals (propose.Proposal) from ``wanted``, proposed_from's articles.

    Once per data version and set of articles: the list and the row shown
    come from one proposing (8 s at 10,000 articles, benchmarks/RESULTS.md).
    """
    from jkdefense.pipeline import propose

    listing = partial(propose.open_proposals, pkg.data_dir, wanted)
    return per_data("open_proposals", pkg, (wanted,), listing)


def build_curate(pkg: load.Package, view: filters.ViewFilters) -> PageView:
    """The Curate page's view: the proposals from the articles in view.

    From the most recent ones when there are more than curate.MOST_ARTICLES.
    """
    from jkdefense.pipeline import propose

    wanted = proposed_from(pkg, view)
    listed = propose.frame(_open(pkg, wanted))
    tables = {**page_tables(pkg), "proposals": listed}
    page = curate.build(tables, view, chart_labels(pkg, view))
    if wanted is not None and len(wanted) < len(view.source_ids):
        page.takeaway += (
            f" Proposed from the {len(wanted)} most recent of the "
            f"{len(view.source_ids):,} articles in view: choose articles in the "
            "sidebar to propose from others."
        )
    return page


def curate_view(pkg: load.Package, view: filters.ViewFilters) -> PageView:
    """The Curate page's view (build_curate), kept per data version and filters."""
    return kept_view("curate", pkg, view, (), lambda: build_curate(pkg, view))


def require_whole_package(pkg: load.Package) -> None:
    """Stop the page, naming them, while any curated or feed table cannot be used.

    Proposals leave out every sentence a curated row cites, and an accepted row
    is checked with the whole package: neither can be trusted on broken tables.
    """
    needed = tuple(
        name
        for name, resource in schema.resources(pkg.descriptor).items()
        if schema.is_curated(resource)
    ) + ("sentences", "mentions")
    if cannot_use(pkg, needed, "Curating"):
        st.stop()


def last_outcome() -> None:
    """Say what the last Accept or Reject did (once)."""
    outcome = st.session_state.pop(_OUTCOME, None)
    if outcome is None:
        return
    kind, text = outcome
    {"success": st.success, "warning": st.warning, "error": st.error}[kind](text)


def list_key(rows: pd.DataFrame) -> str:
    """The proposal list's widget key: one for each list of proposals.

    A selection is a row's position. Kept across a change to the list (another
    session's Accept), it would point at another proposal; a new list is a
    new widget, with no selection.
    """
    ids = "\n".join(rows["proposal_id"].tolist())
    return "curate_list_" + hashlib.sha256(ids.encode("utf-8")).hexdigest()[:16]


def pick_proposal(rows: pd.DataFrame) -> pd.Series | None:
    """The list of proposals; the one the analyst selects.

    With no row selected in this list: the proposal shown last, while it is
    still open (the list changed beneath it), else the first.
    """
    from jkdefense.pipeline import propose

    if rows.empty:
        return None
    shown = rows.assign(rank=range(1, len(rows) + 1))
    event = st.dataframe(
        shown[["rank", *curate.COLUMNS]],
        column_config={"rank": "#", **curate.COLUMNS},
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=list_key(rows),
    )
    csv_download(
        "Download the proposals (CSV)",
        lambda: rows[list(propose.PROPOSAL_COLUMNS)],
        export.file_name("proposals", "csv"),
        key="curate_list_csv",
    )
    chosen = event.selection.rows if event is not None else []
    ids = rows["proposal_id"].tolist()
    if chosen:
        at = chosen[0]
    elif st.session_state.get(_PICKED) in ids:
        at = ids.index(st.session_state[_PICKED])
    else:
        at = 0
    st.session_state[_PICKED] = ids[at]
    return rows.iloc[at]


def proposal_in_context(pkg: load.Package, proposal: pd.Series) -> None:
    """The proposal's sentence with the sentences around it, and its article."""
    ids = proposal["evidence_sentence_ids"].split(";")
    stretch = feed.sentences_around(pkg.data_dir, ids)
    lines = [
        f"**{escape_markdown(text)}**" if cited else f":gray[{escape_markdown(text)}]"
        for text, cited in zip(stretch["text"], stretch["cited"], strict=True)
    ]
    st.markdown("\n\n".join(lines) or escape_markdown(proposal["evidence_quote"]))
    sources = pkg.tables.get("sources")
    source_id = curate.source_of(proposal["evidence_sentence_ids"])
    if sources is not None and source_id in set(sources["source_id"]):
        article = sources[sources["source_id"] == source_id].iloc[0]
        st.caption(
            f"{escape_markdown(article['title'])} ({escape_markdown(source_id)}), "
            f"{escape_markdown(article['publisher'])}, "
            f"{str(article['date_published'])[:10]} · "
            f"{escape_markdown(article['url'])}"
        )


def proposed_row(
    pkg: load.Package, view: filters.ViewFilters, proposal_id: str
) -> dict[str, str]:
    """The row Accept would write for a listed proposal (never modify it)."""
    from jkdefense.pipeline import propose

    wanted = proposed_from(pkg, view)
    for proposal in _open(pkg, wanted):
        if proposal.proposal_id == proposal_id:
            return proposal.row
    # Not in the list: propose says why, in one line (propose.Refused).
    return propose.proposed_row(pkg.data_dir, proposal_id, wanted)


def proposed_values(
    pkg: load.Package, view: filters.ViewFilters, proposal: pd.Series
) -> None:
    """What Accept writes: every field the proposal fills, as a table."""
    row = proposed_row(pkg, view, proposal["proposal_id"])
    filled = pd.DataFrame(
        {"field": list(row), "value": [str(value) for value in row.values()]}
    )
    static_table(
        filled[filled["value"] != ""],
        {"field": "Field", "value": "Accept writes"},
        caption=f"The proposed {proposal['table']} row",
    )


def record_decision(work: Callable[[], object], done: str) -> None:
    """Run an Accept or Reject; keep what it did for the run that follows.

    A button's callback: it runs before the next run, on the proposal shown
    when the button was drawn, so a click lands even when another session's
    change has altered the list since.
    """
    from jkdefense.pipeline import propose

    try:
        work()
    except propose.Refused as refused:
        st.session_state[_OUTCOME] = (
            "error",
            "Not written: "
            + " ".join(escape_markdown(str(problem)) for problem in refused.problems),
        )
    except writer.WriterBusy as busy:
        st.session_state[_OUTCOME] = (
            "warning",
            f"Not written: {escape_markdown(str(busy))} Try again in a moment.",
        )
    else:
        st.session_state[_OUTCOME] = ("success", escape_markdown(done))
        st.session_state.pop(_PICKED, None)


def fields_to_fill(proposal: pd.Series) -> list[str]:
    """The required fields the proposal leaves to the analyst, named on the page."""
    to_fill = [name for name in str(proposal.get("open_fields", "")).split(";") if name]
    if to_fill:
        st.warning(
            "Fill in before accepting: "
            + ", ".join(escape_markdown(name) for name in to_fill)
            + " (in the form below)."
        )
    return to_fill


def _reject(
    data_dir: Path,
    proposal_id: str,
    reason_key: str,
    source_ids: tuple[str, ...] | None,
) -> None:
    """Reject with the reason the box holds when Reject is clicked."""
    from jkdefense.pipeline import propose

    reason = st.session_state.get(reason_key, "")
    propose.reject(data_dir, proposal_id, reason, source_ids)


def decide(
    pkg: load.Package,
    view: filters.ViewFilters,
    proposal: pd.Series,
    can_accept: bool = True,
) -> None:
    """Accept as proposed (when nothing is left to fill in), or Reject with a reason."""
    from jkdefense.pipeline import propose

    proposal_id = proposal["proposal_id"]
    wanted = proposed_from(pkg, view)
    accept, reject = st.columns(2)
    accept.button(
        "Accept",
        type="primary",
        disabled=not can_accept,
        key=f"curate_accept_{proposal_id}",
        on_click=record_decision,
        args=(
            partial(propose.accept, pkg.data_dir, proposal_id, source_ids=wanted),
            f"Added to {proposal['table']}.csv: {proposal['subject']}.",
        ),
    )
    with reject:
        reason_key = f"curate_why_{proposal_id}"
        st.text_input("Why reject (optional)", key=reason_key)
        st.button(
            "Reject",
            key=f"curate_reject_{proposal_id}",
            on_click=record_decision,
            args=(
                partial(_reject, pkg.data_dir, proposal_id, reason_key, wanted),
                f"Rejected: {proposal['subject']}. It will not be proposed again.",
            ),
        )
