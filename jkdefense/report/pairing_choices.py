"""The pairings page's choices: its companies, and its pairings under a view.

Read without drawing the page, so a link's settings can be checked and
written (jkdefense.report.links) as the page's selectors would offer them.
"""

from __future__ import annotations

from collections.abc import Sequence

from jkdefense.analysis import shaping
from jkdefense.analysis.filters import ViewFilters
from jkdefense.data import load
from jkdefense.report import pairings

# The tables the pairings in view are worked out from (pairings.pairings_in_view),
# and the feed whose articles they must cite.
PAIRINGS_READ = ("company_pairings", "companies", "programs", "sources")


def company_names(pkg: load.Package) -> list[str]:
    """The pairings page's company choices (names), in its order."""
    if pkg.missing("company_pairings", "companies"):
        return []
    options = shaping.company_options(
        pkg.tables["company_pairings"], pkg.tables["companies"]
    )
    return list(options.values())


def pairing_labels(
    pkg: load.Package, view: ViewFilters, companies: Sequence[str]
) -> list[str]:
    """The pairings page's pairing choices under ``view`` and chosen companies."""
    if pkg.missing(*PAIRINGS_READ):
        return []
    options = shaping.company_options(
        pkg.tables["company_pairings"], pkg.tables["companies"]
    )
    company_ids = shaping.ids_of(options, list(companies))
    # The rows alone: the page's charts are not needed to know its choices.
    rows = pairings.pairings_in_view(pkg.tables, view, company_ids)
    return list(rows["pairing_label"])
