import os

import pytest

from jkdefense import derive, load
from tests.conftest import ROOT


def test_committed_derived_files_are_current():
    assert derive.main(["--check", "--data", str(ROOT / "data")]) == 0


def test_two_runs_are_byte_identical(data_copy):
    assert derive.main(["--data", str(data_copy)]) == 0
    first = {n: (data_copy / f"{n}.csv").read_bytes() for n in derive.DERIVED_TABLES}
    assert derive.main(["--data", str(data_copy)]) == 0
    second = {n: (data_copy / f"{n}.csv").read_bytes() for n in derive.DERIVED_TABLES}
    assert first == second


def test_check_fails_on_a_stale_file_and_writes_nothing(data_copy, capsys):
    path = data_copy / "mentions.csv"
    path.write_text(path.read_text().replace("HHI", "HXI", 1))
    before = path.read_bytes()
    assert derive.main(["--check", "--data", str(data_copy)]) == 1
    assert path.read_bytes() == before
    assert "mentions.csv is stale" in capsys.readouterr().err


def test_a_failing_write_leaves_the_previous_file(data_copy, monkeypatch):
    before = (data_copy / "sentences.csv").read_bytes()

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        derive.main(["--data", str(data_copy)])
    assert (data_copy / "sentences.csv").read_bytes() == before
    assert not list(data_copy.glob(".sentences.csv.*"))  # no temporary file left


def test_curated_tables_are_never_written(data_copy):
    curated = {
        p.name: p.read_bytes()
        for p in data_copy.glob("*.csv")
        if p.stem not in derive.DERIVED_TABLES
    }
    (data_copy / "sentences.csv").unlink()
    assert derive.main(["--data", str(data_copy)]) == 0
    assert curated == {
        p.name: p.read_bytes()
        for p in data_copy.glob("*.csv")
        if p.stem not in derive.DERIVED_TABLES
    }


def test_a_changed_seed_stops_derivation(data_copy, capsys):
    seed = data_copy.parent / "seeds" / "yoon-2019-diplomat.txt"
    seed.write_bytes(seed.read_bytes().replace(b"Hanwha", b"Hanwah"))
    before = (data_copy / "sentences.csv").read_bytes()
    assert derive.main(["--data", str(data_copy)]) == 2
    assert "does not match its seed_sha256" in capsys.readouterr().err
    assert (data_copy / "sentences.csv").read_bytes() == before


def test_sentence_offsets_slice_the_seed(package):
    text = (ROOT / "seeds" / "yoon-2019-diplomat.txt").read_text(encoding="utf-8")
    for row in package.tables["sentences"].itertuples():
        assert text[row.char_start : row.char_end] == row.text


def test_mentions_point_at_their_matched_text(package):
    text = (ROOT / "seeds" / "yoon-2019-diplomat.txt").read_text(encoding="utf-8")
    for row in package.tables["mentions"].itertuples():
        assert text[row.char_start : row.char_end] == row.matched_text


@pytest.mark.parametrize(
    ("spelling", "entity_id"),
    [
        ("DMSE", "kr-dsme"),
        ("Fuji Heavy Industry", "jp-subaru"),
        ("L3", "us-l3harris"),
        ("HHI", "kr-hhi"),
        ("LIG", "kr-lig-nex1"),
        ("Toyota Industries", "jp-toyota-industries"),
        ("FREMM", "fremm"),
        ("Typhoon", "eurofighter-typhoon"),
        ("Acquisitions, Technology, and Logistics Agency", "jp-atla"),
    ],
)
def test_article_spellings_resolve_to_their_entities(package, spelling, entity_id):
    mentions = package.tables["mentions"]
    hits = mentions[mentions["matched_text"] == spelling]
    assert entity_id in set(hits["entity_id"])


def test_sources_row_drives_the_feed(data_copy):
    """A second article is a new row and a new file, nothing else."""
    seeds_dir = data_copy.parent / "seeds"
    (seeds_dir / "test-2024-note.txt").write_text(
        "Hanwha Ocean and Mitsubishi Heavy Industries met.\n\nKAI joined later.\n",
        encoding="utf-8",
    )
    from jkdefense import seeds

    sha = seeds.sha256_of(seeds_dir / "test-2024-note.txt")
    with (data_copy / "sources.csv").open("a", encoding="utf-8") as stream:
        stream.write(
            f"test-2024-note,A note,A. Writer,Test Press,https://example.org/n,"
            f"2024-05-01,,seeds/test-2024-note.txt,{sha},"
            "test-2024-note:s001,Hanwha Ocean,stated,,,\n"
        )
    assert derive.main(["--data", str(data_copy)]) == 0
    pkg = load.load_package(data_copy)
    sentences = pkg.tables["sentences"]
    assert list(
        sentences[sentences["source_id"] == "test-2024-note"]["sentence_id"]
    ) == ["test-2024-note:s001", "test-2024-note:s002"]
    mentions = pkg.tables["mentions"]
    new = set(mentions[mentions["source_id"] == "test-2024-note"]["entity_id"])
    assert new == {"kr-dsme", "jp-mhi", "kr-kai"}
    assert pkg.problems == []


def test_a_derive_killed_midway_leaves_the_previous_files(data_copy):
    """SIGKILL after the temporary file is written, before it replaces the old one."""
    import signal
    import subprocess
    import sys

    before = {p.name: p.read_bytes() for p in data_copy.glob("*.csv")}
    (data_copy / "sentences.csv").write_text("stale but previous\n")
    before["sentences.csv"] = b"stale but previous\n"
    script = (
        "import os, signal, pathlib, sys\n"
        "from jkdefense import derive\n"
        "def die(self, target):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "pathlib.Path.replace = die\n"
        f"derive.main(['--data', {str(data_copy)!r}])\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=False)
    assert result.returncode == -signal.SIGKILL
    assert {p.name: p.read_bytes() for p in data_copy.glob("*.csv")} == before
    # The next run clears the killed run's temporary file and writes cleanly.
    assert list(data_copy.glob(".sentences.csv.*"))
    assert derive.main(["--data", str(data_copy)]) == 0
    assert not list(data_copy.glob(".*.csv.*"))


def test_parallel_and_serial_splitting_agree(tmp_path, monkeypatch):
    import hashlib

    import pandas as pd

    rows = []
    (tmp_path / "seeds").mkdir()
    for i in range(40):
        text = f"Article {i} names KAI. It names Hanwha Ocean.\n\nA U.S. ship sailed.\n"
        path = tmp_path / "seeds" / f"a-{i}.txt"
        path.write_text(text, encoding="utf-8")
        rows.append(
            (f"a-{i}", f"seeds/a-{i}.txt", hashlib.sha256(text.encode()).hexdigest())
        )
    sources = pd.DataFrame(rows, columns=["source_id", "seed_path", "seed_sha256"])
    monkeypatch.setattr(derive, "PARALLEL_FROM", 1)
    parallel = derive.build_sentences(sources, tmp_path)
    monkeypatch.setattr(derive, "PARALLEL_FROM", 10_000)
    serial = derive.build_sentences(sources, tmp_path)
    assert parallel.equals(serial) and len(serial) == 120
    assert list(serial["sentence_id"][:3]) == ["a-0:s001", "a-0:s002", "a-0:s003"]
