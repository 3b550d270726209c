"""Lay a briefing out as PPTX slides (python-pptx) or PDF pages (reportlab)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd
from pptx import Presentation
from pptx.slide import Slide
from pptx.util import Inches, Pt
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from jkdefense.analysis import accounts, evidence, rubric
from jkdefense.render import slide_tables as tables
from jkdefense.render.slide_layout import (
    BODY_TOP,
    CAPTION_SIZE,
    TITLE_SIZE,
    TITLE_TOP,
    slide_caption,
    slide_layout,
    wrapped,
)
from jkdefense.render.text import as_shown
from jkdefense.report.base import ChartView

if TYPE_CHECKING:
    from jkdefense.render.briefings import Briefing

Renderer = Callable[..., bytes]
# NOTE: pictures go into the PDF as binary streams. reportlab's default spells
# them in ASCII85, in pure Python: a quarter more bytes, and a second of a
# whole-app briefing.
rl_config.useA85 = 0
# 16:9 at 13.333 x 7.5 inches, PowerPoint's widescreen size.
SLIDE_W, SLIDE_H = 13.333, 7.5
TITLE = "Japan–South Korea defense cooperation"


def page_notes(
    rows: pd.DataFrame,
    sentences: pd.DataFrame,
    citation: str,
    rubrics: pd.DataFrame | None = None,
    tier_names: dict[int, str] | None = None,
    contested: list[str] | None = None,
) -> str:
    """Speaker notes: citation, contested facts, rubrics, references, sentences.

    Each government's account of every contested fact the page's charts show
    (``contested``), the rubric of every judgment the rows hold, each outside
    reference with its tier, then every sentence the rows cite.
    """
    ids = list(
        dict.fromkeys(i for cell in rows.get("evidence_sentence_ids", []) for i in cell)
    )
    texts = sentences.set_index("sentence_id")["text"]
    cited = [f"[{i}] {texts[i]}" for i in ids if i in texts.index]
    lines = [citation, ""]
    if contested:
        lines += ["Accounts differ (each government's account, labelled):"]
        lines += [*contested, ""]
    judged = [] if rubrics is None else _judged_fields(rubrics, rows)
    if judged:
        lines.append("How to read the analyst judgments (rubrics.csv):")
        for table, field in judged:
            lines += rubric.full_text(rubrics, table, field)
        lines.append("")
    references = [
        evidence.reference_line(row, tier_names or {}) for _, row in rows.iterrows()
    ]
    references = list(dict.fromkeys(r for r in references if r))
    if references:
        lines += ["Outside references:", *references, ""]
    return "\n".join([*lines, "Cited sentences:", *cited])


def contested_facts(charts: list[ChartView]) -> list[str]:
    """Each contested fact the charts show, with every government's account."""
    lines: list[str] = []
    for chart in charts:
        data = chart.data
        if "account_line" in data:  # the map: one position per account
            for name, group in data[data["account_line"].astype(bool)].groupby(
                "incident_name", sort=False
            ):
                lines.append(
                    f"{name}: {accounts.SEPARATOR.join(group['account_line'])}"
                )
        label = next((c for c in ("incident_name", "subject_name") if c in data), None)
        if label and "accounts_text" in data:
            shown = data.drop_duplicates([label, "accounts_text"])
            lines += accounts.contested_lines(shown, label)
    return list(dict.fromkeys(lines))


def _judged_fields(rubrics: pd.DataFrame, rows: pd.DataFrame) -> list[tuple[str, str]]:
    """(table, field) of the rubrics whose field the rows carry, in rubric order."""
    pairs = rubrics[["table_name", "field_name"]].drop_duplicates()
    return [
        (table, field)
        for table, field in pairs.itertuples(index=False)
        if field in rows.columns
    ]


def build_pptx(briefing: Briefing, render: Renderer) -> bytes:
    """Title slide (filters, date, sources), then one slide per chart."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    blank = deck.slide_layouts[6]
    slide = deck.slides.add_slide(blank)
    _text(slide, f"{TITLE}: briefing", 0.6, 2.2, 28, bold=True)
    _text(slide, briefing.filters_text, 0.6, 3.3, 16)
    _text(slide, f"Prepared {briefing.on.isoformat()}", 0.6, 3.9, 16)
    _text(slide, "Sources: " + "; ".join(_brief(briefing.sources_text)), 0.6, 4.5, 12)
    # The full citations, with their addresses, in the title slide's notes.
    slide.notes_slide.notes_text_frame.text = as_shown("\n".join(briefing.sources_text))
    _text(slide, f"Cite this view: {briefing.citation}", 0.6, 6.3, 12, name="Link")
    if briefing.standing is not None and not briefing.standing.empty:
        _standing_slide(deck.slides.add_slide(blank), briefing)
    for page, chart in briefing.charts:
        slide = deck.slides.add_slide(blank)
        # The chart's own finding is the slide's title; the picture leaves its
        # title out (briefings.slide_pictures), so it is printed once.
        caption = slide_caption(page.title, chart.description)
        caption_top, body_top = slide_layout(chart.title, caption)
        _text(slide, chart.title, 0.4, TITLE_TOP, TITLE_SIZE, bold=True, name="Title")
        _text(slide, caption, 0.4, caption_top, CAPTION_SIZE)
        picture = slide.shapes.add_picture(
            io.BytesIO(render(chart)),
            Inches(0.4),
            Inches(body_top),
            width=Inches(SLIDE_W - 0.8),
        )
        picture.name = "Chart"
        # The picture's alt text: what a screen reader and a search of the deck find.
        picture._element.nvPicPr.cNvPr.set("descr", as_shown(chart.description))
        _fit_picture(slide, body_top)
        slide.notes_slide.notes_text_frame.text = as_shown(
            briefing.notes_by_page.get(page.title, "")
        )
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _standing_slide(slide: Slide, briefing: Briefing) -> None:
    """The Overview's table as a native PowerPoint table (editable in the deck)."""
    _text(slide, tables.STANDING_TITLE, 0.4, 0.2, 24, bold=True, name="Title")
    _text(slide, briefing.filters_text, 0.4, 0.85, 12)
    tables.add_standing_table(
        slide, tables.standing_rows(briefing.standing), BODY_TOP, SLIDE_W
    )
    slide.notes_slide.notes_text_frame.text = as_shown(
        "Severity and scores are analyst judgments (1–5, rubrics.csv); programs at "
        "equal weights. " + briefing.notes_by_page.get(_overview_title(briefing), "")
    )


def _overview_title(briefing: Briefing) -> str:
    return next((p.title for p in briefing.pages if "standing" in p.related), "")


def _brief(citations: list[str]) -> list[str]:
    """Citations without their addresses, for a title slide one can read."""
    return [c.rsplit(", http", 1)[0] for c in citations]


def _text(
    slide: Slide,
    text: str,
    left: float,
    top: float,
    size: int,
    *,
    bold: bool = False,
    name: str = "Text",
) -> None:
    box = slide.shapes.add_textbox(
        Inches(left), Inches(top), Inches(SLIDE_W - 2 * left), Inches(0.6)
    )
    box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.text = as_shown(text)  # titles and sources from documents, as written
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(size), bold


def _fit_picture(slide: Slide, body_top: float) -> None:
    """Fit the chart picture (keeping its shape) to the body and centre it."""
    picture = slide.shapes[-1]
    room_w, room_h = Inches(SLIDE_W - 0.8), Inches(SLIDE_H - body_top - 0.15)
    ratio = min(room_w / picture.width, room_h / picture.height)
    picture.width, picture.height = (
        int(picture.width * ratio),
        int(picture.height * ratio),
    )
    picture.left = int((Inches(SLIDE_W) - picture.width) / 2)


def build_pdf(briefing: Briefing, render: Renderer) -> bytes:
    """The briefing as PDF pages of the same 16:9 size and order."""
    points = 72
    width, height = SLIDE_W * points, SLIDE_H * points
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(width, height))
    pdf.setTitle(f"{TITLE}: briefing")
    _pdf_lines(
        pdf,
        [
            (f"{TITLE}: briefing", 26, True),
            (briefing.filters_text, 14, False),
            (f"Prepared {briefing.on.isoformat()}", 14, False),
            ("Sources: " + "; ".join(_brief(briefing.sources_text)), 11, False),
            (f"Cite this view: {briefing.citation}", 11, False),
        ],
        top=height - 2.2 * points,
    )
    pdf.showPage()
    if briefing.standing is not None and not briefing.standing.empty:
        _standing_page(pdf, briefing, width, height)
    for page, chart in briefing.charts:
        below_text = _pdf_lines(
            pdf,
            [
                (chart.title, 20, True),
                (slide_caption(page.title, chart.description), 11, False),
            ],
            top=height - 0.5 * points,
        )
        # Under the title, as on the PPTX slide, or under a title of more lines.
        top = min(height - (BODY_TOP + 0.15) * points, below_text)
        image = ImageReader(io.BytesIO(render(chart)))
        image_w, image_h = image.getSize()
        box_w, box_h = width - 0.8 * points, top - 0.3 * points
        ratio = min(box_w / image_w, box_h / image_h)
        # A short chart leaves room below.
        pdf.drawImage(
            image,
            (width - image_w * ratio) / 2,
            top - image_h * ratio,
            image_w * ratio,
            image_h * ratio,
        )
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _standing_page(
    pdf: canvas.Canvas, briefing: Briefing, width: float, height: float
) -> None:
    """The Overview's table on a page of its own, as the deck's second slide."""
    points = 72
    _pdf_lines(
        pdf,
        [(tables.STANDING_TITLE, 20, True), (briefing.filters_text, 11, False)],
        top=height - 0.5 * points,
    )
    tables.draw_standing_table(
        pdf, tables.standing_rows(briefing.standing), BODY_TOP, SLIDE_W, height
    )
    pdf.showPage()


def _pdf_lines(
    pdf: canvas.Canvas, lines: list[tuple[str, int, bool]], top: float
) -> float:
    """Draw ``lines`` (text, size, bold) from ``top`` down; where the next would go."""
    y = top
    for text, size, bold in lines:
        pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        for line in wrapped(text, size):
            pdf.drawString(0.4 * 72, y, line)
            y -= size * 1.3
        y -= size * 0.4
    return y
