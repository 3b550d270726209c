"""The one workaround Streamlit needs for the pages/ folder the app keeps.

Outside jkdefense.ui on purpose: app.py calls it first thing, and importing it
loads nothing but Streamlit, which is running already. Importing any module of
jkdefense.ui loads the whole ui, and with it pandas, Altair and the package.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def leave_legacy_pages_mode(through_app: bool) -> None:
    """Run every page through app.py, never on its own.

    Until some session calls st.navigation, Streamlit treats a pages/ folder as
    a legacy multipage folder: a fresh server's first run is in that mode, and a
    first visit to /threats runs pages/threats.py alone, without app.py's
    sidebar and navigation. Both are turned back into a run of app.py: app.py
    calls this first thing (``through_app``), before its heavy imports, and a
    page script calls it (through jkdefense.ui.package) when it finds itself
    run alone.

    NOTE: relies on PagesManager.uses_pages_directory, an internal flag of
    Streamlit 1.67; tests/browser test a first visit to a deep link.
    """
    if PagesManager.uses_pages_directory or not through_app:
        start_without_legacy_pages_mode()
        st.rerun()


def start_without_legacy_pages_mode() -> None:
    """Keep every session out of legacy pages mode from the first (serve.py).

    Called before any session starts, it spares the first run its rerun (0.1 to
    0.15 s of the first page); what a session runs is the same either way.
    """
    PagesManager.uses_pages_directory = False
