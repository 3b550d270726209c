"""The Overview's "where they stand" as a table on a slide and a PDF page.

A native table, not a picture: the deck's reader can edit it, and a search of
the deck finds its words.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

import pandas as pd
from pptx.slide import Slide
from pptx.util import Inches, Pt
from reportlab.pdfgen import canvas

from jkdefense.data.vocabulary import DOMAIN_LABELS

STANDING_TITLE = "Where Japan and Korea stand, domain by domain"
STANDING_HEADER = (
    "Domain",
    "Most severe threat",
    "Leading program (equal weights)",
    "Strongest company pairing",
)
DOMAIN_COLUMN_IN = 1.8  # the domain column's width (inches); the rest share


def standing_rows(standing: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    """The Overview's table as text: a row per domain, a name and its score each."""

    def cell(name: object, score: object) -> str:
        if name is None or pd.isna(name):
            return "—"
        value = f"{float(score):.2f}".rstrip("0").rstrip(".")
        return f"{name} · {value}/5"

    return [
        (
            DOMAIN_LABELS[row.domain_type],
            cell(row.threat_name, row.severity_score),
            cell(row.program_name, row.program_score),
            cell(row.pairing_label, row.pairing_score),
        )
        for row in standing.itertuples(index=False)
    ]


def _widths(slide_width: float) -> list[float]:
    rest = (slide_width - 0.8 - DOMAIN_COLUMN_IN) / (len(STANDING_HEADER) - 1)
    return [DOMAIN_COLUMN_IN, *[rest] * (len(STANDING_HEADER) - 1)]


def add_standing_table(
    slide: Slide, rows: list[tuple[str, ...]], top: float, slide_width: float
) -> None:
    """A PowerPoint table of the header and ``rows`` from ``top`` (inches)."""
    shape = slide.shapes.add_table(
        len(rows) + 1,
        len(STANDING_HEADER),
        Inches(0.4),
        Inches(top),
        Inches(slide_width - 0.8),
        Inches(0.45 * (len(rows) + 1)),
    )
    shape.name = "Standing"
    table = shape.table
    for column, width in enumerate(_widths(slide_width)):
        table.columns[column].width = Inches(width)
    for r, values in enumerate([STANDING_HEADER, *rows]):
        for c, value in enumerate(values):
            frame = table.cell(r, c).text_frame
            frame.text = value
            for run in frame.paragraphs[0].runs:
                run.font.size, run.font.bold = Pt(13), r == 0


def draw_standing_table(
    pdf: canvas.Canvas,
    rows: list[tuple[str, ...]],
    top: float,
    slide_width: float,
    height: float,
) -> None:
    """The same table on a PDF page, its top ``top`` inches under the page's."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    points = 72
    head = ParagraphStyle("head", fontName="Helvetica-Bold", fontSize=11, leading=13)
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)
    # Paragraphs wrap within their column; text from the data is escaped for them.
    cells = [
        [Paragraph(escape(v), head if r == 0 else body) for v in values]
        for r, values in enumerate([STANDING_HEADER, *rows])
    ]
    table = Table(cells, colWidths=[w * points for w in _widths(slide_width)])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "#999999"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    _, used = table.wrapOn(pdf, (slide_width - 0.8) * points, height)
    table.drawOn(pdf, 0.4 * points, height - (top + 0.2) * points - used)
