"""Sharing a view: the link that reopens it, how to cite it, briefing decks of it."""

from __future__ import annotations

import os
from datetime import date
from urllib.parse import urlencode, urlsplit

import streamlit as st

from jkdefense.data import load
from jkdefense.render import briefings
from jkdefense.report import context, links
from jkdefense.report.base import PageView
from jkdefense.ui.script_run import opened_tabs
from jkdefense.ui.settings import meeting_mode, page_settings
from jkdefense.ui.state import current_view, opening, per_data, period_years

# Where colleagues reach this dashboard, when not at the address this browser
# used (a shared server, say): its base replaces this browser's in the link.
PUBLIC_URL_VARIABLE = "JKDEFENSE_PUBLIC_URL"
# The searches a link carries, as they change what a page shows.
SEARCH_PARAMS = ("sources_query", "source_find")


def public_address(address: str) -> str:
    """``address`` with the public base (JKDEFENSE_PUBLIC_URL) when one is set."""
    base = os.environ.get(PUBLIC_URL_VARIABLE, "").strip()
    if not base:
        return address
    return base.rstrip("/") + (urlsplit(address).path or "/")


def view_link(pkg: load.Package) -> str:
    """The address that reopens this page, its filters, settings, searches and tab.

    The address is the one this browser used, or the public one when set.
    """
    page_address = public_address(str(st.context.url or "").split("?", 1)[0])
    query = per_data(
        "link",
        pkg,
        (current_view(pkg), repr(sorted(page_settings(pkg).items()))),
        lambda: links.params_from_view(pkg, current_view(pkg), page_settings(pkg)),
    )
    searches = {
        name: st.session_state[name]
        for name in SEARCH_PARAMS
        if str(st.session_state.get(name) or "").strip()
    }
    query = "&".join(
        q for q in (query, urlencode(opened_tabs()), urlencode(searches)) if q
    )
    return f"{page_address}?{query}" if query else page_address


def briefing_buttons(pkg: load.Package, page: PageView, key: str) -> None:
    """One click for a deck (PPTX or PDF) of this page, or of the whole app."""
    if meeting_mode():
        return
    view, settings = current_view(pkg), page_settings(pkg)
    # A deck's notes quote the cited sentences: made from the checked package,
    # even when the page was drawn while a thread was checking it.
    package_opening = opening(pkg.data_dir)

    link = view_link(pkg)

    def whole_app() -> briefings.Briefing:
        # The pages of findings: housekeeping (Sources) only in its own briefing.
        checked = package_opening.checked()
        pages = context.all_page_views(checked, view, settings, housekeeping=False)
        return briefings.briefing(checked, view, pages, link)

    def this_page() -> briefings.Briefing:
        return briefings.briefing(package_opening.checked(), view, [page], link)

    # NOTE: plain text, not st.code: a code block makes the browser load and run
    # its syntax highlighter before the page settles, 0.4-1 s of a tab's work
    # when the page is opened from a link (benchmarks/RESULTS.md, "One cache").
    st.caption("Link to this view, every filter and setting included (copy it):")
    st.text(link)
    st.caption("Cite this view:")
    st.text(
        context.cite_view(
            context.data_version(pkg),
            context.describe_view(pkg, view),
            link,
            date.today().isoformat(),
        ),
    )

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
            render = (
                briefings.briefing_pptx if kind == "pptx" else briefings.briefing_pdf
            )
            name = page.title if label.startswith("This") else "all pages"
            column.download_button(
                label,
                data=lambda make=make, render=render: render(make()),
                file_name=briefings.briefing_file_name(
                    name, view, period_years(pkg), kind
                ),
                mime=_MIME[kind],
                on_click="ignore",
                key=f"{key}_{kind}_{label[:4]}",
            )


_MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}
