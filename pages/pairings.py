"""Company pairings: which Korean and Japanese firms fit together, and through whom."""

import streamlit as st

from jkdefense import ui

pkg = ui.package()
ui.page_title("pairings")
ui.require(pkg, "pairings")
view = ui.current_view(pkg)
# The pairing shown in detail is chosen above the finding and the tabs: the
# briefing shows this pairing too, whichever tab is open.
ui.setting_widgets("pairings", pkg, view)
page = ui.page_view("pairings", pkg, view)
ui.show_page_top(pkg, page)
st.caption(
    "Pairing score = mean of five parts (1–5): four analyst scores of the pair and "
    "the political and export-control feasibility of the program it serves, taken "
    "from Joint programs (the lowest, if it serves several)."
)
ui.pairing_charts(pkg, page)
ui.pairings_table(page.rows)
ui.evidence_panel(pkg, page.rows, page.label_column, key="pairings_evidence")
ui.briefing_buttons(pkg, page, key="pairings_briefing")
