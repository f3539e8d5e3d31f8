"""Image charts of points: scatter charts, dot plots, and the trendlines of scatter and line
series, fitted with numpy as PowerPoint fits a native `c:trendline` (least squares; the
exponential fit on ln y). Split from chart_image.py, which draws the other families."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.ticker import FixedLocator, MultipleLocator

from ..chart_checks import series_colour as checked_colour
from ..chart_checks import trendline_of
from ..charttypes import axis_ticks
from ..model import Axis, ChartSpec, Series
from ..theme import Palette

if TYPE_CHECKING:
    from .chart_image import _Drawing

# Outline marker names → matplotlib's.
MARKERS = {"circle": "o", "square": "s", "diamond": "D", "triangle": "^", "x": "x",
           "plus": "P", "dash": "_", "none": ""}


def marker(series: Series, default: str | None = "circle") -> str | None:
    """A series' matplotlib marker: its own, else `default` (None: no marker)."""
    name = series.marker or default
    return MARKERS[name] or None if name else None


def series_colour(spec: ChartSpec, palette: Palette, k: int) -> str:
    """Series k's colour as "#RRGGBB": its own `color`, else the theme's kth."""
    own = spec.series[k].color if k < len(spec.series) else None
    return "#" + checked_colour(own or "", palette, k)


def scatter(d: _Drawing) -> None:
    for k, s in enumerate(d.spec.series):
        dots = d.ax.scatter(s.x or [], s.values, s=11 ** 2, color=d.series_colour(k),
                            marker=marker(s) or "o", edgecolors="#" + d.p.background,
                            linewidths=1, label=s.name, zorder=2, clip_on=False)
        if s.marker == "none":
            dots.set_visible(False)
        d.handles.append(dots)
        trend(d, d.ax, list(s.x or []), list(s.values), s, d.series_colour(k))


def trend(d: _Drawing, ax, xs: list[float], ys: list[float], series: Series,
          colour: str) -> None:
    """The series' trendline, dashed in its colour, with its equation and R² when asked."""
    t = trendline_of(series)
    if t is None or len(xs) < 2:
        return
    x, y = np.asarray(xs, float), np.asarray(ys, float)
    if t.type == "moving_average":
        period = t.period or 2
        kernel = np.ones(period) / period
        fit_x, fit_y = x[period - 1:], np.convolve(y, kernel, mode="valid")
        text = None
    else:
        order = 1 if t.type != "polynomial" else (t.order or 2)
        target = np.log(y) if t.type == "exponential" else y
        coef = np.polyfit(x, target, order)
        fit_x = np.linspace(x.min(), x.max(), 100)
        fit_y = np.polyval(coef, fit_x)
        predicted = np.polyval(coef, x)
        if t.type == "exponential":
            fit_y, predicted = np.exp(fit_y), np.exp(predicted)
        spread = float(((y - y.mean()) ** 2).sum())
        r2 = 1 - float(((y - predicted) ** 2).sum()) / spread if spread else 1.0
        text = "\n".join(
            ([_equation(t.type, coef)] if t.equation else [])
            + ([f"R² = {r2:.4f}"] if t.r_squared else [])) or None
    ax.plot(fit_x, fit_y, color=colour, linewidth=2.25, linestyle=(0, (4, 3)), zorder=1.5)
    if text:  # top left, one block per series that asks, in the series' colour
        d.fit_notes = getattr(d, "fit_notes", 0) + 1
        ax.annotate(text, (0, 1), xytext=(8, -8 - (d.fit_notes - 1) * 2.6 * d.shape.axis_size),
                    xycoords="axes fraction", textcoords="offset points", ha="left", va="top",
                    fontsize=d.shape.axis_size, color=colour, zorder=4)


def _equation(kind: str, coef) -> str:
    if kind == "exponential":
        return f"y = {np.exp(coef[1]):.4g}·e^({coef[0]:.4g}x)"
    terms = []
    for power, c in zip(range(len(coef) - 1, -1, -1), coef):
        x = "" if power == 0 else "x" if power == 1 else f"x{_SUPERSCRIPT[power]}"
        terms.append(f"{abs(c):.4g}{x}" if terms else f"{c:.4g}{x}")
        if len(terms) > 1:
            terms[-1] = ("− " if c < 0 else "+ ") + terms[-1]
    return "y = " + " ".join(terms)


_SUPERSCRIPT = {2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶"}


def dot(d: _Drawing) -> None:
    """A Cleveland dot plot: a row per category, first on top, a dot at each value, the value
    beside it; the value axis spans the values, not from zero."""
    spec, ax = d.spec, d.ax
    n = len(spec.categories)
    rows = [n - 1 - i for i in range(n)]
    for k, s in enumerate(spec.series):
        colours = [d.point_colour(k, c) for c in spec.categories]
        dots = ax.scatter(s.values, rows, s=15 ** 2, color=colours, marker=marker(s) or "o",
                          label=s.name, zorder=3, clip_on=False)
        d.handles.append(dots)
        for i, value in enumerate(s.values):
            d.ends[i] = (value, rows[i])
            highlighted = spec.categories[i] in spec.highlight
            if spec.labels or highlighted:  # a highlight is not told by colour alone
                ax.annotate(d.text(value), (value, rows[i]), xytext=(11, 0),
                            textcoords="offset points", ha="left", va="center",
                            fontsize=d.shape.label_size, fontweight="bold", zorder=4,
                            color="#" + (d.p.accent if highlighted else d.p.text))
    ax.set_yticks(rows, spec.categories)
    ax.set_ylim(-0.6, n - 0.4)
    ax.yaxis.grid(True, color="#" + d.p.rule, linewidth=1, zorder=0)
    values = [v for s in spec.series for v in s.values]
    low, high, step = axis_ticks(values, spec.axis.min, spec.axis.max, spec.axis.major_unit,
                                 zero=False)
    ax.set_xlim(low, high)
    fixed_ticks(ax.xaxis, low, high, step)
    ax.spines["left"].set_visible(False)


def fixed_ticks(axis, low: float | None, high: float | None, step: float) -> None:
    """Ticks every `step` from `low` to `high`, both ends included (an author's range)."""
    if low is None or high is None:
        axis.set_major_locator(MultipleLocator(step))
        return
    count = round((high - low) / step)
    axis.set_major_locator(FixedLocator([low + k * step for k in range(count + 1)]))


def author_ticks(axis, spec: Axis, values: list[float]) -> None:
    """An author's axis range or step on an image chart's axis: ticks that end on its bounds."""
    if spec.major_unit is None and (spec.min is None or spec.max is None):
        return
    fixed_ticks(axis, *axis_ticks(values, spec.min, spec.max, spec.major_unit))
