"""Streamlit glue for the pages: cached loading, filters, charts, evidence, messages.

The only part of the package that imports streamlit. Text from the data is
always escaped before it reaches Markdown, and never rendered as HTML.

- state: the package, cached views, per-run memos, filters and settings
- frame: what every page shares (sidebar filters, problem banner, footer, meeting mode)
- broken: what a page says instead when a table it needs cannot be used
- parts: a page's filters and finding, prose, tables and caveats
- row_evidence: the evidence panel, the sentences a chosen row rests on
- share: a view's link, its citation and its briefing decks
- page_charts: a page's charts, their downloads, and the tabs that hold them
- overview: the Overview's standing table and latest developments
- sources: the Sources page's sentence search, downloads, queue and changes
- curate: the Curate page's workbench: proposals in context, accept, edit, reject
- downloads: CSV downloads, every cell safe to open in a spreadsheet
- text: escaping and Markdown for text from the data
- pages_mode: the one workaround the pages/ folder needs in Streamlit

Names are imported on first use: app.py leaves Streamlit's legacy pages mode
(jkdefense.ui.pages_mode) before the heavy modules load.
"""

from __future__ import annotations

import importlib
from typing import Any

# name -> the submodule that defines it
_EXPORTS = {
    "begin_frame": "state",
    "briefing_buttons": "share",
    "build_curate": "curate",
    "cannot_use": "broken",
    "changes_since": "sources",
    "chart_labels": "state",
    "chart_tabs": "page_charts",
    "curation_queue": "sources",
    "current_view": "state",
    "decide": "curate",
    "edit_proposal": "curate",
    "download_buttons": "sources",
    "end_frame": "state",
    "escape_markdown": "text",
    "evidence_panel": "row_evidence",
    "fact_check_warnings": "parts",
    "fields_to_fill": "curate",
    "footer": "frame",
    "last_outcome": "curate",
    "latest_developments": "overview",
    "meeting_frame": "frame",
    "navigation_pages": "frame",
    "not_yet_curated": "sources",
    "nothing_to_show": "parts",
    "open_tab_only": "page_charts",
    "package": "state",
    "page_tables": "state",
    "page_view": "state",
    "pairing_detail": "parts",
    "per_data": "state",
    "pick_proposal": "curate",
    "problem_banner": "frame",
    "problems_table": "sources",
    "program_set": "state",
    "prose": "parts",
    "program_weights": "state",
    "proposal_in_context": "curate",
    "proposed_values": "curate",
    "require": "broken",
    "require_whole_package": "curate",
    "sentence_search": "sources",
    "show_chart": "page_charts",
    "show_page_top": "parts",
    "sidebar_filters": "frame",
    "source_rules": "sources",
    "standing_table": "overview",
    "static_table": "parts",
    "table": "parts",
    "tables_with_map": "state",
    "takeaway": "parts",
    "threat_actors": "state",
    "unless_broken": "broken",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import a name's submodule the first time the name is asked for."""
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
