"""The Sources page's tools: feed, sentence search, queue, new names, downloads."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from jkdefense.analysis import descriptor_tables, feed_counts, filters
from jkdefense.data import feed, load, paths, schema
from jkdefense.render import export
from jkdefense.report import context
from jkdefense.report import sources as sources_page
from jkdefense.ui.downloads import csv_download, table_download
from jkdefense.ui.parts import table
from jkdefense.ui.state import page_tables, per_data
from jkdefense.ui.text import escape_markdown, sentences_markdown


def _sentences_matching(
    data_dir: Path, source_ids: tuple | None, query: str, limit: int
) -> tuple[int, int, str]:
    total, found = feed.sentences_matching(data_dir, source_ids, query, limit)
    mentions = feed.mentions_of(data_dir, list(found["sentence_id"]))
    return total, len(found), sentences_markdown(found, mentions)


def sentence_search(pkg: load.Package, view: filters.ViewFilters, shown: int) -> None:
    """Find sentences of the articles in view; show the first ``shown``."""
    query = st.text_input("Find in sentences", key="sources_query", bind="query-params")
    source_ids = context.sources_in_view(pkg, view.source_ids)
    total, found, text = per_data(
        "search",
        pkg,
        (source_ids, query or "", shown),
        lambda: _sentences_matching(pkg.data_dir, source_ids, query or "", shown),
    )
    first = f"; the first {found:,} shown" if total > found else ""
    st.caption(f"{total:,} sentences match{first}; known entities highlighted.")
    if text:
        st.markdown(text)


PARQUET_MIME = "application/vnd.apache.parquet"


def download_buttons(pkg: load.Package) -> None:
    """One download per table: Parquet as stored, CSV with no cell that runs.

    A CSV is the file as stored, but for a cell a spreadsheet would run as a
    formula, which is marked as text (the file on disk stays as it is).
    """
    for name, resource in schema.resources(pkg.descriptor).items():
        path = pkg.data_dir / resource["path"]
        if not path.is_file():
            st.caption(f"{escape_markdown(resource['path'])}: missing")
            continue
        label = f"{resource['title']} ({resource['path']})"
        key = f"sources_download_{name}"
        if not load.is_parquet(resource):
            csv_download(label, lambda path=path: path, resource["path"], key)
            continue
        # Read on click: the derived tables of a long feed are tens of megabytes.
        st.download_button(
            label,
            data=path.read_bytes,
            file_name=resource["path"],
            mime=PARQUET_MIME,
            on_click="ignore",
            key=key,
        )
    descriptor = paths.datapackage_path(pkg.data_dir)
    if descriptor.is_file():
        st.download_button(
            "Schema (datapackage.json)",
            descriptor.read_bytes(),
            file_name="datapackage.json",
            mime="application/json",
            key="sources_download_datapackage",
        )


def problems_table(pkg: load.Package) -> None:
    """Every data problem as a table, or a note that validation found none."""
    if not pkg.checked:
        st.info("The tables are still being checked; their problems follow here.")
        return
    if not pkg.problems:
        st.success("Validation found no problems in any table.")
        return
    frame = pd.DataFrame([p.__dict__ for p in pkg.problems])
    st.dataframe(frame, hide_index=True, width="stretch", key="sources_problems")
    table_download(frame, "sources_problems")


def _queue_of(
    pkg: load.Package, source_ids: tuple | None, limit: int | None
) -> tuple[int, pd.DataFrame]:
    cited = feed_counts.cited_sentence_ids(pkg.tables)
    names = feed.entity_names(pkg.tables)
    return feed.curation_queue(pkg.data_dir, source_ids, cited, names, limit)


def curation_queue(pkg: load.Package, view: filters.ViewFilters, shown: int) -> None:
    """Sentences to curate next (the first ``shown``), with the whole queue as CSV."""
    source_ids = context.sources_in_view(pkg, view.source_ids)
    total, top = per_data(
        "queue", pkg, (source_ids, shown), lambda: _queue_of(pkg, source_ids, shown)
    )
    first = (
        f" The first {shown:,} are shown; the CSV holds all." if total > shown else ""
    )
    st.caption(
        f"{total:,} sentences name known entities but no curated row cites "
        f"them; the more entities, the higher in the queue.{first}"
    )
    csv_download(
        "Download the queue (CSV)",
        # Built on click, not cached: on a long feed the queue holds a million rows.
        lambda: _queue_of(pkg, source_ids, None)[1],
        export.file_name("curation queue", "csv"),
        key="sources_queue_csv",
    )
    table(top, sources_page.QUEUE_COLUMNS, key="sources_queue", download=False)


NEW_NAME_COLUMNS = {
    "name": "Name",
    "kind": "Kind",
    "articles": "Articles",
    "sentences": "Sentences",
    "example_sentence_id": "First sentence",
    "feed_articles": "Articles in the feed",
    "variants": "Also written",
}
# Sentences in view up to which the tab finds the new names as it opens (a
# second or two); a longer view waits for the reader to ask, since reading
# every sentence of a long feed takes about two seconds per 10,000.
NEW_NAMES_AT_ONCE = 10_000


def _sentences_in_view(pkg: load.Package, source_ids: tuple | None) -> int:
    counts = page_tables(pkg)["article_counts"]
    if source_ids is not None:
        counts = counts[filters.among(counts["source_id"], source_ids)]
    return int(counts["sentence_count"].sum())


def new_names(pkg: load.Package, view: filters.ViewFilters) -> None:
    """Names the articles in view use that no curated row knows, ranked, as CSV too."""
    source_ids = context.sources_in_view(pkg, view.source_ids)
    count = _sentences_in_view(pkg, source_ids)
    if count > NEW_NAMES_AT_ONCE and not st.toggle(
        f"Find the new names in {count:,} sentences",
        key="sources_new_names_find",
        help="Reads every sentence in view: about two seconds per 10,000.",
    ):
        return
    # NOTE: imported here, as this tab opens: the name finder would add 0.15 s
    # to every app start (ui.__init__ imports every ui module).
    from jkdefense.pipeline import names

    try:
        found = per_data(
            "new_names",
            pkg,
            (source_ids,),
            lambda: names.new_names(pkg.data_dir, source_ids),
        )
    except (OSError, ValueError, KeyError) as error:
        st.warning(f"Cannot list new names: {escape_markdown(str(error))}")
        return
    st.caption(
        f"{len(found):,} names the articles in view use that no curated row "
        "knows: acronyms and capitalised names first, then lower-case names of "
        "things, persons, roles and recurring phrases; names the rest of the feed "
        "keeps using come after. To make one an alias of a row: "
        "`jkdefense names promote NAME --to TABLE:ID`; for a new row, add it "
        "with the name in alias_names and run `jkdefense derive`."
    )
    csv_download(
        "Download the new names (CSV)",
        lambda: found[list(names.CSV_HEADER)],  # as `jkdefense names --csv` writes
        export.file_name("new names", "csv"),
        key="sources_new_names_csv",
    )
    table(found, NEW_NAME_COLUMNS, key="sources_new_names", download=False)


def source_rules(pkg: load.Package) -> None:
    """The rubrics of analyst judgments, the source tiers and the naming rules."""
    rules = descriptor_tables.source_rules(pkg.descriptor)
    st.header("Analyst judgments: what each level means")
    if "rubrics" in pkg.tables:
        table(pkg.tables["rubrics"], sources_page.RUBRIC_COLUMNS, key="sources_rubrics")
    else:
        st.error("rubrics.csv cannot be read; see Data quality.")
    st.header("Source tiers")
    table(rules["tiers"], sources_page.TIER_COLUMNS, key="sources_tiers")
    st.header("Sources never cited")
    table(
        rules["do_not_cite"],
        sources_page.DO_NOT_CITE_COLUMNS,
        key="sources_do_not_cite",
    )
    st.header("Disputed names, given both ways on first use")
    table(
        rules["disputed_names"], sources_page.DISPUTED_NAME_COLUMNS, key="sources_names"
    )


# Articles named in the "not yet curated" line; the feed table lists them all.
# Naming every one of 10,000 made a 600 KB caption the browser took 10 s to draw.
NOT_YET_NAMED = 5


def not_yet_line(articles: pd.DataFrame) -> str:
    """The "not yet curated" line, as escaped Markdown: a few articles, the count.

    Names the first NOT_YET_NAMED, then says how many more the feed table marks.
    """
    named = articles.head(NOT_YET_NAMED)
    names = "; ".join(
        f"{title} ({source_id}, {published})"
        for title, source_id, published in zip(
            named["title"],
            named["source_id"],
            named["date_published"].astype(str).str[:10],
            strict=True,
        )
    )
    more = len(articles) - len(named)
    column = sources_page.COLUMNS["curated_rows"]
    rest = f"; and {more:,} more, at 0 in the table's “{column}”" if more else ""
    return f"Not yet curated: {escape_markdown(names + rest)}."


def not_yet_curated(articles: pd.DataFrame) -> None:
    """Name the articles in view that no curated row cites, with the way to curate."""
    if articles.empty:
        return
    st.caption(not_yet_line(articles))
    st.page_link("pages/curate.py", label="Curate: review the rows proposed from them")


def feed_table(feed_rows: pd.DataFrame) -> None:
    """The articles in view, with their sentences and mentions counted."""
    table(feed_rows, sources_page.COLUMNS, key="sources_feed")


def claims_table(claims: pd.DataFrame) -> None:
    """The fact-checked statements in view, with their verdicts."""
    table(claims, sources_page.CLAIM_COLUMNS, key="sources_claims")


def data_dictionary(pkg: load.Package) -> None:
    """Every field of every table, from datapackage.json, once per data version."""
    fields = per_data(
        "dictionary",
        pkg,
        (),
        lambda: descriptor_tables.data_dictionary(pkg.descriptor),
    )
    table(fields, sources_page.DICTIONARY_COLUMNS, key="sources_dictionary")
