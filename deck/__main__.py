"""`python -m deck` → the `deck` command."""

import sys

from .cli import main

sys.exit(main())
