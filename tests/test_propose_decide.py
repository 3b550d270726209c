"""Accept and reject: the row lands through the validator and the one writer, or not.

An accepted row is appended to its curated CSV (every other byte kept), the
derived tables follow and the change log says so; a row the validator refuses
is named by file, row and field, and nothing is written. A rejected proposal
is kept in proposal_decisions.csv and never proposed again.
"""

import csv
import io
import re
import shutil
import threading
from pathlib import Path

import pytest

from jkdefense import cli
from jkdefense.data import load, writer
from jkdefense.pipeline import derive, derived_files, propose
from tests.propose_copy import SHARED_DOCUMENTS, replayed  # noqa: F401
from tests.test_writer import state

MSMT = "recent launch of the Multilateral Sanctions Monitoring Team"


@pytest.fixture
def data(replayed, tmp_path) -> Path:  # noqa: F811
    """A fresh copy of the replay project to write in."""
    shutil.copytree(
        replayed[0].parent, tmp_path / "p", ignore=shutil.ignore_patterns(".*")
    )
    return tmp_path / "p" / "data"


def proposal(data: Path, fragment: str, table: str, **where: str) -> dict:
    """The first proposal of ``table`` quoting ``fragment`` (and matching ``where``)."""
    found = propose.proposals(data, SHARED_DOCUMENTS)
    mine = found[
        found["evidence_quote"].str.contains(fragment, regex=False)
        & (found["table"] == table)
    ]
    for column, value in where.items():
        mine = mine[mine[column].str.contains(value, regex=False)]
    assert not mine.empty, (fragment, table)
    return mine.iloc[0].to_dict()


def problems(data: Path) -> set[str]:
    return {str(p) for p in load.load_package(data).problems}


def last_row(path: Path) -> dict[str, str]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))[-1]


def test_an_accepted_row_lands_with_its_derived_tables_and_log(data):
    chosen = proposal(data, MSMT, "incidents")
    table = data / "incidents.csv"
    before, known_problems = table.read_bytes(), problems(data)
    done = propose.accept(
        data, chosen["proposal_id"], {"incident_short_name": "MSMT launched"}
    )
    assert (done.table, done.path) == ("incidents", table)
    after = table.read_bytes()
    assert after.startswith(before) and after.endswith(b"\n")
    row = last_row(table)
    assert row["incident_id"] == done.row_id == chosen["row_id"]
    assert row["incident_short_name"] == "MSMT launched"
    assert row["evidence_sentence_ids"] == chosen["evidence_sentence_ids"]
    log = (data / "CHANGELOG.md").read_text(encoding="utf-8")
    unreleased = log.split("## Unreleased\n", 1)[1].split("\n## ", 1)[0]
    assert (
        f"- incidents: added {done.row_id} (from proposal {chosen['proposal_id']}, "
        f"sentence {chosen['evidence_sentence_ids']})"
    ) in unreleased
    assert log.index("## Unreleased") < log.index("## 3.0.0")
    assert derived_files.stale_files(data, derive.derive(data)) == []
    assert problems(data) <= known_problems
    # Its alias MSMT now counts as a mention, and its sentence is cited.
    mentions = derived_files.read_parquet(data / "mentions.parquet").to_pandas()
    assert done.row_id in set(mentions["entity_id"])
    assert chosen["proposal_id"] not in set(propose.proposals(data)["proposal_id"])


def test_a_row_the_validator_refuses_names_file_row_field_and_writes_nothing(data):
    chosen = proposal(data, MSMT, "incidents")
    before = state(data)
    with pytest.raises(propose.Refused) as refused:
        propose.accept(data, chosen["proposal_id"], {"incident_type": "parade"})
    rows = len(load.read_table_text(data, "incidents")) + 2
    assert refused.value.problems == [
        f"incidents.csv row {rows}, incident_type: 'parade' is not one of: "
        "confrontation, incursion, monitoring, agreement, dispute, summit, settlement"
    ]
    assert state(data) == before


def test_a_development_without_a_subject_waits_for_the_analyst(data):
    chosen = proposal(data, "", "developments", open_fields="subject_id")
    before = state(data)
    with pytest.raises(propose.Refused) as refused:
        propose.accept(data, chosen["proposal_id"])
    assert any(
        re.match(r"developments\.csv row \d+, subject_(table|id): required", p)
        for p in refused.value.problems
    ), refused.value.problems
    assert state(data) == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"colour": "red"}, "incidents.csv: no field 'colour'"),
        (
            {"incident_name": "=1+1"},
            "incident_name: '=' at the start makes a spreadsheet",
        ),
    ],
    ids=["unknown field", "formula"],
)
def test_a_bad_change_is_refused_in_one_line(data, changes, message):
    chosen = proposal(data, MSMT, "incidents")
    before = state(data)
    with pytest.raises(propose.Refused) as refused:
        propose.accept(data, chosen["proposal_id"], changes)
    assert message in refused.value.problems[0]
    assert "\n" not in refused.value.problems[0]
    assert state(data) == before


def test_an_unknown_proposal_is_refused(data):
    with pytest.raises(propose.Refused, match="no open proposal p-0000000000"):
        propose.accept(data, "p-0000000000")


def test_a_rejected_proposal_is_never_proposed_again(data):
    chosen = proposal(data, MSMT, "developments")
    known_problems = problems(data)
    propose.reject(data, chosen["proposal_id"], "the  incident row\nsays it")
    decided = last_row(data / "proposal_decisions.csv")
    assert decided["proposal_id"] == chosen["proposal_id"]
    assert (decided["decision_type"], decided["table_name"]) == (
        "rejected",
        "developments",
    )
    assert decided["reason_note"] == "the incident row says it"
    again = propose.proposals(data)
    assert chosen["proposal_id"] not in set(again["proposal_id"])
    # The sentence's other proposals stay open.
    assert proposal(data, MSMT, "incidents")
    assert problems(data) <= known_problems
    with pytest.raises(propose.Refused, match="was rejected"):
        propose.accept(data, chosen["proposal_id"])


def test_the_command_line_accepts_shows_and_rejects(data, capsys):
    chosen = proposal(data, MSMT, "incidents")
    other = proposal(data, MSMT, "programs")
    assert (
        cli.main(["propose", "show", chosen["proposal_id"], "--data", str(data)]) == 0
    )
    shown = capsys.readouterr().out
    assert f"incident_id: {chosen['row_id']}\n" in shown
    assert (
        cli.main(
            [
                "propose",
                "reject",
                other["proposal_id"],
                "--reason",
                "a team",
                "--data",
                str(data),
            ]
        )
        == 0
    )
    assert (
        cli.main(
            [
                "propose",
                "--data",
                str(data),
                "accept",
                chosen["proposal_id"],
                "--set",
                "incident_short_name=MSMT",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert f"propose accept: added {chosen['row_id']} to incidents.csv" in out
    assert last_row(data / "incidents.csv")["incident_short_name"] == "MSMT"


def test_the_command_line_refuses_with_exit_1_one_line_each(data, capsys):
    chosen = proposal(data, MSMT, "incidents")
    code = cli.main(
        [
            "propose",
            "accept",
            chosen["proposal_id"],
            "--set",
            "date_precision_type=year",
            "--data",
            str(data),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("propose accept: refused: incidents.csv row ")
    assert all(
        line.startswith("propose accept: refused: ") for line in err.splitlines()
    )
    assert (
        cli.main(
            [
                "propose",
                "accept",
                chosen["proposal_id"],
                "--set",
                "novalue",
                "--data",
                str(data),
            ]
        )
        == 1
    )
    assert "--set 'novalue': write FIELD=VALUE" in capsys.readouterr().err


def test_a_busy_writer_gives_exit_2_and_writes_nothing(data, monkeypatch, capsys):
    chosen = proposal(data, MSMT, "incidents")
    before = state(data)
    monkeypatch.setattr(writer, "LOCK_WAIT_S", 0.3)
    held = writer.lock(data)
    codes = []
    try:
        thread = threading.Thread(
            target=lambda: codes.append(
                cli.main(
                    ["propose", "accept", chosen["proposal_id"], "--data", str(data)]
                )
            )
        )
        thread.start()
        thread.join(60)
    finally:
        held.release()
    assert codes == [2]
    err = capsys.readouterr().err
    assert err.startswith("propose accept: busy, try again: another change to ")
    assert err.count("\n") == 1
    assert state(data) == before
