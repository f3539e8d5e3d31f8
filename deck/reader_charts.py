"""The reader's native charts: type, categories, series, number format, highlight, and the
options that differ from what the outline would get by default (so our own decks read back
into the outline they came from). Dot plots (an XY chart underneath) read as categories and
series again.
"""

from __future__ import annotations

import math

from . import model, numfmt
from .charttypes import CHART_KINDS, legend_position
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
    if shape.chart._chartSpace.find(f".//{{{rx.C}}}trendline") is not None:
        warn("a trendline is not read back: set the series' `trendline:` again")
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
    probe = model.ChartSpec(type=kind_name, series=probe.series, categories=probe.categories,
                            number_format=fmt, data_labels=spec.get("data_labels"),
                            highlight=highlight)
    if kind.axes:
        _axes(spec, kind_name, kind, data, fmt, probe)
    if kind_name == "dot":
        _dot_defaults(spec, probe)
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


def _dot_defaults(spec: dict, probe) -> None:
    """What a dot plot gets without asking: an axis range around the values, no gridlines."""
    from .render.chart_dot import dot_bounds

    axis = spec.get("axis", {})
    low, high, _ = dot_bounds(probe)
    if axis.get("min") == low and axis.get("max") == high:
        axis.pop("min")
        axis.pop("max")
        if not axis:
            spec.pop("axis")
    if spec.get("gridlines") is False:
        spec.pop("gridlines")


def _spec_args(spec: dict) -> dict:
    out = dict(spec)
    out["series"] = [model.Series(**s) for s in spec["series"]]
    for key in ("axis", "secondary_axis", "x_axis"):
        if key in out:
            out[key] = model.Axis(**out[key])
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

    def axis(ax, default_fmt) -> dict:
        out = {}
        if ax.min is not None:
            out["min"] = _number(ax.min)
        if ax.max is not None:
            out["max"] = _number(ax.max)
        if ax.title:
            out["title"] = ax.title
        if ax.number_format and ax.number_format != default_fmt:
            out["number_format"] = ax.number_format
        return out

    main_default = "0%" if kind.grouping == "percent" else fmt
    main = axis(y_ax, main_default)
    if kind.grouping == "percent":
        main.pop("number_format", None)
    if main:
        spec["axis"] = main
    if second is not None and (sec := axis(second, fmt)):
        spec["secondary_axis"] = sec
    if x_ax is not None and (xa := axis(x_ax, "General")):
        spec["x_axis"] = xa
    hide = (probe.labels and kind.family == "bar" and kind.grouping != "percent"
            and not main.get("title"))
    if y_ax.gridlines != (not hide):
        spec["gridlines"] = y_ax.gridlines
