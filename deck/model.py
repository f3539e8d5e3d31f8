"""The outline model: what a deck says, with no YAML and no python-pptx in it.

msgspec Structs, chosen over pydantic for import cost (12 ms vs 50+ ms here, against a cold-build
budget of ~50 ms for everything beyond python-pptx). Field order and docs here are the reference
for `docs/outline.md`. Slides are a tagged union on `kind`; so are the blocks of a two-column slide.
Text fields hold inline markup (`**bold**`, `*italic*`, `` `code` ``, `[text](url)`), parsed later.
"""

# Annotations are objects, not strings (no `from __future__ import annotations`): msgspec
# compiles each string annotation on the first convert, ~7 ms of a cold build (issue 17).
from typing import Literal, Union

import msgspec
from msgspec import Struct

from .charttypes import CHART_KINDS

Align = Literal["left", "center", "right"]
# The keys of `charttypes.CHART_KINDS`, which says what each type allows (a test keeps them equal).
ChartType = Literal["column", "bar", "stacked_column", "stacked_bar", "percent_stacked_column",
                    "line", "area", "pie", "doughnut", "scatter", "combo", "dot"]
LabelPosition = Literal["outside_end", "inside_end", "center", "inside_base", "above", "below",
                        "left", "right"]
LegendPosition = Literal["bottom", "right", "top", "left", "none"]
Render = Literal["native", "image"]


class _Strict(Struct, forbid_unknown_fields=True, kw_only=True, frozen=True):
    """Base of every model struct: unknown keys are errors, fields are keyword-only."""


class _Tagged(_Strict, tag_field="kind"):
    """Base of the slide and block kinds: the YAML `kind:` key selects the class."""


# --- content blocks (usable alone on a slide or inside a two-column slide) ------------------

class BulletItem(_Strict):
    """A bullet with sub-bullets: `{text: ..., bullets: [...]}`. Plain strings are leaf bullets."""

    text: str
    bullets: "list[str | BulletItem]" = []  # itself: the one annotation left a string


Bullet = Union[str, BulletItem]


class BulletsSpec(_Tagged, tag="bullets"):
    bullets: list[Bullet]
    title: str | None = None  # as a slide, its title; in a column or grid cell, its heading


class TextSpec(_Tagged, tag="text"):
    """Paragraphs of running text; a blank line in `text` starts a new paragraph."""

    text: str
    title: str | None = None  # as a slide, its title; in a column or grid cell, its heading


class TableSpec(_Tagged, tag="table"):
    """Cells are text (numbers as the author wrote them, e.g. `1,449`); None shows as "—".

    With `data` (a CSV file) the header row and rows come from the file and `columns`, if given,
    picks and orders its columns; `data.resolve` fills `columns` and `rows` before layout."""

    columns: list[str] = []
    rows: list[list[str | None]] = []
    data: str | None = None  # a CSV file, relative to the outline's folder
    align: list[Align] | None = None  # per column; default: numbers right, text left
    source: str | None = None
    title: str | None = None  # as a slide, its title; in a column or grid cell, its heading


class Axis(_Strict):
    """The value axis. `min` above zero is allowed (Elo scores) only with data labels on."""

    min: float | None = None
    max: float | None = None
    title: str | None = None
    number_format: str | None = None  # tick labels; default: the chart's `number_format`
    major_unit: float | None = None  # the step between ticks; default: one that divides the range


class CategoryAxis(_Strict):
    """The category axis (the horizontal one of column and line charts)."""

    title: str | None = None


TrendlineType = Literal["linear", "polynomial", "exponential", "moving_average"]
MarkerStyle = Literal["circle", "square", "diamond", "triangle", "x", "plus", "dash", "none"]


class Trendline(_Strict):
    """A line fitted to a series' points (a native `c:trendline`): `trendline: linear` is short
    for `{type: linear}`."""

    type: TrendlineType = "linear"
    order: int | None = None  # polynomial only: 2 to 6
    period: int | None = None  # moving_average only: how many points each average takes
    equation: bool = False  # show the fitted equation beside the line
    r_squared: bool = False  # show R², how much of the variation the fit explains


class Series(_Strict):
    name: str
    values: list[float] | str  # a CSV column name, with the chart's `data` (scatter)
    x: list[float] | str | None = None  # scatter only: the x of each value (or a CSV column)
    color: str | None = None  # RRGGBB, or a palette colour: accent, muted, series1 … series6
    marker: MarkerStyle | None = None  # line, scatter, combo and dot charts; default: circle
    trendline: TrendlineType | Trendline | None = None  # scatter and line charts


class Annotation(_Strict):
    """A note drawn beside one category's bar or point, with a leader line (image charts only)."""

    category: str
    text: str


class ChartSpec(_Tagged, tag="chart"):
    """A chart: a type, its categories and series; which options apply depends on the type.

    `charttypes.CHART_KINDS[type]` says which options each type allows.
    `series` holds Series, or CSV column names when `data` is given: `data.resolve` replaces
    the names (and fills `categories`, and applies `sort`) before layout, so the layout and the
    renderers only ever see Series."""

    type: ChartType
    series: list[Series | str]
    categories: list[str] = []
    data: str | None = None  # a CSV file, relative to the outline's folder
    category: str | None = None  # with `data`: the column that holds the categories
    highlight: list[str] = []  # categories drawn in the accent colour; the rest muted
    data_labels: bool | None = None  # default: on, except for scatter and area charts
    label_position: LabelPosition | None = None  # default: the type's usual place
    number_format: str = "General"  # an Excel number format, e.g. "#,##0" or "0.0%"
    axis: Axis = Axis()
    secondary_axis: Axis = Axis()  # combo only: the line's value axis, on the right
    x_axis: Axis = Axis()  # scatter only: the horizontal value axis
    category_axis: CategoryAxis = CategoryAxis()  # charts with categories: the axis title
    gridlines: bool | None = None  # default: on, except bar/column charts with data labels
    legend: LegendPosition | None = None  # default: bottom for several series, right for pies
    sort: Literal["descending", "ascending"] | None = None  # by value (total of the series)
    markers: bool = True  # line and combo: a marker on every point
    annotations: list[Annotation] = []  # image charts only
    render: Render | None = None  # default: the deck's `chart_render`
    alt: str | None = None  # default: generated from the data ("Bar chart: Anthropic 1,503; …")
    source: str | None = None
    title: str | None = None  # as a slide, its title; in a column or grid cell, its heading

    @property
    def labels(self) -> bool:
        """Whether data labels are drawn: as set, else the type's default (off for scatter
        and area charts)."""
        if self.data_labels is not None:
            return self.data_labels
        return CHART_KINDS[self.type].labels_on


class ImageSpec(_Tagged, tag="image"):
    path: str  # relative to the outline's folder
    alt: str = ""  # required unless decorative: read aloud by screen readers
    caption: str | None = None
    decorative: bool = False  # adds nothing a listener needs: marked decorative, no alt text
    title: str | None = None  # as a slide, its title; in a column or grid cell, its heading


Block = Union[BulletsSpec, TextSpec, TableSpec, ChartSpec, ImageSpec]


# --- slides ----------------------------------------------------------------------------------

class TitleSlide(_Tagged, tag="title"):
    """The opening slide; empty fields default to the deck's own title, subtitle, author, date."""

    title: str | None = None
    subtitle: str | None = None
    author: str | None = None
    date: str | None = None
    image: str | None = None  # a picture or logo beside the title, relative to the outline
    alt: str | None = None  # the picture's description; required with `image`
    notes: str | None = None
    layout: str | None = None  # a layout of the template by name, instead of the theme's


class StatementSlide(_Tagged, tag="statement"):
    """A key figure ("1 billion") in large type, with a caption under it."""

    figure: str
    caption: str | None = None
    title: str | None = None
    notes: str | None = None
    layout: str | None = None  # a layout of the template by name, instead of the theme's


class BulletsSlide(BulletsSpec, tag="bullets"):
    title: str | None = None
    notes: str | None = None
    layout: str | None = None  # a layout of the template by name, instead of the theme's


class QuoteSlide(_Tagged, tag="quote"):
    text: str
    attribution: str | None = None
    title: str | None = None
    notes: str | None = None
    layout: str | None = None  # a layout of the template by name, instead of the theme's


class TableSlide(TableSpec, tag="table"):
    title: str | None = None
    notes: str | None = None
    layout: str | None = None  # a layout of the template by name, instead of the theme's


class ChartSlide(ChartSpec, tag="chart"):
    title: str | None = None
    notes: str | None = None
    layout: str | None = None  # a layout of the template by name, instead of the theme's


class ImageSlide(ImageSpec, tag="image"):
    title: str | None = None
    notes: str | None = None
    layout: str | None = None  # a layout of the template by name, instead of the theme's


class TwoColumnSlide(_Tagged, tag="two_column"):
    left: Block
    right: Block
    title: str | None = None
    notes: str | None = None
    layout: str | None = None  # a layout of the template by name, instead of the theme's


class GridSlide(_Tagged, tag="grid"):
    """2 to 6 blocks side by side and in rows, each with its `title` as a heading: small
    multiples, such as four scatter charts with their fit lines."""

    blocks: list[Block]
    per_row: int | None = None  # blocks in a row; default: 2 for 2 or 4 blocks, else 3
    title: str | None = None
    notes: str | None = None
    layout: str | None = None  # a layout of the template by name, instead of the theme's


class SourcesSlide(_Tagged, tag="sources"):
    """Citations, one per item, with inline links."""

    sources: list[str]
    title: str | None = "Sources"
    notes: str | None = None
    layout: str | None = None  # a layout of the template by name, instead of the theme's


Slide = Union[TitleSlide, StatementSlide, BulletsSlide, QuoteSlide, TableSlide, ChartSlide,
              ImageSlide, TwoColumnSlide, GridSlide, SourcesSlide]


class Section(_Strict):
    """A run of slides: a PowerPoint section, opened by a divider slide as `divider` says
    (default: as the deck's `dividers` says)."""

    title: str
    slides: list[Slide]
    divider: bool | None = None  # true: always a divider; false: never; default: `dividers`
    notes: str | None = None  # the divider's speaker notes


class Deck(_Strict):
    title: str
    sections: list[Section]
    subtitle: str | None = None
    author: str | None = None
    date: str | None = None  # kept as text: "2026-11-28" stays "2026-11-28"
    language: str = "en-US"
    footer: str | None = None
    slide_numbers: bool = True
    output: str | None = None  # relative to the outline; default build/<outline name>.pptx
    theme: str = "default"
    template: str | None = None  # a .pptx or .potx whose masters and layouts the deck uses
    chart_render: Render = "native"  # how charts without their own `render` are drawn
    # which sections open with a divider: `auto` those of two slides or more, `all`, or `none`
    dividers: Literal["auto", "all", "none"] = "auto"


def convert(data: dict) -> Deck:
    """Plain data → Deck. Text is converted to numbers/booleans where the model asks for them.

    Raises msgspec.ValidationError on the first problem; `validate` reports all of them.
    """
    return msgspec.convert(data, Deck, strict=False)
