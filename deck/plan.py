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
from .theme import FontFace, Theme


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
    number_digits: int = 1  # digits of the list's largest number: the text indent makes room
    align: str = "left"  # left, center, right
    space_before: float = 0.0  # em
    rtl: bool = False


class TextShape(Struct, frozen=True):
    box: Box
    paras: tuple[Para, ...]
    size: float
    color: str | None  # None: the template placeholder's own colour
    line: float = 1.2  # line pitch, × size (exact spacing)
    bold: bool = False
    italic: bool = False
    anchor: str = "top"  # top, middle, bottom
    role: str = "text"  # title, subtitle, body: into the layout's placeholder; text: a text box
    slot: int = 0  # which body placeholder (left to right), for two columns
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
    placeholder: int | None = None  # idx of the template's table placeholder to fill
    content: int | None = None  # else the nth content placeholder (any content) it fills
    rtl: bool = False  # cells set right to left (the columns are already in visual order)


class ChartShape(Struct, frozen=True):
    box: Box
    spec: ChartSpec
    label_size: float  # data labels
    axis_size: float  # axis, category and legend text
    alt: str  # the author's `alt`, else generated from the data
    image: bool = False  # drawn by matplotlib and embedded as a PNG picture
    placeholder: int | None = None  # idx of the template's chart placeholder to fill
    content: int | None = None  # else the nth content placeholder (any content) it fills


class PictureShape(Struct, frozen=True):
    box: Box
    path: Path
    alt: str  # "" for a decorative picture (a background)
    placeholder: int | None = None  # idx of the template's picture placeholder to fill
    content: int | None = None  # else the nth content placeholder (any content) it fills


class RectShape(Struct, frozen=True):
    box: Box
    fill: str
    name: str = "Rule"


class SlideNumberShape(Struct, frozen=True):
    box: Box
    size: float
    color: str
    align: str = "right"  # left in a right-to-left deck


Shape = Union[TextShape, TableShape, ChartShape, PictureShape, RectShape, SlideNumberShape]


class Placeholder(Struct, frozen=True):
    """A placeholder of a template layout: what it holds and where (None: from the master)."""

    role: str  # title, subtitle, body, picture, chart, table, footer, slide_number, date
    idx: int
    box: Box | None
    # what the template says of its text (None: nothing): kept, or checked, by layout
    align: str | None = None  # left, center, right
    anchor: str | None = None  # top, middle, bottom
    size: float | None = None  # pt
    color: str | None = None  # RRGGBB
    font: str | None = None  # typeface name
    kind: str = ""  # the placeholder's own type: obj (any content), body (text), pic, chart…


class Backdrop(Struct, frozen=True):
    """What lies behind a layout's text: its background and artwork painted on a coarse grid
    of `w` × `h` cells over the slide, RGB bytes row by row (render.backdrop paints it)."""

    w: int
    h: int
    rgb: bytes

    def under(self, box: Box, slide_w: float, slide_h: float) -> list[tuple[int, int, int]]:
        """The cells under a box (at least the one under its centre), as (r, g, b)."""
        x0 = max(0, min(self.w - 1, int(box.x / slide_w * self.w)))
        y0 = max(0, min(self.h - 1, int(box.y / slide_h * self.h)))
        x1 = max(x0 + 1, min(self.w, int(-(-box.right / slide_w * self.w // 1))))
        y1 = max(y0 + 1, min(self.h, int(-(-box.bottom / slide_h * self.h // 1))))
        out = []
        for y in range(y0, y1):
            for x in range(x0, x1):
                k = 3 * (y * self.w + x)
                out.append((self.rgb[k], self.rgb[k + 1], self.rgb[k + 2]))
        return out


class LayoutInfo(Struct, frozen=True):
    name: str
    placeholders: tuple[Placeholder, ...]
    master: int = 0  # index of its slide master in the template
    index: int = 0  # its index among that master's layouts
    master_name: str = ""  # as `deck template inspect` shows it: "Master/Layout" names it
    backdrop: Backdrop | None = None
    art: tuple[Box, ...] = ()  # the master's and layout's artwork (filled shapes, pictures)
    numbered: bool = False  # its artwork shows the slide number itself (a text box's field)

    @property
    def key(self) -> str:
        """"Master/Layout": unique in a template whose masters share layout names."""
        return f"{self.master_name}/{self.name}"

    def find(self, role: str, nth: int = 0) -> Placeholder | None:
        """The `nth` placeholder of a role, in idx order: the renderer fills a slide's
        placeholders in the same order (render.Slots), so the two always agree. PowerPoint's
        own layouts number content placeholders left to right; a template may not."""
        found = sorted((p for p in self.placeholders if p.role == role), key=lambda p: p.idx)
        return found[nth] if nth < len(found) else None


class MasterInfo(Struct, frozen=True):
    """A slide master: its name, what fills its background, its artwork, its theme colours."""

    index: int
    name: str
    background: str  # "solid 1F2937", "gradient 000000→333333", "picture 1280×720 px", "none"
    art: tuple[Box, ...] = ()
    colors: dict[str, str] = msgspec.field(default_factory=dict)  # tx1, bg1, tx2, bg2, accent1…
    title: Placeholder | None = None  # its title and body placeholders, where it puts them
    body: Placeholder | None = None


class TemplateInfo(Struct, frozen=True):
    """What layout needs to know of a template, read by render.template (python-pptx)."""

    path: Path | None  # None: python-pptx's default template, laid out by the theme instead
    slide_w: float  # points
    slide_h: float
    layouts: dict[str, LayoutInfo]
    notes: tuple[str, ...] = ()  # what the sanitiser left behind or repaired, one line each
    masters: tuple[MasterInfo, ...] = ()
    all_layouts: tuple[LayoutInfo, ...] = ()  # every master's, master by master
    faces: dict[str, FontFace] = msgspec.field(default_factory=dict)  # its typefaces' files
    font_notes: tuple[str, ...] = ()  # fonts that could not be measured, one line each
    producer: str = ""  # the application that wrote it (docProps/app.xml)


class SlidePlan(Struct):
    kind: str  # the model's slide kind, or "section" for a divider
    layout: str  # the template layout's name
    shapes: list[Shape]
    notes: str | None = None
    background: str | None = None  # None: the master's background
    section: int = 0  # index into DeckPlan.sections
    layout_at: tuple[int, int] | None = None  # (master, layout) indexes in a template
    source: tuple = ()  # its path in the outline (a divider: its section's), for diagnostics


class DeckPlan(Struct):
    slides: list[SlidePlan]
    sections: list[str]
    theme: Theme
    language: str
    title: str
    template: TemplateInfo | None = None
    author: str | None = None
    date: str | None = None
    subject: str | None = None
    diagnostics: list[Diagnostic] = msgspec.field(default_factory=list)  # warnings about fitting


def _default_layout(name: str, *roles: str) -> LayoutInfo:
    return LayoutInfo(name, tuple(Placeholder(role, k, None) for k, role in enumerate(roles)))


# python-pptx's default template, widened to 16:9; positions come from the theme instead.
# (tests/test_template.py checks these roles against the real file.)
DEFAULT_TEMPLATE = TemplateInfo(None, 960.0, 540.0, {info.name: info for info in (
    _default_layout("Title Slide", "title", "subtitle"),
    _default_layout("Title and Content", "title", "body"),
    _default_layout("Section Header", "title", "body"),
    _default_layout("Two Content", "title", "body", "body"),
    _default_layout("Comparison", "title", "body", "body", "body", "body"),
    _default_layout("Title Only", "title"),
    _default_layout("Blank"),
    _default_layout("Content with Caption", "title", "body", "body"),
    _default_layout("Picture with Caption", "title", "picture", "body"),
    _default_layout("Title and Vertical Text", "title", "body"),
    _default_layout("Vertical Title and Text", "title", "body"),
)})
