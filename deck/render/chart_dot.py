"""Native dot plots (`type: dot`): a Cleveland dot plot drawn as an XY scatter chart, which both
PowerPoint and LibreOffice draw alike. Category k of n sits at y = n − k (the first on top);
each series is a row of dots at its values. The category names are the labels of one more
series, `NAME_SERIES`, whose invisible points sit on the plot's left edge: labels to their left
line up like a category axis's, in the room a manual plot-area layout leaves for them.
"""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_MARKER_STYLE, XL_TICK_LABEL_POSITION, XL_TICK_MARK

from ..charttypes import axis_ticks
from ..measure import run_width
from ..model import ChartSpec
from ..plan import ChartShape
from ..theme import Theme
from .oxml import chart_parts

NAME_SERIES = "Category names"  # the label series; its name says what it is in the workbook


def dot_bounds(spec: ChartSpec) -> tuple[float, float, float]:
    """(min, max, step) of the value axis: the author's, else a range around the values that
    need not include zero (a dot's place is read, not a bar's length)."""
    values = [v for s in spec.series for v in s.values]
    low, high, step = axis_ticks(values, spec.axis.min, spec.axis.max, spec.axis.major_unit,
                                 zero=False)
    return low, high, step


def dot_data(spec: ChartSpec):
    """Each series as points (value, row); then the invisible name points at the axis start."""
    from pptx.chart.data import XyChartData  # here: it imports XlsxWriter (as chart.py does)

    data = XyChartData(number_format=spec.number_format)
    n = len(spec.categories)
    for s in spec.series:
        series = data.add_series(s.name)
        for k, value in enumerate(s.values):
            series.add_data_point(value, n - k)
    low = dot_bounds(spec)[0]
    names = data.add_series(NAME_SERIES)
    for k in range(n):
        names.add_data_point(low, n - k)
    return data


def style_dot_chart(chart, shape: ChartShape, theme: Theme) -> None:
    """Rows and names: the vertical axis runs 0…n + 0.6 in steps of 1 with no labels, so its
    gridlines run through the rows; the name series is drawn as nothing but its labels; the
    plot leaves room on the left for the longest name."""
    spec, p = shape.spec, theme.palette
    n = len(spec.categories)
    rows = chart.value_axis
    rows.minimum_scale, rows.maximum_scale, rows.major_unit = 0, n + 0.6, 1  # no empty top line
    rows.has_major_gridlines = True
    rows.major_gridlines.format.line.color.rgb = RGBColor.from_string(p.rule)
    rows.tick_label_position = XL_TICK_LABEL_POSITION.NONE
    rows.major_tick_mark = XL_TICK_MARK.NONE
    rows.format.line.fill.background()
    values = chart.category_axis  # the scores' axis: across the rows only if asked
    values.has_major_gridlines = bool(spec.gridlines)
    if values.has_major_gridlines:
        values.major_gridlines.format.line.color.rgb = RGBColor.from_string(p.rule)
    names = list(chart.plots[0].series)[-1]
    names.marker.style = XL_MARKER_STYLE.NONE
    names.format.line.fill.background()
    chart_parts.set_custom_labels(names, spec.categories, size=shape.axis_size, color=p.text,
                                  font=theme.fonts.body.name, position="left")
    chart_parts.hide_legend_entry(chart, len(spec.series))
    widest = max((run_width(c, shape.axis_size, face=theme.fonts.body)
                  for c in spec.categories), default=0)
    left = min(0.45, (widest + 16) / max(shape.box.w, 1))
    # Below the rows, in lines of axis text: the tick labels, the axis title, the legend.
    lines = 2.2 + (1.8 if spec.axis.title else 0) + (2.4 if len(spec.series) > 1 else 0)
    bottom = lines * shape.axis_size / max(shape.box.h, 1)
    chart_parts.set_plot_layout(chart, x=left, y=0.02, w=0.96 - left, h=max(0.3, 0.96 - bottom))
