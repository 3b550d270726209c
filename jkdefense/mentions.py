"""Find known entities in text through their aliases, on word boundaries."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass


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


def _pattern(aliases: list[str], flags: int) -> re.Pattern[str] | None:
    if not aliases:
        return None
    # Longest first, so "Hanwha Ocean" wins over "Hanwha" at the same position.
    ordered = sorted(set(aliases), key=lambda a: (-len(a), a))
    body = "|".join(re.escape(a) for a in ordered)
    # NOTE: lookarounds, not \b: \b fails after a final "." as in "U.S.".
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)


class AliasMatcher:
    """Matches every alias of a set of entities; an alias may name several."""

    def __init__(self, aliases: dict[str, list[Entity]]) -> None:
        """Build the matcher from alias -> entities it names."""
        self.entities_by_key: dict[str, list[Entity]] = defaultdict(list)
        exact, loose = [], []
        for alias, entities in aliases.items():
            key = alias if is_exact_alias(alias) else alias.lower()
            self.entities_by_key[key].extend(entities)
            (exact if is_exact_alias(alias) else loose).append(alias)
        self._exact = _pattern(exact, 0)
        self._loose = _pattern(loose, re.IGNORECASE)

    def find(self, text: str) -> list[Match]:
        """Return non-overlapping matches in ``text``, longest first at each place."""
        found = []
        for pattern in (self._exact, self._loose):
            if pattern is not None:
                found += [
                    Match(m.start(), m.end(), m.group()) for m in pattern.finditer(text)
                ]
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Match] = []
        for match in found:
            if not kept or match.start >= kept[-1].end:
                kept.append(match)
        return kept

    def entities(self, match: Match) -> list[Entity]:
        """Return the entities a match names."""
        key = (
            match.alias if match.alias in self.entities_by_key else match.alias.lower()
        )
        return self.entities_by_key.get(key, [])
