"""What accessibility needs that python-pptx has no API for: Office's decorative flag, a title
placeholder on a layout that has none (the hidden title of an untitled slide), and the shape
tree put in reading order. `deck/a11y.py` decides; this only writes."""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

# Office 2019's "Mark as decorative": an a16-era extension of cNvPr (MS-ODRAWXML 2.3.4.3).
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"


_CNVPR = qn("p:cNvPr")


def _props(element):
    """`./*[1]/p:cNvPr` without an XPath per call: the cNvPr under the first child element,
    or None (the tree's nvGrpSpPr and extLst have none)."""
    first = next(element.iterchildren(etree.Element), None)
    return first.find(_CNVPR) if first is not None else None


def c_nv_pr(element):
    """The cNvPr of a shape element (sp, pic, graphicFrame, grpSp, cxnSp)."""
    props = _props(element)
    if props is None:
        raise ValueError(f"{etree.QName(element).localname} has no cNvPr")
    return props


def shape_id(shape) -> int:
    """A python-pptx shape's id, read straight from its cNvPr (python-pptx finds it by XPath)."""
    return int(c_nv_pr(shape._element).get("id"))


def set_name(shape, name: str) -> None:
    """A python-pptx shape's name (what the selection pane shows), without python-pptx's XPath
    per call."""
    c_nv_pr(shape._element).set("name", name)


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
    for element in tree.iterchildren(etree.Element):
        props = _props(element)
        if props is not None:
            by_id.setdefault(int(props.get("id")), element)
    last_first = dict.fromkeys(reversed(shape_ids))  # an id named twice goes where it is last
    named = [by_id[i] for i in reversed(last_first) if i in by_id]
    moved = set(named)
    wanted = [el for el in tree if el not in moved]
    ext = tree.find(qn("p:extLst"))  # the tree's own extLst stays last
    at = wanted.index(ext) if ext is not None else len(wanted)
    wanted[at:at] = named
    # Move only what is out of place: moving an element costs lxml a walk of its subtree
    # (a table's hundreds of elements), and most shapes are already where they belong.
    for position, element in enumerate(wanted):
        if tree[position] is not element:
            tree.insert(position, element)
