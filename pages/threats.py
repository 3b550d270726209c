"""Threats: who threatens both countries, in which domain, and how incursions grew."""

import streamlit as st

from jkdefense import ui
from jkdefense.report import threats

pkg = ui.package()
st.title("Threats")
ui.require(pkg, "threats")
view = ui.current_view(pkg)
actors = ui.threat_actors(pkg)
chosen = st.multiselect(
    "Threat actor", actors, default=actors, key="threats_actor", bind="query-params"
)
page = ui.page_view(
    "threats",
    pkg,
    view,
    tuple(chosen),
    lambda: threats.build(
        ui.tables_with_map(pkg), view, ui.chart_labels(pkg, view), chosen
    ),
)
ui.show_page_top(pkg, page)
ui.chart_tabs(
    pkg,
    page,
    threats.TABS,
    key="threats_chart",
    absent={}
    if "air" in view.domains
    else {"threats_scrambles": threats.SCRAMBLES_NEED_AIR},
)
ui.table(page.rows, threats.COLUMNS, key="threats_table")
ui.evidence_panel(pkg, page.rows, page.label_column, key="threats_evidence")
incidents = page.related.get("incidents")
if incidents is not None and not incidents.empty:
    st.header("Incidents in view, and each government's account where they differ")
    ui.table(incidents, threats.INCIDENT_COLUMNS, key="threats_incidents")
ui.briefing_buttons(pkg, page, key="threats_briefing")
