"""A page's charts: drawn with the house theme, their downloads, and their tabs."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import altair as alt
import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from jkdefense.data import load
from jkdefense.render import draw, export
from jkdefense.report import registry
from jkdefense.report.base import ChartView, PageView
from jkdefense.ui.memo import from_frame, kept_with
from jkdefense.ui.parts import nothing_to_show
from jkdefense.ui.script_run import opened_tabs
from jkdefense.ui.settings import meeting_mode
from jkdefense.ui.state import chart_labels, current_view
from jkdefense.ui.text import escape_markdown

if TYPE_CHECKING:
    import plotly.graph_objects as go


def altair(chart: alt.Chart, key: str) -> None:
    """Draw an Altair chart with the house theme (not Streamlit's).

    NOTE: handed over as its Vega-Lite spec, unvalidated: the builders' charts are
    tested valid, and validating them again on every new view cost up to a
    third of a page's rerun (benchmarks/RESULTS.md).
    """
    st.vega_lite_chart(kept_spec(chart), theme=None, key=key, width="stretch")


def kept_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's spec (vega_lite_spec), made once while the chart lives."""
    return kept_with(chart, ("spec",), lambda: vega_lite_spec(chart))


def _arrow_dataset(data: Any, datasets: dict[str, bytes]) -> dict[str, str]:
    """Keep a chart's table as Arrow bytes in ``datasets``; name it by its content.

    Dates go as the text Altair writes, ISO or empty (Vega reads it as local
    time, as before); everything else as Arrow types.
    """
    frame = pd.DataFrame(data)
    for column, dtype in frame.dtypes.items():
        if str(dtype).startswith(("datetime", "timestamp")):
            frame[column] = frame[column].map(
                lambda value: "" if pd.isna(value) else value.isoformat()
            )
    data_bytes = dataframe_util.convert_anything_to_arrow_bytes(frame)
    name = "data-" + hashlib.sha256(data_bytes).hexdigest()[:32]
    datasets[name] = data_bytes
    return {"name": name}


alt.data_transformers.register("jkdefense_arrow", _arrow_dataset)


def vega_lite_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's Vega-Lite spec with its tables as Arrow, as st.altair_chart sends it.

    NOTE: Altair's own spec writes every table value by value as JSON rows, the
    most costly part of drawing a chart (benchmarks/RESULTS.md), and Streamlit
    then turns those rows back into an Arrow table; handing over Arrow skips both.
    """
    datasets: dict[str, bytes] = {}
    with (
        draw.ALTAIR_SETTINGS,
        alt.data_transformers.enable("jkdefense_arrow", datasets=datasets),
    ):
        spec = chart.to_dict(validate=False)
    # Altair gathers every table in the top-level datasets; the map's basemap
    # is there as its JSON text, which Streamlit would turn into a table:
    # parsed, a GeoJSON collection passes through whole.
    spec["datasets"] = {
        name: json.loads(data) if isinstance(data, str) else data
        for name, data in {**spec.get("datasets", {}), **datasets}.items()
    }
    return spec


def plotly(figure: go.Figure, key: str) -> None:
    """Draw a Plotly figure; its camera button saves a 2x PNG named after the chart."""
    title = figure.layout.title.text or key
    filename = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or key
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": filename},
    }
    st.plotly_chart(figure, theme=None, key=key, config=config, width="stretch")


# Meeting mode is laid out for a 1280×720 screen: each chart, from its title to its
# source line, fits one screen. The plot takes what the title, the filters, a
# source line of a few lines, the axes and the legend leave of it.
MEETING_HEIGHT = 340  # an Altair chart's plot area (CSS pixels)
MEETING_PLOTLY_HEIGHT = 540  # a Plotly figure's whole height, margins included


# Charts whose height follows their content keep it, or take their own, in
# meeting mode: the timeline's lanes of labels closer together (still apart: a
# lane of 16 px holds a label of 11), the map's fixed box, a finding card.
MEETING_HEIGHTS = {
    "timelines.incident_timeline_chart": 440,
    "maps.theatre_map_chart": 430,
    "cards.finding_card": None,
}


def _for_meeting(figure: Any, kind: str = "") -> Any:
    """The same chart, taller and in larger type, for presenting."""
    if not isinstance(figure, alt.TopLevelMixin):  # a Plotly figure
        bigger = type(figure)(figure)
        bigger.update_layout(height=MEETING_PLOTLY_HEIGHT, font={"size": 16})
        return bigger
    height = MEETING_HEIGHTS.get(kind, MEETING_HEIGHT)
    sized = figure if height is None else figure.properties(height=height)
    return (
        sized.configure_axis(labelFontSize=16, titleFontSize=16)
        .configure_legend(labelFontSize=16, titleFontSize=16)
        .configure_title(fontSize=15, subtitleFontSize=15)
    )


def drawn(chart: ChartView) -> Any:
    """The chart's figure, drawn once while its view is kept (reruns reuse it)."""
    return from_frame(chart.data, ("figure", chart.key), lambda: draw.figure(chart))


def draw_ahead(chart: ChartView) -> None:
    """Make the chart's figure and spec as show_chart will, showing nothing."""
    figure = drawn(chart)
    if isinstance(figure, alt.TopLevelMixin):
        kept_spec(figure)


def show_chart(chart: ChartView) -> None:
    """Draw a chart under its finding, with PNG (2x) and SVG downloads.

    The finding is printed here, above the plot; the chart carries its caption
    (filters, source) under the plot; a download carries both.
    """
    # The chart's block is what meeting mode keeps on screen (frame._MEETING_CSS).
    with st.container(key=f"meeting_{chart.key}"):
        st.markdown(f"**{escape_markdown(chart.title)}**")
        figure = drawn(chart)
        figure = _for_meeting(figure, chart.kind) if meeting_mode() else figure
        if not isinstance(figure, alt.TopLevelMixin):
            plotly(figure, chart.key)
        else:
            altair(figure, chart.key)
        if chart.legend and not meeting_mode():
            st.caption(escape_markdown(chart.legend))
    if meeting_mode():
        return
    formats = [
        ("PNG (2x)", "png", "image/png", export.chart_png),
        ("SVG", "svg", "image/svg+xml", export.chart_svg),
    ]
    with st.expander("Text description"):
        st.caption(escape_markdown(chart.description))
    for column, (label, extension, mime, render) in zip(
        st.columns([1, 1, 5]), formats, strict=False
    ):
        column.download_button(
            label,
            data=lambda render=render: render(
                drawn(chart), description=chart.description, title=chart.title
            ),
            file_name=export.file_name(chart.title, extension),
            mime=mime,
            on_click="ignore",
            key=f"{chart.key}_{extension}",
        )


def open_tab_only(sections: dict[str, Callable[[], None]], key: str) -> None:
    """Tabs named after ``sections``; only the open one's section runs.

    NOTE: choosing another tab reruns the page. Drawn all at once, Sources'
    nine tabs and Pathway's four sections made them the slowest pages to move
    to (benchmarks/RESULTS.md). The open tab is in the URL (``key``), so a link
    reopens the chart or section it was copied from.
    """
    tabs = st.tabs(list(sections), key=key, on_change="rerun", bind="query-params")
    for index, (tab, (label, show)) in enumerate(
        zip(tabs, sections.items(), strict=True)
    ):
        if tab.open:
            if index:  # the first tab is the default: a link leaves it out
                opened_tabs()[key] = label
            with tab:
                show()


def chart_tabs(
    pkg: load.Package,
    page: PageView,
    name: str,
    absent: dict[str, str] | None = None,
    extra: dict[str, Callable[[], None]] | None = None,
) -> None:
    """Page ``name``'s charts one to a tab, as its registry entry's tour names them.

    Only the open tab is drawn, so moving to a page draws one chart, not all
    (each Vega-Lite chart costs the browser 80–130 ms; benchmarks/RESULTS.md),
    and each chart fills a screenshot on its own. A chart the filters leave out
    keeps its tab, which says why (``absent``: chart key -> text); ``extra``
    (label -> section) draws a tab of the tour its own way.
    """
    key, tour = registry.PAGE_BY_NAME[name].tour or ("", ())
    tabs = dict(tour)
    charts = {chart.key: chart for chart in page.charts}
    described = chart_labels(pkg, current_view(pkg))["subtitle"]

    def section(chart_key: str) -> Callable[[], None]:
        def show() -> None:
            if chart_key in charts:
                show_chart(charts[chart_key])
                return
            with st.container(key=f"meeting_{chart_key}"):
                if absent and chart_key in absent:
                    st.info(escape_markdown(absent[chart_key]))
                else:
                    nothing_to_show(tabs[chart_key].lower(), described)

        return show

    sections = {label: section(chart_key) for chart_key, label in tabs.items()}
    open_tab_only({**sections, **(extra or {})}, key=key)
