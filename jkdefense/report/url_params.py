"""The URL parameters the app binds, by what they hold: view, settings, screen.

Each widget the app binds to the URL (``bind="query-params"``) has a parameter
here: the sidebar's shared filters (jkdefense/ui/frame.py), the pages' settings
(pages/*.py) and what a page shows on screen. Links (jkdefense.report.links)
read and write the first two; a name bound nowhere is unknown.
"""

from __future__ import annotations

from collections.abc import Iterable

from jkdefense.analysis import scoring

# A link's parameters: each name with its values, in the link's order.
Params = dict[str, list[str]]

# The programs page's weight sliders: range and default (pages/programs.py).
WEIGHT_RANGE = (0.0, 5.0)
WEIGHT_DEFAULT = 1.0
WEIGHT_PARAMS = {f"programs_w_{c}": c for c in scoring.PROGRAM_CRITERIA}

# What a view is made of: the shared filters, then the pages' settings.
VIEW_PARAMS = ("domain", "focus", "period", "source")
SETTING_PARAMS = (
    "threats_actor",
    *WEIGHT_PARAMS,
    "programs_set",
    "pairings_company",
    "pairings_pair",
)
# Bound too, but to what a page shows on screen (meeting mode, the open tab,
# searches, the row an evidence panel shows), not to its view or its charts:
# read, ignored.
SCREEN_PARAMS = (
    "meeting",
    "threats_chart",
    "programs_chart",
    "pairings_chart",
    "pathway_section",
    "sources_tab",
    "source_find",
    "sources_query",
    "sources_revision",
    "overview_evidence",
    "threats_evidence",
    "programs_evidence",
    "pairings_evidence",
    "pathway_evidence",
    "pathway_driver_evidence",
    "pathway_dev_evidence",
    "pathway_prec_evidence",
    "sources_evidence",
)
# Streamlit's own parameters (any case): how an embedded app looks.
STREAMLIT_PARAMS = ("embed", "embed_options")
KNOWN_PARAMS = frozenset((*VIEW_PARAMS, *SETTING_PARAMS, *SCREEN_PARAMS))


def unknown_params(params: Iterable[str]) -> list[str]:
    """Those parameter names no widget of the app binds, in order."""
    return [
        name
        for name in params
        if name not in KNOWN_PARAMS and name.lower() not in STREAMLIT_PARAMS
    ]
