"""The names the curated tables know, and how a candidate is compared with them.

Known names (every alias and entity name of the tables with alias_names) are
compared ignoring case, hyphens, commas and spaces: a candidate equal to a
known name, or part of one ("Defense Force" of "Japan Air Self-Defense
Force"), or made only of known names, connectors and nationality adjectives
("U.S.-Japan", "Japan and the ROK"), is not new; one that adds a word to a
known name is ("Camp David Trilateral Leaders' Summit", a plural of an
alias).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from jkdefense.pipeline.aliases import collect_aliases

from .tokens import LINKS, without_possessive
from .words import NATIONALITY_ADJECTIVES


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """How names compare: case, dots, hyphens, commas and spaces ignored."""
    plain = without_possessive(text).casefold().replace("’", "'").replace(".", "")
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
            key = name_key(name)
            self.whole.add(key)
            words = key.split()
            for i in range(len(words)):
                for j in range(i + 1, len(words) + 1):
                    self.parts.add(" ".join(words[i:j]))
        self.whole |= NATIONALITY_ADJECTIVES
        self.longest = max((len(k.split()) for k in self.whole), default=1)

    def knows(self, candidate: str) -> bool:
        """True when ``candidate`` is known, part of a known name, or made of them."""
        key = name_key(candidate)
        return key in self.parts or self._covered(key.split())

    def made_of(self, candidate: str) -> bool:
        """True when whole known names (and connectors) make up ``candidate``."""
        return self._covered(name_key(candidate).split())

    def _covered(self, words: list[str]) -> bool:
        """True when known names, connectors and joiners make up every word."""
        i = 0
        while i < len(words):
            for size in range(min(self.longest, len(words) - i), 0, -1):
                if " ".join(words[i : i + size]) in self.whole:
                    i += size
                    break
            else:
                if words[i] not in LINKS:
                    return False
                i += 1
        return True


def known_names(data_dir: Path) -> set[str]:
    """Every alias and entity name of the curated tables that have alias_names."""
    aliases = collect_aliases(data_dir)
    entities = {e.name for found in aliases.values() for e in found}
    return set(aliases) | {n for n in entities if isinstance(n, str)}
