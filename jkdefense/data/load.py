"""Load the data package: read every CSV, collect every problem, type what is usable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from jkdefense.data import (
    checks,
    derived_checks,
    geo_checks,
    manifest,
    paths,
    schema,
    schema_checks,
    writer,
)
from jkdefense.data.package import Package
from jkdefense.data.problems import (
    DESCRIPTOR_UNREADABLE,
    PARQUET_UNREADABLE,
    Problem,
)
from jkdefense.data.reading import (
    RawTable,
    is_parquet,
    read_parquet_raw,
    read_raw,
    typed,
)


@writer.read_consistently
def load_package(data_dir: Path | None = None, whole_feed: bool = True) -> Package:
    """Load and validate every table of the package in ``data_dir``.

    Never raises on bad data: tables that cannot be used (unreadable, or with a
    repeated key) are left out of ``tables`` and every problem, in any table, is
    listed in ``problems``.

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
    problems += derived_checks.check_feed_is_derived(data_dir, resources, raw)
    problems += geo_checks.check_geo(data_dir / "geo", descriptor, raw)
    # Validate compares every derived file's digest; the app, its size.
    problems += manifest.problems(data_dir, thorough=whole_feed)
    if not whole_feed:
        problems += derived_checks.check_derived_keys(data_dir, resources, problems)
    problems = sorted(set(problems), key=_order)
    tables = _usable(raw, resources, problems)
    # Arrow keeps the pages the scan of the feed freed; a long-running app hands
    # them back (see jkdefense.data.feed.give_back_memory).
    pa.default_memory_pool().release_unused()
    return Package(data_dir, descriptor, tables, problems)


@writer.read_consistently
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
    # Only the keys are checked here: rows that cannot be told apart are not drawn.
    for name, frame in raw.items():
        resource = resources[name]
        problems += schema_checks.check_keys(resource["path"], frame, resource)
    problems = sorted(set(problems), key=_order)
    tables = _usable(raw, resources, problems)
    return Package(data_dir, descriptor, tables, problems, checked=False)


def _usable(
    raw: dict[str, pd.DataFrame],
    resources: dict[str, dict[str, Any]],
    problems: list[Problem],
) -> dict[str, pd.DataFrame]:
    """The tables typed, but for those a problem leaves unusable (a repeated key).

    They were checked all the same, so no problem they hide goes unreported.
    """
    broken = {p.file for p in problems if p.breaks_table}
    return {
        name: typed(frame, resources[name])
        for name, frame in raw.items()
        if resources[name]["path"] not in broken
    }


def read_sentences(pkg: Package, sentence_ids: set[str]) -> pd.DataFrame | None:
    """Those sentences of the feed, typed as in ``tables`` (None: unreadable)."""
    resource = schema.resources(pkg.descriptor).get("sentences")
    if resource is None:
        return None
    table = read_parquet_raw(pkg.data_dir / resource["path"], resource, sentence_ids)
    return None if table.frame is None else typed(table.frame, resource)


def _read_descriptor(data_dir: Path) -> tuple[schema.Descriptor, list[Problem]]:
    descriptor_path = paths.datapackage_path(data_dir)
    try:
        descriptor = schema.read_descriptor(descriptor_path)
        for resource in schema.resources(descriptor).values():
            resource["path"], schema.fields(resource)  # what every reader needs
    except (OSError, ValueError, KeyError, TypeError) as error:
        problem = Problem(
            descriptor_path.name,
            None,
            None,
            _descriptor_trouble(error),
            DESCRIPTOR_UNREADABLE,
        )
        return {"resources": []}, [problem]
    return descriptor, []


def _descriptor_trouble(error: Exception) -> str:
    """What is wrong with datapackage.json, in one line."""
    if isinstance(error, IsADirectoryError):
        return "is a folder, not a file: put the descriptor in its place"
    if isinstance(error, FileNotFoundError):
        return "file is missing: no table can be read without it"
    if isinstance(error, KeyError):
        return f"not a data package: {error} is missing"
    if isinstance(error, TypeError):
        return "not a data package: expected resources, each with a path and fields"
    text = getattr(error, "strerror", None) or str(error)
    return f"cannot read: {text}"


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
    if whole_feed or not path.is_file():
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
        message = f"cannot read Parquet: {error}"
        return RawTable(
            None, [Problem(path.name, None, None, message, PARQUET_UNREADABLE)]
        )
    return RawTable(None, schema_checks.check_header(path.name, header, resource))


def _order(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.file, problem.row or 0, problem.field or "", problem.message)


class Unreadable(ValueError):
    """A table a tool needs cannot be read; the message names file and why."""


def read_table_text(data_dir: Path, name: str) -> pd.DataFrame:
    """Read one table as strings for tools that only need its text (derive, ingest).

    Raises Unreadable (a ValueError) naming the problems, in one line, when the
    descriptor or the file cannot be read.
    """
    descriptor, problems = _read_descriptor(data_dir)
    resource = schema.resources(descriptor).get(name)
    if resource is None:
        raise Unreadable(
            "; ".join(str(p) for p in problems)
            or f"datapackage.json declares no table {name!r}"
        )
    table = read_raw(data_dir / resource["path"], resource)
    if table.frame is None:
        raise Unreadable("; ".join(str(p) for p in table.problems))
    return table.frame


def unknown_sources(data_dir: Path, source_ids: list[str]) -> list[str]:
    """Those of ``source_ids`` that sources.csv does not list, in order."""
    feed_ids = set(read_table_text(data_dir, "sources")["source_id"])
    return [source_id for source_id in source_ids if source_id not in feed_ids]
