"""What one sentence says: its actions, its event, its date, the names it uses.

A reading is the raw material of every proposal from that sentence: which
verbs of a change of state it uses (and whether as an intention), what kind of
event it reports, which countries, known entities and new names it names, the
names of bodies or activities it introduces, and its date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jkdefense.data.spreadsheet import FORMULA_STARTS
from jkdefense.pipeline.propose import bodies
from jkdefense.pipeline.propose import vocabulary as words
from jkdefense.pipeline.propose.bodies import Name
from jkdefense.pipeline.propose.dates import Dated, date_of
from jkdefense.pipeline.propose.inputs import Feed

# A quote longer than this is cut to the clause that holds the action.
LONGEST_QUOTE = 400


@dataclass
class Reading:
    """One sentence, read for proposals."""

    sentence_id: str
    source_id: str
    text: str
    quote: str
    dated: Dated
    actions: list[tuple[words.Action, bool, int]] = field(default_factory=list)
    event_type: str | None = None
    event_words: str = ""  # "launch of an intercontinental ballistic missile"
    event_happened: bool = False
    countries: list[str] = field(default_factory=list)
    known: list[tuple[str, str]] = field(default_factory=list)  # (table, id)
    names: list[Name] = field(default_factory=list)
    entities: list[Name] = field(default_factory=list)
    events: list[Name] = field(default_factory=list)
    threat_word: str = ""
    domain: str = ""
    domain_word: str = ""  # the word that points to a domain: "submarines"
    series_event: str = ""  # "second trilateral National Security Advisors meeting"
    relevant: bool = False  # speaks of security or defence

    def action(self) -> tuple[words.Action, bool] | None:
        """The action that decides the proposal, and whether it is an intention.

        A change done comes before a stance, and either before an intention.
        """
        ranked = sorted(self.actions, key=lambda a: (a[1], not a[0].strong))
        return ranked[0][:2] if ranked else None


def quote_of(text: str, at: int | None = None) -> str:
    """A verbatim span for evidence_quote: the sentence, or its clause at ``at``.

    Leaves out a run-in heading and any leading word a spreadsheet would run
    as a formula; a long sentence is cut to the clause (between semicolons)
    that holds position ``at``.
    """
    heading = words.RUN_IN_HEADING.match(text)
    start = heading.end() if heading else 0
    while start < len(text) and text[start:].lstrip().startswith(FORMULA_STARTS):
        rest = text[start:].lstrip()
        start = len(text) - len(rest) + (len(rest.split(maxsplit=1)[0]) if rest else 0)
    body = text[start:].strip()
    if len(body) > LONGEST_QUOTE and at is not None:
        offset = text.index(body)
        for clause in re.finditer(r"[^;]+", body):
            if clause.start() + offset <= at < clause.end() + offset:
                return clause.group(0).strip()
    return body


def _actions(text: str, confrontations: list[tuple[int, int]]) -> list:
    """Each kind of action the sentence uses once, in reading order."""
    found: dict[str, tuple[int, words.Action, bool]] = {}
    for pattern, action in words.ACTIONS:
        for match in pattern.finditer(text):
            if any(a <= match.start() < b for a, b in confrontations):
                continue  # "launches of ... missiles" is an event, not a change
            intention = bool(words.INTENTION.search(text[: match.start()][-40:]))
            if action.label not in found:
                found[action.label] = (match.start(), action, intention)
    ordered = sorted(found.values(), key=lambda f: f[0])
    return [(action, intention, start) for start, action, intention in ordered]


def _event(text: str, known_spans: list[tuple[int, int]]) -> tuple[str | None, str]:
    """The kind of event the sentence reports, and the words that report it.

    ("incursion", "violated Japanese airspace"); an event word that names a
    known incident ("the Camp David Summit") reports nothing new.
    """
    for kind, pattern in words.INCIDENT_TYPES:
        for match in pattern.finditer(text):
            named = any(a <= match.start() <= b + 1 for a, b in known_spans)
            if not named:
                return kind, match.group(0)
    return None, ""


def domain_of(text: str) -> tuple[str, str]:
    """The warfare domain the sentence's words point to, and the first such word.

    ('', '') when no word does; multi when the words point to several.
    """
    found = [
        (k, m.group(0)) for k, p in words.DOMAIN_WORDS for m in [p.search(text)] if m
    ]
    if not found:
        return "", ""
    kind = "multi" if found[0][0] == "multi" or len(found) > 1 else found[0][0]
    return kind, found[0][1]


def _countries(mentions: list, text: str) -> list[str]:
    """The countries a sentence names, in order; "trilateral" adds the three."""
    found = list(dict.fromkeys(i for t, i, _, _ in mentions if t == "countries"))
    if words.TRILATERAL.search(text):
        found += [c for c in words.TRILATERAL_COUNTRIES if c not in found]
    return found


def read_sentence(feed: Feed, sentence: dict, known_names: set[str]) -> Reading:
    """Everything proposals need from one sentence."""
    text = sentence["text"]
    mentions = feed.mentions.get(sentence["sentence_id"], [])
    names = bodies.new_names_in(feed.new_names, text)
    defined = bodies.defined_names(text, known_names)
    phrases = bodies.lower_case_entities(text, known_names)
    entities, events = bodies.sort_out(text, names, defined, phrases)
    threat = words.THREAT_WORDS.search(text)
    series = words.ORDINAL_EVENT.search(text)
    domain, domain_word = domain_of(text)
    confront = [m.span() for m in words.INCIDENT_TYPES[1][1].finditer(text)]
    actions = _actions(text, confront)
    known_spans = [(a, b) for t, _, a, b in mentions if t != "countries"]
    event_type, event_words = _event(text, known_spans)
    published = feed.sources[sentence["source_id"]]["date_published"]
    return Reading(
        sentence_id=sentence["sentence_id"],
        source_id=sentence["source_id"],
        text=text,
        quote=quote_of(text, actions[0][2] if actions else None),
        dated=date_of(text, published),
        actions=actions,
        event_type=event_type,
        event_words=event_words,
        event_happened=bool(words.EVENT_HAPPENED.search(text) or series),
        countries=_countries(mentions, text),
        known=list(
            dict.fromkeys((t, i) for t, i, _, _ in mentions if t != "countries")
        ),
        names=sorted(
            names + defined, key=lambda n: (bodies.KIND_ORDER.get(n.kind, 9), n.start)
        ),
        entities=entities,
        events=events,
        threat_word=threat.group(0) if threat else "",
        domain=domain,
        domain_word=domain_word,
        series_event=series.group(0) if series else "",
        relevant=bool(words.SECURITY_WORDS.search(text)),
    )
