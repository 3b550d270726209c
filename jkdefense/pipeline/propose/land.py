"""The bytes an accepted or rejected proposal adds: a CSV row, a change-log line.

A curated CSV keeps every byte it had: the new row is appended in the file's
own column order, quoted only where CSV needs it, ended as the file ends its
lines. Text is written as the analyst gave it (the curated files are data,
not spreadsheets; their downloads are made safe), but a cell a spreadsheet
would run as a formula is refused, since nothing in the package starts so.
"""

from __future__ import annotations

import csv
import io
import re

from jkdefense.data.spreadsheet import safe_cell
from jkdefense.pipeline.source_row import with_row

UNRELEASED = "## Unreleased"
_SECTION = re.compile(r"^## ", re.MULTILINE)


def header(csv_bytes: bytes) -> list[str]:
    """A CSV file's column names, in the file's own order."""
    first = csv_bytes.decode("utf-8").removeprefix("\ufeff").split("\n", 1)[0]
    return next(csv.reader([first.rstrip("\r")]))


def record_count(csv_bytes: bytes) -> int:
    """How many records the CSV file holds, its header included."""
    text = csv_bytes.decode("utf-8").removeprefix("\ufeff")
    return sum(1 for _ in csv.reader(io.StringIO(text, newline="")))


def row_line(columns: list[str], row: dict[str, str]) -> str:
    """One CSV record of ``row`` in ``columns`` order, quoted where it must be."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([row.get(c, "") for c in columns])
    return buffer.getvalue()


def appended(csv_bytes: bytes, row: dict[str, str]) -> bytes:
    """The CSV file with ``row`` added at its end; every other byte as it was."""
    return with_row(csv_bytes, row_line(header(csv_bytes), row))


def formula_cells(row: dict[str, str]) -> list[str]:
    """The fields whose value a spreadsheet would run as a formula."""
    return [name for name, value in row.items() if safe_cell(value) != value]


def changelog_with(text: str, bullet: str) -> str:
    """The change log with ``bullet`` under "## Unreleased", made at its top if new.

    The section comes before the first release heading; a bullet joins the
    end of its list, so the log reads in the order the changes were made.
    """
    line = f"- {bullet}\n"
    sections = list(_SECTION.finditer(text))
    if sections and text[sections[0].start() :].startswith(UNRELEASED):
        end = sections[1].start() if len(sections) > 1 else len(text)
        body = text[:end].rstrip("\n") + "\n"
        return body + line + ("\n" + text[end:] if end < len(text) else "")
    at = sections[0].start() if sections else len(text)
    head = text[:at].rstrip("\n") + "\n\n" if text[:at].strip() else ""
    rest = "\n" + text[at:] if at < len(text) else ""
    return f"{head}{UNRELEASED}\n\n{line}{rest}"
