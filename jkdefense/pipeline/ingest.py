"""Add an article to the feed: store its text verbatim, register it, derive, validate.

    jkdefense ingest FILE --title T --author A --publisher P --url U --date D

FILE is plain text or Markdown (stored as is), HTML (main text extracted with
trafilatura) or PDF (text extracted with pypdf); the original file is kept beside
the stored text. Refuses, with a one-line reason and exit status 1, and writes
nothing: text already in the feed, a binary, UTF-16 or otherwise non-UTF-8
file, a file over 5 MB (checked before it is read), missing metadata, a date
that does not parse or lies before 1900 or after next year, an id that is too
long. Everything is prepared first, then lands as one change of the data
folder's writer (jkdefense.data.writer): the seed, sources.csv and the derived
tables all at once or not at all, one writer at a time; a second ingest waits
for the first, then reads the feed as the first left it. Exit status 2: the
change could not be written (a full disk, say), and seeds/ and data/ are as
before. Curated tables other than sources.csv are never written. Once added,
it names the next step: the rows the article proposes (jkdefense propose).
"""

from __future__ import annotations

import argparse
import hashlib
import shlex
import sys
from pathlib import Path

from jkdefense.data import cache, load, paths, writer
from jkdefense.data.problems import summary_lines
from jkdefense.pipeline import article, source_row, staging
from jkdefense.pipeline.article import Metadata, Refused


def plan(file: Path, meta: Metadata, data_dir: Path) -> tuple[str, dict[Path, bytes]]:
    """Prepare every file the ingest writes, derived in a staging copy.

    Returns the new source id and the bytes for each path to write. Run it
    holding the data folder's lock (run does), so the feed it reads is the
    feed the change lands on.
    """
    article.check_metadata(meta)
    text = article.extract_text(file)
    payload = text.encode("utf-8")
    sha = hashlib.sha256(payload).hexdigest()
    try:
        sources = load.read_table_text(data_dir, "sources")
    except load.Unreadable as error:
        raise Refused(f"cannot read the feed: {error}") from None
    if sha in set(sources["seed_sha256"]):
        existing = sources.loc[sources["seed_sha256"] == sha, "source_id"].iloc[0]
        raise Refused(f"this text is already in the feed as {existing}")
    source_id = source_row.new_source_id(meta, set(sources["source_id"]))
    project = paths.project_dir(data_dir)
    sources_path = data_dir / "sources.csv"
    writes = {project / "seeds" / f"{source_id}.txt": payload}
    if file.suffix.lower() not in article.TEXT_SUFFIXES:
        original = project / "seeds" / f"{source_id}.original{file.suffix.lower()}"
        writes[original] = file.read_bytes()
    old_sources = sources_path.read_bytes()
    header = source_row.csv_header(old_sources)
    row = source_row.sources_row(source_id, meta, text, sha, header)
    writes[sources_path] = source_row.with_row(old_sources, row)
    try:
        derived, added = staging.derive_change(data_dir, writes)
    except ValueError as error:
        raise Refused(f"cannot derive its sentences: {error}") from None
    if added:
        raise Refused(f"validation would fail: {added[0]}")
    return source_id, writes | derived


def configure(parser: argparse.ArgumentParser) -> None:
    """The command line's arguments: ``jkdefense ingest FILE --title … --tier N``."""
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


def run(args: argparse.Namespace) -> int:
    """Ingest one file; return the exit code."""
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
            writer.not_written("ingest", error, "seeds/ and data/ are"),
            file=sys.stderr,
        )
        return 2
    checked = cache.load_package(data_dir)  # checked for the app's next start
    print(f"ingest: added {source_id} ({len(files)} files written)")
    print(f"ingest: next: {next_step(source_id, args.data)}")
    # Problems the article did not add (it would have been refused), named.
    for line in summary_lines(checked.problems):
        print(f"ingest: warning: {line}", file=sys.stderr)
    return 0


def next_step(source_id: str, data: Path | None) -> str:
    """The command that lists the rows the new article proposes, to review next.

    It names the data folder the ingest was given, if any: without it, the
    command would read the active folder, where the article is not.
    """
    command = ["jkdefense", "propose", "--source", source_id]
    if data is not None:
        command += ["--data", str(data)]
    return f"{shlex.join(command)} (or the app's Curate page)"
