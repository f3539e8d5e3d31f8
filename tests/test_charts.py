"""The chart gallery (examples/charts.yaml), built and read back with python-pptx: every chart
type and option lands in the file as the outline says."""

import csv
import math
from pathlib import Path

import pytest
from conftest import needs_libreoffice
from pdfcheck import check_page
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE_TYPE

import deck
from deck.theme import Theme

ROOT = Path(__file__).resolve().parent.parent
GALLERY = ROOT / "examples" / "charts.yaml"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
P = Theme().palette
# Label positions PowerPoint accepts per plot element (others make it repair the file).
ALLOWED = {"barChart": {"outEnd", "inEnd", "ctr", "inBase"}, "lineChart": {"t", "b", "l", "r", "ctr"},
           "pieChart": {"outEnd", "inEnd", "ctr", "bestFit"}, "areaChart": set(),
           "doughnutChart": set(), "scatterChart": {"t", "b", "l", "r", "ctr"}}
STACKED_BAR = {"ctr", "inEnd", "inBase"}


@pytest.fixture(scope="module")
def gallery(tmp_path_factory):
    out = tmp_path_factory.mktemp("gallery") / "charts.pptx"
    deck.build(GALLERY, output=out)
    return Presentation(str(out))


@pytest.fixture(scope="module")
def charts(gallery):
    """Slide title → the chart on that slide."""
    found = {}
    for slide in gallery.slides:
        frames = [s for s in slide.shapes if s.has_chart]
        if frames:
            found[slide.shapes.title.text_frame.text.split(":")[0]] = frames[0].chart
    return found


def csv_column(name: str, column: str) -> list[str]:
    with open(ROOT / "examples" / "data" / name, encoding="utf-8") as fh:
        return [row[column] for row in csv.DictReader(fh)]


def fill(element) -> str:
    return str(element.format.fill.fore_color.rgb)


def it_has_every_chart_type_natively(charts):
    types = {name: chart.chart_type for name, chart in charts.items()}
    assert types == {
        "column": XL_CHART_TYPE.COLUMN_CLUSTERED, "bar": XL_CHART_TYPE.BAR_CLUSTERED,
        "stacked_column": XL_CHART_TYPE.COLUMN_STACKED, "stacked_bar": XL_CHART_TYPE.BAR_STACKED,
        "percent_stacked_column": XL_CHART_TYPE.COLUMN_STACKED_100,
        "line": XL_CHART_TYPE.LINE_MARKERS, "line without markers, no labels, legend right":
        XL_CHART_TYPE.LINE, "area": XL_CHART_TYPE.AREA, "pie": XL_CHART_TYPE.PIE,
        "doughnut": XL_CHART_TYPE.DOUGHNUT, "scatter": XL_CHART_TYPE.XY_SCATTER,
        "trendlines": XL_CHART_TYPE.XY_SCATTER, "dot": XL_CHART_TYPE.XY_SCATTER,
        "moving average": XL_CHART_TYPE.LINE_MARKERS, "combo": XL_CHART_TYPE.COLUMN_CLUSTERED}


def it_reads_the_column_chart_from_its_csv_with_the_highlight_axis_and_format(charts):
    chart = charts["column"]
    plot, series = chart.plots[0], chart.plots[0].series[0]
    assert list(plot.categories) == csv_column("ships.csv", "Month")
    assert list(series.values) == [float(v) for v in csv_column("ships.csv", "Ships")]
    assert fill(series) == P.chart_muted and fill(series.points[4]) == P.accent  # May
    axis = chart.value_axis
    assert (axis.minimum_scale, axis.maximum_scale) == (1000, 1400)
    assert axis.tick_labels.number_format == "#,##0"
    assert axis.axis_title.text_frame.text == "Ships"
    labels = series.data_labels
    assert labels.number_format == "#,##0" and labels.position == XL_LABEL_POSITION.OUTSIDE_END
    assert labels.font.size.pt == 20 and labels.font.bold


def it_sorts_the_bar_chart_and_labels_inside_the_end(charts):
    plot = charts["bar"].plots[0]
    assert list(plot.categories) == ["Rotterdam", "Antwerp", "Hamburg", "Piraeus", "Valencia",
                                     "Algeciras"]
    assert list(plot.series[0].values) == [13.4, 12.5, 7.7, 5.1, 4.8, 4.7]
    assert fill(plot.series[0].points[4]) == P.accent  # Valencia, after sorting
    assert plot.series[0].data_labels.position == XL_LABEL_POSITION.INSIDE_END
    assert charts["bar"].category_axis.reverse_order  # first category on top


def it_stacks_with_labels_in_the_middle_and_the_legend_where_asked(charts):
    chart = charts["stacked_column"]
    assert [s.name for s in chart.plots[0].series] == ["Containers", "Bulk", "Ro-ro"]
    assert chart.legend.position == XL_LEGEND_POSITION.TOP and not chart.legend.include_in_layout
    assert all(s.data_labels.position == XL_LABEL_POSITION.CENTER for s in chart.plots[0].series)
    assert [fill(s) for s in chart.plots[0].series] == list(P.series[:3])
    bars = charts["stacked_bar"]
    assert list(bars.plots[0].categories) == ["East", "North", "West", "South"]  # by total
    assert not bars.value_axis.has_major_gridlines


def it_draws_the_percent_stack_on_a_percent_axis(charts):
    chart = charts["percent_stacked_column"]
    assert chart.value_axis.tick_labels.number_format == "0%"
    assert chart.legend.position == XL_LEGEND_POSITION.RIGHT


def it_highlights_a_line_point_and_keeps_the_axis_range(charts):
    chart = charts["line"]
    series = chart.plots[0].series[0]
    assert list(series.values) == [float(v) for v in csv_column("ships.csv", "Containers (k)")]
    assert str(series.format.line.color.rgb) == P.chart_muted
    point = series.points[4]
    assert str(point.marker.format.fill.fore_color.rgb) == P.accent
    assert (chart.value_axis.minimum_scale, chart.value_axis.maximum_scale) == (80, 120)
    assert series.data_labels.position == XL_LABEL_POSITION.BELOW
    plain = charts["line without markers, no labels, legend right"]
    assert all(s._element.find(f"{C}dLbls") is None for s in plain.plots[0].series)
    assert plain.legend.position == XL_LEGEND_POSITION.RIGHT


def it_makes_overlapping_areas_see_through(charts):
    for series in charts["area"].plots[0].series:
        assert series._element.xpath("./c:spPr/a:solidFill/a:srgbClr/a:alpha/@val") == ["75000"]


def it_sorts_the_pie_and_shows_percentages(charts):
    plot = charts["pie"].plots[0]
    assert list(plot.categories) == ["Containers", "Bulk", "Ro-ro", "Passengers"]
    assert plot.vary_by_categories
    labels = plot.series[0].data_labels
    assert labels.show_percentage and not labels.show_value
    assert [fill(p) for p in list(plot.series[0].points)] == list(P.series[:4])


def it_highlights_a_doughnut_slice(charts):
    series = charts["doughnut"].plots[0].series[0]
    assert [fill(p) for p in list(series.points)] == [P.accent, P.chart_muted, P.chart_muted]
    assert series.data_labels.number_format == "0%" and series.data_labels.show_value
    assert charts["doughnut"].legend.position == XL_LEGEND_POSITION.BOTTOM


def it_plots_scatter_points_at_their_x(charts):
    chart = charts["scatter"]
    first = chart.plots[0].series[0]
    assert list(first.values) == [210, 150, 120, 112, 104]
    xs = [float(v) for v in first._element.xpath("./c:xVal//c:v/text()")]
    assert xs == [4000, 8000, 12000, 16000, 20000]
    assert chart.category_axis.axis_title.text_frame.text == "Ship size (TEU)"
    assert chart.value_axis.tick_labels.number_format == "$#,##0"


def it_puts_the_combo_line_on_a_secondary_axis(charts, gallery):
    chart = charts["combo"]
    bars, line = chart.plots
    assert [s.name for s in bars.series] == ["Revenue ($M)"]
    assert [s.name for s in line.series] == ["Margin"]
    assert list(line.series[0].values) == [0.12, 0.14, 0.13, 0.16]
    space = chart._chartSpace
    line_value_id = space.xpath(".//c:lineChart/c:axId/@val")[1]
    (right,) = [ax for ax in space.iter(f"{C}valAx") if ax.find(f"{C}axId").get("val") == line_value_id]
    assert right.find(f"{C}axPos").get("val") == "r" and right.find(f"{C}crosses").get("val") == "max"
    assert right.find(f"{C}numFmt").get("formatCode") == "0%"
    assert right.find(f"{C}scaling/{C}max").get("val") == "0.2"
    left = space.find(f".//{C}valAx")
    assert left.find(f"{C}title") is not None and left.find(f"{C}axPos").get("val") == "l"
    frame = next(s for slide in gallery.slides for s in slide.shapes
                 if s.has_chart and s.chart is not None and s.name.startswith("Combo"))
    assert frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr")[0].startswith("Revenue rose")


def it_writes_only_label_positions_powerpoint_accepts_and_explicit_vary_colors(charts):
    for name, chart in charts.items():
        space = chart._chartSpace
        for plot in space.find(f".//{C}plotArea"):
            tag = plot.tag.replace(C, "")
            if tag not in ALLOWED:
                continue
            assert plot.find(f"{C}varyColors") is not None, name
            allowed = ALLOWED[tag]
            grouping = plot.find(f"{C}grouping")
            if tag == "barChart" and grouping.get("val") in ("stacked", "percentStacked"):
                allowed = STACKED_BAR
            for pos in plot.iter(f"{C}dLblPos"):
                assert pos.get("val") in allowed, (name, pos.get("val"))
        legend = space.find(f".//{C}legend")
        if legend is not None:
            assert legend.find(f"{C}overlay").get("val") == "0", name


def it_gives_every_chart_alt_text_from_the_data(gallery):
    for slide in gallery.slides:
        for shape in slide.shapes:
            if shape.has_chart or shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                descr = shape._element.xpath("./*[1]/p:cNvPr/@descr")[0]
                generated = descr.split(" chart: ")[0] + " chart" in shape.name
                assert generated or descr.startswith("Revenue rose"), (shape.name, descr)


def it_draws_the_image_section_as_pictures_of_every_type(gallery):
    names = sorted(s.name for slide in gallery.slides for s in slide.shapes
                   if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert names == sorted(["Bar chart (image)", "Column chart (image)",
                            "Stacked bar chart (image)", "Stacked column chart (image)",
                            "100% stacked column chart (image)", "Line chart (image)",
                            "Area chart (image)", "Pie chart (image)", "Doughnut chart (image)",
                            "Scatter chart (image)", "Combo chart (image)", "Dot chart (image)",
                            "Scatter chart (image)"])


def it_reads_the_table_from_its_csv(gallery):
    table = next(s.table for slide in gallery.slides for s in slide.shapes if s.has_table)
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["Quay", "Containers", "Change"]
    assert cells[1:] == [["East", "412,000", "+12%"], ["West", "388,500", "−3%"],
                         ["North", "402,100", "—"], ["South", "251,300", "+4%"]]


def it_renders_every_chart_in_libreoffice_with_text_inside_and_at_least_14_pt(gallery, tmp_path):
    """Chart text (axes, labels, legends) drawn by LibreOffice stays in its frame, ≥ 14 pt."""
    needs_libreoffice()
    import pymupdf

    from deck.office import to_pdf

    source = tmp_path / "charts.pptx"
    deck.build(GALLERY, output=source)
    problems = []
    with pymupdf.open(to_pdf(source, tmp_path)) as doc:
        assert doc.page_count == len(gallery.slides)
        for k, (page, slide) in enumerate(zip(doc, gallery.slides), start=1):
            problems += check_page(page, slide, f"slide {k}")
    assert problems == []


def it_gives_every_native_value_axis_about_five_gridlines(charts):
    """A step of 1, 2, 2.5 or 5 × 10ⁿ that spans the data in at most six intervals (the
    engines' own choice gave nine to ten); on a range the author set, a step that divides it,
    so both ends have a tick."""
    from pptx.oxml.ns import qn

    checked = 0
    for name, chart in charts.items():
        plot_values = [v for plot in chart.plots for s in plot.series for v in s.values]
        for ax in chart._chartSpace.xpath(".//c:valAx"):
            unit = ax.find(qn("c:majorUnit"))
            assert unit is not None, name
            step = float(unit.get("val"))
            mantissa = step / 10 ** math.floor(math.log10(step))
            scaling = ax.find(qn("c:scaling"))
            low, high = scaling.find(qn("c:min")), scaling.find(qn("c:max"))
            if low is not None and high is not None and name != "dot":
                parts = (float(high.get("val")) - float(low.get("val"))) / step
                assert abs(parts - round(parts)) < 1e-9 and 2 <= round(parts) <= 8, (name, step)
            else:
                assert round(mantissa, 6) in (1, 2, 2.5, 5), (name, step)
            low = float(low.get("val")) if low is not None else min(0, *plot_values)
            if not any(word in name for word in ("percent", "combo", "scatter", "trendlines",
                                                 "dot")):
                assert (max(plot_values) - low) / step <= 6, (name, step)
            checked += 1
    assert checked >= 10
