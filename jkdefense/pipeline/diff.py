"""What changed in the data since a git revision: rows added, removed, changed.

    jkdefense diff REV     # e.g. HEAD, HEAD~3, a tag or a commit id

Rows are matched by each table's primary key; a row whose key stays but whose
cells differ counts as changed, with the columns that differ.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from jkdefense.data import cache, paths, schema

# A revision is a name git understands, never an option or a shell word.
_REVISION = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.~^/@{}-]{0,99}")


class DiffError(ValueError):
    """The revision cannot be read; the message says why."""


def _git(project: Path, revision: str, *args: str) -> subprocess.CompletedProcess:
    """Run git with ``args`` after checking ``revision`` is a plain revision name."""
    if not _REVISION.fullmatch(revision):
        raise DiffError(f"{revision!r} is not a revision name")
    try:
        return subprocess.run(
            ["git", *args],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise DiffError(f"git is not available: {error}") from error


def _git_show(project: Path, revision: str, path: str) -> str | None:
    """The file at ``revision``, or None when it did not exist there."""
    result = _git(project, revision, "show", f"{revision}:{path}")
    if result.returncode == 0:
        return result.stdout
    if (
        "does not exist" in result.stderr
        or "exists on disk, but not in" in result.stderr
    ):
        return None
    raise DiffError(
        result.stderr.strip().splitlines()[-1]
        if result.stderr
        else f"git show {revision} failed"
    )


def repository_state(project: Path) -> str:
    """What a commit, checkout, reset or new tag rewrites in ``.git``, as a digest.

    Reading it costs a few stat calls, not a git process: when it is unchanged,
    every revision still names the commit it named before.
    """
    git_dir = project / ".git"
    if not git_dir.is_dir():
        # A worktree or submodule keeps its refs elsewhere: ask git every time.
        return f"not watched {time.monotonic_ns()}"
    watched = [git_dir / "HEAD", git_dir / "packed-refs", git_dir / "logs" / "HEAD"]
    for folder, _, names in os.walk(git_dir / "refs"):
        watched += [Path(folder) / name for name in sorted(names)]
    return cache.fingerprint(entries=watched)


def resolve(revision: str, project: Path) -> str:
    """The commit id a revision names (so results can be cached by commit)."""
    result = _git(
        project, revision, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"
    )
    if result.returncode != 0:
        raise DiffError(f"{revision!r} is not a commit in this repository")
    return result.stdout.strip()


def _frame(text: str | None) -> pd.DataFrame:
    if not text:
        return pd.DataFrame()
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def table_changes(old: pd.DataFrame, new: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """One row per added, removed or changed record: key, change, columns changed."""
    columns = ["key", "change", "columns"]
    if old.empty and new.empty:
        return pd.DataFrame(columns=columns)
    if old.empty or not set(key) <= set(old):
        return pd.DataFrame(
            [("/".join(r), "added", "") for r in new[key].to_numpy()], columns=columns
        )
    old_rows = old.set_index(key)
    new_rows = new.set_index(key) if set(key) <= set(new) else old_rows.iloc[:0]
    rows = []
    for k in new_rows.index.difference(old_rows.index):
        rows.append((_key(k), "added", ""))
    for k in old_rows.index.difference(new_rows.index):
        rows.append((_key(k), "removed", ""))
    shared = old_rows.index.intersection(new_rows.index)
    common = [c for c in new_rows.columns if c in old_rows.columns]
    for k in shared:
        before, after = old_rows.loc[k, common], new_rows.loc[k, common]
        differ = [c for c in common if str(before[c]) != str(after[c])]
        if differ:
            rows.append((_key(k), "changed", ", ".join(differ)))
    return pd.DataFrame(rows, columns=columns)


def _key(value: object) -> str:
    return "/".join(value) if isinstance(value, tuple) else str(value)


def changes_since(revision: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Every added, removed or changed row in every table since ``revision``."""
    data_dir = data_dir or paths.data_dir()
    project = paths.project_dir(data_dir)
    descriptor = schema.read_descriptor(paths.datapackage_path(data_dir))
    parts = []
    for name, resource in schema.resources(descriptor).items():
        if resource.get("format") == "parquet":
            # Derived tables follow from the seeds and the curated tables compared
            # here (derive --check keeps them current); row diffs of millions of
            # sentences would bury the edits.
            continue
        path = data_dir / resource["path"]
        relative = path.relative_to(project).as_posix()
        old = _frame(_git_show(project, revision, relative))
        new = _frame(path.read_text(encoding="utf-8") if path.exists() else None)
        changes = table_changes(old, new, schema.primary_key(resource))
        parts.append(changes.assign(table=name))
    frame = pd.concat(parts, ignore_index=True)
    return frame[["table", "change", "key", "columns"]]


def summary(changes: pd.DataFrame) -> pd.DataFrame:
    """Counts of added, removed and changed rows per table."""
    counts = changes.pivot_table(
        index="table", columns="change", values="key", aggfunc="count", fill_value=0
    )
    return counts.reindex(columns=["added", "removed", "changed"], fill_value=0)


def configure(parser: argparse.ArgumentParser) -> None:
    """The command line's arguments: ``jkdefense diff REVISION``."""
    parser.add_argument("revision", help="git revision to compare with (e.g. HEAD~1)")


def run(args: argparse.Namespace) -> int:
    """Print the per-table summary, then every changed row; return the exit code."""
    try:
        changes = changes_since(args.revision, paths.chosen_data_dir(args))
    except DiffError as error:
        print(f"diff: {error}", file=sys.stderr)
        return 2
    if changes.empty:
        print(f"No rows added, removed or changed since {args.revision}.")
        return 0
    print(summary(changes).to_string())
    print()
    print(changes.to_string(index=False))
    return 0
