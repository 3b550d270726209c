"""CSV for people: every cell a spreadsheet reads as text, never as a formula.

Excel, LibreOffice Calc and Google Sheets run a cell that begins with ``=``,
``+``, ``-`` or ``@`` as a formula (``=HYPERLINK(…)`` sends what the sheet
holds to another server), and treat a leading tab, carriage return or line
feed the same way. Sentences and metadata come from documents whose authors
chose every character, so every CSV written for people goes through here.

OWASP's guidance, "CSV Injection"
(https://owasp.org/www-community/attacks/CSV_Injection): no cell may begin with
``=``, ``+``, ``-``, ``@``, tab (0x09), carriage return (0x0D) or line feed
(0x0A); prepend a single quote, which the spreadsheet takes as "this cell is
text" and does not show. Quoting by the CSV rules (RFC 4180), which the csv
module and pandas already do, keeps a separator or quote inside a cell from
starting a new cell.

The files in data/ stay as they are: their downloads are neutralised copies
(``safe_csv_file``).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# The single quote a spreadsheet reads as "text follows" and does not show.
TEXT_MARK = "'"
# A cell that is only a number (-2, +3.5, -1e3) is read as that number, never
# as a formula; marking it would turn a negative value into text.
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# Items of a list cell, as the curated CSVs separate them (schema.split_list).
LIST_SEPARATOR = ";"


def safe_cell(value: Any) -> Any:
    """The cell as a spreadsheet should read it: text that could run, marked.

    Text beginning with a formula character gets the single quote in front;
    numbers, other text and missing values are returned as they are. Marking
    a marked cell again changes nothing (it begins with the quote).
    """
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not _NUMBER.fullmatch(value)
    ):
        return TEXT_MARK + value
    return value


def _csv_cell(value: Any) -> Any:
    """A frame's cell for a CSV: a list as the curated files write lists, marked."""
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    return safe_cell(value)


def _safe_texts(column: pd.Series) -> tuple[pd.Series, bool]:
    """``safe_cell`` over a column of text, a column at a time; any line break?

    NOTE: on the text columns of a long queue (a million rows) a cell at a
    time took three times as long as writing the CSV.
    """
    marked = column.str.startswith(FORMULA_STARTS, na=False)
    if marked.any():
        marked &= ~column.str.fullmatch(_NUMBER.pattern, na=False)
        column = column.where(~marked, TEXT_MARK + column)
    return column, bool(column.str.contains("[\r\n]", na=False).any())


def safe_csv(frame: pd.DataFrame) -> str:
    """The frame as CSV text (no index): header and every text cell safe."""
    safe = frame.copy(deep=False)
    safe.columns = [safe_cell(str(name)) for name in frame.columns]
    breaks = any(_has_break(name) for name in safe.columns)
    for index, (_, column) in enumerate(frame.items()):
        if isinstance(column.dtype, pd.StringDtype):
            cells, broken = _safe_texts(column)
        elif column.dtype == object:  # lists, or text among other values
            cells = pd.Series([_csv_cell(cell) for cell in column], index=column.index)
            broken = any(_has_break(cell) for cell in cells)
        else:
            continue
        safe.isetitem(index, cells)
        breaks = breaks or broken
    return _line_ends(safe.to_csv(index=False, lineterminator="\r\n"), breaks)


def safe_csv_text(text: str) -> str:
    """A CSV file's text with every cell safe, rows and columns as they were.

    Text with no cell to mark comes back unchanged, line ends and quoting
    included; otherwise the rows are written again, quoted where the CSV
    rules need it.
    """
    # A cell may be as long as the file (a broken file, a pasted text): the csv
    # module's limit (128 KB a cell) only ever grows, to what the app serves.
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    safe = [[safe_cell(cell) for cell in row] for row in rows]
    if safe == rows:
        return text
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(safe)
    breaks = any(_has_break(cell) for row in safe for cell in row)
    return _line_ends(buffer.getvalue(), breaks)


def _has_break(cell: Any) -> bool:
    return isinstance(cell, str) and ("\r" in cell or "\n" in cell)


def _line_ends(text: str, breaks: bool) -> str:
    """Lines ended LF, as the package's CSV files are, unless a cell holds a break.

    A spreadsheet starts a row at a carriage return or line feed that is not
    in quotes, and its next cell could then be a formula. The csv writers
    quote a cell holding a character of the line end they write: so lines
    are written CRLF, as RFC 4180 has them, and made LF only when no cell
    holds either character.
    """
    return text if breaks else text.replace("\r\n", "\n")


def safe_csv_file(path: Path) -> bytes:
    """The bytes to download for a CSV file of the package, every cell safe.

    Bytes that are not UTF-8 travel through unchanged (surrogateescape), so a
    broken file still downloads as it is for someone to mend.
    """
    data = path.read_bytes()
    text = data.decode("utf-8", errors="surrogateescape")
    safe = safe_csv_text(text)
    return data if safe == text else safe.encode("utf-8", errors="surrogateescape")
