"""Command line: ``jkdefense names [list] ...`` and ``jkdefense names promote ...``."""

from __future__ import annotations

import argparse
import sys

from jkdefense.data import load, paths, writer

from . import __doc__ as names_doc
from . import listing, promotion

LIST_HELP = "list the new names, ranked (the default)"
PROMOTE_HELP = "make a listed name an alias of a curated row"


def configure(parser: argparse.ArgumentParser) -> None:
    """``names [list] …`` and ``names promote NAME --to TABLE:ID``.

    The list's options are the command's own too, so ``jkdefense names --csv``
    lists without naming the subcommand.
    """
    parser.description = names_doc
    _list_options(parser)
    commands = parser.add_subparsers(dest="names_command", metavar="{list,promote}")
    listed = commands.add_parser("list", help=LIST_HELP, description=LIST_HELP)
    paths.add_data_argument(listed, inherited=True)
    _list_options(listed, inherited=True)
    promoted = commands.add_parser(
        "promote",
        help=PROMOTE_HELP,
        description=promotion.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    paths.add_data_argument(promoted, inherited=True)
    promoted.add_argument("name", help="the name, as the list shows it")
    promoted.add_argument("--to", required=True, help="TABLE:ID, e.g. incidents:x")


def _list_options(parser: argparse.ArgumentParser, *, inherited: bool = False) -> None:
    # A subcommand's options leave out what is not given, keeping what came before it.
    unset = {"default": argparse.SUPPRESS} if inherited else {}
    parser.add_argument(
        "--source",
        action="append",
        metavar="ID",
        help="only this article (repeat for more)",
        **unset,
    )
    parser.add_argument("--csv", action="store_true", help="print CSV", **unset)
    parser.add_argument(
        "--limit", type=int, metavar="N", help="the first N names", **unset
    )


def run(args: argparse.Namespace) -> int:
    """List the new names, or promote one; return the exit code."""
    if args.names_command == "promote":
        return promote_name(args)
    return list_names(args)


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
