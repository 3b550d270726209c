"""What the Pathway page shows: its sections, one to a tab, and their tables."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from jkdefense.data import load
from jkdefense.report import pathway, registry
from jkdefense.ui.broken import unless_broken
from jkdefense.ui.page_charts import open_tab_only
from jkdefense.ui.parts import table


def pathway_sections(
    pkg: load.Package,
    route: Callable[[], None],
    why_now: Callable[[], None],
    since_the_article: Callable[[], None],
    precedents: Callable[[], None],
) -> None:
    """The page's sections one to a tab; only the open one runs.

    A section that reads a table beyond the page's (drivers, developments)
    names it instead when it cannot be used.
    """
    shown = (
        (route,),
        (why_now, "drivers"),
        (since_the_article, "developments"),
        (precedents,),
    )
    sections = dict(zip(pathway.SECTIONS, shown, strict=True))
    key, _ = registry.PAGE_BY_NAME["pathway"].tour or ("", ())
    open_tab_only(unless_broken(pkg, sections), key=key)


def route_table(rows: pd.DataFrame) -> None:
    """The steps of the route in view, from policy to joint operations."""
    table(rows, pathway.COLUMNS, key="pathway_table")


def drivers_table(drivers: pd.DataFrame) -> None:
    """The article's reasons and ideas, and what happened to each since."""
    table(drivers, pathway.DRIVER_COLUMNS, key="pathway_drivers")


def developments_table(now: pd.DataFrame) -> None:
    """Each proposal's state now, to the latest source."""
    table(now, pathway.DEVELOPMENT_COLUMNS, key="pathway_developments_now")


def precedents_table(rows: pd.DataFrame) -> None:
    """The cooperation precedents in view, their partners and lessons."""
    table(rows, pathway.PRECEDENT_COLUMNS, key="pathway_precedent_table")
