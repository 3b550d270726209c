"""Text for Markdown: data escaped so it always shows as plain text."""

from __future__ import annotations

import re

import pandas as pd

from jkdefense.analysis import evidence

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:^=&\"'])")


def escape_markdown(text: str) -> str:
    """Escape every Markdown-significant character so data shows as plain text."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def plain_table(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The named columns under their labels, every cell as escaped Markdown text.

    For st.table, which renders headers and cells as Markdown. Numbers keep their
    shortest form (3.25, 4), empty cells stay empty.
    """
    return pd.DataFrame(
        {
            escape_markdown(label): [
                "" if pd.isna(cell) else escape_markdown(_cell_text(cell))
                for cell in frame[name]
            ]
            for name, label in columns.items()
        }
    )


def _cell_text(cell: object) -> str:
    # 15 significant digits: every float a CSV holds, without a trailing ".0".
    return f"{cell:.15g}" if isinstance(cell, float) else str(cell)


def segments_markdown(segments: tuple[tuple[str, bool], ...]) -> str:
    """Text segments as Markdown, the marked ones highlighted."""
    return "".join(
        f":orange-background[{escape_markdown(t)}]" if marked else escape_markdown(t)
        for t, marked in segments
    )


def sentences_markdown(sentences: pd.DataFrame, mentions: pd.DataFrame) -> str:
    """Sentences with their id, known entities highlighted, as one Markdown text.

    One element for the whole list: one Markdown block per sentence costs a
    message each on every rerun.
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    for sentence_id, start, end in zip(
        mentions["sentence_id"],
        mentions["char_start"],
        mentions["char_end"],
        strict=True,
    ):
        spans.setdefault(sentence_id, []).append((int(start), int(end)))
    lines = []
    for row in sentences.itertuples(index=False):
        segments = evidence.highlight_mentions(
            row.text, int(row.char_start), spans.get(row.sentence_id, [])
        )
        lines.append(
            f"**{escape_markdown(row.sentence_id)}** " + segments_markdown(segments)
        )
    return "\n\n".join(lines)
