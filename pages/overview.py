"""Overview: where Japan and Korea stand, domain by domain, and what changed last."""

import streamlit as st

from jkdefense import ui

pkg = ui.package()
ui.page_title("overview")
st.caption(
    "Shared threats, candidate joint programs and company pairings, each row "
    "traced to the sentences of the articles it rests on."
)
ui.require(pkg, "overview")
view = ui.current_view(pkg)
page = ui.page_view("overview", pkg, view)
ui.show_page_top(pkg, page)
if not page.empty:
    st.header("Where they stand, by domain")
    ui.standing_table(page.related["standing"])
    for chart in page.charts:
        ui.show_chart(chart)
    st.header("Latest developments")
    ui.prose(page.related["curation_status"])
    if not ui.cannot_use(pkg, ("developments",), "This section"):
        ui.latest_developments(page.related["latest_developments"])
    ui.evidence_panel(pkg, page.rows, page.label_column, key="overview_evidence")
ui.briefing_buttons(pkg, page, key="overview_briefing")
