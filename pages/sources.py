"""Sources: the feed, sentences, mentions, fact-checks, dictionary, downloads."""

import streamlit as st

from jkdefense import charts, columns, filters, tables, takeaways, ui

pkg = ui.package()
st.title("Sources")
view = ui.current_view(pkg)
labels = ui.chart_labels(pkg, view)
feed = filters.with_values(ui.sources_table(pkg), "source_id", list(view.source_ids))
sentences = filters.sentences_in_view(pkg.tables.get("sentences"), view)
mentions = filters.mentions_in_view(pkg.tables.get("mentions"), view)
labelled = tables.label_mentions(mentions, pkg.tables)
ui.takeaway(takeaways.sources(feed, sentences, labelled))
ui.table(feed, columns.FEED, key="sources_feed")

explore, mention_tab, claims_tab, dictionary, downloads, quality = st.tabs(
    [
        "Sentences",
        "Mentions",
        "Fact-checks",
        "Data dictionary",
        "Downloads",
        "Data quality",
    ]
)
with explore:
    query = st.text_input("Find in sentences", key="sources_query", bind="query-params")
    found = filters.sentences_matching(sentences, query)
    st.caption(
        f"{len(found)} of {len(sentences)} sentences; known entities highlighted."
    )
    ui.sentence_list(found.head(40), mentions)
with mention_tab:
    if labelled.empty:
        ui.nothing_to_show("mentions", labels["subtitle"])
    else:
        counts = tables.mention_counts(labelled, feed)
        ui.chart(
            charts.mention_chart(counts, title="Most mentioned entities", **labels),
            key="sources_mentions",
        )
with claims_tab:
    if "claims" not in pkg.tables:
        st.error("claims.csv cannot be read; see Data quality.")
    else:
        claims = filters.select(pkg.tables["claims"], view, domain_column=None)
        ui.chart(
            charts.verdict_chart(
                claims, title="Fact-checks of the article's claims", **labels
            ),
            key="sources_verdicts",
        )
        ui.table(claims, columns.CLAIMS, key="sources_claims")
        ui.evidence_panel(pkg, claims, "claim_summary", key="sources_evidence")
with dictionary:
    ui.table(
        tables.data_dictionary(pkg.descriptor),
        columns.DICTIONARY,
        key="sources_dictionary",
    )
with downloads:
    ui.download_buttons(pkg)
with quality:
    ui.problems_table(pkg)
