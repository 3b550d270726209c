"""What the last change wrote, and what the derived tables were built from.

``manifest.json`` sits in the data folder and is rewritten by every change
(jkdefense.data.writer) in the same atomic step as the files it describes:

    {"change": "ingest",
     "derived_from": {"feed": <digest>, "aliases": <digest>},
     "derived": {"sentences.parquet": {"sha256": ..., "bytes": ...}, ...}}

``derived_from`` digests exactly what derive reads: each article's id, seed
path and seed digest (sources.csv), every alias of every curated table, and
the contexts in which ambiguous aliases count (alias_contexts.csv).
An edit to a title or a note changes neither; a new article, a seed or an
alias does, and the derived tables are then stale. ``derived`` lets a reader
tell whether each derived file is the one the last change wrote: a file
copied in from elsewhere, or left by an interrupted write of an older
version, is not.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from jkdefense.data import alias_contexts, paths, schema
from jkdefense.data.problems import (
    CHANGE_INTERRUPTED,
    DERIVED_MISMATCH,
    DERIVED_STALE,
    MANIFEST_MISSING,
    Problem,
)

NAME = "manifest.json"
FEED_COLUMNS = ("source_id", "seed_path", "seed_sha256")
REPAIR = "run jkdefense derive"


def path(data_dir: Path) -> Path:
    """Where the manifest is kept."""
    return data_dir / NAME


def after(data_dir: Path, files: dict[Path, bytes], command: str) -> bytes:
    """The manifest once ``files`` are written: the change and what it rests on."""
    derived = {
        target.name: _file_record(payload)
        for target, payload in files.items()
        if target.parent == data_dir and target.suffix == ".parquet"
    }
    kept = _read(data_dir) or {}
    for name, record in (kept.get("derived") or {}).items():
        derived.setdefault(name, record)  # a change that derives nothing keeps them
    record = {
        "change": command,
        "derived_from": derived_from(data_dir, files),
        "derived": dict(sorted(derived.items())),
    }
    return (json.dumps(record, indent=1, sort_keys=False) + "\n").encode("utf-8")


def derived_from(data_dir: Path, files: dict[Path, bytes] | None = None) -> dict:
    """Digests of what derive reads, from ``files`` where given, else the disk."""
    files = files or {}
    descriptor = json.loads(_bytes(paths.datapackage_path(data_dir), files))
    feed, aliases = [], []
    for name, resource in schema.resources(descriptor).items():
        columns = schema.field_names(resource)
        if (
            name not in ("sources", alias_contexts.TABLE)
            and "alias_names" not in columns
        ):
            continue
        rows = _rows(_bytes(data_dir / resource["path"], files))
        if name == alias_contexts.TABLE:  # they decide which aliases count where
            aliases += [
                (name, *(r.get(c, "") for c in alias_contexts.RULE_COLUMNS))
                for r in rows
            ]
        if name == "sources":
            feed = sorted(tuple(r.get(c, "") for c in FEED_COLUMNS) for r in rows)
        if "alias_names" in columns:
            key = schema.primary_key(resource)[0]
            aliases += [(name, r.get(key, ""), r.get("alias_names", "")) for r in rows]
    return {"feed": _digest(feed), "aliases": _digest(sorted(aliases))}


def problems(data_dir: Path, thorough: bool = True) -> list[Problem]:
    """An unfinished change, or derived tables that do not match the manifest.

    ``thorough`` compares each derived file's digest (validate); otherwise
    its size only, which costs a stat (the app's load).
    """
    from jkdefense.data import writer

    found = [
        Problem(
            journal.name,
            None,
            None,
            "a change was interrupted before all its files were written; "
            f"{REPAIR} (it completes the change first)",
            CHANGE_INTERRUPTED,
        )
        for journal in writer.pending(data_dir)
    ]
    kept = _read(data_dir)
    if kept is None:
        return found + [
            Problem(
                NAME,
                None,
                None,
                f"missing or unreadable; {REPAIR} to write it",
                MANIFEST_MISSING,
            )
        ]
    try:
        now = derived_from(data_dir)
    except (OSError, ValueError, KeyError):
        return found  # the tables themselves are reported where they are read
    changed = [k for k, digest in now.items() if kept["derived_from"].get(k) != digest]
    if changed:
        what = " and ".join(
            {"feed": "the articles in sources.csv", "aliases": "the aliases"}[k]
            for k in changed
        )
        found.append(
            Problem(
                NAME,
                None,
                "derived_from",
                f"the derived tables were built before {what} last changed "
                f"(stale); {REPAIR}",
                DERIVED_STALE,
            )
        )
    for name, record in kept.get("derived", {}).items():
        if not _matches(data_dir / name, record, thorough):
            found.append(
                Problem(
                    name,
                    None,
                    None,
                    "not the file the last change wrote (copied in, or left by an "
                    f"interrupted write): the derived tables are mixed; {REPAIR}",
                    DERIVED_MISMATCH,
                )
            )
    return found


def _matches(file: Path, record: dict, thorough: bool) -> bool:
    try:
        if file.stat().st_size != record.get("bytes"):
            return False
        return not thorough or _sha256(file.read_bytes()) == record.get("sha256")
    except OSError:
        return True  # a missing or unreadable table is reported when it is read


def _read(data_dir: Path) -> dict | None:
    try:
        kept = json.loads(path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(kept, dict) or not isinstance(kept.get("derived_from"), dict):
        return None
    return kept


def _bytes(file: Path, files: dict[Path, bytes]) -> bytes:
    return files[file] if file in files else file.read_bytes()


def _rows(data: bytes) -> list[dict[str, str]]:
    text = data.decode("utf-8").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _file_record(payload: bytes) -> dict:
    return {"sha256": _sha256(payload), "bytes": len(payload)}


def _sha256(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def _digest(rows: list[tuple[str, ...]]) -> str:
    return _sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8"))
