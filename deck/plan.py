"""The layout plan: every shape of every slide with its box and chosen type size, in points.

Pure data between `layout` (which decides) and `render` (which draws without deciding). Boxes are
in points from the slide's top-left corner; sizes in points; colours are RRGGBB strings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Union

import msgspec
from msgspec import Struct

from .errors import Diagnostic
from .markup import Run
from .model import ChartSpec
from .theme import Theme


class Box(Struct, frozen=True):
    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w


class Para(Struct, frozen=True):
    """A paragraph. Indents and spacing are in em of the shape's size so they scale with it."""

    runs: tuple[Run, ...]
    level: int = 0  # bullet level 0–2
    bullet: bool = False
    number: int | None = None  # auto-numbered item with this number
    align: str = "left"  # left, center, right
    space_before: float = 0.0  # em
    rtl: bool = False


class TextShape(Struct, frozen=True):
    box: Box
    paras: tuple[Para, ...]
    size: float
    color: str
    line: float = 1.2  # line pitch, × size (exact spacing)
    bold: bool = False
    italic: bool = False
    anchor: str = "top"  # top, middle, bottom
    role: str = "body"  # "title" and "subtitle" go into the layout's placeholders
    bullet_color: str | None = None
    name: str = "Text"
    font: str = "Calibri"  # the latin typeface written into the runs


class TableShape(Struct, frozen=True):
    box: Box
    col_widths: tuple[float, ...]
    row_heights: tuple[float, ...]
    cells: tuple[tuple[tuple[Run, ...], ...], ...]  # the header row first
    align: tuple[str, ...]
    size: float
    line: float
    margin_x: float
    margin_y: float
    font: str = "Calibri"


class ChartShape(Struct, frozen=True):
    box: Box
    spec: ChartSpec
    label_size: float  # data labels
    axis_size: float  # axis, category and legend text
    alt: str  # the author's `alt`, else generated from the data
    image: bool = False  # drawn by matplotlib and embedded as a PNG picture


class PictureShape(Struct, frozen=True):
    box: Box
    path: Path
    alt: str


class RectShape(Struct, frozen=True):
    box: Box
    fill: str
    name: str = "Rule"


class SlideNumberShape(Struct, frozen=True):
    box: Box
    size: float
    color: str


Shape = Union[TextShape, TableShape, ChartShape, PictureShape, RectShape, SlideNumberShape]


class SlidePlan(Struct):
    kind: str  # the model's slide kind, or "section" for a divider
    layout: str  # which master layout: "title", "section", "content"
    shapes: list[Shape]
    notes: str | None = None
    background: str | None = None  # None: the master's background
    section: int = 0  # index into DeckPlan.sections


class DeckPlan(Struct):
    slides: list[SlidePlan]
    sections: list[str]
    theme: Theme
    language: str
    title: str
    author: str | None = None
    date: str | None = None
    subject: str | None = None
    diagnostics: list[Diagnostic] = msgspec.field(default_factory=list)  # warnings about fitting
