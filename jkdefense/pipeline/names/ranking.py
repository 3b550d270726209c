"""Which new names come first: names before words, news before habits.

Rows rank by tier: acronyms and capitalised names first (the exercises,
mechanisms, programs and systems a reader may promote), then lower-case
names of things, then persons, then roles and common phrases. Within a tier,
a name the feed's other articles keep using comes last (in the view of one
article, the feed's habit is not news: see habit_from), then the most
articles, then a name of security affairs, the most sentences, the name.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable

import ahocorasick
import pandas as pd

from . import rules, tally
from .known import KnownNames, name_key
from .tokens import normalise, without_possessive
from .words import SECURITY_WORDS

CSV_HEADER = ("name", "articles", "sentences", "example_sentence_id")
# kind: acronym, name, term, person, role or phrase; feed_articles: articles of
# the whole feed that use the name; variants: its other spellings.
COLUMNS = (*CSV_HEADER, "kind", "feed_articles", "variants")
# Joins sentences into one text to read at once (a few calls instead of one per
# sentence): no spelling holds it, so no match runs from one sentence into the
# next, and it marks where each sentence starts.
SENTENCE_JOINT = "\x00"
TIERS = {"acronym": 0, "name": 0, "term": 1, "person": 2, "role": 3, "phrase": 3}


def is_of_security(name: str) -> bool:
    """True for a name of security affairs: a word of them, or codename capitals.

    "Nuclear Consultative Group", "U.S. Forces Korea", "FREEDOM EDGE".
    """
    if name.upper() == name:  # an acronym is no word: JET is no jet
        return len(name.split()) > 1
    return not SECURITY_WORDS.isdisjoint(name_key(name).split())


def sentence_rows(
    sentences: pd.DataFrame | Iterable[tuple[str, str, str]],
) -> list[tuple[str, str, str]]:
    """(sentence_id, source_id, text) rows of a frame or of an iterable."""
    if isinstance(sentences, pd.DataFrame):
        # Column lists zipped: itertuples takes 7 µs a row on Arrow strings.
        columns = ("sentence_id", "source_id", "text")
        return list(zip(*(sentences[c].tolist() for c in columns), strict=True))
    return [tuple(row) for row in sentences]


def find_new_names(
    sentences: pd.DataFrame | Iterable[tuple[str, str, str]],
    known: Iterable[str],
    view: Collection[str] | None = None,
) -> pd.DataFrame:
    """The names the articles ``view`` use that ``known`` does not, ranked.

    ``sentences``: a frame with sentence_id, source_id and text, or
    (sentence_id, source_id, text) tuples, in feed order: the whole feed,
    whose capitals and lower-case words judge the names. ``view``: the
    articles to list (None: all). Returns COLUMNS, ranked (see the module).
    """
    rows = sentence_rows(sentences)
    mine = [row for row in rows if view is None or row[1] in view]
    finds = [rules.read_sentence(*row) for row in mine]
    texts = [normalise(row[2]) for row in rows]
    evidence = set().union(*(found.capitals for found in finds))
    if len(mine) < len(rows):  # the rest of the feed, read only for what is asked
        rest = [t for row, t in zip(rows, texts, strict=True) if row[1] not in view]
        evidence |= capitalised_within(_openers(finds) - evidence, rest)
    index = KnownNames(known)
    tallies = tally.count(finds, evidence, index)
    tally.drop_noise(tallies, index)
    tally.drop_shorter_terms(tallies)
    lower = written_lower_case(
        {k: t.spellings for k, t in tallies.items() if t.kind in ("name", "role")},
        texts,
    )
    for key in lower:
        if not (tallies[key].kinds["term"] or tallies[key].labelled):
            del tallies[key]
    tally.join_persons(tallies)
    by_article = defaultdict(list)
    for (_, source_id, _), text in zip(rows, texts, strict=True):
        by_article[source_id].append(text)
    feed = articles_using({k: t.spellings for k, t in tallies.items()}, by_article)
    order = {row[0]: at for at, row in enumerate(mine)}
    others = len(by_article) - len({row[1] for row in mine})
    return rank(tallies, feed, order, habit_from(others))


def _openers(finds: list[rules.Found]) -> set[str]:
    """The words that open a clause and a capitalised run: names only if seen so."""
    return {
        without_possessive(run[0].text)
        for found in finds
        for run, at_start, _ in found.runs
        if at_start
    }


def capitalised_within(words: set[str], texts: list[str]) -> set[str]:
    """The ``words`` some text writes capitalised where no clause opens.

    Evidence that a word opening a sentence is a name ("Jeju"), not a word
    capitalised by its place ("Exercises"); read without reading every word.
    """
    automaton = _automaton({word: [word] for word in words}, lower=False)
    if automaton is None:
        return set()
    joined = SENTENCE_JOINT.join(texts)
    return _keys_in(automaton, joined, possessive=True, counts=_within_clause)


def _within_clause(text: str, start: int) -> bool:
    """True when a word, not a sentence's start or a colon, comes before ``start``."""
    at = start - 1
    while at >= 0 and text[at].isspace():
        at -= 1
    return at >= 0 and text[at] not in (SENTENCE_JOINT, ":")


def habit_from(other_articles: int) -> int:
    """How many other articles of the feed make a name its habit, not news.

    A fifth of them, and two at least: in a view of one article, a name the
    feed keeps using ranks after one it brings.
    """
    return max(2, math.ceil(other_articles / 5))


def rank(
    tallies: dict[str, tally.Tally],
    feed: Counter[str],
    order: dict[str, int],
    habit: int,
) -> pd.DataFrame:
    """The tallies as rows of COLUMNS, ranked (see the module)."""
    rows = []
    for key, found in tallies.items():
        name = found.name
        articles = len(found.articles)
        feed_articles = max(feed[key], articles)
        example = min(found.sentences, key=order.__getitem__)
        variants = sorted(
            (s for s in found.spellings if s != name),
            key=lambda s: (-found.spellings[s], s),
        )
        sort_key = (TIERS[found.kind], feed_articles - articles >= habit, -articles)
        sort_key += (not is_of_security(name), -len(found.sentences), name)
        rows.append(
            (sort_key, name, articles, len(found.sentences), example, found.kind)
            + (feed_articles, "; ".join(variants))
        )
    rows.sort(key=lambda row: row[0])
    return pd.DataFrame([row[1:] for row in rows], columns=list(COLUMNS))


def _automaton(
    spellings: dict[str, Iterable[str]], lower: bool = True
) -> ahocorasick.Automaton | None:
    """An automaton of every spelling (in lower case unless not ``lower``)."""
    automaton = ahocorasick.Automaton()
    for key, names in spellings.items():
        for name in names:
            phrase = name.lower() if lower else name
            automaton.add_word(phrase, (key, phrase))
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton


def _keys_in(
    automaton: ahocorasick.Automaton,
    text: str,
    possessive: bool = False,
    counts: Callable[[str, int], bool] | None = None,
) -> set[str]:
    """The keys of the spellings ``text`` holds as whole words, as written.

    With ``possessive``, a spelling followed by 's counts too ("Jeju's"); with
    ``counts``, only a place (text, start) it accepts. A key is looked at only
    until found: a long feed repeats its names hundreds of times.
    """
    found: set[str] = set()
    for end, (key, phrase) in automaton.iter(text):
        if key in found:
            continue
        start = end + 1 - len(phrase)
        before = text[start - 1] if start else " "
        rest = text[end + 1 : end + 4]  # what follows, without copying the rest
        if possessive and rest[:2] in ("'s", "’s"):
            rest = rest[2:]
        after = rest[:1] or " "
        if (
            not (before.isalnum() or before in "_-")
            and not (after.isalnum() or after in "_-")
            and (counts is None or counts(text, start))
        ):
            found.add(key)
    return found


def written_lower_case(
    spellings: dict[str, Iterable[str]], texts: list[str]
) -> set[str]:
    """The keys of capitalised names some text also writes in lower case.

    A name the sentences also write in lower case is a common phrase in title
    case ("Foreign Ministers", "Leaders"), not a name; so a single
    capitalised word counts only if never written in lower case (Ukraine).
    """
    automaton = _automaton(spellings)
    if automaton is None:
        return set()
    return _keys_in(automaton, SENTENCE_JOINT.join(texts))


def articles_using(
    spellings: dict[str, Iterable[str]], texts_by_article: dict[str, list[str]]
) -> Counter[str]:
    """How many articles use each key, in any spelling and any case."""
    automaton = _automaton(spellings)
    used: Counter[str] = Counter()
    if automaton is None:
        return used
    for texts in texts_by_article.values():
        used.update(_keys_in(automaton, SENTENCE_JOINT.join(texts).lower()))
    return used
