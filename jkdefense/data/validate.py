"""Validate the data package and list every problem as file, row, field, message.

    jkdefense validate [--data DIR]

Exit status 0 when the package is clean, 1 when any problem is found. Also
leaves the package checked for the app's next start (jkdefense.package_cache).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jkdefense.data import cache, load, paths
from jkdefense.data.problems import Problem


def validate(data_dir: Path | None = None) -> list[Problem]:
    """Return every problem in the package at ``data_dir`` (empty list: clean)."""
    return load.load_package(data_dir).problems


def configure(parser: argparse.ArgumentParser) -> None:
    """The command line: ``jkdefense validate [--data DIR]``, nothing more."""


def run(args: argparse.Namespace) -> int:
    """Print problems, one per line; return the exit code."""
    data_dir = paths.chosen_data_dir(args)
    problems = validate(data_dir)
    # The app's next start finds the package checked (jkdefense.package_cache).
    cache.load_package(data_dir)
    for problem in problems:
        print(problem)
    tables = len([*data_dir.glob("*.csv"), *data_dir.glob("*.parquet")])
    verdict = f"{len(problems)} problem(s)" if problems else "no problems"
    print(f"validate: {tables} tables in {data_dir}: {verdict}", file=sys.stderr)
    return 1 if problems else 0
