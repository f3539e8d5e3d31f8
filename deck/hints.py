"""Hints appended to error messages: "did you mean" for misspellings, the spelling to use for
text that is nearly a number. Shared by the outline checks (`typecheck`, `validate`), CSV data
(`data`) and theme files; imports nothing of deck's own, so any module can use it."""

from __future__ import annotations

import re

_GROUPED = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")
_NEARLY = re.compile(r"[-+]?(\.\d+|\d+\.?\d*|\d[\d_]*)([eE][-+]?\d+)?")


def suggest(word: str, choices) -> str:
    """"; did you mean `x`?" for the closest choice, or ""."""
    import difflib  # only when something is misspelt

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def number_hint(text: str) -> str:
    """" (write `1503`; …)" for text that is nearly a number, such as `1,503`, `+3` or `.5`;
    else "". Used for outline values and CSV cells alike."""
    if _GROUPED.fullmatch(text):
        return f" (write `{text.replace(',', '')}`; use number_format for separators)"
    if text[:1] == "\u2212":  # a typographic minus, as spreadsheets export for display
        return f" (write `-{text[1:]}` with a plain hyphen-minus)"
    if _NEARLY.fullmatch(text.strip()):
        plain = text.strip().lstrip("+").replace("_", "")
        plain = "0" + plain if plain.startswith(".") else plain.replace("-.", "-0.")
        return f" (write `{plain}`)"
    return ""
