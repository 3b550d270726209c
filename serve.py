"""The app's server: `streamlit run serve.py` serves app.py, its first page sooner.

Between the server answering and the browser asking for the first page, the
browser loads Streamlit's frontend (about 0.8 s), and the server waits. A
thread uses that wait to import what every page needs, open the package and
make the landing page's view and charts (jkdefense.ui.prepare_first_run),
which the first run would otherwise do while the analyst watches. And no
session starts in Streamlit's legacy pages mode, which would cost the first
run a rerun (benchmarks/RESULTS.md, "Cold start"). `streamlit run app.py`
serves the same app without the head start.
"""

import gc
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st

from jkdefense.pages_mode import start_without_legacy_pages_mode


def _prepare() -> None:
    # The head start makes a few hundred thousand objects that live as long as
    # the process and next to no garbage, yet they set off full collections
    # that walked every object the server has, several times: 0.2 to 0.3 s of
    # a head start the first run waits for (benchmarks/RESULTS.md, "Cold
    # start"). So no collection runs meanwhile, and what it made is frozen:
    # later collections skip it (an object frozen is still freed once nothing
    # refers to it).
    gc.disable()
    try:
        from jkdefense.ui import prepare_first_run

        prepare_first_run()
    finally:
        gc.freeze()
        gc.enable()


@asynccontextmanager
async def _head_start(_app: st.App) -> AsyncIterator[None]:
    start_without_legacy_pages_mode()
    threading.Thread(target=_prepare, name="jkdefense-prepare", daemon=True).start()
    yield


app = st.App(Path(__file__).with_name("app.py"), lifespan=_head_start)
