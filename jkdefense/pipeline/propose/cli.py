"""Rows the feed proposes for the curated tables; accept or reject one.

    jkdefense propose [--source ID] [--csv] [--limit N]
    jkdefense propose show ID
    jkdefense propose accept ID [--set FIELD=VALUE ...]
    jkdefense propose reject ID [--reason TEXT]

Proposals come from the sentences no curated row cites: developments (a dated
change of state: established, launched, signed, held, approved, suspended,
resumed, withdrawn …), incidents (dated events: meetings, launches,
incursions), new programs (bodies, mechanisms, exercises the feed names) and
threats (a threat actor's deed the sentence condemns). Dated actions with new
or known names come first; sentences naming only countries last. Each has a
stable id. ``show`` prints the row accept would write; accept validates the
package with it (exit 1 naming file, row and field when it would add a
problem, nothing written), then writes the row, the re-derived tables and a
line of data/CHANGELOG.md as one change. A rejected proposal is never
proposed again. Exit status 2: another change holds the data folder, or the
folder cannot be written.
"""

from __future__ import annotations

import argparse
import sys
import textwrap

import pandas as pd

from jkdefense.data import load, paths, writer
from jkdefense.data.spreadsheet import safe_csv
from jkdefense.pipeline.propose import decide as deciding
from jkdefense.pipeline.propose import listing
from jkdefense.pipeline.propose.listing import Refused

# The CSV's columns; the first seven stay first, for tools that read by place.
CSV_COLUMNS = list(listing.PROPOSAL_COLUMNS)
QUOTE_SHOWN = 110
DECISIONS = {
    "show": "print the row accept would write",
    "accept": "add the proposed row (with --set changes) to its table",
    "reject": "never propose it again",
}


def to_text(frame: pd.DataFrame) -> str:
    """The proposals for the terminal: one block each, best first."""
    blocks = []
    for p in frame.itertuples(index=False):
        quote = p.evidence_quote
        if len(quote) > QUOTE_SHOWN:
            quote = quote[: QUOTE_SHOWN - 1].rstrip() + "…"
        date_from = "" if p.date_source == "sentence" else ", article date"
        blocks.append(
            f"{p.rank:>3}. {p.proposal_id}  {p.table}  {p.date}{date_from}\n"
            f"     {p.subject}\n"
            + textwrap.fill(
                f"why: {p.why}",
                100,
                initial_indent="     ",
                subsequent_indent="       ",
            )
            + "\n"
            f'     "{quote}" [{p.evidence_sentence_ids}]'
        )
    return "\n".join(blocks) + ("\n" if blocks else "no open proposals\n")


def configure(parser: argparse.ArgumentParser) -> None:
    """``propose [--source ID] [--csv] [--limit N]``, and ``show|accept|reject ID``.

    The list's options are the command's own: ``jkdefense propose`` lists.
    """
    parser.add_argument(
        "--source",
        action="append",
        metavar="ID",
        help="only this article (repeat for more)",
    )
    parser.add_argument("--csv", action="store_true", help="print CSV")
    parser.add_argument(
        "--limit", type=int, default=None, metavar="N", help="the first N proposals"
    )
    decisions = parser.add_subparsers(dest="decision", metavar="{show,accept,reject}")
    for command, summary in DECISIONS.items():
        decision = decisions.add_parser(command, help=summary, description=summary)
        paths.add_data_argument(decision, inherited=True)
        decision.add_argument(
            "proposal_id", metavar="ID", help="the proposal's id (p-…)"
        )
        if command == "accept":
            decision.add_argument(
                "--set",
                action="append",
                default=[],
                metavar="FIELD=VALUE",
                help="change one field of the proposed row (repeatable)",
            )
        if command == "reject":
            decision.add_argument("--reason", default="", help="why, on one line")


def run(args: argparse.Namespace) -> int:
    """List the proposals, or show, accept or reject one; return the exit code."""
    return decide(args.decision, args) if args.decision else list_proposals(args)


def list_proposals(args: argparse.Namespace) -> int:
    """Print the open proposals, best first; return the exit code."""
    data_dir = paths.chosen_data_dir(args)
    try:
        unknown = load.unknown_sources(data_dir, args.source or [])
        if unknown:
            print(
                f"propose: unknown source {unknown[0]!r} (not in sources.csv)",
                file=sys.stderr,
            )
            return 1
        found = listing.proposals(data_dir, tuple(args.source) if args.source else None)
    except (OSError, ValueError, KeyError) as error:
        print(f"propose: cannot read the data: {error}", file=sys.stderr)
        return 1
    if args.limit is not None:
        found = found.head(args.limit)
    sys.stdout.write(safe_csv(found[CSV_COLUMNS]) if args.csv else to_text(found))
    return 0


def _changes(pairs: list[str]) -> dict[str, str]:
    """--set FIELD=VALUE pairs as a dict; Refused for one without '='."""
    changes = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise Refused(f"--set {pair!r}: write FIELD=VALUE")
        changes[name.strip()] = value
    return changes


def _decide(command: str, args: argparse.Namespace) -> None:
    """Show, accept or reject the proposal, and say what was done."""
    data_dir = paths.chosen_data_dir(args)
    if command == "show":
        row = listing.proposed_row(data_dir, args.proposal_id)
        sys.stdout.write("".join(f"{k}: {v}\n" for k, v in row.items()))
    elif command == "accept":
        done = deciding.accept(data_dir, args.proposal_id, _changes(args.set))
        print(
            f"propose accept: added {done.row_id} to {done.path.name}; "
            "derived tables and CHANGELOG.md updated"
        )
    else:
        deciding.reject(data_dir, args.proposal_id, args.reason)
        print(f"propose reject: {args.proposal_id} will not be proposed again")


def decide(command: str, args: argparse.Namespace) -> int:
    """``propose show|accept|reject ID …``; return the exit code."""
    try:
        _decide(command, args)
    except Refused as refused:
        for problem in refused.problems:
            print(f"propose {command}: refused: {problem}", file=sys.stderr)
        return 1
    except writer.WriterBusy as busy:
        print(f"propose {command}: busy, try again: {busy}", file=sys.stderr)
        return 2
    except OSError as error:
        if command == "show":  # writes nothing
            print(f"propose show: cannot read the data: {error}", file=sys.stderr)
            return 1
        print(writer.not_written(f"propose {command}", error), file=sys.stderr)
        return 2
    except (ValueError, KeyError) as error:  # a table that cannot be read
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        print(f"propose {command}: cannot read the data: {reason}", file=sys.stderr)
        return 1
    return 0
