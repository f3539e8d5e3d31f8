"""Chart XML for the second round of chart options: trendlines, labels with their own text,
legend entries left out, a manual plot-area layout. Kept beside `charts.py` (the XML every
chart gets) so each stays one job."""

from __future__ import annotations

from lxml import etree

from .charts import LABEL_POS, A, C, _c, _insert_chart_child, _sub, _text_props

# Outline trendline types → `c:trendlineType` values.
TRENDLINE_TYPES = {"linear": "linear", "polynomial": "poly", "exponential": "exp",
                   "moving_average": "movingAvg"}


def add_trendline(series, *, kind: str, color: str, width_pt: float, order: int | None = None,
                  period: int | None = None, equation: bool = False, r_squared: bool = False,
                  label_size: float = 14, font: str = "Calibri") -> None:
    """A native trendline (`c:trendline`) on one series, dashed in `color` (RRGGBB): PowerPoint
    and LibreOffice fit it themselves, so it follows the data when it is edited. `equation`
    and `r_squared` put the fit's equation and R² in a label beside the line."""
    ser = series._element
    line = _c("trendline")
    sppr = _sub(line, "spPr")
    ln = etree.SubElement(sppr, f"{{{A}}}ln", w=str(round(width_pt * 12700)), cap="rnd")
    etree.SubElement(etree.SubElement(ln, f"{{{A}}}solidFill"), f"{{{A}}}srgbClr", val=color)
    etree.SubElement(ln, f"{{{A}}}prstDash", val="dash")
    _sub(line, "trendlineType", val=TRENDLINE_TYPES[kind])
    if kind == "polynomial":
        _sub(line, "order", val=order or 2)
    if kind == "moving_average":
        _sub(line, "period", val=period or 2)
    _sub(line, "dispRSqr", val=1 if r_squared else 0)
    _sub(line, "dispEq", val=1 if equation else 0)
    if equation or r_squared:
        label = _sub(line, "trendlineLbl")
        # Not 15 digits, in PowerPoint; LibreOffice's importer reads it but applies only the
        # label's text and shape properties (oox TrendlineLabelConverter): all digits there.
        _sub(label, "numFmt", formatCode="#,##0.00", sourceLinked=0)
        lsppr = _sub(label, "spPr")
        etree.SubElement(lsppr, f"{{{A}}}noFill")
        etree.SubElement(etree.SubElement(lsppr, f"{{{A}}}ln"), f"{{{A}}}noFill")
        _text_props(label, size=label_size, color=color, bold=False, font=font)
    _insert_chart_child(ser, line, ("errBars", "cat", "val", "xVal", "yVal", "smooth", "shape",
                                    "extLst"))


def set_custom_labels(series, texts: list[str], *, size: float, color: str, font: str,
                      position: str = "left", bold: bool = False,
                      point_colors: dict[int, str] | None = None,
                      only: set[int] | None = None) -> None:
    """A data label on each point of `series` showing its own text (`texts[i]` on point i),
    not its value: the category names of a dot plot, the x values of its dots (a scatter
    series' own labels show y). `point_colors`: RRGGBB of some points' text, by index;
    `only`: label just these points (a dot plot's highlight with its labels off).
    `c:dLbl` with `c:tx/c:rich`, which PowerPoint and LibreOffice (7.0+) both draw."""
    ser = series._element
    old = ser.find(f"{{{C}}}dLbls")
    if old is not None:
        ser.remove(old)
    lbls = _c("dLbls")
    for i, text in enumerate(texts):
        if only is not None and i not in only:
            continue
        lbl = _sub(lbls, "dLbl")
        _sub(lbl, "idx", val=i)
        tx = _sub(lbl, "tx")
        rich = _sub(tx, "rich")
        # one line, whatever its length: LibreOffice otherwise wraps the widest name ("DeepSee|k")
        etree.SubElement(rich, f"{{{A}}}bodyPr", wrap="none")
        etree.SubElement(rich, f"{{{A}}}lstStyle")
        p = etree.SubElement(rich, f"{{{A}}}p")
        ppr = etree.SubElement(p, f"{{{A}}}pPr")
        weight = "1" if bold else "0"
        colour = (point_colors or {}).get(i, color)
        rpr = etree.SubElement(ppr, f"{{{A}}}defRPr", sz=str(round(size * 100)), b=weight)
        etree.SubElement(etree.SubElement(rpr, f"{{{A}}}solidFill"), f"{{{A}}}srgbClr",
                         val=colour)
        etree.SubElement(rpr, f"{{{A}}}latin", typeface=font)
        run = etree.SubElement(p, f"{{{A}}}r")
        rpr = etree.SubElement(run, f"{{{A}}}rPr", lang="en-US", sz=str(round(size * 100)),
                               b=weight)
        etree.SubElement(etree.SubElement(rpr, f"{{{A}}}solidFill"), f"{{{A}}}srgbClr",
                         val=colour)
        etree.SubElement(rpr, f"{{{A}}}latin", typeface=font)
        etree.SubElement(run, f"{{{A}}}t").text = text
        sppr = _sub(lbl, "spPr")
        etree.SubElement(sppr, f"{{{A}}}noFill")
        etree.SubElement(etree.SubElement(sppr, f"{{{A}}}ln"), f"{{{A}}}noFill")
        _sub(lbl, "dLblPos", val=LABEL_POS[position])
        for flag in ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent",
                     "showBubbleSize"):
            _sub(lbl, flag, val=0)
    for flag in ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent",
                 "showBubbleSize"):
        _sub(lbls, flag, val=0)
    _insert_chart_child(ser, lbls, ("trendline", "errBars", "cat", "val", "xVal", "yVal",
                                    "smooth", "shape", "extLst"))


def label_points(series, indexes, *, number_format: str, size: float, color: str, font: str,
                 position: str | None = None, percent: bool = False) -> None:
    """A value label on only the points `indexes` of `series` (a `c:dLbl` each, the series'
    `c:dLbls` showing nothing): a highlight told by its value, not by colour alone, in
    PowerPoint and LibreOffice. `percent` shows a slice's share instead of its value."""
    ser = series._element
    old = ser.find(f"{{{C}}}dLbls")
    if old is not None:
        ser.remove(old)
    lbls = _c("dLbls")
    flags = ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent",
             "showBubbleSize")
    for idx in sorted(indexes):
        lbl = _sub(lbls, "dLbl")
        _sub(lbl, "idx", val=idx)
        _sub(lbl, "numFmt", formatCode="0%" if percent else number_format, sourceLinked=0)
        sppr = _sub(lbl, "spPr")
        etree.SubElement(sppr, f"{{{A}}}noFill")
        etree.SubElement(etree.SubElement(sppr, f"{{{A}}}ln"), f"{{{A}}}noFill")
        _text_props(lbl, size=size, color=color, bold=True, font=font)
        if position is not None:
            _sub(lbl, "dLblPos", val=LABEL_POS[position])
        shown = "showPercent" if percent else "showVal"
        for flag in flags:
            _sub(lbl, flag, val=1 if flag == shown else 0)
    for flag in flags:
        _sub(lbls, flag, val=0)
    _insert_chart_child(ser, lbls, ("trendline", "errBars", "cat", "val", "xVal", "yVal",
                                    "smooth", "shape", "extLst"))


def hide_legend_entry(chart, index: int) -> None:
    """Leave series `index` out of the legend (`c:legendEntry` with `c:delete`)."""
    legend = chart._chartSpace.find(f".//{{{C}}}legend")
    if legend is None:
        return
    entry = _c("legendEntry")
    _sub(entry, "idx", val=index)
    _sub(entry, "delete", val=1)
    legend.find(f"{{{C}}}legendPos").addnext(entry)


def set_plot_layout(chart, *, x: float, y: float, w: float, h: float) -> None:
    """Place the plot's inner area (the axes' rectangle) at fractions of the chart's box:
    room beside it for labels that automatic layout would not leave."""
    plot_area = chart._chartSpace.find(f".//{{{C}}}plotArea")
    old = plot_area.find(f"{{{C}}}layout")
    if old is not None:
        plot_area.remove(old)
    layout = _c("layout")
    manual = _sub(layout, "manualLayout")
    _sub(manual, "layoutTarget", val="inner")
    for key, value in (("xMode", "edge"), ("yMode", "edge"), ("x", x), ("y", y), ("w", w),
                       ("h", h)):
        _sub(manual, key, val=f"{value:.4f}" if isinstance(value, float) else value)
    plot_area.insert(0, layout)
