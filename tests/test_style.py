"""The code base stays lint-clean (ruff, configured in pyproject.toml)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def it_passes_ruff():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "deck", "tests", "benchmarks",
                             "make_deck.py"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def it_keeps_modules_under_four_hundred_lines():
    long = {str(p.relative_to(ROOT)): n for p in ROOT.glob("deck/**/*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}
