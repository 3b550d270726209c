"""What every page shares: sidebar filters, problem banner, footer, meeting mode."""

from __future__ import annotations

import streamlit as st

from jkdefense.analysis import filters
from jkdefense.data import load
from jkdefense.data.cache import Opening
from jkdefense.report import context, registry
from jkdefense.report.setting_records import DOMAIN, FOCUS, PERIOD, SOURCE
from jkdefense.ui.settings import meeting_mode, setting_options, setting_widget
from jkdefense.ui.state import chart_labels, opening, per_data
from jkdefense.ui.text import escape_markdown

# A chosen pill (a domain, say) filled with the primary colour, white text: plain
# to see against an unchosen one (about 8:1), where Streamlit's own tint is 1.1:1.
# NOTE: static CSS only; no data or URL value ever goes into this HTML.
_APP_CSS = """
<style>
button[data-variant="pills"][aria-pressed="true"] {
  background-color: #1f4e79 !important;
  border-color: #1f4e79 !important;
}
button[data-variant="pills"][aria-pressed="true"] * { color: #ffffff !important; }
</style>
"""


def sidebar_filters(pkg: load.Package) -> None:
    """Draw the filters every page shares, from their records; they live in the URL.

    None chosen of the domains shows every domain: a click on one shows it
    alone, and clicking it again brings every domain back. None chosen of the
    articles is every article: a feed of thousands would otherwise open with
    thousands of chips and put them all in the URL.
    """
    st.html(_APP_CSS)
    with st.sidebar:
        setting_widget(DOMAIN, pkg)
        setting_widget(FOCUS, pkg)
        setting_widget(PERIOD, pkg)  # drawn when the data spans two years or more
        setting_widget(SOURCE, pkg, options=_source_options(pkg))


def app_config() -> None:
    """The browser tab's title (the app's name) and the wide layout."""
    st.set_page_config(page_title=registry.APP_TITLE, layout="wide")


def page_title(name: str) -> None:
    """The page's heading, as its registry entry names it."""
    page = registry.PAGE_BY_NAME[name]
    st.title(page.heading or page.title)


# In a feed longer than LONG_FEED the source filter lists what a search finds (and
# what is chosen): a list of thousands costs the browser a second on every rerun.
LONG_FEED = 200


SOURCES_LISTED = 200


def _source_options(pkg: load.Package) -> list[str]:
    """Every article of a short feed; of a long one, the chosen and the found."""
    if len(pkg.source_ids) <= LONG_FEED:
        return setting_options(SOURCE, pkg)
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
    chosen = st.session_state.get(SOURCE.key) or st.query_params.get_all(SOURCE.key)
    found = per_data(
        "sources_found",
        pkg,
        (query.strip().lower(), SOURCES_LISTED),
        lambda: context.sources_matching(pkg, query, SOURCES_LISTED),
    )
    return list(dict.fromkeys([*(c for c in chosen if c in known), *found]))


def problem_banner(pkg: load.Package) -> None:
    """Show every data problem at the top of the page, naming file, row and field.

    While a thread still checks the package, say so instead, until it is done.
    """
    if not pkg.checked:
        _checking_note(opening(pkg.data_dir), len(pkg.source_ids))
        return
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


# How often a page drawn before its package was checked looks for the result.
CHECK_POLL_S = 0.5


@st.fragment(run_every=CHECK_POLL_S)
def _checking_note(package_opening: Opening, articles: int) -> None:
    """A note while the check runs; the whole page runs again when it is done."""
    if not package_opening.checking:
        st.rerun()  # the whole app: the banner, if any, then the page as it was
    st.info(
        f"Checking the data of {articles:,} articles: every curated row's quote "
        "against its cited sentences, its keys and its references. Problems, if "
        "any, will be listed here in a moment."
    )


def navigation_pages() -> list:
    """The app's pages for st.navigation, in the registry's order (first: landing)."""
    return [
        st.Page(page.script, title=page.title, default=index == 0)
        for index, page in enumerate(registry.PAGES)
    ]


def footer(pkg: load.Package, view: filters.ViewFilters) -> None:
    """Cite the selected articles and the data version under every page."""
    st.divider()
    st.caption(
        escape_markdown(chart_labels(pkg, view)["source"])
        + " Curated tables: CC BY 4.0. Scores are analyst judgments."
    )


# Meeting mode: one chart to a 1280×720 screen, the way to the next and previous
# chart or page, and nothing else: no sidebar or chrome, no page controls,
# tables or downloads (they stay in the page, hidden), bigger type.
# NOTE: static CSS only; no data or URL value ever goes into this HTML.
_MEETING_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {
  display: none !important;
}
[data-testid="stMainBlockContainer"] { max-width: 100%; padding: 0.6rem 2.5rem; }
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1.35rem; }
</style>
"""
# On a page of the tour: only the meeting bar and the open chart show.
_MEETING_CHART_ONLY_CSS = """
<style>
/* Every block that holds neither the bar nor the chart is hidden (the page
   runs whole, so its settings stay as they are). */
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"]:not(
  [class*="st-key-meeting"]):not([class*="st-key-meeting"] *)
  > :not(:has([class*="st-key-meeting"])):not([class*="st-key-meeting"]) {
  display: none !important;
}
[data-testid="stTabs"] [role="tablist"] { display: none !important; }
</style>
"""


def meeting_frame(page_title: str) -> None:
    """Meeting mode's look and its bar: leave, previous, next, and where we are."""
    if not meeting_mode():
        return
    st.markdown(_MEETING_CSS, unsafe_allow_html=True)
    _go_to_pending_page()
    st.session_state["_meeting_page_title"] = page_title  # for the bar's moves
    tour = registry.meeting_tour()
    here = _tour_position(tour, page_title)
    if here is not None:
        st.markdown(_MEETING_CHART_ONLY_CSS, unsafe_allow_html=True)
    with st.container(key="meeting_bar", horizontal=True):
        st.button("Leave meeting mode", key="leave_meeting", on_click=_leave_meeting)
        st.button("◀ Previous", key="meeting_previous", on_click=_move, args=(-1,))
        st.button("Next ▶", key="meeting_next", on_click=_move, args=(1,))
        if here is not None:
            name, _, label = tour[here]
            where = registry.PAGE_BY_NAME[name].title + (f" · {label}" if label else "")
            st.caption(f"{escape_markdown(where)} · {here + 1} of {len(tour)}")
        else:
            # A page without a chart to present (Methodology, Sources) shows
            # whole, in the room's type, so it can still be read out.
            st.caption(
                f"{escape_markdown(page_title)} is not on the tour; "
                "Next ▶ opens its first chart"
            )


def _tour_position(tour: list[tuple[str, str, str]], page_title: str) -> int | None:
    """Where the open page and tab are in meeting mode's tour (None: not in it)."""
    names = [page.name for page in registry.PAGES if page.title == page_title]
    for index, (name, key, label) in enumerate(tour):
        # A tab a link opened is in the URL before its widget is made this run.
        open_tab = st.session_state.get(key) or st.query_params.get(key) if key else ""
        if name in names and (not key or (open_tab or label) == label):
            return index
    # A tab the tour leaves out (Why now): the page's first screen.
    return next((i for i, (name, _, _) in enumerate(tour) if name in names), None)


def _move(step: int) -> None:
    """Open the tour's next (or previous) screen: a tab here, or another page."""
    tour = registry.meeting_tour()
    title = st.session_state.get("_meeting_page_title", "")
    here = _tour_position(tour, title)
    # Off the tour, Next starts it and Previous opens its last chart.
    start = here + step if here is not None else (0 if step > 0 else -1)
    name, key, label = tour[start % len(tour)]
    if key:
        st.session_state[key] = label
    if registry.PAGE_BY_NAME[name].title != title:
        st.session_state["_meeting_pending"] = (name, key, label)


def _go_to_pending_page() -> None:
    """After a move to another page: switch to it, on the tab the move chose."""
    pending = st.session_state.pop("_meeting_pending", None)
    if pending is None:
        return
    name, key, label = pending
    query = {key: label} if key else {}
    st.switch_page(registry.PAGE_BY_NAME[name].script, query_params=query)


def _leave_meeting() -> None:
    st.session_state["meeting"] = False
