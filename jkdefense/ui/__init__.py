"""Streamlit glue for the pages: cached loading, filters, charts, evidence, messages.

The only part of the package that imports streamlit. Text from the data is
always escaped before it reaches Markdown, and never rendered as HTML.

- state: the package, cached views, per-run memos, filters and settings
- frame: what every page shares (sidebar filters, problem banner, footer, meeting mode)
- parts: a page's finding, charts and their downloads, tables, evidence, briefings
- sources: the Sources page's sentence search, downloads, queue and changes
- text: escaping and Markdown for text from the data
"""

from jkdefense.ui.frame import (
    footer,
    meeting_frame,
    problem_banner,
    require,
    sidebar_filters,
)
from jkdefense.ui.parts import (
    briefing_buttons,
    evidence_panel,
    fact_check_warnings,
    nothing_to_show,
    pairing_detail,
    show_chart,
    show_page_top,
    static_table,
    table,
    takeaway,
)
from jkdefense.ui.sources import (
    changes_since,
    curation_queue,
    download_buttons,
    problems_table,
    sentence_search,
    source_rules,
)
from jkdefense.ui.state import (
    begin_frame,
    chart_labels,
    current_view,
    end_frame,
    package,
    page_view,
    per_data,
    program_weights,
    threat_actors,
)
from jkdefense.ui.text import escape_markdown

__all__ = [
    "begin_frame",
    "briefing_buttons",
    "changes_since",
    "source_rules",
    "chart_labels",
    "curation_queue",
    "current_view",
    "download_buttons",
    "end_frame",
    "escape_markdown",
    "evidence_panel",
    "fact_check_warnings",
    "footer",
    "meeting_frame",
    "nothing_to_show",
    "package",
    "page_view",
    "pairing_detail",
    "per_data",
    "problem_banner",
    "problems_table",
    "program_weights",
    "require",
    "sentence_search",
    "show_chart",
    "show_page_top",
    "sidebar_filters",
    "static_table",
    "table",
    "takeaway",
    "threat_actors",
]
