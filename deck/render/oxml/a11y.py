"""What accessibility needs that python-pptx has no API for: Office's decorative flag, a title
placeholder on a layout that has none (the hidden title of an untitled slide), and the shape
tree put in reading order. `deck/a11y.py` decides; this only writes."""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

# Office 2019's "Mark as decorative": an a16-era extension of cNvPr (MS-ODRAWXML 2.3.4.3).
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def c_nv_pr(element):
    """The cNvPr of a shape element (sp, pic, graphicFrame, grpSp, cxnSp)."""
    return element.xpath("./*[1]/p:cNvPr")[0]


def set_decorative(element) -> None:
    """Mark a shape decorative: screen readers skip it and the Accessibility Checker asks for
    no alt text. The extension list must be cNvPr's last child (after hlinkClick/hlinkHover)."""
    props = c_nv_pr(element)
    props.set("descr", "")
    ext_lst = props.find(qn("a:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(props, qn("a:extLst"))
    if any(ext.get("uri") == DECORATIVE_URI for ext in ext_lst):
        return
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri=DECORATIVE_URI)
    etree.SubElement(ext, f"{{{ADEC}}}decorative", nsmap={"adec": ADEC}, val="1")


def is_decorative(element) -> bool:
    """Whether a shape element carries Office's decorative flag."""
    props = c_nv_pr(element)
    return bool(props.xpath(f"./a:extLst/a:ext[@uri='{DECORATIVE_URI}']/*[@val='1' or "
                            "@val='true']"))


def make_title_placeholder(shape) -> None:
    """Turn a new text box into the slide's title placeholder (`<p:ph type="title"/>`), so
    screen readers, the outline view and the Accessibility Checker find the slide's title
    even on a layout without one."""
    sp = shape._element
    sp.xpath("./p:nvSpPr/p:cNvSpPr")[0].attrib.pop("txBox", None)
    nv_pr = sp.xpath("./p:nvSpPr/p:nvPr")[0]
    if nv_pr.find(qn("p:ph")) is None:
        nv_pr.insert(0, etree.Element(qn("p:ph"), type="title"))


def reading_order(slide, shape_ids: list[int]) -> None:
    """Put the shapes with these ids in this order at the end of the shape tree; what is not
    named keeps its place before them. The shape tree's order is the order screen readers and
    tagged PDF read in, and the z-order too: so backgrounds and decorations come first."""
    tree = slide.shapes._spTree
    by_id = {}
    for element in tree.iterchildren():
        props = element.xpath("./*[1]/p:cNvPr")
        if props:
            by_id.setdefault(int(props[0].get("id")), element)
    for shape_id in shape_ids:
        element = by_id.get(shape_id)
        if element is not None:
            tree.remove(element)
            ext = tree.find(qn("p:extLst"))  # the tree's own extLst stays last
            if ext is not None:
                ext.addprevious(element)
            else:
                tree.append(element)


def mark_last_decorative(slide) -> int:
    """Mark the shape added last to a slide decorative; returns its shape id."""
    element = slide.shapes._spTree.xpath("./*[*/p:cNvPr][last()]")[0]
    set_decorative(element)
    return int(c_nv_pr(element).get("id"))
