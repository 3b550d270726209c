"""Exported charts and briefings: right size, not blank, titled, sourced."""

import dataclasses
import io
from datetime import date

import pytest
from PIL import Image, ImageStat
from pptx import Presentation
from pypdf import PdfReader
from pypdf.generic import ContentStream

from jkdefense.analysis import filters, scoring
from jkdefense.render import briefings, draw, export, slides
from jkdefense.render import slide_layout as layout
from jkdefense.report import pairings, programs, threats

VIEW = filters.ViewFilters(source_ids=("yoon-2019-diplomat",))
LABELS = {"subtitle": "Filters: all domains", "source": "Source: Yoon, The Diplomat."}


@pytest.fixture(scope="module")
def pages(package):
    weights = dict.fromkeys(scoring.PROGRAM_CRITERIA, 1.0)
    return [
        threats.build(package.tables, VIEW, LABELS, ["CN", "RU", "KP"]),
        programs.build(package.tables, VIEW, LABELS, weights),
    ]


def not_blank(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png)).convert("L")
    assert ImageStat.Stat(image).stddev[0] > 10, "the image is a flat colour"
    return image


def test_altair_png_is_2x_and_drawn(pages):
    matrix = pages[0].charts[0]
    image = not_blank(export.chart_png(draw.figure(matrix)))
    assert image.width >= 2 * (export.EXPORT_WIDTH - 220)


def test_plotly_png_is_2x_the_export_size(package):
    page = pairings.build(package.tables, VIEW, LABELS, [])
    network = next(c for c in page.charts if c.key == "pairings_network")
    image = not_blank(export.chart_png(draw.figure(network)))
    assert image.size == (
        2 * export.EXPORT_WIDTH,
        2 * draw.figure(network).layout.height,
    )


@pytest.mark.parametrize("key", ["threats_matrix", "threats_scrambles"])
def test_svg_carries_title_filters_and_source(pages, key):
    chart = next(c for c in pages[0].charts if c.key == key)
    svg = export.chart_svg(draw.figure(chart), title=chart.title)
    assert svg.lstrip().startswith("<svg") or "<svg" in svg[:200]
    for text in (chart.title.split(" ")[0], "Filters: all domains", "Source: Yoon"):
        assert text in svg
    # A slide's picture leaves the finding out: the slide prints it.
    bare = export.chart_svg(draw.figure(chart))
    assert chart.title not in bare and "Filters: all domains" in bare


def test_file_name_from_title_and_date():
    assert export.file_name(
        "Scrambles peaked at 1,168 in FY2016!", "png", date(2026, 11, 25)
    ) == ("scrambles-peaked-at-1-168-in-fy2016-2026-11-25.png")


def make_briefing(package, pages):
    sentences = package.tables["sentences"]
    notes = {
        p.title: slides.page_notes(p.rows, sentences, "Source: Yoon, The Diplomat.")
        for p in pages
    }
    return briefings.Briefing(
        pages,
        "Filters: all domains · focus: Both · 1 of 1 articles",
        ["Sukjoon Yoon, “Rethinking…”, The Diplomat, 2019-03"],
        notes,
        link="http://127.0.0.1:8501/threats?domain=sea",
    )


def test_pptx_has_a_slide_per_chart_with_title_and_notes(package, pages):
    briefing = make_briefing(package, pages)
    deck = Presentation(io.BytesIO(briefings.briefing_pptx(briefing)))
    charts = briefing.charts
    assert len(deck.slides) == 1 + len(charts)
    assert deck.slide_width / deck.slide_height == pytest.approx(16 / 9, rel=1e-3)
    first = " ".join(
        s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame
    )
    assert "Filters: all domains" in first and "The Diplomat" in first
    assert "Cite this view: Japan–South Korea defense cooperation dashboard" in first
    assert "http://127.0.0.1:8501/threats?domain=sea" in first
    texts = []
    for slide, (page, chart) in zip(list(deck.slides)[1:], charts, strict=True):
        title = next(s for s in slide.shapes if s.name == "Title")
        assert title.text_frame.text == chart.title
        text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        # The slide speaks of its own chart, not the page's takeaway.
        assert page.takeaway not in text
        assert chart.description.split(". ")[0] in text
        texts.append(text)
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.startswith("Source: Yoon, The Diplomat.")
        assert "[yoon-2019-diplomat:s0" in notes
        picture = next(s for s in slide.shapes if s.shape_type == 13)  # a picture
        assert picture._element.nvPicPr.cNvPr.get("descr") == chart.description
        # The chart fills the body: the full width, or the full height under the
        # title, within a tenth.
        body_h = deck.slide_height - int(layout.BODY_TOP * 914400)
        assert (
            picture.width >= 0.9 * (deck.slide_width - 2 * 0.4 * 914400)
            or picture.height >= 0.9 * body_h
        )
    assert len(set(texts)) == len(texts)  # every slide says something of its own


LONG_FINDING = (
    "FREMM multipurpose frigate and Upgraded Mogami-class frigate for Australia "
    "(SEA 3000) have the most partners (2); the 2 precedents in view join 2 "
    "nations each"
)


def long_titled(package, pages):
    """The briefing with its first chart titled by a finding of three lines."""
    page = pages[0]
    first = dataclasses.replace(page.charts[0], title=LONG_FINDING)
    titled = dataclasses.replace(page, charts=[first, *page.charts[1:]])
    return make_briefing(package, [titled, *pages[1:]])


def test_a_long_finding_pushes_the_caption_and_chart_down_on_a_slide(package, pages):
    assert len(layout.wrapped(LONG_FINDING, layout.TITLE_SIZE)) == 3
    briefing = long_titled(package, pages)
    deck = Presentation(io.BytesIO(briefings.briefing_pptx(briefing)))
    inch = 914400
    line_counts = []
    for slide in list(deck.slides)[1:]:
        shapes = {s.name: s for s in slide.shapes}
        title, caption, chart = shapes["Title"], shapes["Text"], shapes["Chart"]
        lines = len(layout.wrapped(title.text_frame.text, layout.TITLE_SIZE))
        line_counts.append(lines)
        height = layout.TITLE_SIZE * layout.LINE_HEIGHT * inch
        assert caption.top >= title.top + lines * height
        caption_bottom = caption.top + layout.CAPTION_SIZE * layout.LINE_HEIGHT * inch
        assert chart.top >= caption_bottom
        assert chart.top + chart.height <= deck.slide_height
        if lines == 1:  # a one-line finding keeps the slide as it was
            assert caption.top == int(layout.CAPTION_TOP * inch)
            assert chart.top == int(layout.BODY_TOP * inch)
    assert line_counts[0] == 3 and 1 in line_counts and 2 in line_counts


def test_a_long_finding_pushes_the_chart_down_on_a_pdf_page(package, pages):
    reader = PdfReader(io.BytesIO(briefings.briefing_pdf(long_titled(package, pages))))
    page = reader.pages[1]
    baselines = []
    page.extract_text(
        visitor_text=lambda text, cm, tm, font, size: (
            baselines.append(tm[5]) if text.strip() else None
        )
    )
    operations = ContentStream(page.get_contents(), reader).operations
    drawn = [operands for operands, op in operations if op == b"cm"]
    image_top = max(float(m[5]) + float(m[3]) for m in drawn if float(m[3]) > 100)
    # Four lines of text (three of the title, the caption), every one above the
    # chart's top edge with room for its descenders.
    assert len(baselines) == 4
    assert image_top <= min(baselines) - 4


def test_pdf_has_the_same_pages(package, pages):
    briefing = make_briefing(package, pages)
    reader = PdfReader(io.BytesIO(briefings.briefing_pdf(briefing)))
    assert len(reader.pages) == 1 + len(briefing.charts)
    assert briefing.charts[0][1].title[:20] in reader.pages[1].extract_text()


def test_a_briefing_file_is_named_after_its_filters(package):
    from jkdefense.report import links

    view, _ = links.view_from_params(
        package, {"domain": ["sea"], "period": ["2019", "2026"], "focus": ["KR"]}
    )
    name = briefings.briefing_file_name("all pages", view, (2010, 2026), "pptx")
    assert name.startswith("briefing-all-pages-sea-kr-2019-2026-")
    everything, _ = links.view_from_params(package, {})
    assert briefings.briefing_file_name(
        "all pages", everything, (2010, 2026), "pdf"
    ).startswith("briefing-all-pages-all-domains-2010-2026-")


def test_the_whole_app_deck_opens_with_where_they_stand_as_a_table(package):
    from jkdefense.report import context, links

    view, settings = links.view_from_params(package, {"domain": ["maritime"]})
    pages = context.all_page_views(package, view, settings, housekeeping=False)
    assert "Sources" not in [p.title for p in pages]  # housekeeping stays out
    keys = {c.key for p in pages for c in p.charts}
    assert not keys & {"sources_mentions", "sources_verdicts", "sources_coverage"}
    briefing = briefings.briefing(
        package, view, pages, link="http://x/?domain=maritime"
    )
    deck = Presentation(io.BytesIO(briefings.briefing_pptx(briefing)))
    second = list(deck.slides)[1]
    table = next(s for s in second.shapes if s.name == "Standing").table
    header = [table.cell(0, c).text_frame.text for c in range(4)]
    assert header[0] == "Domain" and "Most severe threat" in header[1]
    domains = [table.cell(r, 0).text_frame.text for r in range(1, len(table.rows))]
    assert domains == ["Sea", "Undersea"]
    title = next(s for s in second.shapes if s.name == "Title").text_frame.text
    assert title == "Where Japan and Korea stand, domain by domain"
    # The first chart slide follows the table.
    assert len(deck.slides) == 2 + len(briefing.charts)
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(briefings.briefing_pdf(briefing)))
    page_two = reader.pages[1].extract_text()
    assert "Where Japan and Korea stand" in page_two and "Undersea" in page_two


def test_a_whole_app_deck_shows_the_map_once(package):
    from jkdefense.report import context, links

    view, settings = links.view_from_params(package, {})
    pages = context.all_page_views(package, view, settings, housekeeping=False)
    page_keys = {c.key for p in pages for c in p.charts}
    assert {"overview_map", "threats_map"} <= page_keys  # the app shows both
    briefing = briefings.briefing(package, view, pages)
    deck_keys = [chart.key for _, chart in briefing.charts]
    assert "threats_map" in deck_keys and "overview_map" not in deck_keys
    # The Overview alone keeps its map: there is no fuller copy to show.
    overview = [p for p in pages if "overview_map" in {c.key for c in p.charts}]
    alone = briefings.briefing(package, view, overview)
    assert "overview_map" in [chart.key for _, chart in alone.charts]
