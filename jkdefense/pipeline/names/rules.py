"""What a sentence offers as a name: headings left out, persons and roles told apart.

A sentence gives acronyms, capitalised runs (judged later, once the whole
feed says which opening words are names), lower-case terms that recur and
lower-case terms that name a thing of the trade ("nuclear-powered attack
submarines", "shipbuilding working group").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import things, tokens
from .tokens import Word
from .words import (
    CONNECTORS,
    GENERIC_NOUNS,
    JOINERS,
    STOP_WORDS,
    TITLE_NOUNS,
    TITLE_WORDS,
)

_TWO_CAPITALS = re.compile(r"[A-Z][^A-Z]*[A-Z]")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_LOWER = re.compile(r"[a-zß-öø-ÿ]")
_SENTENCE_END = tuple(".!?:;")
_CLOSERS = "\"'”’)]»"
# A person's name: capitalised, an initial, or a Korean given name (Won-sik).
_PERSON_WORD = re.compile(r"[A-Z][A-Za-z'’]*(?:-[a-z]{1,3})?|[A-Z]\.")


@dataclass
class Found:
    """What one sentence offers: acronyms, capitalised runs, lower-case terms."""

    sentence_id: str
    source_id: str
    acronyms: set[str] = field(default_factory=set)
    # (words, whether the first word opens the clause, whether a colon follows)
    runs: list[tuple[tuple[Word, ...], bool, bool]] = field(default_factory=list)
    terms: set[str] = field(default_factory=set)  # lower-case, recurring if at all
    things: set[str] = field(default_factory=set)  # lower-case names of things
    # Capitalised words that do not open a clause: evidence they are names.
    capitals: set[str] = field(default_factory=set)


def is_heading(text: str) -> bool:
    """True for a sentence set in capitals: every word of it would look a name.

    Four capitals to one small letter at least: "FREEDOM EDGE ended." is none.
    """
    upper = len(text) - len(_UPPER.sub("", text))
    lower = len(text) - len(_LOWER.sub("", text))
    return upper > 0 and upper >= 4 * lower


def is_title_case_heading(text: str, words: list[Word]) -> bool:
    """True for a line in title case with no closing stop: a section heading.

    "Strengthening our Defense and Security Cooperation" is a heading; a
    sentence ends with a stop and writes its ordinary words in lower case.
    """
    if not words or text.rstrip().rstrip(_CLOSERS).endswith(_SENTENCE_END):
        return False
    lower = [w.text for w in words if not tokens.is_capitalised(w.text)]
    return all(w in STOP_WORDS or w in JOINERS for w in lower)


def run_in_heading_end(text: str, words: list[Word]) -> int:
    """Where a heading in capitals run into the sentence ends (0: none).

    "ENHANCING COMMERCIAL TIES: The two leaders ..." starts with one: two or
    more words in capitals followed by a colon, by a word in title case, or
    by nothing.
    """
    count = 0
    while count < len(words) and tokens.is_all_capitals(words[count].text):
        count += 1
    if count < 2:
        return 0
    if count == len(words):
        return len(text)
    after = text[words[count - 1].end : words[count].start]
    following = words[count].text
    if ":" in after or (following[:1].isupper() and following[1:2].islower()):
        return words[count].start
    return 0


@lru_cache(maxsize=1 << 16)
def person_span(words: tuple[str, ...]) -> tuple[int, int] | None:
    """Where a title followed by a name lies in ``words`` (None: nowhere).

    In "Republic of Korea National Security Advisor Shin Wonsik" the person
    is "National Security Advisor Shin Wonsik": the title's words before its
    noun ("Advisor"), words after it that qualify it ("Secretary of Defense"),
    then the name, up to a word no name holds ("President Lee of the ROK").
    """
    lowered = [tokens.without_possessive(w).lower() for w in words]
    nouns = [
        i
        for i, w in enumerate(lowered)
        if w in TITLE_NOUNS or tokens.is_title_abbreviation(words[i])
    ]
    if not nouns:
        return None
    start, end = nouns[0], nouns[0] + 1
    while start > 0 and lowered[start - 1] in TITLE_WORDS:
        start -= 1
    while end < len(words) and (
        lowered[end] in TITLE_WORDS
        or (lowered[end] in CONNECTORS and lowered[end + 1 : end + 2] != [])
        and lowered[end + 1] in TITLE_WORDS
    ):
        end += 1
    if words[end - 1] != tokens.without_possessive(words[end - 1]):
        return None  # "G7 Leaders' Hiroshima Vision": the title owns, names none
    name_end = end
    while name_end < len(words) and _is_person_word(words[name_end]):
        name_end += 1
    if name_end < len(words) and lowered[name_end] in GENERIC_NOUNS:
        return None  # "Leaders Training Program": a name of a program
    return (start, name_end) if name_end > end else None


def _is_person_word(word: str) -> bool:
    """True for a word a person's name may hold: Yoon, J., Won-sik; not Summit."""
    bare = tokens.without_possessive(word)
    lower = bare.lower()
    return (
        _PERSON_WORD.fullmatch(bare) is not None
        and lower not in GENERIC_NOUNS
        and lower not in TITLE_WORDS
        and lower not in STOP_WORDS
    )


@lru_cache(maxsize=1 << 16)
def role_span(words: tuple[str, ...]) -> int:
    """How many first words name an office without a person (0: none).

    All of "Vice Foreign Ministers" and "Deputy Secretary of State"; the
    first three of "Vice Foreign Ministers of the Quad", up to a connector.
    """
    lowered = [tokens.without_possessive(w).lower() for w in words]
    end = 0
    while end < len(words) and (
        lowered[end] in TITLE_WORDS or lowered[end] in CONNECTORS | JOINERS
    ):
        end += 1
    while end and lowered[end - 1] in CONNECTORS | JOINERS:
        end -= 1
    if not any(w in TITLE_NOUNS for w in lowered[:end]):
        return 0
    return end if end == len(words) or lowered[end] in CONNECTORS else 0


def read_sentence(sentence_id: str, source_id: str, text: str) -> Found:
    """Everything one sentence may offer as a name, before any counting."""
    found = Found(sentence_id, source_id)
    text = tokens.normalise(text)
    words = tokens.words_of(text)
    if is_heading(text) or is_title_case_heading(text, words):
        return found
    heading_end = run_in_heading_end(text, words)
    if heading_end:
        text = text[heading_end:]
        words = tokens.words_of(text)
    runs = list(tokens.capitalised_runs(words))
    in_capitals = _spans_of_names_in_capitals(runs)
    for word in words:
        inside = any(s <= word.start and word.end <= e for s, e in in_capitals)
        if not inside and _TWO_CAPITALS.search(word.text):
            found.acronyms.update(tokens.acronyms_in(word.text))
    for run in runs:
        label = run[0].opens and ":" in text[run[-1].end :].lstrip()[:1]
        for number, piece in enumerate(tokens.split_at_joiners(run)):
            kept = tokens.trim(piece)
            if kept:
                at_start = number == 0 and kept[0] is piece[0] and piece[0].opens
                found.runs.append((kept, at_start, label))
    found.terms, found.things = things.lower_case_names(words)
    found.capitals = {
        tokens.without_possessive(w.text)
        for w in words
        if not w.opens and tokens.is_capitalised(w.text)
    }
    return found


def _spans_of_names_in_capitals(runs: list[tuple[Word, ...]]) -> list[tuple[int, int]]:
    """Where a name of two or more words in capitals lies (FREEDOM EDGE, KISHIDA).

    Its words are one name, not acronyms each; so is a surname in capitals
    inside a person's name ("Prime Minister KISHIDA Fumio").
    """
    spans = []
    for run in runs:
        texts = tuple(w.text for w in run)
        if len(run) > 1 and all(tokens.is_all_capitals(w) for w in texts):
            spans.append((run[0].start, run[-1].end))
        person = person_span(texts)
        if person is not None:
            spans.append((run[person[0]].start, run[person[1] - 1].end))
    return spans
