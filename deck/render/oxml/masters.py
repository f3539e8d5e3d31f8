"""Reading a template's design: masters, layouts, their placeholders' text formatting, their
backgrounds and artwork, the theme's colours and fonts.

Everything comes back as plain values: points, RRGGBB strings, image bytes. Colours given as
theme slots (`schemeClr`) are resolved through the master's colour map and theme; the common
transforms (lumMod/lumOff, tint/shade, alpha) are applied, others ignored.
"""

from __future__ import annotations

import colorsys
from functools import lru_cache

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

EMU_PT = 12700
_NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
       "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
_R_EMBED = f"{{{_NS['r']}}}embed"
ALIGN = {"l": "left", "ctr": "center", "r": "right", "just": "left", "dist": "center"}
ANCHOR = {"t": "top", "ctr": "middle", "b": "bottom"}
# which master text style a placeholder type takes its formatting from
_STYLE = {"title": "p:titleStyle", "ctrTitle": "p:titleStyle", "vertTitle": "p:titleStyle"}
# a layout placeholder of one type inherits from the master's placeholder of another
_MASTER_TYPE = {"ctrTitle": "title", "vertTitle": "title", "subTitle": "body", "obj": "body",
                "pic": "body", "chart": "body", "tbl": "body"}


class Scheme:
    """A master's theme colours, as its colour map names them (bg1, tx1, accent1, …)."""

    def __init__(self, master):
        theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
        self.slots: dict[str, str] = {}
        scheme = theme.find(".//a:clrScheme", _NS)
        for slot in scheme if scheme is not None else ():
            found = _x(slot, "./a:srgbClr/@val | ./a:sysClr/@lastClr")
            if found:
                self.slots[etree.QName(slot).localname] = found[0].upper()
        mapping = master._element.find(qn("p:clrMap"))
        self.map = dict(mapping.attrib) if mapping is not None else {}
        fonts = theme.find(".//a:fontScheme", _NS)
        self.major = self.minor = None
        if fonts is not None:
            self.major = _attr(fonts, "./a:majorFont/a:latin/@typeface")
            self.minor = _attr(fonts, "./a:minorFont/a:latin/@typeface")

    def slot(self, name: str) -> str | None:
        """RRGGBB of a scheme colour name (bg1, tx2, accent1, dk1, …)."""
        return self.slots.get(self.map.get(name, name))

    def typeface(self, name: str | None) -> str | None:
        """A typeface name, with the theme's +mj-lt / +mn-lt resolved."""
        if name in ("+mj-lt", "+mj-ea", "+mj-cs"):
            return self.major
        if name in ("+mn-lt", "+mn-ea", "+mn-cs"):
            return self.minor
        return name or None


def _x(el, path: str) -> list:
    """XPath with the a:, p:, r: prefixes, on python-pptx's elements and plain lxml ones."""
    return _compiled(path)(el)


@lru_cache(maxsize=64)
def _compiled(path: str) -> etree.XPath:
    return etree.XPath(path, namespaces=_NS)


def _attr(el, path: str) -> str | None:
    found = _x(el, path)
    return str(found[0]) if found else None


def color_of(el, scheme: Scheme) -> tuple[str, float] | None:
    """(RRGGBB, alpha 0–1) of a colour element's first colour child (srgbClr, schemeClr,
    sysClr, prstClr), transforms applied; None when there is none."""
    if el is None:
        return None
    for child in el:
        tag = etree.QName(child).localname
        if tag == "srgbClr":
            rgb = child.get("val", "").upper()
        elif tag == "schemeClr":
            rgb = scheme.slot(child.get("val", ""))
        elif tag == "sysClr":
            rgb = (child.get("lastClr") or "").upper() or None
        elif tag == "prstClr":
            rgb = {"black": "000000", "white": "FFFFFF"}.get(child.get("val", ""))
        else:
            continue
        if not rgb or len(rgb) != 6:
            return None
        return _transform(rgb, child)
    return None


def _transform(rgb: str, el) -> tuple[str, float]:
    r, g, b = (int(rgb[k:k + 2], 16) / 255 for k in (0, 2, 4))
    alpha = 1.0
    for t in el:
        name, val = etree.QName(t).localname, int(t.get("val", "100000")) / 100000
        if name in ("lumMod", "lumOff"):
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            lum = lum * val if name == "lumMod" else lum + val
            r, g, b = colorsys.hls_to_rgb(h, min(max(lum, 0.0), 1.0), s)
        elif name == "tint":  # towards white
            r, g, b = (c + (1 - c) * (1 - val) for c in (r, g, b))
        elif name == "shade":  # towards black
            r, g, b = (c * val for c in (r, g, b))
        elif name == "alpha":
            alpha = val
    return "".join(f"{round(min(max(c, 0), 1) * 255):02X}" for c in (r, g, b)), alpha


def fill_of(sp_pr, scheme: Scheme, part, style=None):
    """The fill of a shape's spPr (or a background's bgPr): ("solid", rgb, alpha),
    ("gradient", [(position 0–1, rgb, alpha), …], angle in degrees or None for a radial
    one), ("picture", image bytes), ("none",), or None
    when the element says nothing (a shape's style may then fill it: `style`)."""
    if sp_pr is not None:
        for child in sp_pr:
            tag = etree.QName(child).localname
            if tag == "noFill":
                return ("none",)
            if tag == "solidFill":
                found = color_of(child, scheme)
                return ("solid", *found) if found else None
            if tag == "gradFill":
                stops = []
                for gs in _x(child, "./a:gsLst/a:gs"):
                    found = color_of(gs, scheme)
                    if found:
                        stops.append((int(gs.get("pos", "0")) / 100000, *found))
                stops.sort()
                angle = _x(child, "./a:lin/@ang")
                # a path (radial) gradient is taken as its stops' average: no angle
                radial = child.find(qn("a:path")) is not None
                return ("gradient", stops, None if radial else
                        (int(angle[0]) / 60000 if angle else 90.0)) if stops else None
            if tag == "blipFill":
                rid = _x(child, "./a:blip/@r:embed")
                try:
                    return ("picture", part.related_part(rid[0]).blob) if rid else None
                except KeyError:
                    return None
            if tag == "grpFill":
                return None
    if style is not None:  # p:style/a:fillRef idx="0" means no fill
        ref = style.find(qn("a:fillRef"))
        if ref is not None and ref.get("idx", "0") != "0":
            found = color_of(ref, scheme)
            return ("solid", *found) if found else None
    return None


def background(owner, scheme: Scheme):
    """The fill of a master's or layout's own background (`p:bg`), or None."""
    bg = owner._element.cSld.find(qn("p:bg"))
    if bg is None:
        return None
    pr = bg.find(qn("p:bgPr"))
    if pr is not None:
        return fill_of(pr, scheme, owner.part)
    ref = bg.find(qn("p:bgRef"))
    found = color_of(ref, scheme) if ref is not None else None
    return ("solid", *found) if found else None


def shows_master_shapes(layout) -> bool:
    """False when a layout hides its master's artwork (`showMasterSp="0"`)."""
    return layout._element.get("showMasterSp", "1") not in ("0", "false")


def artwork(owner, scheme: Scheme) -> list[tuple[tuple[float, float, float, float], tuple]]:
    """The non-placeholder shapes of a master or layout with a fill: [(box in pt, fill)],
    bottom first; shapes in groups placed through the group's transform. A shape is taken as
    its bounding box (a freeform as the rectangle around it)."""
    out: list = []
    tree = owner._element.cSld.find(qn("p:spTree"))
    _walk(tree, scheme, owner.part, out, (0.0, 0.0, 1.0, 1.0))
    return out


def _walk(group, scheme, part, out, tf) -> None:
    ox, oy, sx, sy = tf
    for el in group:
        tag = etree.QName(el).localname
        if tag not in ("sp", "pic", "grpSp"):
            continue
        if _x(el, "./*/p:nvPr/p:ph"):
            continue
        xfrm = el.find("./p:grpSpPr/a:xfrm" if tag == "grpSp" else "./p:spPr/a:xfrm", _NS)
        if xfrm is None:
            continue
        off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
        if off is None or ext is None:
            continue
        x, y = ox + int(off.get("x", 0)) * sx, oy + int(off.get("y", 0)) * sy
        w, h = int(ext.get("cx", 0)) * sx, int(ext.get("cy", 0)) * sy
        if tag == "grpSp":
            ch_off, ch_ext = xfrm.find(qn("a:chOff")), xfrm.find(qn("a:chExt"))
            cw = int(ch_ext.get("cx", 0)) if ch_ext is not None else 0
            chh = int(ch_ext.get("cy", 0)) if ch_ext is not None else 0
            gx = w / cw if cw else sx
            gy = h / chh if chh else sy
            cx0 = int(ch_off.get("x", 0)) if ch_off is not None else 0
            cy0 = int(ch_off.get("y", 0)) if ch_off is not None else 0
            _walk(el, scheme, part, out, (x - cx0 * gx, y - cy0 * gy, gx, gy))
            continue
        if tag == "pic":
            fill = fill_of(_pic_fill(el), scheme, part)
        else:
            fill = fill_of(el.find(qn("p:spPr")), scheme, part, el.find(qn("p:style")))
        if fill and fill[0] != "none" and w > 0 and h > 0:
            out.append(((x / EMU_PT, y / EMU_PT, w / EMU_PT, h / EMU_PT), fill))


def _pic_fill(pic):
    """A picture's blipFill, wrapped so fill_of reads it like a shape's spPr."""
    wrapper = etree.Element("wrapper")
    blip = pic.find(qn("p:blipFill"))
    if blip is not None:
        copy = etree.SubElement(wrapper, qn("a:blipFill"))
        for child in blip:
            copy.append(_clone(child))
    return wrapper


def _clone(el):
    return etree.fromstring(etree.tostring(el))


def numbers_slides(owner) -> bool:
    """True when a master's or layout's artwork (not a placeholder) holds a slide-number
    field: the template numbers its slides itself."""
    tree = owner._element.cSld.find(qn("p:spTree"))
    return any(not _x(sp, "./p:nvSpPr/p:nvPr/p:ph") for sp in
               _x(tree, ".//p:sp[.//a:fld[@type='slidenum']]"))


def text_format(sp, scheme: Scheme) -> dict:
    """What a placeholder shape says of its text: align, anchor, size (pt), color (RRGGBB),
    font, bold; keys only for what it sets. Read from its bodyPr, list style level 1, first
    paragraph's properties and first run (or end-of-paragraph) properties."""
    found: dict = {}
    body = sp.find(qn("p:txBody"))
    if body is None:
        return found
    pr = body.find(qn("a:bodyPr"))
    if pr is not None and pr.get("anchor") in ANCHOR:
        found["anchor"] = ANCHOR[pr.get("anchor")]
    lvl = body.find("./a:lstStyle/a:lvl1pPr", _NS)
    p_pr = body.find("./a:p/a:pPr", _NS)
    runs = _x(body, "./a:p[1]/a:r/a:rPr | ./a:p[1]/a:endParaRPr")
    for source in (lvl, p_pr):
        if source is not None and source.get("algn") in ALIGN and "align" not in found:
            found["align"] = ALIGN[source.get("algn")]
    rprs = ([lvl.find(qn("a:defRPr"))] if lvl is not None else []) + runs
    for rpr in rprs:
        if rpr is None:
            continue
        _run_format(rpr, scheme, found)
    return found


def _run_format(rpr, scheme: Scheme, found: dict) -> None:
    if rpr.get("sz") and "size" not in found:
        found["size"] = int(rpr.get("sz")) / 100
    if rpr.get("b") is not None and "bold" not in found:
        found["bold"] = rpr.get("b") in ("1", "true")
    fill = rpr.find(qn("a:solidFill"))
    if fill is not None and "color" not in found:
        color = color_of(fill, scheme)
        if color:
            found["color"] = color[0]
    latin = rpr.find(qn("a:latin"))
    if latin is not None and "font" not in found:
        face = scheme.typeface(latin.get("typeface"))
        if face:
            found["font"] = face


def master_style(master, ph_type: str, scheme: Scheme) -> dict:
    """Level-1 formatting of the master's text style for a placeholder type (titleStyle for
    titles, bodyStyle otherwise): align, size, color, font, bold."""
    found: dict = {}
    styles = master._element.find(qn("p:txStyles"))
    if styles is None:
        return found
    style = styles.find(qn(_STYLE.get(ph_type, "p:bodyStyle")))
    lvl = style.find(qn("a:lvl1pPr")) if style is not None else None
    if lvl is None:
        return found
    if lvl.get("algn") in ALIGN:
        found["align"] = ALIGN[lvl.get("algn")]
    rpr = lvl.find(qn("a:defRPr"))
    if rpr is not None:
        _run_format(rpr, scheme, found)
    return found


def placeholder_type(sp) -> tuple[str, int]:
    """(type, idx) of a placeholder shape element: type `obj` when unset."""
    ph = _x(sp, "./*/p:nvPr/p:ph")[0]
    return ph.get("type", "obj"), int(ph.get("idx", "0"))


def placeholder_elements(owner) -> list[tuple[str, int, object, tuple | None]]:
    """(type, idx, element, (x, y, w, h) in EMU or None) of a slide's, layout's or master's
    placeholders in idx order, read from the XML (python-pptx looks each box up again through
    the inheritance chain on every access)."""
    found = []
    for el in _x(owner._element.cSld.find(qn("p:spTree")), "./*[*/p:nvPr/p:ph]"):
        kind, idx = placeholder_type(el)
        found.append((kind, idx, el, xfrm_of(el)))
    return sorted(found, key=lambda item: item[1])


def xfrm_of(el) -> tuple | None:
    """(x, y, w, h) in EMU of a shape's own transform, None when it inherits one."""
    xfrm = el.find("./p:spPr/a:xfrm", _NS)
    if xfrm is None:
        xfrm = el.find("./p:xfrm", _NS)
    if xfrm is None:
        return None
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    if off is None or ext is None:
        return None
    return (int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)),
            int(ext.get("cy", 0)))


def master_placeholder(master, ph_type: str):
    """The master's placeholder element a layout placeholder of `ph_type` inherits from."""
    want = _MASTER_TYPE.get(ph_type, ph_type)
    for sp in _x(master._element.cSld.find(qn("p:spTree")), "./p:sp[p:nvSpPr/p:nvPr/p:ph]"):
        if placeholder_type(sp)[0] == want:
            return sp
    return None


def producer(prs) -> str:
    """The application that wrote the package (docProps/app.xml), or ""."""
    for part in prs.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            try:
                root = etree.fromstring(part.blob)
            except etree.XMLSyntaxError:
                return ""
            app = root.find("{*}Application")
            return (app.text or "") if app is not None else ""
    return ""


def master_name(master) -> str | None:
    """The name a master gives itself (`p:cSld/@name`), or None."""
    return master._element.cSld.get("name") or None
