"""The data folder's one writer: one change at a time, every file of it or none.

Every command and app action that changes the data folder or the seeds
(ingest, derive, names promote, the Curate page) hands its new files to one
change:

    with writer.change(data_dir, "ingest") as files:
        files[seed_path] = text_bytes
        files[data_dir / "sources.csv"] = csv_bytes

How a change lands, so that a kill at any instant leaves the folder as before
or as after:

1. It takes the data folder's lock (``.write.lock``, filelock), waiting at most
   LOCK_WAIT_S; a second writer is refused with one line (WriterBusy).
2. It finishes what an interrupted change left (``recover``).
3. Each new file is written beside its target under a temporary name and
   flushed to disk. Killed here: the old files are untouched, and the next
   change removes the temporaries.
4. A journal listing temporary → target, written whole and renamed into place,
   is the commit point. Killed after it: the change is decided, and the next
   change, ``jkdefense derive`` or the app's next load completes it.
5. Each temporary is renamed over its target, the manifest last; the journal
   is removed.

The manifest (``manifest.json``) records what the last change wrote and what
the derived tables were built from, so ``validate`` can name a folder whose
files no longer agree (a hand edit, a copy from elsewhere) and the command
that repairs it (jkdefense.data.manifest).
"""

from __future__ import annotations

import functools
import json
import os
import re
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

import filelock

from jkdefense.data import paths

# A change takes a second or two; a writer that waits longer than this for
# another is told so rather than left hanging.
LOCK_WAIT_S = 30.0
LOCK_NAME = ".write.lock"
JOURNAL_GLOB = ".journal-*.json"
# Temporaries end in this suffix, so none is ever taken for a table or a seed.
TEMPORARY_SUFFIX = ".jkdefense-new"
# What an older version's writes left: ".<file name>.<8 random characters>".
_OLD_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}$")


class WriterBusy(RuntimeError):
    """Another change holds the data folder; the message says so in one line."""


def replace_file(path: Path, data: str | bytes) -> None:
    """Write one file whole: a temporary beside it, flushed, then renamed over it.

    A reader, or a kill at any instant, sees the old file or the new one, never
    part of either. The file ends up readable by everyone (0644), as a plain
    write leaves it under the usual umask.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temporary = _temporary_beside(path, secrets.token_hex(4))
    try:
        _write_flushed(temporary, payload)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def describe(error: OSError) -> str:
    """An OS error in a few words: its reason and the file's name, not its path.

    A temporary's full path can run to hundreds of characters; the reason
    ("No space left on device") is what the reader needs.
    """
    reason = error.strerror or str(error).splitlines()[0] or type(error).__name__
    name = Path(str(error.filename)).name if error.filename else ""
    return f"{reason}: {name[:60]}" if name else reason


def not_written(command: str, error: OSError, untouched: str = "data/ is") -> str:
    """The one line a command prints when its change could not be written."""
    return f"{command}: writing failed ({describe(error)}); {untouched} as before"


def lock(data_dir: Path, wait_s: float | None = None) -> filelock.FileLock:
    """The data folder's lock, taken: waits at most ``wait_s``, then WriterBusy.

    ``wait_s`` defaults to LOCK_WAIT_S, read when the lock is asked for.
    """
    wait_s = LOCK_WAIT_S if wait_s is None else wait_s
    taken = filelock.FileLock(data_dir / LOCK_NAME, timeout=wait_s)
    try:
        taken.acquire()
    except filelock.Timeout:
        raise WriterBusy(
            f"another change to {data_dir} is still being written "
            f"(waited {wait_s:g} s); try again when it has finished"
        ) from None
    return taken


@contextmanager
def change(data_dir: Path, command: str) -> Iterator[dict[Path, bytes]]:
    """Collect a change's files (path -> bytes), then land them all or none.

    Nothing is written if the block raises. The manifest is rewritten in the
    same step, recording ``command`` and what the derived tables rest on.
    """
    files: dict[Path, bytes] = {}
    held = lock(data_dir)
    try:
        recover(data_dir)
        yield files
        if files:
            from jkdefense.data import manifest

            files[manifest.path(data_dir)] = manifest.after(data_dir, files, command)
            _land(data_dir, files)
    finally:
        held.release()


def _land(data_dir: Path, files: dict[Path, bytes]) -> None:
    """Write temporaries, commit the journal, rename each over its target."""
    token = secrets.token_hex(6)
    renames: list[tuple[Path, Path]] = []
    try:
        for target, payload in files.items():
            temporary = _temporary_beside(target, token)
            renames.append((temporary, target))
            _write_flushed(temporary, payload)
        journal = data_dir / f".journal-{token}.json"
        record = [[str(t), str(target)] for t, target in renames]
        replace_file(journal, json.dumps({"renames": record}, indent=1))
    except BaseException:
        for temporary, _ in renames:
            temporary.unlink(missing_ok=True)
        raise
    _finish(journal)


def recover(data_dir: Path) -> list[str]:
    """Complete every committed change, remove every uncommitted temporary.

    Returns what was done, one line per file, for the commands to print.
    Call it holding the lock (``change`` does; ``settle`` takes it).
    """
    done = []
    for journal in sorted(data_dir.glob(JOURNAL_GLOB)):
        done += _finish(journal)
    for folder in _folders(data_dir):
        for leftover in _leftovers(folder):
            leftover.unlink(missing_ok=True)
            done.append(f"removed the unfinished {leftover.name}")
    return done


def settle(data_dir: Path, wait_s: float | None = None) -> list[str]:
    """Before reading: wait for a change in progress, and finish an interrupted one.

    Cheap when there is nothing to do (one glob); otherwise takes the lock, so
    a reader never reads a change half landed. Raises OSError when the folder
    cannot be written (the reader then reports the unfinished change).
    """
    if not pending(data_dir):
        return []
    held = lock(data_dir, wait_s)
    try:
        return recover(data_dir)
    finally:
        held.release()


# How long a reader waits for a change in progress before reading anyway
# (and reporting the unfinished change, as validate does).
READER_WAIT_S = 10.0
# A change lands in well under a second: a reader that sees three land while
# it reads keeps its last read (validate then names anything amiss).
READ_ATTEMPTS = 3
T = TypeVar("T")


def read_consistently(read: Callable[..., T]) -> Callable[..., T]:
    """Make a reader of the data folder see one change's result, never half of it.

    Before reading, the reader waits for a change being landed and completes an
    interrupted one (settle); after, it reads again if a change landed
    meanwhile (the manifest, renamed last, changed), at most READ_ATTEMPTS
    times. A folder it cannot lock (read-only) is read as it is: the loader
    reports an unfinished change as a problem.
    """

    @functools.wraps(read)
    def consistent(data_dir: Path | None = None, *args: Any, **kwargs: Any) -> T:
        data_dir = data_dir or paths.data_dir()
        for _ in range(READ_ATTEMPTS):
            with suppress(OSError, WriterBusy):
                settle(data_dir, READER_WAIT_S)
            landed = generation(data_dir)
            result = read(data_dir, *args, **kwargs)
            if generation(data_dir) == landed and not pending(data_dir):
                break
        return result

    return consistent


def generation(data_dir: Path) -> tuple[int, int, int] | None:
    """Which change the folder shows: the manifest's identity, renamed in last."""
    try:
        stat = (data_dir / "manifest.json").stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def pending(data_dir: Path) -> list[Path]:
    """The journals of changes decided but not yet landed in full."""
    return sorted(data_dir.glob(JOURNAL_GLOB)) if data_dir.is_dir() else []


def _finish(journal: Path) -> list[str]:
    """Rename what is left of a committed change, then drop its journal."""
    try:
        renames = json.loads(journal.read_text(encoding="utf-8"))["renames"]
    except (OSError, ValueError, KeyError, TypeError):
        # A journal is renamed into place whole: one that cannot be read was
        # never committed, so its change is dropped (its temporaries go too).
        journal.unlink(missing_ok=True)
        return [f"dropped the unreadable {journal.name}"]
    done = []
    for temporary, target in renames:
        if Path(temporary).exists():
            Path(temporary).replace(target)
            done.append(f"completed {Path(target).name}")
    for folder in {Path(target).parent for _, target in renames}:
        _sync_folder(folder)
    journal.unlink(missing_ok=True)
    _sync_folder(journal.parent)
    return done


def _folders(data_dir: Path) -> list[Path]:
    """Every folder a change writes in: the data folder, its subfolders, seeds/."""
    seeds = paths.project_dir(data_dir) / "seeds"
    subfolders = [p for p in data_dir.iterdir() if p.is_dir()]
    return [data_dir, *subfolders, *([seeds] if seeds.is_dir() else [])]


def _leftovers(folder: Path) -> list[Path]:
    """Temporaries no journal names: from a change killed before its commit."""
    found = []
    for entry in folder.iterdir():
        old = _OLD_TEMPORARY.match(entry.name)
        if entry.name.endswith(TEMPORARY_SUFFIX) or (
            old and (folder / old["name"]).exists() and entry.is_file()
        ):
            found.append(entry)
    return found


def _temporary_beside(path: Path, token: str) -> Path:
    # Short whatever the target's name: a long name must not overflow the
    # file system's limit on its temporary.
    return path.parent / f".{path.name[:80]}.{token}{TEMPORARY_SUFFIX}"


def _write_flushed(path: Path, payload: bytes) -> None:
    with path.open("wb") as stream:
        stream.write(payload)
        stream.flush()
        os.fsync(stream.fileno())
    path.chmod(0o644)


def _sync_folder(folder: Path) -> None:
    """Make a folder's renames durable (a power cut keeps them)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename still happened
    finally:
        os.close(handle)
