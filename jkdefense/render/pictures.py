"""Many charts to PNGs at once, as a briefing needs them: on both cores.

vl-convert holds the interpreter while it draws, so the Altair charts are
shared between this process and a helper process
(jkdefense.render.raster_helper), each taking the next chart as it finishes
one. kaleido draws the Plotly figures in its browser, which it starts first
(about 2 s in a new process): meanwhile the helper draws Altair charts. A
chart drawn before (a view's deck, then its PDF) is taken from the PNGs
export keeps rather than drawn again.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import altair as alt

from jkdefense.render import export, raster_helper

if TYPE_CHECKING:
    import plotly.graph_objects as go

Pending = deque[tuple[int, str]]


def pngs(
    figures: list[alt.TopLevelMixin | go.Figure], scale: int = export.PNG_SCALE
) -> list[bytes]:
    """Each figure as export.chart_png draws it (no finding, no description)."""
    drawn: list[bytes] = [b""] * len(figures)
    pending: Pending = deque()
    altair = sum(isinstance(figure, alt.TopLevelMixin) for figure in figures)
    # Started first: the helper readies vl-convert while the specs are written.
    helper = raster_helper.helper() if altair > 1 else None
    for i, figure in enumerate(figures):
        if isinstance(figure, alt.TopLevelMixin):
            spec = export.altair_spec(figure)
            kept = export.kept_png(spec, scale)
            if kept is None:
                pending.append((i, spec))
            else:
                drawn[i] = kept
    with ThreadPoolExecutor(max_workers=1) as side:
        helped = (
            side.submit(_draw_helped, helper, pending, scale, drawn)
            if helper is not None and pending
            else None
        )
        # NOTE: kaleido's browser, started beside vl-convert drawing in this
        # process, at times never answered: the Plotly figures are drawn
        # first, while the helper process alone draws Altair charts.
        for i, figure in enumerate(figures):
            if not isinstance(figure, alt.TopLevelMixin):
                drawn[i] = export.chart_png(figure, scale)
        _draw_here(pending, scale, drawn)
        if helped is not None:
            helped.result()
    return drawn


def _draw_here(pending: Pending, scale: int, drawn: list[bytes]) -> None:
    """Take charts from ``pending`` and draw them in this process until none."""
    while pending:
        try:
            i, spec = pending.popleft()
        except IndexError:  # the helper took the last one
            return
        drawn[i] = export.keep_png(spec, scale, export.altair_png(spec, scale))


def _draw_helped(
    helper: raster_helper.Helper, pending: Pending, scale: int, drawn: list[bytes]
) -> None:
    """Take charts from ``pending`` for the helper process to draw until none.

    A chart the helper cannot draw is drawn here (its error, if any, raised
    as this process would raise it); the helper is not asked again.
    """
    while pending:
        try:
            i, spec = pending.popleft()
        except IndexError:
            return
        png = helper.png(spec, scale)
        if png is None:
            pending.appendleft((i, spec))
            _draw_here(pending, scale, drawn)
            return
        drawn[i] = export.keep_png(spec, scale, png)
