r"""Export without a browser: the files the download buttons give, for a view.

    python -m jkdefense.export --page threats --format svg --out briefing/ \
        --query "domain=sea&focus=KR"

--page names a page by its URL (the choices below) or ``all``; --query is the
part after '?' of an app link, read as the app reads it
(jkdefense.report.links), except that a value the app would drop (it opens the
view without it) is refused here, as an unknown parameter is. svg and png write
one file per chart of the page(s), named as the chart's download buttons name
them; pptx and pdf write one briefing of the page, or of the whole app for
``all``, as "Export a briefing" does. Every written path is printed.

Exit codes, each but 0 with one line on stderr: 0 written; 2 refused (unknown
page, format, URL parameter or value of one, such as domain=spaceship, or a bad
option: an --out that is empty, names a file, or is a folder that cannot be
created or written to); 1 the data cannot give what was asked (a table the
page needs cannot be read, or the filters leave the page empty); 3 a file
could not be written (disk full, read-only or failing disk). Each file is
written under a temporary name and renamed, so a failed write leaves no part
of a file under its name; the files printed before it are whole.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from jkdefense.analysis.filters import ViewFilters
from jkdefense.data import cache, load, paths, writer
from jkdefense.data.problems import summary_lines
from jkdefense.render import briefings, draw, export
from jkdefense.report import (
    context,
    link_refusals,
    links,
    registry,
    setting_records,
    url_params,
)
from jkdefense.report.base import PageView
from jkdefense.report.page_data import page_tables

ALL = "all"
FORMATS = ("svg", "png", "pptx", "pdf")
CHART_FORMATS = ("svg", "png")
# Exit codes other than 2 (refused, the default); see the module's docstring.
DATA_CANNOT_GIVE = 1
NOT_WRITTEN = 3


class Refused(Exception):
    """What cannot be exported, in one line, with the command's exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        """``message`` for stderr; ``code`` as the module docstring lists them."""
        super().__init__(message)
        self.code = code


def _out_folder(text: str) -> Path:
    """--out as a folder; an empty one would quietly mean the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "give a folder (an empty one would write into the current folder; "
            "say --out . for that)"
        )
    return Path(text)


def configure(parser: argparse.ArgumentParser) -> None:
    """The command line of ``jkdefense export``."""
    parser.add_argument(
        "--page",
        required=True,
        choices=[*registry.PAGE_BY_NAME, ALL],
        help="a page, or all (the whole app)",
    )
    parser.add_argument("--format", required=True, choices=FORMATS)
    parser.add_argument(
        "--out", required=True, type=_out_folder, help="folder (created if missing)"
    )
    parser.add_argument(
        "--query",
        default="",
        help='the part after "?" of an app link, e.g. "domain=sea&focus=KR"',
    )
    parser.add_argument(
        "--housekeeping",
        action="store_true",
        help="with --page all, add the Sources page's charts (the feed's counts, "
        "fact-check tallies, rows per domain), which a briefing leaves out",
    )


def run(args: argparse.Namespace) -> int:
    """Write the files; print each path; return the exit code."""
    try:
        for path in exported(
            args.page,
            args.format,
            args.out,
            args.query,
            paths.chosen_data_dir(args),
            housekeeping=args.housekeeping,
        ):
            print(path)
    except Refused as refusal:
        print(f"jkdefense export: {refusal}", file=sys.stderr)
        return refusal.code
    return 0


def exported(
    page: str,
    file_format: str,
    out: Path,
    query: str,
    data_dir: Path,
    housekeeping: bool = False,
) -> Iterator[Path]:
    """Write the page's (or all pages') files to ``out``; yield each path.

    Raises Refused before writing anything when the query, page or data cannot
    give them.
    """
    if page != ALL and page not in registry.PAGE_BY_NAME:
        raise Refused(f"unknown page {page!r}")
    if file_format not in FORMATS:
        raise Refused(f"unknown format {file_format!r}")
    refuse_unusable_out(out)
    params = links.parse_query(query)
    unknown = url_params.unknown_params(params)
    if unknown:
        named = link_refusals.named_briefly(unknown)
        raise Refused(
            f"unknown URL parameter(s) in --query: {named} "
            f"(the app's: {', '.join(url_params.LINK_PARAMS_IN_BRIEF)})"
        )
    pkg = cache.load_package(data_dir)
    if not pkg.tables:
        first = pkg.problems[0] if pkg.problems else "no tables"
        raise Refused(
            f"cannot read the data in {data_dir}: {first}", code=DATA_CANNOT_GIVE
        )
    refused = link_refusals.refused_values(pkg, params)
    if refused:
        name = refused[0].split("=", 1)[0]
        raise Refused(
            f"unknown value(s) in --query: {link_refusals.named_briefly(refused)} "
            f"({name} takes: {link_refusals.choices_of(pkg, name)})"
        )
    view, settings = links.view_from_params(pkg, params)
    pages = page_views(pkg, page, view, settings, housekeeping)
    # As the app's banner says, above pages that still work: one line each.
    for line in summary_lines(pkg.problems):
        print(f"jkdefense export: warning: {line}", file=sys.stderr)
    if file_format in CHART_FORMATS:
        yield from _write_charts(pages, file_format, out)
    else:
        yield _write_briefing(pkg, view, pages, page, file_format, out)


def page_views(
    pkg: load.Package,
    page: str,
    view: ViewFilters,
    settings: dict,
    housekeeping: bool = False,
) -> list[PageView]:
    """The views the export shows: one page's, or every readable page's.

    ``all`` leaves the housekeeping page (Sources) out unless ``housekeeping``.
    """
    if page == ALL:
        pages = context.all_page_views(pkg, view, settings, housekeeping)
        if not pages:
            every = [name for entry in registry.PAGES for name in entry.tables]
            raise Refused(
                f"no page can be read from {pkg.data_dir}: "
                f"{pkg.unusable_reason(*every)}",
                code=DATA_CANNOT_GIVE,
            )
        return pages
    entry = registry.PAGE_BY_NAME[page]
    missing = pkg.missing(*entry.tables)
    if missing:
        raise Refused(
            f"page {page!r} needs {', '.join(pkg.file_of(m) for m in missing)}, "
            f"which cannot be read: {pkg.unusable_reason(*missing)}",
            code=DATA_CANNOT_GIVE,
        )
    built = entry.build(
        page_tables(pkg), view, context.chart_labels(pkg, view), settings
    )
    if built.empty:
        raise Refused(
            f"no {built.empty} match these filters "
            f"({context.describe_view(pkg, view)})",
            code=DATA_CANNOT_GIVE,
        )
    return [built]


def _write_charts(pages: list[PageView], file_format: str, out: Path) -> Iterator[Path]:
    """One file per chart, named as its download button names it.

    Two charts of one title (``all``: a page may repeat another's finding) get
    -2, -3… before the extension rather than overwrite each other.
    """
    charts = [chart for page in pages for chart in page.charts]
    if not charts:
        raise Refused("the filters leave no chart to export", code=DATA_CANNOT_GIVE)
    taken: set[str] = set()
    for chart in charts:
        name = _unique(export.file_name(chart.title, file_format), taken)
        figure = draw.figure(chart)
        path = out / name
        text, title = chart.description, chart.title
        if file_format == "svg":
            _write(path, export.chart_svg(figure, text, title))
        else:
            _write(path, export.chart_png(figure, description=text, title=title))
        yield path


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, extension = name.rpartition(".")
    chosen, n = name, 1
    while chosen in taken:
        n += 1
        chosen = f"{stem}-{n}{dot}{extension}"
    taken.add(chosen)
    return chosen


def _write_briefing(
    pkg: load.Package,
    view: ViewFilters,
    pages: list[PageView],
    page: str,
    file_format: str,
    out: Path,
) -> Path:
    """One deck of the pages, named as "Export a briefing" names it."""
    briefing = briefings.briefing(pkg, view, pages)
    render = (
        briefings.briefing_pptx if file_format == "pptx" else briefings.briefing_pdf
    )
    data = render(briefing)
    name = "all pages" if page == ALL else pages[0].title
    whole = setting_records.period_years(pkg)
    path = out / briefings.briefing_file_name(name, view, whole, file_format)
    _write(path, data)
    return path


def refuse_unusable_out(out: Path) -> None:
    """Refuse, before anything is drawn, an --out the files cannot go to.

    Checks the nearest folder that exists: ``out`` itself, or the one it is
    to be created in. What only writing can tell (a full disk) is _write's.
    """
    # os.path.exists, unlike Path.exists, says False for a folder this user
    # cannot look into rather than raising.
    nearest = (p for p in (out, *out.parents) if os.path.exists(p))  # noqa: PTH110
    existing = next(nearest, out)
    created = "" if existing == out else f" cannot be created: {existing}"
    if not existing.is_dir():
        raise Refused(f"--out {out}{created} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise Refused(
            f"--out {out}{created} cannot be written to (a read-only folder or "
            "disk, or one this user may not write to)"
        )


def _write(path: Path, data: str | bytes) -> None:
    """Write one file whole, in a folder created if missing, or say why not.

    writer.replace_file renames a finished temporary into place and removes
    it on failure, so a full disk never leaves part of a file under its name.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        writer.replace_file(path, data)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise Refused(f"cannot write {path}: {reason}", code=NOT_WRITTEN) from None
