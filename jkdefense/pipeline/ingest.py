"""Add an article to the feed: store its text verbatim, register it, derive, validate.

    jkdefense ingest FILE --title T --author A --publisher P --url U --date D

FILE is plain text or Markdown (stored as is), HTML (main text extracted with
trafilatura) or PDF (text extracted with pypdf); the original file is kept beside
the stored text. Refuses, with a one-line reason and exit status 1, and writes
nothing: text already in the feed, a binary or non-UTF-8 file, a file over
MAX_BYTES, missing metadata, a date that does not parse. Everything is prepared
first; if writing fails midway, seeds/ and data/ are put back as they were.
Curated tables other than sources.csv are never written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jkdefense.data import cache, load, paths
from jkdefense.pipeline import derive, seeds

MAX_BYTES = 5_000_000  # 5 MB: far above a long article, far below a mistake
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}


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
            datetime.strptime(meta.date, form)
            return
        except ValueError:
            continue
    raise Refused(f"--date {meta.date!r} is not YYYY-MM-DD or YYYY-MM")


def extract_text(path: Path) -> str:
    """The article text to store: as is for text, extracted for HTML and PDF."""
    if not path.is_file():
        raise Refused(f"{path} is not a file")
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise Refused(
            f"{path.name} is {len(data):,} bytes, over the {MAX_BYTES:,} limit"
        )
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _pdf_text(path)
    if b"\x00" in data:
        raise Refused(f"{path.name} is a binary file, not text")
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise Refused(f"{path.name} is not UTF-8 (byte {error.start})") from error
    if suffix in HTML_SUFFIXES:
        return _html_text(text, path.name)
    if suffix not in TEXT_SUFFIXES:
        raise Refused(
            f"{path.name}: unsupported type {suffix or '(none)'}; use "
            "txt, md, html or pdf"
        )
    return text


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

    try:
        pages = [page.extract_text() or "" for page in PdfReader(path).pages]
    except (PdfReadError, ValueError, OSError) as error:
        raise Refused(f"{path.name} is not a readable PDF: {error}") from error
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
        if meta.source_id in taken:
            raise Refused(f"--id {meta.source_id!r} is already in the feed")
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", meta.source_id):
            raise Refused(f"--id {meta.source_id!r}: use a-z, 0-9 and single -")
        return meta.source_id
    publisher = re.sub(r"^the\s+", "", meta.publisher.strip(), flags=re.IGNORECASE)
    words = [w for w in _slug(meta.title).split("-") if w not in _TITLE_STOP_WORDS]
    parts = [_slug(publisher).replace("-", ""), meta.date[:4], *words[:TITLE_WORDS]]
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
    name, so an analyst may have reordered them in a spreadsheet.
    """
    try:
        first = seeds.split_sentences(text)
    except ValueError as error:
        raise Refused(f"cannot split it into sentences: {error}") from None
    if not first:
        raise Refused("no sentence found in the text")
    words = first[0].text.split()
    quote = " ".join(words[:12])
    cells = {
        "source_id": source_id,
        "title": meta.title.strip(),
        "author": meta.author.strip(),
        "publisher": meta.publisher.strip(),
        "url": meta.url,
        "date_published": meta.date,
        "licence_note": meta.licence.strip(),
        "seed_path": f"seeds/{source_id}.txt",
        "seed_sha256": sha,
        "evidence_sentence_ids": seeds.sentence_id(source_id, 1),
        "evidence_quote": quote,
        "evidence_type": "stated",
        "curation_note": (
            "Added by ingest: title, author, publisher, address and date as given."
        ),
        "reference_url": meta.url if meta.tier else "",
        "reference_status": "unverified" if meta.tier else "",
        "reference_tier": str(meta.tier) if meta.tier else "",
    }
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(
        [cells.get(column, "") for column in header]
    )
    return buffer.getvalue()


def _header(csv_bytes: bytes) -> list[str]:
    """A CSV file's column names, in the file's own order."""
    first_line = csv_bytes.decode("utf-8").removeprefix("\ufeff").split("\n", 1)[0]
    return next(csv.reader([first_line]))


def plan(file: Path, meta: Metadata, data_dir: Path) -> tuple[str, dict[Path, bytes]]:
    """Prepare every file the ingest writes, in a staging copy; write nothing real.

    Returns the new source id and the bytes for each path to write, in order.
    """
    check_metadata(meta)
    text = extract_text(file)
    payload = text.encode("utf-8")
    sha = hashlib.sha256(payload).hexdigest()
    sources = load.read_table_text(data_dir, "sources")
    if sha in set(sources["seed_sha256"]):
        existing = sources.loc[sources["seed_sha256"] == sha, "source_id"].iloc[0]
        raise Refused(f"this text is already in the feed as {existing}")
    source_id = new_source_id(meta, set(sources["source_id"]))
    project = paths.project_dir(data_dir)
    sources_path = data_dir / "sources.csv"
    old_sources = sources_path.read_bytes()
    joiner = b"" if old_sources.endswith(b"\n") else b"\n"
    new_sources = (
        old_sources
        + joiner
        + _sources_row(source_id, meta, text, sha, _header(old_sources)).encode()
    )
    writes = {project / "seeds" / f"{source_id}.txt": payload}
    if file.suffix.lower() not in TEXT_SUFFIXES:
        original = project / "seeds" / f"{source_id}.original{file.suffix.lower()}"
        writes[original] = file.read_bytes()
    writes[sources_path] = new_sources
    derived = _derive_staged(data_dir, writes)
    writes.update(
        {derive.derived_path(data_dir, name): data for name, data in derived.items()}
    )
    return source_id, writes


def _derive_staged(data_dir: Path, writes: dict[Path, bytes]) -> dict[str, bytes]:
    """Derive and validate in a throwaway copy; refuse if the article adds problems."""
    import shutil
    import tempfile

    project = paths.project_dir(data_dir)
    before = {str(p) for p in load.load_package(data_dir).problems}
    with tempfile.TemporaryDirectory() as staging:
        stage = Path(staging)
        shutil.copytree(data_dir, stage / "data")
        shutil.copytree(project / "seeds", stage / "seeds")
        for path, payload in writes.items():
            (stage / path.relative_to(project)).write_bytes(payload)
        try:
            derived = derive.derive(stage / "data")
        except ValueError as error:
            raise Refused(f"cannot derive its sentences: {error}") from None
        outputs = {
            name: derive.to_parquet_bytes(table) for name, table in derived.items()
        }
        for name, data in outputs.items():
            derive.derived_path(stage / "data", name).write_bytes(data)
        after = load.load_package(stage / "data").problems
    new = [p for p in after if str(p) not in before]
    if new:
        raise Refused(f"validation would fail: {new[0]}")
    return outputs


def commit(writes: dict[Path, bytes]) -> None:
    """Write every file atomically; on any failure put back what was there."""
    backups = {path: path.read_bytes() if path.exists() else None for path in writes}
    try:
        for path, payload in writes.items():
            derive.write_atomically(path, payload)
    except BaseException:
        for path, previous in backups.items():
            if previous is None:
                path.unlink(missing_ok=True)
            elif path.read_bytes() != previous:
                derive.write_atomically(path, previous)
        raise


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
        source_id, writes = plan(args.file, meta, data_dir)
        commit(writes)
    except Refused as error:
        print(f"ingest: refused: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(
            f"ingest: writing failed ({error}); seeds/ and data/ are as before",
            file=sys.stderr,
        )
        return 2
    cache.load_package(data_dir)  # checked for the app's next start
    print(f"ingest: added {source_id} ({len(writes)} files written)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
