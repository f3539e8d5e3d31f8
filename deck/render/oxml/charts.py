"""Chart XML python-pptx cannot write, or writes so PowerPoint and LibreOffice disagree."""

from __future__ import annotations

from lxml import etree
from pptx.chart.marker import Marker
from pptx.dml.chtfmt import ChartFormat
from pptx.oxml.chart.series import CT_DPt
from pptx.oxml.xmlchemy import OxmlElement

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PLOTS = ("barChart", "lineChart", "areaChart", "pieChart", "doughnutChart", "scatterChart")
# Excel's label-position names (as outlines write them) → `c:dLblPos` values.
LABEL_POS = {"outside_end": "outEnd", "inside_end": "inEnd", "center": "ctr",
             "inside_base": "inBase", "above": "t", "below": "b", "left": "l", "right": "r"}


def _c(tag: str, **attrs) -> etree._Element:
    """A `c:` element of python-pptx's own classes, so its API can style it afterwards."""
    el = OxmlElement(f"c:{tag}")
    for key, value in attrs.items():
        el.set(key, str(value))
    return el


def _sub(parent, tag: str, **attrs) -> etree._Element:
    el = _c(tag, **attrs)
    parent.append(el)
    return el


def _tree(tag: str, children: list[tuple]) -> etree._Element:
    """`c:<tag>` with children given as (tag, val) or (tag, [nested children])."""
    el = _c(tag)
    for child, value in children:
        if isinstance(value, list):
            el.append(_tree(child, value))
        else:
            _sub(el, child, val=value)
    return el


def fix_chart_xml(chart, *, vary_colors: bool = False) -> None:
    """Make python-pptx chart XML render alike in PowerPoint and LibreOffice, and valid:
    positive axis ids (python-pptx writes negative ones); an explicit `c:varyColors` on every
    plot (python-pptx omits it on bar charts, and PowerPoint then colours a single series by
    category); explicit `c:invertIfNegative val="0"` on bar series (else PowerPoint may draw
    negative bars unfilled); an explicit legend position that does not overlay the plot."""
    space = chart._chartSpace
    mapping: dict[str, str] = {}
    for el in space.iter(f"{{{C}}}axId", f"{{{C}}}crossAx"):
        old = el.get("val")
        if old not in mapping:
            mapping[old] = str(50000 + 10 * len(mapping))
        el.set("val", mapping[old])
    for plot in space.iter(*(f"{{{C}}}{tag}" for tag in _PLOTS)):
        vary = plot.find(f"{{{C}}}varyColors")
        if vary is None:
            vary = _c("varyColors")
            anchors = [plot.find(f"{{{C}}}{t}") for t in ("barDir", "grouping", "scatterStyle")]
            anchors = [a for a in anchors if a is not None]
            if anchors:
                anchors[-1].addnext(vary)
            else:
                plot.insert(0, vary)
        vary.set("val", "1" if vary_colors else "0")
        if plot.tag == f"{{{C}}}barChart":
            for ser in plot.findall(f"{{{C}}}ser"):
                if ser.find(f"{{{C}}}invertIfNegative") is None:
                    _insert_chart_child(ser, _c("invertIfNegative", val=0),
                                        ("pictureOptions", "dPt", "dLbls", "trendline",
                                         "errBars", "cat", "val", "shape", "extLst"))
    legend = space.find(f".//{{{C}}}legend")
    if legend is not None:
        if legend.find(f"{{{C}}}legendPos") is None:
            legend.insert(0, _c("legendPos", val="r"))
        if legend.find(f"{{{C}}}overlay") is None:
            _insert_chart_child(legend, _c("overlay", val=0), ("spPr", "txPr", "extLst"))


def _insert_chart_child(parent, element, successors: tuple[str, ...]) -> None:
    for tag in successors:
        found = parent.find(f"{{{C}}}{tag}")
        if found is not None:
            found.addprevious(element)
            return
    parent.append(element)


def _text_props(parent, *, size: float, color: str, bold: bool, font: str) -> None:
    """`c:txPr` with one default run style: size (pt), colour, weight, typeface."""
    tx = _sub(parent, "txPr")
    etree.SubElement(tx, f"{{{A}}}bodyPr")
    etree.SubElement(tx, f"{{{A}}}lstStyle")
    p = etree.SubElement(tx, f"{{{A}}}p")
    ppr = etree.SubElement(p, f"{{{A}}}pPr")
    rpr = etree.SubElement(ppr, f"{{{A}}}defRPr", sz=str(round(size * 100)),
                           b="1" if bold else "0")
    fill = etree.SubElement(rpr, f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}srgbClr", val=color)
    etree.SubElement(rpr, f"{{{A}}}latin", typeface=font)
    etree.SubElement(p, f"{{{A}}}endParaRPr", lang="en-US")


def set_series_labels(series, *, number_format: str, size: float, color: str, font: str,
                      bold: bool = True, position: str | None = None, percent: bool = False,
                      point_colors: dict[int, str] | None = None,
                      fill: str | None = None) -> None:
    """Data labels on one series, written whole (`c:dLbls` in the `c:ser`): python-pptx's
    per-point label API adds a series `c:dLbls` that hides every other label.

    `position` is an outline name (`outside_end`, …) or None for the type's own default;
    `percent` shows each point's share (pies) instead of its value; `point_colors` gives some
    points' label text another colour (RRGGBB by point index); `fill` puts the labels on a box
    of that colour (a line's labels over columns), else they have none."""
    ser = series._element
    old = ser.find(f"{{{C}}}dLbls")
    if old is not None:
        ser.remove(old)
    lbls = _c("dLbls")

    def settings(parent, text_color: str) -> None:
        _sub(parent, "numFmt", formatCode="0%" if percent else number_format, sourceLinked=0)
        sppr = _sub(parent, "spPr")
        if fill:
            etree.SubElement(etree.SubElement(sppr, f"{{{A}}}solidFill"), f"{{{A}}}srgbClr",
                             val=fill)
        else:
            etree.SubElement(sppr, f"{{{A}}}noFill")
        etree.SubElement(etree.SubElement(sppr, f"{{{A}}}ln"), f"{{{A}}}noFill")
        _text_props(parent, size=size, color=text_color, bold=bold, font=font)
        if position is not None:
            _sub(parent, "dLblPos", val=LABEL_POS[position])
        for flag in ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent",
                     "showBubbleSize"):
            on = (flag == "showPercent") if percent else (flag == "showVal")
            _sub(parent, flag, val=1 if on else 0)

    for idx, text_color in sorted((point_colors or {}).items()):
        lbl = _sub(lbls, "dLbl")
        _sub(lbl, "idx", val=idx)
        settings(lbl, text_color)
    settings(lbls, color)
    if ser.getparent().tag in (f"{{{C}}}pieChart", f"{{{C}}}doughnutChart"):
        _sub(lbls, "showLeaderLines", val=1)
    _insert_chart_child(ser, lbls, ("trendline", "errBars", "cat", "val", "xVal", "yVal",
                                    "smooth", "shape", "extLst"))


def make_combo(chart):
    """Move the last series of a clustered column chart into a line plot on a secondary value
    axis (right), with a hidden secondary category axis: python-pptx has no API for combo
    charts. Returns the secondary axis as a python-pptx `ValueAxis`, to style like any other."""
    from pptx.chart.axis import ValueAxis

    plot_area = chart._chartSpace.find(f".//{{{C}}}plotArea")
    bar = plot_area.find(f"{{{C}}}barChart")
    ser = bar.findall(f"{{{C}}}ser")[-1]
    bar.remove(ser)
    for tag in ("invertIfNegative", "pictureOptions", "shape"):
        for el in ser.findall(f"{{{C}}}{tag}"):
            ser.remove(el)
    marker = _tree("marker", [("symbol", "circle"), ("size", 9)])
    _insert_chart_child(ser, marker, ("dPt", "dLbls", "trendline", "errBars", "cat", "val",
                                      "smooth", "extLst"))
    _insert_chart_child(ser, _c("smooth", val=0), ("extLst",))

    used = {int(el.get("val")) for el in plot_area.iter(f"{{{C}}}axId")}
    cat_id, val_id = (str(max(used) + k) for k in (1, 2))
    line = _tree("lineChart", [("grouping", "standard"), ("varyColors", 0)])
    line.append(ser)
    for tag, value in (("marker", 1), ("axId", cat_id), ("axId", val_id)):
        _sub(line, tag, val=value)
    bar.addnext(line)

    cat_ax = _tree("catAx", [("axId", cat_id), ("scaling", [("orientation", "minMax")]),
                             ("delete", 1),  # shares the primary categories: drawn once
                             ("axPos", "b"), ("majorTickMark", "none"),
                             ("minorTickMark", "none"), ("tickLblPos", "nextTo"),
                             ("crossAx", val_id), ("crosses", "autoZero"), ("auto", 1),
                             ("lblAlgn", "ctr"), ("lblOffset", 100), ("noMultiLvlLbl", 0)])
    val_ax = _tree("valAx", [("axId", val_id), ("scaling", [("orientation", "minMax")]),
                             ("delete", 0), ("axPos", "r"), ("majorTickMark", "out"),
                             ("minorTickMark", "none"), ("tickLblPos", "nextTo"),
                             ("crossAx", cat_id),
                             ("crosses", "max"),  # at the right-hand end of the categories
                             ("crossBetween", "between")])
    last_axis = plot_area.findall(f"{{{C}}}valAx")[-1]
    last_axis.addnext(cat_ax)
    cat_ax.addnext(val_ax)
    return ValueAxis(val_ax)


def set_fill_alpha(series, opacity: float) -> None:
    """Make a series' solid fill partly transparent (0–1): overlapping areas stay visible."""
    for clr in series._element.xpath("./c:spPr/a:solidFill/a:srgbClr"):
        for old in clr.findall(f"{{{A}}}alpha"):
            clr.remove(old)
        etree.SubElement(clr, f"{{{A}}}alpha", val=str(round(opacity * 100000)))


def _index(self, category) -> int:
    """python-pptx's categories, one level deep, with `index` a dict lookup: python-pptx
    scans the list for each category it writes, quadratic in their number (16,000 categories
    took 76 s)."""
    positions = self.__dict__.get("_positions")
    if positions is None or len(positions) != len(self._categories):
        positions = self._positions = {id(c): k for k, c in enumerate(self._categories)}
    return positions[id(category)]


_FLAT: list[type] = []  # the Categories subclass with `_index`, made by the first chart


def category_chart_data(categories: list[str], number_format: str):
    """python-pptx's `CategoryChartData` of one level of `categories`, indexed in constant time
    (see `_index`). pptx.chart.data is imported here, not with this module: it imports
    XlsxWriter, which a deck without native charts never needs (issue 17)."""
    from pptx.chart.data import Categories, CategoryChartData

    if not _FLAT:
        _FLAT.append(type("_FlatCategories", (Categories,), {"index": _index}))
    data = CategoryChartData(number_format=number_format)
    flat = _FLAT[0]()
    for label in categories:
        flat.add_category(label)
    data._categories = flat
    return data


class _Point:
    """One data point's `format` and `marker`, as python-pptx's `Point` has them."""

    def __init__(self, dPt):
        self.format = ChartFormat(dPt)
        self.marker = Marker(dPt)


def data_points(series, indexes) -> dict[int, _Point]:
    """The points at `indexes` of a series that has no point formats yet, made in one pass:
    python-pptx's `series.points[i]` searches every `c:dPt` of the series for each point, so
    colouring n slices or bars took n² steps (a 6,000-slice pie: 48 s)."""
    ser = series._element
    if ser.find(f"{{{C}}}dPt") is not None:  # not fresh: python-pptx's way, which merges
        return {i: _Point(ser.get_or_add_dPt_for_point(i)) for i in indexes}
    points, last = {}, None
    for i in sorted(set(indexes)):
        dPt = CT_DPt.new_dPt()
        dPt.idx.val = i
        if last is None:
            ser._insert_dPt(dPt)  # python-pptx's schema order; the rest follow in idx order
        else:
            last.addnext(dPt)
        points[i], last = _Point(dPt), dPt
    return points
