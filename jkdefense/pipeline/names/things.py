"""Lower-case names of things of the trade, and phrases that recur.

"nuclear-powered attack submarines", "shipbuilding working group",
"extended deterrence": a run of lower-case words names a thing when it holds
a word of the defence trade or ends with a body or plan (see name_of_thing),
even if used once. Any 2 or 3 lower-case words in a row are also a phrase,
listed only if it recurs (see tally).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .tokens import Word
from .words import (
    ABSTRACT_NOUNS,
    ADVERB_ENDINGS,
    DEFENCE_WORDS,
    GENERIC_NOUNS,
    INSTITUTIONS,
    MODIFIERS,
    ORDINALS,
    STOP_WORDS,
    VERBS,
    is_active_verb,
    is_verb,
)

TERM_WORDS = (2, 3)
MAX_TERM_WORDS = 6  # a lower-case name longer than this is a clause
PAIRING = frozenset({"and", "or"})
GROUPINGS = frozenset({"alliance", "bilateral", "partnership", "trilateral"})
ADJECTIVE_ENDINGS = ("able", "al", "ful", "ible", "ic", "ive", "less", "ous")
_TERM_WORD = re.compile(r"[a-z][a-z-]*[a-z]")


def is_term_word(word: str) -> bool:
    """True for a lower-case word a term may hold: no stop word, no adverb."""
    return (
        _TERM_WORD.fullmatch(word) is not None
        and word not in STOP_WORDS
        and not (len(word) > 5 and word.endswith(ADVERB_ENDINGS))
    )


def lower_case_runs(words: list[Word]) -> Iterator[tuple[int, int]]:
    """Where each longest run of term words joined by spaces lies: (start, end)."""
    start = None
    for at, word in enumerate([*words, Word(".", False, False, -1, -1)]):
        term = is_term_word(word.text)
        if start is not None and term and word.joined:
            continue
        if start is not None and at > start:
            yield start, at
        start = at if term else None


@lru_cache(maxsize=1 << 16)
def name_of_thing(words: tuple[str, ...]) -> str | None:
    """A lower-case run as the name of a thing of the trade, or None.

    Leading verbs ("build") and qualifiers ("trilateral", "new") are left
    off. What remains names a thing when it ends in a noun (not an abstract
    one, not a participle), says more than that noun, and either holds a
    word of the trade ("submarines", "deterrence") or ends with a body or
    plan ("working group", "exercise plan") that a word more than an
    adjective qualifies ("meaningful dialogue" is no name).
    """
    words = list(words)
    while words and (is_active_verb(words[0]) or words[0] in MODIFIERS):
        words.pop(0)
    if not 2 <= len(words) <= MAX_TERM_WORDS:
        return None
    last = words[-1]
    if last in ABSTRACT_NOUNS or last.endswith("ed"):
        return None
    if last.endswith(ADJECTIVE_ENDINGS) and last not in INSTITUTIONS | GENERIC_NOUNS:
        return None  # "multinational naval": no noun to name
    if not DEFENCE_WORDS.isdisjoint(words):
        return " ".join(words)
    head = next((n for n in (2, 1) if " ".join(words[-n:]) in INSTITUTIONS), 0)
    plain = MODIFIERS | ORDINALS
    qualifiers = [w for w in words[:-head] if w not in plain] if head else []
    if not qualifiers or (last in VERBS and words[-head - 1].endswith("s")):
        return None  # "countries plan": a subject and its verb
    if all(w.endswith(ADJECTIVE_ENDINGS) for w in qualifiers):
        return None
    return " ".join(words)


def things_in(run: tuple[str, ...]) -> set[str]:
    """Every ending of a lower-case run that names a thing (see name_of_thing).

    The ending a feed uses most is kept when they are counted: "counterstrike
    capabilities" of "possess counterstrike capabilities".
    """
    while run and run[-1] in ABSTRACT_NOUNS:
        run = run[:-1]  # "extended deterrence" of "extended deterrence commitments"
    found: set[str] = set()
    if len(run) < 2 or not _may_name_a_thing(run):
        return found
    for start in range(len(run) - 1):
        name = name_of_thing(run[start:])
        if name is not None:
            found.add(name)
    return found


def _may_name_a_thing(run: tuple[str, ...]) -> bool:
    """A quick look before the slow one: a word of the trade, or a body at the end."""
    return (
        not DEFENCE_WORDS.isdisjoint(run)
        or run[-1] in INSTITUTIONS
        or " ".join(run[-2:]) in INSTITUTIONS
    )


def before_verb(run: tuple[str, ...]) -> tuple[str, ...]:
    """The run up to a verb in its -s form: "trilateral" of "trilateral aims".

    Not a plural of the trade or of a body ("exercises", "plans").
    """
    for at, word in enumerate(run[1:], start=1):
        stem = word[:-1]
        verb = word.endswith("s") and stem in VERBS
        if verb and word not in DEFENCE_WORDS and stem not in INSTITUTIONS:
            return run[:at]
    return run


def recurring_terms(run: tuple[str, ...]) -> set[str]:
    """Every 2- to 3-word window of a lower-case run not starting with a verb."""
    terms = set()
    for size in range(TERM_WORDS[0], TERM_WORDS[1] + 1):
        for start in range(len(run) - size + 1):
            if not is_verb(run[start]):
                terms.add(" ".join(run[start : start + size]))
    return terms


def lower_case_names(words: list[Word]) -> tuple[set[str], set[str]]:
    """The recurring-phrase windows and the names of things of a sentence.

    The second half of a pair ("civil and naval nuclear power programs") is
    no thing unless the first half is one too ("maritime interdiction
    exercises and anti-piracy exercises"). A compound of names before a run
    belongs to its thing ("U.S.-Japan-UK trilateral exercises").
    """
    terms: set[str] = set()
    things: set[str] = set()
    previous: tuple[int, set[str]] = (-2, set())
    for start, end in lower_case_runs(words):
        run = tuple(w.text for w in words[start:end])
        if len(run) > 1:
            terms |= recurring_terms(run)
        run = before_verb(run)
        mine = things_in(run)
        before = words[start - 1] if start and words[start].joined else None
        if before is not None and before.text in PAIRING and previous[0] == start - 1:
            mine = mine if previous[1] else set()
        elif (
            before is not None
            and _is_compound_of_names(before.text)
            and (mine or _names_a_group(run))
        ):
            mine.add(f"{before.text} {' '.join(run)}")
        things |= mine
        previous = (end, mine)
    return terms, things


def _names_a_group(run: tuple[str, ...]) -> bool:
    """True for words a compound of names names a group or its acts by.

    "trilateral exercises" of "U.S.-Japan-UK trilateral exercises", "trilateral"
    of "the U.S.-Japan-Philippines trilateral".
    """
    return (
        not DEFENCE_WORDS.isdisjoint(run)
        or run[-1] in INSTITUTIONS
        or run[-1] in GROUPINGS
    )


def _is_compound_of_names(word: str) -> bool:
    """True for names joined by hyphens: U.S.-Japan-UK, Japan-ROK."""
    parts = word.split("-")
    return len(parts) > 1 and all(p[:1].isupper() for p in parts)
