import subprocess

import pandas as pd
import pytest

from jkdefense import cli
from jkdefense.pipeline import diff


def test_table_changes_by_primary_key():
    old = pd.DataFrame({"k": ["a", "b", "c"], "v": ["1", "2", "3"]})
    new = pd.DataFrame({"k": ["a", "c", "d"], "v": ["1", "30", "4"]})
    changes = diff.table_changes(old, new, ["k"])
    assert sorted(map(tuple, changes.to_numpy())) == [
        ("b", "removed", ""),
        ("c", "changed", "v"),
        ("d", "added", ""),
    ]


def test_revision_names_are_checked():
    with pytest.raises(diff.DiffError, match="is not a revision name"):
        diff._git_show(diff.paths.ROOT, "--output=/tmp/x", "data/threats.csv")


def test_changes_since_a_commit(data_copy, capsys):
    project = data_copy.parent
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "data"], cwd=project, check=True)
    path = data_copy / "threats.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    edited = lines[1].replace(",4,", ",5,", 1)
    assert edited != lines[1]
    path.write_text("".join([lines[0], edited, *lines[3:]]), encoding="utf-8")
    changes = diff.changes_since("HEAD", data_copy)
    summary = diff.summary(changes)
    assert summary.loc["threats"].to_dict() == {"added": 0, "removed": 1, "changed": 1}
    assert cli.main(["diff", "HEAD", "--data", str(data_copy)]) == 0
    assert "threats" in capsys.readouterr().out
    assert cli.main(["diff", "no-such-rev", "--data", str(data_copy)]) == 2
    assert len(diff.resolve("HEAD", project)) == 40
    with pytest.raises(diff.DiffError, match="is not a commit"):
        diff.resolve("no-such-rev", project)
