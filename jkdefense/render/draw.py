"""Turn a chart view (jkdefense.report) into its Altair or Plotly figure."""

from __future__ import annotations

import importlib
import threading
from typing import TYPE_CHECKING, Any

import altair as alt
from altair.utils import schemapi

from jkdefense.render.text import as_shown, shown_frame

# NOTE: Altair's debug mode re-walks the whole schema to word an error better;
# the builders' charts are tested valid, and it cost a third of drawing the map
# (benchmarks/RESULTS.md).
schemapi.disable_debug_mode()

# Held while a spec is written: Altair's data transformer is one setting for the
# whole process (jkdefense.ui.page_charts swaps in its own), and the app's sessions
# and their downloads run on threads of their own.
ALTAIR_SETTINGS = threading.Lock()

if TYPE_CHECKING:
    from jkdefense.report.base import ChartView


def _builders(module: str) -> Any:
    """The module of jkdefense.render a chart kind names (``<module>.<function>``).

    NOTE: imported on first use: importing Plotly's figure classes and template
    costs a fifth of a second at every app start, and the landing page draws
    with Altair only.
    """
    return importlib.import_module(f"jkdefense.render.{module}")


def figure(chart: ChartView) -> Any:
    """The chart's figure: its builder over its data, titled and sourced.

    Its texts and data as shown (jkdefense.render.text): a title from a
    document reads as written, whatever characters it holds.
    """
    module, name = chart.kind.split(".")
    build = getattr(_builders(module), name)
    texts = {part: as_shown(text) for part, text in chart.texts.items()}
    figure = build(
        shown_frame(chart.data), title=as_shown(chart.title), **texts, **chart.options
    )
    if isinstance(figure, alt.TopLevelMixin):
        # Vega gives the drawing this text as its accessible description; the
        # marks inside stay out of the accessibility tree (each would otherwise
        # be an image without a name).
        # fit-x: the width follows the page, the height is the plot's own;
        # Streamlit's default (fit) would squeeze the plot under a long title.
        # Set in place on the figure just built: .properties() would copy it
        # whole, layers included (theme.titled says why that matters).
        figure.description = as_shown(chart.description)
        figure.autosize = alt.AutoSizeParams(type="fit-x", contains="padding")
        figure.config = alt.Config(mark=alt.MarkConfig(aria=False))
        return figure
    return figure
