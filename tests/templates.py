"""Template fixtures made with python-pptx: other master colours and fonts, other layout names,
a 4:3 slide, a chart placeholder, slides of their own, .potx packaging."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Emu

from deck.render.oxml import scale_placeholders_x

POTX = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def make_template(path: Path, *, wide: bool = True, names: dict[str, str] | None = None,
                  master_fill: str = "EAF2EE", title_font: str = "Georgia",
                  chart_layout: str | None = None, own_slides: int = 0,
                  squeeze: dict[str, tuple[int | None, int | None]] | None = None) -> Path:
    """A template at `path` (.pptx, or .potx packaged as a template).

    `names` renames layouts ({"Title Only": "Brand Title"}); `chart_layout` turns that layout's
    body placeholder into a chart placeholder; `own_slides` adds slides that must not carry;
    `squeeze` sets a layout's body placeholders to (width, height) in pt (None: unchanged)."""
    prs = Presentation()
    if wide:
        prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
        scale_placeholders_x(prs, 12192000 / 9144000)  # as deck widens its own default
    prs.slide_master.background.fill.solid()
    prs.slide_master.background.fill.fore_color.rgb = RGBColor.from_string(master_fill)
    title_style = prs.slide_master._element.find(qn("p:txStyles")).find(qn("p:titleStyle"))
    for rpr in title_style.iter(qn("a:defRPr")):
        latin = rpr.find(qn("a:latin"))
        if latin is None:
            latin = etree.SubElement(rpr, qn("a:latin"))
        latin.set("typeface", title_font)
    for layout in prs.slide_layouts:
        new = (names or {}).get(layout.name)
        if new:
            layout._element.cSld.set("name", new)
        if layout.name == chart_layout:
            for ph in layout._element.xpath(".//p:nvPr/p:ph[@idx='1']"):
                ph.set("type", "chart")
        if layout.name in (squeeze or {}):
            w, h = squeeze[layout.name]
            for ext in layout._element.xpath(".//p:sp[.//p:ph[@idx>0]]/p:spPr/a:xfrm/a:ext"):
                if w is not None:
                    ext.set("cx", str(int(w * 12700)))
                if h is not None:
                    ext.set("cy", str(int(h * 12700)))
    for k in range(own_slides):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"Template's own slide {k + 1}"
    buffer = io.BytesIO()
    prs.save(buffer)
    data = buffer.getvalue()
    if path.suffix == ".potx":
        data = _retype(data, PPTX, POTX)
    path.write_bytes(data)
    return path


def _retype(data: bytes, old: str, new: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "[Content_Types].xml":
                body = body.replace(old.encode(), new.encode())
            dst.writestr(info, body)
    return out.getvalue()


# --- templates for the analysis tests: several masters, other languages, dark pictures -----

GERMAN = {"Title Slide": "Titelfolie", "Title and Content": "Titel und Inhalt",
          "Section Header": "Abschnittsüberschrift", "Two Content": "Zwei Inhalte",
          "Comparison": "Vergleich", "Title Only": "Nur Titel", "Blank": "Leer",
          "Content with Caption": "Inhalt mit Überschrift",
          "Picture with Caption": "Bild mit Überschrift",
          "Title and Vertical Text": "Titel und vertikaler Text",
          "Vertical Title and Text": "Vertikaler Titel und Text"}


def add_master(prs, name: str):
    """A copy of the first master with its own theme and layouts, as PowerPoint stores a
    second master: its own parts, listed in sldMasterIdLst, layouts in its sldLayoutIdLst."""
    import copy

    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.parts.slide import SlideLayoutPart, SlideMasterPart

    pkg, src = prs.part.package, prs.slide_masters[0]
    ids = [int(i) for i in prs.part._element.xpath("./p:sldMasterIdLst/*/@id")]
    for master in prs.slide_masters:
        ids += [int(i) for i in master._element.xpath("./p:sldLayoutIdLst/*/@id")]
    next_id = max(ids) + 1
    theme = Part(pkg.next_partname("/ppt/theme/theme%d.xml"), CT.OFC_THEME, pkg,
                 src.part.part_related_by(RT.THEME).blob)
    element = copy.deepcopy(src._element)
    element.cSld.set("name", name)
    part = SlideMasterPart(pkg.next_partname("/ppt/slideMasters/slideMaster%d.xml"),
                           CT.PML_SLIDE_MASTER, pkg, element)
    part.relate_to(theme, RT.THEME)
    # related at once: a part's name is counted taken only once the package reaches it
    master_rid = prs.part.relate_to(part, RT.SLIDE_MASTER)
    listed = element.find(qn("p:sldLayoutIdLst"))
    for entry in list(listed):
        listed.remove(entry)
    for layout in src.slide_layouts:
        layout_part = SlideLayoutPart(pkg.next_partname("/ppt/slideLayouts/slideLayout%d.xml"),
                                      CT.PML_SLIDE_LAYOUT, pkg, copy.deepcopy(layout._element))
        rid = part.relate_to(layout_part, RT.SLIDE_LAYOUT)
        layout_part.relate_to(part, RT.SLIDE_MASTER)
        entry = etree.SubElement(listed, qn("p:sldLayoutId"), id=str(next_id))
        entry.set(qn("r:id"), rid)
        next_id += 1
    masters = prs.part._element.find(qn("p:sldMasterIdLst"))
    entry = etree.SubElement(masters, qn("p:sldMasterId"), id=str(next_id))
    entry.set(qn("r:id"), master_rid)
    return prs.slide_masters[len(prs.slide_masters) - 1]


def _move(owner, ph_type: str, box_pt: tuple[float, float, float, float]) -> None:
    """Give the placeholders of a type on a master or layout this box (x, y, w, h in pt)."""
    for sp in owner._element.xpath(f".//p:sp[p:nvSpPr/p:nvPr/p:ph[@type='{ph_type}']]"):
        xfrm = sp.spPr.get_or_add_xfrm()
        xfrm.get_or_add_off().set("x", str(int(box_pt[0] * 12700)))
        xfrm.get_or_add_off().set("y", str(int(box_pt[1] * 12700)))
        xfrm.get_or_add_ext().set("cx", str(int(box_pt[2] * 12700)))
        xfrm.get_or_add_ext().set("cy", str(int(box_pt[3] * 12700)))


def _art(owner, box_pt: tuple[float, float, float, float], fill: str, name: str) -> None:
    """A filled rectangle of master artwork (no placeholder), drawn first (under the rest)."""
    x, y, w, h = (str(int(v * 12700)) for v in box_pt)
    tree = owner.shapes._spTree
    sp = etree.Element(qn("p:sp"))
    nv = etree.SubElement(sp, qn("p:nvSpPr"))
    etree.SubElement(nv, qn("p:cNvPr"), id="90", name=name)
    etree.SubElement(nv, qn("p:cNvSpPr"))
    etree.SubElement(nv, qn("p:nvPr"))
    pr = etree.SubElement(sp, qn("p:spPr"))
    xfrm = etree.SubElement(pr, qn("a:xfrm"))
    etree.SubElement(xfrm, qn("a:off"), x=x, y=y)
    etree.SubElement(xfrm, qn("a:ext"), cx=w, cy=h)
    etree.SubElement(etree.SubElement(pr, qn("a:prstGeom"), prst="rect"), qn("a:avLst"))
    etree.SubElement(etree.SubElement(pr, qn("a:solidFill")), qn("a:srgbClr"), val=fill)
    etree.SubElement(etree.SubElement(pr, qn("a:ln")), qn("a:noFill"))
    tree.insert(2, sp)


def _picture_background(owner, png: Path) -> None:
    """The master's background: a picture stretched over the slide (`p:bg/p:bgPr/a:blipFill`)."""
    _, rid = owner.part.get_or_add_image_part(str(png))
    c_sld = owner._element.cSld
    for old in c_sld.findall(qn("p:bg")):
        c_sld.remove(old)
    bg = etree.Element(qn("p:bg"))
    pr = etree.SubElement(bg, qn("p:bgPr"))
    blip = etree.SubElement(pr, qn("a:blipFill"))
    etree.SubElement(blip, qn("a:blip")).set(qn("r:embed"), rid)
    etree.SubElement(etree.SubElement(blip, qn("a:stretch")), qn("a:fillRect"))
    etree.SubElement(pr, qn("a:effectLst"))
    c_sld.insert(0, bg)


def make_analysis_template(path: Path, kind: str) -> Path:
    """A template for the analysis tests, saved as PowerPoint saves one:

    * "two_masters": a plain content master first, then a cover master whose title slide
      sets the title low over a full-bleed band ("Cover");
    * "german": every layout named in German;
    * "dark_picture": one master whose background is a dark photograph-like picture, its
      text colours left dark (black on the picture);
    * "narrow_43": a 4:3 slide whose title boxes are 180 × 30 pt.
    """
    prs = Presentation()
    if kind != "narrow_43":
        prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
        scale_placeholders_x(prs, 12192000 / 9144000)  # as deck widens its own default
    if kind == "two_masters":
        prs.slide_master._element.cSld.set("name", "Content")
        cover = add_master(prs, "Cover")
        _art(cover, (0, 0, 960, 260), "1F6F8B", "Cover band")
        for layout in cover.slide_layouts:
            _move(layout, "ctrTitle", (60, 300, 840, 110))
            _move(layout, "subTitle", (60, 420, 840, 60))
        cover.background.fill.solid()
        cover.background.fill.fore_color.rgb = RGBColor.from_string("123B5C")
    elif kind == "german":
        for layout in prs.slide_layouts:
            layout._element.cSld.set("name", GERMAN.get(layout.name, layout.name))
    elif kind == "dark_picture":
        from PIL import Image

        png = path.with_suffix(".png")
        image = Image.new("RGB", (320, 180), (18, 22, 30))
        for x in range(0, 320, 40):  # some texture, all of it dark
            image.paste((40, 48, 66), (x, 0, x + 20, 180))
        image.save(png)
        _picture_background(prs.slide_master, png)
    elif kind == "narrow_43":
        for owner in [prs.slide_master, *prs.slide_layouts]:
            _move(owner, "title", (40, 20, 180, 30))
    buffer = io.BytesIO()
    prs.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path
