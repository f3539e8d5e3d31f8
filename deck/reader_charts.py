"""The reader's native charts: type, categories, series, number format, highlight, and the
options that differ from what the outline would get by default (so our own decks read back
into the outline they came from). Dot plots (an XY chart underneath) read as categories and
series again.
"""

from __future__ import annotations

import math
import re

import msgspec

from . import model, numfmt
from .charttypes import CHART_KINDS, axis_ticks, legend_position
from .layout.blocks import chart_alt_text
from .reader import CHART_NAMES, LEGEND


def _chart_type(shape, data) -> str | None:
    if shape.name in CHART_NAMES:
        return CHART_NAMES[shape.name]
    plots, grouping = data.plots, data.grouping
    if plots == ["barChart", "lineChart"]:
        return "combo"
    first = plots[0] if plots else ""
    if first in ("barChart", "bar3DChart"):
        horizontal = data.bar_dir == "bar"
        if grouping == "percentStacked":
            return "percent_stacked_column" if not horizontal else "stacked_bar"
        if grouping == "stacked":
            return "stacked_bar" if horizontal else "stacked_column"
        return "bar" if horizontal else "column"
    return {"lineChart": "line", "line3DChart": "line", "areaChart": "area",
            "area3DChart": "area", "pieChart": "pie", "pie3DChart": "pie",
            "doughnutChart": "doughnut", "scatterChart": "scatter"}.get(first)


def _number(v: float):
    if v == 0 and math.copysign(1.0, v) < 0:
        return v  # -0.0 stays itself
    return int(v) if float(v).is_integer() and abs(v) < 1e15 else v


def chart_block(shape, accent: tuple | None, warn) -> dict:
    """A native chart: type, categories, series, number format, highlight, the options that
    differ from the type's defaults, and alt text unless it is the generated one. `accent`:
    the theme's (accent, series colours), which tell a highlight from a pie's own colours."""
    from .render.oxml import read as rx

    data = rx.chart_data(shape.chart)
    kind_name = _chart_type(shape, data)
    if kind_name is None:
        warn(f"a chart of a type the outline has no name for ({', '.join(data.plots)}): "
             "read as a column chart")
        kind_name = "column"
    kind = CHART_KINDS[kind_name]
    if kind_name == "dot":
        data = _dot(shape, data, warn)
    series = []
    for s in data.series:
        entry = {"name": s.name, "values": [_number(v) for v in s.values]}
        if kind_name == "scatter":
            entry["x"] = [_number(v) for v in s.x or []]
        series.append(entry)
    spec: dict = {"type": kind_name, "series": series}
    if kind.categories:
        spec["categories"] = list(data.categories)
    fmt = next((s.number_format for s in data.series if s.number_format), None) or "General"
    if numfmt.check(fmt) is not None:
        warn(f"number format `{fmt}` is not one the outline supports: General used")
        fmt = "General"
    if fmt != "General":
        spec["number_format"] = fmt
    highlight = _highlight(kind, data, accent)
    if highlight:
        spec["highlight"] = highlight
    probe = model.ChartSpec(type=kind_name, series=[model.Series(**s) for s in series],
                            categories=spec.get("categories", []), number_format=fmt)
    labels = any(s.labels for s in data.series)
    if labels != probe.labels:
        spec["data_labels"] = labels
    if labels and kind.label_positions and kind_name != "combo":
        position = data.series[0].label_position
        if position and position != kind.label_default and position in kind.label_positions:
            spec["label_position"] = position
    if kind_name == "line" and not any(s.marker for s in data.series):
        spec["markers"] = False
    if kind_name == "combo" and not data.series[-1].marker:
        spec["markers"] = False
    _series_options(spec, kind_name, kind, data, accent, warn)
    if data.category_title is not None:
        if kind.categories and kind.axes and kind_name != "dot":
            spec["category_axis"] = {"title": data.category_title}
        else:
            warn(f"the category axis title `{data.category_title}` is not read back: a "
                 f"{kind_name} chart has none in the outline")
    probe = model.ChartSpec(type=kind_name, series=probe.series, categories=probe.categories,
                            number_format=fmt, data_labels=spec.get("data_labels"),
                            highlight=highlight)
    if kind.axes:
        _axes(spec, kind_name, kind, data, fmt, probe)
    if kind_name == "dot":
        _dot_defaults(spec, probe, data.axes[0].major_unit if data.axes else None)
    legend = LEGEND.get(data.legend) if data.legend else "none"
    if legend != (legend_position(probe) or "none"):
        spec["legend"] = legend
    alt = rx.descr(shape)
    final = model.ChartSpec(**_spec_args(spec))
    if alt and alt != chart_alt_text(final):
        spec["alt"] = alt
    return spec


def _dot(shape, data, warn):
    """A dot plot as deck draws it (an XY chart: each series' x are its values, and the
    categories are the labels of a last, invisible series) read as categories and series."""
    from msgspec.structs import replace

    from .render.chart_dot import NAME_SERIES
    from .render.oxml import read as rx

    names = [s for s in data.series if s.name == NAME_SERIES]
    if not names:
        return data
    texts = rx.point_label_texts(shape.chart, NAME_SERIES)
    # a dot's value label is a custom label (its x), not the y that showVal would show; labels
    # on only some dots are a highlight's, drawn with `data_labels: false` (render/chart.py)
    series = [replace(s, values=list(s.x or []), x=None,
                      labels=bool(s.x) and len(rx.point_label_texts(shape.chart, s.name))
                      == len(s.x))
              for s in data.series if s.name != NAME_SERIES]
    return replace(data, categories=texts, series=series, axes=data.axes[:1])


def _dot_defaults(spec: dict, probe, unit: float | None) -> None:
    """What a dot plot gets without asking: an axis range around the values (and its step,
    `unit` as read), no gridlines."""
    from .render.chart_dot import dot_bounds

    axis = spec.get("axis", {})
    low, high, step = dot_bounds(probe)
    if (axis.get("min") == low and axis.get("max") == high
            and (unit is None or math.isclose(unit, step))):
        axis.pop("min")
        axis.pop("max")
        axis.pop("major_unit", None)
        if not axis:
            spec.pop("axis")
    if spec.get("gridlines") is False:
        spec.pop("gridlines")


def _spec_args(spec: dict) -> dict:
    out = dict(spec)
    out["series"] = [msgspec.convert(s, model.Series) for s in spec["series"]]
    for key in ("axis", "secondary_axis", "x_axis"):
        if key in out:
            out[key] = model.Axis(**out[key])
    if "category_axis" in out:
        out["category_axis"] = model.CategoryAxis(**out["category_axis"])
    return out


def _highlight(kind, data, accent) -> list[str]:
    if not kind.highlight or not data.series or not data.categories:
        return []
    fills = data.series[0].point_fills
    if kind.family == "pie":
        if not accent:
            return []
        hue, series = accent
        cycle = [series[i % len(series)] for i in range(len(data.categories))]
        if [fills.get(i) for i in range(len(data.categories))] == cycle:
            return []  # each slice in its own colour: nothing is highlighted
        picked = [i for i, c in fills.items() if c == hue]
        if len(set(fills.values())) > 2 or not picked:
            return []
    else:
        picked = list(fills)
    return [data.categories[i] for i in sorted(picked) if i < len(data.categories)]


def _axes(spec, kind_name, kind, data, fmt, probe) -> None:
    """axis, secondary_axis (combo) and x_axis (scatter), each only where it differs."""
    axes = data.axes
    if not axes:
        return
    if kind_name == "scatter" and len(axes) >= 2:
        x_ax, y_ax, second = axes[0], axes[1], None
    elif kind_name == "combo" and len(axes) >= 2:
        x_ax, y_ax, second = None, axes[0], axes[1]
    else:
        x_ax, y_ax, second = None, axes[0], None

    def axis(ax, default_fmt, values: list[float] | None, zero: bool = True) -> dict:
        out = {}
        if ax.min is not None:
            out["min"] = _number(ax.min)
        if ax.max is not None:
            out["max"] = _number(ax.max)
        if ax.title:
            out["title"] = ax.title
        if ax.number_format and ax.number_format != default_fmt:
            out["number_format"] = ax.number_format
        # the step deck would pick for these bounds (render/chart.py, _style_value_axis)
        step = 0.25 if values is None else axis_ticks(values, ax.min, ax.max, None, zero)[2]
        if ax.major_unit is not None and not math.isclose(ax.major_unit, step):
            out["major_unit"] = _number(ax.major_unit)
        return out

    from .render.chart import _primary_values

    main_default = "0%" if kind.grouping == "percent" else fmt
    if kind_name == "dot":
        main = axis(y_ax, main_default, [v for s in probe.series for v in s.values], zero=False)
    else:
        main = axis(y_ax, main_default, _primary_values(probe, kind))
    if kind.grouping == "percent":
        main.pop("number_format", None)
    if main:
        spec["axis"] = main
    if second is not None and (sec := axis(second, fmt, list(probe.series[-1].values))):
        spec["secondary_axis"] = sec
    if x_ax is not None and (xa := axis(x_ax, "General",
                                        [x for s in probe.series for x in s.x or []])):
        spec["x_axis"] = xa
    hide = (probe.labels and kind.family == "bar" and kind.grouping != "percent"
            and not main.get("title"))
    if y_ax.gridlines != (not hide):
        spec["gridlines"] = y_ax.gridlines


# the outline's marker names are the XML's `c:symbol` values (render/chart.py, MARKERS)
MARKER_NAMES = ("circle", "square", "diamond", "triangle", "x", "plus", "dash", "none")


def _series_options(spec: dict, kind_name: str, kind, data, accent, warn) -> None:
    """Each series' own colour, marker and trendline, where they differ from its defaults."""
    from .chart_checks import COLOUR_NAMES
    from .render.oxml.chart_parts import TRENDLINE_TYPES
    from .theme import Palette

    palette = Palette()
    own_theme = not accent or accent[0] in (None, palette.accent)
    defaults = (accent[1] if accent and all(accent[1]) else palette.series)
    trend_names = {xml: name for name, xml in TRENDLINE_TYPES.items()}
    last = len(spec["series"]) - 1
    for k, (entry, s) in enumerate(zip(spec["series"], data.series)):
        is_line = kind.family in ("scatter", "dot") or kind_name == "line" or (
            kind_name == "combo" and k == last)
        # a highlight draws every series muted, and a pie colours its slices: no series colour
        colour = _hex(s.colour, defaults)
        if s.colour and kind.family != "pie" and not spec.get("highlight"):
            if not colour:
                warn(f"series `{s.name}`: its colour (the theme's `{s.colour}`) is not read "
                     "back: set the series' `color:` again")
            elif colour != defaults[k % len(defaults)].upper():
                entry["color"] = _colour_name(colour, palette, COLOUR_NAMES) if own_theme \
                    else colour
        if is_line and kind.series_markers:
            default = ("circle" if spec.get("markers", True) or kind.family in ("scatter", "dot")
                       else "none")
            symbol = s.symbol or "none"
            if symbol not in MARKER_NAMES:
                warn(f"series `{s.name}`: a `{symbol}` marker is not one the outline has: "
                     f"{default} used")
            elif symbol != default:
                entry["marker"] = symbol
        for n, t in enumerate(s.trendlines):
            trend = _trendline(t, trend_names, len(s.values))
            if n or not (kind.trendlines and is_line) or isinstance(trend, str) and \
                    trend not in TRENDLINE_TYPES:
                why = (f"a `{t.type}` trendline" if n == 0 and kind.trendlines and is_line
                       else "a second trendline" if n else f"a trendline on a {kind_name} chart")
                warn(f"series `{s.name}`: {why} is not read back (the outline has linear, "
                     "polynomial, exponential and moving_average trendlines, one a series, on "
                     "line and scatter charts)")
                continue
            entry["trendline"] = trend


def _hex(colour: str | None, series: tuple) -> str | None:
    """RRGGBB as read, or the theme's accentN (the Nth series colour); None for another theme
    colour (tx1, bg2, …)."""
    if not colour or re.fullmatch("[0-9A-Fa-f]{6}", colour):
        return colour.upper() if colour else None
    if colour.startswith("accent") and colour[6:].isdigit() and 1 <= int(colour[6:]) <= 6:
        return series[(int(colour[6:]) - 1) % len(series)].upper()
    return None


def _colour_name(colour: str, palette, names) -> str:
    """RRGGBB as the palette's name for it (accent, series2, …) when it has one."""
    for name in names:
        value = getattr(palette, name)
        if isinstance(value, str) and value.upper() == colour:
            return name
    for i, value in enumerate(palette.series, start=1):
        if value.upper() == colour:
            return f"series{i}"
    return colour


def _trendline(t, names: dict, points: int) -> dict | str:
    """A `c:trendline` as the outline writes it: the type alone when that is all it says;
    an unknown type as its XML name (the caller warns)."""
    kind = names.get(t.type)
    if kind is None:
        return t.type
    out: dict = {"type": kind}
    if kind == "polynomial" and t.order is not None and 2 <= t.order <= 6:
        out["order"] = t.order
    if kind == "moving_average":
        out["period"] = t.period if t.period is not None and 2 <= t.period < max(points, 3) \
            else 2
    elif t.equation or t.r_squared:
        out.update({k: True for k, on in (("equation", t.equation), ("r_squared", t.r_squared))
                    if on})
    return kind if len(out) == 1 else out
