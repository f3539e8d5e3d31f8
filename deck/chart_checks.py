"""Chart checks beyond the basics in `validate.py`: series colours, markers and trendlines, axis
steps and titles, and values outside an axis range the author set. Each yields located
Diagnostics; `validate._check_chart` calls `check_chart` once the data is known to be there.
"""

from __future__ import annotations

import math
import re

from . import model
from .charttypes import ChartKind, _divides
from .hints import suggest
from .source import SourceMap
from .theme import Palette

_HEX = re.compile(r"^#?[0-9A-Fa-f]{6}$")
# Palette colours a series may name; `seriesN` is the theme's Nth series colour.
COLOUR_NAMES = tuple(name for name in Palette.__struct_fields__ if name != "series")
MAX_TICKS = 50  # intervals on one axis: more is a solid block of gridlines
MAX_ORDER = 6  # a polynomial's order: Excel's and PowerPoint's limit


def series_colour(name: str, palette: Palette, k: int) -> str:
    """A series' `color` as RRGGBB: hex as written, else the palette's colour of that name;
    `k` picks the theme's own series colour when `name` is empty."""
    if not name:
        return palette.series[k % len(palette.series)]
    if _HEX.match(name):
        return name.lstrip("#").upper()
    if name.startswith("series") and name[6:].isdigit():
        return palette.series[(int(name[6:]) - 1) % len(palette.series)]
    return getattr(palette, name)


def trendline_of(series: model.Series) -> model.Trendline | None:
    """A series' trendline with the shorthand (`trendline: linear`) spelt out."""
    t = series.trendline
    return model.Trendline(type=t) if isinstance(t, str) else t


def check_chart(chart: model.ChartSpec, kind: ChartKind, name: str, path: tuple,
                smap: SourceMap):
    """Every problem of the per-series options, the axes' steps and titles, and the values that
    fall outside an axis range the author set."""
    for s, series in enumerate(chart.series):
        yield from _check_series(chart, series, kind, name, path + ("series", s), smap)
    yield from _check_steps(chart, path, smap)
    if chart.category_axis.title is not None and (not kind.categories or not kind.axes):
        what = "x_axis: {title: ...}" if chart.type == "scatter" else "the slide title"
        yield smap.diagnostic(path + ("category_axis",), f"a {name} chart has no category "
                              f"axis; use {what}")
    yield from _check_ranges(chart, kind, path, smap)


def _check_series(chart, series: model.Series, kind: ChartKind, name: str, spath: tuple,
                  smap: SourceMap):
    if series.color is not None:
        c = series.color
        ok = (_HEX.match(c) or c in COLOUR_NAMES
              or (c.startswith("series") and c[6:].isdigit() and int(c[6:]) >= 1))
        if not ok:
            yield smap.diagnostic(spath + ("color",), f"`{c}` is not a colour: write RRGGBB "
                                  "(e.g. 1F4E79) or a palette colour"
                                  f"{suggest(c, [*COLOUR_NAMES, 'series1'])} (one of: "
                                  f"{', '.join(COLOUR_NAMES)}, series1 … series6)")
        elif kind.family == "pie":
            yield smap.diagnostic(spath + ("color",), f"a {name} chart colours each slice from "
                                  "the theme; remove `color` (use `highlight` to pick slices)")
        elif chart.highlight:
            yield smap.diagnostic(spath + ("color",), "`highlight` sets the colours of this "
                                  "chart (accent and muted); remove `color` or `highlight`")
    if series.marker is not None and not kind.series_markers:
        yield smap.diagnostic(spath + ("marker",), f"a {name} chart draws no markers; "
                              "`marker` applies to line, scatter, combo and dot charts")
    trend = trendline_of(series)
    if trend is None:
        return
    tpath = spath + ("trendline",)
    if not kind.trendlines:
        yield smap.diagnostic(tpath, f"a {name} chart takes no trendline; trendlines go on "
                              "scatter and line series")
        return
    n = len(series.values)
    if trend.order is not None and trend.type != "polynomial":
        yield smap.diagnostic(tpath + ("order",), "`order` belongs to `type: polynomial`")
    if trend.period is not None and trend.type != "moving_average":
        yield smap.diagnostic(tpath + ("period",), "`period` belongs to `type: "
                              "moving_average`")
    if trend.type == "polynomial":
        order = trend.order if trend.order is not None else 2
        if not 2 <= order <= MAX_ORDER:
            yield smap.diagnostic(tpath + ("order",), f"a polynomial's order is 2 to "
                                  f"{MAX_ORDER} (got {order}); order 1 is `type: linear`")
        elif n <= order:
            yield smap.diagnostic(tpath, f"a polynomial of order {order} needs at least "
                                  f"{order + 1} points; series `{series.name}` has {n}")
    elif trend.type == "moving_average":
        if trend.period is None:
            yield smap.diagnostic(tpath, "a moving average needs `period`: how many points "
                                  "each average takes, e.g. `period: 3`")
        elif not 2 <= trend.period < max(n, 3):
            yield smap.diagnostic(tpath + ("period",), f"a moving average's period is 2 to "
                                  f"{max(n - 1, 2)} for series `{series.name}` ({n} points)")
        if trend.equation or trend.r_squared:
            yield smap.diagnostic(tpath, "a moving average has no equation or R²; remove "
                                  "`equation` and `r_squared`")
    elif n < 2:
        yield smap.diagnostic(tpath, f"a trendline needs at least 2 points; series "
                              f"`{series.name}` has {n}")
    if trend.type == "exponential":
        for v, value in enumerate(series.values):
            if value <= 0:
                yield smap.diagnostic(spath + ("values", v), f"an exponential trendline fits "
                                      f"positive values only; series `{series.name}` has "
                                      f"{value:g}")
                break


def _axes(chart: model.ChartSpec):
    return [(field, getattr(chart, field)) for field in ("axis", "secondary_axis", "x_axis")]


def _check_steps(chart: model.ChartSpec, path: tuple, smap: SourceMap):
    for field, axis in _axes(chart):
        step = axis.major_unit
        if step is None:
            continue
        where = path + (field, "major_unit")
        if not math.isfinite(step) or step <= 0:
            yield smap.diagnostic(where, f"`major_unit` is the step between ticks: a number "
                                  f"above zero (got {step:g})")
        elif axis.min is not None and axis.max is not None and axis.min < axis.max:
            span = axis.max - axis.min
            if span / step > MAX_TICKS:
                yield smap.diagnostic(where, f"a step of {step:g} draws {span / step:.0f} "
                                      f"gridlines from {axis.min:g} to {axis.max:g}; at most "
                                      f"{MAX_TICKS}: use a larger step")
            elif not _divides(span, step):
                yield smap.diagnostic(where, f"steps of {step:g} from {axis.min:g} miss "
                                      f"{axis.max:g}, so the axis has no tick at its end; use "
                                      f"a step that divides {span:g}, or leave it out")


def _where(chart: model.ChartSpec, i: int, x: float | None = None) -> str:
    if x is not None:
        return f"the point at x = {x:g}"
    if i < len(chart.categories):
        return f"`{chart.categories[i]}`"
    return f"value {i + 1}"


def _check_ranges(chart: model.ChartSpec, kind: ChartKind, path: tuple, smap: SourceMap):
    """A value outside an axis range the author set would vanish (scatter, line) or be cut
    (bars) while its label shows the true value: refused at the value."""
    if kind.grouping == "percent" or not kind.axes:
        return
    primary = chart.series[:-1] if chart.type == "combo" else chart.series
    on_axis = [("axis", chart.axis, s, series, series.values) for s, series in enumerate(primary)]
    if chart.type == "combo":
        last = len(chart.series) - 1
        on_axis.append(("secondary_axis", chart.secondary_axis, last, chart.series[last],
                        chart.series[last].values))
    if chart.type == "scatter":
        on_axis += [("x_axis", chart.x_axis, s, series, series.x or [])
                    for s, series in enumerate(chart.series)]
    for field, axis, s, series, values in on_axis:
        if axis.min is None and axis.max is None:
            continue
        key = "x" if field == "x_axis" else "values"
        for v, value in enumerate(values):
            if not kind.stacked and _outside(value, axis):
                x = series.x[v] if chart.type == "scatter" and series.x else None
                point = _where(chart, v, x if field != "x_axis" else None)
                yield smap.diagnostic(path + ("series", s, key, v), f"series `{series.name}`: "
                                      f"{point} is {value:g}, outside the {_axis_name(field)} "
                                      f"range {_range(axis)}; it would be cut off the chart. "
                                      "Widen the axis or leave out `min`/`max`")
    if kind.stacked and (chart.axis.min is not None or chart.axis.max is not None):
        for i in range(len(chart.categories)):
            column = [series.values[i] for series in chart.series if i < len(series.values)]
            for total in (sum(v for v in column if v > 0), sum(v for v in column if v < 0)):
                if total and _outside(total, chart.axis):
                    yield smap.diagnostic(path + ("axis",), f"the stack of {_where(chart, i)} "
                                          f"reaches {total:g}, outside the value axis range "
                                          f"{_range(chart.axis)}; widen the axis")


def _outside(value: float, axis: model.Axis) -> bool:
    return (axis.min is not None and value < axis.min) or (axis.max is not None
                                                           and value > axis.max)


def _axis_name(field: str) -> str:
    return {"axis": "value axis", "secondary_axis": "secondary axis", "x_axis": "x axis"}[field]


def _range(axis: model.Axis) -> str:
    low = "…" if axis.min is None else f"{axis.min:g}"
    high = "…" if axis.max is None else f"{axis.max:g}"
    return f"{low}–{high}"
