"""Theatre map: where the incidents in view happened, against the three ADIZs.

The Threats page draws it after the incident timeline; the Overview can show a
small one with ``map_chart(t, view, labels, actors, small=True)``.
"""

from __future__ import annotations

import pandas as pd

from jkdefense.analysis import accounts, filters
from jkdefense.analysis.filters import ViewFilters
from jkdefense.data import geo as geo_files
from jkdefense.report import base
from jkdefense.report.base import Tables

THREAT_ACTORS = ("CN", "RU", "KP")
# The countries the map has a colour for (render.map_table.COUNTRY_LABELS).
COUNTRY_CODES = ("CN", "RU", "KP", "KR", "JP")
# What the map shows of an incident, beside its position.
SHOWN = ["incident_id", "incident_date", "incident_name", "domain_type", "actor_code"]
SOURCES = (
    "Map: Natural Earth 1:50m (public domain) via world-atlas 2.0.2; ADIZ points: "
    "PRC MND 23 Nov 2013 (News1), ROK MND 8 Dec 2013 (NewDaily; Korean AIP)."
)
# What the map leaves out, and why (data/geo/README.md says more).
NOT_DRAWN = (
    "JADIZ not drawn: its 30 published points were not found at a tier 1–2 source."
)
HOW_TO_READ = (
    f"{NOT_DRAWN} Islands too small for the basemap are marked by a diamond, with "
    "both names."
)


def incidents_in_view(t: Tables, view: ViewFilters, actors: list[str]) -> pd.DataFrame:
    """The incidents the Threats timeline shows: filters, period, threat actors."""
    incidents = t["incidents"]
    events = filters.events_in_view(
        incidents,
        view,
        "incident_date",
        focus_mask=filters.incident_focus(incidents, view.focus),
    )
    if events.empty:  # NOTE: an empty mask would select columns, not rows
        return events
    all_actors = sorted(t["threats"]["actor_country_code"].dropna().unique())
    return filters.incidents_for_actors(events, actors, all_actors)


def actor_of(codes: list[str], placed_actor: str = "") -> str:
    """Who a placed incident's dot stands for.

    The actor at that position when the position row names one (the A-50 of a
    joint patrol), else the first threat actor the incident involves, else
    ``other`` (a Japan–ROK incident).
    """
    if placed_actor:
        return placed_actor
    return next((c for c in THREAT_ACTORS if c in codes), "other")


def placed_incidents(
    events: pd.DataFrame,
    positions: pd.DataFrame,
    accounts_table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The events that have a shipped position, with it and their actor code.

    A position that plots one government's account of where a contested
    incident happened (``account_id``) is coloured by that government and
    carries the account, labelled, for its tooltip.
    """
    placed = events.merge(positions, on="incident_id", how="inner")
    if "account_id" not in placed:
        placed = placed.assign(account_id="")
    by_id = (
        {}
        if accounts_table is None or accounts_table.empty
        else {row["account_id"]: row for _, row in accounts_table.iterrows()}
    )
    actors = [
        by_id[account]["account_of"]
        if account in by_id and by_id[account]["account_of"] in COUNTRY_CODES
        else actor_of(list(codes), placed_actor)
        for codes, placed_actor, account in zip(
            placed["actor_country_codes"],
            placed["actor_country_code"],
            placed["account_id"],
            strict=True,
        )
    ]
    lines = [
        accounts.account_line(by_id[account]) if account in by_id else ""
        for account in placed["account_id"]
    ]
    placed = placed.assign(actor_code=actors, account_line=lines)
    placed = placed.sort_values("incident_date", kind="stable")
    return placed[[*SHOWN, "account_line", *positions.columns.drop("incident_id")]]


def drawn_and_unplaced(placed: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The positions the map draws, and the accounts of places it cannot draw."""
    unplaced = placed["position_type"] == "unplaced"
    return placed[~unplaced], placed[unplaced]


def unplaced_note(unplaced: pd.DataFrame) -> str:
    """Each unplaced contested incident with every government's description of it."""
    if unplaced.empty:
        return ""
    told = [
        f"{name} ({'; '.join(group['position_label'])})"
        for name, group in unplaced.groupby("incident_name", sort=False)
    ]
    return (
        "Described by each government, no position published: " + "; ".join(told) + ". "
    )


# How the map's title names an incident's actor.
ACTOR_NAMES = {
    "CN": "China",
    "RU": "Russia",
    "KP": "North Korea",
    "KR": "South Korea",
    "JP": "Japan",
    "other": "Japan–ROK",
}


def map_title(events: pd.DataFrame, placed: pd.DataFrame) -> str:
    """What the map shows: the incidents it places, by actor, against the ADIZs.

    How many incidents in view it cannot place is coverage, not a finding: the
    map's note says it.
    """
    zones = "the Korean and Chinese ADIZ lines"
    if placed.empty:
        return f"No incident in view has a published position: {zones} only"
    count = placed["incident_id"].nunique()
    by_actor = placed.drop_duplicates("incident_id")["actor_code"].value_counts()
    actors = ", ".join(f"{ACTOR_NAMES[a]} {n}" for a, n in by_actor.items())
    return (
        f"{base.counted(count, 'incident')} placed against {zones}, by actor: {actors}"
    )


def map_note(events: pd.DataFrame, placed: pd.DataFrame, small: bool) -> str:
    """What the image must say about itself: what is left off, what is approximate."""
    drawn, unplaced = drawn_and_unplaced(placed)
    missing = len(events) - (drawn["incident_id"].nunique() if len(drawn) else 0)
    left_off = (
        f"Not placed: {base.counted(missing, 'incident')} in view "
        "without a reported position. "
        if missing
        else ""
    ) + unplaced_note(unplaced)
    if small:
        return left_off + NOT_DRAWN + " " + SOURCES
    return left_off + HOW_TO_READ + " " + SOURCES


def map_files(t: Tables) -> geo_files.Geo:
    """The map's files as the page tables hold them (page_data.map_tables).

    Tables without them (the package's own, in a script) read the map folder.
    """
    if "map_zones" not in t:
        return geo_files.read_geo()
    return geo_files.Geo(
        basemap=list(t["map_land"]["feature"]),
        zones=t["map_zones"],
        positions=t["map_positions"],
        features=t["map_features"],
    )


def map_chart(
    t: Tables,
    view: ViewFilters,
    labels: dict,
    actors: list[str],
    small: bool = False,
    geo: geo_files.Geo | None = None,
) -> base.ChartView:
    """The theatre map of the incidents in view (``small`` for the Overview)."""
    geo = geo or map_files(t)
    events = incidents_in_view(t, view, actors)
    placed = placed_incidents(events, geo.positions, t.get("accounts"))
    drawn, _ = drawn_and_unplaced(placed)
    return base.chart(
        "overview_map" if small else "threats_map",
        "maps.theatre_map_chart",
        drawn,
        map_title(events, drawn),
        labels,
        legend=map_note(events, placed, small),
        outside_table="incidents",
        zones=geo.zones,
        basemap=geo.basemap,
        features=geo.features,
        small=small,
    )
