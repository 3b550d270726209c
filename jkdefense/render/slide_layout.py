"""Where a chart slide's title, caption and chart go, in both formats."""

from __future__ import annotations

import textwrap

from jkdefense.render.text import as_shown

# Where a slide's body (the chart) starts, under its title and caption (inches),
# unless a longer title pushes it down (slide_layout).
BODY_TOP = 1.45
# A chart slide's title and caption: where they start (inches) and their size.
TITLE_TOP, TITLE_SIZE, CAPTION_TOP, CAPTION_SIZE = 0.2, 24, 0.85, 12
# A line of type takes 1.3 times its size (points; 72 to the inch).
LINE_HEIGHT = 1.3 / 72


def wrapped(text: str, size: int) -> list[str]:
    """``text`` in the lines a slide breaks it into at ``size`` points.

    About the slide's width over a bold letter's mean width: what the PDF draws,
    and no fewer lines than PowerPoint shows.
    """
    return textwrap.wrap(as_shown(text), int(1500 / size)) or [""]


def slide_layout(title: str, caption: str) -> tuple[float, float]:
    """Where a chart slide's caption and chart start (inches from the top).

    A finding of more than one line pushes the caption down, and the chart
    once the caption reaches it, so no text runs into the next.
    """
    title_h = len(wrapped(title, TITLE_SIZE)) * TITLE_SIZE * LINE_HEIGHT
    caption_top = max(CAPTION_TOP, TITLE_TOP + title_h + 0.1)
    caption_h = len(wrapped(caption, CAPTION_SIZE)) * CAPTION_SIZE * LINE_HEIGHT
    return caption_top, max(BODY_TOP, caption_top + caption_h + 0.1)


def slide_caption(page_title: str, description: str) -> str:
    """The line under a slide's title: its page and what kind of chart it is."""
    kind = description.split(". ", 1)[0]
    return f"{page_title} · {kind}."
