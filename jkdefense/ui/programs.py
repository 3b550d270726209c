"""What the Joint programs page shows under its finding: its charts and systems."""

from __future__ import annotations

import pandas as pd

from jkdefense.data import load
from jkdefense.report import programs
from jkdefense.report.base import PageView
from jkdefense.ui.page_charts import chart_tabs
from jkdefense.ui.parts import table


def program_charts(pkg: load.Package, page: PageView) -> None:
    """Ranking, rank stability and scores, one to a tab."""
    chart_tabs(pkg, page, "programs")


def programs_table(rows: pd.DataFrame) -> None:
    """The programs in view, Korean and Japanese systems side by side."""
    table(rows, programs.COLUMNS, key="programs_table")
