import os

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from jkdefense import cli
from jkdefense.data import files, load
from jkdefense.pipeline import derived_files, feed_tables
from jkdefense.pipeline.aliases import collect_aliases
from tests.conftest import ROOT

DERIVED = feed_tables.DERIVED_TABLES


def test_committed_derived_files_are_current():
    assert cli.main(["derive", "--check", "--data", str(ROOT / "data")]) == 0


def test_two_runs_are_byte_identical(data_copy):
    assert cli.main(["derive", "--data", str(data_copy)]) == 0
    first = {n: derived_files.derived_path(data_copy, n).read_bytes() for n in DERIVED}
    assert cli.main(["derive", "--data", str(data_copy)]) == 0
    second = {n: derived_files.derived_path(data_copy, n).read_bytes() for n in DERIVED}
    assert first == second


def test_check_fails_on_a_stale_file_and_writes_nothing(data_copy, capsys):
    path = data_copy / "mentions.parquet"
    table = pq.read_table(path)
    edited = pc.replace_substring(table["matched_text"], "HHI", "HXI")
    path.write_bytes(
        derived_files.to_parquet_bytes(table.set_column(4, "matched_text", edited))
    )
    before = path.read_bytes()
    assert cli.main(["derive", "--check", "--data", str(data_copy)]) == 1
    assert path.read_bytes() == before
    assert "mentions.parquet is stale" in capsys.readouterr().err


def test_check_fails_on_an_unreadable_file(data_copy, capsys):
    (data_copy / "sentence_entities.parquet").write_bytes(b"not parquet")
    assert cli.main(["derive", "--check", "--data", str(data_copy)]) == 1
    assert "sentence_entities.parquet is stale" in capsys.readouterr().err


def test_a_failing_write_leaves_the_previous_file(data_copy, monkeypatch, capsys):
    before = (data_copy / "sentences.parquet").read_bytes()

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    assert cli.main(["derive", "--data", str(data_copy)]) == 2
    assert capsys.readouterr().err == "derive: [Errno 28] No space left on device\n"
    assert (data_copy / "sentences.parquet").read_bytes() == before
    assert not list(data_copy.glob(".sentences.parquet.*"))  # no temporary file left


def test_derived_files_are_readable_by_others(data_copy):
    """mkstemp makes 0600 files; what derive leaves is 0644, whatever the umask."""
    (data_copy / "mentions.parquet").unlink()  # a new file, and replaced ones
    before = os.umask(0o077)
    try:
        assert cli.main(["derive", "--data", str(data_copy)]) == 0
    finally:
        os.umask(before)
    for name in DERIVED:
        mode = derived_files.derived_path(data_copy, name).stat().st_mode & 0o777
        assert mode == 0o644, f"{name}: {oct(mode)}"


def test_an_atomic_write_is_readable_by_others(tmp_path):
    """Every file a change writes goes through the writer's replace_file."""
    from jkdefense.data import writer

    path = tmp_path / "new.txt"
    writer.replace_file(path, "text\n")
    assert path.read_text() == "text\n"
    assert path.stat().st_mode & 0o777 == 0o644


def test_curated_tables_are_never_written(data_copy):
    curated = {
        p.name: p.read_bytes()
        for p in data_copy.glob("*.csv")
        if p.stem not in feed_tables.DERIVED_TABLES
    }
    (data_copy / "sentences.parquet").unlink()
    assert cli.main(["derive", "--data", str(data_copy)]) == 0
    assert curated == {
        p.name: p.read_bytes()
        for p in data_copy.glob("*.csv")
        if p.stem not in feed_tables.DERIVED_TABLES
    }


def test_a_changed_seed_stops_derivation(data_copy, capsys):
    seed = data_copy.parent / "seeds" / "yoon-2019-diplomat.txt"
    seed.write_bytes(seed.read_bytes().replace(b"Hanwha", b"Hanwah"))
    before = (data_copy / "sentences.parquet").read_bytes()
    assert cli.main(["derive", "--data", str(data_copy)]) == 2
    assert "does not match its seed_sha256" in capsys.readouterr().err
    assert (data_copy / "sentences.parquet").read_bytes() == before


def seed_texts(package) -> dict[str, str]:
    """Every article's seed text, by source id."""
    return {
        row.source_id: (ROOT / row.seed_path).read_bytes().decode("utf-8")
        for row in package.tables["sources"].itertuples()
    }


def test_sentence_offsets_slice_the_seed(package):
    texts = seed_texts(package)
    assert len(texts) >= 3  # the article and the two White House documents
    for row in package.tables["sentences"].itertuples():
        assert texts[row.source_id][row.char_start : row.char_end] == row.text


def test_mentions_point_at_their_matched_text(package):
    texts = seed_texts(package)
    for row in package.tables["mentions"].itertuples():
        text = texts[row.source_id]
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

    sha = files.sha256_of(seeds_dir / "test-2024-note.txt")
    with (data_copy / "sources.csv").open("a", encoding="utf-8") as stream:
        stream.write(
            f"test-2024-note,A note,A. Writer,Test Press,https://example.org/n,"
            f"2024-05-01,,,seeds/test-2024-note.txt,{sha},"
            "test-2024-note:s001,Hanwha Ocean,stated,,,,\n"
        )
    assert cli.main(["derive", "--data", str(data_copy)]) == 0
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

    before = {p.name: p.read_bytes() for p in data_copy.glob("[!.]*") if p.is_file()}
    (data_copy / "sentences.parquet").write_text("stale but previous\n")
    before["sentences.parquet"] = b"stale but previous\n"
    script = (
        "import os, signal, pathlib, sys\n"
        "from jkdefense import cli\n"
        "def die(self, target):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "pathlib.Path.replace = die\n"
        f"cli.main(['derive', '--data', {str(data_copy)!r}])\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=False)
    assert result.returncode == -signal.SIGKILL
    assert {
        p.name: p.read_bytes() for p in data_copy.glob("[!.]*") if p.is_file()
    } == before
    # The next run clears the killed run's temporary file and writes cleanly.
    assert list(data_copy.glob(".sentences.parquet.*"))
    assert cli.main(["derive", "--data", str(data_copy)]) == 0
    assert not list(data_copy.glob(".*.parquet.*"))


def test_parallel_and_serial_derivation_agree(tmp_path, monkeypatch):
    import hashlib

    jobs = []
    (tmp_path / "seeds").mkdir()
    for i in range(40):
        text = f"Article {i}: KAI and Hanwha Ocean. Hanwha Ocean.\n\nA U.S. ship.\n"
        path = tmp_path / "seeds" / f"a-{i}.txt"
        path.write_text(text, encoding="utf-8")
        sha = hashlib.sha256(text.encode()).hexdigest()
        jobs.append((f"a-{i}", str(path), f"seeds/a-{i}.txt", sha))
    aliases = collect_aliases(ROOT / "data")
    monkeypatch.setattr(feed_tables, "PARALLEL_FROM", 1)
    monkeypatch.setattr(feed_tables, "BATCH", 3)  # many batches, finishing out of order
    parallel = feed_tables.build_tables(jobs, aliases)
    monkeypatch.setattr(feed_tables, "PARALLEL_FROM", 10_000)
    serial = feed_tables.build_tables(jobs, aliases)
    assert all(parallel[name].equals(serial[name]) for name in DERIVED)
    sentences = serial["sentences"].to_pandas()
    assert len(sentences) == 120
    assert list(sentences["sentence_id"][:3]) == ["a-0:s001", "a-0:s002", "a-0:s003"]
    queue = serial["sentence_entities"].to_pandas()
    assert list(queue["entity_count"])[:1] == [2]  # most entities first
    counts = serial["entity_mentions"].to_pandas()
    assert list(counts["mention_count"][:3]) == [2, 1, 1] and len(counts) == 40 * 3


def test_summaries_agree_with_the_mentions(package):
    mentions = package.tables["mentions"]
    counts = package.tables["entity_mentions"]
    expected = mentions.groupby(["source_id", "entity_table", "entity_id"]).size()
    got = counts.set_index(["source_id", "entity_table", "entity_id"])["mention_count"]
    assert got.sort_index().astype(int).equals(expected.sort_index().astype(int))
    named = package.tables["sentence_entities"]
    assert set(named["sentence_id"]) == set(mentions["sentence_id"])
    counts_by_sentence = named["entity_count"].astype(int).tolist()
    assert counts_by_sentence == sorted(counts_by_sentence, reverse=True)


def test_a_seed_the_splitter_fails_on_is_named(data_copy, capsys, splitter_panics):
    def data_files() -> dict[str, bytes]:
        # Hidden files (the writer's lock) are not data.
        return {
            p.name: p.read_bytes()
            for p in data_copy.iterdir()
            if p.is_file() and not p.name.startswith(".")
        }

    before = data_files()
    assert cli.main(["derive", "--data", str(data_copy)]) == 2
    error = capsys.readouterr().err
    assert "seeds/yoon-2019-diplomat.txt: the sentence splitter failed" in error
    assert data_files() == before
