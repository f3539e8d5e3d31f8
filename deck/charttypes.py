"""What each chart type is and what it allows: the one table that validation, layout and both
renderers (native and image) read. Pure data, no python-pptx, no matplotlib.

A type missing from `CHART_KINDS`, or an option a kind does not allow, is refused by
`validate.py` with its line and column; renderers may assume every spec they get fits here.
"""

from __future__ import annotations

import math

from msgspec import Struct

# Data-label positions, by the names outlines use (Excel's, in snake case).
LABEL_POSITIONS = ("outside_end", "inside_end", "center", "inside_base", "above", "below",
                   "left", "right")
_BAR = ("outside_end", "inside_end", "center", "inside_base")
_STACKED = ("center", "inside_end", "inside_base")
_LINE = ("above", "below", "left", "right", "center")
_PIE = ("outside_end", "inside_end", "center")  # not best_fit: the text colour depends on it


class ChartKind(Struct, frozen=True):
    """One chart type. `family` picks the drawing code; the rest says what the outline may ask."""

    family: str  # bar, line, area, pie, scatter, combo, dot
    horizontal: bool = False  # bars grow to the right, first category on top
    grouping: str = "clustered"  # clustered, stacked, percent (of each category's total)
    label_positions: tuple[str, ...] = ()  # allowed; empty: the type takes no position at all
    label_default: str | None = None  # the position written when the outline gives none
    labels_on: bool = True  # data labels when the outline says nothing
    axes: bool = True  # has a value axis (min, max, title, gridlines)
    categories: bool = True  # False: x values instead (scatter)
    highlight: bool = False  # one series, categories drawn in the accent colour
    sort: bool = False  # sorting categories by value keeps the chart meaningful
    min_series: int = 1
    max_series: int | None = None
    markers: bool = False  # the `markers` option applies
    trendlines: bool = False  # a series may have a `trendline`
    series_markers: bool = False  # a series may choose its `marker`

    @property
    def stacked(self) -> bool:
        return self.grouping in ("stacked", "percent")


CHART_KINDS: dict[str, ChartKind] = {
    "column": ChartKind("bar", label_positions=_BAR, label_default="outside_end",
                        highlight=True, sort=True),
    "bar": ChartKind("bar", horizontal=True, label_positions=_BAR, label_default="outside_end",
                     highlight=True, sort=True),
    "stacked_column": ChartKind("bar", grouping="stacked", label_positions=_STACKED,
                                label_default="center", sort=True),
    "stacked_bar": ChartKind("bar", horizontal=True, grouping="stacked",
                             label_positions=_STACKED, label_default="center", sort=True),
    "percent_stacked_column": ChartKind("bar", grouping="percent", label_positions=_STACKED,
                                        label_default="center"),
    "line": ChartKind("line", label_positions=_LINE, label_default="above", highlight=True,
                      markers=True, trendlines=True, series_markers=True),
    "area": ChartKind("area", labels_on=False),  # PowerPoint allows no label position on areas
    "pie": ChartKind("pie", label_positions=_PIE, label_default="outside_end", axes=False,
                     highlight=True, sort=True, max_series=1),
    "doughnut": ChartKind("pie", axes=False, highlight=True, sort=True, max_series=1),
    "scatter": ChartKind("scatter", labels_on=False, categories=False, trendlines=True,
                         series_markers=True),
    # Columns for every series but the last, which is a line on a secondary (right) value axis.
    # Labels off by default: its two value axes already carry the numbers.
    "combo": ChartKind("combo", labels_on=False, min_series=2, markers=True,
                       series_markers=True),
    # A Cleveland dot plot: one row per category (first on top), a dot at each value. Its
    # value axis need not start at zero (a dot's position, not a bar's length, is read).
    "dot": ChartKind("dot", horizontal=True, highlight=True, sort=True, series_markers=True),
}

# What a chart type is called in alt text and frame names.
TYPE_NAMES = {"stacked_column": "Stacked column", "stacked_bar": "Stacked bar",
              "percent_stacked_column": "100% stacked column"}


def legend_position(spec) -> str | None:
    """Where a chart's legend goes: as set (None for `none`), else bottom for several series
    and right for pies; a single series has none (the slide title says what it shows)."""
    if spec.legend is not None:
        return None if spec.legend == "none" else spec.legend
    if CHART_KINDS[spec.type].family == "pie":
        return "right"
    return "bottom" if len(spec.series) > 1 else None


def type_name(chart_type: str) -> str:
    """`percent_stacked_column` → "100% stacked column"; `bar` → "Bar"."""
    return TYPE_NAMES.get(chart_type, chart_type.capitalize())


# Limits of chart data (validate.py refuses beyond them, at the value or the `data:` key).
MAX_VALUE = 1e15  # larger: the workbook writer fails, and no axis label shows it
MIN_VALUE = 1e-300  # smaller but not 0 (5e-324): below Excel's least number, and no step fits
MAX_CATEGORIES = 1000  # categories, or points of a scatter series: see README's Safety table
MAX_VALUES = 10_000  # values in one chart, all series together


def sci(limit: float) -> str:
    """A limit as messages write it: `1e15`, `1e-300`."""
    return f"{limit:.0e}".replace("e+", "e")


def nice_step(low: float, high: float, most: int = 6) -> float:
    """The smallest step of 1, 2, 2.5 or 5 × 10ⁿ that covers low…high in at most `most`
    intervals: about five gridlines on any value axis, native or image. A span beyond
    MIN_VALUE…2·MAX_VALUE is taken as the nearest end (log10 fails on an underflow to 0)."""
    span = abs(high - low) or abs(high) or 1.0
    span = min(max(span, MIN_VALUE), 2 * MAX_VALUE)
    step = 10.0 ** math.floor(math.log10(span / most))
    while True:
        for factor in (1, 2, 2.5, 5):
            if span / (step * factor) <= most + 1e-9:
                return step * factor
        step *= 10


def _divides(span: float, step: float) -> bool:
    count = span / step
    return abs(count - round(count)) <= 1e-9 * max(1.0, count)


def dividing_step(span: float, most: int = 8, start: float = 0.0) -> float:
    """A step that divides `span` (an author's axis range) into 3 to `most` equal parts (about
    five preferred), so both of its ends fall on ticks: 1, 2, 2.5 or 5 × 10ⁿ if one does
    (0–14 → 2), else span ÷ 5, 4, 6, … with the fewest digits (0–13 → 2.6). `start`: the
    range's low end, for a tick at zero when the range spans it."""
    order = [parts for parts in (5, 4, 6, 7, 3, 8) if parts <= most]
    nice = [step for parts in order if (step := float(f"{span / parts:.12g}"))
            and any(abs(step / 10.0 ** math.floor(math.log10(step)) - f) <= 1e-9 * f
                    for f in (1, 2, 2.5, 5, 10))]
    if nice:  # one with a tick at zero, when the range spans it (-5–5 → 2.5, not 2)
        return next((step for step in nice if start < 0 < start + span
                     and _divides(-start, step)), nice[0])
    best, digits = span / 5, 99
    for parts in (*order, 2):
        step = float(f"{span / parts:.12g}")
        scale = 10.0 ** math.floor(math.log10(step))
        shown = next((d for d in range(12) if abs(round(step / scale, d) - step / scale)
                      <= 1e-9), 12)
        if shown < digits:
            best, digits = step, shown
    return best


def axis_ticks(values: list[float], axis_min: float | None, axis_max: float | None,
               major_unit: float | None = None, zero: bool = True
               ) -> tuple[float | None, float | None, float]:
    """(min, max, step) to write on a value axis: an author's bounds stay, and a step that
    divides their range; with one bound set, the other is the first tick past the data
    (PowerPoint and LibreOffice would pick their own); unset bounds stay None. `zero`: the
    data's range starts from zero (bars), else only the values count (dots, scatter)."""
    low, high = axis_span(values, axis_min, axis_max, zero)
    if major_unit is not None:
        step = major_unit
    elif axis_min is not None and axis_max is not None:
        step = dividing_step(axis_max - axis_min, start=axis_min)
    else:
        step = nice_step(low, high)
    if (axis_min is None) != (axis_max is None):
        if axis_min is not None:
            axis_max = axis_min + step * max(1, math.ceil((high - axis_min) / step - 1e-9))
        else:
            axis_min = axis_max - step * max(1, math.ceil((axis_max - low) / step - 1e-9))
    elif axis_min is None and not zero and values:
        axis_min = math.floor(low / step + 1e-9) * step
        axis_max = math.ceil(high / step - 1e-9) * step
        if axis_max <= axis_min:
            axis_max = axis_min + step
    return axis_min, axis_max, step


def axis_span(values: list[float], axis_min: float | None, axis_max: float | None,
              zero: bool = True) -> tuple[float, float]:
    """The range a value axis shows: the author's bounds, else the data's (from zero unless
    `zero` is False)."""
    base = [0.0] if zero or not values else []
    low = axis_min if axis_min is not None else min([*base, *values])
    high = axis_max if axis_max is not None else max([*base, *values])
    return low, high
