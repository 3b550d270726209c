"""Checks of the derived tables made on their files, not on the rows loaded.

The app reads most of the feed on demand, so these read only what they need
from the Parquet files: the articles that have sentences, and the keys of a
derived file the manifest cannot vouch for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from jkdefense.data import manifest, schema, schema_checks
from jkdefense.data.problems import FEED_NOT_DERIVED, Problem, data_row
from jkdefense.data.reading import is_parquet


def check_feed_is_derived(
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
            FEED_NOT_DERIVED,
        )
        for index, source_id in zip(
            raw["sources"].index, raw["sources"]["source_id"].tolist(), strict=True
        )
        if source_id and source_id not in derived
    ]


def check_derived_keys(
    data_dir: Path, resources: dict[str, dict[str, Any]], problems: list[Problem]
) -> list[Problem]:
    """Repeated keys in the derived tables the app reads on demand.

    derive never writes a repeated key, so only a derived file the manifest
    cannot vouch for (or one with a problem already) is read for its keys: the
    keys of a long feed take seconds to read.
    """
    named = {p.file for p in problems}
    found = []
    for resource in resources.values():
        file = resource["path"]
        if not is_parquet(resource) or not ({file, manifest.NAME} & named):
            continue
        key = schema.primary_key(resource)
        try:
            table = pq.read_table(data_dir / file, columns=key)
        except (OSError, pa.ArrowException):
            continue  # reported when the file was read
        if table.group_by(key).aggregate([]).num_rows == table.num_rows:
            continue
        frame = pd.DataFrame(
            {c: pc.cast(table[c], pa.string()).to_pandas() for c in key}
        )
        found += schema_checks.check_keys(file, frame.fillna(""), resource)
    return found
