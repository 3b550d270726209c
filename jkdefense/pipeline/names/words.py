"""The word lists names are judged by, kept as data beside the code (words/*.txt).

Each file holds one word or phrase a line, in lower case; lines starting with
"#" say what the list is for. Every rule that uses a list is about English
text, none about one feed: a list grows with the vocabulary, not the code.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable


def word_files() -> list[Traversable]:
    """Every word list file the package ships (words/*.txt)."""
    folder = resources.files(__package__).joinpath("words")
    return sorted(
        (f for f in folder.iterdir() if f.name.endswith(".txt")), key=lambda f: f.name
    )


@cache
def word_list(name: str) -> frozenset[str]:
    """The entries of ``words/<name>.txt``, lower case, without comments."""
    folder = resources.files(__package__).joinpath("words")
    text = folder.joinpath(f"{name}.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(line.lower() for line in lines if line and line[0] != "#")


NATIONALITY_ADJECTIVES = word_list("nationalities")
DATE_WORDS = word_list("dates")
STOP_WORDS = word_list("stop_words")
VERBS = word_list("verbs")
TITLE_NOUNS = word_list("title_nouns")
TITLE_WORDS = TITLE_NOUNS | word_list("title_qualifiers")
GENERIC_NOUNS = word_list("generic_nouns")
INSTITUTIONS = word_list("institutions")
MODIFIERS = word_list("modifiers")
ABSTRACT_NOUNS = word_list("abstract_nouns")
DEFENCE_WORDS = word_list("defence")
SECURITY_WORDS = DEFENCE_WORDS | word_list("security")

# Small closed classes of grammar stay here, beside the rules that use them.
TIME_ACRONYMS = frozenset({"AM", "PM", "FY", "CY", "BC", "BCE", "CE", "GMT", "UTC"})
# Lower-case words that may sit inside a capitalised name. Not "in" or "at":
# they far more often join a name to a place ("Summit in Seoul") than make one.
CONNECTORS = frozenset({"of", "the", "for", "on", "to", "de"})
JOINERS = frozenset({"and", "&"})
# Abbreviated titles: "Cpl. Han" is a person, "Cpl" alone no name.
TITLE_ABBREVIATIONS = frozenset(
    {"adm", "capt", "cmdr", "col", "cpl", "dr", "gen", "gov", "jr", "lt", "maj"}
    | {"mr", "mrs", "ms", "prof", "rep", "sen", "sgt", "sr"}
)
NUMBER_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
    | {"ten", "first", "second", "third"}
)
ORDINALS = frozenset(
    {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"}
    | {"ninth", "tenth", "eleventh", "twelfth"}
)
# An adverb ("closely", "jointly") ends a term's meaning, not a thing's name.
ADVERB_ENDINGS = ("ally", "ively", "ously", "ently", "antly", "fully", "ately")
ADVERB_ENDINGS += ("ingly", "edly", "ely", "tly")


def is_nationality(text: str) -> bool:
    """True for a nationality adjective or its plural: Korean, Americans."""
    lower = text.lower()
    return lower in NATIONALITY_ADJECTIVES or (
        lower.endswith("s") and lower[:-1] in NATIONALITY_ADJECTIVES
    )


@lru_cache(maxsize=1 << 16)
def is_verb(word: str) -> bool:
    """True for a common verb in its base, -s, -ed or -ing form."""
    return not verb_stems(word).isdisjoint(VERBS)


def is_active_verb(word: str) -> bool:
    """True for a common verb in its base, -s or -ing form (not as an adjective)."""
    if word.endswith(("ed", "d")) and word not in VERBS:
        return False
    return is_verb(word)


def verb_stems(word: str) -> set[str]:
    """The forms ``word`` may be an inflection of: building -> build, buil, builde."""
    stems = {word}
    if word.startswith(("co-", "re-")):
        stems |= verb_stems(word[3:])  # co-develop, re-establish
    if word.endswith(("s", "d")):
        stems.add(word[:-1])  # supports, shared
    if word.endswith(("es", "ed")):
        stems.add(word[:-2])  # reaches, strengthened
    if word.endswith("ing"):
        stems |= {word[:-3], word[:-3] + "e"}  # building, making
    return stems
