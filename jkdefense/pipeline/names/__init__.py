"""New names the feed brings: names its sentences use that no curated row knows.

    jkdefense names [list] [--source ID] [--csv] [--limit N]
    jkdefense names promote NAME --to TABLE:ID

Lists, ranked, the acronyms, capitalised names, lower-case names of things
of the trade and recurring phrases of the sentences that are neither an
alias nor an entity name of a curated table, with how many articles and
sentences use each and the first sentence that does. ``--csv`` prints
``name,articles,sentences,example_sentence_id``. ``promote`` makes NAME an
alias of the row ID of the curated table TABLE and re-derives, so the name
leaves the list and its mentions show on the pages.

What counts as a name (every rule is about English text, none about a feed):

- Acronym: a word of capitals and digits with 2+ capitals (GSOMIA, KSS-III,
  R&D, U.N.; ICBMs -> ICBM), also as part of a hyphenated word (ASEAN-led).
  Not roman numerals, fiscal years or time words, nor a word of a name
  written all in capitals ("FREEDOM EDGE" is one name, not two acronyms).
- Capitalised name: capitalised words in a row with nothing but spaces
  between them, with up to two lower-case connectors inside (of, the, for,
  on, to, de); "and" joins when a connector comes before it and none after,
  when one word comes before it and two or more after, or when a noun of
  bodies ends the name ("Defense Science and Technology Cooperation Group").
  Function words and initials never start or end a name; a nationality
  adjective is left off before a title ("Japanese Prime Minister Kishida");
  an owner is a name of its own ("Japan's National Security Strategy").
- Person and role: a title followed by a name is a person, a title alone a
  role ("National Security Advisors"); both rank low.
- Lower-case name of a thing: a run of lower-case words that holds a word of
  the defence trade or ends with a body or plan ("nuclear-powered attack
  submarines", "shipbuilding working group"), even once.
- Recurring phrase: 2 or 3 lower-case words in a row, no stop word, adverb or
  leading verb, in 3 sentences or more (2 for three words).

Never names: headings (a sentence in capitals or in title case without a
stop, a heading in capitals run into a sentence), dates, numbers, a lone
common noun or nationality, a name the feed also writes in lower case, a
name the tables know (see known). Variants are one row (see tally); rows
rank by tier (see ranking). The word lists are data: words/*.txt.
"""

from __future__ import annotations

from .known import KnownNames, known_names, name_key
from .listing import new_names, to_csv, to_text
from .promotion import Refused, land, promote, with_alias
from .ranking import COLUMNS, CSV_HEADER, find_new_names

__all__ = [
    "COLUMNS",
    "CSV_HEADER",
    "KnownNames",
    "Refused",
    "find_new_names",
    "known_names",
    "land",
    "name_key",
    "new_names",
    "promote",
    "to_csv",
    "to_text",
    "with_alias",
]
