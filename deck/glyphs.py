"""Fonts and glyphs: a font file measure.py cannot use (checked when a theme names it), and
text an image chart cannot draw right: matplotlib has no bidi algorithm and no shaping, and
draws a character no face it uses has as an empty box. Checked at layout, so the author gets a
located warning instead of boxes (render.chart_image draws the chart)."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from .measure import CALIBRI, _coverage, is_wide
from .theme import FontFace

_JOINING = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


@cache
def _fallback_coverage() -> frozenset[int]:
    """What DejaVu Sans, matplotlib's own face and an image chart's last fallback, has glyphs
    for: found beside matplotlib without importing it (that is what the chart cache saves)."""
    from importlib.util import find_spec

    found = find_spec("matplotlib")
    path = (Path(found.origin).parent / "mpl-data/fonts/ttf/DejaVuSans.ttf"
            if found and found.origin else None)
    return _coverage(str(path)) if path and path.is_file() else frozenset()


def image_text_problem(text: str, face: FontFace = CALIBRI) -> str | None:
    """What an image chart (matplotlib: no bidi algorithm, no shaping) would draw wrongly in
    `text`, or None: characters no face it uses has (drawn as empty boxes: emoji, rare CJK),
    Arabic letters (drawn unjoined), right-to-left text mixed with digits or Latin letters
    (drawn in stored order; right-to-left text alone is reversed for drawing). CJK in the
    Basic Multilingual Plane is taken to be in the CJK face the chart falls back to."""
    if all(ch < "\u0250" for ch in text):  # Latin: every face has it; fontTools not imported
        return None
    have = _coverage(face.regular) | _fallback_coverage()
    missing = "".join(dict.fromkeys(ch for ch in text if ord(ch) not in have and ch > " "
                                    and not (is_wide(ch) and ord(ch) <= 0xFFFF)))
    if missing:
        return (f"image charts cannot draw {' '.join(missing[:8])} (no font here has "
                f"{'them' if len(missing) > 1 else 'it'}: drawn as empty boxes); use a native "
                "chart, or leave them out")
    if _JOINING.search(text):
        return ("image charts draw Arabic letters unjoined (matplotlib does no shaping); use a "
                "native chart")
    if any(_RTL.search(line) and re.search(r"[A-Za-z0-9]", line) for line in text.split("\n")):
        return ("image charts draw right-to-left text mixed with digits or Latin letters in the "
                "order it is stored; use a native chart")
    return None


def image_chart_problems(spec, face: FontFace = CALIBRI) -> list[tuple[tuple, str]]:
    """(path within the chart, message) for each text of a chart spec that an image chart
    would draw wrongly (`image_text_problem`): categories, series names, axis titles,
    annotations; the first problem of each field."""
    texts: list[tuple[tuple, str]] = [(("categories", k), c) for k, c in
                                      enumerate(spec.categories)]
    texts += [(("series", k, "name"), s.name) for k, s in enumerate(spec.series)]
    texts += [((field, "title"), getattr(spec, field).title)
              for field in ("axis", "secondary_axis", "x_axis") if getattr(spec, field).title]
    texts += [(("annotations", k, "text"), n.text) for k, n in enumerate(spec.annotations)]
    problems, seen = [], set()
    for where, text in texts:
        problem = image_text_problem(text, face)
        if problem and (where[0], problem) not in seen:
            seen.add((where[0], problem))
            problems.append((where, problem))
    return problems


_SFNT = (b"\x00\x01\x00\x00", b"OTTO", b"true")  # TrueType, CFF OpenType, Apple TrueType


def font_problem(path: str) -> str | None:
    """Why the font file at `path` cannot be measured, or None. Checks what Pillow reads
    lazily and fontTools reads later (a Hebrew word in a Latin face): a single font, not a
    collection; every table inside the file; the tables widths come from, and a `cmap`."""
    try:
        with open(path, "rb") as f:
            magic = f.read(4)
            size = os.fstat(f.fileno()).st_size
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if magic == b"ttcf":
        return ("is a font collection (.ttc) holding several fonts; give one font as a .ttf or "
                ".otf file")
    if magic not in _SFNT:
        return "is not a TrueType/OpenType font (.ttf or .otf)"
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, lazy=True) as font:
            for tag, entry in font.reader.tables.items():
                if entry.offset + entry.length > size:
                    return (f"is truncated: its `{tag.strip()}` table ends "
                            f"{entry.offset + entry.length - size:,} bytes past the end of the "
                            "file")
            if "cmap" not in font or not font.getBestCmap():
                return "has no character map (`cmap` table): no character can be found in it"
            for tag in ("head", "hhea", "hmtx", "maxp"):
                font[tag]  # decompiled now, not in the middle of measuring
    except Exception as exc:  # a hostile file can make fontTools raise anything at all
        return f"is damaged ({type(exc).__name__}: {str(exc)[:80]})"
    return None
