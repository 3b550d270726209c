"""The curated aliases: which entities each alias names, from the curated tables.

Every table with an alias_names column lends its rows' aliases to the entity
of the row (its key and its ``*_name`` label).
"""

from __future__ import annotations

from pathlib import Path

from jkdefense.data import load, paths, schema
from jkdefense.pipeline.mentions import Entity


def collect_aliases(data_dir: Path) -> dict[str, list[Entity]]:
    """Return alias -> entities, from every curated table that has alias_names."""
    descriptor = schema.read_descriptor(paths.datapackage_path(data_dir))
    aliases: dict[str, list[Entity]] = {}
    for name, resource in schema.resources(descriptor).items():
        columns = schema.field_names(resource)
        if "alias_names" not in columns:
            continue
        key = schema.primary_key(resource)[0]
        label = next(c for c in columns if c.endswith("_name"))
        frame = load.read_table_text(data_dir, name)
        for row in frame.itertuples(index=False):
            entity = Entity(name, getattr(row, key), getattr(row, label))
            for alias in schema.split_list(row.alias_names):
                aliases.setdefault(alias, []).append(entity)
    return aliases
