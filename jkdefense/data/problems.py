"""The one shape every data problem takes: file, row, field and a plain message."""

from __future__ import annotations

from dataclasses import dataclass

# Row numbers count like a spreadsheet: the header is row 1, the first record row 2.
HEADER_ROW = 1
FIRST_DATA_ROW = 2


@dataclass(frozen=True, order=True)
class Problem:
    """A data problem; ``row`` and ``field`` are None when the whole file is."""

    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.field:
            where += f", {self.field}"
        return f"{where}: {self.message}"


def data_row(index: int) -> int:
    """Return the spreadsheet row of the record at 0-based ``index``."""
    return index + FIRST_DATA_ROW
