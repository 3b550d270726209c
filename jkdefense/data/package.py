"""The loaded data package: its typed tables, every problem, what can be used."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from jkdefense.data import schema
from jkdefense.data.problems import DESCRIPTOR_UNREADABLE, Problem
from jkdefense.data.reading import is_parquet


@dataclass
class Package:
    """The loaded data package: typed tables plus every problem found."""

    data_dir: Path
    descriptor: schema.Descriptor
    tables: dict[str, pd.DataFrame]
    problems: list[Problem] = field(default_factory=list)
    # False for the tables as read_package gives them: typed, but with only the
    # problems found reading them, and without the cited sentences.
    checked: bool = True

    @cached_property
    def source_ids(self) -> tuple[str, ...]:
        """Every article of the feed, in order (none when sources.csv is unreadable).

        Kept once per load: pages ask on every rerun, and a feed may be long.
        """
        sources = self.tables.get("sources")
        return () if sources is None else tuple(sources["source_id"])

    def file_of(self, table: str) -> str:
        """The file that holds ``table`` (its name as the descriptor gives it)."""
        resource = schema.resources(self.descriptor).get(table)
        return resource["path"] if resource else f"{table}.csv"

    def problems_in(self, table: str) -> list[Problem]:
        """Return the problems reported against one table's file."""
        file = self.file_of(table)
        return [p for p in self.problems if p.file == file]

    def why_unusable(self, table: str) -> list[Problem]:
        """The problems that leave ``table`` unusable (none: it can be used).

        With no descriptor to read, its problem is every table's.
        """
        if not schema.resources(self.descriptor):
            return [p for p in self.problems if p.rule == DESCRIPTOR_UNREADABLE]
        return [p for p in self.problems_in(table) if p.breaks_table]

    def unusable_reason(self, *tables: str) -> str:
        """Why ``tables`` cannot be used, in one line naming file, row and field.

        Each reason once, however many of the tables it breaks.
        """
        reasons: list[str] = []
        for table in self.missing(*tables):
            found = self.why_unusable(table)
            reasons += [str(p) for p in found] or [
                f"datapackage.json declares no table {table!r}"
            ]
        return "; ".join(dict.fromkeys(reasons))

    def missing(self, *names: str) -> list[str]:
        """Return those of ``names`` that cannot be used: unread, or keys repeat.

        A derived table is read on demand, so it counts as missing only when a
        problem says it cannot be used.
        """
        declared = schema.resources(self.descriptor)
        return [
            name
            for name in names
            if name not in declared
            or self.why_unusable(name)
            or (not is_parquet(declared[name]) and name not in self.tables)
        ]
