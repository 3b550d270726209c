"""One command line for the data tools: ``jkdefense COMMAND [options]``.

``python -m jkdefense COMMAND`` is the same command line. Each command is a
subcommand of one argparse parser; its module gives the rest of its parser
(``configure(parser)``) and the work (``run(args)``, which returns the exit
code). A command's module is imported only when that command is chosen, so
``jkdefense validate`` does not load what ``export`` needs (plotting, fonts).
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence
from typing import Any, NoReturn

from jkdefense.data import paths

# command -> (its module, what it does)
COMMANDS = {
    "derive": ("jkdefense.pipeline.derive", "re-derive sentences and mentions"),
    "validate": ("jkdefense.data.validate", "check the data package"),
    "ingest": ("jkdefense.pipeline.ingest", "add an article to the feed"),
    "diff": ("jkdefense.pipeline.diff", "rows changed since a git revision"),
    "names": ("jkdefense.pipeline.names.cli", "new names the feed brings; promote one"),
    "propose": (
        "jkdefense.pipeline.propose.cli",
        "rows the feed proposes; accept or reject one",
    ),
    "export": (
        "jkdefense.render.batch",
        "chart files or a briefing of a view, no browser",
    ),
}


class CommandParser(argparse.ArgumentParser):
    """A command's parser, completed from its module when the command is chosen.

    argparse hands the chosen subparser the rest of the command line through
    parse_known_args; only then is the module imported and asked for its
    arguments. Parsers a command adds for its own subcommands have no module.
    """

    def __init__(self, *args: Any, module: str | None = None, **kwargs: Any) -> None:
        """``module``: the command's module, or None for a parser complete as is."""
        super().__init__(*args, **kwargs)
        self.module = module

    def parse_known_args(self, args=None, namespace=None):  # noqa: ANN001, ANN201
        """Parse as argparse does, once the module has given its arguments.

        A command refuses what it does not know itself, naming itself, rather
        than leaving it for the top parser's message.
        """
        is_command = self.module is not None
        if is_command:
            module = importlib.import_module(self.module)
            self.module = None
            self.description = module.__doc__
            module.configure(self)
            self.set_defaults(run=module.run)
        parsed, extras = super().parse_known_args(args, namespace)
        if is_command and extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras

    def error(self, message: str) -> NoReturn:
        """Refuse the command line in one line naming the command; exit 2."""
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def parser() -> argparse.ArgumentParser:
    """The ``jkdefense`` parser: one subcommand per command, each with --data."""
    top = CommandParser(
        prog="jkdefense",
        description="The data tools of the dashboard. "
        "`jkdefense COMMAND --help` tells more of each.",
    )
    commands = top.add_subparsers(
        dest="command",
        metavar="COMMAND",
        required=True,
        parser_class=CommandParser,
    )
    for name, (module, summary) in COMMANDS.items():
        command = commands.add_parser(
            name,
            module=module,
            help=summary,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        paths.add_data_argument(command)
    return top


def commands_markdown() -> str:
    """The README's table of commands, made from COMMANDS."""
    rows = [
        f"| `jkdefense {name}` | {summary} |" for name, (_, summary) in COMMANDS.items()
    ]
    return "\n".join(["| command | what it does |", "|---|---|", *rows])


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (2 for a command line it refuses)."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as refused:  # --help (0) or a command line argparse refused (2)
        return int(refused.code or 0)
    return args.run(args)
