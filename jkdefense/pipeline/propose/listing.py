"""The open proposals of a data folder: one per row the feed's sentences suggest.

A proposal is open while no curated row cites its sentence and the analyst
has not rejected it. Its id rests on what it proposes, not on numbering: the
table, the article and the sentence's text (and, for a new entity, its name),
so it survives a re-derive that renumbers sentences.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from jkdefense.data import load, schema
from jkdefense.data.consistency import ARTICLE_MONTH
from jkdefense.pipeline.propose import fields, find, inputs, rank
from jkdefense.pipeline.propose.subjects import Subjects

PROPOSAL_COLUMNS = (
    "proposal_id",
    "table",
    "subject",
    "date",
    "date_source",
    "evidence_sentence_ids",
    "evidence_quote",
    "evidence_type",
    "why",
    "rank",
    "date_precision",
    "source_id",
    "row_id",
    "open_fields",  # required fields left for the analyst (';'-separated)
)
# The order proposals of one sentence are listed in.
TABLE_ORDER = ("incidents", "developments", "programs", "threats")
THREAT_ACTOR = "threat_actor"


class Refused(ValueError):
    """A proposal cannot be accepted or rejected; ``problems`` say why, a line each."""

    def __init__(self, problems: list[str] | str) -> None:
        """``problems``: one line each, naming file, row and field where there are."""
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("; ".join(self.problems) or "refused")


@dataclass
class Proposal:
    """A proposed row of a curated table, with where it came from and why."""

    proposal_id: str
    table: str
    subject: str
    row: dict[str, str]  # every column of the table, in its order
    why: str
    score: float
    source_id: str
    position: tuple[int, int]  # article order, sentence number
    dated: find.Dated
    open_fields: tuple[str, ...]


def proposal_id(table: str, source_id: str, text: str, key: str = "") -> str:
    """``p-`` and 10 hex digits of what the proposal rests on."""
    normalised = " ".join(text.split()).casefold()
    material = "\x1f".join([table, source_id, normalised, key.casefold()])
    return "p-" + hashlib.sha256(material.encode("utf-8")).hexdigest()[:10]


@dataclass
class Context:
    """What every sentence's proposals are checked against, read once."""

    subjects: Subjects
    keys: dict[str, str]  # table -> its key column
    taken: dict[str, set[str]]  # table -> keys its rows (and proposals) hold
    columns: dict[str, list[str]]
    required: dict[str, list[str]]
    countries: fields.Countries
    first_article: str  # the article the dashboard began with
    known_names: set[str]  # casefolded
    order: dict[str, int]  # source_id -> its place in sources.csv


def context_of(feed: inputs.Feed) -> Context:
    """The context of a feed's proposals."""
    countries = feed.tables["countries"].to_dict("records")
    resources = {t: feed.resource(t) for t in TABLE_ORDER}
    sources = list(feed.tables["sources"]["source_id"])
    return Context(
        subjects=Subjects(feed.tables),
        keys={t: schema.primary_key(r)[0] for t, r in resources.items()},
        taken={
            t: set(feed.tables[t][schema.primary_key(r)[0]])
            for t, r in resources.items()
        },
        columns={t: schema.field_names(r) for t, r in resources.items()},
        required={t: _required(r) for t, r in resources.items()},
        countries=fields.Countries(
            names={c["country_code"]: c["country_name"] for c in countries},
            actors={
                c["country_code"]: c["country_name"]
                for c in countries
                if c["country_role_type"] == THREAT_ACTOR
            },
        ),
        first_article=sources[0] if sources else "",
        known_names={n.casefold() for n in inputs.names.known_names(feed.data_dir)},
        order={s: i for i, s in enumerate(sources)},
    )


def _required(resource: dict) -> list[str]:
    return [
        f["name"]
        for f in schema.fields(resource)
        if f.get("constraints", {}).get("required")
    ]


def _drafts(reading: find.Reading, context: Context) -> list[fields.Draft]:
    """Every row the sentence suggests, one per table (one per new body)."""
    taken = context.taken
    drafts = [
        fields.incident(
            reading, context.countries, taken["incidents"], context.first_article
        ),
        fields.development(reading, context.subjects, taken["developments"]),
        *[fields.program(reading, n, taken["programs"]) for n in reading.entities],
        fields.threat(reading, context.countries.actors, taken["threats"]),
    ]
    return [d for d in drafts if d is not None and _is_after_article(d)]


def _is_after_article(draft: fields.Draft) -> bool:
    """A development is a change since the first article (developments.csv)."""
    date = draft.row.get("development_date", "")
    return not date or date[:7] > ARTICLE_MONTH


def _proposal(
    draft: fields.Draft,
    reading: find.Reading,
    sentence_no: int,
    feed: inputs.Feed,
    context: Context,
) -> Proposal | None:
    """The draft as a proposal, unless the analyst rejected it."""
    identifier = proposal_id(draft.table, reading.source_id, reading.text, draft.key)
    if identifier in feed.rejected:
        return None
    evidence = fields.evidence(reading, feed.sources[reading.source_id])
    row = fields.full_row(draft, context.columns[draft.table], evidence)
    context.taken[draft.table].add(row[context.keys[draft.table]])
    score, why = rank.score_and_why(draft, reading)
    return Proposal(
        proposal_id=identifier,
        table=draft.table,
        subject=draft.subject,
        row=row,
        why=why,
        score=score,
        source_id=reading.source_id,
        position=(context.order[reading.source_id], sentence_no),
        dated=reading.dated,
        open_fields=tuple(f for f in context.required[draft.table] if not row[f]),
    )


def plan(feed: inputs.Feed) -> list[Proposal]:
    """Every open proposal of the feed, best first."""
    context = context_of(feed)
    found = []
    for sentence in feed.sentences.to_dict("records"):
        reading = find.read_sentence(feed, sentence, context.known_names)
        for draft in _drafts(reading, context):
            made = _proposal(
                draft, reading, int(sentence["sentence_no"]), feed, context
            )
            if made is not None:
                found.append(made)
    found.sort(key=lambda p: (-p.score, p.position, TABLE_ORDER.index(p.table)))
    return found


def frame(found: list[Proposal]) -> pd.DataFrame:
    """The proposals as a table of PROPOSAL_COLUMNS, ranked from 1."""
    rows = [
        {
            "proposal_id": p.proposal_id,
            "table": p.table,
            "subject": p.subject,
            "date": p.dated.iso if p.dated.precision == "day" else p.dated.iso[:7],
            "date_source": p.dated.source,
            "evidence_sentence_ids": p.row["evidence_sentence_ids"],
            "evidence_quote": p.row["evidence_quote"],
            "evidence_type": p.row["evidence_type"],
            "why": p.why,
            "rank": number,
            "date_precision": p.dated.precision,
            "source_id": p.source_id,
            "row_id": next(iter(p.row.values())),
            "open_fields": ";".join(p.open_fields),
        }
        for number, p in enumerate(found, start=1)
    ]
    return pd.DataFrame(rows, columns=list(PROPOSAL_COLUMNS))


def open_proposals(
    data_dir: Path, source_ids: tuple[str, ...] | None = None
) -> list[Proposal]:
    """Every open proposal (not cited, not rejected) of those articles, best first."""
    return plan(inputs.read_feed(data_dir, source_ids))


def proposals(
    data_dir: Path, source_ids: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """One row per open proposal (not cited, not rejected), best first."""
    return frame(open_proposals(data_dir, source_ids))


def find_open(
    data_dir: Path, identifier: str, source_ids: tuple[str, ...] | None = None
) -> Proposal:
    """The open proposal ``identifier``; Refused, in one line, when there is none.

    Proposed from the articles ``source_ids`` (None: the whole feed), as the
    list that showed it was: the same inputs give the same row, and a long
    feed is not read whole for one proposal.
    """
    try:
        feed = inputs.read_feed(data_dir, source_ids)
    except load.Unreadable as error:
        raise Refused(f"cannot read the data: {error}") from None
    for proposal in plan(feed):
        if proposal.proposal_id == identifier:
            return proposal
    if identifier in feed.rejected:
        raise Refused(f"{identifier} was rejected; it is not proposed again")
    raise Refused(
        f"no open proposal {identifier}: its sentence may be cited by a curated row "
        "now, or the feed changed (jkdefense propose lists the open ones)"
    )


def proposed_row(
    data_dir: Path, identifier: str, source_ids: tuple[str, ...] | None = None
) -> dict[str, str]:
    """The full row for the target table, in its column order, as accept writes it.

    ``source_ids``: the articles the proposal was listed from (find_open).
    """
    return dict(find_open(data_dir, identifier, source_ids).row)
