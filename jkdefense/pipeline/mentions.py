"""Find known entities in text through their aliases, on word boundaries.

An alias that is also an ordinary word or a generic term counts for its entity
only where its sentence supports it: the contexts of alias_contexts.csv
(jkdefense.data.alias_contexts) say which phrases must or must not be there.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from jkdefense.data import alias_contexts, load, schema


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


# Curly apostrophes read as straight ones: "People’s Republic" is "People's Republic".
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


@functools.lru_cache(maxsize=1024)
def _any_phrase(phrases: tuple[str, ...]) -> re.Pattern:
    """One pattern for any of ``phrases``: whole words, any case, any spacing.

    Unlike an alias, a phrase ends at a hyphen: "North Korea-Russia" names Russia.
    """
    spelled = (
        re.escape(p.translate(_APOSTROPHES)).replace("\\ ", r"\s+") for p in phrases
    )
    return re.compile(rf"(?<!\w)(?:{'|'.join(spelled)})(?!\w)", re.IGNORECASE)


def holds_any(sentence: str, phrases: tuple[str, ...]) -> bool:
    """Whether ``sentence`` holds one of ``phrases`` (see _any_phrase)."""
    pattern = _any_phrase(phrases)
    return pattern.search(sentence.translate(_APOSTROPHES)) is not None


@dataclass(frozen=True)
class Context:
    """Where an ambiguous alias counts for its entity (a row of alias_contexts).

    It counts in a sentence that holds one of ``needs_any`` (none given: any
    sentence), and one of ``also_needs_any`` when given, but none of
    ``unless_any``. The sentence, not a wider window: on the feed, every true
    mention of an ambiguous alias has its supporting words in its own sentence.
    """

    needs_any: tuple[str, ...] = ()
    also_needs_any: tuple[str, ...] = ()
    unless_any: tuple[str, ...] = ()

    def allows(self, sentence: str) -> bool:
        """Whether the alias counts for its entity in ``sentence``."""
        needs = (p for p in (self.needs_any, self.also_needs_any) if p)
        return all(holds_any(sentence, p) for p in needs) and not (
            self.unless_any and holds_any(sentence, self.unless_any)
        )


# (entity table, entity id, alias as written in alias_names) -> its context.
Contexts = Mapping[tuple[str, str, str], Context]


def read_contexts(data_dir: Path) -> dict[tuple[str, str, str], Context]:
    """The alias contexts of the package in ``data_dir`` (alias_contexts.csv)."""
    frame = load.read_table_text(data_dir, alias_contexts.TABLE)
    return {
        (row["entity_table"], row["entity_id"], row["alias_name"]): Context(
            *(
                tuple(schema.split_list(row[column]))
                for column in (
                    alias_contexts.NEEDS,
                    alias_contexts.ALSO_NEEDS,
                    alias_contexts.UNLESS,
                )
            )
        )
        for row in frame.to_dict("records")
    }


def is_exact_alias(alias: str) -> bool:
    """Return True when an alias must match with its exact capitals.

    Names and acronyms carry capitals ("LIG", "Hanwha", "U.S.") and match
    exactly, so "LIG" never matches "lig" and "KAI" never matches "kai".
    All-lowercase aliases are common nouns ("torpedoes") and ignore case, so
    they also match at the start of a sentence.
    """
    return alias != alias.lower()


def _key(alias: str) -> str:
    """How the matcher files an alias: as written if exact, else in lower case."""
    return alias if is_exact_alias(alias) else alias.lower()


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

    def __init__(
        self, aliases: dict[str, list[Entity]], contexts: Contexts | None = None
    ) -> None:
        """Build the matcher from alias -> entities it names, and their contexts."""
        self.entities_by_key: dict[str, list[Entity]] = defaultdict(list)
        # (table, id, key of the alias) -> where the alias counts for that entity.
        self._contexts: dict[tuple[str, str, str], Context] = {}
        for (table, entity_id, alias), context in (contexts or {}).items():
            self._contexts[table, entity_id, _key(alias)] = context
        exact, loose = [], []
        for alias, entities in aliases.items():
            key = _key(alias)
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

    def entities(self, match: Match, sentence: str | None = None) -> list[Entity]:
        """Return the entities a match names; in ``sentence``, those it supports.

        Without a sentence every entity the alias names is returned, whatever
        the contexts say.
        """
        key = (
            match.alias if match.alias in self.entities_by_key else match.alias.lower()
        )
        named = self.entities_by_key.get(key, [])
        if sentence is None or not self._contexts:
            return named
        return [e for e in named if self._counts(e, key, sentence)]

    def _counts(self, entity: Entity, key: str, sentence: str) -> bool:
        """Whether the alias filed under ``key`` counts for ``entity`` here."""
        context = self._contexts.get((entity.table, entity.entity_id, key))
        return context is None or context.allows(sentence)
