"""Where the project's files live; the data folder can be pointed elsewhere."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# NOTE: JKDEFENSE_DATA_DIR lets an analyst (or a test) run the app on a copy of the
# data without touching the committed files. Seeds live beside that data folder.
DATA_DIR_ENV = "JKDEFENSE_DATA_DIR"


def data_dir() -> Path:
    """Return the active data folder (``data/`` unless JKDEFENSE_DATA_DIR is set)."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured).resolve()
    # In a checkout, data/ sits beside the package; an installed package (pip
    # install .) is run from the project folder, so look there.
    beside = ROOT / "data"
    return beside if beside.is_dir() else Path.cwd() / "data"


def project_dir(data: Path) -> Path:
    """Return the project folder that holds ``data`` (seed paths are relative to it)."""
    return data.parent


def datapackage_path(data: Path) -> Path:
    """Return the descriptor of the data package in ``data``."""
    return data / "datapackage.json"


def add_data_argument(
    parser: argparse.ArgumentParser, *, inherited: bool = False
) -> None:
    """Give a command's parser --data.

    ``inherited`` for a subcommand's parser (``propose accept``): left out, it
    keeps the value given before the subcommand instead of resetting it.
    """
    parser.add_argument(
        "--data",
        type=Path,
        default=argparse.SUPPRESS if inherited else None,
        help=f"data folder (default: data/, or ${DATA_DIR_ENV})",
    )


def chosen_data_dir(args: argparse.Namespace) -> Path:
    """The data folder a command was given, or the active one."""
    return (getattr(args, "data", None) or data_dir()).resolve()
