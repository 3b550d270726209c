"""Ingest a second article into a project copy: feed, mentions, refusals, atomicity."""

import io
import shlex
from pathlib import Path

import pandas as pd
import pytest

from jkdefense import cli
from jkdefense.data import load
from jkdefense.pipeline import feed_tables, source_row
from jkdefense.pipeline.article import Metadata, Refused

ARTICLE = """Seoul and Tokyo Test the Waters

Hanwha Ocean, once Daewoo Shipbuilding & Marine Engineering, met Mitsubishi \
Heavy Industries in Busan to compare submarine designs. LIG Nex1 joined the talks on \
torpedoes.

Chinese aircraft again entered the KADIZ in June. Officials said GSOMIA now works as \
intended, and KAI briefed both sides on stealth fighters.

The light was low; the kai boat and Kaiser rolls were not on the agenda.
"""
META = [
    "--title",
    "Seoul and Tokyo Test the Waters",
    "--author",
    "A. N. Analyst",
    "--publisher",
    "The Test Review",
    "--url",
    "https://example.org/waters",
    "--date",
    "2024-06-15",
]


def snapshot(data: Path) -> dict[str, bytes]:
    """Every file of data/ and seeds/; hidden ones (the writer's lock) left out."""
    files = [*data.iterdir(), *(data.parent / "seeds").iterdir()]
    return {
        f"{p.parent.name}/{p.name}": p.read_bytes()
        for p in files
        if p.is_file() and not p.name.startswith(".")
    }


def run(data: Path, file: Path, meta=META) -> int:
    return cli.main(["ingest", str(file), *meta, "--data", str(data)])


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "waters.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_ingest_adds_the_article_and_its_mentions(data_copy, article):
    assert run(data_copy, article) == 0
    pkg = load.load_package(data_copy)
    assert pkg.problems == []
    sources = pkg.tables["sources"].set_index("source_id")
    assert list(sources.index) == [
        "yoon-2019-diplomat",
        "whitehouse-2023-camp-david-fact-sheet",
        "whitehouse-2023-spirit-of-camp-david",
        "whitehouse-2024-trilateral-nsa-readout",
        "whitehouse-2025-trump-lee-joint-fact-sheet",
        "whitehouse-2024-us-japan-joint-leaders-statement",
        "testreview-2024-seoul-tokyo-test-waters",
    ]
    seed = data_copy.parent / "seeds" / "testreview-2024-seoul-tokyo-test-waters.txt"
    assert seed.read_bytes() == ARTICLE.encode("utf-8")
    mentions = pkg.tables["mentions"]
    found = mentions[mentions["source_id"] == "testreview-2024-seoul-tokyo-test-waters"]
    by_text = dict(zip(found["matched_text"], found["entity_id"], strict=False))
    assert by_text["Hanwha Ocean"] == "kr-dsme"
    assert by_text["Daewoo Shipbuilding & Marine Engineering"] == "kr-dsme"
    assert by_text["Mitsubishi Heavy Industries"] == "jp-mhi"
    assert by_text["LIG Nex1"] == "kr-lig-nex1" and by_text["KAI"] == "kr-kai"
    assert "KADIZ" in by_text and by_text["GSOMIA"].startswith("2016")
    assert not {"light", "kai", "Kaiser"} & set(found["matched_text"])
    assert cli.main(["derive", "--check", "--data", str(data_copy)]) == 0


def test_the_output_names_the_next_step_a_command_that_lists_its_proposals(
    data_copy, article, capsys
):
    assert run(data_copy, article) == 0
    lines = capsys.readouterr().out.splitlines()
    (step,) = [line for line in lines if line.startswith("ingest: next: ")]
    command, curate = step.removeprefix("ingest: next: ").split(" (or ")
    assert curate == "the app's Curate page)"
    argv = shlex.split(command)
    source_id = "testreview-2024-seoul-tokyo-test-waters"
    assert argv == [
        "jkdefense",
        "propose",
        "--source",
        source_id,
        "--data",
        str(data_copy),
    ]
    # The command runs as printed, on the folder the article went into.
    assert cli.main([*argv[1:], "--csv"]) == 0
    proposed = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str)
    assert not proposed.empty
    cited = proposed["evidence_sentence_ids"].str.split(";").explode()
    assert cited.str.startswith(f"{source_id}:").all()


def test_curated_tables_are_untouched(data_copy, article):
    before = snapshot(data_copy)
    assert run(data_copy, article) == 0
    after = snapshot(data_copy)
    changed = {name for name in before if before[name] != after[name]}
    derived = {f"data/{name}.parquet" for name in feed_tables.DERIVED_TABLES}
    assert changed == {"data/sources.csv", "data/manifest.json", *derived}


def test_html_is_extracted_and_the_original_kept(data_copy, tmp_path):
    page = tmp_path / "waters.html"
    body = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
    page.write_text(
        f"<html><body><nav>Menu Login</nav><article>{body}</article>"
        "<footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    assert run(data_copy, page) == 0
    seeds = data_copy.parent / "seeds"
    text = (seeds / "testreview-2024-seoul-tokyo-test-waters.txt").read_text(
        encoding="utf-8"
    )
    assert "Hanwha Ocean" in text and "Menu Login" not in text
    assert (
        seeds / "testreview-2024-seoul-tokyo-test-waters.original.html"
    ).read_bytes() == page.read_bytes()


def test_pdf_text_is_extracted(data_copy, tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "waters.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawString(
        72, 720, "Hanwha Ocean and Mitsubishi Heavy Industries met in Busan."
    )
    pdf.save()
    assert run(data_copy, path) == 0
    text = (
        data_copy.parent / "seeds" / "testreview-2024-seoul-tokyo-test-waters.txt"
    ).read_text()
    assert "Mitsubishi Heavy Industries" in text


def refuse(data_copy, file, meta, capsys, reason):
    before = snapshot(data_copy)
    assert run(data_copy, file, meta) == 1
    message = capsys.readouterr().err.strip()
    assert message.startswith("ingest: refused:") and reason in message
    assert "\n" not in message
    assert snapshot(data_copy) == before


def with_meta(**changes):
    meta = list(META)
    for key, value in changes.items():
        meta[meta.index(f"--{key}") + 1] = value
    return meta


def test_the_same_text_twice_is_refused(data_copy, article, capsys):
    assert run(data_copy, article) == 0
    refuse(
        data_copy,
        article,
        META,
        capsys,
        "already in the feed as testreview-2024-seoul-tokyo-test-waters",
    )


@pytest.mark.parametrize(
    ("content", "name", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "image.txt", "binary"),
        ("Ch\xefna".encode("latin-1"), "latin.txt", "not UTF-8"),
        (b"Some text.", "notes.docx", "unsupported type"),
    ],
)
def test_bad_files_are_refused(data_copy, tmp_path, capsys, content, name, reason):
    path = tmp_path / name
    path.write_bytes(content)
    refuse(data_copy, path, META, capsys, reason)


def test_a_file_over_the_limit_is_refused(data_copy, article, capsys, monkeypatch):
    monkeypatch.setattr("jkdefense.pipeline.article.MAX_BYTES", 100)
    refuse(data_copy, article, META, capsys, "over the 100 limit")


@pytest.mark.parametrize(
    ("meta", "reason"),
    [
        (with_meta(title=""), "--title is required"),
        (with_meta(date="15 June 2024"), "is not YYYY-MM-DD or YYYY-MM"),
        (with_meta(date="2024-02-30"), "is not YYYY-MM-DD or YYYY-MM"),
        (with_meta(url="example.org"), "is not an http(s) address"),
    ],
)
def test_bad_metadata_is_refused(data_copy, article, capsys, meta, reason):
    refuse(data_copy, article, meta, capsys, reason)


def test_a_failure_midway_leaves_seeds_and_data_as_they_were(
    data_copy, article, monkeypatch, capsys
):
    from jkdefense.data import writer

    before = snapshot(data_copy)
    real = writer._write_flushed
    calls = []

    def fail_third(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(writer, "_write_flushed", fail_third)
    assert run(data_copy, article) == 2
    assert "seeds/ and data/ are as before" in capsys.readouterr().err
    assert snapshot(data_copy) == before


def test_source_ids_read_publisher_year_and_short_title():
    meta = Metadata(
        "FACT SHEET: The Trilateral Leaders’ Summit at Camp David",
        "The White House (unsigned fact sheet)",
        "The White House",
        "https://x.org",
        "2023-08-18",
    )
    assert (
        source_row.new_source_id(meta, set())
        == "whitehouse-2023-fact-sheet-trilateral-leaders"
    )
    taken = {"whitehouse-2023-fact-sheet-trilateral-leaders"}
    assert source_row.new_source_id(meta, taken).endswith("-leaders-2")


def test_an_analyst_may_choose_the_id_but_never_a_taken_one():
    base = ("T", "A", "P", "https://x.org", "2023")
    chosen = Metadata(*base, source_id="whitehouse-2023-camp-david-fact-sheet")
    assert source_row.new_source_id(chosen, set()) == chosen.source_id
    with pytest.raises(Refused, match="already in the feed"):
        source_row.new_source_id(chosen, {chosen.source_id})
    with pytest.raises(Refused, match="use a-z"):
        source_row.new_source_id(Metadata(*base, source_id="Camp David"), set())


def test_curation_queue_ranks_uncited_sentences(data_copy, article):
    from jkdefense.analysis import feed_counts
    from jkdefense.data import feed

    assert run(data_copy, article) == 0
    pkg = load.load_package(data_copy)
    cited = feed_counts.cited_sentence_ids(pkg.tables)
    names = feed.entity_names(pkg.tables)
    total, queue = feed.curation_queue(data_copy, None, cited, names, limit=None)
    assert total == len(queue) > 0
    assert not set(queue["sentence_id"]) & cited
    uncited = set(pkg.tables["mentions"]["sentence_id"]) - cited
    assert set(queue["sentence_id"]) == uncited  # nothing dropped
    _, first = feed.curation_queue(data_copy, None, cited, names, limit=3)
    assert first.equals(queue.head(3))
    assert queue["entity_count"].is_monotonic_decreasing
    new = queue[
        queue["sentence_id"].str.startswith("testreview-2024-seoul-tokyo-test-waters:")
    ]
    assert not new.empty
    # Most entities first: GSOMIA, KAI and stealth fighters; the submarine designs
    # of the companies' sentence name no Chinese or Russian submarine threat.
    assert new.iloc[0]["entities"] == "Japan-ROK GSOMIA signed, KAI, stealth fighters"
    assert "Hanwha Ocean (ex-DSME)" in new.iloc[1]["entities"]


def test_feed_counts_per_article(data_copy, article):
    from jkdefense.analysis import feed_counts
    from jkdefense.data import feed

    assert run(data_copy, article) == 0
    pkg = load.load_package(data_copy)
    with_counts = feed_counts.feed_with_counts(
        pkg.tables["sources"], feed.article_counts(data_copy)
    )
    counts = with_counts.set_index("source_id")["mention_count"]
    sentences = with_counts.set_index("source_id")["sentence_count"]
    assert sentences.sum() == len(pkg.tables["sentences"])
    assert counts.sum() == len(pkg.tables["mentions"])
    assert (
        counts["testreview-2024-seoul-tokyo-test-waters"] >= 8
        and counts["yoon-2019-diplomat"] > 100
    )


def test_the_app_offers_and_plots_the_new_article(data_copy, article, monkeypatch):
    from tests.apptest import open_tab, run_page, vega_rows

    assert run(data_copy, article) == 0
    monkeypatch.setenv("JKDEFENSE_DATA_DIR", str(data_copy))
    at = open_tab(run_page("sources"), "sources_tab", "Mentions")
    assert not at.exception
    assert at.session_state["source"] == []  # none chosen: every article
    titles = {row["source_title"] for row in vega_rows(at)[0]}
    assert "Seoul and Tokyo Test the Waters" in titles
    assert "Rethinking Japan-South Korea Defense Relations" in titles
    only_new = open_tab(
        run_page("sources", {"source": ["testreview-2024-seoul-tokyo-test-waters"]}),
        "sources_tab",
        "Mentions",
    )
    assert {r["source_title"] for r in vega_rows(only_new)[0]} == {
        "Seoul and Tokyo Test the Waters"
    }


def test_a_splitter_failure_refuses_the_article(
    data_copy, article, capsys, splitter_panics
):
    refuse(data_copy, article, META, capsys, "cannot split it into sentences")


def test_an_edited_seed_in_the_feed_refuses_the_article(data_copy, article, capsys):
    seed = data_copy.parent / "seeds" / "yoon-2019-diplomat.txt"
    seed.write_bytes(seed.read_bytes() + b"\nAn added line.\n")
    refuse(data_copy, article, META, capsys, "cannot derive its sentences: seeds/")


def test_ingest_writes_the_new_row_in_the_file_s_own_column_order(data_copy, tmp_path):
    import csv
    import io

    path = data_copy / "sources.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    reordered = [row[::-1] for row in rows]  # an analyst reordered the columns
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(reordered)
    path.write_text(out.getvalue(), encoding="utf-8")
    article = tmp_path / "note.txt"
    article.write_text("Hanwha Ocean and KAI met in Seoul. They talked.\n")
    code = cli.main(
        [
            "ingest",
            str(article),
            "--data",
            str(data_copy),
            "--title",
            "A note",
            "--author",
            "A. Writer",
            "--publisher",
            "Test Press",
            "--url",
            "https://example.org/n",
            "--date",
            "2024-05-01",
            "--tier",
            "2",
        ]
    )
    assert code == 0
    added = load.read_table_text(data_copy, "sources").iloc[-1]
    assert added["title"] == "A note" and added["reference_tier"] == "2"
    assert added["seed_path"].startswith("seeds/")
    assert load.load_package(data_copy).problems == []


def test_a_document_and_metadata_that_would_run_in_a_spreadsheet_stay_text(
    data_copy, tmp_path
):
    from jkdefense.data import validate
    from tests.hostile_data import formula_cells

    document = tmp_path / "formula.txt"
    first_line = (
        '=HYPERLINK("https://evil.example/","x") more words here about LIG Nex1 '
        "and Mitsubishi Heavy Industries meeting in Busan this week."
    )
    document.write_text(first_line + "\n", encoding="utf-8")
    meta = with_meta(title="=1+2", author="@Evil")
    meta.remove("--publisher")
    meta.remove("The Test Review")
    meta += ["--publisher=-Press", "--licence", "+SUM(1,2)"]  # "=": not an option
    assert run(data_copy, document, meta) == 0
    sources = (data_copy / "sources.csv").read_text(encoding="utf-8")
    assert formula_cells(sources) == []
    added = load.read_table_text(data_copy, "sources").iloc[-1]
    assert (added["title"], added["author"], added["publisher"]) == (
        "'=1+2",
        "'@Evil",
        "'-Press",
    )
    assert added["licence_note"] == "'+SUM(1,2)"
    # Still a verbatim span of the first sentence: the words after the formula.
    assert added["evidence_quote"] == (
        "more words here about LIG Nex1 and Mitsubishi Heavy Industries meeting in"
    )
    assert added["evidence_quote"] in first_line
    assert validate.validate(data_copy) == []


def test_a_carriage_return_in_the_metadata_cannot_end_the_row(data_copy, article):
    from tests.hostile_data import formula_cells

    assert run(data_copy, article, with_meta(author="A. N. Analyst\r=1+2")) == 0
    assert formula_cells((data_copy / "sources.csv").read_text(encoding="utf-8")) == []
    added = load.read_table_text(data_copy, "sources").iloc[-1]
    assert added["author"] == "A. N. Analyst\r=1+2"
