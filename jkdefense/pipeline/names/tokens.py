"""Words of a sentence, and the runs of them that may be names or terms.

Words split at spaces and hard punctuation; hyphens, dots and apostrophes stay
inside a word and are trimmed from its ends, bar an abbreviation's dots
("U.S.", "Japan-U.S.") and an initial's ("Donald J. Trump"), so neither
breaks the name around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from .words import (
    CONNECTORS,
    DATE_WORDS,
    GENERIC_NOUNS,
    JOINERS,
    NUMBER_WORDS,
    STOP_WORDS,
    TIME_ACRONYMS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    is_nationality,
)

_WORD = re.compile(r"[^\s,;:()\[\]{}\"“”‘!?/—–…|*]+")
_EDGE = ".'’-&‘"
_PLURAL_POSSESSIVE = re.compile(r"[A-Za-z]s['’]$")  # Leaders' keeps its apostrophe
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
_DOTTED_END = re.compile(r"(?:^|-)(?:[A-Z]\.){2,}$")  # U.S. and Japan-U.S.
_INITIAL = re.compile(r"[A-Z]\.")
_LETTER_FRAGMENT = re.compile(r"-[A-Z]\.?$")  # Japan-U of a cut "Japan-U.S."
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]*(?:-[A-Z0-9]+)*")
_ROMAN = re.compile(r"[IVXLC]+")
_FISCAL_YEAR = re.compile(r"(?:FY|CY)\d{2,4}")
_TERM_WORD = re.compile(r"[a-z][a-z-]*[a-z]")
_POSSESSIVE_ENDS = ("'", "’", "'s", "’s")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2009\u202f"), " ")
# Words that never start or end a name.
EDGE_WORDS = STOP_WORDS | JOINERS
LINKS = CONNECTORS | JOINERS
# Prepositions, articles and pronouns: title case capitalises them, names do not.
TITLE_CASE_FUNCTION_WORDS = frozenset(
    {"a", "an", "and", "at", "between", "by", "from", "in", "into", "or", "our"}
    | {"the", "their", "this", "through", "toward", "towards", "with", "within"}
)
MAX_CONNECTORS_IN_A_ROW = 2


class Word(NamedTuple):
    """A word of a sentence: as written, whether it opens a clause, its joint, span.

    ``joined`` is True when only spaces separate it from the word before, so
    the two can belong to one name; punctuation between them never can.
    """

    text: str
    opens: bool
    joined: bool
    start: int
    end: int


def normalise(text: str) -> str:
    """``text`` without soft hyphens and zero-width marks, odd spaces as spaces.

    Typeset text hides soft hyphens inside words ("Pre\u00adsident"); left in,
    they would split one word into two names.
    """
    if text.isascii():  # most sentences: nothing to replace, and no copy made
        return text
    return text.translate(_INVISIBLE).translate(_SPACES)


@lru_cache(maxsize=1 << 16)
def trimmed(raw: str) -> str:
    """A word without the punctuation around it; abbreviations keep their dots."""
    if _DOTTED.fullmatch(raw) or _INITIAL.fullmatch(raw) or is_title_abbreviation(raw):
        return raw
    if _DOTTED_END.search(raw):
        return raw.lstrip(_EDGE)
    if _PLURAL_POSSESSIVE.search(raw.rstrip(".")):
        return raw.rstrip(".").lstrip(_EDGE)
    word = raw.strip(_EDGE)
    return _LETTER_FRAGMENT.sub("", word) if "-" in word else word


def words_of(text: str) -> list[Word]:
    """The words of a sentence, in order, with their edges trimmed."""
    found: list[Word] = []
    previous_end = 0
    opens = True
    for match in _WORD.finditer(text):
        raw = match.group()
        word = trimmed(raw)
        if not word:
            continue
        start = match.start() + raw.find(word)
        gap = text[previous_end:start]
        joined = bool(found) and not gap.strip()
        opens = opens or ":" in gap
        found.append(Word(word, opens, joined, start, start + len(word)))
        opens = False
        previous_end = start + len(word)
    return found


@lru_cache(maxsize=1 << 16)
def without_possessive(word: str) -> str:
    """``word`` without a trailing 's or s' (DPRK's -> DPRK, Leaders' -> Leaders)."""
    if not word.endswith(_POSSESSIVE_ENDS):
        return word
    bare = re.sub(r"['’]s$|['’]$", "", word)
    return bare or word


@lru_cache(maxsize=1 << 16)
def acronym_of(part: str) -> str | None:
    """``part`` as an acronym, or None: 2+ capitals, digits allowed, plural dropped."""
    part = without_possessive(part)
    if _DOTTED.fullmatch(part):
        return part
    if part.endswith("s") and _ACRONYM.fullmatch(part[:-1]):
        part = part[:-1]
    if not _ACRONYM.fullmatch(part) or sum(c.isupper() for c in part) < 2:
        return None
    if _ROMAN.fullmatch(part) or _FISCAL_YEAR.fullmatch(part):
        return None
    return None if part in TIME_ACRONYMS else part


def acronyms_in(word: str) -> list[str]:
    """The acronyms a word is or holds: KSS-III whole, ASEAN of ASEAN-led."""
    whole = acronym_of(word)
    if whole is not None:
        return [whole]
    parts = (acronym_of(p) for p in re.split(r"-(?![A-Z]\.)", word))
    return [p for p in parts if p is not None]


def only_an_acronym(word: str) -> bool:
    """True for ROK, ASEAN-led, U.S.-made: counted as their acronyms already."""
    if acronym_of(word) is not None:
        return True
    parts = re.split(r"-(?![A-Z]\.)", word)
    return any(acronym_of(p) for p in parts) and not any(
        is_capitalised(p) and acronym_of(p) is None for p in parts
    )


def is_capitalised(word: str) -> bool:
    """True when a word starts with a capital letter (Pacific, G7, ROK)."""
    return word[0].isupper()


def is_all_capitals(word: str) -> bool:
    """True for a word written in capitals only (FREEDOM, U.S.-ROK, KSS-III)."""
    return word.upper() == word and any(c.isalpha() for c in word)


def breaks_a_name(word: str) -> bool:
    """True for words no name holds: numbers, years, months and weekdays."""
    return (
        word[0].isdigit()
        or word.lower().rstrip(".") in DATE_WORDS
        or _FISCAL_YEAR.fullmatch(word) is not None
    )


def _can_join(after: list[Word], word: Word) -> bool:
    """May ``word``, a connector or joiner, continue a capitalised run?

    ``after`` holds the connectors already waiting since the run's last
    capitalised word; a joiner ("and") is never followed by a connector.
    """
    lower = word.text.lower()
    if lower in JOINERS:
        return not after
    return (
        word.text == lower
        and lower in CONNECTORS
        and len(after) < MAX_CONNECTORS_IN_A_ROW
        and not any(w.text in JOINERS for w in after)
    )


def capitalised_runs(words: list[Word]) -> Iterator[tuple[Word, ...]]:
    """Runs of capitalised words joined by spaces, connectors and joiners.

    split_at_joiners then decides which "and" belongs to a name.
    """
    run: list[Word] = []
    after: list[Word] = []
    for word in [*words, Word(".", False, False, -1, -1)]:
        capital = is_capitalised(word.text) and not breaks_a_name(word.text)
        if capital and run and _is_title_case_function_word(word.text):
            capital = False  # "Meetings Between Foreign Ministers": two names
        if run and word.joined and capital:
            run += [*after, word]
            after = []
            continue
        if run and word.joined and _can_join(after, word):
            after.append(word)
            continue
        if run:
            yield tuple(run)
        run, after = ([word] if capital else []), []


def _is_title_case_function_word(word: str) -> bool:
    """True for a function word capitalised inside a run, as title case writes it.

    Names keep their prepositions in lower case ("Friends of the Mekong"); a
    capitalised one ("Between") marks a heading's title case, not a name.
    """
    return word.lower() in TITLE_CASE_FUNCTION_WORDS and not is_all_capitals(word)


def _keeps_joiner(run: tuple[str, ...], at: int) -> bool:
    """Does the "and" at ``run[at]`` belong to the name?

    Yes when a connector comes before it and none after ("Institute of
    Standards and Technology"), or when one word, not an acronym, comes before
    it and two or more after ("Commerce and Industry Ministers"). No between
    two names ("President Yoon and Prime Minister Kishida", "Seoul and Tokyo",
    "ASEAN and Pacific Island countries"). Yes too when a common noun of
    bodies ends the words after it and not those before it ("Defense Science
    and Technology Cooperation Group").
    """
    before, rest = run[:at], run[at + 1 :]
    if not before or not rest or any(w in CONNECTORS for w in rest):
        return False
    if any(w in CONNECTORS for w in before):
        return True
    single = len(before) == 1 and acronym_of(before[0]) is None
    single = single and not any(c.isdigit() for c in before[0])  # G7 is a name
    if single and len(rest) >= 2:
        return True
    return _is_generic(rest[-1]) and not _is_generic(before[-1])


def _is_generic(word: str) -> bool:
    """True for a common noun of bodies and documents: Group, Agency, Treaty."""
    return without_possessive(word).lower() in GENERIC_NOUNS


def split_at_joiners(run: tuple[Word, ...]) -> list[tuple[Word, ...]]:
    """The names a run holds, cut at every "and" that joins two names."""
    texts = tuple(w.text for w in run)
    pieces: list[tuple[Word, ...]] = []
    start = 0
    for at, word in enumerate(texts):
        if word.lower() in JOINERS and not _keeps_joiner(texts, at):
            pieces.append(run[start:at])
            start = at + 1
    pieces.append(run[start:])
    return [p for p in pieces if p]


def is_title_abbreviation(word: str) -> bool:
    """True for an abbreviated title with its dot: "Cpl.", "Dr.", "Jr."."""
    return word.endswith(".") and word[:-1].lower() in TITLE_ABBREVIATIONS


def _is_edge(word: Word, last: bool = False) -> bool:
    """True for a word no name starts or ends with: The, and, an initial.

    A capitalised number word belongs to its name ("Three Principles"); an
    abbreviated title starts a person's name ("Cpl. Han") but ends none.
    """
    lower = word.text.lower()
    if lower in NUMBER_WORDS and is_capitalised(word.text) and not word.opens:
        return False
    edge = without_possessive(lower) in EDGE_WORDS
    if last and is_title_abbreviation(word.text):
        return True
    return edge or _INITIAL.fullmatch(word.text) is not None


def trim(run: tuple[Word, ...]) -> tuple[Word, ...]:
    """A run without function words or initials at its ends, or a nationality.

    A leading nationality adjective goes only before a title ("Japanese Prime
    Minister Kishida"); in a name it stays ("Asian Development Fund").
    """
    words = list(run)
    while words and _is_edge(words[0]):
        words.pop(0)
    while words and _is_edge(words[-1], last=True):
        words.pop()
    for size in (2, 1):
        head = " ".join(w.text for w in words[:size])
        rest = words[size:]
        if is_nationality(head) and rest and rest[0].text.lower() in TITLE_WORDS:
            return trim(tuple(rest))
    return tuple(words)
