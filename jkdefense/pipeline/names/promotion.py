"""Promotion: a name the list shows becomes an alias of a curated row.

``promote`` appends NAME to the alias_names of the row ID of the curated
table TABLE, leaving every other byte of the file as it was; ``land`` writes
it with the re-derived tables as one change, so the name leaves the list and
its mentions show on the pages. Refused, with a one-line reason and nothing
written: a table without alias_names, an ID the table does not have, a NAME
that is already an alias of any row.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from jkdefense.data import load, paths, schema, writer
from jkdefense.pipeline import staging
from jkdefense.pipeline.aliases import collect_aliases
from jkdefense.pipeline.derived_files import derived_path
from jkdefense.pipeline.feed_tables import entity_key


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
    aliases = collect_aliases(data_dir)
    taken = {alias.casefold(): alias for alias in aliases}
    if name.casefold() in taken:
        alias = taken[name.casefold()]
        rows = ", ".join(entity_key(e) for e in aliases[alias])
        raise Refused(f"{alias!r} is already an alias of {rows}")
    key_column = schema.primary_key(resource)[0]
    if key not in set(load.read_table_text(data_dir, table)[key_column]):
        raise Refused(f"{table} has no row {key!r}")
    path = data_dir / resource["path"]
    before = path.read_bytes().decode("utf-8")
    return path, with_alias(before, key_column, key, name).encode("utf-8")


def mentions_of(data_dir: Path, name: str) -> tuple[int, int]:
    """Mentions of ``name`` after a derive, and the sentences that hold them."""
    mentions = pd.read_parquet(
        derived_path(data_dir, "mentions"),
        columns=["sentence_id", "matched_text"],
    )
    mine = mentions[mentions["matched_text"].str.casefold() == name.casefold()]
    return len(mine), mine["sentence_id"].nunique()


def land(data_dir: Path, name: str, target: str) -> Path:
    """Promote ``name`` to ``target`` and write it with the re-derived tables.

    Checked, re-derived and written holding the lock: two promotions at once
    land one after the other, each on the other's result. Returns the file of
    the curated table that changed.
    """
    with writer.change(data_dir, "names promote") as files:
        path, table = promote(data_dir, name, target)
        derived, added = staging.derive_change(data_dir, {path: table})
        if added:
            raise Refused(f"validation would fail: {added[0]}")
        files.update({path: table} | derived)
    return path
