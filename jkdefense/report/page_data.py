"""The tables the page views read, each with a typed, empty stand-in when unreadable.

The curated tables, the feed (sources.csv), the feed's summaries (Parquet),
the theatre map's own files and the package's rules. A file that cannot be read
is drawn as empty, typed as it would be, so the rest of each page still draws:
validate and the pages' banner name the broken file.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from jkdefense.data import feed, load
from jkdefense.data import geo as geo_files
from jkdefense.report import methodology

_FEED_COLUMNS = ["source_id", "title", "author", "publisher", "date_published", "url"]


def sources_table(pkg: load.Package) -> pd.DataFrame:
    """Return the feed (an empty frame when sources.csv is broken)."""
    if "sources" in pkg.tables:
        return pkg.tables["sources"]
    return pd.DataFrame(columns=_FEED_COLUMNS)


def feed_tables(pkg: load.Package) -> dict[str, pd.DataFrame]:
    """The feed's summaries the Sources page draws (empty when not derived yet).

    Each read on its own: a broken sentences table leaves the mentions shown.
    The broken one comes back empty but typed as it would be, so its counts
    still rank and sum (the page names the broken file; so does load).
    """
    summaries = {
        "article_counts": (feed.article_counts, _EMPTY_COUNTS),
        "entity_mentions": (feed.entity_mentions, _EMPTY_MENTIONS),
    }
    found = {}
    for name, (read, columns) in summaries.items():
        try:
            found[name] = read(pkg.data_dir)
        except (OSError, pa.ArrowException):
            found[name] = pd.DataFrame(
                {column: pd.Series(dtype=kind) for column, kind in columns.items()}
            )
    return found


_EMPTY_COUNTS = {"source_id": str, "sentence_count": int, "mention_count": int}
_EMPTY_MENTIONS = {
    "source_id": "category",
    "entity_table": "category",
    "entity_id": "category",
    "mention_count": int,
}


def map_tables(pkg: load.Package) -> dict[str, pd.DataFrame]:
    """The theatre map's own tables, from the map folder of the package's data.

    Read with the other page tables, so the app reads the files once per data
    version rather than at every new view (report.theatre.map_files). A file
    that cannot be read is drawn as empty (no zones, say): validate and the
    pages' banner name it (geo_checks), and the rest of the map still draws.
    """
    folder = geo_files.geo_dir(pkg.data_dir)
    readers = {
        "map_land": lambda: pd.DataFrame({"feature": geo_files.read_basemap(folder)}),
        "map_zones": lambda: geo_files.read_zones(folder),
        "map_positions": lambda: geo_files.read_positions(folder),
        "map_features": lambda: geo_files.read_features(folder),
    }
    tables = {}
    for name, read in readers.items():
        try:
            tables[name] = read()
        except (OSError, ValueError, KeyError, TypeError):
            tables[name] = pd.DataFrame(columns=_MAP_COLUMNS[name])
    return tables


# The columns of each map table, for one whose file cannot be read.
_POINT_COLUMNS = ["lat", "lon", "label_side"]
_MAP_COLUMNS = {
    "map_land": ["feature"],
    "map_zones": [
        *geo_files.ZONE_FIELDS,
        *geo_files.ZONE_NOTES,
        "point_order",
        "point_label",
        "lon",
        "lat",
    ],
    "map_positions": [
        "incident_id",
        "account_id",
        "position_type",
        "actor_country_code",
        "position_label",
        "position_note",
        "position_source_url",
        *_POINT_COLUMNS,
    ],
    "map_features": [
        "feature_id",
        "feature_name",
        "kind",
        "names_note",
        "reference_url",
        *_POINT_COLUMNS,
    ],
}


def page_tables(pkg: load.Package) -> dict[str, pd.DataFrame]:
    """Every table the page views read: curated, the feed, its summaries, the map."""
    return {
        **pkg.tables,
        "sources": sources_table(pkg),
        **feed_tables(pkg),
        **map_tables(pkg),
        **methodology.rules_tables(pkg.descriptor),
    }
