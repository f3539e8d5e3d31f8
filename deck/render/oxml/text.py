"""Text bodies written as DrawingML: paragraphs, runs, bullets, table cells, fields."""

from __future__ import annotations

import copy

from lxml import etree
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn

from .package import stable_guid
from .table import xml_attr

_SLIDENUM_ID = stable_guid("slidenum")

# Text is written as DrawingML directly: python-pptx's per-property setters cost ~10× more
# (each one searches the element's children), and rendering time is dominated by text.
# Tag names are resolved once: a big deck writes hundreds of thousands of elements.
_A_BR = qn("a:br")
_A_BUAUTONUM = qn("a:buAutoNum")
_A_BUCHAR = qn("a:buChar")
_A_BUCLR = qn("a:buClr")
_A_BUFONT = qn("a:buFont")
_A_BUNONE = qn("a:buNone")
_A_EA = qn("a:ea")
_A_ENDPARARPR = qn("a:endParaRPr")
_A_FLD = qn("a:fld")
_A_HLINKCLICK = qn("a:hlinkClick")
_A_LATIN = qn("a:latin")
_A_NOAUTOFIT = qn("a:noAutofit")
_A_NORMAUTOFIT = qn("a:normAutofit")
_A_P = qn("a:p")
_A_PPR = qn("a:pPr")
_A_R = qn("a:r")
_A_RPR = qn("a:rPr")
_A_SOLIDFILL = qn("a:solidFill")
_A_SPAUTOFIT = qn("a:spAutoFit")
_A_SPCPTS = qn("a:spcPts")
_A_SRGBCLR = qn("a:srgbClr")
_A_T = qn("a:t")
_A_TC = qn("a:tc")
_A_TR = qn("a:tr")
_A_TCPR = qn("a:tcPr")
_R_ID = qn("r:id")

def set_body(text_frame, *, anchor: str = "t") -> None:
    """Word wrap on, zero insets, no autofit, the given vertical anchor (t, ctr, b)."""
    body = text_frame._txBody.bodyPr  # a text body always has one
    for key in ("lIns", "tIns", "rIns", "bIns"):
        body.set(key, "0")
    body.set("wrap", "square")
    body.set("anchor", anchor)
    for child in list(body):
        if child.tag in (_A_SPAUTOFIT, _A_NORMAUTOFIT, _A_NOAUTOFIT):
            body.remove(child)
    _insert_before(body, etree.Element(_A_NOAUTOFIT), ("a:scene3d", "a:sp3d", "a:flatTx",
                                                             "a:extLst"))


def text_body(text_frame):
    """The `a:txBody` element of a python-pptx text frame: a handle the renderers pass back
    to this module's functions (clear_paragraphs, add_paragraph, …), never read themselves."""
    return text_frame._txBody


def clear_paragraphs(body):
    """Remove every paragraph of an `a:txBody`; returns it, to add new ones to."""
    for p in body.findall(_A_P):
        body.remove(p)
    return body


def add_paragraph(body, *, align: str, line: float, before: float, rtl: bool = False,
                  bullet: tuple | None = None):
    """A paragraph with exact line spacing and space before (points). `bullet` is
    (left margin EMU, hanging indent EMU, colour or None, char, number or None)."""
    p = etree.SubElement(body, _A_P)
    # hangingPunct=0: LibreOffice would otherwise let CJK commas hang past the box edge
    ppr = etree.SubElement(p, _A_PPR, algn=align, hangingPunct="0")
    if rtl:
        ppr.set("rtl", "1")
    for tag, points in (("a:lnSpc", line), ("a:spcBef", before), ("a:spcAft", 0.0)):
        spacing = etree.SubElement(ppr, qn(tag))
        etree.SubElement(spacing, _A_SPCPTS, val=str(round(points * 100)))
    if bullet is None:
        # explicit zero margins: a body placeholder's master style hangs its text 27 pt
        ppr.set("marL", "0")
        ppr.set("indent", "0")
        etree.SubElement(ppr, _A_BUNONE)
        return p
    margin, hang, color, char, number = bullet
    ppr.set("marL", str(int(margin)))
    ppr.set("indent", str(-int(hang)))
    if color:
        etree.SubElement(etree.SubElement(ppr, _A_BUCLR), _A_SRGBCLR, val=color)
    if number is not None:
        etree.SubElement(ppr, _A_BUFONT, typeface="+mj-lt")
        num = etree.SubElement(ppr, _A_BUAUTONUM, type="arabicPeriod")
        if number != 1:
            num.set("startAt", str(number))
    else:
        etree.SubElement(ppr, _A_BUFONT, typeface="Arial")
        etree.SubElement(ppr, _A_BUCHAR, char=char)
    return p


def add_run(p, text: str, *, size: float, color: str | None, latin: str, east_asian: str,
            lang: str, bold: bool = False, italic: bool = False, underline: bool = False,
            link_rid: str | None = None) -> None:
    """A run with every property explicit but `color` (None: the placeholder's own). `cap="none"`:
    a layout's all-caps title style would otherwise make the text wider than measured."""
    r = etree.SubElement(p, _A_R)
    rpr = etree.SubElement(r, _A_RPR, lang=lang, sz=str(round(size * 100)),
                           b="1" if bold else "0", i="1" if italic else "0", cap="none")
    if underline:
        rpr.set("u", "sng")
    if color:
        etree.SubElement(etree.SubElement(rpr, _A_SOLIDFILL), _A_SRGBCLR, val=color)
    etree.SubElement(rpr, _A_LATIN, typeface=latin)
    etree.SubElement(rpr, _A_EA, typeface=east_asian)
    if link_rid:
        etree.SubElement(rpr, _A_HLINKCLICK, {_R_ID: link_rid})
    etree.SubElement(r, _A_T).text = text


_CELL_BORDERS = tuple(qn(f"a:{side}") for side in ("lnL", "lnR", "lnT", "lnB"))


def table_cells(frame) -> list[list[tuple[object, object]]]:
    """(`a:tc`, its `a:txBody`) of a new table's cells, row by row, as handles for set_cell
    and the paragraph functions: python-pptx's `table.cell(r, c)` searches the rows and cells
    again for every cell."""
    tbl = frame._element.graphic.graphicData.tbl
    return [[(tc, tc.get_or_add_txBody()) for tc in tr.findall(_A_TC)]
            for tr in tbl.findall(_A_TR)]


_CELL_PROPS: dict[tuple, object] = {}  # built once per look, then copied


def set_cell(tc, *, fill: str, margin_x: int, margin_y: int, border: str,
             anchor: str = "ctr") -> None:
    """A table cell's (`a:tc`) fill, margins (EMU), vertical anchor and 1 pt borders in `border`,
    in one `a:tcPr` (the table style's own borders would draw white lines on a dark theme)."""
    old = tc.find(_A_TCPR)
    if old is not None:
        tc.remove(old)
    key = (fill, margin_x, margin_y, border, anchor)
    tcpr = _CELL_PROPS.get(key)
    if tcpr is None:
        tcpr = etree.Element(_A_TCPR, marL=str(margin_x), marR=str(margin_x),
                             marT=str(margin_y), marB=str(margin_y), anchor=anchor)
        for tag in _CELL_BORDERS:
            line = etree.SubElement(tcpr, tag, w="12700")
            etree.SubElement(etree.SubElement(line, _A_SOLIDFILL), _A_SRGBCLR, val=border)
        etree.SubElement(etree.SubElement(tcpr, _A_SOLIDFILL), _A_SRGBCLR, val=fill)
        _CELL_PROPS[key] = tcpr
    tc.append(copy.deepcopy(tcpr))


def add_line_break(p, *, size: float | None, lang: str) -> None:
    """`a:br` (None size: the placeholder's own)."""
    br = etree.SubElement(p, _A_BR)
    rpr = etree.SubElement(br, _A_RPR, lang=lang)
    if size is not None:
        rpr.set("sz", str(round(size * 100)))


def end_paragraph(p, *, size: float | None, lang: str) -> None:
    """`a:endParaRPr`: gives an empty paragraph (or line) the planned height (None: the
    placeholder's own). `lang` should be the last run's: PowerPoint reads the mark's language
    as the language typing continues in."""
    end = etree.SubElement(p, _A_ENDPARARPR, lang=lang)
    if size is not None:
        end.set("sz", str(round(size * 100)))


def add_plain_paragraph(body):
    """An `a:p` with no properties of its own: it takes its placeholder's (speaker notes)."""
    return etree.SubElement(body, _A_P)


def add_plain_run(p, text: str, *, lang: str, east_asian: str) -> None:
    """A run with only its language and East-Asian typeface: size, colour and Latin face come
    from the placeholder (speaker notes follow the notes master)."""
    r = etree.SubElement(p, _A_R)
    rpr = etree.SubElement(r, _A_RPR, lang=lang)
    etree.SubElement(rpr, _A_EA, typeface=east_asian)
    etree.SubElement(r, _A_T).text = text


_RUN_PROPS = (qn("a:defRPr"), _A_RPR, _A_ENDPARARPR)
# what follows `a:ea` in CT_TextCharacterProperties (ECMA-376 Part 1)
_AFTER_EA = tuple(qn(f"a:{t}") for t in ("cs", "sym", "hlinkClick", "hlinkMouseOver", "rtl",
                                         "extLst"))


def set_language(root, lang: str, east_asian: str | None = None) -> None:
    """Every run property under `root` (`a:defRPr`, `a:rPr`, `a:endParaRPr`: a chart's text,
    a master's text styles) in `lang`, and with `east_asian` as its East-Asian typeface when
    given (replacing a theme reference such as `+mn-ea`)."""
    for rpr in root.iter(*_RUN_PROPS):
        rpr.set("lang", lang)
        if east_asian is None:
            continue
        ea = rpr.find(_A_EA)
        if ea is None:
            ea = etree.Element(_A_EA)
            after = next((c for c in rpr if c.tag in _AFTER_EA), None)
            if after is not None:
                after.addprevious(ea)
            else:
                rpr.append(ea)
        ea.set("typeface", east_asian)


def set_chart_language(chart, lang: str, east_asian: str) -> None:
    """All of a python-pptx chart's text (titles, axes, categories, data labels, legend) in
    `lang`, with `east_asian` for its CJK characters: python-pptx writes only `a:latin` and
    `en-US`, so PowerPoint draws Chinese category names in its fallback face (SimSun)."""
    set_language(chart._chartSpace, lang, east_asian)


def add_slide_number(slide, box: tuple[int, int, int, int], number: int, *, align: str,
                     size_hundredths: int, color: str, font: str, lang: str) -> int:
    """A text box holding a slide-number field (`a:fld type="slidenum"`, so reordering slides
    renumbers them), written as one string: what python-pptx's add_textbox plus set_body
    and the field's properties wrote, element for element. `box` is (x, y, cx, cy) in EMU,
    `align` "l" or "r". Returns the shape id."""
    x, y, cx, cy = box
    shape_id = slide.shapes._next_shape_id
    sp = parse_xml(
        f"<p:sp {nsdecls('a', 'p')}><p:nvSpPr><p:cNvPr id=\"{shape_id}\" name=\"Slide number\"/>"
        '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>'
        f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody>'
        '<a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"><a:noAutofit/>'
        f'</a:bodyPr><a:lstStyle/><a:p><a:pPr algn="{align}"/>'
        f'<a:fld id="{_SLIDENUM_ID}" type="slidenum"><a:rPr lang="{xml_attr(lang)}" '
        f'sz="{size_hundredths}" dirty="0"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
        f'<a:latin typeface="{xml_attr(font)}"/></a:rPr><a:t>{number}</a:t></a:fld>'
        "</a:p></p:txBody></p:sp>")
    slide.shapes._spTree.insert_element_before(sp, "p:extLst")
    return shape_id


def _insert_before(parent, element, successors: tuple[str, ...]) -> None:
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(element)
            return
    parent.append(element)
