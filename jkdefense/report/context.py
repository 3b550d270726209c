"""The context every chart and slide states: filters, sources, version; all pages.

Pure (no Streamlit), so the pages, the briefings and the tests share one wording.
"""

from __future__ import annotations

from typing import Any

from jkdefense.analysis import evidence, filters
from jkdefense.analysis.filters import ViewFilters
from jkdefense.data import load
from jkdefense.report import base, registry
from jkdefense.report.base import PageView
from jkdefense.report.page_data import page_tables, sources_table

# A chart's source line names this many articles and counts the rest.
CITED_BY_NAME = 3


def data_version(pkg: load.Package) -> str:
    """Return the data version named in the descriptor."""
    return str(pkg.descriptor.get("version", "unknown"))


def sources_in_view(pkg: load.Package, source_ids: tuple[str, ...]) -> tuple | None:
    """``source_ids``, or None when they are the whole feed (nothing to filter)."""
    return None if len(set(source_ids)) == len(pkg.source_ids) else tuple(source_ids)


def sources_matching(pkg: load.Package, query: str, limit: int) -> list[str]:
    """The first ``limit`` articles whose id or title holds ``query`` (any case)."""
    sources = sources_table(pkg)
    wanted = query.strip().lower()
    if wanted:
        found = sources["source_id"].str.lower().str.contains(wanted, regex=False)
        found |= (
            sources["title"].fillna("").str.lower().str.contains(wanted, regex=False)
        )
        sources = sources[found]
    return list(sources["source_id"].head(limit))


# The curated tables of dated events: the latest in view is the data's date.
DATED_EVENTS = {"incidents": "incident_date", "developments": "development_date"}


def currency(
    pkg: load.Package, source_ids: tuple[str, ...], period: tuple[int, int] | None
) -> tuple[str, int]:
    """How current the view is: its latest dated row, and its articles no row cites.

    A dated row is in view when it cites an article in view and falls in the
    period. An article no curated row cites yet (sources.csv aside, which lists
    every article) is in the feed but not yet in the pages' knowledge.
    """
    latest = []
    for name, column in DATED_EVENTS.items():
        table = pkg.tables.get(name)
        if table is None or table.empty:
            continue
        rows = table[filters.cites_any_source(table, source_ids)]
        dates = rows.loc[filters.in_period(rows[column], period), column].dropna()
        if not dates.empty:
            latest.append(dates.max())
    data_to = f"{max(latest):%Y-%m-%d}" if latest else ""
    return data_to, len(evidence.uncited(pkg.tables, source_ids))


DASHBOARD_NAME = "Japan–South Korea defense cooperation dashboard"


def cite_view(
    version: str, filters_text: str, link: str, on: str, title: str = ""
) -> str:
    """How to cite a view (or a chart of it): name, data version, date, link."""
    what = f"“{title}”, " if title else ""
    where = f" {link}" if link else ""
    return (
        f"{what}{DASHBOARD_NAME}, data v{version}, viewed {on} "
        f"({filters_text.removeprefix('Filters: ')}).{where}"
    )


def describe_view(pkg: load.Package, view: ViewFilters) -> str:
    """Name the active filters, counting the articles in the feed."""
    return view.describe(pkg.source_ids)


def source_line(pkg: load.Package, view: ViewFilters) -> str:
    """Return the source line for charts: the selected articles and the data version.

    A chart names up to ``CITED_BY_NAME`` articles; beyond that it counts them, so
    the line stays one line however long the feed (Sources lists them all).
    """
    sources = sources_table(pkg)
    if sources_in_view(pkg, view.source_ids) is None:
        chosen = sources
    else:
        chosen = sources[filters.among(sources["source_id"], view.source_ids)]
    named = chosen.head(CITED_BY_NAME)
    cited = [evidence.short_citation(row) for _, row in named.iterrows()]
    if len(chosen) > len(named):
        cited.append(f"and {len(chosen) - len(named):,} more articles (see Sources)")
    return format_source_line(cited, data_version(pkg))


def articles_in_brief(pkg: load.Package, view: ViewFilters) -> str:
    """The articles in view in a few words, for the caption under a chart.

    The first article's author (or publisher) and date, and how many more: the
    caption stays one short line; the full citation is in the image's metadata,
    the chart's description and the slide's notes.
    """
    sources = sources_table(pkg)
    if sources_in_view(pkg, view.source_ids) is not None:
        sources = sources[filters.among(sources["source_id"], view.source_ids)]
    if sources.empty:
        return "no article selected"
    first = sources.iloc[0]
    who = first["author"] if len(first["author"]) <= 30 else first["publisher"]
    text = f"{who}, {first['publisher']}, {first['date_published']}"
    if first["publisher"] in who:
        text = f"{who}, {first['date_published']}"
    more = len(sources) - 1
    if more:
        text += f", and {base.counted(more, 'more article')}"
    return text


def format_source_line(citations: list[str], data_version: str) -> str:
    """The line that names the articles and the data version under a chart."""
    cited = "; ".join(citations) if citations else "no article selected"
    return f"Source: {cited}. Data v{data_version}."


def chart_labels(pkg: load.Package, view: ViewFilters) -> dict[str, Any]:
    """Return the subtitle (active filters) and source line every chart carries.

    ``articles_brief`` and ``data_version`` make the short source line a caption
    under a chart carries (base.chart_texts); ``outside`` names, per table, the
    source of values that come from outside the feed (x-outside-source), for
    the charts that plot them.
    """
    return {
        "subtitle": describe_view(pkg, view),
        "source": source_line(pkg, view),
        "outside": outside_sources(pkg.descriptor),
        "articles_brief": articles_in_brief(pkg, view),
        "data_version": data_version(pkg),
    }


def change_log(pkg: load.Package) -> str:
    """The data package's change log (x-changelog), or '' when it has none."""
    name = pkg.descriptor.get("x-changelog")
    if not name:
        return ""
    try:
        return (pkg.data_dir / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def outside_sources(descriptor: dict) -> dict[str, str]:
    """Table -> where its values come from, for tables built on outside data."""
    return {
        r["name"]: r["x-outside-source"]
        for r in descriptor.get("resources", [])
        if r.get("x-outside-source")
    }


def all_page_views(
    pkg: load.Package, view: ViewFilters, settings: dict, housekeeping: bool = True
) -> list[PageView]:
    """Every readable page's view under ``view`` and the pages' ``settings``.

    ``settings`` holds every setting a page of the registry declares, by its
    key (registry.PAGE_SETTINGS). ``housekeeping`` False leaves out the pages a
    whole-app briefing leaves out (registry: ``in_briefing``).
    """
    t, labels = page_tables(pkg), chart_labels(pkg, view)
    return [
        page.build(t, view, labels, settings)
        for page in registry.PAGES
        if not pkg.missing(*page.tables) and (housekeeping or page.in_briefing)
    ]
