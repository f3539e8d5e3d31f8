"""Every use of python-pptx internals or raw XML, in one place.

python-pptx has no API for these, or its output needs fixing; `tests/test_oxml.py` pins each
behaviour relied on here, so a python-pptx upgrade that changes one fails there first.

* sections (`p14:sectionLst`), slide-number fields, bullets and numbering, East-Asian fonts,
  run language, right-to-left paragraphs, alt text, removing unused placeholders;
* chart XML that PowerPoint and LibreOffice read differently, or that python-pptx cannot write:
  positive `c:axId` (python-pptx writes negative ones, the schema says unsigned), explicit
  `c:varyColors` and legend overlay, whole per-series data labels, combo charts (a line on a
  secondary axis), transparent fills;
* reproducible packages: fixed core properties, fixed workbook timestamps.
"""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from datetime import datetime

import pptx.chart.xlsx
from lxml import etree
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement

P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
SECTION_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
_NS_UUID = uuid.UUID("6f1c3c52-4d1e-4a8e-9a43-2b7d0f5a9c11")  # ids from content: reproducible


def stable_guid(*parts: object) -> str:
    """A GUID in braces that depends only on `parts`, so rebuilding gives the same file."""
    return "{" + str(uuid.uuid5(_NS_UUID, "\x1f".join(map(str, parts)))).upper() + "}"


# --- presentation -------------------------------------------------------------------------

def set_sections(prs, sections: list[tuple[str, list]]) -> None:
    """Write PowerPoint sections: [(name, [slide, ...]), ...]. Empty sections are skipped."""
    pres = prs.part._element
    ext_lst = pres.find(qn("p:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(pres, qn("p:extLst"))
    for old in ext_lst.findall(qn("p:ext")):
        if old.get("uri") == SECTION_EXT:
            ext_lst.remove(old)
    ext = etree.SubElement(ext_lst, qn("p:ext"), uri=SECTION_EXT)
    lst = etree.SubElement(ext, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    for k, (name, slides) in enumerate(sections):
        if not slides:
            continue
        sec = etree.SubElement(lst, f"{{{P14}}}section", name=name,
                               id=stable_guid("section", k, name))
        ids = etree.SubElement(sec, f"{{{P14}}}sldIdLst")
        for slide in slides:
            etree.SubElement(ids, f"{{{P14}}}sldId", id=str(slide.slide_id))


def read_sections(prs) -> list[tuple[str, list[int]]]:
    """The sections as [(name, [slide id, ...])] — for tests and tools."""
    out = []
    for sec in prs.part._element.iter(f"{{{P14}}}section"):
        ids = [int(s.get("id")) for s in sec.iter(f"{{{P14}}}sldId")]
        out.append((sec.get("name"), ids))
    return out


def remove_placeholders(slide, keep: set[int]) -> None:
    """Delete the placeholders a slide does not use (shape ids not in `keep`): an empty
    placeholder shows "Click to add text" in PowerPoint."""
    tree = slide.shapes._spTree
    for el in tree.xpath("./p:sp[p:nvSpPr/p:nvPr/p:ph]"):
        if int(el.xpath("./p:nvSpPr/p:cNvPr/@id")[0]) not in keep:
            tree.remove(el)


def scale_placeholders_x(prs, factor: float) -> None:
    """Stretch every placeholder on the master and layouts horizontally by `factor`: the default
    template is 4:3, and slides a user adds later should be laid out for 16:9."""
    owners = [prs.slide_master, *prs.slide_layouts]
    for owner in owners:
        for off in owner.shapes._spTree.xpath("./p:sp/p:spPr/a:xfrm/a:off"):
            off.set("x", str(int(int(off.get("x")) * factor)))
        for ext in owner.shapes._spTree.xpath("./p:sp/p:spPr/a:xfrm/a:ext"):
            ext.set("cx", str(int(int(ext.get("cx")) * factor)))


def set_alt_text(shape, text: str) -> None:
    """Alt text (`descr`) on a picture or graphic frame, read by screen readers."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


# --- text -----------------------------------------------------------------------------------
# Text is written as DrawingML directly: python-pptx's per-property setters cost ~10× more
# (each one searches the element's children), and rendering time is dominated by text.

def set_body(text_frame, *, anchor: str = "t") -> None:
    """Word wrap on, zero insets, no autofit, the given vertical anchor (t, ctr, b)."""
    body = text_frame._txBody.bodyPr  # a text body always has one
    for key in ("lIns", "tIns", "rIns", "bIns"):
        body.set(key, "0")
    body.set("wrap", "square")
    body.set("anchor", anchor)
    for child in list(body):
        if child.tag in (qn("a:spAutoFit"), qn("a:normAutofit"), qn("a:noAutofit")):
            body.remove(child)
    _insert_before(body, etree.Element(qn("a:noAutofit")), ("a:scene3d", "a:sp3d", "a:flatTx",
                                                             "a:extLst"))


def clear_paragraphs(text_frame):
    """Remove every paragraph; returns the `a:txBody` element to add new ones to."""
    body = text_frame._txBody
    for p in body.findall(qn("a:p")):
        body.remove(p)
    return body


def add_paragraph(body, *, align: str, line: float, before: float, rtl: bool = False,
                  bullet: tuple | None = None):
    """A paragraph with exact line spacing and space before (points). `bullet` is
    (left margin EMU, hanging indent EMU, colour or None, char, number or None)."""
    p = etree.SubElement(body, qn("a:p"))
    ppr = etree.SubElement(p, qn("a:pPr"), algn=align)
    if rtl:
        ppr.set("rtl", "1")
    for tag, points in (("a:lnSpc", line), ("a:spcBef", before), ("a:spcAft", 0.0)):
        spacing = etree.SubElement(ppr, qn(tag))
        etree.SubElement(spacing, qn("a:spcPts"), val=str(round(points * 100)))
    if bullet is None:
        etree.SubElement(ppr, qn("a:buNone"))
        return p
    margin, hang, color, char, number = bullet
    ppr.set("marL", str(int(margin)))
    ppr.set("indent", str(-int(hang)))
    if color:
        etree.SubElement(etree.SubElement(ppr, qn("a:buClr")), qn("a:srgbClr"), val=color)
    if number is not None:
        etree.SubElement(ppr, qn("a:buFont"), typeface="+mj-lt")
        num = etree.SubElement(ppr, qn("a:buAutoNum"), type="arabicPeriod")
        if number != 1:
            num.set("startAt", str(number))
    else:
        etree.SubElement(ppr, qn("a:buFont"), typeface="Arial")
        etree.SubElement(ppr, qn("a:buChar"), char=char)
    return p


def add_run(p, text: str, *, size: float, color: str, latin: str, east_asian: str, lang: str,
            bold: bool = False, italic: bool = False, underline: bool = False,
            link_rid: str | None = None) -> None:
    """A run with every property explicit. `cap="none"`: a layout's all-caps title style would
    otherwise make the text wider than measured."""
    r = etree.SubElement(p, qn("a:r"))
    rpr = etree.SubElement(r, qn("a:rPr"), lang=lang, sz=str(round(size * 100)),
                           b="1" if bold else "0", i="1" if italic else "0", cap="none")
    if underline:
        rpr.set("u", "sng")
    etree.SubElement(etree.SubElement(rpr, qn("a:solidFill")), qn("a:srgbClr"), val=color)
    etree.SubElement(rpr, qn("a:latin"), typeface=latin)
    etree.SubElement(rpr, qn("a:ea"), typeface=east_asian)
    if link_rid:
        etree.SubElement(rpr, qn("a:hlinkClick"), {qn("r:id"): link_rid})
    etree.SubElement(r, qn("a:t")).text = text


def set_cell(cell, *, fill: str, margin_x: int, margin_y: int, anchor: str = "ctr") -> None:
    """A table cell's fill, margins (EMU) and vertical anchor, written in one `a:tcPr`."""
    tc = cell._tc
    old = tc.find(qn("a:tcPr"))
    if old is not None:
        tc.remove(old)
    tcpr = etree.SubElement(tc, qn("a:tcPr"), marL=str(margin_x), marR=str(margin_x),
                            marT=str(margin_y), marB=str(margin_y), anchor=anchor)
    etree.SubElement(etree.SubElement(tcpr, qn("a:solidFill")), qn("a:srgbClr"), val=fill)


def add_line_break(p, *, size: float, lang: str) -> None:
    br = etree.SubElement(p, qn("a:br"))
    etree.SubElement(br, qn("a:rPr"), lang=lang, sz=str(round(size * 100)))


def end_paragraph(p, *, size: float, lang: str) -> None:
    """`a:endParaRPr`: gives an empty paragraph (or line) the planned height."""
    etree.SubElement(p, qn("a:endParaRPr"), lang=lang, sz=str(round(size * 100)))


def add_slide_number_field(paragraph, number: int, *, size_hundredths: int, color: str,
                           font: str, lang: str) -> None:
    """A slide-number field (`a:fld type="slidenum"`), so reordering slides renumbers them."""
    fld = etree.SubElement(paragraph._p, qn("a:fld"), id=stable_guid("slidenum"), type="slidenum")
    rpr = etree.SubElement(fld, qn("a:rPr"), lang=lang, sz=str(size_hundredths), dirty="0")
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=color)
    etree.SubElement(rpr, qn("a:latin"), typeface=font)
    etree.SubElement(fld, qn("a:t")).text = str(number)
    end = paragraph._p.find(qn("a:endParaRPr"))
    if end is not None:  # endParaRPr must stay last
        paragraph._p.remove(end)
        paragraph._p.append(end)


def _insert_before(parent, element, successors: tuple[str, ...]) -> None:
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(element)
            return
    parent.append(element)


# --- charts ---------------------------------------------------------------------------------

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


# --- package --------------------------------------------------------------------------------

_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            '2006/docPropsVTypes"><Application>deck</Application><PresentationFormat>Custom'
            '</PresentationFormat><Slides>{slides}</Slides><Notes>{notes}</Notes></Properties>')


def set_app_properties(prs, slides: int, notes: int) -> None:
    """Replace the default template's app.xml (it claims a 4:3 Mac PowerPoint file with no
    slides) with one that describes this deck."""
    for part in prs.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = _APP_XML.format(slides=slides, notes=notes).encode()


@contextmanager
def workbook_time(when: datetime):
    """While active, charts' embedded workbooks are stamped with `when` instead of the clock
    (XlsxWriter writes the current time into each workbook's core properties)."""
    original = pptx.chart.xlsx.Workbook

    class StampedWorkbook(original):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.set_properties({"created": when})

    pptx.chart.xlsx.Workbook = StampedWorkbook
    try:
        yield
    finally:
        pptx.chart.xlsx.Workbook = original
