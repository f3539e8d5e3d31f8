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
        factor = 12192000 / 9144000
        for owner in [prs.slide_master, *prs.slide_layouts]:
            for off in owner.shapes._spTree.xpath("./p:sp/p:spPr/a:xfrm/a:off"):
                off.set("x", str(int(int(off.get("x")) * factor)))
            for ext in owner.shapes._spTree.xpath("./p:sp/p:spPr/a:xfrm/a:ext"):
                ext.set("cx", str(int(int(ext.get("cx")) * factor)))
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
