"""Threats: who threatens both countries, in which domain, and how incursions grew."""

import streamlit as st

from jkdefense import ui

pkg = ui.package()
ui.page_title("threats")
ui.require(pkg, "threats")
view = ui.current_view(pkg)
ui.setting_widgets("threats", pkg, view)
page = ui.page_view("threats", pkg, view)
ui.show_page_top(pkg, page)
ui.threat_charts(pkg, page, view)
ui.threats_table(page.rows)
ui.evidence_panel(pkg, page.rows, page.label_column, key="threats_evidence")
incidents = page.related.get("incidents")
if incidents is not None and not incidents.empty:
    st.header("Incidents in view, and each government's account where they differ")
    ui.incidents_table(incidents)
ui.briefing_buttons(pkg, page, key="threats_briefing")
