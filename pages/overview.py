"""Overview: the article's case in numbers, and where to look next."""

import streamlit as st

from jkdefense import analysis, charts, columns, figures, filters, tables, takeaways, ui

pkg = ui.package()
st.title("Japan–South Korea defense cooperation")
st.caption(
    "Shared threats, candidate joint programs and company pairings, each row "
    "traced to the sentences of the articles it rests on."
)
ui.require(pkg, "threats", "programs", "company_pairings", "companies")
view = ui.current_view(pkg)
labels = ui.chart_labels(pkg, view)

threats, programs = pkg.tables["threats"], pkg.tables["programs"]
threats = filters.select(
    threats, view, focus_mask=filters.threat_focus(threats, view.focus)
)
programs = filters.select(
    programs, view, focus_mask=filters.program_focus(programs, view.focus)
)
pairings = filters.select(pkg.tables["company_pairings"], view)
scored = analysis.score_pairings(pairings, pkg.tables["companies"])
if threats.empty and programs.empty and scored.empty:
    ui.nothing_to_show("threats, programs or pairings", labels["subtitle"])
    st.stop()

equal = dict.fromkeys(analysis.PROGRAM_CRITERIA, 1.0)
ranked = analysis.rank_programs(programs, equal)
ui.takeaway(takeaways.overview(threats, ranked, scored))
for slot, (label, value) in zip(
    st.columns(4),
    [
        ("Threats in view", len(threats)),
        ("Candidate programs", len(programs)),
        ("Company pairings", len(scored)),
        ("Articles", len(view.source_ids)),
    ],
    strict=True,
):
    slot.metric(label, value)

coverage = tables.domain_coverage(
    {"Threats": threats, "Programs": programs, "Pairings": scored}
)
ui.chart(
    charts.coverage_chart(
        coverage, title="Where the article's case sits, by domain", **labels
    ),
    key="overview_coverage",
)
if ranked.empty:
    ui.nothing_to_show("programs", labels["subtitle"])
else:
    ui.chart(
        figures.ranking_figure(
            analysis.score_contributions(ranked, equal, "program_name"),
            title="Candidate programs at equal weights",
            **labels,
        ),
        key="overview_ranking",
    )

strongest = tables.pairings_for_display(
    scored.head(8), pkg.tables["companies"], programs
)
ui.table(strongest, columns.PAIRINGS, key="overview_pairings")
ui.evidence_panel(pkg, threats, "threat_name", key="overview_evidence")
