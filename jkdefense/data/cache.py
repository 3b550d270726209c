"""The app's loaded package, kept on disk between server starts while no file changes.

Loading checks every curated row, seed and cited sentence: 0.17-0.18 s at the
current feed, where reading the kept package takes 5-7 ms (bench_memo.py), and
0.95-1.2 s at 10,000 articles. Where no checked package is kept, a feed of more
than CHECK_AFTER_DRAWING_ABOVE articles is opened in two steps (open_package):
its tables at once (0.2-0.3 s at 10,000 articles), for the first page, while a
thread checks them (benchmarks/RESULTS.md). The checked package is kept in the
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
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from contextlib import suppress
from pathlib import Path

from jkdefense.data import load, paths, writer

_CODE_DIR = Path(__file__).resolve().parent
# A write takes well under a second; a partial file this old was left by a
# process that stopped mid-write, and no one will finish it.
ABANDONED_AFTER_S = 3600
# Checking a feed of 200 articles takes about 0.1 s and one of 10,000 about 1 s
# (benchmarks/RESULTS.md): above this many seeds the first page does not wait.
CHECK_AFTER_DRAWING_ABOVE = 200


def cache_dir() -> Path | None:
    """Where checked packages are kept (None: caching is off)."""
    chosen = os.environ.get("JKDEFENSE_CACHE_DIR")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(home) / "jkdefense"


Stamp = tuple[str, int | None, int | None]


def _data_files(folder: Path) -> list[os.DirEntry]:
    """The files of ``folder`` that are data (none if it is no folder).

    Hidden files are left out: the writer's lock and temporaries are not data.
    """
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        return [e for e in entries if not e.name.startswith(".") and e.is_file()]


def file_stamps(folder: Path) -> list[Stamp]:
    """(name, size, mtime) of each data file in ``folder``, one stat call per file."""
    return sorted(
        (entry.name, stat.st_size, stat.st_mtime_ns)
        for entry in _data_files(folder)
        if (stat := entry.stat())
    )


def _stamp(path: Path) -> Stamp:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), None, None)
    return (str(path), stat.st_size, stat.st_mtime_ns)


def fingerprint(folders: Iterable[Path] = (), entries: Iterable[Path] = ()) -> str:
    """The one digest of files every cache of the app is keyed by.

    Made of the (name, size, modification time) of every file in ``folders``
    and of each path in ``entries`` itself (a file, or a folder whose own time
    changes when a file is added or removed): any edit changes it.
    """
    digest = hashlib.sha256()
    for folder in folders:
        digest.update(repr((str(folder), file_stamps(folder))).encode())
    for path in entries:
        digest.update(repr(_stamp(path)).encode())
    return digest.hexdigest()[:32]


def _key_and_seeds(data_dir: Path) -> tuple[str, int]:
    """The cache key and the number of seeds.

    The key changes whenever a data file, a seed or the checks change.
    """
    seeds = paths.project_dir(data_dir) / "seeds"
    key = fingerprint([data_dir, data_dir / "geo", seeds, _CODE_DIR])
    # Counted without a stat per file: 10,000 of them in a long feed took 45 ms.
    return key, len(_data_files(seeds))


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
        written.chmod(0o644)  # as a plain write leaves it (the temporary is 0600)
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


def _kept_or_check(
    data_dir: Path,
) -> tuple[load.Package | None, Callable[[], load.Package], int]:
    """The kept package (or None), a check that keeps a new one, the seed count."""
    folder = cache_dir()
    # An interrupted change is completed first: the key then names the files
    # as they will stay.
    with suppress(OSError, writer.WriterBusy):
        writer.settle(data_dir, writer.READER_WAIT_S)
    key, seeds = _key_and_seeds(data_dir)
    owner, path = _entry(folder, data_dir, key) if folder else ("", Path())
    kept = _read(path, data_dir) if folder else None

    def check() -> load.Package:
        package = load.load_package(data_dir, whole_feed=False)
        if folder is not None:
            _write(folder, owner, path, package)
        return package

    return kept, check, seeds


def load_package(data_dir: Path) -> load.Package:
    """The package as the app loads it, from the cache when no file has changed."""
    kept, check, _ = _kept_or_check(data_dir)
    return kept if kept is not None else check()


class Opening:
    """A package being opened: checked, or its tables until a thread checks them."""

    def __init__(
        self,
        checked: load.Package | None = None,
        provisional: load.Package | None = None,
        check: Callable[[], load.Package] | None = None,
    ) -> None:
        """Opened ``checked``; or ``provisional`` until ``check()`` has run."""
        self._provisional = provisional
        self._check = check
        self._started = threading.Lock()
        self._now = threading.Event()
        self._result: Future[load.Package] = Future()
        if check is None:
            self._result.set_result(checked)

    def start_check(self, after_s: float = 0.0) -> None:
        """Check in a thread ``after_s`` from now, unless it is started already.

        A check asked for at once (checked) cuts the wait short.
        """
        with self._started:
            check, self._check = self._check, None
        if check is None:
            return
        thread = threading.Thread(
            target=self._run, args=(check, after_s), name="jkdefense-check", daemon=True
        )
        _CHECKS[:] = [c for c in _CHECKS if c[0].is_alive()]
        _CHECKS.append((thread, self._now))
        thread.start()

    def _run(self, check: Callable[[], load.Package], after_s: float) -> None:
        self._now.wait(after_s)
        try:
            self._result.set_result(check())
        except BaseException as error:  # raised again to whoever asks for it
            self._result.set_exception(error)

    @property
    def checking(self) -> bool:
        """True until the package is checked."""
        return not self._result.done()

    def current(self) -> load.Package:
        """The checked package once there is one; until then the tables as read.

        Without tables to show meanwhile, waits for the check. Raises what the
        check raised, as a load in the script run would.
        """
        provisional = self._provisional
        if self.checking and provisional is not None:
            return provisional
        return self.checked()

    def checked(self, timeout: float | None = None) -> load.Package:
        """The checked package, waiting up to ``timeout`` s for the check."""
        self.start_check()
        self._now.set()
        package = self._result.result(timeout)
        self._provisional = None  # nothing needs the unchecked tables now
        return package


_CHECKS: list[tuple[threading.Thread, threading.Event]] = []


def wait_for_checks(timeout: float = 60) -> None:
    """Run every check started so far now, and wait until each has finished."""
    for check in list(_CHECKS):
        thread, now = check
        now.set()
        thread.join(timeout)
        if not thread.is_alive():
            _CHECKS.remove(check)


def open_package(data_dir: Path) -> Opening:
    """The package as the app opens it: kept, checked now, or checked in a thread.

    A kept package is opened checked. A feed of at most
    CHECK_AFTER_DRAWING_ABOVE articles is checked at once, in a thread; asking
    for its package waits for the check. A longer one opens with its tables as
    read_package gives them, checked in a thread from Opening.start_check on.
    Either check keeps its result, as load_package does.
    """
    kept, check, seeds = _kept_or_check(data_dir)
    if kept is not None:
        return Opening(checked=kept)
    if seeds <= CHECK_AFTER_DRAWING_ABOVE:
        # Checked in a thread at once, waited for by whoever asks: an Opening
        # made before the first run (serve.py) is then shared, never repeated.
        opening = Opening(check=check)
        opening.start_check()
        return opening
    return Opening(provisional=load.read_package(data_dir), check=check)
