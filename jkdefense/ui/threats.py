"""What the Threats page shows under its finding: its charts, threats and incidents."""

from __future__ import annotations

import pandas as pd

from jkdefense.analysis import filters
from jkdefense.data import load
from jkdefense.report import threats
from jkdefense.report.base import PageView
from jkdefense.ui.page_charts import chart_tabs
from jkdefense.ui.parts import table


def threat_charts(pkg: load.Package, page: PageView, view: filters.ViewFilters) -> None:
    """Severity matrix, scrambles, incidents and map, one to a tab.

    Scramble counts are air-domain data: without air in view, their tab says so.
    """
    chart_tabs(
        pkg,
        page,
        "threats",
        absent={}
        if "air" in view.domains
        else {"threats_scrambles": threats.SCRAMBLES_NEED_AIR},
    )


def threats_table(rows: pd.DataFrame) -> None:
    """The threats in view, one row per actor and threat."""
    table(rows, threats.COLUMNS, key="threats_table")


def incidents_table(incidents: pd.DataFrame) -> None:
    """The incidents in view, one row per government's account where they differ."""
    table(incidents, threats.INCIDENT_COLUMNS, key="threats_incidents")
