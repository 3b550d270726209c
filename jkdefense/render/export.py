"""Charts to 2x PNG and SVG, and the current view to a briefing deck (PPTX) and PDF.

Server-side and offline: vl-convert renders Altair charts, kaleido renders Plotly
figures in Debian's chromium (one browser process, started once, MathJax off so
no page asks a CDN for it).
"""

from __future__ import annotations

import atexit
import html
import re
import struct
import threading
import warnings
import zlib
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import altair as alt
import pandas as pd

from jkdefense.analysis import evidence
from jkdefense.analysis.filters import ViewFilters
from jkdefense.data import load, schema
from jkdefense.render import draw
from jkdefense.render.text import as_shown, plotly_text
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


FINDING_FONT_PX = 17


def _altair_spec(chart: alt.TopLevelMixin, title: str = "") -> str:
    """The chart's spec at the export width, the finding above it when given.

    The chart carries its caption (filters, source) under the plot; a
    downloaded image also needs the finding on top, so the chart goes into a
    one-chart column whose title it is (a chart has a single title of its own).
    """
    # NOTE: "container" width has no container outside the page: fix it (a
    # width set already, as slide_shaped sets the map's, is kept).
    width = chart.width if isinstance(chart.width, int) else EXPORT_WIDTH - 220
    sized = chart.properties(width=width)
    if title:
        config, description = sized.config, sized.description
        sized.config = alt.Undefined
        sized.autosize = alt.Undefined
        sized.description = alt.Undefined
        sized = alt.vconcat(
            sized,
            title=alt.TitleParams(
                text=as_shown(title),
                anchor="start",
                fontSize=FINDING_FONT_PX,
                offset=12,
            ),
            config=config,
            description=description,
        )
    with draw.ALTAIR_SETTINGS:
        return sized.to_json()


def _plotly_image(
    figure: go.Figure, image_format: str, scale: int, title: str = ""
) -> bytes:
    import plotly.io as pio

    _ensure_kaleido()
    if title:
        figure = type(figure)(figure)
        top = figure.layout.margin.t or 0
        figure.update_layout(
            title={
                "text": plotly_text(title),
                "x": 0.01,
                "y": 0.98,
                "yref": "container",
                "yanchor": "top",
                "font": {"size": FINDING_FONT_PX, "weight": "bold"},
            },
            margin={"t": top + 50},
            height=(figure.layout.height or EXPORT_HEIGHT) + 50,
        )
    height = figure.layout.height or EXPORT_HEIGHT
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "kopts ignored with a server"
        return pio.to_image(
            figure, format=image_format, scale=scale, width=EXPORT_WIDTH, height=height
        )


def chart_png(
    figure: alt.TopLevelMixin | go.Figure,
    scale: int = PNG_SCALE,
    description: str = "",
    title: str = "",
) -> bytes:
    """Render a chart as PNG at ``scale`` times its CSS size.

    ``description``, the chart's text alternative, goes into the file's
    metadata (an iTXt "Description" chunk, as image viewers and search read it).
    ``title``, the chart's finding, is printed above it (a slide prints its own).
    """
    if not isinstance(figure, alt.TopLevelMixin):  # a Plotly figure
        png = _plotly_image(figure, "png", scale, title)
    else:
        import vl_convert  # on the first export, not at every app start

        png = vl_convert.vegalite_to_png(_altair_spec(figure, title), scale=scale)
    return png_with_description(png, as_shown(description)) if description else png


def chart_svg(
    figure: alt.TopLevelMixin | go.Figure, description: str = "", title: str = ""
) -> str:
    """Render a chart as SVG text: its finding (``title``) above, caption under.

    ``description`` becomes the drawing's accessible name and <desc>.
    """
    if not isinstance(figure, alt.TopLevelMixin):
        svg = _plotly_image(figure, "svg", 1, title).decode("utf-8")
    else:
        import vl_convert

        svg = vl_convert.vegalite_to_svg(_altair_spec(figure, title))
    return svg_with_description(svg, as_shown(description)) if description else svg


_PNG_SIGNATURE_AND_HEADER = 8 + 25  # the signature, then the IHDR chunk


def png_with_description(png: bytes, description: str) -> bytes:
    """The PNG with an iTXt chunk "Description" (UTF-8) right after its header."""
    body = b"Description\x00\x00\x00\x00\x00" + description.encode("utf-8")
    chunk = (
        struct.pack(">I", len(body))
        + b"iTXt"
        + body
        + struct.pack(">I", zlib.crc32(b"iTXt" + body) & 0xFFFFFFFF)
    )
    cut = _PNG_SIGNATURE_AND_HEADER
    return png[:cut] + chunk + png[cut:]


def svg_with_description(svg: str, description: str) -> str:
    """The SVG named for assistive technology: role, aria-label, <title>, <desc>."""
    text = html.escape(description, quote=True)
    opening = re.search(r"<svg\b[^>]*>", svg)
    if opening is None:
        return svg
    tag = opening.group(0)
    named = tag[:-1] + f' role="img" aria-label="{text}">'
    inner = f"<title>{text}</title><desc>{text}</desc>"
    return svg[: opening.start()] + named + inner + svg[opening.end() :]


@dataclass
class Briefing:
    """What a briefing covers: the pages, the filters, the sources, the evidence."""

    pages: list[PageView]
    filters_text: str
    sources_text: list[str]
    notes_by_page: dict[str, str] = field(default_factory=dict)
    on: date = field(default_factory=date.today)
    link: str = ""  # the address that reopens this view, printed on the title slide
    # The Overview's "where they stand" (a row per domain), the deck's first
    # slide after the title as a table one can edit; None without the Overview.
    standing: pd.DataFrame | None = None
    data_version: str = ""

    @property
    def citation(self) -> str:
        """How to cite the view the briefing shows (title slide)."""
        return context.cite_view(
            self.data_version, self.filters_text, self.link, self.on.isoformat()
        )

    @property
    def charts(self) -> list[tuple[PageView, ChartView]]:
        """Every chart of every page, in page order, each shown once.

        A chart that is a smaller copy of another page's chart in the deck
        (the Overview's map beside the Threats map) is left out: the same
        picture twice wastes a slide and reads as a mistake.
        """
        keys = {chart.key for page in self.pages for chart in page.charts}
        return [
            (page, chart)
            for page in self.pages
            for chart in page.charts
            if SMALLER_COPY_OF.get(chart.key) not in keys
        ]


# A chart key -> the key of the fuller chart it is a smaller copy of.
SMALLER_COPY_OF = {"overview_map": "threats_map"}


def chart_picture(chart: ChartView) -> bytes:
    """A chart view drawn for a slide: a 2x PNG without its finding.

    The slide prints the chart's finding as its own title, so the picture
    leaves it out (it keeps its caption: the filters and the source line).
    """
    figure = slide_shaped(draw.figure(chart), chart.kind)
    return chart_png(figure, description=chart.description)


# A chart's height on a slide (CSS pixels at the export width): the picture then
# has about the shape of the slide's body, and fills it.
SLIDE_CHART_HEIGHT = 560
# How much a chart sized to its content may grow to fill a slide.
MAX_GROWTH = 2


# Charts of a shape of their own on a slide, (plot width, height) in CSS pixels:
# the map, about square, drawn narrower and taller, fills the body's height.
SLIDE_SIZES = {"maps.theatre_map_chart": (720, 520)}


def slide_shaped(
    figure: alt.TopLevelMixin | go.Figure, kind: str = ""
) -> alt.TopLevelMixin | go.Figure:
    """The figure at the height that fills a slide's body at the export width."""
    if kind in SLIDE_SIZES and isinstance(figure, alt.TopLevelMixin):
        width, height = SLIDE_SIZES[kind]
        return figure.properties(width=width, height=height)
    if isinstance(figure, alt.TopLevelMixin):
        # Title, subtitle, axes and source take about 160 px of the height. A
        # chart sized to its content (a grid of a row or two, a finding card)
        # grows at most twofold: stretched, one row would fill the slide.
        body = SLIDE_CHART_HEIGHT - 160
        height = getattr(figure, "height", None)
        if isinstance(height, int):
            body = min(body, MAX_GROWTH * height)
        return figure.properties(height=body)
    return figure.update_layout(height=SLIDE_CHART_HEIGHT + 60)


def briefing_pptx(briefing: Briefing) -> bytes:
    """A 16:9 deck: a title slide, then one slide per chart with its takeaway."""
    from jkdefense.render import slides

    return slides.build_pptx(briefing, chart_picture)


def briefing_pdf(briefing: Briefing) -> bytes:
    """The same briefing as a PDF, one 16:9 page per slide."""
    from jkdefense.render import slides

    return slides.build_pdf(briefing, chart_picture)


def briefing(
    pkg: load.Package, view: ViewFilters, pages: list[PageView], link: str = ""
) -> Briefing:
    """Bundle pages with the filters, the sources and each page's speaker notes.

    ``link``, the address that reopens the view, is printed on the title slide.
    """
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
        p.title: slides.page_notes(
            p.rows, sentences, line, rubrics, tiers, slides.contested_facts(p.charts)
        )
        for p in pages
    }
    described = context.describe_view(pkg, view)
    standing = next(
        (p.related["standing"] for p in pages if "standing" in p.related), None
    )
    return Briefing(
        pages,
        described,
        citations,
        notes,
        link=link,
        standing=standing,
        data_version=context.data_version(pkg),
    )


def briefing_file_name(
    scope: str, view: ViewFilters, whole: tuple[int, int], extension: str
) -> str:
    """A briefing's file name: scope, the filters that shape it, and the date.

    ``briefing-all-pages-sea-2019-2026-2026-12-06.pptx``: the domains chosen (or
    all domains), a country focus, the years, and how many articles when not all.
    """
    words = [f"briefing {scope}", " ".join(view.domain_choice) or "all domains"]
    if view.focus != "both":
        words.append(view.focus)
    first, last = view.period or whole
    words.append(f"{first}-{last}")
    return file_name(" ".join(words), extension)
