"""Shared fixtures: the project root and throwaway copies of the data to break."""

import shutil
from pathlib import Path

import pytest

from jkdefense import load

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def package() -> load.Package:
    """The committed data package, loaded once."""
    return load.load_package(ROOT / "data")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ and seeds/ in a temporary project; returns its data folder."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path / "data"
