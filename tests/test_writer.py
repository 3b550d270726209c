"""The data folder's one writer: one change at a time, all of it or none.

A change killed at any step leaves the folder as before or, once the next
reader or writer completes it, as after; two writers at once both land;
validate names a folder whose derived tables no longer agree with it.
"""

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from jkdefense import cli
from jkdefense.data import load, manifest, writer
from jkdefense.pipeline import derive, derived_files, names
from jkdefense.pipeline.aliases import collect_aliases
from tests.conftest import ROOT

IGNORED = shutil.ignore_patterns(".*")  # the lock, and any temporaries
ARTICLE = (
    "Seoul and Tokyo held test talks on the waters around the Korean Peninsula.\n\n"
    "The Korean Peninsula was named again in a second paragraph of the test.\n"
)


def state(data_dir: Path) -> dict[str, bytes]:
    """Every file of the data folder and the seeds, hidden ones left out."""
    project = data_dir.parent
    return {
        str(p.relative_to(project)): p.read_bytes()
        for folder in (data_dir, project / "seeds")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def hidden(data_dir: Path) -> list[str]:
    """What a change leaves beside the files while it runs (the lock excepted)."""
    project = data_dir.parent
    return sorted(
        p.name
        for folder in (data_dir, project / "seeds")
        for p in folder.rglob(".*")
        if p.name != writer.LOCK_NAME
    )


def run(*args: str, kill: tuple[str, int] | None = None) -> subprocess.Popen:
    """Start ``jkdefense args`` (killed before the given write step, if any)."""
    command = (
        ["tests/kill_at.py", kill[0], str(kill[1])] if kill else ["-m", "jkdefense"]
    )
    return subprocess.Popen(
        [sys.executable, *command, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def with_new_alias(data_dir: Path) -> None:
    """An alias added by hand: derive then changes every derived table."""
    threats = data_dir / "threats.csv"
    first = load.read_table_text(data_dir, "threats")["threat_id"].iloc[0]
    text = threats.read_text(encoding="utf-8")
    edited = names.with_alias(text, "threat_id", first, "Korean Peninsula")
    threats.write_text(edited, encoding="utf-8")


def ingest_args(data_dir: Path, file: Path, title: str = "Test waters") -> list[str]:
    return [
        "ingest",
        str(file),
        "--title",
        title,
        "--author",
        "A. Writer",
        "--publisher",
        "Test Review",
        "--url",
        "https://example.org/t",
        "--date",
        "2024-05-01",
        "--data",
        str(data_dir),
    ]


@pytest.fixture(scope="module")
def derive_states(tmp_path_factory):
    """A data copy with a new alias, and the folder before and after derive."""
    project = tmp_path_factory.mktemp("derive-reference")
    for folder in ("data", "seeds"):
        shutil.copytree(ROOT / folder, project / folder, ignore=IGNORED)
    with_new_alias(project / "data")
    before = state(project / "data")
    assert cli.main(["derive", "--data", str(project / "data")]) == 0
    return project, before, state(project / "data")


# derive writes four tables and the manifest: 5 temporaries and the journal,
# then renames the journal into place and each of the five over its target.
KILL_POINTS = [("write", n) for n in range(1, 7)] + [("rename", n) for n in range(1, 7)]


@pytest.mark.parametrize(("step", "number"), KILL_POINTS)
def test_a_change_killed_at_any_step_lands_whole_or_not_at_all(
    derive_states, tmp_path, step, number
):
    reference, before, after = derive_states
    for folder in ("data", "seeds"):
        shutil.copytree(reference / folder, tmp_path / folder, ignore=IGNORED)
    data_dir = tmp_path / "data"
    for name, payload in before.items():  # back to the state before the derive
        (tmp_path / name).write_bytes(payload)
    assert state(data_dir) == before
    killed = run("derive", "--data", str(data_dir), kill=(step, number))
    killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL
    decided = writer.pending(data_dir)
    # The journal's own rename (the first) is the commit point.
    assert bool(decided) == (step == "rename" and number > 1)
    if decided:  # killed after the commit: the change is decided, not yet whole
        told = [p for p in manifest.problems(data_dir) if p.file == decided[0].name]
        assert "run jkdefense derive" in told[0].message
    else:
        assert state(data_dir) == before
    # The next reader completes a decided change; the next writer clears the rest.
    package = load.load_package(data_dir)
    assert state(data_dir) == (after if decided else before)
    assert not writer.pending(data_dir)
    if decided:
        assert package.problems == []
    with writer.change(data_dir, "test"):
        pass
    assert hidden(data_dir) == []


def test_an_ingest_killed_mid_change_lands_whole_on_the_next_read(data_copy, tmp_path):
    article = tmp_path / "waters.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = state(data_copy)
    # The journal (1), the seed (2), sources.csv (3): killed between renames.
    killed = run(*ingest_args(data_copy, article), kill=("rename", 3))
    killed.communicate(timeout=120)
    assert killed.returncode == -signal.SIGKILL
    assert writer.pending(data_copy)
    validated = run("validate", "--data", str(data_copy))
    _, err = validated.communicate(timeout=120)
    assert validated.returncode == 0, err
    after = state(data_copy)
    added = {name for name in after if name not in before}
    assert added == {"seeds/testreview-2024-test-waters.txt"}
    changed = {name for name in before if before[name] != after[name]}
    assert {"data/sources.csv", "data/sentences.parquet", "data/manifest.json"} <= (
        changed
    )


def test_an_ingest_killed_before_its_commit_leaves_nothing(data_copy, tmp_path):
    article = tmp_path / "waters.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = state(data_copy)
    killed = run(*ingest_args(data_copy, article), kill=("write", 3))
    killed.communicate(timeout=120)
    assert killed.returncode == -signal.SIGKILL
    assert state(data_copy) == before and hidden(data_copy)  # temporaries only
    again = run(*ingest_args(data_copy, article))
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert hidden(data_copy) == []  # the next change removed them


def test_two_ingests_at_once_both_land(data_copy, tmp_path):
    files = []
    for number in (1, 2):
        file = tmp_path / f"article-{number}.txt"
        file.write_text(ARTICLE.replace("test talks", f"test talks {number}"))
        files.append(file)
    # The same title: the second must see the first's id and take another.
    started = [run(*ingest_args(data_copy, file)) for file in files]
    results = [p.communicate(timeout=180) for p in started]
    assert [p.returncode for p in started] == [0, 0], results
    sources = load.read_table_text(data_copy, "sources")["source_id"].tolist()
    assert {"testreview-2024-test-waters", "testreview-2024-test-waters-2"} <= set(
        sources
    )
    package = load.load_package(data_copy)
    assert package.problems == []
    assert derived_files.stale_files(data_copy, derive.derive(data_copy)) == []


def test_two_promotions_at_once_both_land(data_copy):
    threats = load.read_table_text(data_copy, "threats")["threat_id"]
    targets = [f"threats:{threats.iloc[0]}", f"threats:{threats.iloc[1]}"]
    names = ["Korean Peninsula", "Indo-Pacific"]
    started = [
        run("names", "promote", name, "--to", target, "--data", str(data_copy))
        for name, target in zip(names, targets, strict=True)
    ]
    results = [p.communicate(timeout=180) for p in started]
    assert [p.returncode for p in started] == [0, 0], results
    aliases = collect_aliases(data_copy)
    assert {"Korean Peninsula", "Indo-Pacific"} <= set(aliases)
    assert derived_files.stale_files(data_copy, derive.derive(data_copy)) == []
    assert load.load_package(data_copy).problems == []


def test_a_second_writer_waits_then_is_refused_in_one_line(
    data_copy, tmp_path, monkeypatch, capsys
):

    article = tmp_path / "waters.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = state(data_copy)
    monkeypatch.setattr(writer, "LOCK_WAIT_S", 0.3)
    held = writer.lock(data_copy)
    try:
        # Another thread stands in for another process: the lock is per file
        # opened, so it cannot take it either.
        codes = []
        thread = threading.Thread(
            target=lambda: codes.append(cli.main(ingest_args(data_copy, article)))
        )
        thread.start()
        thread.join(60)
    finally:
        held.release()
    assert codes == [1]
    err = capsys.readouterr().err
    assert err.startswith("ingest: refused: another change to ")
    assert "try again when it has finished" in err and err.count("\n") == 1
    assert state(data_copy) == before


def test_validate_names_a_mixed_folder_and_derive_repairs_it(data_copy, capsys):
    with_new_alias(data_copy)
    assert any("stale" in p.message for p in load.load_package(data_copy).problems)
    old = (data_copy / "sentence_entities.parquet").read_bytes()
    assert cli.main(["derive", "--data", str(data_copy)]) == 0
    assert load.load_package(data_copy).problems == []
    # An older table copied back over the new one: the folder is mixed.
    (data_copy / "sentence_entities.parquet").write_bytes(old)
    found = [str(p) for p in load.load_package(data_copy).problems]
    assert found == [
        "sentence_entities.parquet: not the file the last change wrote (copied in, "
        "or left by an interrupted write): the derived tables are mixed; "
        "run jkdefense derive"
    ]
    assert cli.main(["derive", "--data", str(data_copy)]) == 0
    assert load.load_package(data_copy).problems == []


def test_a_reader_reads_again_when_a_change_lands_meanwhile(data_copy):
    reads = []

    def read(data_dir: Path) -> bytes:
        reads.append(1)
        if len(reads) == 1:  # a change lands while the first read runs
            with writer.change(data_dir, "test") as files:
                files[data_dir / "sources.csv"] = (
                    data_dir / "sources.csv"
                ).read_bytes()
        return (data_dir / "manifest.json").read_bytes()

    result = writer.read_consistently(read)(data_copy)
    assert len(reads) == 2
    assert b'"change": "test"' in result


def test_leftovers_of_an_older_writer_are_removed_by_the_next_change(data_copy):
    seeds = data_copy.parent / "seeds"
    (data_copy / ".sources.csv.ab12cd34").write_text("partial")
    (seeds / ".yoon-2019-diplomat.txt.x9y8z7w6").write_text("partial")
    (data_copy / ".analyst-notes").write_text("not ours")  # left alone
    with writer.change(data_copy, "test"):
        pass
    assert hidden(data_copy) == [".analyst-notes"]


@pytest.mark.parametrize("step", ["write", "rename"])
def test_ctrl_c_mid_change_leaves_before_or_after(derive_states, tmp_path, step):
    """Ctrl-C (KeyboardInterrupt) runs cleanup, unlike a kill: same outcome."""
    reference, before, after = derive_states
    for folder in ("data", "seeds"):
        shutil.copytree(reference / folder, tmp_path / folder, ignore=IGNORED)
    data_dir = tmp_path / "data"
    for name, payload in before.items():
        (tmp_path / name).write_bytes(payload)
    real = {"write": writer._write_flushed, "rename": os.replace}[step]
    calls = []

    def interrupted(*args):
        calls.append(args)
        if len(calls) == 3:  # the third temporary, or the second file's rename
            raise KeyboardInterrupt
        return real(*args)

    target = (writer, "_write_flushed") if step == "write" else (os, "replace")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(*target, interrupted)
        with pytest.raises(KeyboardInterrupt):
            derive.write(data_dir)
    if step == "write":  # before the commit: as before, nothing left behind
        assert state(data_dir) == before and hidden(data_dir) == []
    else:  # after it: the next reader completes the change
        assert writer.pending(data_dir)
        load.load_package(data_dir)
        assert state(data_dir) == after and hidden(data_dir) == []
