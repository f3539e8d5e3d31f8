"""The numbers and names in a template that python-pptx and the layout stage rely on, checked
before use (a bad one is a TemplateProblem naming the part and line, never a traceback), and
LibreOffice's field text boxes repaired. Used by oxml.sanitize."""

from __future__ import annotations

import re

from lxml import etree

from .opc import NS, TemplateProblem

MAX_MASTERS = 32
MAX_LAYOUTS = 256  # all masters together; PowerPoint's own templates have 11 a master
MAX_PLACEHOLDERS = 64  # on one master or layout (python-pptx resolves each by inheritance)
MAX_SHAPES = 2000  # on one master or layout
# OOXML ST_SlideSizeCoordinate: 1 in to 56 in, in EMU
MIN_SLIDE, MAX_SLIDE = 914400, 51206400
MAX_COORD = 27273042316900  # ST_Coordinate's bound

LIBREOFFICE_FIELDS = {"<date/time>": "dt", "<footer>": "ftr", "<number>": "sldNum",
                      "<header>": "hdr"}
_PLACEHOLDER_TYPES = {"title", "body", "ctrTitle", "subTitle", "dt", "sldNum", "ftr", "hdr",
                      "obj", "chart", "tbl", "clipArt", "dgm", "media", "sldImg", "pic"}
_INT = re.compile(r"^-?[0-9]{1,20}$")


def check_slide_size(root, name: str) -> tuple[int, int]:
    """The slide size (EMU), in range (1–56 in); a wrong `type` dropped, a bad notes size
    replaced."""
    size = root.find("p:sldSz", NS)
    if size is None:
        raise TemplateProblem(f"part `{name}` has no slide size (p:sldSz)")
    for axis in ("cx", "cy"):
        value = size.get(axis, "")
        if not _INT.match(value) or not MIN_SLIDE <= int(value) <= MAX_SLIDE:
            raise TemplateProblem(f"has a slide {'width' if axis == 'cx' else 'height'} of "
                                  f"`{value[:20]}` EMU; slides are 1 to 56 in "
                                  f"({MIN_SLIDE:,} to {MAX_SLIDE:,} EMU)")
    # python-pptx's and LibreOffice's "screen4x3" on a slide of any shape misleads apps
    size.attrib.pop("type", None)
    notes = root.find("p:notesSz", NS)
    if notes is None or not all(_INT.match(notes.get(a, "")) and
                                MIN_SLIDE <= int(notes.get(a)) <= MAX_SLIDE
                                for a in ("cx", "cy")):
        if notes is not None:
            root.remove(notes)
        notes = etree.Element(f"{{{NS['p']}}}notesSz", cx="6858000", cy="9144000")
        size.addnext(notes)
    return int(size.get("cx")), int(size.get("cy"))

def check_shapes(root, name: str, slide: tuple[int, int]) -> None:
    """Numbers python-pptx and the layout stage read, checked before use; a placeholder's box
    within a slide's size of the `slide` (EMU), since the layout stage fills it with text."""
    tree = root.find("p:cSld/p:spTree", NS)
    if tree is None:
        raise TemplateProblem(f"part `{name}` has no shape tree")
    count = sum(1 for _ in tree.iter())
    if count > MAX_SHAPES * 20:
        raise TemplateProblem(f"part `{name}` has {count:,} elements in its shapes; the "
                              f"limit is {MAX_SHAPES * 20:,}")
    phs = tree.findall(".//p:ph", NS)
    if len(phs) > MAX_PLACEHOLDERS:
        raise TemplateProblem(f"part `{name}` has {len(phs):,} placeholders; the limit is "
                              f"{MAX_PLACEHOLDERS}")
    for ph in phs:
        idx = ph.get("idx")
        if idx is not None and not (_INT.match(idx) and 0 <= int(idx) < 2 ** 32):
            raise TemplateProblem(f"part `{name}` line {ph.sourceline}: placeholder idx "
                                  f"`{idx[:20]}` is not a whole number below 2³²")
        if ph.get("type", "obj") not in _PLACEHOLDER_TYPES:
            raise TemplateProblem(f"part `{name}` line {ph.sourceline}: unknown placeholder "
                                  f"type `{ph.get('type')[:20]}`")
    for el in tree.iter(f"{{{NS['a']}}}off", f"{{{NS['a']}}}chOff"):
        for axis in ("x", "y"):
            number(el, axis, name, -MAX_COORD, MAX_COORD)
    for el in tree.iter(f"{{{NS['a']}}}ext", f"{{{NS['a']}}}chExt"):
        for axis in ("cx", "cy"):
            number(el, axis, name, 0, MAX_COORD)
    for ph in phs:
        box = _placeholder_box(ph)
        if box is None:
            continue
        (x, y), (cx, cy) = box
        w, h = slide
        if not (-w <= x <= 2 * w and -h <= y <= 2 * h and cx <= 2 * w and cy <= 2 * h):
            raise TemplateProblem(
                f"part `{name}` line {ph.sourceline}: a {ph.get('type', 'obj')} placeholder "
                f"of {cx / 914400:.1f} × {cy / 914400:.1f} in at ({x / 914400:.1f}, "
                f"{y / 914400:.1f}) in is far outside the {w / 914400:.2f} × "
                f"{h / 914400:.2f} in slide")
    for el in root.iter(f"{{{NS['a']}}}defRPr", f"{{{NS['a']}}}rPr",
                        f"{{{NS['a']}}}endParaRPr"):
        if el.get("sz") is not None:
            number(el, "sz", name, 100, 400000)

def _placeholder_box(ph):
    """((x, y), (cx, cy)) in EMU of the shape a `p:ph` belongs to, or None (inherited)."""
    shape = ph.getparent().getparent().getparent()
    xfrm = shape.find("p:spPr/a:xfrm", NS)
    if xfrm is None:
        xfrm = shape.find("p:xfrm", NS)  # a graphic frame
    off = xfrm.find("a:off", NS) if xfrm is not None else None
    ext = xfrm.find("a:ext", NS) if xfrm is not None else None
    if off is None or ext is None:
        return None
    return ((int(off.get("x", 0)), int(off.get("y", 0))),
            (int(ext.get("cx", 0)), int(ext.get("cy", 0))))


def field_boxes(root, name: str) -> list[str]:
    """LibreOffice exports some date, footer and slide-number placeholders as plain text
    boxes reading `<date/time>`, `<footer>` or `<number>`: drawn on every slide as that
    text. Made placeholders again, they show only where a slide has one, as intended."""
    repaired = []
    tree = root.find("p:cSld/p:spTree", NS)
    used = {int(i) for i in tree.xpath(".//p:ph/@idx", namespaces=NS)}
    for sp in tree.iter(f"{{{NS['p']}}}sp"):
        nv = sp.find("p:nvSpPr/p:nvPr", NS)
        if nv is None or nv.find("p:ph", NS) is not None:
            continue
        text = "".join(sp.xpath(".//a:t/text()", namespaces=NS)).strip()
        kind = LIBREOFFICE_FIELDS.get(text)
        if kind is None:
            continue
        idx = max(used | {99}) + 1
        used.add(idx)
        nv.insert(0, etree.Element(f"{{{NS['p']}}}ph", type=kind, idx=str(idx)))
        repaired.append(text)
    return repaired


def number(el, attr: str, name: str, low: int, high: int) -> None:
    value = el.get(attr)
    if value is None:
        return
    if not _INT.match(value) or not low <= int(value) <= high:
        raise TemplateProblem(f"part `{name}` line {el.sourceline}: "
                              f"{etree.QName(el).localname} {attr}=`{value[:20]}` is not "
                              f"a whole number from {low:,} to {high:,}")


def attached(el, root) -> bool:
    """`el` is still in the tree under `root` (not removed with an ancestor)."""
    while el is not None:
        if el is root:
            return True
        el = el.getparent()
    return False


def remove_shape(el, root) -> None:
    """Remove the shape `el` belongs to (the child of a shape tree or group holding it), or
    `el` itself when it is in no shape."""
    containers = ("spTree", "grpSp")
    node = el
    while node.getparent() is not None and etree.QName(node.getparent()).localname not in \
            containers:
        node = node.getparent()
    if node.getparent() is None:  # not inside a shape tree: just the element
        node = el
    if node is root:
        return
    parent = node.getparent()
    if parent is not None:
        parent.remove(node)
