"""The theatre map's one table: a row per ADIZ point, disputed feature, incident, label.

Every layer but the land reads it, told apart by its ``layer`` field
(jkdefense.render.map_layers draws them); this module also holds the words the
rows carry: whose line or point it is, how sure a line or a position is.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from jkdefense.render import theme

# The inks of labels: features and incidents, seas, countries.
INK, SEA_INK, COUNTRY_INK = theme.TEXT_COLOR, "#4f6f89", "#8a857a"
# Who a line or a point belongs to: a country's ADIZ, or an incident's actor.
COUNTRY_LABELS = {
    "CN": "China",
    "RU": "Russia",
    "KP": "North Korea",
    "KR": "South Korea",
    "JP": "Japan",
    "other": "Japan–ROK dispute",
}
LINE_STATUS = {
    "published": "published points",
    "derived": "published points, order derived",
    "approximate": "approximate: a point is an unverified reading",
}
POSITION_TYPES = {"reported": "reported", "approximate": "approximate (derived)"}


def _label_rows(
    zones: pd.DataFrame, features: pd.DataFrame, positions: pd.DataFrame, small: bool
) -> list[dict[str, Any]]:
    """Every label: its text, point, side, ink, size, weight and style."""
    label = {"layer": "label", "weight": "normal", "style": "normal", "lines": 1}
    rows = [
        {
            **label,
            "text": zone["zone_name" if small else "label_text"],
            "lon": float(zone["label_lon"]),
            "lat": float(zone["label_lat"]),
            "label_side": "center",
            "ink": theme.COUNTRY_COLORS[zone["country_code"]],
            "font_size": 11 if small else 13,
            "weight": "bold",
        }
        for zone in zones.drop_duplicates("zone_id").to_dict("records")
    ]
    kinds = ["disputed"] if small else ["disputed", "sea", "country"]
    inks = {"disputed": INK, "sea": SEA_INK, "country": COUNTRY_INK}
    rows += [
        {
            **label,
            "text": feature["feature_name"],
            "lon": feature["lon"],
            "lat": feature["lat"],
            "label_side": feature["label_side"],
            "ink": inks[feature["kind"]],
            "font_size": (10 if small else 12) if feature["kind"] == "disputed" else 13,
            "weight": "bold" if feature["kind"] == "country" else "normal",
            "style": "italic" if feature["kind"] == "sea" else "normal",
        }
        for feature in features.to_dict("records")
        if feature["kind"] in kinds
    ]
    if not small:
        rows += [
            {
                **label,
                "text": placed["position_label"],
                "lon": placed["lon"],
                "lat": placed["lat"],
                "label_side": placed["label_side"],
                "ink": INK,
                "font_size": 12,
                "lines": placed["position_label"].count("\n") + 1,
            }
            for placed in positions.to_dict("records")
        ]
    return rows


def layer_table(
    zones: pd.DataFrame, features: pd.DataFrame, positions: pd.DataFrame, small: bool
) -> pd.DataFrame:
    """One table for every layer but the land, told apart by ``layer``.

    Only the fields the layers read: addresses stay in the shipped files and
    the README, so a chart spec names none.

    NOTE: built row by row, not with pandas: joining four small tables of
    different columns in pandas took longer than building the rest of the map.
    """
    lines = [
        {
            "layer": "zone",
            "lon": zone["lon"],
            "lat": zone["lat"],
            "who": COUNTRY_LABELS[zone["country_code"]],
            "line": LINE_STATUS[zone["status"]],
            "segment": f"{zone['zone_id']}-{zone['part']}",
            "point_order": zone["point_order"],
            "zone_name": zone["zone_name"],
            "note": zone["note"],
        }
        for zone in zones.to_dict("records")
    ]
    disputed = [
        {
            "layer": "feature",
            "lon": feature["lon"],
            "lat": feature["lat"],
            "feature_name": feature["feature_name"],
            "names_note": feature["names_note"],
        }
        for feature in features.to_dict("records")
        if feature["kind"] == "disputed"
    ]
    placed = [
        {
            "layer": "incident",
            "lon": incident["lon"],
            "lat": incident["lat"],
            "who": COUNTRY_LABELS[incident["actor_code"]],
            "position": POSITION_TYPES[incident["position_type"]],
            "incident_date": incident["incident_date"],
            "incident_name": incident["incident_name"],
            "position_note": incident["position_note"],
            "account": incident.get("account_line", ""),
        }
        for incident in positions.to_dict("records")
    ]
    labels = _label_rows(zones, features, positions, small)
    return pd.DataFrame.from_records([*lines, *disputed, *placed, *labels])
