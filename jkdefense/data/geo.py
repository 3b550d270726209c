"""The theatre map's shipped files (data/geo/): basemap, ADIZ lines, positions.

Pure reading, no geometry library: the clip and the zone file were made once by
the scripts beside them (data/geo/make_basemap.py, make_zones.py) and ship with
the project. The folder is not a resource of datapackage.json: its README says
what each file is and where every coordinate comes from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from jkdefense.data import paths

BASEMAP, ZONES = "basemap.geojson", "zones.geojson"
POSITIONS, FEATURES = "positions.csv", "features.csv"
# The zone properties every point of the zone table carries.
ZONE_FIELDS = ("zone_id", "zone_name", "country_code", "part", "status")
ZONE_NOTES = ("source_url", "note", "label_text", "label_lon", "label_lat")


@dataclass(frozen=True)
class Geo:
    """Everything the theatre map draws besides the incidents themselves."""

    basemap: list[dict[str, Any]]  # GeoJSON features (countries, clipped)
    zones: pd.DataFrame  # one row per boundary point, in drawing order
    positions: pd.DataFrame  # one row per placed incident
    features: pd.DataFrame  # disputed features and sea names, as labelled points


def geo_dir(data_dir: Path | None = None) -> Path:
    """The map's folder: ``geo/`` in the active data folder, else the shipped one.

    A copy of the data made before the map existed has no ``geo/``; the map is
    the project's own (not the analyst's data), so it falls back to the checkout.
    """
    folder = (data_dir or paths.data_dir()) / "geo"
    return folder if folder.is_dir() else paths.ROOT / "data" / "geo"


def read_basemap(folder: Path) -> list[dict[str, Any]]:
    """The clipped countries as GeoJSON features (for an inline geoshape)."""
    collection = json.loads((folder / BASEMAP).read_text(encoding="utf-8"))
    return collection["features"]


def zone_points(collection: dict[str, Any]) -> pd.DataFrame:
    """One row per point of every zone line: its zone, part, order and lon/lat."""
    rows = []
    for feature in collection["features"]:
        props = feature["properties"]
        labels = props.get("point_labels") or []
        for order, (lon, lat) in enumerate(feature["geometry"]["coordinates"]):
            rows.append(
                {
                    **{name: props.get(name) for name in ZONE_FIELDS + ZONE_NOTES},
                    "point_order": order,
                    "point_label": labels[order] if order < len(labels) else "",
                    "lon": float(lon),
                    "lat": float(lat),
                }
            )
    return pd.DataFrame(rows)


def read_zones(folder: Path) -> pd.DataFrame:
    """The ADIZ lines of zones.geojson as a table of points."""
    return zone_points(json.loads((folder / ZONES).read_text(encoding="utf-8")))


def _read_points(path: Path) -> pd.DataFrame:
    """Labelled points; a row without coordinates (an unplaced account) keeps NaN."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return frame.assign(
        lat=pd.to_numeric(frame["lat"], errors="coerce"),
        lon=pd.to_numeric(frame["lon"], errors="coerce"),
    )


def read_positions(folder: Path) -> pd.DataFrame:
    """Incident positions keyed by incident_id (only incidents with a position).

    A contested incident whose governments published no coordinates has a row
    per account without lat/lon (position_type ``unplaced``): the map draws none
    of them and its note gives each account's description of the place.
    """
    return _read_points(folder / POSITIONS)


def read_features(folder: Path) -> pd.DataFrame:
    """Disputed features (both names) and sea names, as labelled points."""
    return _read_points(folder / FEATURES)


def read_geo(folder: Path | None = None) -> Geo:
    """Read every file of the map's folder (the active one by default)."""
    folder = folder or geo_dir()
    return Geo(
        basemap=read_basemap(folder),
        zones=read_zones(folder),
        positions=read_positions(folder),
        features=read_features(folder),
    )
