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


# Keys authors bring from other tools, and the key that means the same here. A hint names the
# right key only where that key is allowed, so `caption` on a picture (where it is a key) is
# never reported and `caption` on a chart points to `source`.
KEY_ALIASES = {
    "y": "values", "y_values": "values", "data_values": "values", "value": "values",
    "caption": "source", "credit": "source", "footnote": "source", "sources": "source",
    "colour": "color", "colors": "color", "colours": "color", "fill": "color",
    "trend": "trendline", "trend_line": "trendline", "fit": "trendline", "regression": "trendline",
    "heading": "title", "labels": "data_labels", "x_values": "x",
    "step": "major_unit", "tick": "major_unit", "ticks": "major_unit", "interval": "major_unit",
    "minimum": "min", "maximum": "max", "format": "number_format", "speaker_notes": "notes",
    "image": "path", "src": "path", "file": "path", "csv": "data",
}
MAX_LISTED = 24  # keys listed in full when none is close; more would bury the message


def key_hint(key: str, allowed, elsewhere: dict[str, str] | None = None) -> str:
    """What an unknown `key` should have been: the key it is an alias of (where allowed), the
    nested mapping it belongs in (`elsewhere`: key → where), the closest allowed key, or else
    the list of allowed keys."""
    allowed = list(allowed)
    elsewhere = elsewhere or {}
    target = KEY_ALIASES.get(key.lower())
    if target in allowed and target != key:
        return f"; did you mean `{target}`?"
    for candidate in (key, target):
        if candidate in elsewhere:
            return f"; `{candidate}` belongs in {elsewhere[candidate]}"
    close = suggest(key, allowed)
    if close:
        return close
    if len(allowed) <= MAX_LISTED:
        return "; allowed keys: " + ", ".join(allowed)
    return ""
