"""Load the data package: read every CSV, collect every problem, type what is usable."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from jkdefense.data import checks, geo_checks, paths, schema
from jkdefense.data.problems import Problem, data_row


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

    def problems_in(self, table: str) -> list[Problem]:
        """Return the problems reported against one table's file."""
        return [p for p in self.problems if p.file == f"{table}.csv"]

    def missing(self, *names: str) -> list[str]:
        """Return those of ``names`` that could not be loaded at all."""
        return [name for name in names if name not in self.tables]


def is_parquet(resource: dict[str, Any]) -> bool:
    """Derived tables are Parquet files; curated tables are CSV."""
    return resource.get("format") == "parquet"


def read_raw(path: Path, resource: dict[str, Any]) -> RawTable:
    """Read a CSV as strings; report encoding, emptiness, header and row shape."""
    name = path.name
    if not path.exists():
        return RawTable(None, [Problem(name, None, None, "file is missing")])
    if is_parquet(resource):
        return read_parquet_raw(path, resource)
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


def read_parquet_raw(
    path: Path, resource: dict[str, Any], sentence_ids: set[str] | None = None
) -> RawTable:
    """Read a derived Parquet table as strings, as a CSV would read.

    With ``sentence_ids``, only those sentences' rows are read (the app checks
    and shows the sentences curated rows cite, not the whole feed).
    """
    name = path.name
    try:
        header = pq.read_schema(path).names
        problems = schema.check_header(name, header, resource)
        if any(p.message == "missing column" for p in problems):
            return RawTable(None, problems)
        columns = schema.field_names(resource)
        if sentence_ids is None:
            table = pq.read_table(path, columns=columns)
        else:
            # Scanned a row group at a time: only the wanted rows stay in memory.
            # NOTE: the ids as an Arrow array, not a Python list: a list cost
            # 0.05-0.2 s more on 10,000 ids here (benchmarks/RESULTS.md).
            wanted = pc.field("sentence_id").isin(
                pa.array(sorted(sentence_ids), pa.string())
            )
            scan = ds.dataset(path, format="parquet")
            table = scan.to_table(columns=columns, filter=wanted)
        table = table.combine_chunks()
    except (OSError, pa.ArrowException) as error:
        return RawTable(
            None, [Problem(name, None, None, f"cannot read Parquet: {error}")]
        )
    # Cells as text, '' for empty, as in a CSV; converted in Arrow (millions of rows).
    frame = pd.DataFrame(
        {
            column: pc.fill_null(pc.cast(values, pa.string()), "")
            .to_pandas()
            .astype(str)
            for column, values in zip(table.column_names, table.columns, strict=True)
        }
    )
    return RawTable(frame, problems)


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
            typed[spec["name"]] = schema.integers(values)
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


def load_package(data_dir: Path | None = None, whole_feed: bool = True) -> Package:
    """Load and validate every table of the package in ``data_dir``.

    Never raises on bad data: unreadable tables are left out of ``tables`` and
    every problem, in any table, is listed in ``problems``.

    ``whole_feed=False`` is how the app loads: curated tables in full, but of the
    derived tables only the sentences that curated rows cite (checked as fully
    as ever); the rest of the feed is read on demand (jkdefense.feed), so a feed
    of thousands of articles opens as fast as one. ``validate`` reads everything.
    """
    data_dir = data_dir or paths.data_dir()
    descriptor, problems = _read_descriptor(data_dir)
    resources = schema.resources(descriptor)
    raw = _read_tables(data_dir, resources, problems, whole_feed, cited=True)
    if not resources:
        return Package(data_dir, descriptor, {}, problems)
    derived_at = None if whole_feed else _derived_at(data_dir, resources)
    problems += checks.check_package(
        raw, descriptor, paths.project_dir(data_dir), derived_at
    )
    problems += _check_feed_is_derived(data_dir, resources, raw)
    problems += geo_checks.check_geo(data_dir / "geo", descriptor, raw)
    tables = {name: _typed(frame, resources[name]) for name, frame in raw.items()}
    # Arrow keeps the pages the scan of the feed freed; a long-running app hands
    # them back (see jkdefense.data.feed.give_back_memory).
    pa.default_memory_pool().release_unused()
    return Package(data_dir, descriptor, tables, sorted(set(problems), key=_order))


def read_package(data_dir: Path | None = None) -> Package:
    """The package's tables, read and typed but not yet checked (``checked`` False).

    What a page needs to draw, in a fraction of load_package's time on a long
    feed: the curated tables, typed exactly as load_package types them, and the
    problems found reading them (a missing or malformed file, a bad header). The
    cited sentences are left out: read_sentences reads a row's on demand.
    """
    data_dir = data_dir or paths.data_dir()
    descriptor, problems = _read_descriptor(data_dir)
    resources = schema.resources(descriptor)
    raw = _read_tables(data_dir, resources, problems, whole_feed=False, cited=False)
    tables = {name: _typed(frame, resources[name]) for name, frame in raw.items()}
    return Package(
        data_dir, descriptor, tables, sorted(set(problems), key=_order), checked=False
    )


def read_sentences(pkg: Package, sentence_ids: set[str]) -> pd.DataFrame | None:
    """Those sentences of the feed, typed as in ``tables`` (None: unreadable)."""
    resource = schema.resources(pkg.descriptor).get("sentences")
    if resource is None:
        return None
    table = read_parquet_raw(pkg.data_dir / resource["path"], resource, sentence_ids)
    return None if table.frame is None else _typed(table.frame, resource)


def _read_descriptor(data_dir: Path) -> tuple[schema.Descriptor, list[Problem]]:
    descriptor_path = paths.datapackage_path(data_dir)
    try:
        return schema.read_descriptor(descriptor_path), []
    except (OSError, ValueError) as error:
        problem = Problem(descriptor_path.name, None, None, f"cannot read: {error}")
        return {"resources": []}, [problem]


def _read_tables(
    data_dir: Path,
    resources: dict[str, dict[str, Any]],
    problems: list[Problem],
    whole_feed: bool,
    cited: bool,
) -> dict[str, pd.DataFrame]:
    """Every table as text (curated first: they name the cited sentences).

    Adds the problems found reading them to ``problems``. ``cited=False`` leaves
    the cited sentences unread (only their file's header is checked).
    """
    raw: dict[str, pd.DataFrame] = {}
    for name, resource in resources.items():
        if not is_parquet(resource):
            table = read_raw(data_dir / resource["path"], resource)
            problems += table.problems
            if table.frame is not None:
                raw[name] = table.frame
    for name, resource in resources.items():
        if is_parquet(resource):
            table = _read_derived(data_dir, name, resource, raw, whole_feed, cited)
            problems += table.problems
            if table.frame is not None:
                raw[name] = table.frame
    return raw


def _derived_at(data_dir: Path, resources: dict[str, dict[str, Any]]) -> float | None:
    """When derive last wrote every derived table, if sources.csv is older."""
    try:
        written = min(
            (data_dir / r["path"]).stat().st_mtime
            for r in resources.values()
            if is_parquet(r)
        )
        registered = (data_dir / resources["sources"]["path"]).stat().st_mtime
    except (OSError, KeyError, ValueError):
        return None
    return written if registered <= written else None


def _read_derived(
    data_dir: Path,
    name: str,
    resource: dict[str, Any],
    raw: dict[str, pd.DataFrame],
    whole_feed: bool,
    cited: bool,
) -> RawTable:
    path = data_dir / resource["path"]
    if whole_feed or not path.exists():
        return read_raw(path, resource)
    if name == "sentences" and cited:
        cited = {
            i
            for frame in raw.values()
            if "evidence_sentence_ids" in frame
            for cell in frame["evidence_sentence_ids"].tolist()
            for i in schema.split_list(cell)
        }
        return read_parquet_raw(path, resource, sentence_ids=cited)
    # Read on demand by the pages; here only whether the file can be read at all.
    try:
        header = pq.read_schema(path).names
    except (OSError, pa.ArrowException) as error:
        problem = Problem(path.name, None, None, f"cannot read Parquet: {error}")
        return RawTable(None, [problem])
    return RawTable(None, schema.check_header(path.name, header, resource))


def _check_feed_is_derived(
    data_dir: Path, resources: dict[str, dict[str, Any]], raw: dict[str, pd.DataFrame]
) -> list[Problem]:
    """Every article of sources.csv must have its sentences derived."""
    resource = resources.get("sentences")
    if "sources" not in raw or resource is None or "sentences" not in raw:
        return []
    path = data_dir / resource["path"]
    try:
        # Read as a dictionary: the distinct ids of each row group, not every row's.
        ids = pq.read_table(path, columns=["source_id"], read_dictionary=["source_id"])
        derived = {
            source_id
            for chunk in ids["source_id"].chunks
            for source_id in chunk.dictionary.take(pc.unique(chunk.indices)).to_pylist()
        }
    except (OSError, pa.ArrowException):
        return []  # already reported when the file was read
    return [
        Problem(
            path.name,
            None,
            "source_id",
            f"no sentences for {source_id} (sources.csv row {data_row(index)}): "
            "the derived tables are stale; run jkdefense derive",
        )
        for index, source_id in zip(
            raw["sources"].index, raw["sources"]["source_id"].tolist(), strict=True
        )
        if source_id and source_id not in derived
    ]


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
