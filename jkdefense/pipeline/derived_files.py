"""The derived tables as files: where each is stored, its Parquet bytes, staleness.

Parquet is columnar, so the app reads only the columns and rows it shows,
however long the feed.
"""

from __future__ import annotations

import io
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def to_parquet_bytes(table: pa.Table) -> bytes:
    """Serialise a table as Parquet (zstd; no pandas index or metadata)."""
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd", row_group_size=64_000)
    return buffer.getvalue()


def read_parquet(path: Path) -> pa.Table:
    """Read a derived table (as to_parquet_bytes wrote it)."""
    return pq.read_table(path)


def derived_path(data_dir: Path, name: str) -> Path:
    """Where a derived table is stored."""
    return data_dir / f"{name}.parquet"


def stale_files(data_dir: Path, outputs: dict[str, pa.Table]) -> list[str]:
    """Return the derived files whose stored table differs from ``outputs``."""
    stale = []
    for name, table in outputs.items():
        path = derived_path(data_dir, name)
        try:
            current = read_parquet(path)
        except (OSError, pa.ArrowException):
            stale.append(path.name)
            continue
        if not current.equals(table):
            stale.append(path.name)
    return stale
