"""Joint programs: Korean and Japanese systems side by side, ranked by your weights."""

import streamlit as st

from jkdefense import analysis, charts, columns, figures, filters, tables, takeaways, ui

pkg = ui.package()
st.title("Joint programs")
ui.require(pkg, "programs", "companies")
view = ui.current_view(pkg)
labels = ui.chart_labels(pkg, view)
programs = pkg.tables["programs"]

st.caption(
    "Scores are analyst judgments (1–5), not facts. Set how much each "
    "criterion counts; the ranking and its stability follow."
)
weights = {}
for slot, criterion in zip(st.columns(4), analysis.PROGRAM_CRITERIA, strict=True):
    weights[criterion] = slot.slider(
        analysis.CRITERION_LABELS[criterion],
        0.0,
        5.0,
        1.0,
        step=0.5,
        key=f"programs_w_{criterion}",
        bind="query-params",
    )

focus = filters.program_focus(programs, view.focus)
in_view = filters.select(programs, view, focus_mask=focus)
if in_view.empty:
    ui.nothing_to_show("programs", labels["subtitle"])
    st.stop()
if sum(weights.values()) == 0:
    st.warning("All weights are zero: give at least one criterion a weight.")
    st.stop()

ranked = analysis.rank_programs(in_view, weights)
stability = analysis.rank_stability(in_view, weights)
ui.takeaway(takeaways.programs(ranked, stability))
weighted = {
    **labels,
    "subtitle": f"{labels['subtitle']} · {ui.describe_weights(weights)}",
}

ui.chart(
    figures.ranking_figure(
        analysis.score_contributions(ranked, weights, "program_name"),
        title="Candidate programs ranked by weighted analyst score",
        **weighted,
    ),
    key="programs_ranking",
)
ui.chart(
    charts.rank_stability_chart(
        stability,
        title="How far each rank moves when every weight shifts ±50%",
        **weighted,
    ),
    key="programs_stability",
)
ui.chart(
    charts.score_heatmap(
        tables.criterion_scores(ranked, analysis.PROGRAM_CRITERIA, "program_name"),
        label_field="program_name",
        label_title="Program",
        title="The analyst scores behind the ranking (hover for the rationale)",
        **labels,
    ),
    key="programs_scores",
)

st.subheader("Korean and Japanese systems side by side")
side_by_side = tables.programs_side_by_side(ranked, pkg.tables["companies"])
ui.table(side_by_side, columns.PROGRAMS, key="programs_table")
ui.evidence_panel(pkg, ranked, "program_name", key="programs_evidence")
