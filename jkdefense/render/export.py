"""Charts to 2x PNG and SVG, and the current view to a briefing deck (PPTX) and PDF.

Server-side and offline: vl-convert renders Altair charts, kaleido renders Plotly
figures in Debian's chromium (one browser process, started once, MathJax off so
no page asks a CDN for it).
"""

from __future__ import annotations

import atexit
import re
import threading
import warnings
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import altair as alt
import pandas as pd

from jkdefense.analysis import evidence
from jkdefense.analysis.filters import ViewFilters
from jkdefense.data import load, schema
from jkdefense.render import draw
from jkdefense.report import context
from jkdefense.report.base import ChartView, PageView

if TYPE_CHECKING:
    import plotly.graph_objects as go

# Size of an exported chart in CSS pixels (PNG doubles it): 16:9-friendly.
EXPORT_WIDTH, EXPORT_HEIGHT = 1200, 600
PNG_SCALE = 2
_kaleido_lock = threading.Lock()
_kaleido_started = False


def file_name(title: str, extension: str, on: date | None = None) -> str:
    """Return ``<title-slug>-<yyyy-mm-dd>.<extension>`` for a download."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:70] or "chart"
    return f"{slug}-{(on or date.today()).isoformat()}.{extension}"


def _ensure_kaleido() -> None:
    """Start kaleido's browser once per process; later exports reuse it."""
    global _kaleido_started
    with _kaleido_lock:
        if not _kaleido_started:
            import kaleido

            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            atexit.register(kaleido.stop_sync_server, silence_warnings=True)
            _kaleido_started = True


def _altair_spec(chart: alt.TopLevelMixin) -> str:
    # NOTE: "container" width has no container outside the page: fix it.
    return chart.properties(width=EXPORT_WIDTH - 220).to_json()


def _plotly_image(figure: go.Figure, image_format: str, scale: int) -> bytes:
    import plotly.io as pio

    _ensure_kaleido()
    height = figure.layout.height or EXPORT_HEIGHT
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "kopts ignored with a server"
        return pio.to_image(
            figure, format=image_format, scale=scale, width=EXPORT_WIDTH, height=height
        )


def chart_png(figure: alt.TopLevelMixin | go.Figure, scale: int = PNG_SCALE) -> bytes:
    """Render a chart as PNG at ``scale`` times its CSS size."""
    if not isinstance(figure, alt.TopLevelMixin):  # a Plotly figure
        return _plotly_image(figure, "png", scale)
    import vl_convert  # on the first export, not at every app start

    return vl_convert.vegalite_to_png(_altair_spec(figure), scale=scale)


def chart_svg(figure: alt.TopLevelMixin | go.Figure) -> str:
    """Render a chart as SVG text (title, subtitle and source line included)."""
    if not isinstance(figure, alt.TopLevelMixin):
        return _plotly_image(figure, "svg", 1).decode("utf-8")
    import vl_convert

    return vl_convert.vegalite_to_svg(_altair_spec(figure))


@dataclass
class Briefing:
    """What a briefing covers: the pages, the filters, the sources, the evidence."""

    pages: list[PageView]
    filters_text: str
    sources_text: list[str]
    notes_by_page: dict[str, str] = field(default_factory=dict)
    on: date = field(default_factory=date.today)

    @property
    def charts(self) -> list[tuple[PageView, ChartView]]:
        """Every chart of every page, in page order."""
        return [(page, chart) for page in self.pages for chart in page.charts]


def chart_picture(chart: ChartView) -> bytes:
    """A chart view drawn and rendered as a 2x PNG, for a slide."""
    return chart_png(draw.figure(chart))


def briefing_pptx(briefing: Briefing) -> bytes:
    """A 16:9 deck: a title slide, then one slide per chart with its takeaway."""
    from jkdefense.render import slides

    return slides.build_pptx(briefing, chart_picture)


def briefing_pdf(briefing: Briefing) -> bytes:
    """The same briefing as a PDF, one 16:9 page per slide."""
    from jkdefense.render import slides

    return slides.build_pdf(briefing, chart_picture)


def briefing(pkg: load.Package, view: ViewFilters, pages: list[PageView]) -> Briefing:
    """Bundle pages with the filters, the sources and each page's speaker notes."""
    # NOTE: imported on the first briefing: python-pptx and reportlab would add
    # a quarter of a second to every app start.
    from jkdefense.render import slides

    sources = context.sources_table(pkg)
    chosen = sources[sources["source_id"].isin(view.source_ids)]
    citations = [evidence.citation(row) for _, row in chosen.iterrows()]
    line = context.source_line(pkg, view)
    empty = pd.DataFrame(columns=["sentence_id", "text"])
    sentences = pkg.tables.get("sentences", empty)
    rubrics, tiers = pkg.tables.get("rubrics"), schema.tier_names(pkg.descriptor)
    notes = {
        p.title: slides.page_notes(p.rows, sentences, line, rubrics, tiers)
        for p in pages
    }
    return Briefing(pages, context.describe_view(pkg, view), citations, notes)
