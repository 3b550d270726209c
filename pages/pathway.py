"""Pathway: the route from policy to joint operations, and European precedents."""

import streamlit as st

from jkdefense import charts, columns, figures, filters, tables, takeaways, ui

pkg = ui.package()
st.title("Pathway")
ui.require(pkg, "pathway", "agencies", "programs", "precedents", "claims", "countries")
view = ui.current_view(pkg)
labels = ui.chart_labels(pkg, view)

pathway = filters.select(pkg.tables["pathway"], view, domain_column=None)
steps = tables.pathway_steps(pathway, pkg.tables["agencies"], pkg.tables["programs"])
if steps.empty:
    ui.nothing_to_show("pathway steps", labels["subtitle"])
    st.stop()
ui.takeaway(takeaways.pathway(steps))
ui.chart(
    figures.pathway_figure(
        steps, title="From policy to joint operations: where each step stands", **labels
    ),
    key="pathway_steps",
)
ui.table(steps, columns.PATHWAY, key="pathway_table")

st.subheader("Precedents")
precedents = filters.select(pkg.tables["precedents"], view)
precedents = tables.precedents_with_checks(precedents, pkg.tables["claims"])
if precedents.empty:
    ui.nothing_to_show("precedents", labels["subtitle"])
else:
    ui.fact_check_warnings(precedents, "precedent_name")
    ui.chart(
        charts.precedent_partner_chart(
            tables.precedent_partners(precedents, pkg.tables["countries"]),
            title="Who built what together: partners in each precedent",
            **labels,
        ),
        key="pathway_precedents",
    )
    ui.table(precedents, columns.PRECEDENTS, key="pathway_precedent_table")
ui.evidence_panel(pkg, steps, "step_name", key="pathway_evidence")
