"""Where the project's files live; the data folder can be pointed elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# NOTE: JKDEFENSE_DATA_DIR lets an analyst (or a test) run the app on a copy of the
# data without touching the committed files. Seeds live beside that data folder.
DATA_DIR_ENV = "JKDEFENSE_DATA_DIR"


def data_dir() -> Path:
    """Return the active data folder (``data/`` unless JKDEFENSE_DATA_DIR is set)."""
    configured = os.environ.get(DATA_DIR_ENV)
    return Path(configured).resolve() if configured else ROOT / "data"


def project_dir(data: Path) -> Path:
    """Return the project folder that holds ``data`` (seed paths are relative to it)."""
    return data.parent


def datapackage_path(data: Path) -> Path:
    """Return the descriptor of the data package in ``data``."""
    return data / "datapackage.json"
