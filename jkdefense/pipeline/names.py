"""New names the feed brings: names its sentences use that no curated row knows.

    jkdefense names [--source ID] [--csv] [--limit N]
    jkdefense names promote NAME --to TABLE:ID

Lists, ranked, the acronyms, capitalised names and recurring terms of the
sentences that are neither an alias nor an entity name of a curated table,
with how many articles and sentences use each and the first sentence that
does. ``--csv`` prints ``name,articles,sentences,example_sentence_id``.

``promote`` makes NAME an alias of the row ID of the curated table TABLE (it
appends NAME to that row's alias_names, leaving every other byte of the file
as it was) and re-derives, so the name leaves the list and its mentions show
on the pages. It refuses, with a one-line reason, exit status 1 and nothing
written: a table without alias_names, an ID the table does not have, a NAME
that is already an alias of any row.

What counts as a name (every rule is about English text, none about a feed):

- Acronym: a word of capitals and digits with 2+ capitals (GSOMIA, UNSC,
  KSS-III, R&D, U.N.; a plural "s" is dropped: ICBMs -> ICBM), also as part
  of a hyphenated word (ASEAN-led -> ASEAN). Not roman numerals, not fiscal
  years (FY2024), not time words (AM, PM).
- Capitalised name: capitalised words in a row with nothing but spaces
  between them. Inside, up to two lower-case connectors in a row (of, the,
  for, on, to, de: "Commitment to Consult", "Convention on the Law of the
  Sea"; not in or at, which mostly join a name to a place). "and" or "&"
  stays inside when a connector comes before it and none after ("Institute
  of Standards and Technology") or when one word (not an acronym) comes
  before it and two or more after ("Commerce and Industry Ministers");
  otherwise it separates two names ("President Yoon and Prime Minister
  Kishida", "Seoul and Tokyo"). Function words (The, We, In) and abbreviated
  titles (Cpl., Dr.) never start or end a name; a leading
  nationality adjective is dropped when two or more words remain ("Japanese
  Prime Minister Kishida" -> "Prime Minister Kishida"; "Korean Peninsula"
  stays). More than MAX_NAME_WORDS words is a title-case heading, not a name.
  A name the sentences also write in lower case is a common phrase in title
  case ("Foreign Ministers", "Leaders"), not a name; so a single capitalised
  word counts only if never written in lower case (Ukraine, Kishida).
- Recurring term: 2 or 3 lower-case words in a row, none a stop word or an
  adverb (closely, jointly), not starting with a common verb in any form
  (ensure, strengthening, shared), in MIN_TERM_SENTENCES sentences or more:
  3 for two words, 2 for three ("missile warning data"). A shorter term found
  only inside a longer one (in no more sentences) is left out.

Noise kept out: the first word of a sentence (or of a clause after a colon)
counts only if the sentences also capitalise it mid-sentence; otherwise it
is dropped from the front of a name, and alone it is no name. No nationality
adjectives (NATIONALITY_ADJECTIVES), months, weekdays or numbers (they also
end a name); no sentence set in capitals (a heading). Known names (every
alias and entity name of the tables with alias_names) are compared ignoring
case, hyphens, commas and spaces: a candidate equal to a known name, or part
of one ("Defense Force" of "Japan Air Self-Defense Force"), or made only of
known names, connectors and nationality adjectives ("U.S.-Japan", "Japan and
the ROK"), is not new; one that adds a word to a known name is ("Camp David
Trilateral Leaders' Summit", a plural of an alias).

Ranked by articles, then sentences (both most first), then name; the example
is the first sentence, in feed order, that uses the name.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import ahocorasick
import pandas as pd

from jkdefense.data import feed, load, paths, schema, writer
from jkdefense.pipeline import derive, staging

CSV_HEADER = ("name", "articles", "sentences", "example_sentence_id")
COLUMNS = (*CSV_HEADER, "kind")  # kind: acronym, name or term

NATIONALITY_ADJECTIVES = frozenset(
    {"african", "american", "arab", "asian", "australian", "british", "canadian"}
    | {"chinese", "dutch", "european", "filipino", "french", "german", "indian"}
    | {"indonesian", "iranian", "israeli", "italian", "japanese", "korean"}
    | {"malaysian", "mongolian", "north korean", "norwegian", "pakistani"}
    | {"philippine", "polish", "russian", "singaporean", "south korean"}
    | {"southeast asian", "soviet", "spanish", "swedish", "taiwanese", "thai"}
    | {"turkish", "ukrainian", "vietnamese"}
)
MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august"}
    | {"september", "october", "november", "december"}
    | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct"}
    | {"nov", "dec"}
)
WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)
DATE_WORDS = MONTHS | WEEKDAYS
TIME_ACRONYMS = frozenset({"AM", "PM", "FY", "CY", "BC", "BCE", "CE", "GMT", "UTC"})
# Lower-case words that may sit inside a capitalised name. Not "in" or "at":
# they far more often join a name to a place ("Summit in Seoul") than make one.
CONNECTORS = frozenset({"of", "the", "for", "on", "to", "de"})
JOINERS = frozenset({"and", "&"})  # join a single word to the rest (see above)
MAX_CONNECTORS_IN_A_ROW = 2
# Never the first or last word of a name; never a word of a recurring term.
STOP_WORDS = frozenset(
    {"a", "about", "above", "across", "after", "again", "against", "all", "also"}
    | {"although", "am", "among", "an", "and", "any", "are", "as", "at", "be"}
    | {"because", "been", "before", "being", "below", "between", "both", "but"}
    | {"by", "can", "could", "did", "do", "does", "doing", "during", "each"}
    | {"either", "even", "every", "few", "first", "for", "from", "further", "had"}
    | {"has", "have", "having", "he", "her", "here", "hers", "him", "his", "how"}
    | {"however", "i", "if", "in", "into", "is", "it", "its", "just", "last"}
    | {"least", "less", "many", "may", "me", "might", "more", "most", "much"}
    | {"must", "my", "neither", "new", "next", "no", "nor", "not", "now", "of"}
    | {"off", "on", "once", "one", "only", "or", "other", "our", "ours", "out"}
    | {"over", "own", "per", "same", "second", "several", "shall", "she"}
    | {"should", "since", "so", "some", "still", "such", "than", "that", "the"}
    | {"their", "theirs", "them", "then", "there", "these", "they", "third"}
    | {"this", "those", "three", "through", "thus", "to", "too", "two", "under"}
    | {"until", "up", "upon", "us", "very", "via", "was", "we", "well", "were"}
    | {"what", "when", "where", "whether", "which", "while", "who", "whom"}
    | {"whose", "why", "will", "with", "within", "without", "would", "yet", "you"}
    | {"your", "four", "five", "six", "seven", "eight", "nine", "ten"}
    | {"already", "always", "especially", "ever", "forward", "including"}
    | {"instead", "never", "often", "particularly", "rather", "regarding"}
    | {"together", "toward", "towards"}
)
# Common English verbs: a recurring term is a thing, so it never starts with one
# ("ensure safe", "discuss ways" are pieces of sentences, not terms).
VERBS = frozenset(
    {"achieve", "address", "advance", "affirm", "align", "allow", "announce"}
    | {"bolster", "bring", "build", "call", "coordinate", "counter", "continue"}
    | {"create", "deepen", "deliver", "deter", "develop", "discuss", "drive"}
    | {"enable", "enhance", "ensure", "establish", "expand", "face", "foster"}
    | {"give", "help", "hold", "identify", "implement", "improve", "include"}
    | {"increase", "keep", "launch", "lead", "leverage", "maintain", "make"}
    | {"meet", "mobilize", "oppose", "play", "prevent", "promote", "protect"}
    | {"provide", "pursue", "raise", "reaffirm", "reduce", "reinforce"}
    | {"remain", "respond", "seek", "share", "show", "stand", "strengthen"}
    | {"support", "take", "uphold", "urge", "use", "welcome", "work"}
)
# An adverb ("closely", "jointly") ends a term's meaning, not a thing's name.
ADVERB_ENDINGS = ("ally", "ively", "ously", "ently", "antly", "fully", "ately")
ADVERB_ENDINGS += ("ingly", "edly", "ely", "tly")
# Abbreviated titles: "Cpl. Han" is a person, "Cpl" alone no name.
TITLE_ABBREVIATIONS = frozenset(
    {"adm", "capt", "cmdr", "col", "cpl", "dr", "gen", "gov", "jr", "lt", "maj"}
    | {"mr", "mrs", "ms", "prof", "rep", "sen", "sgt", "sr"}
)
# Words that never start or end a name.
_EDGE_WORDS = STOP_WORDS | JOINERS | TITLE_ABBREVIATIONS
_LINKS = CONNECTORS | JOINERS
MAX_NAME_WORDS = 8
TERM_WORDS = (2, 3)
# Sentences a term must recur in, by its words: two words in a row recur by
# chance far more often than three.
MIN_TERM_SENTENCES = {2: 3, 3: 2}

# Words: split at spaces and hard punctuation; hyphens, dots and apostrophes stay
# inside a word and are trimmed from its ends (bar an acronym's dots, "U.S.").
_WORD = re.compile(r"[^\s,;:()\[\]{}\"“”‘!?/—–…|*]+")
_EDGE = ".'’-&‘"
_PLURAL_POSSESSIVE = re.compile(r"[A-Za-z]s['’]$")  # Leaders' keeps its apostrophe
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]*(?:-[A-Z0-9]+)*")
_ROMAN = re.compile(r"[IVXLC]+")
_FISCAL_YEAR = re.compile(r"(?:FY|CY)\d{2,4}")
_TERM_WORD = re.compile(r"[a-z][a-z-]*[a-z]")
_POSSESSIVE_ENDS = ("'", "’", "'s", "’s")
_TWO_CAPITALS = re.compile(r"[A-Z][^A-Z]*[A-Z]")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_LOWER = re.compile(r"[a-zß-öø-ÿ]")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2009\u202f"), " ")


class Word(NamedTuple):
    """A word of a sentence: as written, whether it opens a clause, and its joint.

    ``joined`` is True when only spaces separate it from the word before, so
    the two can belong to one name; punctuation between them never can.
    """

    text: str
    opens: bool
    joined: bool


@dataclass
class Found:
    """What one sentence offers: acronyms, capitalised runs, lower-case terms."""

    sentence_id: str
    source_id: str
    acronyms: set[str] = field(default_factory=set)
    # (words, whether the first word opens the sentence or a clause)
    runs: list[tuple[tuple[str, ...], bool]] = field(default_factory=list)
    terms: set[str] = field(default_factory=set)
    # Capitalised words that do not open a clause: evidence they are names.
    capitals: set[str] = field(default_factory=set)


@dataclass
class Tally:
    """How often a name is used: its articles, sentences and first sentence."""

    kind: str
    example: str
    sentences: int = 0
    articles: set[str] = field(default_factory=set)


def normalise(text: str) -> str:
    """``text`` without soft hyphens and zero-width marks, odd spaces as spaces.

    Typeset text hides soft hyphens inside words ("Pre\u00adsident"); left in,
    they would split one word into two names.
    """
    return text.translate(_INVISIBLE).translate(_SPACES)


def is_heading(text: str) -> bool:
    """True for a sentence set in capitals: every word of it would look a name."""
    upper = len(text) - len(_UPPER.sub("", text))
    lower = len(text) - len(_LOWER.sub("", text))
    return upper >= lower


def _trimmed(raw: str) -> str:
    """A word without the punctuation around it; an acronym keeps its dots."""
    if _DOTTED.fullmatch(raw):
        return raw
    word = raw.strip(_EDGE)
    if _PLURAL_POSSESSIVE.search(raw.rstrip(".")):
        return raw.rstrip(".").lstrip(_EDGE)
    return word


def words_of(text: str) -> list[Word]:
    """The words of a sentence, in order, with their edges trimmed."""
    found: list[Word] = []
    previous_end = 0
    opens = True
    for match in _WORD.finditer(text):
        raw = match.group()
        word = _trimmed(raw)
        if not word:
            continue
        start = match.start() + raw.find(word)
        gap = text[previous_end:start]
        joined = bool(found) and not gap.strip()
        opens = opens or ":" in gap
        found.append(Word(word, opens, joined))
        opens = False
        previous_end = start + len(word)
    return found


def without_possessive(word: str) -> str:
    """``word`` without a trailing 's or s' (DPRK's -> DPRK, Leaders' -> Leaders)."""
    if not word.endswith(_POSSESSIVE_ENDS):
        return word
    bare = re.sub(r"['’]s$|['’]$", "", word)
    return bare or word


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


def is_capitalised(word: str) -> bool:
    """True when a word starts with a capital letter (Pacific, G7, ROK)."""
    return word[0].isupper()


def breaks_a_name(word: str) -> bool:
    """True for words no name holds: numbers, years, months and weekdays."""
    return (
        word[0].isdigit()
        or word.lower().rstrip(".") in DATE_WORDS
        or _FISCAL_YEAR.fullmatch(word) is not None
    )


def _can_join(after: list[str], word: Word) -> bool:
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
        and not any(w in JOINERS for w in after)
    )


def capitalised_runs(words: list[Word]) -> Iterator[tuple[tuple[str, ...], bool]]:
    """Runs of capitalised words joined by spaces, connectors and joiners.

    Yields each run's words and whether its first word opens a clause;
    split_at_joiners then decides which "and" belongs to a name.
    """
    run: list[str] = []
    after: list[str] = []
    opens = False
    for word in [*words, Word(".", False, False)]:
        capital = is_capitalised(word.text) and not breaks_a_name(word.text)
        if run and word.joined and capital:
            run += [*after, word.text]
            after = []
            continue
        if run and word.joined and _can_join(after, word):
            after.append(word.text)
            continue
        if run:
            yield tuple(run), opens
        run, after = ([word.text] if capital else []), []
        opens = capital and word.opens


def _keeps_joiner(run: tuple[str, ...], at: int) -> bool:
    """Does the "and" at ``run[at]`` belong to the name?

    Yes when a connector comes before it and none after ("Institute of
    Standards and Technology"), or when one word, not an acronym, comes before
    it and two or more after ("Commerce and Industry Ministers"). No between
    two names ("President Yoon and Prime Minister Kishida", "Seoul and Tokyo",
    "ASEAN and Pacific Island countries").
    """
    before, rest = run[:at], run[at + 1 :]
    connector_after = any(w in CONNECTORS for w in rest)
    if any(w in CONNECTORS for w in before) and not connector_after:
        return True
    single = len(before) == 1 and acronym_of(before[0]) is None
    return single and len(rest) >= 2 and not connector_after


def split_at_joiners(run: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The names a run holds, cut at every "and" that joins two names."""
    pieces: list[tuple[str, ...]] = []
    start = 0
    for at, word in enumerate(run):
        if word.lower() in JOINERS and not _keeps_joiner(run, at):
            pieces.append(run[start:at])
            start = at + 1
    pieces.append(run[start:])
    return [p for p in pieces if p]


def trim(run: tuple[str, ...]) -> tuple[str, ...]:
    """A run without function words at its ends or a leading nationality adjective."""
    words = list(run)
    while words and words[0].lower() in _EDGE_WORDS:
        words.pop(0)
    while words and without_possessive(words[-1]).lower() in _EDGE_WORDS:
        words.pop()
    for size in (2, 1):
        head = " ".join(words[:size]).lower()
        if head in NATIONALITY_ADJECTIVES and len(words) - size >= 2:
            return trim(tuple(words[size:]))
    return tuple(words)


def is_verb(word: str) -> bool:
    """True for a common verb in any form: strengthen, strengthening, shared."""
    stems = {word}
    if word.endswith(("s", "d")):
        stems.add(word[:-1])  # supports, shared
    if word.endswith(("es", "ed")):
        stems.add(word[:-2])  # reaches, strengthened
    if word.endswith("ing"):
        stems |= {word[:-3], word[:-3] + "e"}  # building, making
    return not stems.isdisjoint(VERBS)


def is_term_word(word: str) -> bool:
    """True for a lower-case word a recurring term may hold: no stop word, no adverb."""
    return (
        _TERM_WORD.fullmatch(word) is not None
        and word not in STOP_WORDS
        and not (len(word) > 5 and word.endswith(ADVERB_ENDINGS))
    )


def lower_case_terms(words: list[Word]) -> set[str]:
    """Every 2- to 3-word run of term words that does not start with a verb."""
    terms: set[str] = set()
    run: list[str] = []
    for word in [*words, Word(".", False, False)]:
        plain = is_term_word(word.text)
        if plain and (word.joined or not run):
            run.append(word.text)
        else:
            run = [word.text] if plain else []
            continue
        for size in range(TERM_WORDS[0], TERM_WORDS[1] + 1):
            if len(run) >= size and not is_verb(run[-size]):
                terms.add(" ".join(run[-size:]))
    return terms


def read_sentence(sentence_id: str, source_id: str, text: str) -> Found:
    """Everything one sentence may offer as a name, before any counting."""
    found = Found(sentence_id, source_id)
    text = normalise(text)
    if is_heading(text):
        return found
    words = words_of(text)
    for word in words:
        if _TWO_CAPITALS.search(word.text):
            found.acronyms.update(acronyms_in(word.text))
    for run, opens in capitalised_runs(words):
        for number, piece in enumerate(split_at_joiners(run)):
            trimmed = trim(piece)
            if trimmed:
                at_start = opens and number == 0 and trimmed[0] == piece[0]
                found.runs.append((trimmed, at_start))
    found.terms = lower_case_terms(words)
    found.capitals = {
        without_possessive(w.text)
        for w in words
        if not w.opens and is_capitalised(w.text)
    }
    return found


def sentence_rows(
    sentences: pd.DataFrame | Iterable[tuple[str, str, str]],
) -> list[tuple[str, str, str]]:
    """(sentence_id, source_id, text) rows of a frame or of an iterable."""
    if isinstance(sentences, pd.DataFrame):
        columns = sentences[["sentence_id", "source_id", "text"]]
        return list(columns.itertuples(index=False, name=None))
    return [tuple(row) for row in sentences]


def _key(text: str) -> str:
    """How names compare: case, hyphens, commas and runs of spaces ignored."""
    plain = without_possessive(text).casefold().replace("’", "'")
    words = re.split(r"[\s\-,;:()\"“”]+", plain)
    return " ".join(w for w in words if w)


class KnownNames:
    """The names the curated tables know, for asking whether a candidate is new."""

    def __init__(self, known: Iterable[str]) -> None:
        """Index every known name and every run of its words."""
        self.whole: set[str] = set()
        self.parts: set[str] = set()
        for name in known:
            if not name.strip():
                continue
            key = _key(name)
            self.whole.add(key)
            words = key.split()
            for i in range(len(words)):
                for j in range(i + 1, len(words) + 1):
                    self.parts.add(" ".join(words[i:j]))
        self.whole |= NATIONALITY_ADJECTIVES
        self.longest = max((len(k.split()) for k in self.whole), default=1)

    def knows(self, candidate: str) -> bool:
        """True when ``candidate`` is known, part of a known name, or made of them."""
        key = _key(candidate)
        return key in self.parts or self._covered(key.split())

    def _covered(self, words: list[str]) -> bool:
        """True when known names, connectors and joiners make up every word."""
        i = 0
        while i < len(words):
            for size in range(min(self.longest, len(words) - i), 0, -1):
                if " ".join(words[i : i + size]) in self.whole:
                    i += size
                    break
            else:
                if words[i] not in _LINKS:
                    return False
                i += 1
        return True


def _written_lower_case(names: set[str], texts: list[str]) -> set[str]:
    """The capitalised ``names`` whose lower-case form some text also uses."""
    if not names:
        return set()
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name.lower(), name.lower())
    automaton.make_automaton()
    found: set[str] = set()
    for text in texts:
        for end, phrase in automaton.iter(text):
            start = end + 1 - len(phrase)
            before = text[start - 1] if start else " "
            after = text[end + 1] if end + 1 < len(text) else " "
            if not (before.isalnum() or before in "_-") and not (
                after.isalnum() or after in "_-"
            ):
                found.add(phrase)
    return {n for n in names if n.lower() in found}


def _count(tallies: dict[str, Tally], name: str, kind: str, found: Found) -> None:
    """Count one sentence that uses ``name``."""
    tally = tallies.get(name)
    if tally is None:
        tally = tallies[name] = Tally(kind, found.sentence_id)
    tally.sentences += 1
    tally.articles.add(found.source_id)


def _names_of_runs(found: Found, evidence: set[str]) -> set[str]:
    """The names a sentence's capitalised runs give, once its opening word is judged.

    An opening word without evidence elsewhere is an ordinary word capitalised
    by its place: it leaves the run, and alone it is no name.
    """
    names = set()
    for run, opens in found.runs:
        words = run
        if opens and without_possessive(words[0]) not in evidence:
            words = trim(words[1:])
        if not words or len(words) > MAX_NAME_WORDS:
            continue
        if len(words) == 1 and _only_an_acronym(words[0]):
            continue  # counted as an acronym
        names.add(" ".join(words[:-1] + (without_possessive(words[-1]),)))
    return names


def _only_an_acronym(word: str) -> bool:
    """True for ROK, ASEAN-led, U.S.-made: counted as their acronyms already."""
    if acronym_of(word) is not None:
        return True
    parts = re.split(r"-(?![A-Z]\.)", word)
    return any(acronym_of(p) for p in parts) and not any(
        is_capitalised(p) and acronym_of(p) is None for p in parts
    )


def _tally(finds: list[Found], evidence: set[str]) -> dict[str, Tally]:
    """Count every candidate of every sentence, each once per sentence."""
    tallies: dict[str, Tally] = {}
    for found in finds:
        for name in sorted(found.acronyms):
            _count(tallies, name, "acronym", found)
        for name in sorted(_names_of_runs(found, evidence) - found.acronyms):
            _count(tallies, name, "name", found)
        for term in sorted(found.terms):
            _count(tallies, term, "term", found)
    return tallies


def _is_noise(name: str, tally: Tally) -> bool:
    """Dates, numbers, nationality adjectives, rare terms: never a new name."""
    words = _key(name).split()
    if all(w[0].isdigit() or w.rstrip(".") in DATE_WORDS for w in words):
        return True
    if tally.kind == "term":
        return tally.sentences < MIN_TERM_SENTENCES[len(name.split())]
    return len(name) < 2


def _drop_shorter_terms(tallies: dict[str, Tally]) -> None:
    """Leave out a term found only inside a longer term, in as many sentences."""
    for term, tally in list(tallies.items()):
        if tally.kind != "term" or len(term.split()) != TERM_WORDS[1]:
            continue
        words = term.split()
        for part in (" ".join(words[:-1]), " ".join(words[1:])):
            shorter = tallies.get(part)
            if shorter is not None and shorter.sentences <= tally.sentences:
                del tallies[part]


def find_new_names(
    sentences: pd.DataFrame | Iterable[tuple[str, str, str]], known: Iterable[str]
) -> pd.DataFrame:
    """The names ``sentences`` use that ``known`` does not, ranked.

    ``sentences``: a frame with sentence_id, source_id and text, or
    (sentence_id, source_id, text) tuples, in feed order (the example is the
    first sentence that uses a name). Returns COLUMNS, most articles first,
    then most sentences, then by name.
    """
    rows = sentence_rows(sentences)
    finds, evidence = [], set()
    for sentence_id, source_id, text in rows:
        found = read_sentence(sentence_id, source_id, text)
        evidence |= found.capitals
        found.capitals = set()
        finds.append(found)
    tallies = _tally(finds, evidence)
    index = KnownNames(known)
    for name in list(tallies):
        if index.knows(name) or _is_noise(name, tallies[name]):
            del tallies[name]
    _drop_shorter_terms(tallies)
    capitalised = {n for n, t in tallies.items() if t.kind == "name"}
    for name in _written_lower_case(capitalised, [normalise(r[2]) for r in rows]):
        del tallies[name]
    return rank(tallies)


def rank(tallies: dict[str, Tally]) -> pd.DataFrame:
    """The tallies as a frame: most articles, then most sentences, then name."""
    frame = pd.DataFrame(
        [
            (name, len(t.articles), t.sentences, t.example, t.kind)
            for name, t in tallies.items()
        ],
        columns=list(COLUMNS),
    )
    frame = frame.sort_values(
        ["articles", "sentences", "name"], ascending=[False, False, True]
    )
    return frame.reset_index(drop=True)


def known_names(data_dir: Path) -> set[str]:
    """Every alias and entity name of the curated tables that have alias_names."""
    aliases = derive.collect_aliases(data_dir)
    entities = {e.name for found in aliases.values() for e in found}
    return set(aliases) | {n for n in entities if isinstance(n, str)}


def new_names(data_dir: Path, source_ids: tuple[str, ...] | None) -> pd.DataFrame:
    """The ranked new names of the articles ``source_ids`` (None: the whole feed)."""
    sentences = feed.sentence_texts(data_dir, source_ids)
    return find_new_names(sentences, known_names(data_dir))


def to_csv(frame: pd.DataFrame) -> str:
    """The names as CSV: the header CSV_HEADER, then one row per name.

    A name a spreadsheet would run as a formula is marked as text.
    """
    from jkdefense.data.spreadsheet import safe_csv

    return safe_csv(frame[list(CSV_HEADER)])


def to_text(frame: pd.DataFrame) -> str:
    """The names as a table for the terminal, columns aligned."""
    header = ("name", "kind", "articles", "sentences", "example sentence")
    rows = [
        (r.name, r.kind, str(r.articles), str(r.sentences), r.example_sentence_id)
        for r in frame.itertuples(index=False)
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
    lines = [
        "  ".join(
            cell.rjust(w) if i in (2, 3) else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


# Promotion: a name becomes an alias of a curated row.


class Refused(ValueError):
    """The promotion cannot be done; the message says why, in one line."""


def _field_spans(line: str) -> list[tuple[int, int]]:
    """Where each field of one CSV record lies in ``line`` (quotes included)."""
    spans, i, end = [], 0, len(line.rstrip("\r\n"))
    while True:
        start = i
        if i < end and line[i] == '"':
            i += 1
            while i < end and not (line[i] == '"' and line[i + 1 : i + 2] != '"'):
                i += 2 if line[i] == '"' else 1
            i += 1
        while i < end and line[i] != ",":
            i += 1
        spans.append((start, i))
        if i >= end:
            return spans
        i += 1


def _records(text: str) -> list[tuple[int, int, list[str]]]:
    """Each CSV record of ``text`` as (start, end, cells); end excludes the newline."""
    lines = re.findall(r"[^\n]*\n|[^\n]+$", text)
    reader = csv.reader(iter(lines))
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    records, done = [], 0
    for cells in reader:
        start, done = offsets[done], reader.line_num
        end = offsets[done]
        record = text[start:end]
        records.append((start, start + len(record.rstrip("\r\n")), cells))
    return records


def _quoted(value: str) -> str:
    """One cell as the csv module writes it (quoted only when it must be)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([value])
    return buffer.getvalue()[:-1]


def _alias_resource(data_dir: Path, table: str) -> dict:
    """The curated table's schema resource, if it has alias_names."""
    descriptor = schema.read_descriptor(paths.datapackage_path(data_dir))
    resource = schema.resources(descriptor).get(table)
    if resource is None or "alias_names" not in schema.field_names(resource):
        with_aliases = sorted(
            name
            for name, r in schema.resources(descriptor).items()
            if "alias_names" in schema.field_names(r)
        )
        raise Refused(
            f"{table!r} is not a curated table with alias_names "
            f"(one of: {', '.join(with_aliases)})"
        )
    return resource


def with_alias(text: str, key_column: str, key: str, name: str) -> str:
    """The CSV ``text`` with ``name`` appended to row ``key``'s alias_names.

    Only that cell changes: every other byte of the file stays as it was.
    """
    records = _records(text.removeprefix("\ufeff"))
    offset = len(text) - len(text.removeprefix("\ufeff"))
    header = records[0][2]
    at = header.index(key_column)
    rows = [r for r in records[1:] if len(r[2]) > at and r[2][at] == key]
    if not rows:
        raise Refused(f"no row {key!r} in its {key_column} column")
    start, end, cells = rows[0]
    column = header.index("alias_names")
    current = cells[column]
    value = f"{current};{name}" if current.strip() else name
    record = text[offset + start : offset + end]
    span = _field_spans(record)[column]
    new_record = record[: span[0]] + _quoted(value) + record[span[1] :]
    changed = next(csv.reader([new_record]))
    if changed != [*cells[:column], value, *cells[column + 1 :]]:
        raise Refused("the row cannot be rewritten without changing other cells")
    return text[: offset + start] + new_record + text[offset + end :]


def promote(data_dir: Path, name: str, target: str) -> tuple[Path, bytes]:
    """The curated table with ``name`` an alias of ``target`` (TABLE:ID).

    Checks everything and writes nothing: returns the table's file and its
    new bytes, which land with the re-derived tables as one change.
    """
    name = name.strip()
    table, _, key = target.partition(":")
    if not name or ";" in name:
        raise Refused(f"{name!r} is not a name (empty, or holds ';')")
    if not key:
        raise Refused(f"--to {target!r}: write TABLE:ID, e.g. incidents:some-id")
    resource = _alias_resource(data_dir, table)
    aliases = derive.collect_aliases(data_dir)
    taken = {alias.casefold(): alias for alias in aliases}
    if name.casefold() in taken:
        alias = taken[name.casefold()]
        rows = ", ".join(derive.entity_key(e) for e in aliases[alias])
        raise Refused(f"{alias!r} is already an alias of {rows}")
    key_column = schema.primary_key(resource)[0]
    if key not in set(load.read_table_text(data_dir, table)[key_column]):
        raise Refused(f"{table} has no row {key!r}")
    path = data_dir / resource["path"]
    before = path.read_bytes().decode("utf-8")
    return path, with_alias(before, key_column, key, name).encode("utf-8")


def _mentions_of(data_dir: Path, name: str) -> tuple[int, int]:
    """Mentions of ``name`` after a derive, and the sentences that hold them."""
    mentions = pd.read_parquet(
        derive.derived_path(data_dir, "mentions"),
        columns=["sentence_id", "matched_text"],
    )
    mine = mentions[mentions["matched_text"].str.casefold() == name.casefold()]
    return len(mine), mine["sentence_id"].nunique()


def promote_main(argv: list[str]) -> int:
    """Command line: ``names promote NAME --to TABLE:ID``; return the exit code."""
    parser = paths.command_parser("names promote", promote.__doc__)
    parser.add_argument("name", help="the name, as the list shows it")
    parser.add_argument("--to", required=True, help="TABLE:ID, e.g. incidents:x")
    args = parser.parse_args(argv)
    data_dir = paths.chosen_data_dir(args)
    try:
        # Checked, re-derived and written holding the lock: two promotions at
        # once land one after the other, each on the other's result.
        with writer.change(data_dir, "names promote") as files:
            path, table = promote(data_dir, args.name, args.to)
            derived, added = staging.derive_change(data_dir, {path: table})
            if added:
                raise Refused(f"validation would fail: {added[0]}")
            files.update({path: table} | derived)
    except (Refused, writer.WriterBusy) as error:
        print(f"names promote: refused: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(
            f"names promote: writing failed ({writer.describe(error)}); "
            "data/ is as before",
            file=sys.stderr,
        )
        return 2
    except (ValueError, KeyError) as error:
        print(f"names promote: {error}", file=sys.stderr)
        return 1
    print(f"names promote: {args.name!r} is now an alias of {args.to} ({path.name})")
    mentions, sentences = _mentions_of(data_dir, args.name.strip())
    print(
        f"names promote: {mentions} mentions of it in {sentences} sentences "
        "now show on the pages"
    )
    return 0


def list_main(argv: list[str]) -> int:
    """Command line: list the new names; return the exit code."""
    parser = paths.command_parser("names", __doc__)
    parser.add_argument(
        "--source",
        action="append",
        metavar="ID",
        help="only this article (repeat for more)",
    )
    parser.add_argument("--csv", action="store_true", help="print CSV")
    parser.add_argument(
        "--limit", type=int, default=None, metavar="N", help="the first N names"
    )
    args = parser.parse_args(argv)
    data_dir = paths.chosen_data_dir(args)
    try:
        feed_ids = list(load.read_table_text(data_dir, "sources")["source_id"])
        unknown = [s for s in args.source or [] if s not in feed_ids]
        if unknown:
            print(
                f"names: unknown source {unknown[0]!r} (not in sources.csv)",
                file=sys.stderr,
            )
            return 2
        found = new_names(data_dir, tuple(args.source) if args.source else None)
    except (OSError, ValueError, KeyError) as error:
        print(f"names: {error}", file=sys.stderr)
        return 2
    if args.limit is not None:
        found = found.head(args.limit)
    sys.stdout.write(to_csv(found) if args.csv else to_text(found))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line: ``names [...]`` or ``names promote ...``; return the exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] == ["promote"]:
        return promote_main(args[1:])
    return list_main(args)


if __name__ == "__main__":
    sys.exit(main())
