"""What ingest refuses before it writes, and how it keeps a document's shape.

Each refusal is one line on stderr with exit status 1 and leaves the folder
as it was; a document with Windows line ends keeps its paragraphs.
"""

import errno
import io
from pathlib import Path

import pandas as pd
import pytest

from jkdefense.pipeline import article, source_row
from tests.test_ingest import META, run, snapshot, with_meta

PARAGRAPHS = (
    "Seoul and Tokyo met in Busan on submarines.",
    "Chinese aircraft again entered the KADIZ in June.",
    "The talks ended without a statement.",
)


def refused(data_copy, file, capsys, meta=META) -> str:
    """Ingest ``file``; assert a one-line refusal that changed nothing; return it."""
    before = snapshot(data_copy)
    assert run(data_copy, file, meta) == 1
    err = capsys.readouterr().err
    assert err.startswith("ingest: refused: ") and err.count("\n") == 1, err
    assert snapshot(data_copy) == before
    return err


def test_the_size_limit_is_checked_before_the_file_is_read(
    data_copy, tmp_path, capsys, monkeypatch
):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:  # sparse: no disk space, no read
        stream.truncate(article.MAX_BYTES + 1)

    real = Path.read_bytes

    def never_the_huge_file(self):
        assert self != huge, f"{self.name} was read"
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", never_the_huge_file)
    message = refused(data_copy, huge, capsys)
    assert f"huge.txt is {article.MAX_BYTES + 1:,} bytes, over the" in message


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("bom.txt", "utf-16"),  # with a byte-order mark
        ("le.txt", "utf-16-le"),  # without one
        ("be.html", "utf-16-be"),
    ],
)
def test_utf16_is_named_as_utf16(data_copy, tmp_path, capsys, name, encoding):
    file = tmp_path / name
    file.write_bytes("Seoul and Tokyo met in Busan.\n".encode(encoding))
    message = refused(data_copy, file, capsys)
    assert message == f"ingest: refused: {name} is UTF-16 text; save it as UTF-8\n"


def broken_pdf(tmp_path: Path, kind: str) -> Path:
    from reportlab.pdfgen import canvas

    whole = io.BytesIO()
    pdf = canvas.Canvas(whole)
    pdf.drawString(72, 720, "Hanwha Ocean met Mitsubishi Heavy Industries.")
    pdf.save()
    data = {
        "truncated": whole.getvalue()[: len(whole.getvalue()) // 2],
        "garbage": bytes(range(256)) * 8,
        "text": b"This is not a PDF at all.\n",
    }[kind]
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("kind", ["truncated", "garbage", "text"])
def test_a_broken_pdf_is_refused_in_one_line(data_copy, tmp_path, capsys, kind):
    message = refused(data_copy, broken_pdf(tmp_path, kind), capsys)
    assert message.startswith(f"ingest: refused: {kind}.pdf is not a readable PDF")


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "9999-12-31", "2400-01"])
def test_a_date_outside_sane_years_is_refused(data_copy, tmp_path, capsys, day):
    file = tmp_path / "a.txt"
    file.write_text(". ".join(PARAGRAPHS) + "\n", encoding="utf-8")
    message = refused(data_copy, file, capsys, with_meta(date=day))
    assert f"--date {day!r} is not between 1900 and " in message


def test_an_id_too_long_is_refused_as_such(data_copy, tmp_path, capsys):
    file = tmp_path / "a.txt"
    file.write_text(". ".join(PARAGRAPHS) + "\n", encoding="utf-8")
    message = refused(data_copy, file, capsys, [*META, "--id", "a" * 300])
    assert message == "ingest: refused: --id is 300 characters long; at most 80\n"


def test_an_id_made_from_a_long_title_stays_short():
    meta = article.Metadata(
        "Report " + "x" * 300 + " and more",
        "A",
        "The Test Review",
        "https://e.org",
        "2024",
    )
    made = source_row.new_source_id(meta, set())
    assert len(made) <= source_row.MAX_ID_LENGTH
    assert made.startswith("testreview-2024-report-xxxx")


def test_a_full_staging_disk_is_one_short_line(
    data_copy, tmp_path, capsys, monkeypatch
):
    import tempfile

    file = tmp_path / "a.txt"
    file.write_text(". ".join(PARAGRAPHS) + "\n", encoding="utf-8")
    before = snapshot(data_copy)
    long_name = "/tmp/jkdefense-stage-" + "x" * 400 + "/data/sources.csv"

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", long_name)

    monkeypatch.setattr(tempfile, "TemporaryDirectory", full)
    assert run(data_copy, file) == 2
    err = capsys.readouterr().err
    assert err.startswith("ingest: writing failed (No space left on device: ")
    assert err.count("\n") == 1 and len(err) < 200
    assert snapshot(data_copy) == before


def test_a_crlf_document_keeps_its_paragraphs(data_copy, tmp_path):
    file = tmp_path / "windows.txt"
    file.write_bytes("\r\n\r\n".join(PARAGRAPHS).encode() + b"\r\n")
    assert run(data_copy, file) == 0
    sentences = pd.read_parquet(data_copy / "sentences.parquet")
    mine = sentences[sentences["source_id"].str.startswith("testreview-")]
    assert mine["paragraph_no"].tolist() == [1, 2, 3]
    assert mine["text"].tolist() == list(PARAGRAPHS)


def test_sources_csv_keeps_its_line_ends(data_copy, tmp_path):
    sources = data_copy / "sources.csv"
    sources.write_bytes(sources.read_bytes().replace(b"\n", b"\r\n"))
    file = tmp_path / "a.txt"
    file.write_text("\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    assert run(data_copy, file) == 0
    data = sources.read_bytes()
    assert data.endswith(b"\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
