"""Right-to-left decks (Arabic, Hebrew, Persian, Urdu, …): every slide mirrored.

A deck whose `language` is written right to left reads from the right: titles, text and the
accent rules start at the right margin, the second column is the left one, table columns run
right to left, the footer sits right and the slide number left. Laying out left to right and
mirroring the finished geometry keeps every planner direction-agnostic.
"""

from __future__ import annotations

from msgspec.structs import replace

from ..plan import Box, Para, SlideNumberShape, SlidePlan, TableShape, TextShape

RTL_LANGUAGES = {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "ug",
                 "ur", "yi"}
_FLIP = {"left": "right", "right": "left", "center": "center"}


def is_rtl_language(lang: str) -> bool:
    """True for a BCP 47 tag whose language is written right to left (ar-EG, he, fa-IR…)."""
    return lang.split("-")[0].lower() in RTL_LANGUAGES


def mirror_slide(slide: SlidePlan, slide_w: float) -> SlidePlan:
    """The slide as seen in a mirror, its text set right to left."""
    return replace(slide, shapes=[_mirror(shape, slide_w) for shape in slide.shapes])


def _mirror(shape, slide_w: float):
    box = shape.box
    flipped = Box(slide_w - box.x - box.w, box.y, box.w, box.h)
    if isinstance(shape, TextShape):
        paras = tuple(_rtl(p) for p in shape.paras)
        return replace(shape, box=flipped, paras=paras)
    if isinstance(shape, TableShape):  # columns in reading order: the first on the right
        return replace(shape, box=flipped, col_widths=shape.col_widths[::-1],
                       cells=tuple(row[::-1] for row in shape.cells),
                       align=tuple(_FLIP[a] for a in shape.align[::-1]), rtl=True)
    if isinstance(shape, SlideNumberShape):
        return replace(shape, box=flipped, align="left")
    return replace(shape, box=flipped)


def _rtl(p: Para) -> Para:
    """Right to left: a paragraph set from the left now starts at the right (one already
    right to left, inside a left-to-right layout, is set right already)."""
    return p if p.rtl else replace(p, rtl=True, align=_FLIP[p.align])
