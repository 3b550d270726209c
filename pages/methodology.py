"""Methodology: domains, scores and how they combine, rubrics, tiers, dates."""

import streamlit as st

from jkdefense import ui

pkg = ui.package()
ui.page_title("methodology")
ui.require(pkg, "methodology")
view = ui.current_view(pkg)
page = ui.page_view("methodology", pkg, view)
ui.takeaway(page.takeaway)
st.header("Domains")
ui.domains_table(page.related["domains"])
st.caption(
    "A domain view also shows the programs and pairings that answer that domain's "
    "threats (program_threats.csv), whatever their own domain."
)
st.header("Scores and how they combine")
ui.prose(page.texts["scoring"])
ui.rubrics_table(page.related["rubrics"])
st.header("Sources and their tiers")
ui.tiers_table(page.related["tiers"])
st.header("Dates")
ui.prose(page.texts["currency"])
st.header("Contested facts and neutral words")
ui.prose(page.texts["contested"])
ui.wording_table(page.related["wording"])
st.header("Cite this dashboard")
ui.prose(page.texts["citation"])
