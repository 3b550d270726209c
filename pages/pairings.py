"""Company pairings: which Korean and Japanese firms fit together, and through whom."""

import streamlit as st

from jkdefense import analysis, charts, columns, figures, filters, tables, takeaways, ui

pkg = ui.package()
st.title("Company pairings")
ui.require(pkg, "company_pairings", "companies", "programs")
view = ui.current_view(pkg)
labels = ui.chart_labels(pkg, view)
companies = pkg.tables["companies"]

pairings = filters.select(pkg.tables["company_pairings"], view)
scored = analysis.score_pairings(pairings, companies)
names = tables.company_options(scored, companies)
chosen = st.multiselect(
    "Company",
    list(names.values()),
    key="pairings_company",
    bind="query-params",
    placeholder="All companies",
)
scored = filters.pairings_with_companies(scored, tables.ids_of(names, chosen))
if scored.empty:
    ui.nothing_to_show("company pairings", labels["subtitle"])
    st.stop()
ui.takeaway(takeaways.pairings(scored))
st.caption("Pairing score = mean of four analyst part scores (1–5), shown below.")

ui.chart(
    charts.pairing_matrix_chart(
        analysis.pairing_matrix(scored),
        title="Best pairing score per company pair",
        **labels,
    ),
    key="pairings_matrix",
)
nodes, edges = analysis.bridge_network(scored, companies)
ui.chart(
    figures.network_figure(
        nodes,
        edges,
        title="US suppliers that bridge Korean and Japanese firms",
        **labels,
    ),
    key="pairings_network",
)

pair = st.selectbox(
    "Pairing detail",
    list(scored["pairing_label"]),
    key="pairings_pair",
    bind="query-params",
)
detail = filters.with_values(scored, "pairing_label", [pair])
shown = tables.pairings_for_display(scored, companies, pkg.tables["programs"])
ui.pairing_detail(filters.with_values(shown, "pairing_label", [pair]).iloc[0])
ui.chart(
    figures.parts_figure(
        tables.criterion_scores(detail, analysis.PAIRING_CRITERIA, "pairing_label"),
        title=f"Why {pair} scores {detail['pairing_score'].iloc[0]:.2f}/5",
        **labels,
    ),
    key="pairings_parts",
)

ui.table(shown, columns.PAIRINGS, key="pairings_table")
ui.evidence_panel(pkg, scored, "pairing_label", key="pairings_evidence")
