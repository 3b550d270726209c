"""The URL parameters the app binds, by what they hold: view, settings, screen.

Each widget the app binds to the URL (``bind="query-params"``) has a parameter
here: the shared filters and the pages' settings, each its record's key
(jkdefense.report.setting_records; registry.Page.settings), and what a page
shows on screen. Links (jkdefense.report.links) read and write the first two;
a name bound nowhere is unknown. parameters_markdown() is the README's table
of them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from jkdefense.report import registry
from jkdefense.report.setting import KINDS, Setting
from jkdefense.report.setting_records import FILTERS, PROGRAM_WEIGHTS

# A link's parameters: each name with its values, in the link's order.
Params = dict[str, list[str]]

# What a view is made of: the shared filters, then the pages' settings.
VIEW_PARAMS = tuple(setting.key for setting in FILTERS)
SETTING_PARAMS = tuple(setting.key for setting in registry.PAGE_SETTINGS)
LINK_PARAMS = (*VIEW_PARAMS, *SETTING_PARAMS)
# The same in brief, for a one-line message: the weights as one name,
# programs_w_<criterion>.
WEIGHT_PARAMS = tuple(setting.key for setting in PROGRAM_WEIGHTS.values())
WEIGHTS_IN_BRIEF = os.path.commonprefix(WEIGHT_PARAMS) + "<criterion>"
LINK_PARAMS_IN_BRIEF = tuple(
    dict.fromkeys(
        WEIGHTS_IN_BRIEF if name in WEIGHT_PARAMS else name for name in LINK_PARAMS
    )
)
# Bound too, but to what a page shows on screen (meeting mode, the open tab,
# searches, the row an evidence panel shows), not to its view or its charts:
# read, ignored.
SCREEN_PARAMS = (
    "meeting",
    # The open tab of a page's charts or sections, as meeting mode moves them.
    *(page.tour[0] for page in registry.PAGES if page.tour and page.tour[0]),
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


def parameters_markdown() -> str:
    """The README's table of the link parameters of views and settings.

    Made from the records alone (tests/test_links_and_settings.py checks the
    README's copy), one line per parameter in the order links write them.
    """
    rows = [("every page (sidebar)", setting) for setting in FILTERS] + [
        (page.title, setting) for page in registry.PAGES for setting in page.settings
    ]
    lines = [
        "| parameter | page | widget | takes | default | what it does |",
        "|---|---|---|---|---|---|",
        *(_row(page, setting) for page, setting in rows),
    ]
    return "\n".join(lines) + "\n"


def _row(page: str, setting: Setting) -> str:
    cells = (
        f"`{setting.key}`",
        page,
        f"{setting.label}: {KINDS[setting.kind][1]}",
        setting.described_values(),
        setting.described_default(),
        setting.help or "",
    )
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"
