"""Which proposals come first, and the one line that says why each was made.

Dated actions with new or known names first: a sentence that writes its date,
uses a verb of a change that happened, and names a body, an event or a known
entity is what curation is for. A sentence that names only countries (most of
a statement's courtesies) goes last, whatever its verbs; one that speaks of
neither security nor defence (trade, culture) goes after those that do.
"""

from __future__ import annotations

from jkdefense.pipeline.propose.bodies import Name
from jkdefense.pipeline.propose.fields import Draft
from jkdefense.pipeline.propose.find import Reading

DATED_BY_SENTENCE = 3.0
DONE = 3.0  # an action done, an event held
STANCE = 1.0  # an intention, a stance, a body introduced
SECURITY = 2.0  # added when the sentence speaks of security, taken when not
# What the sentence names, by what it is.
NAME_SCORES = {
    "known": 3.0,  # an entity a curated row holds
    "body": 3.0,  # a body, mechanism or event with its proper name
    "acronym": 2.5,
    "subject": 2.0,  # a subject found by the words it shares
    "lower": 1.5,  # a body named in lower case: "a shipbuilding working group"
    "system": 1.5,  # a word of a weapon, force or domain: "submarines"
    "term": 1.5,  # a lower-case name of a thing: "nuclear-powered submarines"
    "name": 1.0,  # a capitalised name: often a place
    "phrase": 0.5,  # a phrase the feed repeats
}
ONLY_COUNTRIES = -10.0


def _proper_body(names: list[Name]) -> Name | None:
    return next((n for n in names if n.is_proper()), None)


def _named_entity(
    draft: Draft, reading: Reading, body: Name | None
) -> tuple[str, str] | None:
    """The proposal's subject, a known entity or a body it names, if any."""
    row = draft.row
    if draft.subject_found == "mentioned":
        return "known", f"known {row['subject_table']} {row['subject_id']}"
    if draft.subject_found == "by words":
        said = f"the words of {row['subject_table']} {row['subject_id']}"
        if body is not None:
            return "body", f"{said} and new name {body.acronym or body.text}"
        return "subject", said
    # A development names its subject; a company it mentions is none.
    subjectless = draft.table == "developments" and not row.get("subject_id")
    if reading.known and body is None and not subjectless:
        return "known", "known {} {}".format(*reading.known[0])
    if body is not None:
        return "body", f"new name {body.acronym or body.text}"
    return None


def named(draft: Draft, reading: Reading) -> tuple[str, str]:
    """What the proposal names, best first: (kind of name, as the reason says it)."""
    own = [n for n in draft.names if n is not None]
    body = _proper_body(own + reading.events + reading.entities)
    entity = _named_entity(draft, reading, body)
    if entity is not None:
        return entity
    acronym = next((n for n in reading.names if n.kind == "acronym"), None)
    if acronym is not None:
        return "acronym", f"new name {acronym.text}"
    lower = next((n for n in own + reading.entities if not n.is_proper()), None)
    if lower is not None:
        return "lower", f"the name '{lower.text}'"
    if reading.domain_word:
        return "system", f"'{reading.domain_word}'"
    for kind in ("term", "name", "phrase"):
        chosen = next((n for n in reading.names if n.kind == kind), None)
        if chosen is not None:
            return kind, f"{'new name' if kind == 'name' else 'term'} '{chosen.text}'"
    countries = ", ".join(reading.countries)
    return "", f"only countries ({countries})" if countries else "no name"


def _what(draft: Draft, reading: Reading) -> tuple[float, str]:
    """Score and words for what the sentence does: an action, event or alarm."""
    if draft.table == "threats":
        return STANCE, f"'{reading.threat_word}' of a threat actor"
    if draft.table == "incidents":
        happened = reading.event_happened or reading.dated.source == "sentence"
        kind = draft.row.get("incident_type") or reading.event_type
        return (DONE if happened else STANCE), f"event '{kind}'"
    if draft.table == "programs":
        return STANCE, "a body or activity"
    chosen = reading.action()
    if chosen is None:
        return 0.0, "no action"
    action, intention = chosen
    if action.strong and not intention:
        return DONE, f"action '{action.label}'"
    return STANCE, f"{'intended ' if intention else ''}action '{action.label}'"


def score_and_why(draft: Draft, reading: Reading) -> tuple[float, str]:
    """How high the proposal ranks, and why it was made, in one line."""
    what_score, what = _what(draft, reading)
    kind, names_said = named(draft, reading)
    score = what_score + NAME_SCORES.get(kind, ONLY_COUNTRIES)
    score += SECURITY if reading.relevant else -SECURITY
    dated = reading.dated
    if dated.source == "sentence":
        score += DATED_BY_SENTENCE
        return score, f"dated {what} ({dated.shown()}) naming {names_said}"
    return score, f"{what} (article date {dated.shown()}) naming {names_said}"
