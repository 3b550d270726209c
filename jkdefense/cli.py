"""One command line for the data tools: ``jkdefense <command> [options]``.

Each command is a module's own ``main``, imported only when it runs, so
``jkdefense validate`` does not load what ``ingest`` needs.
"""

from __future__ import annotations

import importlib
import sys

# command -> (module, what it does)
COMMANDS = {
    "derive": ("jkdefense.pipeline.derive", "re-derive sentences and mentions"),
    "validate": ("jkdefense.data.validate", "check the data package"),
    "ingest": ("jkdefense.pipeline.ingest", "add an article to the feed"),
    "diff": ("jkdefense.pipeline.diff", "rows changed since a git revision"),
    "names": ("jkdefense.pipeline.names", "new names the feed brings; promote one"),
    "propose": (
        "jkdefense.pipeline.propose.cli",
        "rows the feed proposes; accept or reject one",
    ),
    "export": (
        "jkdefense.render.batch",
        "chart files or a briefing of a view, no browser",
    ),
}


def usage() -> str:
    """The command list, as ``jkdefense --help`` prints it."""
    lines = ["usage: jkdefense COMMAND [options]   (jkdefense COMMAND --help)", ""]
    lines += [f"  {name:<9} {doc}" for name, (_, doc) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(usage())
        return 0 if args else 2
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        print(f"jkdefense: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    return module.main(rest)


if __name__ == "__main__":
    sys.exit(main())
