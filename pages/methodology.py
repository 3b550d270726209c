"""Methodology: domains, scores and how they combine, rubrics, tiers, dates."""

import streamlit as st

from jkdefense import ui
from jkdefense.report import methodology

pkg = ui.package()
st.title("Methodology")
ui.require(pkg, "methodology")
view = ui.current_view(pkg)
page = ui.page_view(
    "methodology",
    pkg,
    view,
    (),
    lambda: methodology.build(ui.page_tables(pkg), view, ui.chart_labels(pkg, view)),
)
ui.takeaway(page.takeaway)
st.header("Domains")
ui.static_table(page.related["domains"], methodology.DOMAIN_COLUMNS, "Domain choices")
st.caption(
    "A domain view also shows the programs and pairings that answer that domain's "
    "threats (program_threats.csv), whatever their own domain."
)
st.header("Scores and how they combine")
ui.prose(page.texts["scoring"])
ui.table(page.related["rubrics"], methodology.RUBRIC_COLUMNS, key="method_rubrics")
st.header("Sources and their tiers")
ui.static_table(page.related["tiers"], methodology.TIER_COLUMNS, "Source tiers")
st.header("Dates")
ui.prose(page.texts["currency"])
st.header("Contested facts and neutral words")
ui.prose(page.texts["contested"])
ui.static_table(page.related["wording"], methodology.WORDING_COLUMNS, "Refused wording")
st.header("Cite this dashboard")
ui.prose(page.texts["citation"])
