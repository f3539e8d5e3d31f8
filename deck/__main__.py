"""`python -m deck` → the `deck` command."""

import sys

from .cli import run

sys.exit(run())
