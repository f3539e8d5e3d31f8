"""Native, editable charts: the data lives in the embedded workbook, the style in the chart XML.

`XL_TYPES` maps each outline chart type to python-pptx's; `charttypes.CHART_KINDS` says what
each allows, and validation has refused anything else. Text is sized for the back of the room
(the theme's chart sizes, ≥ 14 pt). Combo charts and data labels are written by `oxml`.
"""

from __future__ import annotations

from msgspec.structs import replace
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.util import Pt

from ..chart_checks import series_colour, trendline_of
from ..chart_labels import label_colour, on_fill, series_label_colours, series_position
from ..charttypes import CHART_KINDS, ChartKind, axis_ticks, legend_position, type_name
from ..markup import plain_text
from ..model import Axis, ChartSpec
from ..numfmt import format_number
from ..plan import ChartShape
from ..theme import Theme
from . import oxml
from .chart_dot import dot_bounds, dot_data, style_dot_chart
from .oxml import chart_parts
from .text import east_asian_face, emu

XL_TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "stacked_column": XL_CHART_TYPE.COLUMN_STACKED,
    "stacked_bar": XL_CHART_TYPE.BAR_STACKED,
    "percent_stacked_column": XL_CHART_TYPE.COLUMN_STACKED_100,
    "line": XL_CHART_TYPE.LINE_MARKERS,  # XL_CHART_TYPE.LINE with `markers: false`
    "area": XL_CHART_TYPE.AREA,
    "pie": XL_CHART_TYPE.PIE,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
    "scatter": XL_CHART_TYPE.XY_SCATTER,
    "combo": XL_CHART_TYPE.COLUMN_CLUSTERED,  # the last series becomes a line: oxml.make_combo
    "dot": XL_CHART_TYPE.XY_SCATTER,  # rows of dots: chart_dot
}
MARKERS = {"circle": XL_MARKER_STYLE.CIRCLE, "square": XL_MARKER_STYLE.SQUARE,
           "diamond": XL_MARKER_STYLE.DIAMOND, "triangle": XL_MARKER_STYLE.TRIANGLE,
           "x": XL_MARKER_STYLE.X, "plus": XL_MARKER_STYLE.PLUS, "dash": XL_MARKER_STYLE.DASH,
           "none": XL_MARKER_STYLE.NONE}
LEGEND = {"bottom": XL_LEGEND_POSITION.BOTTOM, "right": XL_LEGEND_POSITION.RIGHT,
          "top": XL_LEGEND_POSITION.TOP, "left": XL_LEGEND_POSITION.LEFT}


def chart_data(spec: ChartSpec):
    if spec.type == "dot":
        return dot_data(spec)
    if spec.type == "scatter":
        from pptx.chart.data import XyChartData  # here: it imports XlsxWriter (issue 17)

        data = XyChartData(number_format=spec.number_format)
        for s in spec.series:
            series = data.add_series(s.name)
            for x, y in zip(s.x or [], s.values):
                series.add_data_point(x, y)
        return data
    data = oxml.category_chart_data(spec.categories, spec.number_format)
    for s in spec.series:
        data.add_series(s.name, s.values)
    return data


def render_chart(slide, shape: ChartShape, theme: Theme, placeholder=None,
                 lang: str = "en-US") -> int:
    """Add a native chart graphic frame (into the template's chart placeholder when given);
    returns its shape id. All its text is in `lang`, with the East-Asian face of its text."""
    oxml.use_fast_workbooks()
    spec, p, box = shape.spec, theme.palette, shape.box
    kind = CHART_KINDS[spec.type]
    xl_type = XL_TYPES[spec.type]
    if spec.type == "line" and not spec.markers:
        xl_type = XL_CHART_TYPE.LINE
    if placeholder is not None:
        frame = placeholder.insert_chart(xl_type, chart_data(spec))
        frame.left, frame.top, frame.width, frame.height = (emu(box.x), emu(box.y), emu(box.w),
                                                            emu(box.h))
    else:
        frame = slide.shapes.add_chart(xl_type, emu(box.x), emu(box.y), emu(box.w),
                                       emu(box.h), chart_data(spec))
    frame.name = f"{type_name(spec.type)} chart"
    oxml.set_alt_text(frame, shape.alt)
    chart = frame.chart
    chart.has_title = False  # the slide title names the chart; stops PowerPoint's auto title
    chart.font.size = Pt(shape.axis_size)
    chart.font.name = theme.fonts.body.name
    chart.font.color.rgb = RGBColor.from_string(p.text)
    # Read before make_combo: with two `c:valAx` python-pptx's `value_axis` is the second.
    primary = chart.value_axis if kind.axes else None
    secondary = oxml.make_combo(chart) if spec.type == "combo" else None

    if kind.family in ("bar", "combo"):
        bars = chart.plots[0]
        bars.gap_width = 45 if kind.grouping == "clustered" else 60
        if kind.grouping == "clustered":
            bars.overlap = -10 if len(bars.series) > 1 else 0
    _colour_series(chart, spec, kind, shape, theme)

    position = legend_position(spec)
    chart.has_legend = position is not None
    if position is not None:
        chart.legend.position = LEGEND[position]
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(shape.axis_size)

    if spec.labels and kind.family != "dot":
        _label_series(chart, spec, kind, shape, theme)
    elif spec.highlight and kind.family in ("bar", "pie"):
        _label_highlight(chart, spec, kind, shape, theme)
    if kind.family == "dot":
        _style_dot_axes(chart, spec, shape, theme)
    elif kind.axes:
        _style_axes(chart, spec, kind, shape, theme, primary, secondary)
    oxml.fix_chart_xml(chart, vary_colors=kind.family == "pie")
    text = " ".join([*spec.categories, *(s.name for s in spec.series), spec.axis.title or ""])
    oxml.set_chart_language(chart, lang, east_asian_face(theme, text, lang))
    return frame.shape_id


def _all_series(chart) -> list:
    return [s for plot in chart.plots for s in plot.series]


def _colour_series(chart, spec: ChartSpec, kind: ChartKind, shape: ChartShape,
                   theme: Theme) -> None:
    p = theme.palette
    accent, muted = RGBColor.from_string(p.accent), RGBColor.from_string(p.chart_muted)
    highlight = set(spec.highlight)
    for k, series in enumerate(_all_series(chart)[:len(spec.series)]):
        own = spec.series[k]
        colour = RGBColor.from_string(series_colour(own.color or "", p, k))
        if kind.family == "pie":
            points = oxml.data_points(series, range(len(spec.categories)))
            for i, category in enumerate(spec.categories):
                fill = points[i].format.fill
                fill.solid()
                if highlight:
                    fill.fore_color.rgb = accent if category in highlight else muted
                else:
                    fill.fore_color.rgb = RGBColor.from_string(p.series[i % len(p.series)])
            series.format.line.color.rgb = RGBColor.from_string(p.background)  # slice gaps
            continue
        base = muted if highlight else colour
        points_only = kind.family in ("scatter", "dot")
        is_line = points_only or spec.type == "line" or (
            spec.type == "combo" and k == len(spec.series) - 1)
        if is_line:
            series.format.line.color.rgb = base
            series.format.line.width = Pt(3)
            series.smooth = False
            if own.marker == "none":
                series.marker.style = XL_MARKER_STYLE.NONE
            elif spec.markers or points_only or own.marker:
                series.marker.style = MARKERS[own.marker or "circle"]
                series.marker.size = 15 if kind.family == "dot" else 9
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = base
                series.marker.format.line.color.rgb = base
            if points_only:
                series.format.line.fill.background()  # points only
            trend = trendline_of(own)
            if trend is not None:
                chart_parts.add_trendline(
                    series, kind=trend.type, color=str(base), width_pt=2.25, order=trend.order,
                    period=trend.period, equation=trend.equation, r_squared=trend.r_squared,
                    label_size=shape.axis_size, font=theme.fonts.body.name)
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = base
            if kind.family == "area" and len(spec.series) > 1:
                oxml.set_fill_alpha(series, 0.75)
        points = oxml.data_points(series, [i for i, category in enumerate(spec.categories)
                                           if category in highlight])
        for point in points.values():
            if is_line:
                point.marker.style = XL_MARKER_STYLE.CIRCLE
                point.marker.size = 13
                point.marker.format.fill.solid()
                point.marker.format.fill.fore_color.rgb = accent
                point.marker.format.line.color.rgb = accent
                # LibreOffice colours a point's marker by the point's line, PowerPoint by the
                # marker's own fill; PowerPoint also draws the segment into the point in it.
                point.format.line.color.rgb = accent
                point.format.line.width = Pt(3)
            else:
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = accent


def _label_series(chart, spec: ChartSpec, kind: ChartKind, shape: ChartShape,
                  theme: Theme) -> None:
    """Labels on every series, at a position the type allows (others make PowerPoint repair
    the file); on a fill (stacked, inside, slices) in the theme's dark or light text, whichever
    reads better on each bar or slice (chart_labels), on the background in its text colour."""
    p = theme.palette
    percent = kind.family == "pie" and spec.number_format == "General"
    series_list = _all_series(chart)
    highlight = set(spec.highlight)
    highlighted = [i for i, c in enumerate(spec.categories) if c in highlight]
    for k, series in enumerate(series_list):
        is_line = spec.type == "combo" and k == len(series_list) - 1
        position = series_position(spec, kind, k)
        number_format = spec.number_format
        fill = None
        if spec.type == "combo":  # inside the columns' base, boxed above the line's points
            fill = p.background if is_line else None
            number_format = (spec.secondary_axis.number_format if is_line else None) or \
                number_format
        colour, points = p.text, {}
        if on_fill(kind, position):  # muted fills take dark text; the accent its own
            colour, points = series_label_colours(spec, kind, p, k)
        elif highlighted and spec.type == "line":
            points = {i: p.accent for i in highlighted}
        oxml.set_series_labels(series, number_format=number_format, size=shape.label_size,
                               color=colour, font=theme.fonts.body.name, position=position,
                               percent=percent, point_colors=points, fill=fill)


def _label_highlight(chart, spec: ChartSpec, kind: ChartKind, shape: ChartShape,
                     theme: Theme) -> None:
    """Labels off, a highlight on: the highlighted bars or slices still get their value, so
    colour is not the only thing that sets them apart (WCAG 1.4.1)."""
    p = theme.palette
    position = spec.label_position or kind.label_default
    chart_parts.label_points(
        _all_series(chart)[0], [i for i, c in enumerate(spec.categories) if c in spec.highlight],
        number_format=spec.number_format, size=shape.label_size,
        color=label_colour(p.accent, p) if on_fill(kind, position) else p.text,
        font=theme.fonts.body.name, position=position,
        percent=kind.family == "pie" and spec.number_format == "General")


def _style_axes(chart, spec: ChartSpec, kind: ChartKind, shape: ChartShape, theme: Theme,
                value_axis, secondary) -> None:
    p = theme.palette
    rule = RGBColor.from_string(p.rule)
    category_axis = chart.category_axis
    category_axis.tick_labels.font.size = Pt(shape.axis_size)
    category_axis.format.line.color.rgb = rule
    category_axis.has_major_gridlines = False
    if spec.category_axis.title and kind.categories:
        _axis_title(category_axis, spec.category_axis.title, shape, theme)
    if kind.horizontal:
        category_axis.reverse_order = True  # first category on top, as it reads
    # With a label on every bar the value axis only adds noise; without them it is needed.
    hide = (spec.labels and kind.family == "bar" and kind.grouping != "percent"
            and not spec.axis.title)
    number_format = spec.axis.number_format or spec.number_format
    if kind.grouping == "percent":
        number_format = "0%"
    _style_value_axis(value_axis, spec.axis, number_format, shape, theme, visible=not hide,
                      values=_primary_values(spec, kind))
    gridlines = spec.gridlines if spec.gridlines is not None else not hide
    value_axis.has_major_gridlines = gridlines
    if gridlines:
        value_axis.major_gridlines.format.line.color.rgb = rule
    if kind.family == "scatter":  # the x axis is a value axis too
        _style_value_axis(category_axis, spec.x_axis, spec.x_axis.number_format or "General",
                          shape, theme, values=[x for s in spec.series for x in s.x or []])
    if secondary is not None:
        _style_value_axis(secondary, spec.secondary_axis,
                          spec.secondary_axis.number_format or spec.number_format, shape, theme,
                          values=list(spec.series[-1].values))


def _primary_values(spec: ChartSpec, kind: ChartKind) -> list[float] | None:
    """What the main value axis must show: the values, or the stacks' totals (None for 100 %
    stacks, whose axis is 0–100 %)."""
    series = spec.series[:-1] if spec.type == "combo" else spec.series
    if kind.grouping == "percent":
        return None
    if kind.grouping == "stacked":
        columns = list(zip(*(s.values for s in series)))
        return ([sum(v for v in c if v > 0) for c in columns]
                + [sum(v for v in c if v < 0) for c in columns])
    return [v for s in series for v in s.values]


def _style_value_axis(axis, spec: Axis, number_format: str, shape: ChartShape, theme: Theme,
                      visible: bool = True, values: list[float] | None = None) -> None:
    """Bounds, a step giving about five gridlines (PowerPoint's and LibreOffice's own give up
    to ten), tick labels and title. `values`: the data on the axis; None: a 0–100 % axis."""
    low, high, step = ((spec.min, spec.max, spec.major_unit or 0.25) if values is None
                       else axis_ticks(values, spec.min, spec.max, spec.major_unit))
    if low is not None:
        axis.minimum_scale = low
    if high is not None:
        axis.maximum_scale = high
    axis.major_unit = step
    axis.tick_labels.font.size = Pt(shape.axis_size)
    axis.tick_labels.number_format = number_format
    axis.tick_labels.number_format_is_linked = False
    axis.format.line.fill.background()
    axis.visible = visible
    if spec.title:
        _axis_title(axis, spec.title, shape, theme)


def _axis_title(axis, title: str, shape: ChartShape, theme: Theme) -> None:
    axis.has_title = True
    axis.axis_title.text_frame.text = plain_text(title)
    font = axis.axis_title.text_frame.paragraphs[0].runs[0].font
    font.size = Pt(shape.axis_size)
    font.bold = False
    font.color.rgb = RGBColor.from_string(theme.palette.muted)


def _style_dot_axes(chart, spec: ChartSpec, shape: ChartShape, theme: Theme) -> None:
    """A dot plot's value axis is the scatter chart's x axis; its rows are the y axis."""
    low, high, step = dot_bounds(spec)
    axis = replace(spec.axis, min=low, max=high, major_unit=step)
    _style_value_axis(chart.category_axis, axis, spec.axis.number_format or spec.number_format,
                      shape, theme, values=[])
    style_dot_chart(chart, shape, theme)  # a line through each row; none across them
    p = theme.palette
    highlighted = {i: p.accent for i, c in enumerate(spec.categories) if c in spec.highlight}
    if spec.labels or highlighted:  # labels off: the highlighted dots still get theirs
        for own, series in zip(spec.series, chart.plots[0].series):
            texts = [format_number(v, spec.number_format) for v in own.values]
            chart_parts.set_custom_labels(series, texts, size=shape.label_size, color=p.text,
                                          font=theme.fonts.body.name, position="right",
                                          bold=True, point_colors=highlighted,
                                          only=None if spec.labels else set(highlighted))
