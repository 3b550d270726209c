"""Sources: the feed, sentences, mentions, fact-checks, curation, changes, files."""

import streamlit as st

from jkdefense import columns, context, filters, tables, ui, views

pkg = ui.package()
st.title("Sources")
view = ui.current_view(pkg)
feed_all = context.sources_table(pkg)
page = views.sources(
    {**pkg.tables, "sources": feed_all}, view, context.chart_labels(pkg, view)
)
charts = {chart.key: chart for chart in page.charts}
sentences = filters.sentences_in_view(pkg.tables.get("sentences"), view)
mentions = filters.mentions_in_view(pkg.tables.get("mentions"), view)
feed = filters.with_values(feed_all, "source_id", list(view.source_ids))
ui.takeaway(page.takeaway)
ui.table(
    tables.feed_with_counts(feed, sentences, mentions), columns.FEED, key="sources_feed"
)

tabs = st.tabs(
    [
        "Sentences",
        "Mentions",
        "Fact-checks",
        "Curation queue",
        "What changed",
        "Data dictionary",
        "Downloads",
        "Data quality",
    ]
)
explore, mention_tab, claims_tab, queue_tab, changes_tab, dictionary, files, quality = (
    tabs
)
with explore:
    query = st.text_input("Find in sentences", key="sources_query", bind="query-params")
    found = filters.sentences_matching(sentences, query)
    st.caption(
        f"{len(found)} of {len(sentences)} sentences; known entities highlighted."
    )
    ui.sentence_list(found.head(40), mentions)
with mention_tab:
    if "sources_mentions" in charts:
        ui.show_chart(charts["sources_mentions"])
    else:
        ui.nothing_to_show("mentions", context.describe_view(pkg, view))
with claims_tab:
    if "claims" not in pkg.tables:
        st.error("claims.csv cannot be read; see Data quality.")
    else:
        if "sources_verdicts" in charts:
            ui.show_chart(charts["sources_verdicts"])
        ui.table(page.rows, columns.CLAIMS, key="sources_claims")
        ui.evidence_panel(pkg, page.rows, page.label_column, key="sources_evidence")
with queue_tab:
    labelled = page.related["labelled_mentions"]
    cited = tables.cited_sentence_ids(pkg.tables)
    ui.curation_queue(tables.curation_queue(sentences, labelled, cited))
with changes_tab:
    ui.changes_since(pkg)
with dictionary:
    ui.table(
        tables.data_dictionary(pkg.descriptor),
        columns.DICTIONARY,
        key="sources_dictionary",
    )
with files:
    ui.download_buttons(pkg)
with quality:
    ui.problems_table(pkg)
ui.briefing_buttons(pkg, page, key="sources_briefing")
