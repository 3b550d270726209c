"""The app's loaded package, kept on disk between server starts while no file changes.

Loading checks every curated row, seed and cited sentence: on a feed of thousands
of articles that is most of a cold start. The checked package is kept in the
user's cache folder, under a key made of every data file's and seed's name, size
and modification time and of this package's own code, so any edit, a re-derive,
a new article or a new version of the checks loads and checks afresh. One entry
is kept per data folder. The cache holds nothing the files do not: deleting it
only makes the next start slower.

    JKDEFENSE_CACHE_DIR=/some/folder   # elsewhere than ~/.cache/jkdefense
    JKDEFENSE_CACHE_DIR=off            # never read or write a cache
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from pathlib import Path

from jkdefense import load, paths

_CODE_DIR = Path(__file__).resolve().parent
# A write takes well under a second; a partial file this old was left by a
# process that stopped mid-write, and no one will finish it.
ABANDONED_AFTER_S = 3600


def cache_dir() -> Path | None:
    """Where checked packages are kept (None: caching is off)."""
    chosen = os.environ.get("JKDEFENSE_CACHE_DIR")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(home) / "jkdefense"


def file_stamps(folder: Path) -> list[tuple[str, int, int]]:
    """(name, size, mtime) of each file in ``folder``, one stat call per file."""
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        return sorted(
            (entry.name, stat.st_size, stat.st_mtime_ns)
            for entry in entries
            if entry.is_file() and (stat := entry.stat())
        )


def files_key(data_dir: Path) -> str:
    """A digest that changes whenever a data file, a seed or the checks change."""
    digest = hashlib.sha256()
    for part in (
        file_stamps(data_dir),
        file_stamps(paths.project_dir(data_dir) / "seeds"),
        file_stamps(_CODE_DIR),
    ):
        digest.update(repr(part).encode())
    return digest.hexdigest()[:32]


def _entry(folder: Path, data_dir: Path, key: str) -> tuple[str, Path]:
    owner = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return owner, folder / f"{owner}-{key}.pickle"


def _read(path: Path, data_dir: Path) -> load.Package | None:
    try:
        with path.open("rb") as stream:
            # NOTE: the app's own file in the user's own cache folder, written
            # below from a package it loaded and checked itself.
            kept = pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception:
        return None  # torn, or written by another version: load afresh
    if isinstance(kept, load.Package) and kept.data_dir == data_dir:
        return kept
    return None


def _write(folder: Path, owner: str, path: Path, package: load.Package) -> None:
    """Keep ``package`` at ``path`` (written whole, then renamed), drop older ones."""
    written = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=folder, prefix=".writing-", delete=False
        ) as stream:
            written = Path(stream.name)
            pickle.dump(package, stream, protocol=pickle.HIGHEST_PROTOCOL)
        written.replace(path)
        for old in folder.glob(f"{owner}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
        _drop_abandoned_writes(folder)
    except OSError:
        # A read-only or full disk: the app works, only without the cache.
        if written is not None:
            written.unlink(missing_ok=True)


def _drop_abandoned_writes(folder: Path) -> None:
    """Remove partial files that stopped processes left (others may be writing)."""
    stale_before = time.time() - ABANDONED_AFTER_S
    for partial in folder.glob(".writing-*"):
        try:
            if partial.stat().st_mtime < stale_before:
                partial.unlink()
        except OSError:
            pass  # gone already, or not ours to remove


def load_package(data_dir: Path) -> load.Package:
    """The package as the app loads it, from the cache when no file has changed."""
    folder = cache_dir()
    if folder is None:
        return load.load_package(data_dir, whole_feed=False)
    owner, path = _entry(folder, data_dir, files_key(data_dir))
    kept = _read(path, data_dir)
    if kept is not None:
        return kept
    package = load.load_package(data_dir, whole_feed=False)
    _write(folder, owner, path, package)
    return package
