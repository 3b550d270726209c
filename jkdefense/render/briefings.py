"""Briefings of the current view: what one covers, and its deck (PPTX) and PDF.

A briefing bundles the pages in view with the filters, the sources and each
page's speaker notes; each chart becomes a picture shaped for a 16:9 slide
(jkdefense.render.export draws it), and jkdefense.render.slides lays the slides
out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import altair as alt
import pandas as pd

from jkdefense.analysis import evidence, filters
from jkdefense.analysis.filters import ViewFilters
from jkdefense.data import load, schema
from jkdefense.render import draw, pictures
from jkdefense.render.export import file_name, png_with_description
from jkdefense.render.text import as_shown
from jkdefense.report import context, page_data
from jkdefense.report.base import ChartView, PageView

if TYPE_CHECKING:
    import plotly.graph_objects as go


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


def slide_pictures(charts: list[ChartView]) -> Callable[[ChartView], bytes]:
    """Each chart drawn for a slide, a 2x PNG without its finding; by chart.

    The slide prints the chart's finding as its own title, so the picture
    leaves it out (it keeps its caption: the filters and the source line).
    The charts are drawn all at once (jkdefense.render.pictures).
    """
    figures = [slide_shaped(draw.figure(chart), chart.kind) for chart in charts]
    drawn = {
        id(chart): png_with_description(png, as_shown(chart.description))
        for chart, png in zip(charts, pictures.pngs(figures), strict=True)
    }
    return lambda chart: drawn[id(chart)]


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

    pictures = slide_pictures([chart for _, chart in briefing.charts])
    return slides.build_pptx(briefing, pictures)


def briefing_pdf(briefing: Briefing) -> bytes:
    """The same briefing as a PDF, one 16:9 page per slide."""
    from jkdefense.render import slides

    pictures = slide_pictures([chart for _, chart in briefing.charts])
    return slides.build_pdf(briefing, pictures)


def briefing(
    pkg: load.Package, view: ViewFilters, pages: list[PageView], link: str = ""
) -> Briefing:
    """Bundle pages with the filters, the sources and each page's speaker notes.

    ``link``, the address that reopens the view, is printed on the title slide.
    """
    # NOTE: imported on the first briefing: python-pptx and reportlab would add
    # a quarter of a second to every app start.
    from jkdefense.render import slides

    sources = page_data.sources_table(pkg)
    chosen = sources[filters.among(sources["source_id"], view.source_ids)]
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
