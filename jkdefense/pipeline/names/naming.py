"""From a capitalised run to the names it gives: opening words, owners, persons.

Noise kept out: the first word of a sentence (or of a clause after a colon)
counts only if the sentences also capitalise it mid-sentence, or if it opens
a label the sentence runs into ("Multi-year Trilateral Exercise Plan: ...")
and is no verb; otherwise it is dropped from the front of a name, and alone
it is no name. An owner is a name of its own ("Japan's National Security
Strategy" gives "Japan" and "National Security Strategy"). A title followed by a
name is a person; a title alone a role ("Vice Foreign Ministers"). Alone, a
common noun capitalised as a back-reference ("the Alliance"), a title word or
a nationality is no name.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import rules, tokens
from .known import KnownNames
from .tokens import Word
from .words import (
    CONNECTORS,
    GENERIC_NOUNS,
    MODIFIERS,
    TITLE_WORDS,
    is_nationality,
    is_verb,
)

TIES = frozenset({"on", "for", "to"})
PLURALS = frozenset({"children", "men", "people", "women"})
MAX_NAME_WORDS = 12  # more is a title-case heading, not a name


def names_of_run(
    run: tuple[Word, ...],
    at_start: bool,
    label: bool,
    evidence: set[str],
    known: KnownNames,
) -> Iterator[tuple[str, str]]:
    """Each (name, kind) a run gives: kind is name, person or role."""
    opener = tokens.without_possessive(run[0].text)
    if at_start and label and is_verb(opener.lower()):
        return  # "Countering Foreign Information Manipulation:" says what is done
    label = label and len(run) > 1  # "Credit: ..." labels nothing
    titled = rules.person_span(tuple(w.text for w in run)) is not None
    if at_start and not (label or titled) and opener not in evidence:
        run = tokens.trim(run[1:])
    for piece in _owner_and_owned(run):
        piece = _without_known_place(piece, known)
        if piece:
            yield from _names_and_persons(piece)


def _without_known_place(run: tuple[Word, ...], known: KnownNames) -> tuple[Word, ...]:
    """The run after a known name a connector ties to it: "Japan on AUKUS Pillar II".

    A name does not start with a country "on", "for" or "to" something; the
    sentence does ("cooperation with Japan on ...").
    """
    for at, word in enumerate(run[1:-1], start=1):
        if word.text in TIES and known.made_of(" ".join(w.text for w in run[:at])):
            return tokens.trim(run[at + 1 :])
    return run


def _owner_and_owned(run: tuple[Word, ...]) -> list[tuple[Word, ...]]:
    """The run cut after each owner: "Japan's National Security Strategy" is two.

    A plural without an s owns as part of its name ("People's Republic of
    China", "Women's Empowerment Initiative").
    """
    for at, word in enumerate(run[:-1]):
        bare = tokens.without_possessive(word.text)
        if bare != word.text and word.text[-1] in "sS" and bare.lower() not in PLURALS:
            owner = tokens.trim(run[: at + 1])
            return [p for p in (owner, *_owner_and_owned(run[at + 1 :])) if p]
    return [run]


def _names_and_persons(run: tuple[Word, ...]) -> Iterator[tuple[str, str]]:
    """The persons, roles and names of a run, each with its kind."""
    texts = tuple(w.text for w in run)
    span = rules.person_span(texts)
    if span is not None:
        start, end = span
        yield spelling(texts[start:end]), "person"
        for rest in (run[:start], run[end:]):
            rest = tokens.trim(rest)
            if rest:
                yield from _names_and_persons(rest)
        return
    role = rules.role_span(texts)
    if role == len(texts):
        yield spelling(texts), "role"
    elif role:
        yield spelling(texts[:role]), "role"  # "Vice Foreign Ministers of the Quad"
        yield from _names_and_persons(tokens.trim(run[role:]))
    elif is_name(texts):
        yield spelling(texts), "name"


def is_name(words: tuple[str, ...]) -> bool:
    """True for words that may be a name by their shape alone.

    Not a heading in title case (too many words), not a lone acronym (counted
    as one already), not a lone common noun, title word or nationality.
    """
    if len(words) > MAX_NAME_WORDS:
        return False
    if len(words) > 1:
        return not all(map(_is_generic, words))
    word = tokens.without_possessive(words[0])
    lower = word.lower()
    return not (
        tokens.only_an_acronym(word)
        or tokens.is_title_abbreviation(word)
        or lower in GENERIC_NOUNS
        or lower in TITLE_WORDS
        or is_nationality(word)
    )


def spelling(words: tuple[str, ...]) -> str:
    """The name as the list shows it: its words, the last without a possessive."""
    return " ".join((*words[:-1], tokens.without_possessive(words[-1])))


def _is_generic(word: str) -> bool:
    """True for a word of common names: "Joint Statement" names nothing."""
    lower = tokens.without_possessive(word).lower()
    return lower in GENERIC_NOUNS or lower in MODIFIERS or lower in CONNECTORS
