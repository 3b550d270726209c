"""Add an article to the feed: store its text verbatim, register it, derive, validate.

    jkdefense ingest FILE --title T --author A --publisher P --url U --date D

FILE is plain text or Markdown (stored as is), HTML (main text extracted with
trafilatura) or PDF (text extracted with pypdf); the original file is kept beside
the stored text. Refuses, with a one-line reason and exit status 1, and writes
nothing: text already in the feed, a binary, UTF-16 or otherwise non-UTF-8
file, a file over MAX_BYTES (checked before it is read), missing metadata, a
date that does not parse or lies before 1900 or after next year, an id that is
too long. Everything is prepared first, then lands as one change of the data
folder's writer (jkdefense.data.writer): the seed, sources.csv and the derived
tables all at once or not at all, one writer at a time; a second ingest waits
for the first, then reads the feed as the first left it. Exit status 2: the
change could not be written (a full disk, say), and seeds/ and data/ are as
before. Curated tables other than sources.csv are never written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
import sys
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from jkdefense.data import cache, load, paths, writer
from jkdefense.data.problems import summary_lines
from jkdefense.pipeline import seeds, staging

MAX_BYTES = 5_000_000  # 5 MB: far above a long article, far below a mistake
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
# The oldest year an article may carry; the newest is next year (a date set
# ahead by a time zone). Anything else is a typing slip.
EARLIEST_YEAR = 1900
# An id is a file name (seeds/<id>.original.html): far below the usual limit
# of 255 bytes, and short enough to read in a table.
MAX_ID_LENGTH = 80
# A title word longer than this is not a word (a pasted address, say): cut.
MAX_SLUG_WORD = 24


class Refused(ValueError):
    """The article cannot be added; the message says why, in one line."""


@dataclass(frozen=True)
class Metadata:
    """What the analyst says about the article."""

    title: str
    author: str
    publisher: str
    url: str
    date: str
    # The publisher's source tier (x-source-tiers); None: not given, so the row
    # records no reference beyond the article itself.
    tier: int | None = None
    licence: str = ""  # the text's licence, as its publisher states it
    source_id: str = ""  # chosen by the analyst; otherwise new_source_id's


def check_metadata(meta: Metadata) -> None:
    """Refuse missing fields, a non-http(s) address, a date that does not parse."""
    for name in ("title", "author", "publisher", "url", "date"):
        if not getattr(meta, name).strip():
            raise Refused(f"--{name} is required")
    if not re.fullmatch(r"https?://\S+", meta.url):
        raise Refused(f"--url {meta.url!r} is not an http(s) address")
    for form in ("%Y-%m-%d", "%Y-%m"):
        try:
            year = datetime.strptime(meta.date, form).year
        except ValueError:
            continue
        latest = date.today().year + 1
        if not EARLIEST_YEAR <= year <= latest:
            raise Refused(
                f"--date {meta.date!r} is not between {EARLIEST_YEAR} and {latest}"
            )
        return
    raise Refused(f"--date {meta.date!r} is not YYYY-MM-DD or YYYY-MM")


def extract_text(path: Path) -> str:
    """The article text to store: as is for text, extracted for HTML and PDF."""
    if not path.is_file():
        raise Refused(f"{path} is not a file")
    size = path.stat().st_size  # before reading: a huge file is never read
    if size > MAX_BYTES:
        raise Refused(f"{path.name} is {size:,} bytes, over the {MAX_BYTES:,} limit")
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _pdf_text(path)
    if _is_utf16(data):
        raise Refused(f"{path.name} is UTF-16 text; save it as UTF-8")
    if b"\x00" in data:
        raise Refused(f"{path.name} is a binary file, not text")
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise Refused(f"{path.name} is not UTF-8 (byte {error.start})") from error
    # Windows and old Mac line ends become \n: the splitter reads a blank line
    # as a paragraph break, and a CRLF text would otherwise be one paragraph.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if suffix in HTML_SUFFIXES:
        return _html_text(text, path.name)
    if suffix not in TEXT_SUFFIXES:
        raise Refused(
            f"{path.name}: unsupported type {suffix or '(none)'}; use "
            "txt, md, html or pdf"
        )
    return text


def _is_utf16(data: bytes) -> bool:
    """A UTF-16 byte-order mark, or ASCII text with a NUL after every letter."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    sample = data[:400]
    halves = (sample[0::2], sample[1::2])
    return len(sample) >= 4 and any(h.count(0) > 0.9 * len(h) for h in halves)


def _html_text(html: str, name: str) -> str:
    import trafilatura

    extracted = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    if not extracted or not extracted.strip():
        raise Refused(f"{name}: no main text found in the HTML")
    return _as_paragraphs(extracted.splitlines())


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf reports what it repairs as warnings and log lines; the refusal, if
    # any, says it in one line instead.
    quiet = logging.getLogger("pypdf")
    level, quiet.level = quiet.level, logging.CRITICAL
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pages = [page.extract_text() or "" for page in PdfReader(path).pages]
    except (PdfReadError, ValueError, OSError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise Refused(f"{path.name} is not a readable PDF: {reason}") from None
    finally:
        quiet.level = level
    if not any(p.strip() for p in pages):
        raise Refused(f"{path.name}: the PDF has no extractable text")
    return _as_paragraphs(pages)


def _as_paragraphs(blocks: list[str]) -> str:
    """Blocks separated by a blank line, as the sentence splitter reads paragraphs."""
    return "\n\n".join(b.strip() for b in blocks if b.strip()) + "\n"


# Words a title's short slug leaves out.
_TITLE_STOP_WORDS = frozenset(
    {"a", "an", "and", "at", "by", "for", "from", "in", "into", "its", "of", "on"}
    | {"or", "our", "s", "the", "their", "to", "with"}
)
TITLE_WORDS = 4


def new_source_id(meta: Metadata, taken: set[str]) -> str:
    """A readable, stable id: ``<publisher>-<year>-<short title>``.

    The publisher without a leading "The", its words run together
    ("whitehouse"); the year published; the first four words of the title
    that are not stop words ("fact-sheet-trilateral-leaders"). Numbered -2,
    -3 … when already taken, so no two articles share one. ``--id`` chooses
    another; the first article keeps its older form, yoon-2019-diplomat.
    """
    if meta.source_id:
        if len(meta.source_id) > MAX_ID_LENGTH:
            raise Refused(
                f"--id is {len(meta.source_id)} characters long; "
                f"at most {MAX_ID_LENGTH}"
            )
        if meta.source_id in taken:
            raise Refused(f"--id {meta.source_id!r} is already in the feed")
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", meta.source_id):
            raise Refused(f"--id {meta.source_id!r}: use a-z, 0-9 and single -")
        return meta.source_id
    publisher = re.sub(r"^the\s+", "", meta.publisher.strip(), flags=re.IGNORECASE)
    words = [
        w[:MAX_SLUG_WORD]
        for w in _slug(meta.title).split("-")
        if w not in _TITLE_STOP_WORDS
    ]
    parts = [
        _slug(publisher).replace("-", "")[:MAX_SLUG_WORD],
        meta.date[:4],
        *words[:TITLE_WORDS],
    ]
    base = "-".join(p for p in parts if p)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _sources_row(
    source_id: str, meta: Metadata, text: str, sha: str, header: list[str]
) -> str:
    """The sources.csv line for the article; its evidence is its own first sentence.

    Written in the order of the file's own ``header``: columns are matched by
    name, so an analyst may have reordered them in a spreadsheet. A cell a
    spreadsheet would run as a formula is marked as text (data.spreadsheet).
    """
    from jkdefense.data.spreadsheet import FORMULA_STARTS, safe_cell

    try:
        first = seeds.split_sentences(text)
    except ValueError as error:
        raise Refused(f"cannot split it into sentences: {error}") from None
    if not first:
        raise Refused("no sentence found in the text")
    words = first[0].text.split()
    # The quote stays a verbatim span of the sentence (validate checks it), so
    # it is not marked: it starts at the first word no spreadsheet would run.
    start = next(
        (i for i, word in enumerate(words) if not word.startswith(FORMULA_STARTS)),
        len(words),
    )
    quote = " ".join(words[start : start + 12])
    cells = {
        "source_id": source_id,
        "title": safe_cell(meta.title.strip()),
        "author": safe_cell(meta.author.strip()),
        "publisher": safe_cell(meta.publisher.strip()),
        "url": safe_cell(meta.url),
        "date_published": meta.date,
        "licence_note": safe_cell(meta.licence.strip()),
        "seed_path": f"seeds/{source_id}.txt",
        "seed_sha256": sha,
        "evidence_sentence_ids": seeds.sentence_id(source_id, 1),
        "evidence_quote": quote,
        "evidence_type": "stated",
        "curation_note": (
            "Added by ingest: title, author, publisher, address and date as given."
        ),
        "reference_url": safe_cell(meta.url) if meta.tier else "",
        "reference_status": "unverified" if meta.tier else "",
        "reference_tier": str(meta.tier) if meta.tier else "",
    }
    buffer = io.StringIO()
    # Written CRLF: the csv module quotes a cell holding a character of the
    # line end it writes, so a carriage return in the metadata cannot end the
    # row in a spreadsheet (and start a cell that runs).
    csv.writer(buffer, lineterminator="\r\n").writerow(
        [cells.get(column, "") for column in header]
    )
    return buffer.getvalue().removesuffix("\r\n") + "\n"


def _header(csv_bytes: bytes) -> list[str]:
    """A CSV file's column names, in the file's own order."""
    first_line = csv_bytes.decode("utf-8").removeprefix("\ufeff").split("\n", 1)[0]
    return next(csv.reader([first_line]))


def plan(file: Path, meta: Metadata, data_dir: Path) -> tuple[str, dict[Path, bytes]]:
    """Prepare every file the ingest writes, derived in a staging copy.

    Returns the new source id and the bytes for each path to write. Run it
    holding the data folder's lock (main does), so the feed it reads is the
    feed the change lands on.
    """
    check_metadata(meta)
    text = extract_text(file)
    payload = text.encode("utf-8")
    sha = hashlib.sha256(payload).hexdigest()
    try:
        sources = load.read_table_text(data_dir, "sources")
    except load.Unreadable as error:
        raise Refused(f"cannot read the feed: {error}") from None
    if sha in set(sources["seed_sha256"]):
        existing = sources.loc[sources["seed_sha256"] == sha, "source_id"].iloc[0]
        raise Refused(f"this text is already in the feed as {existing}")
    source_id = new_source_id(meta, set(sources["source_id"]))
    project = paths.project_dir(data_dir)
    sources_path = data_dir / "sources.csv"
    writes = {project / "seeds" / f"{source_id}.txt": payload}
    if file.suffix.lower() not in TEXT_SUFFIXES:
        original = project / "seeds" / f"{source_id}.original{file.suffix.lower()}"
        writes[original] = file.read_bytes()
    old_sources = sources_path.read_bytes()
    row = _sources_row(source_id, meta, text, sha, _header(old_sources))
    writes[sources_path] = with_row(old_sources, row)
    try:
        derived, added = staging.derive_change(data_dir, writes)
    except ValueError as error:
        raise Refused(f"cannot derive its sentences: {error}") from None
    if added:
        raise Refused(f"validation would fail: {added[0]}")
    return source_id, writes | derived


def with_row(csv_bytes: bytes, row: str) -> bytes:
    """The CSV with one more row, ended as the file ends its lines."""
    ending = b"\r\n" if b"\r\n" in csv_bytes else b"\n"
    body = csv_bytes if csv_bytes.endswith(b"\n") else csv_bytes + ending
    return body + row.removesuffix("\n").encode("utf-8") + ending


def main(argv: list[str] | None = None) -> int:
    """Command line: ingest one file; return the exit code."""
    parser = paths.command_parser("ingest", __doc__)
    parser.add_argument("file", type=Path)
    for name in ("title", "author", "publisher", "url", "date"):
        parser.add_argument(f"--{name}", default="", help=f"the article's {name}")
    parser.add_argument(
        "--tier",
        type=int,
        choices=(1, 2, 3),
        help="the publisher's source tier (1 official, 2 major news, 3 other)",
    )
    parser.add_argument("--licence", default="", help="the text's licence")
    parser.add_argument(
        "--id", default="", help="the article's id (default: publisher-year-title)"
    )
    args = parser.parse_args(argv)
    meta = Metadata(
        args.title,
        args.author,
        args.publisher,
        args.url,
        args.date,
        args.tier,
        args.licence,
        args.id,
    )
    data_dir = paths.chosen_data_dir(args)
    try:
        with writer.change(data_dir, "ingest") as files:
            source_id, writes = plan(args.file, meta, data_dir)
            files.update(writes)
    except Refused as error:
        print(f"ingest: refused: {error}", file=sys.stderr)
        return 1
    except writer.WriterBusy as error:
        print(f"ingest: refused: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(
            f"ingest: writing failed ({writer.describe(error)}); "
            "seeds/ and data/ are as before",
            file=sys.stderr,
        )
        return 2
    checked = cache.load_package(data_dir)  # checked for the app's next start
    print(f"ingest: added {source_id} ({len(files)} files written)")
    # Problems the article did not add (it would have been refused), named.
    for line in summary_lines(checked.problems):
        print(f"ingest: warning: {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
