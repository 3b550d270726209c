"""What the Company pairings page shows under its finding: its charts and pairings."""

from __future__ import annotations

import pandas as pd

from jkdefense.data import load
from jkdefense.report import pairings
from jkdefense.report.base import PageView
from jkdefense.report.setting_records import PAIRINGS_PAIR
from jkdefense.ui.page_charts import chart_tabs, show_chart
from jkdefense.ui.parts import pairing_detail, table
from jkdefense.ui.settings import widget_value


def pairing_charts(pkg: load.Package, page: PageView) -> None:
    """Score matrix and bridge network one to a tab, then the chosen pairing's.

    The chosen pairing (its setting, PAIRINGS_PAIR) in words and its score's parts,
    the chart the registry's view holds for it.
    """
    charts = {chart.key: chart for chart in page.charts}

    def in_detail() -> None:
        chosen = widget_value(PAIRINGS_PAIR, pkg)
        pairing_detail(pairings.chosen_pairing(page.rows, chosen).iloc[0])
        show_chart(charts["pairings_parts"])

    chart_tabs(pkg, page, "pairings", extra={pairings.DETAIL_TAB: in_detail})


def pairings_table(rows: pd.DataFrame) -> None:
    """The pairings in view, with the programs and suppliers that justify them."""
    table(rows, pairings.COLUMNS, key="pairings_table")
