"""Sources: the feed, sentences, mentions, fact-checks, curation, changes, files."""

import streamlit as st

from jkdefense import ui
from jkdefense.analysis import shaping
from jkdefense.report import context, sources
from jkdefense.ui.sources import new_names

pkg = ui.package()
st.title("Sources")
view = ui.current_view(pkg)
page = ui.page_view(
    "sources",
    pkg,
    view,
    (),
    lambda: sources.build(ui.page_tables(pkg), view, ui.chart_labels(pkg, view)),
)
charts = {chart.key: chart for chart in page.charts}
ui.takeaway(page.takeaway)
ui.table(page.related["feed"], sources.COLUMNS, key="sources_feed")

tabs = st.tabs(
    [
        "Sentences",
        "Mentions",
        "Fact-checks",
        "Curation queue",
        "New names",
        "What changed",
        "Data dictionary",
        "Downloads",
        "Data quality",
    ]
)
(
    explore,
    mention_tab,
    claims_tab,
    queue_tab,
    names_tab,
    changes_tab,
    dictionary,
    files,
    quality,
) = tabs
with explore:
    ui.sentence_search(pkg, view, shown=40)
with mention_tab:
    if "sources_mentions" in charts:
        ui.show_chart(charts["sources_mentions"])
    else:
        ui.nothing_to_show("mentions", ui.chart_labels(pkg, view)["subtitle"])
with claims_tab:
    if "claims" not in pkg.tables:
        st.error("claims.csv cannot be read; see Data quality.")
    else:
        if "sources_verdicts" in charts:
            ui.show_chart(charts["sources_verdicts"])
        ui.table(page.rows, sources.CLAIM_COLUMNS, key="sources_claims")
        ui.evidence_panel(pkg, page.rows, page.label_column, key="sources_evidence")
with queue_tab:
    ui.curation_queue(pkg, view, shown=500)
with names_tab:
    new_names(pkg, view)
with changes_tab:
    with st.expander(f"Change log (data v{context.data_version(pkg)})"):
        st.markdown(context.change_log(pkg) or "No change log in this package.")
    ui.changes_since(pkg)
with dictionary:
    fields = ui.per_data(
        "dictionary", pkg, (), lambda: shaping.data_dictionary(pkg.descriptor)
    )
    ui.table(fields, sources.DICTIONARY_COLUMNS, key="sources_dictionary")
    ui.source_rules(pkg)
with files:
    ui.download_buttons(pkg)
with quality:
    ui.problems_table(pkg)
    if "sources_coverage" in charts:
        ui.show_chart(charts["sources_coverage"])
ui.briefing_buttons(pkg, page, key="sources_briefing")
