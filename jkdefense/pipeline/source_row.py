"""The article's row in sources.csv: its id, its cells, the line appended.

The row is written in the order of the file's own header, and appended as the
file ends its lines, so every byte the file had stays as it was.
"""

from __future__ import annotations

import csv
import io
import re

from jkdefense.pipeline import seeds
from jkdefense.pipeline.article import Metadata, Refused

# An id is a file name (seeds/<id>.original.html): far below the usual limit
# of 255 bytes, and short enough to read in a table.
MAX_ID_LENGTH = 80
# A title word longer than this is not a word (a pasted address, say): cut.
MAX_SLUG_WORD = 24


# Words a title's short slug leaves out.
_TITLE_STOP_WORDS = frozenset(
    {"a", "an", "and", "at", "by", "for", "from", "in", "into", "its", "of", "on"}
    | {"or", "our", "s", "the", "their", "to", "with"}
)
TITLE_WORDS = 4


def new_source_id(meta: Metadata, taken: set[str]) -> str:
    """A readable, stable id: ``<publisher>-<year>-<short title>``.

    The publisher without a leading "The", its words run together
    ("whitehouse"); the year published; the first four words of the title
    that are not stop words ("fact-sheet-trilateral-leaders"). Numbered -2,
    -3 … when already taken, so no two articles share one. ``--id`` chooses
    another; the first article keeps its older form, yoon-2019-diplomat.
    """
    if meta.source_id:
        if len(meta.source_id) > MAX_ID_LENGTH:
            raise Refused(
                f"--id is {len(meta.source_id)} characters long; "
                f"at most {MAX_ID_LENGTH}"
            )
        if meta.source_id in taken:
            raise Refused(f"--id {meta.source_id!r} is already in the feed")
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", meta.source_id):
            raise Refused(f"--id {meta.source_id!r}: use a-z, 0-9 and single -")
        return meta.source_id
    publisher = re.sub(r"^the\s+", "", meta.publisher.strip(), flags=re.IGNORECASE)
    words = [
        w[:MAX_SLUG_WORD]
        for w in _slug(meta.title).split("-")
        if w not in _TITLE_STOP_WORDS
    ]
    parts = [
        _slug(publisher).replace("-", "")[:MAX_SLUG_WORD],
        meta.date[:4],
        *words[:TITLE_WORDS],
    ]
    base = "-".join(p for p in parts if p)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def sources_row(
    source_id: str, meta: Metadata, text: str, sha: str, header: list[str]
) -> str:
    """The sources.csv line for the article; its evidence is its own first sentence.

    Written in the order of the file's own ``header``: columns are matched by
    name, so an analyst may have reordered them in a spreadsheet. A cell a
    spreadsheet would run as a formula is marked as text (data.spreadsheet).
    """
    from jkdefense.data.spreadsheet import FORMULA_STARTS, safe_cell

    try:
        first = seeds.split_sentences(text)
    except ValueError as error:
        raise Refused(f"cannot split it into sentences: {error}") from None
    if not first:
        raise Refused("no sentence found in the text")
    words = first[0].text.split()
    # The quote stays a verbatim span of the sentence (validate checks it), so
    # it is not marked: it starts at the first word no spreadsheet would run.
    start = next(
        (i for i, word in enumerate(words) if not word.startswith(FORMULA_STARTS)),
        len(words),
    )
    quote = " ".join(words[start : start + 12])
    cells = {
        "source_id": source_id,
        "title": safe_cell(meta.title.strip()),
        "author": safe_cell(meta.author.strip()),
        "publisher": safe_cell(meta.publisher.strip()),
        "url": safe_cell(meta.url),
        "date_published": meta.date,
        "licence_note": safe_cell(meta.licence.strip()),
        "seed_path": f"seeds/{source_id}.txt",
        "seed_sha256": sha,
        "evidence_sentence_ids": seeds.sentence_id(source_id, 1),
        "evidence_quote": quote,
        "evidence_type": "stated",
        "curation_note": (
            "Added by ingest: title, author, publisher, address and date as given."
        ),
        "reference_url": safe_cell(meta.url) if meta.tier else "",
        "reference_status": "unverified" if meta.tier else "",
        "reference_tier": str(meta.tier) if meta.tier else "",
    }
    buffer = io.StringIO()
    # Written CRLF: the csv module quotes a cell holding a character of the
    # line end it writes, so a carriage return in the metadata cannot end the
    # row in a spreadsheet (and start a cell that runs).
    csv.writer(buffer, lineterminator="\r\n").writerow(
        [cells.get(column, "") for column in header]
    )
    return buffer.getvalue().removesuffix("\r\n") + "\n"


def csv_header(csv_bytes: bytes) -> list[str]:
    """A CSV file's column names, in the file's own order."""
    first_line = csv_bytes.decode("utf-8").removeprefix("\ufeff").split("\n", 1)[0]
    return next(csv.reader([first_line]))


def with_row(csv_bytes: bytes, row: str) -> bytes:
    """The CSV with one more row, ended as the file ends its lines."""
    ending = b"\r\n" if b"\r\n" in csv_bytes else b"\n"
    body = csv_bytes if csv_bytes.endswith(b"\n") else csv_bytes + ending
    return body + row.removesuffix("\n").encode("utf-8") + ending
