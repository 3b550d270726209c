"""Streamlit glue for the pages: cached loading, filters, charts, evidence, messages.

The only module of the package that imports streamlit. Text from the data is
always escaped before it reaches Markdown, and never rendered as HTML.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

if TYPE_CHECKING:
    import plotly.graph_objects as go

from jkdefense import (
    analysis,
    columns,
    context,
    diff,
    evidence,
    export,
    feed,
    filters,
    load,
    package_cache,
    paths,
    schema,
    tables,
    theme,
    views,
)

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:^=&\"'])")


def escape_markdown(text: str) -> str:
    """Escape every Markdown-significant character so data shows as plain text."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def _signature(data_dir: Path) -> str:
    """A digest of the data files' names, sizes and modification times.

    Any edit to data/ changes it, so cached results follow the files. Of the
    seeds (thousands in a long feed, and never edited) it takes the folder's
    modification time, which changes when one is added or removed.
    """
    seeds_dir = paths.project_dir(data_dir) / "seeds"
    with os.scandir(data_dir) as entries:  # one stat call per file
        stamps = sorted(
            (entry.name, stat.st_mtime_ns, stat.st_size)
            for entry in entries
            if entry.is_file() and (stat := entry.stat())
        )
    if seeds_dir.is_dir():
        stamps.append(("seeds/", seeds_dir.stat().st_mtime_ns, 0))
    return hashlib.sha256(repr(stamps).encode()).hexdigest()[:16]


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(data_dir: str, signature: str) -> load.Package:
    del signature  # only part of the cache key
    return package_cache.load_package(Path(data_dir))


# Marks script runs that went through app.py; each run has its own thread.
_frame = threading.local()


def begin_frame() -> None:
    """Mark this script run as started by app.py (call first thing in app.py)."""
    _frame.active = True
    _frame.run = {}


def _once_per_run(key: tuple, work: Callable[[], Any]) -> Any:
    """``work()``, done once in this script run (every time outside app.py's runs).

    A run asks for the data's signature and package at every step; the files do
    not change mid-run in any way a page could show, and the next run looks again.
    """
    run = getattr(_frame, "run", None)
    if run is None:
        return work()
    if key not in run:
        run[key] = work()
    return run[key]


def data_signature(data_dir: Path) -> str:
    """The data files' signature, read once per script run."""
    return _once_per_run(("signature", data_dir), lambda: _signature(data_dir))


def _leave_legacy_page_mode() -> None:
    """Make a fresh server's first visits to a page URL run app.py first.

    Until some session calls st.navigation, Streamlit treats pages/ as a legacy
    pages folder: a first visit to /threats runs pages/threats.py alone, without
    app.py's sidebar and navigation (several sessions may do so at once). Such a
    run turns that mode off and reruns, so it goes through app.py to its page.
    """
    if PagesManager.uses_pages_directory or not getattr(_frame, "active", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


def package() -> load.Package:
    """Return the loaded package; reloaded when any data or seed file changes."""
    _leave_legacy_page_mode()
    data_dir = paths.data_dir()
    return _once_per_run(
        ("package", data_dir), lambda: _load(str(data_dir), data_signature(data_dir))
    )


# NOTE: parameters named with a leading "_" are left out of a cache's key.


@st.cache_resource(show_spinner=False, max_entries=64)
def _page_view(
    name: str,
    data_dir: str,
    signature: str,
    view_key: tuple,
    options: tuple,
    _build: Callable[[], Any],
) -> Any:
    del name, data_dir, signature, view_key, options  # only the cache key
    return _build()


def _view_key(pkg: load.Package, view: filters.ViewFilters) -> tuple:
    return (view.domains, view.focus, context.sources_in_view(pkg, view.source_ids))


def page_view(
    name: str,
    pkg: load.Package,
    view: filters.ViewFilters,
    options: tuple,
    build: Callable[[], Any],
) -> Any:
    """``build()``, once per page, data version, shared filters and page options.

    Building the charts is most of a page's rerun; a rerun that changes nothing
    the page shows (a tab, a row picked for evidence, a download, coming back to
    the page) reuses them. ``options`` holds every page setting ``build`` reads.
    Pages must not modify what they get.
    """
    return _page_view(
        name,
        str(pkg.data_dir),
        data_signature(pkg.data_dir),
        _view_key(pkg, view),
        options,
        build,
    )


@functools.lru_cache(maxsize=512)
def _per_data_slot(name: str, data_dir: str, signature: str, key: tuple) -> list:
    return []  # filled by per_data on first use


def per_data(name: str, pkg: load.Package, key: tuple, build: Callable[[], Any]) -> Any:
    """``build()``, once per data version and ``key`` (shared: never modify it).

    For the small things a page works out on every rerun: lists of options,
    labels, the evidence of a row. NOTE: a plain LRU, not st.cache_resource,
    whose lookup costs about 150 µs; a page makes a dozen of these per rerun.
    """
    slot = _per_data_slot(name, str(pkg.data_dir), data_signature(pkg.data_dir), key)
    if not slot:
        slot.append(build())  # two sessions may both build; both get the first
    return slot[0]


# Frames worked out from a cached view's frames, kept while that frame lives.
# NOTE: keyed by id() and checked through a weak reference, since frames are
# not hashable; selecting a table's columns costs about as much as drawing it.
_FROM_FRAME: dict[tuple, tuple[weakref.ref, Any]] = {}


def from_frame(frame: pd.DataFrame, what: tuple, work: Callable[[], Any]) -> Any:
    """``work()`` on ``frame``, done once while the frame lives (never modify it)."""
    key = (id(frame), what)
    kept = _FROM_FRAME.get(key)
    if kept is not None and kept[0]() is frame:
        return kept[1]
    value = work()
    forget = weakref.ref(frame, lambda _: _FROM_FRAME.pop(key, None))
    _FROM_FRAME[key] = (forget, value)
    return value


def chart_labels(pkg: load.Package, view: filters.ViewFilters) -> dict[str, str]:
    """The subtitle (active filters) and source line of ``view``, once per view."""
    return per_data(
        "chart_labels",
        pkg,
        _view_key(pkg, view),
        lambda: context.chart_labels(pkg, view),
    )


def threat_actors(pkg: load.Package) -> list[str]:
    """All threat actors in the data, in order (shared: never modify it)."""
    return per_data("threat_actors", pkg, (), lambda: context.threat_actors(pkg))


def sidebar_filters(pkg: load.Package) -> None:
    """Draw the filters every page shares; their values live in the URL.

    NOTE: no format_func here: a URL-bound widget writes its *displayed* labels
    to the URL, and links should carry the vocabulary (``domain=sea``).
    """
    with st.sidebar:
        st.pills(
            "Domain",
            theme.DOMAINS,
            selection_mode="multi",
            default=list(theme.DOMAINS),
            key="domain",
            bind="query-params",
            help="electronic = electronic warfare; multi = cross-domain rows, which "
            "stay in view whenever any domain is selected.",
        )
        st.segmented_control(
            "Country focus",
            filters.FOCUS_CHOICES,
            default="both",
            required=True,
            key="focus",
            bind="query-params",
            help="KR: rows about South Korea; JP: rows about Japan; both: everything.",
        )
        # NOTE: none chosen means every article: a feed of thousands would
        # otherwise open with thousands of chips and put them all in the URL.
        st.multiselect(
            "Source article",
            _source_options(pkg),
            default=[],
            key="source",
            bind="query-params",
            placeholder="All articles",
            help="Rows citing sentences of these articles (none chosen: all). "
            "See Sources for titles.",
        )


# In a feed longer than LONG_FEED the source filter lists what a search finds (and
# what is chosen): a list of thousands costs the browser a second on every rerun.
LONG_FEED = 200
SOURCES_LISTED = 200


def _source_options(pkg: load.Package) -> list[str]:
    """Every article of a short feed; of a long one, the chosen and the found."""
    if len(pkg.source_ids) <= LONG_FEED:
        return list(pkg.source_ids)
    query = st.text_input(
        "Find source articles",
        key="source_find",
        bind="query-params",
        placeholder="Part of an id or title",
        help=f"The feed has {len(pkg.source_ids):,} articles; the list below shows "
        f"the first {SOURCES_LISTED} that match.",
    )
    known = per_data("source_id_set", pkg, (), lambda: frozenset(pkg.source_ids))
    # Chosen articles stay listed, or the filter would drop them: on a first
    # visit the choice is still only in the link.
    chosen = st.session_state.get("source") or st.query_params.get_all("source")
    found = per_data(
        "sources_found",
        pkg,
        (query.strip().lower(),),
        lambda: context.sources_matching(pkg, query, SOURCES_LISTED),
    )
    return list(dict.fromkeys([*(c for c in chosen if c in known), *found]))


def current_view(pkg: load.Package) -> filters.ViewFilters:
    """Return the shared filters as the sidebar set them."""
    domains = st.session_state.get("domain", list(theme.DOMAINS))
    focus = st.session_state.get("focus") or "both"
    source_ids = st.session_state.get("source") or pkg.source_ids
    return filters.ViewFilters(tuple(domains), focus, tuple(source_ids))


def problem_banner(pkg: load.Package) -> None:
    """Show every data problem at the top of the page, naming file, row and field."""
    if not pkg.problems:
        return
    lines = [f"- {escape_markdown(str(p))}" for p in pkg.problems[:8]]
    more = len(pkg.problems) - 8
    if more > 0:
        lines.append(f"- … and {more} more: see Sources → Data quality")
    st.error(
        f"**{len(pkg.problems)} data problem(s).** Pages that need an affected "
        "table say so; the rest work as usual.\n\n" + "\n".join(lines)
    )


def require(pkg: load.Package, *needed: str) -> None:
    """Stop the page with a clear message when a table it needs cannot be read."""
    missing = pkg.missing(*needed)
    if not missing:
        return
    for name in missing:
        reasons = "; ".join(p.message for p in pkg.problems_in(name)) or "not loaded"
        st.error(
            f"This page needs **{escape_markdown(name)}.csv**, which cannot be "
            f"read: {escape_markdown(reasons)}."
        )
    st.stop()


def takeaway(text: str) -> None:
    """Show the page's one-line finding."""
    st.markdown(f"**{escape_markdown(text)}**")


def nothing_to_show(what: str, view_text: str) -> None:
    """Say that the filters leave nothing to show (instead of an empty chart)."""
    st.info(
        f"No {escape_markdown(what)} match these filters "
        f"({escape_markdown(view_text)}). "
        "Select more domains or articles in the sidebar."
    )


def altair(chart: alt.Chart, key: str) -> None:
    """Draw an Altair chart with the house theme (not Streamlit's)."""
    st.altair_chart(chart, theme=None, key=key, width="stretch")


def plotly(figure: go.Figure, key: str) -> None:
    """Draw a Plotly figure; its camera button saves a 2x PNG named after the chart."""
    title = figure.layout.title.text or key
    filename = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or key
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": filename},
    }
    st.plotly_chart(figure, theme=None, key=key, config=config, width="stretch")


def table(frame: pd.DataFrame, columns: dict[str, Any], key: str) -> None:
    """Show a table with labelled columns (only the columns named)."""
    st.dataframe(
        from_frame(frame, ("columns", *columns), lambda: frame[list(columns)]),
        column_config=columns,
        hide_index=True,
        width="stretch",
        key=key,
    )


def _segments_markdown(segments: tuple[tuple[str, bool], ...]) -> str:
    return "".join(
        f":orange-background[{escape_markdown(t)}]" if marked else escape_markdown(t)
        for t, marked in segments
    )


def evidence_panel(
    pkg: load.Package, rows: pd.DataFrame, label_column: str, key: str
) -> None:
    """Let the reader pick a row; show its cited sentences, quote highlighted."""
    with st.expander("Evidence: the sentences each row rests on", expanded=True):
        if rows.empty:
            st.caption("No rows in view.")
            return
        labels = from_frame(
            rows, ("labels", label_column), lambda: list(rows[label_column].astype(str))
        )
        chosen = st.selectbox("Row", labels, key=key, bind="query-params")
        row = rows.iloc[labels.index(chosen)] if chosen in labels else rows.iloc[0]
        if "sentences" not in pkg.tables:
            st.warning(
                "sentences.parquet cannot be read, so the evidence cannot be shown."
            )
            return
        # What the panel shows follows from the row's evidence columns alone.
        cells = tuple(_key_of(row.get(c)) for c in _EVIDENCE_COLUMNS)
        quotes, notes = per_data(
            "evidence", pkg, cells, lambda: _evidence_markdown(pkg, row)
        )
        for quote, caption in quotes:
            st.markdown(quote)
            st.caption(caption)
        st.caption(notes)


def _key_of(cell: Any) -> Any:
    """A cell as part of a cache key: lists as tuples, missing values as None."""
    if isinstance(cell, list):
        return tuple(cell)
    return None if pd.isna(cell) else str(cell)


_EVIDENCE_COLUMNS = (
    "evidence_sentence_ids",
    "evidence_quote",
    "evidence_type",
    "curation_note",
    "reference_url",
    "reference_status",
)


def _evidence_markdown(
    pkg: load.Package, row: pd.Series
) -> tuple[list[tuple[str, str]], str]:
    """Each cited sentence (quote highlighted) with its caption, then the notes."""
    cited = evidence.cited_sentences(
        row, pkg.tables["sentences"], context.sources_table(pkg)
    )
    quotes = [
        (
            f"> {_segments_markdown(c.segments)}",
            f"{escape_markdown(c.sentence_id)}, paragraph "
            f"{c.paragraph_no} · {escape_markdown(c.citation)}",
        )
        for c in cited
    ]
    notes = [f"Evidence type: {row['evidence_type']}"]
    if isinstance(row.get("curation_note"), str):
        notes.append(f"Note: {row['curation_note']}")
    if isinstance(row.get("reference_url"), str):
        notes.append(f"Reference ({row['reference_status']}): {row['reference_url']}")
    return quotes, escape_markdown(" · ".join(notes))


def footer(pkg: load.Package, view: filters.ViewFilters) -> None:
    """Cite the selected articles and the data version under every page."""
    st.divider()
    st.caption(
        escape_markdown(chart_labels(pkg, view)["source"])
        + " Curated tables: CC BY 4.0. Scores are analyst judgments."
    )


def pairing_detail(pairing: pd.Series) -> None:
    """What a pairing could do, on which programs, through which suppliers."""
    bridges = pairing["bridge_names"] or "none recorded"
    st.markdown(
        f"{escape_markdown(pairing['pairing_summary'])}  \n"
        f"**Programs:** {escape_markdown(pairing['program_names'])} · "
        f"**Bridge suppliers:** {escape_markdown(bridges)}"
    )


def fact_check_warnings(rows: pd.DataFrame, label_column: str) -> None:
    """Flag rows that a fact-check corrects or qualifies, above their chart."""
    flagged = from_frame(
        rows,
        ("caveats", label_column),
        lambda: rows.loc[rows["has_caveat"], [label_column, "fact_check"]],
    )
    for label, check in zip(flagged[label_column], flagged["fact_check"], strict=True):
        if check:
            st.warning(
                f"Fact-check, {escape_markdown(label)}: {escape_markdown(check)}"
            )


def sentences_markdown(sentences: pd.DataFrame, mentions: pd.DataFrame) -> str:
    """Sentences with their id, known entities highlighted, as one Markdown text.

    One element for the whole list: one Markdown block per sentence costs a
    message each on every rerun.
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    for sentence_id, start, end in zip(
        mentions["sentence_id"],
        mentions["char_start"],
        mentions["char_end"],
        strict=True,
    ):
        spans.setdefault(sentence_id, []).append((int(start), int(end)))
    lines = []
    for row in sentences.itertuples(index=False):
        segments = evidence.highlight_mentions(
            row.text, int(row.char_start), spans.get(row.sentence_id, [])
        )
        lines.append(
            f"**{escape_markdown(row.sentence_id)}** " + _segments_markdown(segments)
        )
    return "\n\n".join(lines)


@st.cache_resource(show_spinner=False, max_entries=32)
def _sentences_matching(
    data_dir: str, signature: str, source_ids: tuple | None, query: str, limit: int
) -> tuple[int, int, str]:
    del signature  # only part of the cache key
    total, found = feed.sentences_matching(Path(data_dir), source_ids, query, limit)
    mentions = feed.mentions_of(Path(data_dir), list(found["sentence_id"]))
    return total, len(found), sentences_markdown(found, mentions)


def sentence_search(pkg: load.Package, view: filters.ViewFilters, shown: int) -> None:
    """Find sentences of the articles in view; show the first ``shown``."""
    query = st.text_input("Find in sentences", key="sources_query", bind="query-params")
    source_ids = context.sources_in_view(pkg, view.source_ids)
    total, found, text = _sentences_matching(
        str(pkg.data_dir), data_signature(pkg.data_dir), source_ids, query or "", shown
    )
    first = f"; the first {found:,} shown" if total > found else ""
    st.caption(f"{total:,} sentences match{first}; known entities highlighted.")
    if text:
        st.markdown(text)


def download_buttons(pkg: load.Package) -> None:
    """One CSV download per table, the file exactly as stored."""
    for name, resource in schema.resources(pkg.descriptor).items():
        path = pkg.data_dir / resource["path"]
        if not path.is_file():
            st.caption(f"{escape_markdown(resource['path'])}: missing")
            continue
        # Read on click: the derived tables of a long feed are tens of megabytes.
        st.download_button(
            f"{resource['title']} ({resource['path']})",
            data=path.read_bytes,
            file_name=resource["path"],
            mime=resource.get("mediatype", "text/csv"),
            on_click="ignore",
            key=f"sources_download_{name}",
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
    if not pkg.problems:
        st.success("Validation found no problems in any table.")
        return
    frame = pd.DataFrame([p.__dict__ for p in pkg.problems])
    st.dataframe(frame, hide_index=True, width="stretch", key="sources_problems")


# Page settings as the widgets left them (defaults when a page was never opened),
# so a whole-app briefing shows every page as the analyst set it.


def program_weights() -> dict[str, float]:
    """Criterion weights from the programs page sliders (1.0 when never set)."""
    return {
        c: float(st.session_state.get(f"programs_w_{c}", 1.0))
        for c in analysis.PROGRAM_CRITERIA
    }


def page_settings(pkg: load.Package) -> dict:
    """A snapshot of every page's settings, taken while the script runs."""
    actors = threat_actors(pkg)
    return {
        "actors": list(st.session_state.get("threats_actor", actors)),
        "weights": program_weights(),
        "companies": list(st.session_state.get("pairings_company", [])),
        "pair": st.session_state.get("pairings_pair"),
    }


# Meeting mode: bigger type, no sidebar or chrome, charts sized for a 16:9 screen.
# NOTE: static CSS only; no data or URL value ever goes into this HTML.
_MEETING_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {
  display: none !important;
}
[data-testid="stMainBlockContainer"] { max-width: 100%; padding: 1rem 2.5rem; }
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1.35rem; }
[data-testid="stMain"] h1 { font-size: 3rem; }
</style>
"""
MEETING_HEIGHT = 560  # chart height in meeting mode: fills a 16:9 screen under a title


def meeting_mode() -> bool:
    """True while meeting mode is on (the toggle lives in the sidebar, in the URL)."""
    return bool(st.session_state.get("meeting", False))


def meeting_frame() -> None:
    """Apply meeting mode's look, with a way out since the sidebar is hidden."""
    if not meeting_mode():
        return
    st.markdown(_MEETING_CSS, unsafe_allow_html=True)
    st.button("Leave meeting mode", key="leave_meeting", on_click=_leave_meeting)


def _leave_meeting() -> None:
    st.session_state["meeting"] = False


def _for_meeting(figure: views.Figure) -> views.Figure:
    """The same chart, taller and in larger type, for presenting."""
    if not isinstance(figure, alt.TopLevelMixin):  # a Plotly figure
        bigger = type(figure)(figure)
        bigger.update_layout(height=MEETING_HEIGHT + 160, font={"size": 18})
        return bigger
    return (
        figure.properties(height=MEETING_HEIGHT)
        .configure_axis(labelFontSize=16, titleFontSize=16)
        .configure_legend(labelFontSize=16, titleFontSize=16)
        .configure_title(fontSize=24, subtitleFontSize=16)
    )


def show_chart(chart: views.ChartView) -> None:
    """Draw a chart, with PNG (2x) and SVG downloads rendered on the server."""
    figure = _for_meeting(chart.figure) if meeting_mode() else chart.figure
    if not isinstance(figure, alt.TopLevelMixin):
        plotly(figure, chart.key)
    else:
        altair(figure, chart.key)
    if meeting_mode():
        return
    formats = [
        ("PNG (2x)", "png", "image/png", export.chart_png),
        ("SVG", "svg", "image/svg+xml", export.chart_svg),
    ]
    for column, (label, extension, mime, render) in zip(
        st.columns([1, 1, 5]), formats, strict=False
    ):
        column.download_button(
            label,
            data=lambda render=render: render(chart.figure),
            file_name=export.file_name(chart.title, extension),
            mime=mime,
            on_click="ignore",
            key=f"{chart.key}_{extension}",
        )


def show_page_top(pkg: load.Package, page: views.PageView) -> None:
    """The active filters, then the finding (or why there is nothing to show)."""
    described = chart_labels(pkg, current_view(pkg))["subtitle"]
    if page.empty:
        nothing_to_show(page.empty, described)
        st.stop()
    st.caption(
        escape_markdown(described), help="Every chart names these in its subtitle."
    )
    takeaway(page.takeaway)


def briefing_buttons(pkg: load.Package, page: views.PageView, key: str) -> None:
    """One click for a deck (PPTX or PDF) of this page, or of the whole app."""
    if meeting_mode():
        return
    view, settings = current_view(pkg), page_settings(pkg)

    def whole_app() -> export.Briefing:
        return context.briefing(pkg, view, context.all_page_views(pkg, view, settings))

    def this_page() -> export.Briefing:
        return context.briefing(pkg, view, [page])

    st.caption(
        "Export a briefing of this view: a 16:9 deck with a slide per chart, "
        "its takeaway, and the cited sentences in the notes."
    )
    with st.container():
        columns = st.columns(4)
        for column, (label, make, kind) in zip(
            columns,
            [
                ("This page · PPTX", this_page, "pptx"),
                ("This page · PDF", this_page, "pdf"),
                ("Whole app · PPTX", whole_app, "pptx"),
                ("Whole app · PDF", whole_app, "pdf"),
            ],
            strict=True,
        ):
            render = export.briefing_pptx if kind == "pptx" else export.briefing_pdf
            name = page.title if label.startswith("This") else "all pages"
            column.download_button(
                label,
                data=lambda make=make, render=render: render(make()),
                file_name=export.file_name(f"briefing {name}", kind),
                mime=_MIME[kind],
                on_click="ignore",
                key=f"{key}_{kind}_{label[:4]}",
            )


_MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}


def _queue_of(
    pkg: load.Package, source_ids: tuple | None, limit: int | None
) -> tuple[int, pd.DataFrame]:
    cited = tables.cited_sentence_ids(pkg.tables)
    names = feed.entity_names(pkg.tables)
    return feed.curation_queue(pkg.data_dir, source_ids, cited, names, limit)


@st.cache_resource(show_spinner=False, max_entries=16)
def _queue(
    _pkg: load.Package,
    data_dir: str,
    signature: str,
    source_ids: tuple | None,
    limit: int,
) -> tuple[int, pd.DataFrame]:
    del data_dir, signature  # only part of the cache key
    return _queue_of(_pkg, source_ids, limit)


def curation_queue(pkg: load.Package, view: filters.ViewFilters, shown: int) -> None:
    """Sentences to curate next (the first ``shown``), with the whole queue as CSV."""
    source_ids = context.sources_in_view(pkg, view.source_ids)
    key = (str(pkg.data_dir), data_signature(pkg.data_dir), source_ids)
    total, top = _queue(pkg, *key, shown)
    first = (
        f" The first {shown:,} are shown; the CSV holds all." if total > shown else ""
    )
    st.caption(
        f"{total:,} sentences name known entities but no curated row cites "
        f"them; the more entities, the higher in the queue.{first}"
    )
    st.download_button(
        "Download the queue (CSV)",
        # Built on click, not cached: on a long feed the queue holds a million rows.
        data=lambda: _queue_of(pkg, source_ids, None)[1].to_csv(index=False),
        file_name=export.file_name("curation queue", "csv"),
        mime="text/csv",
        key="sources_queue_csv",
        on_click="ignore",
    )
    table(top, columns.QUEUE, key="sources_queue")


@st.cache_resource(show_spinner=False, max_entries=32)
def _commit(revision: str, project: str, state: tuple) -> str:
    # NOTE: git runs only when the repository's refs moved (``state``), not on
    # every rerun of the Sources page. A revision git rejects is not cached.
    del state
    return diff.resolve(revision, Path(project))


@st.cache_resource(show_spinner=False, max_entries=8)
def _changes(commit: str, data_dir: str, signature: str) -> pd.DataFrame:
    # NOTE: one git call per table; cached by commit and the files' signature, so a
    # rerun does not pay for it unless the data or the revision changed.
    del signature
    return diff.changes_since(commit, Path(data_dir))


def changes_since(pkg: load.Package) -> None:
    """Rows added, removed and changed since a git revision the analyst names."""
    revision = st.text_input(
        "Compare with revision",
        value="HEAD",
        key="sources_revision",
        bind="query-params",
        help="A commit, tag or HEAD~N; HEAD shows edits not yet committed.",
    )
    project = paths.project_dir(pkg.data_dir)
    try:
        commit = _commit(
            revision.strip() or "HEAD", str(project), diff.repository_state(project)
        )
        changes = _changes(commit, str(pkg.data_dir), data_signature(pkg.data_dir))
    except diff.DiffError as error:
        st.warning(f"Cannot compare: {escape_markdown(str(error))}")
        return
    if changes.empty:
        st.success(
            f"No rows added, removed or changed since {escape_markdown(revision)}."
        )
        return
    st.dataframe(diff.summary(changes), width="content", key="sources_change_summary")
    table(changes, columns.CHANGES, key="sources_changes")
