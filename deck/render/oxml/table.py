"""A whole table graphic frame written as one XML string and parsed once.

python-pptx's `add_table` builds a default table, then every column width, row height, cell
fill, border and run is a separate search-and-set on the tree; a table slide cost more than
twice the same slide made with python-pptx alone (issue 17). The markup written here is
the same as `text.add_paragraph`/`text.add_run`/`text.set_cell` write, element for element.
"""

from __future__ import annotations

import re
from functools import lru_cache
from xml.sax.saxutils import escape

from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn

_TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
# python-pptx's default ("Medium Style 2 - Accent 1"), kept so a table looks the same in
# PowerPoint's table designer as before; every cell overrides its fill and borders anyway
_TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"
_ATTR = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_TEXT = {"\r": "&#13;"}  # as lxml writes them
_PLAIN = re.compile(r"[^&<>\r]*\Z")  # nothing in it to escape


@lru_cache(maxsize=256)
def xml_attr(value: str) -> str:
    """A value escaped for an XML attribute in double quotes, as lxml writes it; cached, as
    a deck repeats its few languages, faces and names."""
    return escape(value, _ATTR)


def _text(text: str) -> str:
    return escape(text, _TEXT) if not _PLAIN.match(text) else text


def run_xml(text: str, *, size: float, color: str | None, latin: str, east_asian: str,
            lang: str, bold: bool, italic: bool, underline: bool,
            link_rid: str | None) -> str:
    """An `a:r` as `text.add_run` writes it."""
    underlined = ' u="sng"' if underline else ""
    rpr = (f'<a:rPr lang="{xml_attr(lang)}" sz="{round(size * 100)}" b="{"1" if bold else "0"}" '
           f'i="{"1" if italic else "0"}" cap="none"{underlined}>')
    if color:
        rpr += f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
    rpr += f'<a:latin typeface="{xml_attr(latin)}"/><a:ea typeface="{xml_attr(east_asian)}"/>'
    if link_rid:
        rpr += f'<a:hlinkClick r:id="{link_rid}"/>'
    return f"<a:r>{rpr}</a:rPr><a:t>{_text(text)}</a:t></a:r>"


def line_break_xml(size: float, lang: str) -> str:
    """An `a:br` as `text.add_line_break` writes it."""
    return f'<a:br><a:rPr lang="{xml_attr(lang)}" sz="{round(size * 100)}"/></a:br>'


def paragraph_xml(body: str, *, align: str, line: float, rtl: bool, size: float,
                  end_lang: str) -> str:
    """A first paragraph without bullet as `text.add_paragraph` writes it, `body` its runs and
    breaks, ended by `a:endParaRPr` in `end_lang`."""
    right_to_left = ' rtl="1"' if rtl else ""
    ppr = (f'<a:pPr algn="{align}" hangingPunct="0"{right_to_left} marL="0" '
           f'indent="0"><a:lnSpc><a:spcPts val="{round(line * 100)}"/></a:lnSpc>'
           '<a:spcBef><a:spcPts val="0"/></a:spcBef><a:spcAft><a:spcPts val="0"/></a:spcAft>'
           "<a:buNone/></a:pPr>")
    end = f'<a:endParaRPr lang="{xml_attr(end_lang)}" sz="{round(size * 100)}"/>'
    return f"<a:p>{ppr}{body}{end}</a:p>"


_CELL_PROPS: dict[tuple, str] = {}


def cell_props_xml(*, fill: str, margin_x: int, margin_y: int, border: str,
                   anchor: str = "ctr") -> str:
    """An `a:tcPr` as `text.set_cell` writes it: margins (EMU), anchor, 1 pt borders, fill."""
    key = (fill, margin_x, margin_y, border, anchor)
    found = _CELL_PROPS.get(key)
    if found is None:
        line = f'w="12700"><a:solidFill><a:srgbClr val="{border}"/></a:solidFill>'
        found = (f'<a:tcPr marL="{margin_x}" marR="{margin_x}" marT="{margin_y}" '
                 f'marB="{margin_y}" anchor="{anchor}">'
                 + "".join(f"<a:{side} {line}</a:{side}>" for side in ("lnL", "lnR", "lnT", "lnB"))
                 + f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></a:tcPr>')
        _CELL_PROPS[key] = found
    return found


_CNVPR = f"{qn('p:nvGraphicFramePr')}/{qn('p:cNvPr')}"


def table_frame(shape_id: int, name: str, box: tuple[int, int, int, int],
                col_widths: list[int], row_heights: list[int],
                cells: list[list[tuple[str, str]]]):
    """A `p:graphicFrame` holding a table with a header row and no banding. `box` is (x, y,
    cx, cy) in EMU; `cells` holds each cell's (paragraphs XML, `a:tcPr` XML), row by row.
    Returns the element, not yet in any slide."""
    x, y, cx, cy = box
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in col_widths)
    rows = "".join(
        f'<a:tr h="{h}">'
        + "".join(f"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{paras}</a:txBody>{props}</a:tc>"
                  for paras, props in row)
        + "</a:tr>"
        for h, row in zip(row_heights, cells))
    return parse_xml(
        f"<p:graphicFrame {nsdecls('a', 'p', 'r')}><p:nvGraphicFramePr>"
        f'<p:cNvPr id="{shape_id}" name="{xml_attr(name)}"/><p:cNvGraphicFramePr>'
        '<a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
        f'<p:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></p:xfrm>'
        f'<a:graphic><a:graphicData uri="{_TABLE_URI}"><a:tbl><a:tblPr firstRow="1">'
        f"<a:tableStyleId>{_TABLE_STYLE}</a:tableStyleId></a:tblPr><a:tblGrid>{grid}"
        f"</a:tblGrid>{rows}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>")


def add_table_frame(slide, frame, placeholder=None) -> int:
    """Put a `table_frame` on the slide, in place of `placeholder` (a python-pptx table
    placeholder, whose id and `p:ph` it takes) when given; returns its shape id."""
    if placeholder is None:
        slide.shapes._spTree.insert_element_before(frame, "p:extLst")
    else:
        frame.find(_CNVPR).set("id", str(placeholder.shape_id))
        placeholder._replace_placeholder_with(frame)
    return int(frame.find(_CNVPR).get("id"))


def next_shape_id(slide) -> int:
    """The id a new shape on `slide` gets (python-pptx's own rule: one above the largest)."""
    return slide.shapes._next_shape_id
