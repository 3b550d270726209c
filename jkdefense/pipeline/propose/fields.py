"""The row a proposal would add: every field of its table, from one sentence.

Facts come from the sentence (its date, the countries and names it uses, the
kind of event, the domain its words point to); the evidence columns cite it
and quote it verbatim; the reference is its article's, as sources.csv holds
it. Judgments (scores, trends, the makers of a system) are left empty for the
analyst, who sees the rubric beside each: the validator names what is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jkdefense.pipeline.propose.bodies import Name
from jkdefense.pipeline.propose.find import Reading
from jkdefense.pipeline.propose.subjects import Subject, Subjects, slug

SHORT_NAME_LENGTH = 26  # incidents.csv incident_short_name maxLength
# Events a country does to others, named by who did what.
DEEDS = frozenset({"confrontation", "incursion"})
# A threat's name: the words after the word of alarm, up to a break.
_AFTER_ALARM = re.compile(
    r"^\W*(?:(?:over|about|at|on|to|by|of|with)\s+)?([^,;:—–()]+)"
)


@dataclass
class Draft:
    """A proposed row before it is ranked and given its id."""

    table: str
    subject: str
    row: dict[str, str]
    key: str = ""  # what tells apart two proposals of one sentence and table
    names: tuple[Name, ...] = ()
    subject_found: str = ""  # how the subject was found: mentioned, by words


def evidence(reading: Reading, source: dict[str, str]) -> dict[str, str]:
    """The evidence and reference columns every proposed row ends with."""
    dated = reading.dated
    if dated.source == "sentence":
        note = (
            f"Proposed from the feed; the date is the sentence's ('{dated.written}')."
        )
    else:
        note = (
            "Proposed from the feed; the sentence gives no date, so the date is "
            "the article's: check when it happened."
        )
    tier = source.get("reference_tier", "")
    return {
        "evidence_sentence_ids": reading.sentence_id,
        "evidence_quote": reading.quote,
        "evidence_type": "stated",
        "curation_note": note,
        "reference_url": source.get("url", "") if tier else "",
        "reference_status": source.get("reference_status", "") if tier else "",
        "reference_tier": tier,
    }


def unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``-3`` … when a row already has it."""
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def short(name: Name | None, text: str) -> str:
    """A label of at most SHORT_NAME_LENGTH characters, cut between words."""
    if name is not None and name.acronym:
        text = text.replace(name.text, name.acronym)
    if len(text) <= SHORT_NAME_LENGTH:
        return text
    cut = text[: SHORT_NAME_LENGTH + 1].rsplit(" ", 1)[0]
    return cut[:SHORT_NAME_LENGTH].rstrip(" ,;:–-")


def aliases(name: Name | None) -> str:
    """The alias_names a new entity brings: its name, and its acronym."""
    if name is None or not name.is_proper():
        return ""
    if name.acronym:
        return f"{name.text.rsplit(' (', 1)[0]};{name.acronym}"
    return name.text


def development(reading: Reading, subjects: Subjects, taken: set[str]) -> Draft | None:
    """A dated change of state of a subject, from the sentence's action."""
    chosen = reading.action()
    if chosen is None:
        return None
    action, intention = chosen
    subject, found = _subject(reading, subjects)
    name = subjects.subject_name(subject) if subject else _first_name(reading)
    before, after = subjects.states(subject, reading.dated.iso, action, intention)
    iso = reading.dated.iso
    base = f"{iso}-{slug(subject.entity_id if subject else name or action.label, 4)}"
    row = {
        "development_id": unique(base, taken),
        "subject_name": name,
        "subject_table": subject.table if subject else "",
        "subject_id": subject.entity_id if subject else "",
        "domain_type": reading.domain or (subject.domain if subject else "") or "multi",
        "development_date": iso,
        "date_precision_type": reading.dated.precision,
        "state_before_type": before,
        "state_after_type": after,
        "change_summary": reading.quote,
        "incident_id": "",
    }
    label = name or f"{action.label}: {opening(reading.quote)}"
    return Draft("developments", label, row, subject_found=found)


def _subject(reading: Reading, subjects: Subjects) -> tuple[Subject | None, str]:
    mentioned = subjects.mentioned(reading.known)
    if mentioned is not None:
        return mentioned, "mentioned"
    matched = subjects.by_words(reading.text)
    return (matched, "by words") if matched is not None else (None, "")


def _first_name(reading: Reading) -> str:
    """The body or event a sentence introduces ('' when it names none)."""
    bodies = [n for n in reading.events + reading.entities if n.is_proper()]
    chosen = bodies or reading.entities
    return chosen[0].text if chosen else ""


def opening(text: str, most_words: int = 8) -> str:
    """The first words of a text, to label what has no name."""
    parts = text.split()
    return " ".join(parts[:most_words]) + (" …" if len(parts) > most_words else "")


@dataclass(frozen=True)
class Countries:
    """The countries of countries.csv: every name, and the threat actors'."""

    names: dict[str, str]  # code -> name
    actors: dict[str, str]  # threat actors: code -> name


def incident(
    reading: Reading, countries: Countries, taken: set[str], first_article: str
) -> Draft | None:
    """A dated event the sentence reports as having happened, or names."""
    if reading.event_type is None:
        return None
    if not (
        reading.event_happened or reading.dated.source == "sentence" or reading.events
    ):
        return None
    named = (
        reading.events or [n for n in reading.entities if n.is_proper()] or [None]
    )[0]
    title = _incident_title(reading, named, countries)
    iso = reading.dated.iso
    event_type = reading.event_type
    if named is not None and named in reading.events:  # "… Summit" says what it is
        event_type = _summit_or(named, event_type)
    row = {
        "incident_id": unique(
            f"{iso[:7]}-{slug(named.acronym or named.text if named else title, 4)}",
            taken,
        ),
        "incident_date": iso,
        "date_precision_type": reading.dated.precision,
        "incident_name": title,
        "incident_short_name": short(named, title),
        "incident_type": event_type,
        "domain_type": reading.domain or "multi",
        "actor_country_codes": ";".join(reading.countries),
        "incident_description": reading.quote,
        "is_mentioned_in_article": "true"
        if reading.source_id == first_article
        else "false",
        "alias_names": aliases(named),
    }
    return Draft("incidents", title, row, names=(named,) if named else ())


def _incident_title(reading: Reading, named: Name | None, countries: Countries) -> str:
    """The event's label: its place in a series, its name, or who met."""
    if reading.series_event:
        return reading.series_event[0].upper() + reading.series_event[1:]
    if named is not None and named in reading.events:
        return named.text
    if reading.event_type in DEEDS:  # who did what: "North Korea: launch of …"
        doer = next((c for c in reading.countries if c in countries.actors), None)
        who = countries.actors.get(doer or "", "")
        return f"{who}: {reading.event_words}" if who else reading.event_words
    chosen = reading.action()
    if named is not None:
        return f"{named.text} {chosen[0].label if chosen else reading.event_type}"
    who = "–".join(countries.names.get(c, c) for c in reading.countries[:3])
    return f"{who} {reading.event_type}".strip()


def _summit_or(name: Name, event_type: str) -> str:
    """A meeting, summit, visit or dialogue by its own name is a summit."""
    last = name.text.split()[-1].lower().strip("’'")
    meetings = {"summit", "meeting", "visit", "dialogue", "talks", "ministerial"}
    return "summit" if last in meetings else event_type


def program(reading: Reading, name: Name, taken: set[str]) -> Draft:
    """A body, mechanism or activity the sentence introduces, as a context program."""
    program_name = name.text.rsplit(" (", 1)[0] if name.acronym else name.text
    row = {
        "program_id": unique(slug(name.acronym or program_name, 5), taken),
        "program_name": program_name,
        "program_group_type": "context",
        "domain_type": reading.domain or "multi",
        "alias_names": aliases(name),
    }
    return Draft("programs", name.text, row, key=name.text, names=(name,))


def threat(reading: Reading, actors: dict[str, str], taken: set[str]) -> Draft | None:
    """A threat actor's deed the sentence condemns or calls a threat."""
    actor = next((c for c in reading.countries if c in actors), None)
    if not reading.threat_word or actor is None:
        return None
    at = reading.text.find(reading.threat_word) + len(reading.threat_word)
    deed = _AFTER_ALARM.match(reading.text[at:])
    what = " ".join((deed.group(1) if deed else "").split()[:10]).rstrip(" .")
    name = f"{actors[actor]}: {what}" if what else actors[actor]
    domain = reading.domain or "multi"
    focus = {("KR",): "KR", ("JP",): "JP"}.get(
        tuple(c for c in reading.countries if c in ("KR", "JP")), "both"
    )
    row = {
        "threat_id": unique(
            f"{actor.lower()}-{domain}-{slug(what or 'threat', 4)}", taken
        ),
        "actor_country_code": actor,
        "domain_type": domain,
        "threat_name": name,
        "threat_description": reading.quote,
        "affected_focus_type": focus,
        "alias_names": "",
    }
    return Draft("threats", name, row)


def full_row(draft: Draft, columns: list[str], evidence_cells: dict[str, str]) -> dict:
    """Every column of the table, in its order: the draft's cells, then evidence."""
    cells = {**draft.row, **evidence_cells}
    return {column: cells.get(column, "") for column in columns}
