"""CSV downloads: every one of them safe to open in a spreadsheet.

Sentences and metadata come from documents; a cell that begins with ``=``,
``+``, ``-`` or ``@`` runs as a formula when the CSV is opened in a
spreadsheet (jkdefense.data.spreadsheet). Every CSV the app offers is made by
``csv_download``, which marks such cells as text; a test finds every CSV
download of every page and tab and holds it to that.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from jkdefense.data import spreadsheet
from jkdefense.render import export

CSV_MIME = "text/csv"


def csv_download(
    label: str, rows: Callable[[], pd.DataFrame | Path], file_name: str, key: str
) -> None:
    """A CSV download, made on click, in which no cell runs as a formula.

    ``rows`` gives a frame, or a CSV file of the package (which stays as it
    is on disk).
    """

    def safe() -> str | bytes:
        made = rows()
        if isinstance(made, Path):
            return spreadsheet.safe_csv_file(made)
        return spreadsheet.safe_csv(made)

    st.download_button(
        label,
        data=safe,
        file_name=file_name,
        mime=CSV_MIME,
        on_click="ignore",
        key=key,
    )


def table_download(frame: pd.DataFrame, key: str) -> None:
    """The CSV download under the grid ``key``: the columns it shows.

    The grid's own export is off (client.disableDataExport): it writes cells
    as they are, formulas included.
    """
    csv_download(
        "Download this table (CSV)",
        lambda: frame,
        export.file_name(key.replace("_", " "), "csv"),
        key=f"{key}_download",
    )
