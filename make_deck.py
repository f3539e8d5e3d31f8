"""Build the article deck: `python make_deck.py` ≡ `deck build outline.yaml` in this folder."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run from a checkout without installing

from deck.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["build", str(Path(__file__).resolve().parent / "outline.yaml"), *sys.argv[1:]]))
