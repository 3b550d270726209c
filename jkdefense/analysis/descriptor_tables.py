"""The data package's descriptor as tables for readers: its fields and its rules.

The data dictionary (every field of every table) and the rules on sources and
names (source tiers, addresses not to cite, disputed names).
"""

from __future__ import annotations

import pandas as pd

from jkdefense.data import schema


def data_dictionary(descriptor: schema.Descriptor) -> pd.DataFrame:
    """Every field of every table: type, required, allowed values, description."""
    rows = []
    for name, resource in schema.resources(descriptor).items():
        key = schema.primary_key(resource)
        for field in schema.fields(resource):
            rules = field.get("constraints", {})
            rows.append(
                {
                    "table": name,
                    "field": field["name"],
                    "type": field["type"],
                    "required": bool(rules.get("required")),
                    "key": field["name"] in key,
                    "allowed_values": _allowed_values(field),
                    "description": field["description"],
                }
            )
    return pd.DataFrame(rows)


def _allowed_values(field: schema.Field) -> str:
    """The closed list of a field, each value with its definition where it has one."""
    meanings = field.get("x-enum-definitions", {})
    values = schema.value_rules(field).get("enum", [])
    if not meanings:
        return ", ".join(map(str, values))
    return "; ".join(f"{v}: {meanings.get(v, '')}" for v in values)


def source_rules(descriptor: schema.Descriptor) -> dict[str, pd.DataFrame]:
    """The package's rules on sources and names, as tables to show readers."""
    return {
        "tiers": pd.DataFrame(
            descriptor.get("x-source-tiers", []), columns=["tier", "name", "meaning"]
        ),
        "do_not_cite": pd.DataFrame(
            descriptor.get("x-do-not-cite", []), columns=["url_pattern", "category"]
        ),
        "disputed_names": pd.DataFrame(
            [
                {"names": " / ".join(entry["names"]), "note": entry.get("note", "")}
                for entry in descriptor.get("x-disputed-names", [])
            ],
            columns=["names", "note"],
        ),
    }
