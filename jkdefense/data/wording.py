"""Curated prose gives each disputed name with its other name and no refused wording.

The names and wordings are the package's own (x-disputed-names and
x-neutral-wording in data/datapackage.json), never the code's; the map's labels
are held to the same rules (geo_checks).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd

from jkdefense.data import schema
from jkdefense.data.problems import DISPUTED_NAMES, NEUTRAL_WORDING, Problem, data_row

# Characters either side of a disputed name's first use in which its other names
# must appear, unless the package sets x-disputed-names-window.
DEFAULT_NAME_WINDOW = 30


def free_text_fields(resource: dict[str, Any]) -> list[str]:
    """Fields of curated prose: strings without a closed list, pattern or verbatim mark.

    Evidence quotes and fields marked ``x-verbatim`` are copied from a source as
    it is written, so they keep the source's own names.
    """
    return [
        f["name"]
        for f in schema.fields(resource)
        if f["type"] == "string"
        and not {"enum", "pattern"} & set(f.get("constraints", {}))
        and not f.get("x-verbatim")
        and f["name"] != "evidence_quote"
    ]


def _name_pattern(name: str) -> re.Pattern:
    return re.compile(rf"\b{re.escape(name)}\b")


def disputed_name_problem(text: str, names: list[str], window: int) -> str | None:
    """What is wrong with the first use of a disputed name in ``text``, if anything.

    The first time any of ``names`` appears, every other name of the set must
    appear within ``window`` characters of it (Dokdo/Takeshima, Sea of Japan
    (East Sea)).
    """
    found = [
        (match.start(), match.end(), name)
        for name in names
        for match in [_name_pattern(name).search(text)]
        if match
    ]
    if not found:
        return None
    start, end, first = min(found)
    nearby = text[max(0, start - window) : end + window]
    missing = [n for n in names if n != first and not _name_pattern(n).search(nearby)]
    if not missing:
        return None
    return (
        f"{first!r} is used without {' / '.join(repr(n) for n in missing)} beside it; "
        f"give both names on first use (e.g. {'/'.join(names)})"
    )


# What a pattern cannot keep inside a larger one: a back-reference by number or
# name (the groups are numbered anew) and a global inline flag (an error there).
_NOT_JOINABLE = re.compile(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]+\)")


def _any_of(patterns: list[str], flags: int = 0) -> re.Pattern:
    """One pattern that finds a match wherever any of ``patterns`` would.

    NOTE: most cells hold no disputed name or wording; one search over a cell
    rules them all out, where a search per pattern was a quarter of a check of
    the package (benchmarks/RESULTS.md). Patterns that cannot be joined give
    one that matches everywhere: every cell is then searched pattern by pattern.
    """
    if any(_NOT_JOINABLE.search(p) for p in patterns):
        return re.compile("")
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)", flags)


def neutral_wording(descriptor: schema.Descriptor) -> list[tuple[re.Pattern, str, str]]:
    """The package's refused wordings: (pattern, why refused, what to write)."""
    return [
        (
            re.compile(rule["pattern"], re.IGNORECASE),
            rule["reason"],
            rule["use_instead"],
        )
        for rule in descriptor.get("x-neutral-wording", [])
    ]


@dataclass(frozen=True)
class Wording:
    """The package's wording rules, compiled once.

    Every text the package holds, a table's cell or a map's label, is judged by
    the same two questions: refused_in and disputed_names_in.
    """

    refused: list[tuple[re.Pattern, str, str]]
    name_sets: list[list[str]]
    window: int
    any_refused: re.Pattern
    any_name: re.Pattern

    @classmethod
    def of(cls, descriptor: schema.Descriptor) -> Wording:
        """The rules ``descriptor`` declares (x-neutral-wording, x-disputed-names)."""
        refused = neutral_wording(descriptor)
        sets = [entry["names"] for entry in descriptor.get("x-disputed-names", [])]
        return cls(
            refused=refused,
            name_sets=sets,
            window=descriptor.get("x-disputed-names-window", DEFAULT_NAME_WINDOW),
            any_refused=_any_of([p.pattern for p, _, _ in refused], re.IGNORECASE),
            any_name=_any_of([_name_pattern(n).pattern for ns in sets for n in ns]),
        )

    def refused_in(self, text: str) -> list[str]:
        """One message per refused wording in ``text``, naming what to write."""
        if not text or not self.any_refused.search(text):
            return []
        return [
            f"{match.group(0)!r} {reason}; write instead: {use_instead}"
            for pattern, reason, use_instead in self.refused
            for match in [pattern.search(text)]
            if match
        ]

    def disputed_names_in(self, text: str) -> list[str]:
        """One message per disputed name first used in ``text`` without its other."""
        if not text or not self.any_name.search(text):
            return []
        return [
            message
            for names in self.name_sets
            if (message := disputed_name_problem(text, names, self.window))
        ]


def check_disputed_names(
    file: str, frame: pd.DataFrame, resource: dict, descriptor: schema.Descriptor
) -> list[Problem]:
    """Disputed names carry the other side's name on first use, in every text cell."""
    rules = Wording.of(descriptor)
    return [
        Problem(file, data_row(index), column, message, DISPUTED_NAMES)
        for column, index, cell in _text_cells(frame, resource)
        for message in rules.disputed_names_in(cell)
    ]


def _text_cells(frame: pd.DataFrame, resource: dict) -> Iterator[tuple[str, Any, str]]:
    """(column, index, cell) of every curated prose cell of ``frame``."""
    for column in free_text_fields(resource):
        if column in frame:
            yield from (
                (column, index, cell)
                for index, cell in zip(frame.index, frame[column].tolist(), strict=True)
            )


def check_neutral_wording(
    file: str, frame: pd.DataFrame, resource: dict, descriptor: schema.Descriptor
) -> list[Problem]:
    """No curated prose takes one side's wording for a disputed place."""
    rules = Wording.of(descriptor)
    return [
        Problem(file, data_row(index), column, message, NEUTRAL_WORDING)
        for column, index, cell in _text_cells(frame, resource)
        for message in rules.refused_in(cell)
    ]
