"""Counting the candidates of the sentences in view, one row per name.

Spellings that differ only in case, dots, hyphens or spaces, or in a leading
qualifier or designator, are one row, shown in the capitalised spelling most
sentences use ("FREEDOM EDGE" and "Freedom Edge"; "Annual Trilateral
Indo-Pacific Dialogue" and "Trilateral Indo-Pacific Dialogue"); a person's
shorter forms join the person ("Akiba" and "National Security Advisor
Akiba" join "National Security Advisor Akiba Takeo").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from . import rules
from .known import KnownNames, name_key
from .naming import names_of_run
from .words import CONNECTORS, DATE_WORDS, MODIFIERS, TITLE_WORDS

# Sentences a common lower-case phrase must recur in, by its words: two words
# in a row recur by chance far more often than three.
MIN_PHRASE_SENTENCES = {2: 3, 3: 2}
# When one key is counted as several kinds, the row takes the first of these.
# Words set before a codename: "Exercise Freedom Edge", "Operation Pacific Eagle".
DESIGNATORS = frozenset({"exercise", "operation"})
KIND_ORDER = ("person", "acronym", "name", "role", "term", "phrase")


@dataclass
class Tally:
    """How a name is used: as which kinds, spelt how, in which sentences."""

    kinds: Counter[str] = field(default_factory=Counter)
    spellings: Counter[str] = field(default_factory=Counter)
    sentences: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    # Used as the label a sentence runs into ("Commitment to Consult: ..."):
    # a name even where the feed also writes its words in lower case.
    labelled: bool = False

    @property
    def kind(self) -> str:
        """The kind the row shows: a person or acronym before a name, a term last."""
        return next(k for k in KIND_ORDER if self.kinds[k])

    @property
    def name(self) -> str:
        """The spelling most sentences use; a person's fullest form."""
        if self.kind == "person":
            return max(self.spellings, key=lambda s: (len(s.split()), len(s)))
        capitalised = [s for s in self.spellings if s != s.lower()] or self.spellings
        return max(capitalised, key=lambda s: (self.spellings[s], len(s)))

    def absorb(self, other: Tally) -> None:
        """Count ``other``'s uses as this row's (a variant of the same name)."""
        self.kinds.update(other.kinds)
        self.spellings.update(other.spellings)
        self.sentences |= other.sentences
        self.articles |= other.articles
        self.labelled |= other.labelled


def count(
    finds: list[rules.Found], evidence: set[str], known: KnownNames
) -> dict[str, Tally]:
    """Every candidate of every sentence, each once per sentence, by its key."""
    tallies: dict[str, Tally] = {}
    for found in finds:
        candidates = [(name, "acronym", False) for name in sorted(found.acronyms)]
        for run, at_start, label in found.runs:
            for name, kind in names_of_run(run, at_start, label, evidence, known):
                if name not in found.acronyms:
                    candidates.append((name, kind, label and kind == "name"))
        candidates += [(thing, "term", False) for thing in sorted(found.things)]
        phrases = sorted(found.terms - found.things)
        candidates += [(phrase, "phrase", False) for phrase in phrases]
        for name, kind, label in candidates:
            _add(tallies, name, kind, found, label)
    return tallies


def _add(
    tallies: dict[str, Tally], name: str, kind: str, found: rules.Found, label: bool
) -> None:
    """Count one sentence that uses ``name`` as ``kind`` (``label``: as a label)."""
    key = merge_key(name) if kind == "name" else name_key(name)
    tally = tallies.get(key)
    if tally is None:
        tally = tallies[key] = Tally()
    if found.sentence_id not in tally.sentences:
        tally.kinds[kind] += 1
        tally.spellings[name] += 1
    tally.sentences.add(found.sentence_id)
    tally.articles.add(found.source_id)
    tally.labelled |= label


def merge_key(name: str) -> str:
    """A name's key without the qualifiers or designator it may or may not carry.

    "Annual Trilateral Indo-Pacific Dialogue" and "Trilateral Indo-Pacific
    Dialogue" are one row; so are "Exercise Freedom Edge" and "Freedom Edge".
    """
    words = name_key(name).split()
    while len(words) > 1 and (words[0] in MODIFIERS or words[0] in DESIGNATORS):
        words.pop(0)
    return " ".join(words)


def drop_noise(tallies: dict[str, Tally], known: KnownNames) -> None:
    """Leave out known names, dates, numbers and phrases that do not recur."""
    for key, tally in list(tallies.items()):
        words = key.split()
        dated = all(w[0].isdigit() or w.rstrip(".") in DATE_WORDS for w in words)
        size = len(tally.name.split())
        rare = tally.kind == "phrase" and (
            len(tally.sentences) < MIN_PHRASE_SENTENCES.get(size, 2)
        )
        if dated or rare or len(key) < 2 or any(map(known.knows, tally.spellings)):
            del tallies[key]


def drop_shorter_terms(tallies: dict[str, Tally]) -> None:
    """Keep one ending of a lower-case term, and no phrase found only in another.

    Of "possess counterstrike capabilities" and "counterstrike capabilities"
    the one more sentences use stays (at a tie, the longer); a phrase found
    only inside a longer term, in no more sentences, goes.
    """
    terms = {k: t for k, t in tallies.items() if t.kind in ("term", "phrase")}
    for key, tally in terms.items():
        words = key.split()
        for start in range(1, len(words) - 1):
            ending = tallies.get(" ".join(words[start:]))
            if ending is None or ending.kind != "term":
                continue
            if len(ending.sentences) > len(tally.sentences):
                tallies.pop(key, None)
            else:
                tallies.pop(" ".join(words[start:]), None)
        for size in range(2, len(words)):
            for start in range(len(words) - size + 1):
                part = " ".join(words[start : start + size])
                shorter = tallies.get(part)
                if (
                    shorter is not None
                    and shorter.kind == "phrase"
                    and len(shorter.sentences) <= len(tally.sentences)
                ):
                    del tallies[part]


def join_persons(tallies: dict[str, Tally]) -> None:
    """Join a person's shorter forms, and a lone word of a person's name, to them."""
    persons = sorted(
        (k for k, t in tallies.items() if t.kind == "person"),
        key=lambda k: (-len(_name_words(k)), -len(tallies[k].sentences), k),
    )
    for at, key in enumerate(persons):
        words = _name_words(key)
        fuller = next((p for p in persons[:at] if words <= _name_words(p)), None)
        if fuller is not None and fuller in tallies:
            tallies[fuller].absorb(tallies.pop(key))
    persons = [p for p in persons if p in tallies]
    for key, tally in list(tallies.items()):
        if tally.kind == "name" and len(key.split()) == 1:
            owner = next((p for p in persons if key in _name_words(p)), None)
            if owner is not None:
                tallies[owner].absorb(tallies.pop(key))


def _name_words(key: str) -> frozenset[str]:
    """The words of a person's key that name them, not their title."""
    return frozenset(
        w.rstrip(".") for w in key.split() if w not in TITLE_WORDS | CONNECTORS
    )
