"""Run a jkdefense command and kill it with SIGKILL at one step of its write.

    python tests/kill_at.py write 3 derive --data DIR    # before the 3rd file write
    python tests/kill_at.py rename 2 ingest FILE ...     # before the 2nd rename

A kill runs no cleanup: what it leaves is what a power cut or `kill -9` leaves.
"""

import os
import signal
import sys

from jkdefense import cli
from jkdefense.data import writer


def kill_before(step: str, number: int) -> None:
    """Make the process kill itself just before the ``number``-th ``step``."""
    real = writer._write_flushed if step == "write" else os.replace
    seen = 0

    def counted(*args: object) -> object:
        nonlocal seen
        seen += 1
        if seen == number:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args)

    if step == "write":
        writer._write_flushed = counted
    else:
        os.replace = counted


if __name__ == "__main__":
    kill_before(sys.argv[1], int(sys.argv[2]))
    sys.exit(cli.main(sys.argv[3:]))
