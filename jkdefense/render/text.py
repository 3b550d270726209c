"""Text from the data as it is shown: always as text, never as markup.

Titles, authors, publishers and sentences come from documents and their
metadata, whose authors chose every character. Two kinds of character would
make them show something other than what they say:

- Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
  U+061C) reorder the text around them: a title "Report \u202eflodnaR yb"
  shows as "Report by Randolf", and a footer that cites it reads backwards.
  They are left out of everything shown (the data keeps them).
- Plotly reads a subset of HTML in every text it draws (``<a href>``, ``<b>``,
  ``<span style>``), in the app and in its PNG, SVG and slide exports: a
  Plotly text is HTML-escaped, which Plotly shows as typed.

Vega-Lite (Altair) draws text as text and needs the first only; the app's
Markdown builds on ``as_shown`` too (jkdefense.ui.text).
"""

from __future__ import annotations

import html
import re

import pandas as pd

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def as_shown(text: object) -> str:
    """The text as every page, chart and export shows it: no bidi controls."""
    return BIDI_CONTROLS.sub("", str(text))


def plotly_text(text: object) -> str:
    """Text for a Plotly label or annotation: shown as typed, never as markup."""
    return html.escape(as_shown(text), quote=False)


def _has_controls(cell: object) -> bool:
    return isinstance(cell, str) and BIDI_CONTROLS.search(cell) is not None


def shown_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its text cells as shown; the frame itself when none changes."""
    shown = frame
    for name in frame.columns:
        column = frame[name]
        if column.dtype != object and not isinstance(column.dtype, pd.StringDtype):
            continue
        if any(_has_controls(cell) for cell in column):
            shown = shown.copy(deep=False) if shown is frame else shown
            shown[name] = column.map(
                lambda cell: as_shown(cell) if isinstance(cell, str) else cell
            )
    return shown
