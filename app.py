"""Japan–South Korea defense cooperation: the analyst dashboard."""

import streamlit as st

from jkdefense.pages_mode import leave_legacy_pages_mode

# First thing: leave Streamlit's legacy pages mode (see jkdefense.pages_mode),
# before jkdefense.ui loads the package's heavy modules, so the rerun that takes
# does not wait for them.
leave_legacy_pages_mode(through_app=True)

from jkdefense import ui  # noqa: E402

ui.begin_frame()
ui.app_config()

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

navigation = st.navigation(ui.navigation_pages())
ui.meeting_frame(navigation.title)
ui.problem_banner(pkg)
try:
    navigation.run()
    ui.footer(pkg, ui.current_view(pkg))
finally:
    ui.end_frame()  # also when a page stops early
