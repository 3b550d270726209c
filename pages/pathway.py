"""Pathway: the route from policy to joint operations, and European precedents."""

import streamlit as st

from jkdefense import ui

pkg = ui.package()
ui.page_title("pathway")
ui.require(pkg, "pathway")
view = ui.current_view(pkg)
page = ui.page_view("pathway", pkg, view)
ui.show_page_top(pkg, page)
charts = {chart.key: chart for chart in page.charts}


def route() -> None:
    ui.show_chart(charts["pathway_steps"])
    ui.route_table(page.rows)
    ui.evidence_panel(pkg, page.rows, page.label_column, key="pathway_evidence")


def why_now() -> None:
    st.header("Why now: the article's reasons and ideas, and what happened since")
    drivers = page.related["drivers"]
    if drivers.empty:
        ui.nothing_to_show("drivers", ui.chart_labels(pkg, view)["subtitle"])
        return
    ui.drivers_table(drivers)
    ui.evidence_panel(pkg, drivers, "driver_name", key="pathway_driver_evidence")


def since_the_article() -> None:
    st.header("Since the article: each proposal's state, to the latest source")
    if "pathway_developments" not in charts:
        ui.nothing_to_show("developments", ui.chart_labels(pkg, view)["subtitle"])
        return
    ui.show_chart(charts["pathway_developments"])
    now = page.related["developments_now"]
    ui.developments_table(now)
    changes = page.related["developments"]
    ui.evidence_panel(pkg, changes, "development_id", key="pathway_dev_evidence")


def precedents() -> None:
    st.header("Precedents")
    rows = page.related["precedents"]
    if rows.empty:
        ui.nothing_to_show("precedents", ui.chart_labels(pkg, view)["subtitle"])
    ui.fact_check_warnings(rows, "precedent_name")
    if "pathway_precedents" in charts:
        ui.show_chart(charts["pathway_precedents"])
    ui.precedents_table(rows)
    ui.evidence_panel(pkg, rows, "precedent_name", key="pathway_prec_evidence")


ui.pathway_sections(pkg, route, why_now, since_the_article, precedents)
ui.briefing_buttons(pkg, page, key="pathway_briefing")
