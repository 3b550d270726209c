"""The names a sentence uses that no curated row knows: bodies, events, terms.

Three sources of names: the feed's new names (jkdefense.pipeline.names), the
names a sentence defines with their acronym ("Long Name (ACR)"), and bodies
named in lower case ("a shipbuilding working group"). A name whose own words
or neighbours say it is a body or activity (forum, team, exercise …) is one to
add to the tables; one that ends in summit, meeting or visit is an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jkdefense.pipeline.mentions import AliasMatcher
from jkdefense.pipeline.propose import vocabulary as words

# The kinds of name, in the order they are offered: a body the sentence
# defines with its acronym, then the feed's new names by their kind
# (jkdefense.pipeline.names: term is a lower-case name of a thing, phrase a
# recurring phrase), and "lower", a body this module finds named in lower case.
KIND_ORDER = {"defined": 0, "acronym": 1, "name": 2, "term": 3, "lower": 4, "phrase": 5}
# Kinds of the feed's new names that name no body or subject.
NOT_SUBJECTS = frozenset({"person", "role"})


@dataclass(frozen=True)
class Name:
    """A name the sentence uses that no curated row knows yet."""

    text: str  # as written: "Multilateral Sanctions Monitoring Team (MSMT)"
    kind: str  # defined (with its acronym), acronym, name, phrase or term
    start: int
    acronym: str = ""

    def is_proper(self) -> bool:
        """An acronym or capitalised name, not a lower-case term."""
        return self.kind in ("defined", "acronym", "name")


def _context(text: str, name: Name) -> set[str]:
    """The word right before and right after a name, in lower case.

    "the exercise—FREEDOM EDGE", "the FREEDOM EDGE exercise": a word with
    another between ("mechanism for UN sanctions") says nothing of the name.
    """
    before = re.search(r"([A-Za-z]+)[\s—–-]*$", text[: name.start])
    after = re.match(r"[\s—–-]*([A-Za-z]+)", text[name.start + len(name.text) :])
    return {m.group(1).lower() for m in (before, after) if m}


def is_person(name: str) -> bool:
    """A name that starts with a person's title ("President Lee")."""
    first = name.split()[0].lower().strip(".") if name.split() else ""
    return first in words.PERSON_TITLES


def defined_names(text: str, known: set[str]) -> list[Name]:
    """Bodies the sentence defines with an acronym: "Long Name (ACR)".

    Only a name with a word of a body or activity in it, or beside it
    ("Forum on …", "… Team"); a company or a country defined so is no body
    to add.
    """
    found = []
    for match in words.DEFINED_ACRONYM.finditer(text):
        acronym = match.group(2)
        words_at = list(re.finditer(r"\S+", match.group(1).rstrip(" ,")))
        at = _name_start([w.group(0) for w in words_at], acronym)
        if at is None or len(words_at) - at < 2:
            continue
        start = match.start(1) + words_at[at].start()
        long_name = text[start : match.start(1) + words_at[-1].end()]
        if acronym.casefold() in known or long_name.casefold() in known:
            continue
        name = Name(f"{long_name} ({acronym})", "defined", start, acronym)
        parts = long_name.split()
        said = {w.lower().strip("’'") for w in parts} | _context(text, name)
        if said & words.ENTITY_HEADS and not is_person(name.text):
            found.append(name)
    return found


def _name_start(parts: list[str], acronym: str) -> int | None:
    """Where in ``parts`` the acronym's name starts (None: nowhere).

    It opens with the acronym's first letter ("Indo-Pacific Economic
    Framework for Prosperity (IPEF)", not "Building on the …"), or with a
    word of a body ("Forum on Defense Industrial Cooperation … (DICAS)").
    """
    for at, word in enumerate(parts):
        if word.lower() in words.JOINING_WORDS or word.endswith(("’s", "'s", ",")):
            continue
        if word[0] == acronym[0] or word.lower() in words.ENTITY_HEADS:
            return at
    return None


def lower_case_entities(text: str, known: set[str]) -> list[Name]:
    """Lower-case names of a body or activity: "a shipbuilding working group"."""
    found = []
    for match in words.LOWER_CASE_ENTITY.finditer(text):
        parts = match.group(1).split()
        while parts and parts[0] in words.JUDGING_WORDS:
            parts = parts[1:]
        phrase = " ".join(parts)
        if len(parts) >= 2 and phrase.casefold() not in known:
            found.append(Name(phrase, "lower", match.end(1) - len(phrase)))
    return found


def new_names_in(matcher: AliasMatcher | None, text: str) -> list[Name]:
    """The feed's new names in the sentence, longest at each place.

    Not a person's ("President Lee"), nor a word of a heading run into the
    sentence ("MODERNIZING THE ALLIANCE: …").
    """
    if matcher is None:
        return []
    heading = words.RUN_IN_HEADING.match(text)
    body_starts = heading.end() if heading else 0
    return [
        Name(match.alias, entity.entity_id, match.start)
        for match in matcher.find(text)
        for entity in matcher.entities(match)[:1]
        if match.start >= body_starts
        and not is_person(match.alias)
        and entity.entity_id not in NOT_SUBJECTS
    ]


def _overlaps(a: Name, b: Name, gap: int = 0) -> bool:
    """Whether two names share characters (or lie within ``gap`` of each other)."""
    return (
        a.start < b.start + len(b.text) + gap and b.start < a.start + len(a.text) + gap
    )


def sort_out(
    text: str, names: list[Name], defined: list[Name], phrases: list[Name]
) -> tuple[list[Name], list[Name]]:
    """Split the names into bodies to add (entities) and events, one per span."""
    entities, events = list(defined), []
    for name in names:
        if any(_overlaps(name, d) or name.text == d.acronym for d in defined):
            continue
        last = name.text.split()[-1].lower().strip("’'")
        if name.is_proper() and last in words.EVENT_NAME_WORDS:
            events.append(name)
        elif name.is_proper() and (
            last in words.ENTITY_HEADS or _context(text, name) & words.ENTITY_HEADS
        ):
            entities.append(name)
        elif name.kind == "term" and last in words.ENTITY_HEADS:
            entities.append(name)  # "shipbuilding working group"
    # "the multi-domain exercise—FREEDOM EDGE" is one body, by its proper name.
    entities += [p for p in phrases if not any(_overlaps(p, e, 3) for e in entities)]
    return sorted(entities, key=lambda n: n.start), events
