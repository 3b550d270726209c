"""Text from documents and their metadata is shown as text, wherever it is shown.

No markup (HTML in a Plotly text, Markdown), no link made of an address, no
bidi control reordering what is read. The app runs on a copy whose documents
and metadata hold all three (tests/hostile_data.py); each place that shows
such text is one case.
"""

import io
import json
from collections.abc import Callable, Iterator

import pandas as pd
import pytest
from pptx import Presentation
from pypdf import PdfReader

from jkdefense.analysis import filters
from jkdefense.data import load
from jkdefense.render import briefings, export, figures, slides
from jkdefense.report import context, registry
from jkdefense.report.base import ChartView, PageView
from jkdefense.ui.text import escape_markdown
from tests import hostile_data
from tests.apptest import open_tab, plotly_data, run_page
from tests.hostile_data import (
    ADDRESS,
    BIDI,
    EVIL_LINK,
    RLO,
    THREAT_LABEL,
    as_read,
    autolinks,
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return hostile_data.build(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def app(hostile, monkeypatch) -> Callable:
    """Run a page of the app on the hostile copy (a tab opened when given)."""
    monkeypatch.setenv("JKDEFENSE_DATA_DIR", str(hostile))

    def run(page: str, params: dict | None = None, tab: tuple | None = None):
        at = run_page(page, params)
        if tab:
            open_tab(at, *tab)
        assert not at.exception
        return at

    return run


def captions_with(text: str) -> Callable:
    return lambda at: [c.value for c in at.caption if text in c.value]


# Each place that shows text from a document or its metadata as Markdown:
# (page, URL parameters, tab, the Markdown it shows, text a reader must see).
MARKDOWN_SITES = {
    "page footer": (
        "threats",
        {},
        None,
        captions_with("Curated tables"),
        ["S. Yoon flodnaR yb", 'HYPERLINK("https://evil.example/t"', EVIL_LINK],
    ),
    "chart text description": (
        "threats",
        {},
        None,
        captions_with("Heatmap of the analyst severity"),
        ["S. Yoon flodnaR yb", "https://evil.example/p"],
    ),
    "evidence quote": (
        "threats",
        {"threats_evidence": THREAT_LABEL},
        None,
        lambda at: [m.value for m in at.markdown if m.value.startswith("> ")],
        [ADDRESS, "www.evil.example/w", "spy@evil.example"],
    ),
    "evidence citation": (
        "threats",
        {"threats_evidence": THREAT_LABEL},
        None,
        captions_with("paragraph"),
        ["Report flodnaR yb", EVIL_LINK, "https://e.org/x"],
    ),
    "sentence explorer": (
        "sources",
        {"source": [hostile_data.ARTICLE_ID]},
        None,
        lambda at: [m.value for m in at.markdown if "hostile" in m.value],
        [ADDRESS, "spy@evil.example", "<img src=x onerror=alert(1)>", "gnp.exe off"],
    ),
    "proposal in its context": (
        "curate",
        {"source": [hostile_data.ARTICLE_ID]},
        None,
        lambda at: [m.value for m in at.markdown if "evil" in m.value],
        [ADDRESS, "spy@evil.example", "<img src=x onerror=alert(1)>"],
    ),
    "proposal's article": (
        "curate",
        {"source": [hostile_data.ARTICLE_ID]},
        None,
        captions_with("2024-05-01"),  # the article's date, as written
        ['HYPERLINK("https://evil.example/"', "Report flodnaR yb", "https://e.org/x"],
    ),
    "revision warning": (
        "sources",
        {"sources_revision": ADDRESS},
        ("sources_tab", "What changed"),
        lambda at: [w.value for w in at.warning],
        [ADDRESS],
    ),
}


@pytest.mark.parametrize("site", MARKDOWN_SITES)
def test_markdown_shows_document_text_as_text_without_links(app, site):
    page, params, tab, shown_by, visible = MARKDOWN_SITES[site]
    shown = shown_by(app(page, params, tab))
    assert shown, f"{site}: nothing shown"
    for markdown in shown:
        assert autolinks(markdown) == []
        assert not BIDI.search(markdown)
    read = " ".join(as_read(markdown) for markdown in shown)
    for text in visible:  # as written, so a copied address is the address
        assert text in read


@pytest.mark.parametrize(
    "text",
    [
        "see https://evil.example/q now",
        "HTTP://EVIL.EXAMPLE/Q",
        "visit www.evil.example or https://www.evil.example",
        "mail spy@evil.example or mailto:spy@evil.example",
        "(https://evil.example/a_(b)) and [x](https://evil.example)",
    ],
)
def test_an_address_in_text_is_never_a_link_and_reads_as_written(text):
    markdown = escape_markdown(text)
    assert autolinks(markdown) == []
    assert as_read(markdown) == text


def test_bidi_controls_are_left_out_of_markdown():
    markdown = escape_markdown(f"Report {RLO}flodnaR yb\u2066x\u2069\u200f")
    assert as_read(markdown) == "Report flodnaR ybx"


def test_the_bridge_network_shows_a_publisher_s_markup_as_text(app):
    at = app("pairings", {"pairings_chart": "Bridge network"})
    (figure,) = plotly_data(at)
    caption = figure["layout"]["annotations"][-1]["text"]
    assert "&lt;a href=" in caption and "S. Yoon flodnaR yb" in caption
    subtitle, source = caption.split("<br>")  # the one tag: the builder's own
    assert "<" not in subtitle + source and not BIDI.search(caption)


def test_altair_chart_captions_leave_out_bidi_controls(app):
    at = app("threats")
    specs = [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]
    texts = [text for spec in specs for text in strings(spec)]
    assert specs and any("S. Yoon flodnaR yb" in text for text in texts)
    assert not any(BIDI.search(text) for text in texts)


def strings(value) -> Iterator[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@pytest.mark.parametrize(
    ("tab", "column", "text"),
    [
        (None, "title", "Rethinking gnp.exe"),
        ("Curation queue", "text", "Hanwha Aerospace met gnp.exe officials"),
    ],
)
def test_grids_show_document_text_without_bidi_controls(app, tab, column, text):
    at = app("sources", None, ("sources_tab", tab) if tab else None)
    (grid,) = [d.value for d in at.dataframe if column in d.value.columns]
    cells = [c for c in grid.to_numpy().ravel() if isinstance(c, str)]
    assert not any(BIDI.search(cell) for cell in cells)
    assert any(text in cell for cell in cells)


def network(name: str, source: str):
    nodes = pd.DataFrame(
        {
            "node_id": ["k", "b", "j"],
            "node_name": [name, name, "MHI"],
            "side": ["KR", "bridge", "JP"],
            "x": [0.0, 1.0, 2.0],
            "y": [0.0, 0.0, 0.0],
        }
    )
    edges = pd.DataFrame({"source_id": ["k"], "target_id": ["b"], "weight": [1]})
    return figures.network_figure(
        nodes, edges=edges, title="t", subtitle="Filters: all", source=source
    )


def test_plotly_texts_are_escaped_and_its_images_draw_no_markup():
    name = f"<b>KAI</b> {RLO}x"
    figure = network(name, f"Source: {EVIL_LINK}")
    texts = [
        *figure.data[-3].text,
        *(a.text for a in figure.layout.annotations),
    ]
    assert "&lt;b&gt;KAI&lt;/b&gt; x" in texts
    assert all("<a" not in t and "<b>" not in t and RLO not in t for t in texts)
    svg = export.chart_svg(figure, title=f"<i>Finding</i> {RLO}")
    assert "<a " not in svg and "xlink:href" not in svg  # no link drawn
    assert "italic" not in svg and RLO not in svg
    assert "&#60;a href=" in svg  # the markup, as text


def test_an_altair_image_s_title_and_description_leave_out_bidi_controls(hostile):
    pkg = load.load_package(hostile)
    view = filters.ViewFilters(source_ids=pkg.source_ids)
    page = threats_page(pkg, view)
    chart = page.charts[0]
    from jkdefense.render import draw

    svg = export.chart_svg(
        draw.figure(chart), description=chart.description, title=f"T {RLO}x"
    )
    assert "S. Yoon flodnaR yb" in svg and not BIDI.search(svg)


def threats_page(pkg: load.Package, view: filters.ViewFilters) -> PageView:
    page = registry.PAGE_BY_NAME["threats"]
    return page.build(
        pkg.tables, view, context.chart_labels(pkg, view), {"threats_actor": ["CN"]}
    )


def test_briefings_leave_out_bidi_controls(hostile):
    pkg = load.load_package(hostile)
    view = filters.ViewFilters(source_ids=pkg.source_ids)
    card = ChartView(
        "card",
        f"A finding about {RLO}flodnaR",
        "cards.finding_card",
        pd.DataFrame({"line": ["x"]}),
        {"subtitle": "s", "source": "Source: s"},
    )
    page = PageView("Threats", charts=[card], rows=threats_page(pkg, view).rows)
    briefing = briefings.briefing(pkg, view, [page])
    picture = export.chart_png(network("x", "y"))  # any picture will do

    deck = Presentation(io.BytesIO(slides.build_pptx(briefing, lambda c: picture)))
    texts = [
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    ] + [slide.notes_slide.notes_text_frame.text for slide in deck.slides]
    deck_text = "\n".join(texts)
    assert "S. Yoon flodnaR yb" in deck_text and "A finding about flodnaR" in deck_text
    assert not BIDI.search(deck_text)

    pdf = PdfReader(io.BytesIO(slides.build_pdf(briefing, lambda c: picture)))
    pdf_text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "flodnaR yb" in pdf_text and not BIDI.search(pdf_text)


def test_a_curated_reference_is_the_one_address_made_a_link():
    from jkdefense.ui.text import reference_link

    url = "https://www.nippon.com/en/news/yjj2025090800754/x.html"
    markdown = reference_link(url)
    assert markdown.endswith(f"](<{url}>)")  # a link whose target is the address
    assert as_read(markdown.split("](")[0].lstrip("[")) == url  # and reads as it
    for unsafe in ("javascript:alert(1)", "https://e.org/a)b", "https://e.org/ x"):
        assert "](" not in reference_link(unsafe)
        assert autolinks(reference_link(unsafe)) == []


def test_the_evidence_panel_links_its_reference(package):
    from jkdefense.ui import row_evidence

    row = package.tables["threats"].iloc[0]
    _, notes = row_evidence._evidence_markdown(package, row)
    assert f"](<{row['reference_url']}>)" in notes
