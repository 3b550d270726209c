"""Charts to files: 2x PNG and SVG, each with its finding, caption and description.

Server-side and offline: vl-convert renders Altair charts, kaleido renders
Plotly figures in Debian's chromium (one browser process, started once, MathJax
off so no page asks a CDN for it). Briefings (PPTX, PDF) are
jkdefense.render.briefings'.
"""

from __future__ import annotations

import atexit
import hashlib
import html
import re
import struct
import threading
import warnings
import zlib
from collections import OrderedDict
from datetime import date
from typing import TYPE_CHECKING

import altair as alt

from jkdefense.render import draw
from jkdefense.render.text import as_shown, plotly_text

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


def start_kaleido() -> None:
    """Start kaleido's browser once per process; later exports reuse it."""
    global _kaleido_started
    with _kaleido_lock:
        if not _kaleido_started:
            import kaleido

            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            atexit.register(kaleido.stop_sync_server, silence_warnings=True)
            _kaleido_started = True


FINDING_FONT_PX = 17


def altair_spec(chart: alt.TopLevelMixin, title: str = "") -> str:
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
    # NOTE: not validated against Vega-Lite's schema again: the builders' charts
    # are tested valid, and validating took half of writing the spec.
    with draw.ALTAIR_SETTINGS:
        return sized.to_json(validate=False)


def _plotly_titled(figure: go.Figure, title: str) -> go.Figure:
    """A copy of the figure with the finding above it; the figure without one."""
    if not title:
        return figure
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
    return figure


def _plotly_image(
    figure: go.Figure, image_format: str, scale: int, title: str = ""
) -> bytes:
    import plotly.io as pio

    start_kaleido()
    figure = _plotly_titled(figure, title)
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
        titled = _plotly_titled(figure, title)
        shown = titled.to_json()
        png = kept_png(shown, scale) or keep_png(
            shown, scale, _plotly_image(titled, "png", scale)
        )
    else:
        spec = altair_spec(figure, title)
        png = kept_png(spec, scale) or keep_png(spec, scale, altair_png(spec, scale))
    return png_with_description(png, as_shown(description)) if description else png


def altair_png(spec: str, scale: float) -> bytes:
    """A Vega-Lite spec (altair_spec's) drawn as a PNG by vl-convert."""
    import vl_convert  # on the first export, not at every app start

    return vl_convert.vegalite_to_png(spec, scale=scale)


# The PNGs drawn last, by what they show (the spec or figure, and the scale): a
# briefing's deck and then its PDF, or one chart downloaded twice, draw it once.
# Drawing is the slow part of an export (a whole-app deck: seconds); a picture
# is a few hundred kB.
KEPT_PNGS = 48
_kept_pngs: OrderedDict[str, bytes] = OrderedDict()
_kept_lock = threading.Lock()


def _kept_key(shown: str, scale: float) -> str:
    return hashlib.sha256(f"{scale}\n{shown}".encode()).hexdigest()


def kept_png(shown: str, scale: float) -> bytes | None:
    """The PNG drawn last of ``shown`` (a spec or figure text) at ``scale``."""
    key = _kept_key(shown, scale)
    with _kept_lock:
        if key in _kept_pngs:
            _kept_pngs.move_to_end(key)
        return _kept_pngs.get(key)


def keep_png(shown: str, scale: float, png: bytes) -> bytes:
    """Keep ``png`` as what ``shown`` draws at ``scale`` (the oldest goes); it."""
    with _kept_lock:
        _kept_pngs[_kept_key(shown, scale)] = png
        while len(_kept_pngs) > KEPT_PNGS:
            _kept_pngs.popitem(last=False)
    return png


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

        svg = vl_convert.vegalite_to_svg(altair_spec(figure, title))
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
