"""Sources page: the feed, its mentions, the fact-checks and the data's own tables."""

from __future__ import annotations

import pandas as pd

from jkdefense.analysis import evidence, feed_counts, filters, shaping
from jkdefense.analysis.filters import ViewFilters
from jkdefense.data.vocabulary import DOMAIN_LABELS
from jkdefense.report import base
from jkdefense.report.base import PageView, Tables

# The id first: it tells apart articles that share a title, and names them as
# the sidebar, the sentence ids and the mentions chart do.
COLUMNS = {
    "source_id": "Article",
    "title": "Title",
    "author": "Author",
    "publisher": "Publisher",
    "date_published": "Published",
    "url": "Address",
    "sentence_count": "Sentences",
    "mention_count": "Entity mentions",
    "curated_rows": "Curated rows citing it",
}


CLAIM_COLUMNS = {
    "claim_summary": "Claim",
    "verdict_type": "Verdict",
    "correction_note": "What is right",
    "correct_name": "Right name",
    "changed_date": "Changed on",
    "evidence_quote": "Article says",
    "reference_url": "Reference",
    "reference_tier": "Tier",
}


QUEUE_COLUMNS = {
    "entity_count": "Entities",
    "sentence_id": "Sentence",
    "entities": "Known entities named",
    "text": "Text",
}


CHANGE_COLUMNS = {
    "table": "Table",
    "change": "Change",
    "key": "Row key",
    "columns": "Columns changed",
}


DICTIONARY_COLUMNS = {
    "table": "Table",
    "field": "Field",
    "type": "Type",
    "required": "Required",
    "key": "Key",
    "allowed_values": "Allowed values",
    "description": "Description",
}


RUBRIC_COLUMNS = {
    "table_name": "Table",
    "criterion_name": "Judgment",
    "level": "Level",
    "level_name": "Name",
    "meaning": "What puts a row at this level",
    "example": "Example",
}


TIER_COLUMNS = {"tier": "Tier", "name": "Name", "meaning": "What counts"}


DO_NOT_CITE_COLUMNS = {
    "url_pattern": "Address pattern",
    "category": "Why it is never cited",
}


DISPUTED_NAME_COLUMNS = {"names": "Names", "note": "How to write them"}


def feed_summary(t: Tables, view: ViewFilters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The articles in view with their counts, and mentions of the top entities.

    On a long feed this reads hundreds of thousands of article-entity counts.
    """
    every = len(set(view.source_ids)) == len(t["sources"])
    feed = (
        t["sources"]
        if every
        else filters.with_values(t["sources"], "source_id", list(view.source_ids))
    )
    feed = feed_counts.feed_with_counts(feed, t["article_counts"])
    citing = evidence.citing_rows(t)
    feed = feed.assign(curated_rows=feed["source_id"].map(lambda s: citing.get(s, 0)))
    counts = t["entity_mentions"]
    if not every:
        counts = filters.mentions_in_view(counts, view)
    return feed, feed_counts.label_mentions(feed_counts.mention_counts(counts, feed), t)


def build(t: Tables, view: ViewFilters, labels: dict) -> PageView:
    """Mentions per entity and the verdicts of the fact-checks."""
    page = base.PageView("Sources", label_column="claim_summary")
    feed, labelled = feed_summary(t, view)
    page.takeaway = takeaway(feed, labelled)
    page.related["feed"] = feed
    page.related["not_yet_curated"] = feed[feed["curated_rows"] == 0]
    if not labelled.empty:
        page.charts.append(
            base.chart(
                "sources_mentions",
                "count_bars.mention_chart",
                labelled,
                mention_title(labelled),
                labels,
            )
        )
    if "claims" in t:
        page.rows = filters.select(t["claims"], view, domain_column=None)
        if not page.rows.empty:
            page.charts.append(
                base.chart(
                    "sources_verdicts",
                    "count_bars.verdict_chart",
                    page.rows,
                    verdict_title(page.rows),
                    labels,
                )
            )
    coverage = coverage_in_view(t, view)
    if not coverage.empty:
        page.charts.append(
            base.chart(
                "sources_coverage",
                "count_bars.coverage_chart",
                coverage,
                coverage_title(coverage),
                labels,
            )
        )
    return page


def coverage_in_view(t: Tables, view: ViewFilters) -> pd.DataFrame:
    """Curated rows per domain in view, per table: how evenly the data covers them.

    Each table's own rows of the domains in view that the focus keeps; the
    programs and pairings a page adds because they answer a threat of another
    domain count under their own domain, out of this view.
    """
    focus_masks = {
        "threats": filters.threat_focus,
        "programs": filters.program_focus,
    }
    frames = {}
    for label, name in (
        ("Threats", "threats"),
        ("Programs", "programs"),
        ("Pairings", "company_pairings"),
    ):
        if name not in t:
            continue
        table = t[name]
        focus = focus_masks[name](table, view.focus) if name in focus_masks else None
        frames[label] = filters.select(table, view, focus_mask=focus)
    frames = {label: frame for label, frame in frames.items() if not frame.empty}
    return shaping.domain_coverage(frames) if frames else pd.DataFrame()


def takeaway(feed: pd.DataFrame, labelled: pd.DataFrame) -> str:
    """Size of the feed in view and its most mentioned entity.

    ``feed`` carries sentence and mention counts per article; ``labelled`` the
    mention counts per article and entity, with entity_name.
    """
    text = (
        f"{base.counted(len(feed), 'article')}, "
        f"{base.counted(int(feed['sentence_count'].sum()), 'sentence')}, "
        f"{base.counted(int(feed['mention_count'].sum()), 'entity mention')}"
    )
    if not labelled.empty:
        top = labelled.groupby("entity_name")["mention_count"].sum()
        top = top.sort_values(ascending=False, kind="stable")
        text += f"; most mentioned: {top.index[0]} ({int(top.iloc[0]):,})"
    uncited = int((feed["curated_rows"] == 0).sum())
    return f"{text}. {curation_status(uncited, len(feed))}"


def curation_status(uncited: int, articles: int) -> str:
    """How many articles in view no curated row cites yet, as a sentence."""
    if not articles:
        return ""
    if not uncited:
        every = "The article is" if articles == 1 else f"All {articles:,} articles are"
        return f"{every} cited by curated rows."
    one = uncited == 1
    verb, them, their = ("is", "it", "its") if one else ("are", "them", "their")
    return (
        f"{uncited:,} of {articles:,} articles {verb} not yet curated: no curated "
        f"row cites {them}; Curate proposes rows from {their} sentences."
    )


def mention_title(counts: pd.DataFrame) -> str:
    """Most mentioned entity."""
    totals = counts.groupby("entity_name")["mention_count"].sum()
    return f"{totals.idxmax()} is named most often ({int(totals.max())} mentions)"


def verdict_title(claims: pd.DataFrame) -> str:
    """How many checked claims need a correction."""
    corrected = int((claims["verdict_type"] != "supported").sum())
    return f"{corrected} of {len(claims)} checked claims need a caveat or correction"


def coverage_title(coverage: pd.DataFrame) -> str:
    """Which domain carries the most rows in view."""
    by_domain = coverage.groupby("domain_type")["row_count"].sum()
    return (
        f"{DOMAIN_LABELS[by_domain.idxmax()]} carries the most rows in view "
        f"({int(by_domain.max())} of {int(by_domain.sum())})"
    )
