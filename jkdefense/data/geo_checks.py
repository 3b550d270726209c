"""Checks of the theatre map's files (data/geo/) against the package's rules.

The map's files are not resources of datapackage.json, but what they cite and
say follows the same rules as a curated row: no do-not-cite address (a wiki, a
blog, a proxy copy…), neutral wording, both names of a disputed place, and a
position for every government's account of where a contested incident was, or
for none.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd

from jkdefense.data import rules, schema, wording
from jkdefense.data.problems import (
    DISPUTED_NAMES,
    DO_NOT_CITE,
    GEO_UNREADABLE,
    NEUTRAL_WORDING,
    POSITION_ACCOUNT,
    POSITION_INCIDENT,
    POSITION_NAMES_ACCOUNT,
    POSITIONS_COMPLETE,
    Problem,
    data_row,
)

# The text and address columns of each map table, checked like curated prose.
TEXT_COLUMNS = {
    "positions.csv": ("position_label", "position_note"),
    "features.csv": ("feature_name", "names_note"),
}
URL_COLUMNS = {"positions.csv": "position_source_url", "features.csv": "reference_url"}
# Map files may name several sources in one cell, separated by " ; ".
_URL = re.compile(r"https?://\S+")


def _read_csv(path: Path) -> tuple[pd.DataFrame | None, list[Problem]]:
    name = f"geo/{path.name}"
    try:
        text = path.read_text(encoding="utf-8")
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        return None, [
            Problem(name, None, None, f"cannot read: {error}", GEO_UNREADABLE)
        ]
    if not records:
        return None, [Problem(name, None, None, "file is empty", GEO_UNREADABLE)]
    header, rows = records[0], records[1:]
    bad = [i for i, row in enumerate(rows) if len(row) != len(header)]
    if bad:
        return None, [
            Problem(
                name,
                data_row(bad[0]),
                None,
                "row has the wrong number of cells",
                GEO_UNREADABLE,
            )
        ]
    return pd.DataFrame(rows, columns=header), []


def url_problems(
    file: str, row: int | None, field: str, cell: str, descriptor: schema.Descriptor
) -> list[Problem]:
    """Each address in ``cell`` that the package says never to cite."""
    banned = rules.do_not_cite(descriptor)
    return [
        Problem(
            file,
            row,
            field,
            f"{url!r} is a do-not-cite source ({category}); "
            "cite a tier 1 or 2 source instead",
            DO_NOT_CITE,
        )
        for url in _URL.findall(cell)
        for pattern, category in banned
        if pattern.search(url)
    ]


def text_problems(
    file: str, row: int | None, field: str, cell: str, rules: wording.Wording
) -> list[Problem]:
    """Wording the package refuses, and a disputed name without its other name."""
    return [
        *(
            Problem(file, row, field, m, NEUTRAL_WORDING)
            for m in rules.refused_in(cell)
        ),
        *(
            Problem(file, row, field, m, DISPUTED_NAMES)
            for m in rules.disputed_names_in(cell)
        ),
    ]


def check_tables(folder: Path, descriptor: schema.Descriptor) -> list[Problem]:
    """Addresses and wording of positions.csv and features.csv."""
    rules = wording.Wording.of(descriptor)
    problems: list[Problem] = []
    for name, columns in TEXT_COLUMNS.items():
        frame, read = _read_csv(folder / name)
        problems += read
        if frame is None:
            continue
        file = f"geo/{name}"
        for index, row in zip(frame.index, frame.to_dict("records"), strict=True):
            at = data_row(index)
            url_column = URL_COLUMNS[name]
            problems += url_problems(
                file, at, url_column, row.get(url_column, ""), descriptor
            )
            for column in columns:
                problems += text_problems(file, at, column, row.get(column, ""), rules)
    return problems


def check_zones(folder: Path, descriptor: schema.Descriptor) -> list[Problem]:
    """Addresses and wording of the zone lines (feature n of zones.geojson)."""
    file = "geo/zones.geojson"
    try:
        collection = json.loads((folder / "zones.geojson").read_text(encoding="utf-8"))
        features = collection["features"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [Problem(file, None, None, f"cannot read: {error}", GEO_UNREADABLE)]
    rules = wording.Wording.of(descriptor)
    problems: list[Problem] = []
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties", {})
        problems += url_problems(
            file, number, "source_url", props.get("source_url", ""), descriptor
        )
        for key in ("zone_name", "note", "label_text"):
            problems += text_problems(file, number, key, str(props.get(key, "")), rules)
    return problems


def check_positions(folder: Path, raw: dict[str, pd.DataFrame]) -> list[Problem]:
    """A contested position is drawn for every account of it, or not at all.

    Each position names an incident of incidents.csv; one that plots an account
    names it (account_id) and the account must be of that incident's position.
    """
    positions, _ = _read_csv(folder / "positions.csv")
    incidents, accounts = raw.get("incidents"), raw.get("accounts")
    if positions is None or incidents is None or accounts is None:
        return []
    file = "geo/positions.csv"
    where = accounts[
        (accounts["subject_table"] == "incidents")
        & (accounts["aspect_type"] == "position")
    ]
    account_of = dict(zip(where["account_id"], where["subject_id"], strict=True))
    known = set(incidents["incident_id"])
    problems = []
    for index, row in zip(positions.index, positions.to_dict("records"), strict=True):
        at, incident = data_row(index), row.get("incident_id", "")
        account = row.get("account_id", "")
        if incident not in known:
            problems.append(
                Problem(
                    file,
                    at,
                    "incident_id",
                    f"{incident!r} is not in incidents",
                    POSITION_INCIDENT,
                )
            )
        if account and account_of.get(account) != incident:
            problems.append(
                Problem(
                    file,
                    at,
                    "account_id",
                    f"{account!r} is not a position account of {incident!r} "
                    "in accounts.csv",
                    POSITION_ACCOUNT,
                )
            )
        contested = incident in set(account_of.values())
        if contested and not account:
            problems.append(
                Problem(
                    file,
                    at,
                    "account_id",
                    f"governments give different positions for {incident!r}: "
                    "a position must name the account it plots",
                    POSITION_NAMES_ACCOUNT,
                )
            )
    plotted = set(positions.get("account_id", pd.Series(dtype=str)))
    placed = set(positions.get("incident_id", pd.Series(dtype=str)))
    for account, incident in account_of.items():
        if incident in placed and account not in plotted:
            problems.append(
                Problem(
                    file,
                    None,
                    "account_id",
                    f"{incident!r} is plotted without {account!r}: draw every "
                    "government's position, or none",
                    POSITIONS_COMPLETE,
                )
            )
    return problems


def check_geo(
    folder: Path, descriptor: schema.Descriptor, raw: dict[str, pd.DataFrame]
) -> list[Problem]:
    """Every problem in the map's folder (none when it has no map files)."""
    if not (folder / "positions.csv").exists():
        return []
    return (
        check_tables(folder, descriptor)
        + check_zones(folder, descriptor)
        + check_positions(folder, raw)
    )
