"""The threat picture in tables: the actor × domain matrix and scrambles per actor."""

from __future__ import annotations

import pandas as pd

SCRAMBLE_ACTORS = {"china_count": "CN", "russia_count": "RU", "other_count": "other"}


def threat_matrix(threats: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Actor × domain cells with the highest severity and the threats behind it."""
    names = dict(zip(countries["country_code"], countries["country_name"], strict=True))
    # Sorted by name within each cell first, so each cell lists its threats A–Z.
    ordered = threats.sort_values(["actor_country_code", "domain_type", "threat_name"])
    cells_of = ordered.groupby(["actor_country_code", "domain_type"], sort=False)
    cells = cells_of["severity_score"].max().reset_index()
    cells["threat_count"] = cells_of.size().to_numpy()
    # A name left empty (reported by validate) is left out, not a crash.
    cells["threat_names"] = (
        cells_of["threat_name"].agg(lambda names: "; ".join(names.dropna())).to_numpy()
    )
    cells["actor_name"] = cells["actor_country_code"].map(names)
    return cells


def scrambles_by_actor(scrambles: pd.DataFrame) -> pd.DataFrame:
    """Long table of scrambles: fiscal_year, actor_code, scramble_count."""
    long = scrambles.melt(
        id_vars="fiscal_year",
        value_vars=list(SCRAMBLE_ACTORS),
        var_name="column",
        value_name="scramble_count",
    )
    long["actor_code"] = long.pop("column").map(SCRAMBLE_ACTORS)
    return long.sort_values(["fiscal_year", "actor_code"], ignore_index=True)
