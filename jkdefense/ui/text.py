"""Text for Markdown: data escaped so it always shows as plain text.

Streamlit renders Markdown with GitHub's extensions, whose autolink literals
make a link of a bare address (``https://…``, ``www.…``) or e-mail address.
They are found in the text after its escapes are read, so a backslash does
not stop them: a sentence, a title or a URL parameter would become a link
that takes the reader elsewhere. They are found within one run of text only,
so an address is cut in two by an empty directive (``LINK_BREAK``), which
draws nothing and copies as nothing: the address reads, and copies, exactly
as written. (A zero-width joiner would stop the link too, but a copied
address would carry it.)
"""

from __future__ import annotations

import re

import pandas as pd

from jkdefense.analysis import evidence
from jkdefense.render.text import as_shown

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:^=&\"'])")
# An empty coloured span: it ends one run of text and starts the next.
LINK_BREAK = ":gray[]"
# Where an autolink literal could start: the text is cut after its first letter.
_ADDRESS_STARTS = re.compile(r"(?i)(?=https?://|www\.)")
# The @ of an e-mail address: the text is cut before it.
_EMAIL_AT = re.compile(r"(?a)(?<=[-.\w+])@(?=[-\w]+(?:\.[-\w]+)+)")


def escape_markdown(text: object) -> str:
    """Text from the data as Markdown that shows it as plain text.

    Every Markdown-significant character escaped, every address and e-mail
    address cut so that no link is made of it, bidi controls left out
    (jkdefense.render.text.as_shown), line breaks as spaces.
    """
    shown = as_shown(text).replace("\n", " ")
    cuts = sorted(
        {found.start() + 1 for found in _ADDRESS_STARTS.finditer(shown)}
        | {found.start() for found in _EMAIL_AT.finditer(shown)}
    )
    pieces = [shown[a:b] for a, b in zip([0, *cuts], [*cuts, len(shown)], strict=True)]
    return LINK_BREAK.join(_MARKDOWN_SPECIAL.sub(r"\\\1", piece) for piece in pieces)


# A curated reference address the validator accepted: http(s), nothing that
# could end the link's target early or open another.
_LINKABLE = re.compile(r"https?://[^\s<>()\[\]]+")


def reference_link(url: str) -> str:
    """A curated reference address as a link the analyst can open.

    Only the curated ``reference_url`` is ever made a link, deliberately: an
    address inside a document's text or metadata stays text (escape_markdown).
    The shown text is the address itself; link text is never autolinked.
    """
    if not _LINKABLE.fullmatch(url):
        return escape_markdown(url)
    shown = _MARKDOWN_SPECIAL.sub(r"\\\1", as_shown(url))
    return f"[{shown}](<{url}>)"


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
