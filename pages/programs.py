"""Joint programs: Korean and Japanese systems side by side, ranked by your weights."""

import streamlit as st

from jkdefense import ui

pkg = ui.package()
ui.page_title("programs")
ui.require(pkg, "programs")
view = ui.current_view(pkg)
st.caption(
    "Scores are analyst judgments (1–5), not facts. Set how much each "
    "criterion counts; the ranking and its stability follow."
)
ui.setting_widgets("programs", pkg, view)
page = ui.page_view("programs", pkg, view)
ui.show_page_top(pkg, page)
ui.program_charts(pkg, page)
st.header("Korean and Japanese systems side by side")
ui.programs_table(page.rows)
ui.evidence_panel(pkg, page.rows, page.label_column, key="programs_evidence")
ui.briefing_buttons(pkg, page, key="programs_briefing")
