"""Japan–South Korea defense cooperation: the analyst dashboard."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

# A fresh server runs its first script in the legacy mode of a pages/ folder,
# which st.navigation cannot run in. Leave it before the imports below, so the
# rerun that takes does not wait for them (ui.package also leaves it, for a
# page that a first visit to its URL runs on its own).
if PagesManager.uses_pages_directory:
    PagesManager.uses_pages_directory = False
    st.rerun()

from jkdefense import ui  # noqa: E402

ui.begin_frame()
st.set_page_config(
    page_title="Japan–South Korea defense cooperation",
    layout="wide",
)

# NOTE: nothing above st.navigation may raise, or Streamlit falls back to
# auto-discovering pages/. load_package never raises on bad data.
pkg = ui.package()
ui.sidebar_filters(pkg)
with st.sidebar:
    st.toggle(
        "Meeting mode",
        key="meeting",
        bind="query-params",
        help="Larger type, no sidebar, charts sized for a 16:9 screen.",
    )

navigation = st.navigation(
    [
        st.Page("pages/overview.py", title="Overview", default=True),
        st.Page("pages/threats.py", title="Threats"),
        st.Page("pages/programs.py", title="Joint programs"),
        st.Page("pages/pairings.py", title="Company pairings"),
        st.Page("pages/pathway.py", title="Pathway"),
        st.Page("pages/sources.py", title="Sources"),
    ]
)
ui.meeting_frame()
ui.problem_banner(pkg)
try:
    navigation.run()
    ui.footer(pkg, ui.current_view(pkg))
finally:
    ui.end_frame()  # also when a page stops early
