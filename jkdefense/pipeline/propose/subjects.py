"""What a development is about: the curated row it changes, and the state it left.

A development names a row of pathway, drivers, programs, incidents or threats.
The sentence's own mentions of a known program, incident or threat say which;
otherwise the row whose names share the most telling words with the sentence
(drivers and pathway steps have no aliases to be mentioned by). The state
a subject is in is the one its last development left it in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from jkdefense.pipeline.propose import vocabulary as words

# subject_table -> (key column, name column), as developments.csv allows.
SUBJECT_TABLES = {
    "programs": ("program_id", "program_name"),
    "incidents": ("incident_id", "incident_name"),
    "threats": ("threat_id", "threat_name"),
    "drivers": ("driver_id", "driver_name"),
    "pathway": ("step_id", "step_name"),
}
# Words that name no subject: function words, and the countries every
# sentence of the feed names.
_IGNORED = frozenset(
    [
        "the",
        "and",
        "of",
        "for",
        "with",
        "from",
        "into",
        "to",
        "on",
        "in",
        "at",
        "by",
        "a",
        "an",
        "its",
        "their",
        "our",
        "as",
        "that",
        "this",
        "us",
        "u",
        "s",
        "japan",
        "japanese",
        "korea",
        "korean",
        "rok",
        "dprk",
        "north",
        "south",
        "china",
        "chinese",
        "russia",
        "russian",
        "two",
        "three",
        "between",
        "growing",
        "out",
        "idea",
    ]
)
# Words many subjects share: they count half.
_COMMON = frozenset(
    [
        "cooperation",
        "security",
        "defense",
        "defence",
        "military",
        "joint",
        "trilateral",
        "bilateral",
        "level",
        "new",
        "agreement",
        "industry",
        "industrial",
        "policy",
        "program",
        "programs",
    ]
)
# Telling words a sentence must share with a subject's names to be about it.
ENOUGH_IN_COMMON = 2.0


@dataclass(frozen=True)
class Subject:
    """A curated row a development can be about."""

    table: str
    entity_id: str
    name: str
    domain: str


def slug(text: str, most_words: int = 5) -> str:
    """A key's readable part: ASCII, lower case, words joined by '-'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", plain.lower())
    return "-".join(parts[:most_words]) or "x"


def _tokens(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _IGNORED}


def _weight(shared: set[str]) -> float:
    return sum(0.5 if w in _COMMON else 1.0 for w in shared)


class Subjects:
    """The rows developments can be about, and the story each has so far."""

    def __init__(self, tables: dict[str, pd.DataFrame]) -> None:
        """Index the rows of ``tables`` by key and by the words of their names."""
        self.by_key: dict[tuple[str, str], Subject] = {}
        self.words: dict[tuple[str, str], set[str]] = {}
        for table, (key, name) in SUBJECT_TABLES.items():
            frame = tables.get(table)
            if frame is None:
                continue
            for row in frame.to_dict("records"):
                subject = Subject(
                    table, row[key], row[name], row.get("domain_type", "")
                )
                self.by_key[(table, row[key])] = subject
                self.words[(table, row[key])] = _tokens(row[name])
        self.history = self._history(tables.get("developments"))

    def _history(self, developments: pd.DataFrame | None) -> dict:
        """(table, id) -> [(date, before, after, subject_name)], oldest first."""
        history: dict[tuple[str, str], list[tuple[str, str, str, str]]] = {}
        if developments is None:
            return history
        for row in developments.to_dict("records"):
            key = (row["subject_table"], row["subject_id"])
            history.setdefault(key, []).append(
                (
                    row["development_date"],
                    row["state_before_type"],
                    row["state_after_type"],
                    row["subject_name"],
                )
            )
            if key in self.words:  # the timeline's name tells what it is about
                self.words[key] |= _tokens(row["subject_name"])
        for story in history.values():
            story.sort(key=lambda step: step[0])
        return history

    def mentioned(self, known: list[tuple[str, str]]) -> Subject | None:
        """The first program, incident or threat the sentence names."""
        for table in ("programs", "incidents", "threats"):
            for mentioned_table, entity_id in known:
                if mentioned_table == table and (table, entity_id) in self.by_key:
                    return self.by_key[(table, entity_id)]
        return None

    def by_words(self, text: str) -> Subject | None:
        """The row whose names share the most telling words with ``text``.

        Among the drivers and pathway steps, and the rows that already have a
        story of developments; a program, incident or threat without one is
        found by its mentions instead (its name is too like its neighbours').
        """
        said = _tokens(text)
        scored = [
            (_weight(said & w), key)
            for key, w in self.words.items()
            if key[0] in ("drivers", "pathway") or key in self.history
        ]
        best = max(scored, default=(0.0, None), key=lambda s: s[0])
        return self.by_key[best[1]] if best[0] >= ENOUGH_IN_COMMON else None

    def subject_name(self, subject: Subject) -> str:
        """How the timeline names the subject: its last development's name."""
        story = self.history.get((subject.table, subject.entity_id))
        return story[-1][3] if story else subject.name

    def states(
        self, subject: Subject | None, iso: str, action: words.Action, intention: bool
    ) -> tuple[str, str]:
        """State before and after, continuing the subject's story at ``iso``."""
        story = (
            self.history.get((subject.table, subject.entity_id), []) if subject else []
        )
        earlier = [step for step in story if step[0] <= iso]
        later = [step for step in story if step[0] > iso]
        before = earlier[-1][2] if earlier else DEFAULT_BEFORE.get(action.label, "none")
        after = action.state or before
        if intention:  # decided, not done: agreed at most; a halt or end not yet
            if after == "in_force":
                after = "agreed"
            elif after not in words.FORWARD_STATES:
                after = before
        if after in words.FORWARD_STATES and before in words.FORWARD_STATES:
            after = max(after, before, key=words.FORWARD_STATES.index)
        if later:  # the next development starts from where this one leaves off
            after = later[0][1]
        return before, after


# Where a subject with no story yet stood before an action that implies it.
DEFAULT_BEFORE = {
    "resumed": "halted",
    "suspended": "in_force",
    "withdrawn": "in_force",
    "gave notice": "in_force",
}
