"""Read data/datapackage.json and what it declares of each table.

The checks of a table against its Table Schema are in schema_checks.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

Descriptor = dict[str, Any]
Field = dict[str, Any]

EVIDENCE_FIELDS = (
    "evidence_sentence_ids",
    "evidence_quote",
    "evidence_type",
    "curation_note",
    "reference_url",
    "reference_status",
    "reference_tier",
)
# Table Schema lets a list field constrain only the whole cell (required, length):
# the pattern or enum each of its items must follow is kept under this name.
ITEM_CONSTRAINTS = "x-item-constraints"


def read_descriptor(path: Path) -> Descriptor:
    """Read the data package descriptor (raises on a missing or malformed file)."""
    return json.loads(path.read_text(encoding="utf-8"))


def resources(descriptor: Descriptor) -> dict[str, dict[str, Any]]:
    """Return the resources of the descriptor by name, in declared order."""
    return {r["name"]: r for r in descriptor["resources"]}


def fields(resource: dict[str, Any]) -> list[Field]:
    """Return the fields of a resource in column order."""
    return resource["schema"]["fields"]


def tier_names(descriptor: Descriptor) -> dict[int, str]:
    """Source tier -> its name, as the package defines them (x-source-tiers)."""
    return {t["tier"]: t["name"] for t in descriptor.get("x-source-tiers", [])}


def field_names(resource: dict[str, Any]) -> list[str]:
    """Return the column names a resource's file must have, in declared order."""
    return [f["name"] for f in fields(resource)]


def primary_key(resource: dict[str, Any]) -> list[str]:
    """Return the primary key columns of a resource."""
    key = resource["schema"].get("primaryKey", [])
    return [key] if isinstance(key, str) else list(key)


def is_curated(resource: dict[str, Any]) -> bool:
    """Return True for hand-curated tables (they carry the evidence columns)."""
    return bool(resource.get("x-curated"))


def value_rules(field: Field) -> dict[str, Any]:
    """The rules a cell follows: its constraints, with a list's item rules added.

    The standard allows no pattern or enum on a list field, so the descriptor
    keeps them in x-item-constraints (frictionless ignores it); jkdefense
    applies them to each item, as it applies a plain field's to the cell.
    """
    return {**field.get("constraints", {}), **field.get(ITEM_CONSTRAINTS, {})}


def split_list(cell: str) -> list[str]:
    """Split a ';'-separated list cell into its items (empty cell: no items)."""
    return [item.strip() for item in cell.split(";") if item.strip()] if cell else []
