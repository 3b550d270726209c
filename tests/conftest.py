"""Shared fixtures: the project root and throwaway copies of the data to break."""

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jkdefense.data import load

ROOT = Path(__file__).resolve().parents[1]


def run_module(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m module args`` from the checkout, as an analyst types it."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.fixture(autouse=True, scope="session")
def _own_package_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test, and every server a test starts, keeps checked packages here."""
    folder = tmp_path_factory.mktemp("package-cache")
    before = os.environ.get("JKDEFENSE_CACHE_DIR")
    os.environ["JKDEFENSE_CACHE_DIR"] = str(folder)
    yield
    if before is None:
        os.environ.pop("JKDEFENSE_CACHE_DIR", None)
    else:
        os.environ["JKDEFENSE_CACHE_DIR"] = before


@pytest.fixture(scope="session")
def package() -> load.Package:
    """The committed data package, loaded once."""
    return load.load_package(ROOT / "data")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ and seeds/ in a temporary project; returns its data folder.

    Hidden files (the writer's lock, say) stay behind: a copy starts clean.
    """
    hidden = shutil.ignore_patterns(".*")
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=hidden)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds", ignore=hidden)
    return tmp_path / "data"


class PanicException(BaseException):
    """Stands in for what a panic in sentencex's Rust code raises (no Exception)."""


@pytest.fixture
def splitter_panics(monkeypatch: pytest.MonkeyPatch) -> str:
    """Make sentencex fail on every text as its panics do; return the message."""
    message = "byte index 3 is not a char boundary"

    def panic(language: str, text: str) -> None:
        raise PanicException(message)

    monkeypatch.setattr("sentencex.get_sentence_boundaries", panic)
    return message


def misquote(data_dir):
    """Make the first threat's quote one the article does not contain."""
    threats = data_dir / "threats.csv"
    frame = load.read_table_text(data_dir, "threats")
    quote = frame["evidence_quote"].iloc[0]
    text = threats.read_text(encoding="utf-8")
    threats.write_text(
        text.replace(quote, "Words the article never used", 1), encoding="utf-8"
    )
