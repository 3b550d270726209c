"""Curate: the rows the feed proposes, reviewed in context, accepted or rejected."""

import streamlit as st

from jkdefense import ui

pkg = ui.package()
ui.page_title("curate")
st.caption(
    "Rows proposed from sentences of the feed that no curated row cites. Accept "
    "writes the row to its table through the validator; Edit changes it first; "
    "Reject keeps it from being proposed again. The source-article filter applies; "
    "domain, focus and period do not, as a proposal's domain and date are for the "
    "analyst to confirm."
)
ui.require(pkg, "curate")
ui.require_whole_package(pkg)
ui.last_outcome()
view = ui.current_view(pkg)
page = ui.curate_view(pkg, view)
ui.takeaway(page.takeaway)
proposal = ui.pick_proposal(page.rows)
if proposal is not None:
    st.header(
        f"Proposed {proposal['table']} row: {ui.escape_markdown(proposal['subject'])}"
    )
    ui.prose(f"Why proposed: {proposal['why']}")
    ui.proposal_in_context(pkg, proposal)
    ui.proposed_values(pkg, view, proposal)
    to_fill = ui.fields_to_fill(proposal)
    ui.decide(pkg, view, proposal, can_accept=not to_fill)
    with st.expander("Edit before accepting", expanded=bool(to_fill)):
        ui.edit_proposal(pkg, view, proposal)
