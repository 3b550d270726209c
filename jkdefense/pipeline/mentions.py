"""Find known entities in text through their aliases, on word boundaries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import ahocorasick


@dataclass(frozen=True)
class Entity:
    """An entity of a curated table that text can mention."""

    table: str
    entity_id: str
    name: str


@dataclass(frozen=True)
class Match:
    """One alias found in a text: text[start:end] is the matched spelling."""

    start: int
    end: int
    alias: str


def is_exact_alias(alias: str) -> bool:
    """Return True when an alias must match with its exact capitals.

    Names and acronyms carry capitals ("LIG", "Hanwha", "U.S.") and match
    exactly, so "LIG" never matches "lig" and "KAI" never matches "kai".
    All-lowercase aliases are common nouns ("torpedoes") and ignore case, so
    they also match at the start of a sentence.
    """
    return alias != alias.lower()


def _automaton(aliases: list[str]) -> ahocorasick.Automaton | None:
    if not aliases:
        return None
    automaton = ahocorasick.Automaton()
    for alias in aliases:
        automaton.add_word(alias, len(alias))
    automaton.make_automaton()
    return automaton


def _is_word_character(character: str) -> bool:
    # "-" counts as part of a word, so "F-35" is never read as "F".
    return character.isalnum() or character in "_-"


def _lowered(text: str) -> str:
    """``text`` in lower case, character by character, so offsets stay the same."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few letters (İ) lower to two characters; keep those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _leftmost_longest(found: list[Match]) -> list[Match]:
    """Non-overlapping matches, leftmost first and the longest at each place."""
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Match] = []
    for match in found:
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept


class AliasMatcher:
    """Matches every alias of a set of entities; an alias may name several.

    One Aho-Corasick automaton finds every alias in one pass over a text,
    however many aliases there are; matches inside a longer word are dropped.
    """

    def __init__(self, aliases: dict[str, list[Entity]]) -> None:
        """Build the matcher from alias -> entities it names."""
        self.entities_by_key: dict[str, list[Entity]] = defaultdict(list)
        exact, loose = [], []
        for alias, entities in aliases.items():
            key = alias if is_exact_alias(alias) else alias.lower()
            self.entities_by_key[key].extend(entities)
            (exact if is_exact_alias(alias) else loose).append(key)
        self._exact = _automaton(sorted(set(exact)))
        self._loose = _automaton(sorted(set(loose)))

    def _scan(
        self, automaton: ahocorasick.Automaton, haystack: str, text: str
    ) -> list[Match]:
        found = []
        for last, length in automaton.iter(haystack):
            start, end = last + 1 - length, last + 1
            if (start == 0 or not _is_word_character(text[start - 1])) and (
                end == len(text) or not _is_word_character(text[end])
            ):
                found.append(Match(start, end, text[start:end]))
        return _leftmost_longest(found)

    def find(self, text: str) -> list[Match]:
        """Return non-overlapping matches in ``text``, longest first at each place."""
        found = []
        if self._exact is not None:
            found += self._scan(self._exact, text, text)
        if self._loose is not None:
            found += self._scan(self._loose, _lowered(text), text)
        return _leftmost_longest(found)

    def entities(self, match: Match) -> list[Entity]:
        """Return the entities a match names."""
        key = (
            match.alias if match.alias in self.entities_by_key else match.alias.lower()
        )
        return self.entities_by_key.get(key, [])
