"""Helpers to drive the app with AppTest and read what it plotted."""

import json

import pyarrow as pa
from streamlit.testing.v1 import AppTest

from jkdefense.report import registry
from tests.conftest import ROOT

PAGES = [page.name for page in registry.PAGES]


def run_page(page: str, params: dict | None = None, timeout: float = 30) -> AppTest:
    """Run app.py, then switch to ``page``; URL parameters are set before the run."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page != registry.PAGES[0].name:  # the first page is the landing page
        at.switch_page(registry.PAGE_BY_NAME[page].script).run()
    return at


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Choose the tab ``label`` of the tabs ``key`` (only the open tab runs), rerun."""
    at.session_state[key] = label
    return at.run()


def plotly_data(at: AppTest) -> list[dict]:
    """The figure JSON of every plotly chart on the page."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def vega_rows(at: AppTest) -> list[list[dict]]:
    """The rows behind every Altair chart on the page (all datasets concatenated)."""
    charts = []
    for el in at.get("vega_lite_chart"):
        rows = []
        for dataset in el.proto.datasets:
            reader = pa.ipc.open_stream(dataset.data.data)
            rows += reader.read_all().to_pylist()
        charts.append(rows)
    return charts


def snapshot(at: AppTest) -> tuple:
    """Everything plotted, tabled or written on the page, comparable between runs."""
    figures = [
        json.dumps([f["data"], f["layout"].get("title")], sort_keys=True, default=str)
        for f in plotly_data(at)
    ]
    titles = [
        json.loads(el.proto.spec).get("title") for el in at.get("vega_lite_chart")
    ]
    vegas = [
        json.dumps([rows, title], sort_keys=True, default=str)
        for rows, title in zip(vega_rows(at), titles, strict=True)
    ]
    frames = [df.value.to_json(date_format="iso") for df in [*at.dataframe, *at.table]]
    texts = [m.value for m in at.markdown]
    return tuple(figures), tuple(vegas), tuple(frames), tuple(texts)
