"""Streamlit glue for the pages: cached loading, filters, charts, evidence, messages.

The only part of the package that imports streamlit. Text from the data is
always escaped before it reaches Markdown, and never rendered as HTML.

- state: the package, what it derives per data version, the shared filters
- memo, script_run: what is kept in memory; one script run through app.py, and
  what the server prepares before the first (serve.py)
- settings: the widgets of the shared filters and pages' settings, drawn from
  their records (report.setting_records), and their readers
- views: a page's view as the registry builds it, kept per filters and settings
- frame: what every page shares (title, sidebar filters, problem banner, footer,
  meeting mode)
- broken: what a page says instead when a table it needs cannot be used
- parts: a page's filters and finding, prose, tables and caveats
- row_evidence: the evidence panel, the sentences a chosen row rests on
- share: a view's link, its citation and its briefing decks
- page_charts: a page's charts, their downloads, and the tabs that hold them
- overview, threats, programs, pairings, pathway, methodology: what each page
  shows under its finding (its chart tabs, tables)
- sources, changes: the Sources page's search, queue, downloads, what changed
- curate, curate_form: the Curate page's workbench: proposals in context,
  accept, reject; the form that edits a proposal before accepting it
- downloads: CSV downloads, every cell safe to open in a spreadsheet
- text: escaping and Markdown for text from the data

Page scripts import this package alone (tests/test_page_scripts.py). Importing
it loads every module above; app.py leaves Streamlit's legacy pages mode first
(jkdefense.pages_mode), before that.
"""

from jkdefense.ui.broken import cannot_use, require, unless_broken
from jkdefense.ui.changes import change_log, changes_since
from jkdefense.ui.curate import (
    curate_view,
    decide,
    fields_to_fill,
    last_outcome,
    pick_proposal,
    proposal_in_context,
    proposed_values,
    require_whole_package,
)
from jkdefense.ui.curate_form import edit_proposal
from jkdefense.ui.frame import (
    app_config,
    footer,
    meeting_frame,
    navigation_pages,
    page_title,
    problem_banner,
    sidebar_filters,
)
from jkdefense.ui.methodology import (
    domains_table,
    rubrics_table,
    tiers_table,
    wording_table,
)
from jkdefense.ui.overview import latest_developments, standing_table
from jkdefense.ui.page_charts import open_tab_only, show_chart
from jkdefense.ui.pairings import pairing_charts, pairings_table
from jkdefense.ui.parts import (
    fact_check_warnings,
    nothing_to_show,
    prose,
    show_page_top,
    takeaway,
)
from jkdefense.ui.pathway import (
    developments_table,
    drivers_table,
    pathway_sections,
    precedents_table,
    route_table,
)
from jkdefense.ui.programs import program_charts, programs_table
from jkdefense.ui.row_evidence import evidence_panel
from jkdefense.ui.script_run import begin_frame, end_frame, prepare_first_run
from jkdefense.ui.settings import setting_widgets
from jkdefense.ui.share import briefing_buttons
from jkdefense.ui.sources import (
    claims_table,
    curation_queue,
    data_dictionary,
    download_buttons,
    feed_table,
    new_names,
    not_yet_curated,
    problems_table,
    sentence_search,
    source_rules,
)
from jkdefense.ui.state import chart_labels, current_view, package
from jkdefense.ui.text import escape_markdown
from jkdefense.ui.threats import incidents_table, threat_charts, threats_table
from jkdefense.ui.views import page_view

__all__ = [
    "app_config",
    "begin_frame",
    "briefing_buttons",
    "cannot_use",
    "change_log",
    "changes_since",
    "chart_labels",
    "claims_table",
    "curate_view",
    "curation_queue",
    "current_view",
    "data_dictionary",
    "decide",
    "developments_table",
    "domains_table",
    "download_buttons",
    "drivers_table",
    "edit_proposal",
    "end_frame",
    "escape_markdown",
    "evidence_panel",
    "fact_check_warnings",
    "feed_table",
    "fields_to_fill",
    "footer",
    "incidents_table",
    "last_outcome",
    "latest_developments",
    "meeting_frame",
    "navigation_pages",
    "new_names",
    "not_yet_curated",
    "nothing_to_show",
    "open_tab_only",
    "package",
    "page_title",
    "page_view",
    "pairing_charts",
    "pairings_table",
    "pathway_sections",
    "pick_proposal",
    "precedents_table",
    "prepare_first_run",
    "problem_banner",
    "problems_table",
    "program_charts",
    "programs_table",
    "proposal_in_context",
    "proposed_values",
    "prose",
    "require",
    "require_whole_package",
    "route_table",
    "rubrics_table",
    "sentence_search",
    "setting_widgets",
    "show_chart",
    "show_page_top",
    "sidebar_filters",
    "source_rules",
    "standing_table",
    "takeaway",
    "threat_charts",
    "threats_table",
    "tiers_table",
    "unless_broken",
    "wording_table",
]
