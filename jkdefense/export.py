"""``python -m jkdefense.export``: the batch export (jkdefense.render.batch)."""

import sys

from jkdefense.render.batch import main

if __name__ == "__main__":
    sys.exit(main())
