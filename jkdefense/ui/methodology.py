"""What the Methodology page shows as tables: domains, rubrics, tiers, wording."""

from __future__ import annotations

import pandas as pd

from jkdefense.report import methodology
from jkdefense.ui.parts import static_table, table


def domains_table(domains: pd.DataFrame) -> None:
    """The domain choices and what each covers, whole."""
    static_table(domains, methodology.DOMAIN_COLUMNS, "Domain choices")


def rubrics_table(rubrics: pd.DataFrame) -> None:
    """What each level of each analyst score means."""
    table(rubrics, methodology.RUBRIC_COLUMNS, key="method_rubrics")


def tiers_table(tiers: pd.DataFrame) -> None:
    """The source tiers and what counts in each, whole."""
    static_table(tiers, methodology.TIER_COLUMNS, "Source tiers")


def wording_table(wording: pd.DataFrame) -> None:
    """The wordings refused for disputed places, and what to write instead."""
    static_table(wording, methodology.WORDING_COLUMNS, "Refused wording")
