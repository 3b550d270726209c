"""An article as the analyst hands it in: what they say of it, and its text.

Refuses, in one line, missing metadata, a date that does not parse or lies
before 1900 or after next year, and a file that is not usable text: a binary,
UTF-16 or otherwise non-UTF-8 file, a file over MAX_BYTES (checked before it is
read), an HTML page with no main text, a PDF with no extractable text. Text and
Markdown are stored as they are; HTML is extracted with trafilatura, PDF with
pypdf.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

MAX_BYTES = 5_000_000  # 5 MB: far above a long article, far below a mistake
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
# The oldest year an article may carry; the newest is next year (a date set
# ahead by a time zone). Anything else is a typing slip.
EARLIEST_YEAR = 1900


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
