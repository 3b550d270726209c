"""Company pairings: which Korean and Japanese firms fit together, and through whom."""

import dataclasses

import streamlit as st

from jkdefense import ui
from jkdefense.analysis import shaping
from jkdefense.report import pairings

pkg = ui.package()
st.title("Company pairings")
ui.require(pkg, "pairings")
view = ui.current_view(pkg)
labels = ui.chart_labels(pkg, view)
names = ui.per_data(
    "company_options",
    pkg,
    (),
    lambda: shaping.company_options(
        pkg.tables["company_pairings"], pkg.tables["companies"]
    ),
)
chosen = st.multiselect(
    "Company",
    list(names.values()),
    key="pairings_company",
    bind="query-params",
    placeholder="All companies",
)
company_ids = shaping.ids_of(names, chosen)
page = ui.page_view(
    "pairings",
    pkg,
    view,
    tuple(company_ids),
    lambda: pairings.build(pkg.tables, view, labels, company_ids),
)
ui.show_page_top(pkg, page)
st.caption(
    "Pairing score = mean of five parts (1–5): four analyst scores of the pair and "
    "the political and export-control feasibility of the program it serves, taken "
    "from Joint programs (the lowest, if it serves several)."
)
# Chosen above the tabs: the briefing shows this pairing whichever tab is open.
pair = st.selectbox(
    "Pairing to show in detail",
    list(page.rows["pairing_label"]),
    key="pairings_pair",
    bind="query-params",
)
parts = ui.page_view(
    "pairing_parts",
    pkg,
    view,
    (tuple(company_ids), pair),
    lambda: pairings.parts(page, pair, labels),
)


def pairing_in_detail() -> None:
    ui.pairing_detail(page.rows[page.rows["pairing_label"] == pair].iloc[0])
    ui.show_chart(parts)


ui.chart_tabs(
    pkg,
    page,
    pairings.TABS,
    key="pairings_chart",
    extra={pairings.DETAIL_TAB: pairing_in_detail},
)
# The briefing shows the pairing in detail too (a new view: cached ones stay as built).
page = dataclasses.replace(page, charts=[*page.charts, parts])

ui.table(page.rows, pairings.COLUMNS, key="pairings_table")
ui.evidence_panel(pkg, page.rows, page.label_column, key="pairings_evidence")
ui.briefing_buttons(pkg, page, key="pairings_briefing")
