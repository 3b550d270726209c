"""Keep curated evidence on the same words when a re-derive renumbers sentences.

A sentence id is its article and its position there (``<source_id>:s007``). When
the splitter cuts an article differently, a sentence after the change gets
another number, and a curated row citing the old number would cite another
sentence. So derive compares the sentences table as it was with the new one and
rewrites the cited ids in the data folder's CSV tables, in the same change as
the derived tables:

- an old sentence maps to the new sentence(s) covering its characters in the
  same article (one cut in two: both; two merged into one: that one);
- a sentence whose id still names the same characters keeps its id;
- a cell is rewritten only where an id in it changed (duplicates dropped, order
  kept), and only that record of the file: every other byte stays as it was.
"""

from __future__ import annotations

import bisect
import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from jkdefense.data import paths, schema

# Columns that hold sentence ids: evidence_sentence_ids, and any other such.
_CITING_COLUMN = re.compile(r".*sentence_ids?$")
_SPAN_COLUMNS = ["sentence_id", "source_id", "char_start", "char_end"]
# One line of a CSV file, with its line end (a quoted cell may run over several).
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


def read_spans(path: Path) -> pa.Table | None:
    """A sentences table's ids and offsets; None when there is none to read."""
    try:
        return pq.read_table(path, columns=_SPAN_COLUMNS)
    except (OSError, pa.ArrowException):
        return None


def _by_source(table: pa.Table) -> dict[str, list[tuple[int, int, str]]]:
    """(char_start, char_end, sentence_id) of each article's sentences, in order."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    columns = table.select(_SPAN_COLUMNS).to_pydict()
    for sentence_id, source_id, start, end in zip(*columns.values(), strict=True):
        spans.setdefault(source_id, []).append((start, end, sentence_id))
    for found in spans.values():
        found.sort()
    return spans


def id_map(old: pa.Table, new: pa.Table) -> dict[str, list[str]]:
    """Old sentence id -> the new ids covering its characters, where they differ.

    Ids that still name the same characters are left out, and so are articles
    the new table no longer holds (nothing covers them).
    """
    if old.select(_SPAN_COLUMNS).equals(new.select(_SPAN_COLUMNS)):
        return {}  # the usual case, told apart without reading a row
    before, after = _by_source(old), _by_source(new)
    mapping: dict[str, list[str]] = {}
    for source_id, old_spans in before.items():
        new_spans = after.get(source_id, [])
        starts = [start for start, _, _ in new_spans]
        same = {sentence_id: (start, end) for start, end, sentence_id in new_spans}
        for start, end, sentence_id in old_spans:
            if same.get(sentence_id) == (start, end):
                continue
            covering = list(_covering(new_spans, starts, start, end))
            if covering:
                mapping[sentence_id] = covering
    return mapping


def _covering(
    spans: list[tuple[int, int, str]], starts: list[int], start: int, end: int
) -> Iterator[str]:
    """Ids of the ``spans`` (in order, starting at ``starts``) over start-end."""
    for at in range(max(bisect.bisect_right(starts, start) - 1, 0), len(spans)):
        new_start, new_end, new_id = spans[at]
        if new_start >= end:
            return
        if new_end > start:
            yield new_id


def renumbered_cell(cell: str, mapping: dict[str, list[str]]) -> str:
    """The ';'-separated ids of ``cell`` mapped; the cell itself if none changed."""
    ids = schema.split_list(cell)
    mapped = list(dict.fromkeys(n for i in ids for n in mapping.get(i, [i])))
    return ";".join(mapped) if mapped != ids else cell


def _records(text: str) -> Iterator[tuple[int, int, list[str]]]:
    """Each CSV record of ``text`` as (start, end, cells); end excludes the line end."""
    lines = _LINE.findall(text)
    reader = csv.reader(iter(lines))
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    done = 0
    for cells in reader:
        start, done = offsets[done], reader.line_num
        record = text[start : offsets[done]]
        yield start, start + len(record.rstrip("\r\n")), cells


def _record(cells: list[str]) -> str:
    """One record as the csv module writes it: quoted only where it must be."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    return buffer.getvalue()


def renumbered_csv(text: str, mapping: dict[str, list[str]]) -> tuple[str, int]:
    """``text`` with its sentence-id cells mapped, and how many rows changed.

    Only the changed records are written anew; the rest of the text is kept
    byte for byte (a byte-order mark and the line ends too).
    """
    body = text.removeprefix("\ufeff")
    records = _records(body)
    header = next(records, (0, 0, []))[2]
    columns = [i for i, name in enumerate(header) if _CITING_COLUMN.fullmatch(name)]
    pieces, cursor, rows = [text[: len(text) - len(body)]], 0, 0
    for start, end, cells in records if columns else ():
        new = [
            renumbered_cell(cell, mapping) if i in columns else cell
            for i, cell in enumerate(cells)
        ]
        if new != cells:
            pieces += [body[cursor:start], _record(new)]
            cursor, rows = end, rows + 1
    pieces.append(body[cursor:])
    return "".join(pieces), rows


def _csv_paths(data_dir: Path) -> list[Path]:
    """The data package's CSV tables that have a column of sentence ids."""
    descriptor = schema.read_descriptor(paths.datapackage_path(data_dir))
    return [
        data_dir / resource["path"]
        for resource in schema.resources(descriptor).values()
        if str(resource.get("path", "")).endswith(".csv")
        and any(_CITING_COLUMN.fullmatch(n) for n in schema.field_names(resource))
    ]


def migrated(
    data_dir: Path, old: pa.Table | None, new: pa.Table
) -> tuple[dict[Path, bytes], list[str]]:
    """The CSV tables whose cited ids ``new`` renumbers, and a line for each.

    Returns their new bytes by path, and lines such as "developments.csv: 3
    rows' evidence ids renumbered".

    ``old`` is the sentences table the cited ids were written against (None:
    there was none, so there is nothing to follow).
    """
    mapping = id_map(old, new) if old is not None else {}
    if not mapping:
        return {}, []
    files, lines = {}, []
    for path in _csv_paths(data_dir):
        if not path.is_file():
            continue
        text, rows = renumbered_csv(path.read_bytes().decode("utf-8"), mapping)
        if rows:
            files[path] = text.encode("utf-8")
            rows_said = "1 row's" if rows == 1 else f"{rows} rows'"
            lines.append(f"{path.name}: {rows_said} evidence ids renumbered")
    return files, lines
