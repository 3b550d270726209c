"""Read one table's file as text, CSV or Parquet, and type it by its schema.

Never raises on a bad file: what keeps it from being read (a folder where the
file should be, an encoding, a header, a Parquet file cut short) comes back as
problems, and the frame as None.
"""

from __future__ import annotations

import csv
import io
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from jkdefense.data import schema, schema_checks
from jkdefense.data.problems import (
    FILE_EMPTY,
    FILE_MISSING,
    FILE_UNREADABLE,
    MALFORMED_CSV,
    NOT_UTF8,
    PARQUET_UNREADABLE,
    ROW_WIDTH,
    Problem,
    data_row,
)


@dataclass
class RawTable:
    """A CSV read as text: every cell a string, '' for empty; None if unreadable."""

    frame: pd.DataFrame | None
    problems: list[Problem]


def is_parquet(resource: dict[str, Any]) -> bool:
    """Derived tables are Parquet files; curated tables are CSV."""
    return resource.get("format") == "parquet"


def not_a_file(path: Path) -> Problem | None:
    """Why a table's path holds no file to read (None: it does)."""
    if path.is_file():
        return None
    if path.is_dir():
        message = "is a folder, not a file: put the table's file in its place"
        return Problem(path.name, None, None, message, FILE_UNREADABLE)
    if path.exists():
        return Problem(path.name, None, None, "is not a file", FILE_UNREADABLE)
    return Problem(path.name, None, None, "file is missing", FILE_MISSING)


def read_raw(path: Path, resource: dict[str, Any]) -> RawTable:
    """Read a CSV as strings; report encoding, emptiness, header and row shape."""
    name = path.name
    absent = not_a_file(path)
    if absent is not None:
        return RawTable(None, [absent])
    if is_parquet(resource):
        return read_parquet_raw(path, resource)
    try:
        data = path.read_bytes()
    except OSError as error:
        message = f"cannot read: {error.strerror or error}"
        return RawTable(None, [Problem(name, None, None, message, FILE_UNREADABLE)])
    if not data.strip():
        message = "file is empty: expected a header row"
        return RawTable(None, [Problem(name, None, None, message, FILE_EMPTY)])
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")  # Excel may add a BOM
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = (
            f"not UTF-8: byte 0x{data[error.start]:02x} on line {line}; "
            "save the file as UTF-8"
        )
        return RawTable(None, [Problem(name, line, None, message, NOT_UTF8)])
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        message = f"malformed CSV: {error}"
        return RawTable(None, [Problem(name, None, None, message, MALFORMED_CSV)])
    return _frame_from_records(name, records, resource)


def read_parquet_raw(
    path: Path, resource: dict[str, Any], sentence_ids: set[str] | None = None
) -> RawTable:
    """Read a derived Parquet table as strings, as a CSV would read.

    With ``sentence_ids``, only those sentences' rows are read (the app checks
    and shows the sentences curated rows cite, not the whole feed); the frame's
    index is still each row's position in the file, so problems name its row.
    """
    name = path.name
    rows = None
    try:
        header = pq.read_schema(path).names
        problems = schema_checks.check_header(name, header, resource)
        if any(p.breaks_table for p in problems):
            return RawTable(None, problems)
        columns = schema.field_names(resource)
        if sentence_ids is None:
            table = pq.read_table(path, columns=columns)
        else:
            table, rows = _rows_of_sentences(path, columns, sentence_ids)
        table = table.combine_chunks()
    except (OSError, pa.ArrowException) as error:
        message = f"cannot read Parquet: {error}"
        return RawTable(None, [Problem(name, None, None, message, PARQUET_UNREADABLE)])
    # Cells as text, '' for empty, as in a CSV; converted in Arrow (millions of rows).
    frame = pd.DataFrame(
        {
            column: pc.fill_null(pc.cast(values, pa.string()), "")
            .to_pandas()
            .astype(str)
            for column, values in zip(table.column_names, table.columns, strict=True)
        }
    )
    if rows is not None:
        frame.index = rows
    return RawTable(frame, problems)


def _rows_of_sentences(
    path: Path, columns: list[str], sentence_ids: set[str]
) -> tuple[pa.Table, pd.Index]:
    """Those sentences' rows, and each one's position in the file.

    Read a row group at a time, only the row groups whose sentence ids span a
    wanted one (by the file's statistics): only the wanted rows stay in memory.
    NOTE: the ids as an Arrow array, not a Python list: a list cost 0.05-0.2 s
    more on 10,000 ids here (benchmarks/RESULTS.md).
    """
    ids = sorted(sentence_ids)
    wanted = pa.array(ids, pa.string())
    parquet = pq.ParquetFile(path)
    column = parquet.schema_arrow.get_field_index("sentence_id")
    pieces, positions, offset = [], [], 0
    for group in range(parquet.num_row_groups):
        meta = parquet.metadata.row_group(group)
        stats = meta.column(column).statistics
        if stats is not None and stats.has_min_max and isinstance(stats.min, str):
            first = bisect_left(ids, stats.min)
            if first == len(ids) or ids[first] > stats.max:
                offset += meta.num_rows
                continue  # no wanted id in this row group
        chunk = parquet.read_row_group(group, columns=columns)
        hits = pc.indices_nonzero(pc.is_in(chunk["sentence_id"], value_set=wanted))
        pieces.append(chunk.take(hits))
        positions.append(hits.to_numpy() + offset)
        offset += meta.num_rows
    schema_of = parquet.schema_arrow
    table = (
        pa.concat_tables(pieces) if pieces else schema_of.empty_table().select(columns)
    )
    index = pd.Index(np.concatenate(positions) if positions else [], dtype="int64")
    return table, index


def _frame_from_records(
    name: str, records: list[list[str]], resource: dict[str, Any]
) -> RawTable:
    header, body = records[0], [r for r in records[1:] if r]
    problems = schema_checks.check_header(name, header, resource)
    width = len(header)
    for index, record in enumerate(body):
        if len(record) != width:
            problems.append(
                Problem(
                    name,
                    data_row(index),
                    None,
                    f"row has {len(record)} cells, the header has {width}",
                    ROW_WIDTH,
                )
            )
            # Keep the row (padded or cut) so it is still checked and shown.
            body[index] = (record + [""] * width)[:width]
    if any(p.breaks_table for p in problems):
        return RawTable(None, problems)
    frame = pd.DataFrame(body, columns=header, dtype=str)
    return RawTable(frame[schema.field_names(resource)], problems)


# The types typed converts; any other column is text, its empty cells NA.
_CONVERTED = frozenset({"integer", "number", "boolean", "date", "list"})


def typed(frame: pd.DataFrame, resource: dict[str, Any]) -> pd.DataFrame:
    """Convert columns to the schema's types; bad cells (reported) become NA."""
    # Text columns are the cells as read, empty ones NA: one replace over the
    # whole table costs what two columns cost one by one, and a table has up
    # to 19 of them (benchmarks/RESULTS.md).
    text = frame.replace("", None)
    typed = {}
    for spec in schema.fields(resource):
        kind = spec["type"]
        if kind not in _CONVERTED:
            typed[spec["name"]] = text[spec["name"]]
            continue
        values = frame[spec["name"]]
        if kind == "integer":
            typed[spec["name"]] = schema_checks.integers(values)
        elif kind == "number":
            typed[spec["name"]] = pd.to_numeric(values, errors="coerce").astype(
                "Float64"
            )
        elif kind == "boolean":
            typed[spec["name"]] = values.map({"true": True, "false": False}).astype(
                "boolean"
            )
        elif kind == "date":
            typed[spec["name"]] = pd.to_datetime(
                values, format="%Y-%m-%d", errors="coerce"
            )
        else:  # a list
            typed[spec["name"]] = values.map(schema.split_list)
    return pd.DataFrame(typed, index=frame.index)
