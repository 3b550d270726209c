"""Load the data package: read every CSV, collect every problem, type what is usable."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from jkdefense import checks, paths, schema
from jkdefense.problems import Problem, data_row


@dataclass
class RawTable:
    """A CSV read as text: every cell a string, '' for empty; None if unreadable."""

    frame: pd.DataFrame | None
    problems: list[Problem]


@dataclass
class Package:
    """The loaded data package: typed tables plus every problem found."""

    data_dir: Path
    descriptor: schema.Descriptor
    tables: dict[str, pd.DataFrame]
    problems: list[Problem] = field(default_factory=list)

    def problems_in(self, table: str) -> list[Problem]:
        """Return the problems reported against one table's file."""
        return [p for p in self.problems if p.file == f"{table}.csv"]

    def missing(self, *names: str) -> list[str]:
        """Return those of ``names`` that could not be loaded at all."""
        return [name for name in names if name not in self.tables]


def read_raw(path: Path, resource: dict[str, Any]) -> RawTable:
    """Read a CSV as strings; report encoding, emptiness, header and row shape."""
    name = path.name
    if not path.exists():
        return RawTable(None, [Problem(name, None, None, "file is missing")])
    data = path.read_bytes()
    if not data.strip():
        return RawTable(
            None, [Problem(name, None, None, "file is empty: expected a header row")]
        )
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")  # Excel may add a BOM
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = (
            f"not UTF-8: byte 0x{data[error.start]:02x} on line {line}; "
            "save the file as UTF-8"
        )
        return RawTable(None, [Problem(name, line, None, message)])
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        return RawTable(None, [Problem(name, None, None, f"malformed CSV: {error}")])
    return _frame_from_records(name, records, resource)


def _frame_from_records(
    name: str, records: list[list[str]], resource: dict[str, Any]
) -> RawTable:
    header, body = records[0], [r for r in records[1:] if r]
    problems = schema.check_header(name, header, resource)
    width = len(header)
    for index, record in enumerate(body):
        if len(record) != width:
            problems.append(
                Problem(
                    name,
                    data_row(index),
                    None,
                    f"row has {len(record)} cells, the header has {width}",
                )
            )
            # Keep the row (padded or cut) so it is still checked and shown.
            body[index] = (record + [""] * width)[:width]
    if any(
        p.message == "missing column" or "more than once" in p.message for p in problems
    ):
        return RawTable(None, problems)
    frame = pd.DataFrame(body, columns=header, dtype=str)
    return RawTable(frame[schema.field_names(resource)], problems)


def _typed(frame: pd.DataFrame, resource: dict[str, Any]) -> pd.DataFrame:
    """Convert columns to the schema's types; bad cells (reported) become NA."""
    typed = {}
    for spec in schema.fields(resource):
        values = frame[spec["name"]]
        kind = spec["type"]
        if kind == "integer":
            typed[spec["name"]] = pd.to_numeric(values, errors="coerce").astype("Int64")
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
        elif kind == "list":
            typed[spec["name"]] = values.map(schema.split_list)
        else:
            typed[spec["name"]] = values.mask(values == "")
    return pd.DataFrame(typed, index=frame.index)


def load_package(data_dir: Path | None = None) -> Package:
    """Load and validate every table of the package in ``data_dir``.

    Never raises on bad data: unreadable tables are left out of ``tables`` and
    every problem, in any table, is listed in ``problems``.
    """
    data_dir = data_dir or paths.data_dir()
    descriptor_path = paths.datapackage_path(data_dir)
    try:
        descriptor = schema.read_descriptor(descriptor_path)
    except (OSError, ValueError) as error:
        problem = Problem(descriptor_path.name, None, None, f"cannot read: {error}")
        return Package(data_dir, {"resources": []}, {}, [problem])
    raw: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for name, resource in schema.resources(descriptor).items():
        table = read_raw(data_dir / resource["path"], resource)
        problems += table.problems
        if table.frame is not None:
            raw[name] = table.frame
    problems += checks.check_package(raw, descriptor, paths.project_dir(data_dir))
    resources = schema.resources(descriptor)
    tables = {name: _typed(frame, resources[name]) for name, frame in raw.items()}
    return Package(data_dir, descriptor, tables, sorted(set(problems), key=_order))


def _order(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.file, problem.row or 0, problem.field or "", problem.message)


def read_table_text(data_dir: Path, name: str) -> pd.DataFrame:
    """Read one table as strings for tools that only need its text (derive, ingest).

    Raises ValueError naming the problems when the file cannot be read.
    """
    descriptor = schema.read_descriptor(paths.datapackage_path(data_dir))
    resource = schema.resources(descriptor)[name]
    table = read_raw(data_dir / resource["path"], resource)
    if table.frame is None:
        raise ValueError("; ".join(str(p) for p in table.problems))
    return table.frame
