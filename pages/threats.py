"""Threats: who threatens both countries, in which domain, and how incursions grew."""

import streamlit as st

from jkdefense import analysis, charts, columns, figures, filters, takeaways, ui

pkg = ui.package()
st.title("Threats")
ui.require(pkg, "threats", "countries", "scrambles", "incidents")
view = ui.current_view(pkg)
labels = ui.chart_labels(pkg, view)
threats, countries = pkg.tables["threats"], pkg.tables["countries"]

actors = sorted(threats["actor_country_code"].dropna().unique())
chosen = st.multiselect(
    "Threat actor", actors, default=actors, key="threats_actor", bind="query-params"
)

focus = filters.threat_focus(threats, view.focus)
in_view = filters.select(threats, view, focus_mask=focus)
in_view = filters.with_values(in_view, "actor_country_code", chosen)
if in_view.empty:
    ui.nothing_to_show("threats", labels["subtitle"])
    st.stop()

cells = analysis.threat_matrix(in_view, countries)
years = filters.scrambles_in_view(pkg.tables["scrambles"], view)
scrambles = filters.with_values(
    analysis.scrambles_by_actor(years), "actor_code", [*chosen, "other"]
)
incidents = pkg.tables["incidents"]
events = filters.select(
    incidents, view, focus_mask=filters.incident_focus(incidents, view.focus)
)
events = filters.incidents_for_actors(events, chosen, actors)
ui.takeaway(takeaways.threats(cells, years))

ui.chart(
    charts.threat_matrix_chart(
        cells, title="Threat severity by actor and domain", **labels
    ),
    key="threats_matrix",
)
if scrambles.empty:
    ui.nothing_to_show("scramble counts (air-domain data)", labels["subtitle"])
else:
    ui.chart(
        figures.scramble_figure(
            scrambles,
            publication_year=2018,
            title="JASDF scrambles by nationality, FY2010–FY2024",
            **labels,
        ),
        key="threats_scrambles",
    )
if events.empty:
    ui.nothing_to_show("incidents", labels["subtitle"])
else:
    ui.chart(
        charts.incident_timeline_chart(
            events,
            title="Incidents and agreements (outlined: cited by the article)",
            **labels,
        ),
        key="threats_timeline",
    )

ui.table(in_view, columns.THREATS, key="threats_table")
ui.evidence_panel(pkg, in_view, "threat_name", key="threats_evidence")
