"""Curated prose gives each disputed name with its other name and no refused wording.

The names and wordings are the package's own (x-disputed-names and
x-neutral-wording in data/datapackage.json), never the code's; the map's labels
are held to the same rules (geo_checks).
"""

from __future__ import annotations

import re
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


def check_disputed_names(
    file: str, frame: pd.DataFrame, resource: dict, descriptor: schema.Descriptor
) -> list[Problem]:
    """Disputed names carry the other side's name on first use, in every text cell."""
    sets = [entry["names"] for entry in descriptor.get("x-disputed-names", [])]
    window = descriptor.get("x-disputed-names-window", DEFAULT_NAME_WINDOW)
    any_name = _any_of([rf"\b{re.escape(name)}\b" for names in sets for name in names])
    problems = []
    for column in free_text_fields(resource):
        if column not in frame:
            continue
        for index, cell in zip(frame.index, frame[column].tolist(), strict=True):
            if not cell or not any_name.search(cell):
                continue
            for names in sets:
                message = disputed_name_problem(cell, names, window)
                if message:
                    problems.append(
                        Problem(file, data_row(index), column, message, DISPUTED_NAMES)
                    )
    return problems


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


def wording_problems(text: str, descriptor: schema.Descriptor) -> list[str]:
    """What is wrong with the wording of ``text``, one message per refused phrase."""
    return _refused_in(text, neutral_wording(descriptor))


def _refused_in(text: str, refused: list[tuple[re.Pattern, str, str]]) -> list[str]:
    return [
        f"{match.group(0)!r} {reason}; write instead: {use_instead}"
        for pattern, reason, use_instead in refused
        for match in [pattern.search(text)]
        if match
    ]


def check_neutral_wording(
    file: str, frame: pd.DataFrame, resource: dict, descriptor: schema.Descriptor
) -> list[Problem]:
    """No curated prose takes one side's wording for a disputed place."""
    if not descriptor.get("x-neutral-wording"):
        return []
    refused = neutral_wording(descriptor)
    any_refused = _any_of([p.pattern for p, _, _ in refused], re.IGNORECASE)
    problems = []
    for column in free_text_fields(resource):
        if column not in frame:
            continue
        for index, cell in zip(frame.index, frame[column].tolist(), strict=True):
            if not cell or not any_refused.search(cell):
                continue
            for message in _refused_in(cell, refused):
                problems.append(
                    Problem(file, data_row(index), column, message, NEUTRAL_WORDING)
                )
    return problems
