"""Curate page: the rows the feed proposes, and the form an analyst edits them in.

The proposals come from the feed's sentences that no curated row cites
(jkdefense.pipeline.propose); this module shapes them for review: which are in
view, the page's finding, and each target table's fields as a form describes
them (the schema's choices, the rubric beside every judged field).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jkdefense.analysis import filters
from jkdefense.analysis.filters import ViewFilters
from jkdefense.data import schema
from jkdefense.report import base
from jkdefense.report.base import PageView, Tables

COLUMNS = {
    "table": "Table",
    "subject": "Subject",
    "date": "Date",
    "date_source": "Date from",
    "why": "Why proposed",
    "evidence_sentence_ids": "Sentence",
}

# Fields the accepted row takes from its proposal and its article, never typed:
# the evidence trail a test checks against the article text.
EVIDENCE_FIELDS = frozenset(
    {
        "evidence_sentence_ids",
        "evidence_quote",
        "reference_url",
        "reference_status",
        "reference_tier",
    }
)
# Text fields long enough to want a box of several lines.
LONG_TEXT_ENDINGS = ("_description", "_summary", "_note", "_rationale", "_argument")


@dataclass(frozen=True)
class FormField:
    """One field of a curated table as the edit form shows it."""

    name: str
    help: str
    kind: str  # choice, integer, number, date, long_text or text
    choices: tuple[str, ...] = ()
    # The choice's meaning, from the schema's x-enum-definitions.
    meanings: tuple[tuple[str, str], ...] = ()
    required: bool = False
    # The rubric of a judged field: (level, level name, what puts a row there).
    rubric: tuple[tuple[str, str, str], ...] = ()


# At most this many articles are proposed from at once: proposing reads each
# sentence of them (about 1.6 s for 20 articles and 6 s for 100 on this
# machine, benchmarks/RESULTS.md), and a page should open in seconds.
MOST_ARTICLES = 20


def articles_to_propose_from(
    sources: pd.DataFrame, source_ids: tuple[str, ...], most: int = MOST_ARTICLES
) -> tuple[str, ...]:
    """The articles in view, or the ``most`` most recent of them when more."""
    if len(source_ids) <= most:
        return source_ids
    chosen = sources[filters.among(sources["source_id"], source_ids)]
    newest = chosen.sort_values("date_published", ascending=False, kind="stable")
    return tuple(newest["source_id"].head(most))


def source_of(sentence_ids: str) -> str:
    """The article a proposal's first evidence sentence belongs to."""
    return sentence_ids.split(";", 1)[0].split(":", 1)[0]


def in_view(proposals: pd.DataFrame, view: ViewFilters) -> pd.DataFrame:
    """The proposals drawn from the articles in view, in their rank order."""
    if proposals.empty:
        return proposals
    sources = proposals["evidence_sentence_ids"].map(source_of)
    return proposals[filters.among(sources, view.source_ids)].reset_index(drop=True)


def build(t: Tables, view: ViewFilters, labels: dict) -> PageView:
    """The proposals in view, best first, with how many wait and from where."""
    page = base.PageView("Curate", label_column="subject")
    proposals = t.get("proposals")
    if proposals is None or proposals.empty:
        page.empty = "proposals"
        page.takeaway = "Every sentence of the feed is cited or was reviewed."
        return page
    page.rows = in_view(proposals, view)
    if page.rows.empty:
        page.empty = "proposals"
    page.takeaway = takeaway(page.rows)
    return page


def takeaway(rows: pd.DataFrame) -> str:
    """How many proposals wait, from how many articles, by table."""
    if rows.empty:
        return "No proposal waits for review in the articles in view."
    articles = rows["evidence_sentence_ids"].map(source_of).nunique()
    per_table = rows["table"].value_counts()
    tables = ", ".join(f"{count} {table}" for table, count in per_table.items())
    return (
        f"{base.counted(len(rows), 'proposed row')} from "
        f"{base.counted(articles, 'article')} "
        f"{base.singular(len(rows), 'waits', 'wait')} for review "
        f"({tables})."
    )


def _kind(field: schema.Field, choices: tuple[str, ...]) -> str:
    if choices:
        return "choice"
    kind = field.get("type", "string")
    if kind in ("integer", "number", "date"):
        return kind
    if field["name"].endswith(LONG_TEXT_ENDINGS) or field["name"] == "evidence_quote":
        return "long_text"
    return "text"


def form_fields(
    descriptor: schema.Descriptor, rubrics: pd.DataFrame | None, table: str
) -> list[FormField]:
    """The fields of ``table`` an analyst may edit, as the form shows them.

    Choices come from the schema's enum; a field that rubrics.csv judges
    carries its levels, so the form shows the rubric beside the score.
    """
    resource = schema.resources(descriptor).get(table)
    if resource is None:
        return []
    fields = []
    for field in schema.fields(resource):
        if field["name"] in EVIDENCE_FIELDS:
            continue
        rules = schema.value_rules(field)
        choices = tuple(str(value) for value in rules.get("enum", []))
        meanings = field.get("x-enum-definitions", {})
        fields.append(
            FormField(
                name=field["name"],
                help=field.get("description", ""),
                kind=_kind(field, choices),
                choices=choices,
                meanings=tuple((c, meanings[c]) for c in choices if c in meanings),
                required=bool(field.get("constraints", {}).get("required")),
                rubric=rubric_of(rubrics, table, field["name"]),
            )
        )
    return fields


def rubric_of(
    rubrics: pd.DataFrame | None, table: str, field: str
) -> tuple[tuple[str, str, str], ...]:
    """The levels rubrics.csv gives a judged field, lowest first."""
    if rubrics is None or rubrics.empty:
        return ()
    rows = rubrics[(rubrics["table_name"] == table) & (rubrics["field_name"] == field)]
    return tuple(
        (str(level), str(name), str(meaning))
        for level, name, meaning in zip(
            rows["level"], rows["level_name"], rows["meaning"], strict=True
        )
    )


def changes(proposed: dict[str, str], edited: dict[str, str]) -> dict[str, str]:
    """The fields the analyst changed from the proposed row (as ``--set`` would)."""
    return {
        name: value
        for name, value in edited.items()
        if str(proposed.get(name, "")) != str(value)
    }
