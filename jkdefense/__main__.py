"""``python -m jkdefense COMMAND``: the same command line as ``jkdefense``."""

import sys

from jkdefense.cli import main

sys.exit(main())
