"""``python -m jkdefense.names``: the same as ``jkdefense names``.

An entry point only; the work is in jkdefense.pipeline.names.
"""

import sys

from jkdefense.pipeline.names import main

if __name__ == "__main__":
    sys.exit(main())
