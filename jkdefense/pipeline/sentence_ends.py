"""Where a full stop ends no sentence: abbreviations, initials and list markers.

sentencex cuts some lines where English does not end a sentence: inside
"Japan-U.S.-ROK" ("Japan-U." | "S.-ROK"), after "Ms." before a name, after
"U.S." before "Most Favored Nation", after the "1." of a numbered point. Its
cuts are checked here, one pair of neighbouring pieces at a time, and a cut
after such a word is undone (seeds.line_sentences).

The word lists hold abbreviations as written before their full stop.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A title stands before a name, so a sentence never ends with it.
TITLES = _words(
    "Mr Mrs Ms Dr Prof Gen Lt Col Maj Capt Cmdr Cdr Adm Brig Sgt Cpl Pvt Gov Sen "
    "Rep Amb Pres Rev Hon Fr"
)
# Latin abbreviations that lead into what follows them.
LEADING = _words("e.g i.e vs cf viz")
# Abbreviations that stand before a number: "No. 5", "Art. 9", "Jan. 3".
BEFORE_NUMBER = _words(
    "No Nos Art Arts Sec Secs Fig Figs Vol Para p pp "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
# Abbreviations that may end a sentence, as initials ("Annex B.") and dotted
# abbreviations ("U.S.", "D.C.", "p.m.") may: they do when the next word is
# one that opens a sentence.
MAY_END = _words("Jr Sr Corp Inc Ltd Co Bros St Mt Ft Dept Univ")
_INITIAL = re.compile(r"[A-Z]")
_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
# Words that open a sentence and are no part of a name: "in the U.S. The ..."
# ends a sentence where "the U.S. Most Favored Nation rate" does not.
SENTENCE_OPENERS = _words(
    "A An The This That These Those It Its They Their There Here We Our I You He "
    "She His Her In On At As By For From With To Of If When While Since After "
    "Before During Under Over Through But And Or Nor So Yet Thus Then Therefore "
    "However Moreover Furthermore Meanwhile Also Both Each Every Such Today "
    "Finally First Second Third Further Instead Accordingly"
)
# A list marker of its own: "1.", "(2)", "a.", "IV.".
_LIST_MARKER = re.compile(r"\(?(?:\d{1,3}|[A-Za-z]|[IVXLC]{1,5})[.)]")
# The last word's final part: "U." of "Japan-U.", "J." of "(J.".
_WORD_PART = re.compile(r"[-–—/(\"“‘']")
_FIRST_WORD = re.compile(r"[\"'“‘(\[]*([A-Za-z]*)")


def continues(before: str, after: str) -> bool:
    """Whether sentence ``after`` goes on ``before``, cut where no sentence ends.

    Such a cut follows a list marker, or an abbreviation or an initial that is
    the last word of ``before``.
    """
    if _LIST_MARKER.fullmatch(before):
        return True
    word = _WORD_PART.split(before.rsplit(None, 1)[-1])[-1]
    if not word.endswith("."):
        return False
    abbreviation = word[:-1]
    if abbreviation in TITLES or abbreviation.lower() in LEADING:
        return True
    if abbreviation in BEFORE_NUMBER:
        return after[:1].isdigit()
    if (
        abbreviation in MAY_END
        or _INITIAL.fullmatch(abbreviation)
        or _DOTTED.fullmatch(abbreviation)
    ):
        opener = _FIRST_WORD.match(after)
        return opener is None or opener[1] not in SENTENCE_OPENERS
    return False
