"""Seed files as stored: their bytes' SHA-256 and their text."""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_seed(path: Path) -> str:
    """Read a seed as UTF-8, keeping its line endings (offsets depend on them)."""
    return path.read_bytes().decode("utf-8")
