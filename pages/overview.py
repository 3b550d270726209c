"""Overview: the article's case in numbers, and where to look next."""

import streamlit as st

from jkdefense import ui
from jkdefense.report import overview, pairings

pkg = ui.package()
st.title("Japan–South Korea defense cooperation")
st.caption(
    "Shared threats, candidate joint programs and company pairings, each row "
    "traced to the sentences of the articles it rests on."
)
ui.require(pkg, "overview")
view = ui.current_view(pkg)
page = ui.page_view(
    "overview",
    pkg,
    view,
    (),
    lambda: overview.build(pkg.tables, view, ui.chart_labels(pkg, view)),
)
ui.show_page_top(pkg, page)

scored = page.related["scored_pairings"]
counts = [
    ("Threats in view", len(page.rows)),
    ("Company pairings", len(scored)),
    ("Articles", len(view.source_ids)),
]
for slot, (label, value) in zip(st.columns(3), counts, strict=True):
    slot.metric(label, value)
for chart in page.charts:
    ui.show_chart(chart)

st.subheader("Strongest company pairings in view")
ui.static_table(
    page.related["strongest_pairings"],
    pairings.COLUMNS,
    "The eight highest-scoring company pairings in view",
)
ui.evidence_panel(pkg, page.rows, page.label_column, key="overview_evidence")
ui.briefing_buttons(pkg, page, key="overview_briefing")
