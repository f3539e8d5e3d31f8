"""The package: sections, slides and part names, properties, reproducible saving."""

from __future__ import annotations

import copy
import uuid

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.text.text import TextFrame

from .a11y import ADEC, DECORATIVE_URI
from .table import xml_attr

P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
SECTION_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
_A_NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
_NS_UUID = uuid.UUID("6f1c3c52-4d1e-4a8e-9a43-2b7d0f5a9c11")  # ids from content: reproducible
_P_SP, _P_NVSPPR, _P_CNVPR = qn("p:sp"), qn("p:nvSpPr"), qn("p:cNvPr")
_P_NVPR_PH = f"{qn('p:nvPr')}/{qn('p:ph')}"
_A_XFRM, _A_OFF, _A_EXT = qn("a:xfrm"), qn("a:off"), qn("a:ext")
_P_SLDID, _R_ID = qn("p:sldId"), qn("r:id")


def memoize_qn() -> None:
    """python-pptx turns "p:sp" into "{uri}sp" by building a new object on every call, and its
    element classes call it for every child they look up: 15 % of a chart deck's time. The
    answer depends only on the string, so each python-pptx module that imported `qn` gets a
    cached one (same results; a module imported later keeps the original)."""
    import sys
    from functools import lru_cache

    import pptx.oxml.ns as ns

    original = getattr(ns.qn, "__wrapped__", ns.qn)
    cached = lru_cache(maxsize=None)(original)
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] == "pptx" and getattr(module, "qn", None) in (original, ns.qn):
            module.qn = cached


def stable_guid(*parts: object) -> str:
    """A GUID in braces that depends only on `parts`, so rebuilding gives the same file."""
    return "{" + str(uuid.uuid5(_NS_UUID, "\x1f".join(map(str, parts)))).upper() + "}"


# --- presentation -------------------------------------------------------------------------

def set_sections(prs, sections: list[tuple[str, list[int]]]) -> None:
    """Write PowerPoint sections: [(name, [slide index, ...]), ...], indexes 0-based in deck
    order. Empty sections are skipped. (python-pptx's `slide.slide_id` scans the whole slide
    list per call: quadratic for big decks; the ids are read once here instead.)"""
    slide_ids = prs.part._element.get_or_add_sldIdLst().xpath("./p:sldId/@id")
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
        for index in slides:
            etree.SubElement(ids, f"{{{P14}}}sldId", id=str(slide_ids[index]))


def count_part_names(prs) -> None:
    """Allocate new part names from counters. python-pptx walks every part of the package for
    each new part (a chart adds two: the chart and its workbook), which made 81 % of the time
    of a 1,000-chart deck; a counter per name template gives the same names in O(1)."""
    package = prs.part.package
    used = {str(part.partname) for part in package.iter_parts()}
    counters: dict[str, int] = {}

    def next_partname(tmpl: str) -> PackURI:
        n = counters.get(tmpl, 1)
        while tmpl % n in used:
            n += 1
        used.add(tmpl % n)
        counters[tmpl] = n + 1
        return PackURI(tmpl % n)

    package.next_partname = next_partname  # this package only: an instance attribute


class SlideAdder:
    """`prs.slides.add_slide(layout)` without its two scans of the whole deck per slide (one
    for an existing relationship to the new part, one for the largest slide id): same parts,
    ids and relationships, in constant time per slide."""

    def __init__(self, prs, cloned: dict | None = None):
        """`cloned`: placeholders made for earlier slides, by layout part name, to reuse across
        presentations opened from the same template package (None: this one only)."""
        self.part = prs.part
        self.ids = self.part._element.get_or_add_sldIdLst()
        self.next_id = max([255] + [int(i) for i in self.ids.xpath("./p:sldId/@id")]) + 1
        self.cloned: dict[str, list] = {} if cloned is None else cloned

    def add(self, layout):
        partname = PackURI(f"/ppt/slides/slide{len(self.ids) + 1}.xml")
        slide_part = SlidePart.new(partname, self.part.package, layout.part)
        rid = self.part.rels._add_relationship(RT.SLIDE, slide_part)  # new part: nothing to reuse
        slide = slide_part.slide
        tree = slide.shapes._spTree
        # a new slide's placeholders depend only on its layout: python-pptx makes the first
        # slide's (looking each one up with inheritance), later slides get copies
        key = str(layout.part.partname)
        made = self.cloned.get(key)
        if made is None:
            before = len(tree)
            slide.shapes.clone_layout_placeholders(layout)
            self.cloned[key] = [copy.deepcopy(el) for el in tree[before:]]
        else:
            tree.extend(copy.deepcopy(el) for el in made)
        self._list(rid)
        self.last_rid = rid
        # python-pptx's "turbo add": shape ids from a counter, not a search of the whole slide
        # for the largest id per shape added; every shape deck adds goes through slide.shapes
        slide.shapes.turbo_add_enabled = True
        return slide

    def replace_last(self, part) -> None:
        """Put `part` (a stub holding the slide's bundle) where the slide last added was."""
        rels = self.part.rels
        old = rels[self.last_rid]  # a new one: python-pptx caches a relationship's target
        rels._rels[self.last_rid] = type(old)(old._base_uri, old.rId, old.reltype,
                                              old._target_mode, part)

    def _list(self, rid: str) -> None:
        """The next `p:sldId` in presentation.xml: python-pptx's `_add_sldId` builds it through
        its element classes and searches for where it goes, a cost per slide that a rebuild
        taking 199 of 200 slides from its cache pays for every one."""
        etree.SubElement(self.ids, _P_SLDID, {"id": str(self.next_id), _R_ID: rid})
        self.next_id += 1

    def add_stub(self, make_part) -> None:
        """A slide made elsewhere in the next slide's place: `make_part(partname, package)`
        gives its part (an incremental build's cached slide), listed as `add` lists one."""
        part = make_part(PackURI(f"/ppt/slides/slide{len(self.ids) + 1}.xml"), self.part.package)
        rid = self.part.rels._add_relationship(RT.SLIDE, part)
        self._list(rid)


PLACEHOLDER_ROLES = {
    "title": "title", "ctrTitle": "title", "vertTitle": "title", "subTitle": "subtitle",
    "body": "body", "obj": "body", "pic": "picture", "chart": "chart", "tbl": "table",
    "ftr": "footer", "sldNum": "slide_number", "dt": "date",
}


# compiled once: python-pptx's `xpath` compiles its expression on every call
_P_NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
_PLACEHOLDER_SHAPES = etree.XPath("./*[*/p:nvPr/p:ph]", namespaces=_P_NS)
_PH_OF = etree.XPath("./*/p:nvPr/p:ph", namespaces=_P_NS)


def placeholders(slide) -> list[tuple[str | None, int, object]]:
    """(role, idx, shape) of a slide's placeholders in idx order, read from the XML in one
    pass: python-pptx's `slide.placeholders` looks each one up again, with inheritance."""
    found = []
    for el in _PLACEHOLDER_SHAPES(slide.shapes._spTree):
        ph = _PH_OF(el)[0]
        role = PLACEHOLDER_ROLES.get(ph.get("type", "obj"))
        found.append((role, int(ph.get("idx", "0")), slide.shapes._shape_factory(el)))
    return sorted(found, key=lambda item: item[1])


def fill_placeholder(slide, shape_id: int, placeholder) -> None:
    """Make the shape `shape_id` (a chart or table frame, a picture) the content of a slide's
    content placeholder, as PowerPoint does when one is inserted into it: the shape takes the
    placeholder's `p:ph` and its place in the drawing order, and the empty placeholder goes."""
    tree = slide.shapes._spTree
    found = tree.xpath(f"./*[*/p:cNvPr/@id='{int(shape_id)}']")
    if not found:
        return
    element, old = found[0], placeholder._element
    nv_pr = element.xpath("./*[1]/p:nvPr")[0]
    ph = copy.deepcopy(old.xpath("./*[1]/p:nvPr/p:ph")[0])
    for attr in ("type", "orient", "sz"):  # "any content" fits a chart, a table, a picture
        ph.attrib.pop(attr, None)
    nv_pr.insert(0, ph)
    tree.remove(element)
    old.addprevious(element)
    tree.remove(old)


def set_box(shape, x: int, y: int, w: int, h: int) -> None:
    """Position and size of a shape with spPr (text, picture), in EMU, in one write:
    python-pptx's four setters each look the placeholder up again, and its get_or_add_xfrm
    searches spPr for twenty successor tags. `a:xfrm` is spPr's first child by the schema,
    `a:off` and `a:ext` the xfrm's first two."""
    place_sp_pr(shape._element.spPr, x, y, w, h)


def place_sp_pr(sp_pr, x: int, y: int, w: int, h: int) -> None:
    """`set_box` on a shape's `p:spPr` element itself (EMU)."""
    xfrm = sp_pr.find(_A_XFRM)
    if xfrm is None:
        xfrm = etree.Element(_A_XFRM)
        sp_pr.insert(0, xfrm)
    off, ext = xfrm.find(_A_OFF), xfrm.find(_A_EXT)
    if off is None:
        off = etree.Element(_A_OFF)
        xfrm.insert(0, off)
    if ext is None:
        ext = etree.Element(_A_EXT)
        off.addnext(ext)
    off.set("x", str(x))
    off.set("y", str(y))
    ext.set("cx", str(w))
    ext.set("cy", str(h))


def drop_slides(prs) -> None:
    """Remove every slide (a template's own): their list entries and relationships, so the
    parts are no longer reachable and are not saved."""
    ids = prs.part._element.get_or_add_sldIdLst()
    for entry in list(ids):
        rid = entry.get(qn("r:id"))
        ids.remove(entry)
        prs.part.drop_rel(rid)


class NotesWriter:
    """Speaker notes. python-pptx builds each notes slide by cloning the notes master's
    placeholders and finds its body placeholder by searching them, a fifth of a small deck's
    render time; here the first is built that way and the others are copies of it, related
    exactly as python-pptx relates them, their text set through the copied body."""

    def __init__(self):
        self.prototype = None
        self.body_path = None  # the notes body's txBody, as a path from the root

    def write(self, slide, text: str, fill=None) -> None:
        """`fill(body)`, when given, writes the text into the notes body (`a:txBody`) instead
        of python-pptx's bare runs, which carry no language."""
        if self.prototype is None:
            notes = slide.notes_slide
            self.prototype = copy.deepcopy(notes._element)
            self.body_path = _index_path(notes._element, notes.notes_placeholder.text_frame._txBody)
            if fill is not None:
                fill(notes.notes_placeholder.text_frame._txBody)
            else:
                notes.notes_text_frame.text = text
            return
        part, package = slide.part, slide.part.package
        element = copy.deepcopy(self.prototype)
        notes_part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
                                    CT.PML_NOTES_SLIDE, package, element)
        notes_part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        notes_part.relate_to(part, RT.SLIDE)
        part.relate_to(notes_part, RT.NOTES_SLIDE)
        body = element
        for index in self.body_path:
            body = body[index]
        if fill is not None:
            fill(body)
        else:
            TextFrame(body, None).text = text


def _index_path(root, element) -> list[int]:
    """Child indexes leading from `root` down to `element`."""
    path = []
    while element is not root:
        parent = element.getparent()
        path.append(parent.index(element))
        element = parent
    return path[::-1]


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
    for el in tree.findall(_P_SP):
        nv = el.find(_P_NVSPPR)
        if nv is not None and nv.find(_P_NVPR_PH) is not None and \
                int(nv.find(_P_CNVPR).get("id")) not in keep:
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


def set_theme(prs, colors: dict[str, str], heading_font: str, body_font: str) -> None:
    """Write colours (`dk1`, `lt1`, `accent1`, `hlink`, … → RRGGBB) and the heading and body
    typefaces into the master's theme part, so shapes a user adds later, and hyperlinks
    (coloured by `hlink` in LibreOffice and PowerPoint), follow the deck's theme."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    elements = root.find(qn("a:themeElements"))
    scheme = elements.find(qn("a:clrScheme"))
    for name, rgb in colors.items():
        slot = scheme.find(qn(f"a:{name}"))
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, qn("a:srgbClr"), val=rgb)
    fonts = elements.find(qn("a:fontScheme"))
    for tag, face in (("a:majorFont", heading_font), ("a:minorFont", body_font)):
        fonts.find(qn(tag)).find(qn("a:latin")).set("typeface", face)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def read_theme(prs) -> tuple[dict[str, str], str, str]:
    """(colours by slot name, heading typeface, body typeface) of the master's theme: for tests."""
    root = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    elements = root.find(qn("a:themeElements"))
    colors = {}
    for slot in elements.find(qn("a:clrScheme")):
        found = slot.xpath("./a:srgbClr/@val | ./a:sysClr/@lastClr", namespaces=_A_NS)
        colors[etree.QName(slot).localname] = found[0] if found else ""
    fonts = elements.find(qn("a:fontScheme"))
    faces = [fonts.find(qn(tag)).find(qn("a:latin")).get("typeface")
             for tag in ("a:majorFont", "a:minorFont")]
    return colors, faces[0], faces[1]


def add_rect(slide, x: int, y: int, cx: int, cy: int, *, fill: str, name: str,
             decorative: bool = False) -> int:
    """A filled rectangle without outline, shadow or text (EMU), at the end of the shape tree,
    written as one string: python-pptx's `add_shape` builds a styled autoshape and then needs
    four property calls to undo the styling. `decorative`: with Office's decorative flag
    (oxml.a11y.set_decorative's markup). Returns its shape id."""
    shape_id = slide.shapes._next_shape_id
    flag = (' descr=""><a:extLst><a:ext uri="' + DECORATIVE_URI + '"><adec:decorative '
            f'xmlns:adec="{ADEC}" val="1"/></a:ext></a:extLst></p:cNvPr>' if decorative
            else "/>")
    slide.shapes._spTree.append(parse_xml(
        f'<p:sp {nsdecls("a", "p")}><p:nvSpPr><p:cNvPr id="{shape_id}" '
        f'name="{xml_attr(name)}"{flag}<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>'
        f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        "</p:spPr></p:sp>"))
    return shape_id


def set_alt_text(shape, text: str) -> None:
    """Alt text (`descr`) on a picture or graphic frame, read by screen readers."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


# --- package --------------------------------------------------------------------------------

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip member can carry


def save_reproducible(prs, file) -> None:
    """Write the package to `file` with every zip member stamped 1980-01-01, so the same deck
    gives the same bytes: through oxml.link, which writes each slide from its bundle (cut from
    the slide, or taken from the incremental build's cache: `package.deck_reuse`)."""
    from .link import bundle_of, package_zip

    package = prs.part.package
    reuse = getattr(package, "deck_reuse", None)
    file.write(package_zip(package, reuse.bundle_of if reuse is not None else bundle_of))
    if reuse is not None:
        reuse.finish()
