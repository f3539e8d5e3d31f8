"""Native, editable charts: the data lives in the embedded workbook, the style in the chart XML.

A lookup table maps each chart type to python-pptx's chart type; validation already refused
anything not in it. Text is sized for the back of the room (the theme's chart sizes, ≥ 14 pt).
"""

from __future__ import annotations

from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.util import Pt

from ..markup import plain_text
from ..model import ChartSpec
from ..plan import ChartShape
from ..theme import Theme
from . import oxml
from .text import emu

CHART_TYPES = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
    "scatter": XL_CHART_TYPE.XY_SCATTER,
}
# Data-label positions each type allows; others make PowerPoint ask to repair the file.
LABEL_POSITION = {
    "bar": XL_LABEL_POSITION.OUTSIDE_END,
    "column": XL_LABEL_POSITION.OUTSIDE_END,
    "line": XL_LABEL_POSITION.ABOVE,
    "pie": XL_LABEL_POSITION.OUTSIDE_END,
    "doughnut": None,  # doughnut labels take no position at all
}  # scatter: no data labels (validation refuses them)


def chart_data(spec: ChartSpec):
    if spec.type == "scatter":
        data = XyChartData(number_format=spec.number_format)
        for s in spec.series:
            series = data.add_series(s.name)
            for x, y in zip(s.x or [], s.values):
                series.add_data_point(x, y)
        return data
    data = CategoryChartData(number_format=spec.number_format)
    data.categories = spec.categories
    for s in spec.series:
        data.add_series(s.name, s.values)
    return data


def render_chart(slide, shape: ChartShape, theme: Theme):
    """Add a native chart graphic frame; returns it."""
    spec, p = shape.spec, theme.palette
    box = shape.box
    frame = slide.shapes.add_chart(CHART_TYPES[spec.type], emu(box.x), emu(box.y), emu(box.w),
                                   emu(box.h), chart_data(spec))
    frame.name = f"{spec.type.capitalize()} chart"
    oxml.set_alt_text(frame, shape.alt)
    chart = frame.chart
    chart.has_title = False  # the slide title names the chart; stops PowerPoint's auto title
    chart.font.size = Pt(shape.axis_size)
    chart.font.name = theme.fonts.latin
    chart.font.color.rgb = RGBColor.from_string(p.text)
    plot = chart.plots[0]
    pie = spec.type in ("pie", "doughnut")
    multi = len(spec.series) > 1

    if spec.type in ("bar", "column"):
        plot.gap_width = 45
        plot.overlap = 0 if not multi else -10
    if not pie:
        plot.vary_by_categories = False  # python-pptx omits it; PowerPoint then colours by point
    _colour_series(chart, spec, theme)

    chart.has_legend = multi or pie
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM if not pie else XL_LEGEND_POSITION.RIGHT
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(shape.axis_size)

    if spec.labels:
        plot.has_data_labels = True
        labels = plot.data_labels
        percent = pie and spec.number_format == "General"
        labels.number_format = "0%" if percent else spec.number_format
        labels.number_format_is_linked = False
        labels.font.size = Pt(shape.label_size)
        labels.font.bold = True
        if pie:
            labels.show_percentage = spec.number_format == "General"
            labels.show_value = spec.number_format != "General"
        position = LABEL_POSITION[spec.type]
        if position is not None:
            labels.position = position

    if not pie:
        _style_axes(chart, spec, shape, theme)
    oxml.fix_chart_xml(chart)
    return frame


def _colour_series(chart, spec: ChartSpec, theme: Theme) -> None:
    p = theme.palette
    accent, muted = RGBColor.from_string(p.accent), RGBColor.from_string(p.chart_muted)
    plot = chart.plots[0]
    highlight = set(spec.highlight)
    for k, series in enumerate(plot.series):
        colour = RGBColor.from_string(p.series[k % len(p.series)])
        if spec.type in ("pie", "doughnut"):
            for i, category in enumerate(spec.categories):
                fill = series.points[i].format.fill
                fill.solid()
                if highlight:
                    fill.fore_color.rgb = accent if category in highlight else muted
                else:
                    fill.fore_color.rgb = RGBColor.from_string(p.series[i % len(p.series)])
            continue
        base = muted if highlight else colour
        if spec.type in ("line", "scatter"):
            series.format.line.color.rgb = base
            series.format.line.width = Pt(3)
            series.smooth = False
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = base
            if spec.type == "scatter":
                series.format.line.fill.background()  # points only
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = base
        for i, category in enumerate(spec.categories):
            if category in highlight:
                point = series.points[i]
                if spec.type == "line":
                    point.marker.format.fill.solid()
                    point.marker.format.fill.fore_color.rgb = accent
                    point.marker.size = 12
                else:
                    point.format.fill.solid()
                    point.format.fill.fore_color.rgb = accent


def _style_axes(chart, spec: ChartSpec, shape: ChartShape, theme: Theme) -> None:
    p = theme.palette
    rule = RGBColor.from_string(p.rule)
    value_axis, category_axis = chart.value_axis, chart.category_axis
    category_axis.tick_labels.font.size = Pt(shape.axis_size)
    category_axis.format.line.color.rgb = rule
    category_axis.has_major_gridlines = False
    if spec.type == "bar":
        category_axis.reverse_order = True  # first category on top, as it reads
    if spec.axis.min is not None:
        value_axis.minimum_scale = spec.axis.min
    if spec.axis.max is not None:
        value_axis.maximum_scale = spec.axis.max
    value_axis.tick_labels.font.size = Pt(shape.axis_size)
    value_axis.tick_labels.number_format = spec.number_format
    value_axis.tick_labels.number_format_is_linked = False
    value_axis.format.line.fill.background()
    # With labels on every bar the value axis only adds noise; without them it is needed.
    hide_values = spec.labels and spec.type in ("bar", "column") and not spec.axis.title
    value_axis.visible = not hide_values
    value_axis.has_major_gridlines = not hide_values
    if value_axis.has_major_gridlines:
        value_axis.major_gridlines.format.line.color.rgb = rule
    if spec.axis.title:
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = plain_text(spec.axis.title)
        font = value_axis.axis_title.text_frame.paragraphs[0].runs[0].font
        font.size = Pt(shape.axis_size)
        font.bold = False
