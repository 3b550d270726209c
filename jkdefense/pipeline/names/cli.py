"""Command line: ``jkdefense names [list] ...`` and ``jkdefense names promote ...``."""

from __future__ import annotations

import argparse
import sys

from jkdefense.data import load, paths, writer

from . import listing, promotion

LIST_HELP = "list the new names, ranked (the default)"
PROMOTE_HELP = "make a listed name an alias of a curated row"


def parser(description: str | None) -> argparse.ArgumentParser:
    """The ``names`` parser: subcommands list and promote, each with --data."""
    top = paths.command_parser("names", description)
    commands = top.add_subparsers(dest="command", metavar="{list,promote}")
    listed = commands.add_parser(
        "list",
        parents=[paths.command_parser("names list", None)],
        add_help=False,
        help=LIST_HELP,
        description=LIST_HELP,
    )
    listed.add_argument(
        "--source",
        action="append",
        metavar="ID",
        help="only this article (repeat for more)",
    )
    listed.add_argument("--csv", action="store_true", help="print CSV")
    listed.add_argument(
        "--limit", type=int, default=None, metavar="N", help="the first N names"
    )
    promoted = commands.add_parser(
        "promote",
        parents=[paths.command_parser("names promote", None)],
        add_help=False,
        help=PROMOTE_HELP,
        description=promotion.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    promoted.add_argument("name", help="the name, as the list shows it")
    promoted.add_argument("--to", required=True, help="TABLE:ID, e.g. incidents:x")
    return top


def list_names(args: argparse.Namespace) -> int:
    """List the new names; return the exit code."""
    data_dir = paths.chosen_data_dir(args)
    try:
        unknown = load.unknown_sources(data_dir, args.source or [])
        if unknown:
            print(
                f"names: unknown source {unknown[0]!r} (not in sources.csv)",
                file=sys.stderr,
            )
            return 2
        view = tuple(args.source) if args.source else None
        found = listing.new_names(data_dir, view)
    except (OSError, ValueError, KeyError) as error:
        print(f"names: {error}", file=sys.stderr)
        return 2
    if args.limit is not None:
        found = found.head(args.limit)
    sys.stdout.write(listing.to_csv(found) if args.csv else listing.to_text(found))
    return 0


def promote_name(args: argparse.Namespace) -> int:
    """Promote a name to an alias of a curated row; return the exit code."""
    data_dir = paths.chosen_data_dir(args)
    try:
        path = promotion.land(data_dir, args.name, args.to)
    except (promotion.Refused, writer.WriterBusy) as error:
        print(f"names promote: refused: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(writer.not_written("names promote", error), file=sys.stderr)
        return 2
    except (ValueError, KeyError) as error:
        print(f"names promote: {error}", file=sys.stderr)
        return 1
    print(f"names promote: {args.name!r} is now an alias of {args.to} ({path.name})")
    mentions, sentences = promotion.mentions_of(data_dir, args.name.strip())
    print(
        f"names promote: {mentions} mentions of it in {sentences} sentences "
        "now show on the pages"
    )
    return 0


def main(argv: list[str] | None = None, description: str | None = None) -> int:
    """Run ``names [list] ...`` or ``names promote ...``; return the exit code.

    Without a subcommand the list runs, so ``jkdefense names --csv`` works.
    """
    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] not in (["list"], ["promote"], ["-h"], ["--help"]):
        args = ["list", *args]
    chosen = parser(description).parse_args(args)
    return promote_name(chosen) if chosen.command == "promote" else list_names(chosen)
