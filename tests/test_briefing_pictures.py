"""A briefing's pictures: drawn once, two at a time, as one export draws each."""

import io
import json
import os

import altair as alt
import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from jkdefense.render import briefings, draw, export, maps, pictures, raster_helper
from jkdefense.report import context, links


@pytest.fixture(scope="module")
def whole_app(package):
    """The app's whole-app briefing of the default view (as its button makes it)."""
    view, settings = links.view_from_params(package, {})
    pages = context.all_page_views(package, view, settings, housekeeping=False)
    return briefings.briefing(package, view, pages)


@pytest.fixture(scope="module")
def slide_figures(whole_app):
    return [
        briefings.slide_shaped(draw.figure(chart), chart.kind)
        for _, chart in whole_app.charts
    ]


@pytest.fixture
def nothing_kept():
    """No PNG kept from an earlier export: every chart is drawn."""
    export._kept_pngs.clear()
    yield
    export._kept_pngs.clear()


def pixels(png: bytes) -> tuple[tuple[int, int], bytes]:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.size, image.tobytes()


class Draws:
    """Counts the charts drawn, by vl-convert here or in the helper, or kaleido."""

    def __init__(self, monkeypatch):
        self.count = 0
        for owner, name in [
            (export, "altair_png"),
            (export, "_plotly_image"),
            (raster_helper.Helper, "png"),
        ]:
            monkeypatch.setattr(owner, name, self._counted(getattr(owner, name)))

    def _counted(self, draw_png):
        def counted(*args, **kwargs):
            self.count += 1
            return draw_png(*args, **kwargs)

        return counted


def test_pictures_drawn_together_are_those_drawn_one_at_a_time(
    slide_figures, nothing_kept
):
    assert any(not isinstance(f, alt.TopLevelMixin) for f in slide_figures)
    together = pictures.pngs(slide_figures)
    export._kept_pngs.clear()
    alone = [export.chart_png(figure) for figure in slide_figures]
    assert [pixels(png) for png in together] == [pixels(png) for png in alone]


def test_a_deck_then_its_pdf_draws_each_chart_once(
    whole_app, monkeypatch, nothing_kept
):
    draws = Draws(monkeypatch)
    deck = Presentation(io.BytesIO(briefings.briefing_pptx(whole_app)))
    assert draws.count >= len(whole_app.charts)
    drawn_for_the_deck = draws.count
    pdf = PdfReader(io.BytesIO(briefings.briefing_pdf(whole_app)))
    assert draws.count == drawn_for_the_deck  # the PDF drew nothing again
    in_deck = [
        pixels(shape.image.blob)
        for slide in deck.slides
        for shape in slide.shapes
        if shape.shape_type == 13  # a picture
    ]
    in_pdf = [pixels(_png(image.image)) for page in pdf.pages for image in page.images]
    assert len(in_deck) == len(whole_app.charts)
    assert in_pdf == in_deck  # the same pictures, pixel for pixel


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_the_pdf_holds_its_pictures_as_binary_streams(whole_app):
    pdf = PdfReader(io.BytesIO(briefings.briefing_pdf(whole_app)))
    filters = [
        xobject.get_object()["/Filter"]
        for page in pdf.pages
        for xobject in page["/Resources"].get("/XObject", {}).values()
    ]
    assert filters
    assert all("/ASCII85Decode" not in str(f) for f in filters), filters


def test_the_helper_process_draws_what_this_process_draws(slide_figures):
    spec = export.altair_spec(slide_figures[0])
    helper = raster_helper.helper()
    assert helper is not None and helper.process.pid != os.getpid()
    assert helper.png(spec, 2) == export.altair_png(spec, 2)


def bad_chart() -> alt.Chart:
    """A chart whose spec vl-convert refuses (an expression cut short)."""
    frame = pd.DataFrame({"a": [1, 2]})
    return alt.Chart(frame).mark_point().encode(x="a:Q").transform_calculate(b="a +")


def test_a_chart_the_helper_cannot_draw_fails_as_one_export_would(nothing_kept):
    with pytest.raises(ValueError, match="conversion failed") as alone:
        export.chart_png(bad_chart())
    with pytest.raises(ValueError, match="conversion failed") as together:
        pictures.pngs([bad_chart(), bad_chart()])
    assert str(together.value) == str(alone.value)
    helper = raster_helper.helper()
    assert helper is not None and helper.alive()  # it answered, and draws on


def test_a_helper_that_died_is_not_asked_again_and_another_starts(slide_figures):
    spec = export.altair_spec(slide_figures[0])
    dead = raster_helper.helper()
    assert dead is not None
    dead.process.kill()
    dead.process.wait()
    assert dead.png(spec, 1) is None  # the caller draws the chart itself
    assert not dead.alive()
    started = raster_helper.helper()
    assert started is not None and started is not dead
    assert started.png(spec, 1) == export.altair_png(spec, 1)


def test_without_a_helper_process_this_one_draws_alone(
    slide_figures, monkeypatch, nothing_kept
):
    def cannot_start(self):
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(raster_helper, "_helper", None)
    monkeypatch.setattr(raster_helper.Helper, "__init__", cannot_start)
    altair = [f for f in slide_figures if isinstance(f, alt.TopLevelMixin)][:3]
    assert raster_helper.helper() is None
    drawn = pictures.pngs(altair)
    export._kept_pngs.clear()
    assert drawn == [export.chart_png(figure) for figure in altair]


def test_the_pngs_kept_are_the_last_drawn(nothing_kept):
    for n in range(export.KEPT_PNGS + 1):
        export.keep_png(f"chart {n}", 2, b"png %d" % n)
    assert export.kept_png("chart 0", 2) is None  # the oldest went
    assert export.kept_png("chart 1", 2) == b"png 1"
    assert export.kept_png("chart 1", 1) is None  # another scale is another PNG
    assert len(export._kept_pngs) == export.KEPT_PNGS


def test_the_sea_is_the_maps_background_and_draws_as_the_globe_did(slide_figures):
    figure = next(f for f in slide_figures if "projection" in f.to_dict())
    spec = json.loads(export.altair_spec(figure))
    assert all("sphere" not in layer.get("data", {}) for layer in spec["layer"])
    assert spec["view"]["fill"] == maps.SEA
    # The globe's outline clipped to the plot, filled with the sea's colour,
    # as the map was drawn before: the same picture.
    globe = {
        "data": {"sphere": True},
        "mark": {"type": "geoshape", "fill": maps.SEA, "stroke": None, "clip": True},
    }
    as_before = {**spec, "layer": [globe, *spec["layer"]]}
    del as_before["view"]
    assert pixels(export.altair_png(json.dumps(as_before), 1)) == pixels(
        export.altair_png(json.dumps(spec), 1)
    )
