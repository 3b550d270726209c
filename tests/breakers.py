"""Ways to break a copy of the data folder, one small change each."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from jkdefense.data import schema

Breaker = Callable[[Path], None]
Rows = list[list[str]]


def _rows(path: Path) -> Rows:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write_rows(path: Path, rows: Rows) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def edit(file: str, row: int, **cells: str | Callable[[str], str]) -> Breaker:
    """Set cells of data row ``row`` (0-based) to a value, or to f(old value)."""

    def breaks(data: Path) -> None:
        header, *body = _rows(data / file)
        for field, value in cells.items():
            at = header.index(field)
            old = body[row][at]
            body[row][at] = value(old) if callable(value) else value
        _write_rows(data / file, [header, *body])

    return breaks


def append_row(file: str, cells: list[str]) -> Breaker:
    """Add a row as written (its width may differ from the header's)."""

    def breaks(data: Path) -> None:
        _write_rows(data / file, [*_rows(data / file), cells])

    return breaks


def repeat_first_row(file: str) -> Breaker:
    """Insert a copy of the first data row right after it (it becomes row 3)."""

    def breaks(data: Path) -> None:
        path = data / file
        if path.suffix == ".parquet":
            table = pq.read_table(path)
            pq.write_table(
                pa.concat_tables([table.slice(0, 1), table.slice(0, 1), table[1:]]),
                path,
            )
            return
        header, first, *rest = _rows(path)
        _write_rows(path, [header, first, list(first), *rest])

    return breaks


def drop_last_row(file: str) -> Breaker:
    def breaks(data: Path) -> None:
        _write_rows(data / file, _rows(data / file)[:-1])

    return breaks


def header(file: str, change: Callable[[Rows], Rows]) -> Breaker:
    def breaks(data: Path) -> None:
        _write_rows(data / file, change(_rows(data / file)))

    return breaks


def drop_column(column: str) -> Callable[[Rows], Rows]:
    def change(rows: Rows) -> Rows:
        at = rows[0].index(column)
        return [r[:at] + r[at + 1 :] for r in rows]

    return change


def repeat_column(column: str) -> Callable[[Rows], Rows]:
    def change(rows: Rows) -> Rows:
        at = rows[0].index(column)
        return [r + [r[at]] for r in rows]

    return change


def add_column(column: str) -> Callable[[Rows], Rows]:
    return lambda rows: [rows[0] + [column]] + [r + ["x"] for r in rows[1:]]


def cut_in_half(file: str) -> Breaker:
    def breaks(data: Path) -> None:
        whole = (data / file).read_bytes()
        (data / file).write_bytes(whole[: len(whole) // 2])

    return breaks


def folder_instead(file: str) -> Breaker:
    def breaks(data: Path) -> None:
        (data / file).unlink()
        (data / file).mkdir()

    return breaks


def remove(file: str) -> Breaker:
    return lambda data: (data / file).unlink()


def write(file: str, text: str) -> Breaker:
    return lambda data: (data / file).write_text(text, encoding="utf-8")


def replace_bytes(file: str, old: bytes, new: bytes) -> Breaker:
    def breaks(data: Path) -> None:
        whole = (data / file).read_bytes()
        assert old in whole, (file, old)
        (data / file).write_bytes(whole.replace(old, new, 1))

    return breaks


def sentence_text(row: int, text: str) -> Breaker:
    """Change one sentence's text in sentences.parquet (its offsets stay)."""

    def breaks(data: Path) -> None:
        path = data / "sentences.parquet"
        table = pq.read_table(path)
        texts = table["text"].to_pylist()
        texts[row] = text
        column = table.schema.get_field_index("text")
        table = table.set_column(column, "text", pa.array(texts, pa.string()))
        pq.write_table(table, path)

    return breaks


def seed_edited(source: int) -> Breaker:
    """Append a line to an article's seed: its SHA-256 no longer matches."""

    def breaks(data: Path) -> None:
        seed_path = _rows(data / "sources.csv")[source + 1][8]
        seed = data.parent / seed_path
        seed.write_bytes(seed.read_bytes() + b"\nAn added line.")

    return breaks


NEW_ARTICLE = "extra-2024-article"


def new_article(data: Path) -> None:
    """Register an article whose sentences were never derived."""
    text = b"A short article about joint programs.\n"
    (data.parent / "seeds" / f"{NEW_ARTICLE}.txt").write_bytes(text)
    rows = _rows(data / "sources.csv")
    head, first = rows[0], list(rows[1])
    cells = {
        "source_id": NEW_ARTICLE,
        "title": "An extra article",
        "url": "https://example.org/extra",
        "date_published": "2024-01-01",
        "seed_path": f"seeds/{NEW_ARTICLE}.txt",
        "seed_sha256": hashlib.sha256(text).hexdigest(),
    }
    for field, value in cells.items():
        first[head.index(field)] = value
    _write_rows(data / "sources.csv", [*rows, first])


def journal_left(data: Path) -> None:
    """A change decided but never landed, in a folder no reader can lock.

    (A reader that can lock the folder completes the change first.)
    """
    (data / ".journal-interrupted.json").write_text(
        json.dumps({"renames": []}), encoding="utf-8"
    )
    (data / ".write.lock").unlink(missing_ok=True)
    (data / ".write.lock").mkdir()


def all_of(*breakers: Breaker) -> Breaker:
    def breaks(data: Path) -> None:
        for breaker in breakers:
            breaker(data)

    return breaks


def has_rows(path: Path) -> bool:
    """Whether a table's file holds a row (a table may start empty)."""
    if path.suffix == ".parquet":
        return pq.read_metadata(path).num_rows > 0
    return len(_rows(path)) > 1


def every_table_repeats_a_key(data: Path) -> None:
    """A copy of the first row of every table that has one, right after it."""
    descriptor = schema.read_descriptor(data / "datapackage.json")
    for resource in schema.resources(descriptor).values():
        if has_rows(data / resource["path"]):
            repeat_first_row(resource["path"])(data)
