"""Issue 16's chart options: trendlines, series colours and markers, axis steps that divide an
author's range, category-axis titles, dot plots, scatter data from CSV, values outside a set
range, and the lint on bars whose axis does not start at zero. Built decks are read back with
python-pptx (structure, not pixels); the LibreOffice look is in test_charts' gallery render."""

import math
import statistics
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn

import deck
from deck import model
from deck.charttypes import axis_ticks, dividing_step
from deck.errors import InputError
from deck.plan import Box, ChartShape
from deck.theme import Theme

HEAD = "title: T\nsections:\n  - title: S\n    divider: false\n    slides:\n"
P = Theme().palette
NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


def xpath(element, path: str) -> list:
    return etree.XPath(path, namespaces=NS)(element)


def outline_with(tmp_path, chart: str, files: dict[str, str] | None = None):
    path = tmp_path / "outline.yaml"
    body = textwrap.indent(textwrap.dedent(chart).strip("\n"), " " * 8)
    path.write_text(HEAD + "      - kind: chart\n        title: C\n" + body + "\n",
                    encoding="utf-8")
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return path


def built_chart(tmp_path, chart: str, files: dict[str, str] | None = None):
    """The chart of a one-slide deck, read back by python-pptx."""
    out = tmp_path / "out.pptx"
    deck.build(outline_with(tmp_path, chart, files), output=out)
    slide = Presentation(str(out)).slides[0]
    return next(s for s in slide.shapes if s.has_chart).chart


def errors(tmp_path, chart: str, files: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(InputError) as info:
        deck.check(outline_with(tmp_path, chart, files))
    return [f"{d.span.line}:{d.span.col}: {d.message}".replace(f"{tmp_path}/", "")
            for d in info.value.diagnostics]


def warnings(tmp_path, chart: str) -> list[str]:
    return [f"{d.span.line}:{d.span.col}: {d.message}"
            for d in deck.check(outline_with(tmp_path, chart))]


SCATTER = """
type: scatter
series:
  - name: Dose
    x: [1, 2, 3, 4, 5, 6]
    values: [2.1, 3.9, 6.2, 7.8, 10.1, 12.2]
"""


# --- trendlines -------------------------------------------------------------------------------

@pytest.mark.parametrize("trend, kind, extra", [
    ("linear", "linear", {}),
    ("{type: polynomial, order: 3}", "poly", {"order": "3"}),
    ("{type: exponential}", "exp", {}),
    ("{type: moving_average, period: 2}", "movingAvg", {"period": "2"}),
])
def it_writes_each_trendline_type_as_a_native_trendline(tmp_path, trend, kind, extra):
    chart = built_chart(tmp_path, SCATTER + f"    trendline: {trend}\n")
    (line,) = xpath(chart._chartSpace, ".//c:ser/c:trendline")
    assert line.find(qn("c:trendlineType")).get("val") == kind
    for tag, value in extra.items():
        assert line.find(qn(f"c:{tag}")).get("val") == value
    assert line.find(qn("c:dispEq")).get("val") == "0"
    assert xpath(line, "./c:spPr/a:ln/a:solidFill/a:srgbClr")[0].get("val") == P.series[0]


def it_shows_the_equation_and_r_squared_when_asked(tmp_path):
    chart = built_chart(tmp_path, SCATTER + "    trendline: {type: linear, equation: true, "
                                            "r_squared: true}\n")
    (line,) = xpath(chart._chartSpace, ".//c:trendline")
    assert line.find(qn("c:dispEq")).get("val") == "1"
    assert line.find(qn("c:dispRSqr")).get("val") == "1"
    size = xpath(line, "./c:trendlineLbl/c:txPr//a:defRPr")[0].get("sz")
    assert int(size) >= 1400  # read from the back of the room


def it_puts_a_trendline_on_a_line_series(tmp_path):
    chart = built_chart(tmp_path, """
        type: line
        categories: [a, b, c, d]
        series: [{name: s, values: [1, 3, 2, 4], trendline: linear}]
        """)
    assert len(xpath(chart._chartSpace, ".//c:lineChart/c:ser/c:trendline")) == 1


@pytest.mark.parametrize("chart, expected", [
    ("type: column\ncategories: [a, b]\nseries: [{name: s, values: [1, 2], trendline: linear}]",
     "10:55: a column chart takes no trendline; trendlines go on scatter and line series"),
    (SCATTER + "    trendline: {type: polynomial, order: 9}",
     "13:50: a polynomial's order is 2 to 6 (got 9); order 1 is `type: linear`"),
    (SCATTER + "    trendline: {type: moving_average}",
     "13:24: a moving average needs `period`: how many points each average takes, e.g. "
     "`period: 3`"),
    (SCATTER + "    trendline: {type: linear, period: 3}",
     "13:47: `period` belongs to `type: moving_average`"),
    ("type: scatter\nseries: [{name: s, x: [1, 2], values: [1, -2], trendline: exponential}]",
     "9:51: an exponential trendline fits positive values only; series `s` has -2"),
])
def it_refuses_trendlines_it_cannot_draw(tmp_path, chart, expected):
    assert errors(tmp_path, chart) == [expected]


# --- colours and markers ----------------------------------------------------------------------

def it_colours_and_marks_each_series_as_asked(tmp_path):
    chart = built_chart(tmp_path, """
        type: line
        categories: [a, b, c]
        series:
          - {name: s, values: [1, 2, 3], color: 1F4E79, marker: square}
          - {name: t, values: [2, 3, 1], color: accent, marker: none}
          - {name: u, values: [3, 1, 2], color: series3}
        """)
    s, t, u = chart.plots[0].series
    assert str(s.format.line.color.rgb) == "1F4E79"
    assert xpath(s._element, "./c:marker/c:symbol")[0].get("val") == "square"
    assert str(t.format.line.color.rgb) == P.accent
    assert xpath(t._element, "./c:marker/c:symbol")[0].get("val") == "none"
    assert str(u.format.line.color.rgb) == P.series[2]
    assert xpath(u._element, "./c:marker/c:symbol")[0].get("val") == "circle"


@pytest.mark.parametrize("chart, expected", [
    ("type: line\ncategories: [a]\nseries: [{name: s, values: [1], color: blu}]",
     "10:48: `blu` is not a colour: write RRGGBB (e.g. 1F4E79) or a palette colour (one of: "
     "background, text, muted, accent, dark, on_dark, muted_on_dark, accent_on_dark, surface, "
     "rule, chart_muted, series1 … series6)"),
    ("type: column\ncategories: [a]\nseries: [{name: s, values: [1], marker: square}]",
     "10:49: a column chart draws no markers; `marker` applies to line, scatter, combo and dot "
     "charts"),
    ("type: pie\ncategories: [a]\nseries: [{name: s, values: [1], color: accent}]",
     "10:48: a pie chart colours each slice from the theme; remove `color` (use `highlight` to "
     "pick slices)"),
])
def it_refuses_colours_and_markers_that_do_not_apply(tmp_path, chart, expected):
    assert errors(tmp_path, chart) == [expected]


# --- axis steps -------------------------------------------------------------------------------

def _ticks_cover(low: float, high: float, step: float) -> bool:
    count = (high - low) / step
    return abs(count - round(count)) < 1e-6 * max(1, count) and 2 <= round(count) <= 8


@settings(max_examples=400, deadline=None)
@given(st.integers(-10_000, 10_000), st.integers(1, 100_000), st.sampled_from([1, 0.1, 0.001]))
def it_picks_a_step_whose_ticks_fall_on_both_ends_of_a_set_range(start, length, scale):
    low, high = start * scale, (start + length) * scale
    got_low, got_high, step = axis_ticks([low, high], low, high)
    assert (got_low, got_high) == (low, high)
    assert _ticks_cover(low, high, step), (low, high, step)


@pytest.mark.parametrize("span, step", [(14, 2), (13, 2.6), (1, 0.2), (100, 20), (0.3, 0.05),
                                        (7, 1), (110, 22)])
def it_prefers_round_steps_that_divide_the_range(span, step):
    assert math.isclose(dividing_step(span), step)


def it_keeps_a_tick_at_zero_when_the_range_spans_it():
    assert axis_ticks([], -5, 5)[2] == 2.5


@pytest.mark.parametrize("values, low, high", [([3, 97], 10, None), ([1, 1449], None, 2000)])
def it_ends_a_half_set_range_on_a_tick_past_the_data(values, low, high):
    got_low, got_high, step = axis_ticks(values, low, high)
    assert got_low <= min(values) or low is not None
    assert _ticks_cover(got_low, got_high, step)
    assert got_high >= max(values) and got_low <= max(min(values), got_low)


def it_writes_the_step_and_both_ends_of_the_author_range(tmp_path):
    chart = built_chart(tmp_path, """
        type: scatter
        series: [{name: s, x: [1, 2, 3], values: [3, 9, 14]}]
        axis: {min: 0, max: 14}
        x_axis: {major_unit: 0.5}
        """)
    y = chart.value_axis
    assert (y.minimum_scale, y.maximum_scale, y.major_unit) == (0, 14, 2)
    assert chart.category_axis.major_unit == 0.5


def it_refuses_a_step_that_misses_the_end_of_the_range(tmp_path):
    assert errors(tmp_path, """
        type: column
        categories: [a]
        series: [{name: s, values: [3]}]
        axis: {min: 0, max: 14, major_unit: 2.5}
        """) == ["11:45: steps of 2.5 from 0 miss 14, so the axis has no tick at its end; use a "
                 "step that divides 14, or leave it out"]


def it_titles_the_category_axis(tmp_path):
    chart = built_chart(tmp_path, """
        type: column
        categories: [Jan, Feb]
        series: [{name: s, values: [3, 4]}]
        category_axis: {title: Month}
        """)
    assert chart.category_axis.axis_title.text_frame.text == "Month"


def it_refuses_a_category_title_on_a_chart_without_categories(tmp_path):
    assert errors(tmp_path, SCATTER + "category_axis: {title: Dose}") == [
        "13:24: a scatter chart has no category axis; use x_axis: {title: ...}"]


# --- values outside a set range ----------------------------------------------------------------

@pytest.mark.parametrize("chart, expected", [
    ("type: scatter\nseries: [{name: Girls, x: [1, 2], values: [3, 15]}]\naxis: {max: 14}",
     "9:55: series `Girls`: the point at x = 2 is 15, outside the value axis range …–14; it "
     "would be cut off the chart. Widen the axis or leave out `min`/`max`"),
    ("type: scatter\nseries: [{name: Girls, x: [1, 20], values: [3, 5]}]\nx_axis: {max: 10}",
     "9:39: series `Girls`: value 2 is 20, outside the x axis range …–10; it would be cut off "
     "the chart. Widen the axis or leave out `min`/`max`"),
    ("type: column\ncategories: [a, b]\nseries: [{name: s, values: [1449, 1530]}]\n"
     "axis: {min: 1400, max: 1510}",
     "10:43: series `s`: `b` is 1530, outside the value axis range 1400–1510; it would be cut "
     "off the chart. Widen the axis or leave out `min`/`max`"),
    ("type: stacked_column\ncategories: [a]\nseries: [{name: s, values: [6]}, {name: t, "
     "values: [6]}]\naxis: {max: 10}",
     "11:15: the stack of `a` reaches 12, outside the value axis range …–10; widen the axis"),
])
def it_refuses_a_value_outside_a_set_axis_range_naming_series_and_point(tmp_path, chart,
                                                                          expected):
    assert errors(tmp_path, chart) == [expected]


# --- dot plots --------------------------------------------------------------------------------

DOT = """
type: dot
categories: [Anthropic, xAI, Alibaba]
series: [{name: Elo, values: [1503, 1495, 1449]}]
highlight: [Alibaba]
number_format: "#,##0"
"""


def it_draws_a_dot_plot_as_rows_of_dots_named_on_the_left(tmp_path):
    chart = built_chart(tmp_path, DOT)
    dots, names = chart.plots[0].series
    assert list(dots.values) == [3, 2, 1]  # rows: the first category on top
    assert [float(v) for v in xpath(dots._element, "./c:xVal//c:v/text()")] == [1503, 1495,
                                                                                  1449]
    texts = [t.text for t in xpath(names._element, "./c:dLbls/c:dLbl//a:t")]
    assert texts == ["Anthropic", "xAI", "Alibaba"]
    values = [t.text for t in xpath(dots._element, "./c:dLbls/c:dLbl//a:t")]
    assert values == ["1,503", "1,495", "1,449"]
    assert xpath(names._element, "./c:marker/c:symbol")[0].get("val") == "none"
    x = chart.category_axis
    assert x.minimum_scale <= 1449 and x.maximum_scale >= 1503 and x.minimum_scale > 0
    highlighted = xpath(dots._element, "./c:dPt[c:idx/@val='2']//a:srgbClr")[0].get("val")
    assert highlighted == P.accent


def it_lets_a_dot_plot_axis_start_above_zero_without_labels(tmp_path):
    deck.check(outline_with(tmp_path, DOT + "data_labels: false\naxis: {min: 1400}"))


# --- scatter from CSV --------------------------------------------------------------------------

HEIGHTS = "age,girls,boys\n2,86,87\n4,102,103\n6,115,116\n"


def it_reads_scatter_series_from_csv_columns(tmp_path):
    chart = built_chart(tmp_path, """
        type: scatter
        data: heights.csv
        series:
          - {name: Girls, x: age, values: girls}
          - {name: Boys, x: age, values: boys, trendline: linear}
        """, {"heights.csv": HEIGHTS})
    girls, boys = chart.plots[0].series
    assert list(girls.values) == [86, 102, 115] and list(boys.values) == [87, 103, 116]
    assert [float(v) for v in xpath(girls._element, "./c:xVal//c:v/text()")] == [2, 4, 6]


def it_names_the_missing_csv_column_of_a_scatter_series(tmp_path):
    assert errors(tmp_path, """
        type: scatter
        data: heights.csv
        series: [{name: Girls, x: age, values: height}]
        """, {"heights.csv": HEIGHTS}) == [
        "9:15: `heights.csv` has no column `height` (columns: age, girls, boys)"]


def it_asks_for_data_when_scatter_series_name_columns(tmp_path):
    assert errors(tmp_path, "type: scatter\nseries: [{name: G, x: age, values: girls}]") == [
        "9:18: `x` and `values` name CSV columns: add `data:` with the file, or give the "
        "numbers as lists"]


# --- lint -------------------------------------------------------------------------------------

def it_warns_about_bars_on_an_axis_that_does_not_start_at_zero(tmp_path):
    assert warnings(tmp_path, """
        type: bar
        categories: [a, b]
        series: [{name: s, values: [1449, 1503]}]
        axis: {min: 1400}
        """) == ["11:21: the value axis starts at 1400, not zero, so the bars' lengths mislead: "
                 "the largest value is 3.7% above the smallest but its bar is drawn 2.1 times "
                 "as long. Use `type: dot` (a dot plot need not start at zero), or chart the gap "
                 "to a reference value"]


def it_does_not_warn_about_a_dot_plot_off_zero(tmp_path):
    assert warnings(tmp_path, DOT + "axis: {min: 1400}") == []


# --- image charts -----------------------------------------------------------------------------

def image_figure(spec: model.ChartSpec):
    """An image chart's matplotlib Figure, laid out."""
    import matplotlib

    from deck.render import chart_image

    shape = ChartShape(Box(60, 120, 480, 300), spec, 20, 18, "alt", True)
    with matplotlib.rc_context(chart_image.style(shape, Theme())):
        fig = chart_image.draw_figure(shape, Theme())
        fig.draw_without_rendering()
    return fig


def it_fits_the_same_trendline_on_an_image_chart_with_its_r_squared():
    series = model.Series(name="s", x=[1, 2, 3, 4, 5, 6], values=[2, 4, 6, 8, 10, 12.5],
                          color="1F4E79", marker="square",
                          trendline=model.Trendline(type="linear", equation=True,
                                                    r_squared=True))
    ax = image_figure(model.ChartSpec(type="scatter", series=[series])).axes[0]
    (fit,) = [line for line in ax.lines if line.get_linestyle() != "None"]
    xs, ys = fit.get_data()
    slope = (ys[-1] - ys[0]) / (xs[-1] - xs[0])
    expected = statistics.linear_regression(series.x, series.values)  # as PowerPoint fits
    assert math.isclose(slope, expected.slope)
    assert fit.get_color() == "#1F4E79"
    r2 = statistics.correlation(series.x, series.values) ** 2
    notes = [t.get_text() for t in ax.texts]
    assert notes == [f"y = {expected.slope:.4g}x − {-expected.intercept:.4g}\nR² = {r2:.4f}"]


def it_draws_a_moving_average_from_the_period_th_point():
    series = model.Series(name="s", values=[1, 3, 2, 4], trendline=model.Trendline(
        type="moving_average", period=2))
    spec = model.ChartSpec(type="line", categories=list("abcd"), series=[series])
    ax = image_figure(spec).axes[0]
    fits = [line for line in ax.lines if line.get_linestyle() not in ("-", "None")]
    assert [list(map(float, d)) for d in fits[0].get_data()] == [[1, 2, 3], [2, 2.5, 3]]


def it_draws_an_image_dot_plot_with_names_on_the_rows_and_ticks_on_the_range():
    spec = model.ChartSpec(type="dot", categories=["Anthropic", "xAI", "Alibaba"],
                           series=[model.Series(name="Elo", values=[1503, 1495, 1449])],
                           highlight=["Alibaba"], number_format="#,##0",
                           axis=model.Axis(min=1440, max=1510))
    ax = image_figure(spec).axes[0]
    rows = dict(zip((t.get_text() for t in ax.get_yticklabels()), ax.get_yticks()))
    assert rows["Anthropic"] > rows["xAI"] > rows["Alibaba"]  # the first on top
    assert ax.get_xlim() == (1440, 1510)
    ticks = [v for v in ax.get_xticks() if 1440 <= v <= 1510]
    assert ticks[0] == 1440 and ticks[-1] == 1510  # both ends of the set range
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["1,503", "1,495", "1,449"]
    assert ax.texts[2].get_color() == "#" + P.accent


def it_ends_image_ticks_on_a_set_range_and_titles_the_category_axis():
    spec = model.ChartSpec(type="column", categories=["Jan", "Feb"],
                           series=[model.Series(name="s", values=[3, 13])],
                           axis=model.Axis(min=0, max=14),
                           category_axis=model.CategoryAxis(title="Month"))
    ax = image_figure(spec).axes[0]
    assert [v for v in ax.get_yticks() if 0 <= v <= 14] == [0, 2, 4, 6, 8, 10, 12, 14]
    assert ax.get_xlabel() == "Month"
