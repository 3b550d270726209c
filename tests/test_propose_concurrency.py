"""Two analysts accepting at once, and an accept killed mid-write.

Both accepts land, the second on the first's result (it waits for the lock,
then finds its proposal again), or one is told to try again: never one lost.
A kill at any step of the write leaves the data as before or, once the next
reader completes the committed change, as after: the row and its log line
together or neither.
"""

import shutil
import signal
from pathlib import Path

import pytest

from jkdefense.data import load, writer
from jkdefense.pipeline import derive, derived_files, propose
from tests.propose_copy import SHARED_DOCUMENTS, replayed  # noqa: F401
from tests.test_writer import run, state

FRAGMENTS = (
    "recent launch of the Multilateral Sanctions Monitoring Team",
    "the first trilateral defense ministers meeting in Tokyo",
)


@pytest.fixture
def data(replayed, tmp_path) -> Path:  # noqa: F811
    shutil.copytree(
        replayed[0].parent, tmp_path / "p", ignore=shutil.ignore_patterns(".*")
    )
    return tmp_path / "p" / "data"


def incident_proposals(data: Path) -> list[dict]:
    found = propose.proposals(data, SHARED_DOCUMENTS)
    incidents = found[found["table"] == "incidents"]
    return [
        incidents[incidents["evidence_quote"].str.contains(f, regex=False)]
        .iloc[0]
        .to_dict()
        for f in FRAGMENTS
    ]


def test_two_accepts_at_once_both_land(data):
    chosen = incident_proposals(data)
    known = {str(p) for p in load.load_package(data).problems}
    started = [
        run("propose", "accept", c["proposal_id"], "--data", str(data)) for c in chosen
    ]
    results = [p.communicate(timeout=300) for p in started]
    codes = [p.returncode for p in started]
    # The second waits for the first (the writer waits up to 30 s), then
    # finds its proposal again on the first's result: both land.
    assert codes == [0, 0], results
    ids = set(load.read_table_text(data, "incidents")["incident_id"])
    log = (data / "CHANGELOG.md").read_text(encoding="utf-8")
    for c in chosen:
        assert c["row_id"] in ids
        assert f"(from proposal {c['proposal_id']}," in log
    assert derived_files.stale_files(data, derive.derive(data)) == []
    assert {str(p) for p in load.load_package(data).problems} <= known


# An accept writes incidents.csv, CHANGELOG.md, four derived tables and the
# manifest: seven temporaries and the journal, then renames the journal (its
# commit) and each temporary over its target.
KILL_POINTS = [("write", n) for n in (1, 4, 8)] + [("rename", n) for n in (1, 2, 5, 8)]


@pytest.mark.parametrize(("step", "number"), KILL_POINTS)
def test_an_accept_killed_at_any_step_lands_whole_or_not_at_all(data, step, number):
    chosen = incident_proposals(data)[0]
    before = state(data)
    killed = run(
        "propose",
        "accept",
        chosen["proposal_id"],
        "--data",
        str(data),
        kill=(step, number),
    )
    killed.communicate(timeout=300)
    assert killed.returncode == -signal.SIGKILL
    decided = bool(writer.pending(data))
    assert decided == (step == "rename" and number > 1)
    load.load_package(data)  # the next reader completes a decided change
    after = state(data)
    has_row = chosen["row_id"] in set(
        load.read_table_text(data, "incidents")["incident_id"]
    )
    logged = chosen["proposal_id"] in after["data/CHANGELOG.md"].decode("utf-8")
    assert has_row == logged == decided
    if not decided:
        assert after == before
    else:
        assert derived_files.stale_files(data, derive.derive(data)) == []
