"""Joint programs: Korean and Japanese systems side by side, ranked by your weights."""

import streamlit as st

from jkdefense import ui
from jkdefense.analysis import scoring
from jkdefense.report import programs

pkg = ui.package()
st.title("Joint programs")
ui.require(pkg, "programs")
view = ui.current_view(pkg)
st.caption(
    "Scores are analyst judgments (1–5), not facts. Set how much each "
    "criterion counts; the ranking and its stability follow."
)
for slot, criterion in zip(st.columns(4), scoring.PROGRAM_CRITERIA, strict=True):
    slot.slider(
        scoring.CRITERION_LABELS[criterion],
        0.0,
        5.0,
        1.0,
        step=0.5,
        key=f"programs_w_{criterion}",
        bind="query-params",
    )
# NOTE: the choices are their own labels: a bound widget writes its label to
# the URL, and links and batch export read these short names.
st.segmented_control(
    "Programs ranked",
    list(programs.PROGRAM_SETS),
    default=programs.PROGRAM_SET_DEFAULT,
    required=True,
    key="programs_set",
    bind="query-params",
    help="all: with the context programs added for comparison, marked "
    "'(context)'; article: the article's four candidates and six feasible areas; "
    "candidates: its four named candidates alone.",
)
weights, program_set = ui.program_weights(), ui.program_set()
page = ui.page_view(
    "programs",
    pkg,
    view,
    (*sorted(weights.items()), program_set),
    lambda: programs.build(
        pkg.tables, view, ui.chart_labels(pkg, view), weights, program_set
    ),
)
ui.show_page_top(pkg, page)
ui.chart_tabs(pkg, page, programs.TABS, key="programs_chart")
st.header("Korean and Japanese systems side by side")
ui.table(page.rows, programs.COLUMNS, key="programs_table")
ui.evidence_panel(pkg, page.rows, page.label_column, key="programs_evidence")
ui.briefing_buttons(pkg, page, key="programs_briefing")
