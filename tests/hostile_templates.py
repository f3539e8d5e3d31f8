"""Hostile templates, made by the tests: python-pptx's default template with one thing changed in
its zip (a link, a macro, a DTD, a bad number, a bomb). `HOSTILE` maps a file name to the
change; `make_hostile_templates(folder)` writes them all."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT = R + "/"
MASTER = "ppt/slideMasters/slideMaster1.xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
PRES = "ppt/presentation.xml"
PRES_RELS = "ppt/_rels/presentation.xml.rels"
TYPES = "[Content_Types].xml"


def base_template() -> dict[str, bytes]:
    """python-pptx's default template with a slide of its own (with notes and a "secret"),
    16:9, as {member: bytes}."""
    from pptx import Presentation

    prs = Presentation()
    prs.slide_width, prs.slide_height = 12192000, 6858000
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "SECRET: the template's own slide"
    slide.notes_slide.notes_text_frame.text = "SECRET notes"
    prs.core_properties.keywords = "SECRET keywords"
    prs.core_properties.category = "SECRET category"
    out = io.BytesIO()
    prs.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as z:
        return {n: z.read(n) for n in z.namelist()}


def pack(parts: dict[str, bytes], extra: list[tuple[str, bytes]] = ()) -> bytes:
    import warnings

    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        warnings.simplefilter("ignore")  # a duplicate name is the point of some cases
        for name, data in parts.items():
            z.writestr(name, data)
        for name, data in extra:  # may repeat a name: a damaged zip
            z.writestr(name, data)
    return out.getvalue()


def _sub(parts: dict, name: str, old: str, new: str, count: int = 1) -> None:
    text = parts[name].decode("utf-8")
    assert old in text, (name, old)
    parts[name] = text.replace(old, new, count).encode("utf-8")


def _add_rel(parts: dict, rels: str, rid: str, kind: str, target: str, external=False) -> None:
    mode = ' TargetMode="External"' if external else ""
    _sub(parts, rels, "</Relationships>",
         f'<Relationship Id="{rid}" Type="{RT}{kind}" Target="{target}"{mode}/></Relationships>')


def _master_picture(rid: str, attr: str = "embed") -> str:
    return ('<p:pic><p:nvPicPr><p:cNvPr id="99" name="Pixel"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:{attr}="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
            '</p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="12700" cy="12700"/>'
            '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')


def _on_master(parts: dict, xml: str) -> None:
    _sub(parts, MASTER, "</p:spTree>", xml + "</p:spTree>")


def linked_picture(target: str) -> Callable[[dict], None]:
    def change(parts: dict) -> None:
        _add_rel(parts, MASTER_RELS, "rId90", "image", target, external=True)
        _on_master(parts, _master_picture("rId90", "link"))
    return change


def file_hyperlink(parts: dict) -> None:
    _add_rel(parts, MASTER_RELS, "rId91", "hyperlink", "file:///etc/passwd", external=True)
    _on_master(parts, '<p:sp><p:nvSpPr><p:cNvPr id="97" name="Link"/><p:cNvSpPr txBox="1"/>'
               '<p:nvPr/></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r>'
               '<a:rPr lang="en-US"><a:hlinkClick r:id="rId91"/></a:rPr><a:t>passwords</a:t>'
               '</a:r></a:p></p:txBody></p:sp>')


def escaped_macro_type(parts: dict) -> None:
    _sub(parts, TYPES, "presentationml.presentation.main+xml",
         "presentationml.presentation.&#109;acroEnabled.main+xml")


def vba_under_normal_type(parts: dict) -> None:
    parts["ppt/vbaProject.bin"] = b"VBA macro SECRET"
    _add_rel(parts, PRES_RELS, "rId92", "vbaProject", "vbaProject.bin")


def ole_package_on_master(parts: dict) -> None:
    parts["ppt/embeddings/oleObject1.bin"] = b"OLE package SECRET"
    _add_rel(parts, MASTER_RELS, "rId93",
             "package", "../embeddings/oleObject1.bin")
    _on_master(parts, '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="98" name="Object"/>'
               '<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/>'
               '<a:ext cx="12700" cy="12700"/></p:xfrm><a:graphic><a:graphicData uri="http://'
               'schemas.openxmlformats.org/presentationml/2006/ole"><p:oleObj progId="Package" '
               'r:id="rId93"><p:embed/></p:oleObj></a:graphicData></a:graphic></p:graphicFrame>')


def dtd(parts: dict) -> None:
    text = parts[MASTER].decode("utf-8")
    decl, rest = text.split("?>", 1)
    parts[MASTER] = (decl + '?><!DOCTYPE x [<!ENTITY e "SECRET">]>' + rest).encode("utf-8")


def custom_show(parts: dict) -> None:
    _sub(parts, PRES, "<p:sldSz", '<p:custShowLst><p:custShow name="Show" id="0"><p:sldLst>'
         '<p:sld r:id="rId7"/></p:sldLst></p:custShow></p:custShowLst><p:sldSz')


def slide_size(cx: str) -> Callable[[dict], None]:
    def change(parts: dict) -> None:
        text = parts[PRES].decode("utf-8")
        parts[PRES] = re.sub(r'<p:sldSz cx="\d+"', f'<p:sldSz cx="{cx}"', text).encode()
    return change


def no_slide_size(parts: dict) -> None:
    text = parts[PRES].decode("utf-8")
    parts[PRES] = re.sub(r"<p:sldSz[^>]*/>", "", text).encode()


def placeholder_idx(idx: str) -> Callable[[dict], None]:
    def change(parts: dict) -> None:
        _sub(parts, "ppt/slideLayouts/slideLayout2.xml", 'idx="1"', f'idx="{idx}"')
    return change


def bad_extent(parts: dict) -> None:
    text = parts["ppt/slideLayouts/slideLayout2.xml"].decode()
    parts["ppt/slideLayouts/slideLayout2.xml"] = re.sub(r'<a:ext cx="\d+"', '<a:ext cx="abc"',
                                                        text, count=1).encode()


def huge_placeholder(parts: dict) -> None:
    """The master's title placeholder 200 in wide."""
    _sub(parts, MASTER, '<a:ext cx="8229600" cy="1143000"/>',
         '<a:ext cx="182880000" cy="1143000"/>')


def missing(name: str) -> Callable[[dict], None]:
    def change(parts: dict) -> None:
        del parts[name]
    return change


def no_layouts(parts: dict) -> None:
    text = parts[MASTER].decode()
    parts[MASTER] = re.sub(r"<p:sldLayoutIdLst>.*</p:sldLayoutIdLst>", "", text).encode()


def many_placeholders(parts: dict) -> None:
    ph = ('<p:sp><p:nvSpPr><p:cNvPr id="{n}" name="P{n}"/><p:cNvSpPr/><p:nvPr>'
          '<p:ph type="body" idx="{n}"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>')
    _sub(parts, "ppt/slideLayouts/slideLayout2.xml", "</p:spTree>",
         "".join(ph.format(n=100 + k) for k in range(1000)) + "</p:spTree>")


def many_layouts(n: int) -> Callable[[dict], None]:
    return lambda parts: _many_layouts(parts, n)


def _many_layouts(parts: dict, n: int) -> None:
    layout = parts["ppt/slideLayouts/slideLayout7.xml"]
    layout_rels = parts["ppt/slideLayouts/_rels/slideLayout7.xml.rels"]
    ids, rels, types = [], [], []
    for k in range(100, 100 + n):
        parts[f"ppt/slideLayouts/slideLayout{k}.xml"] = layout
        parts[f"ppt/slideLayouts/_rels/slideLayout{k}.xml.rels"] = layout_rels
        ids.append(f'<p:sldLayoutId id="{2147490000 + k}" r:id="rId{k}"/>')
        rels.append(f'<Relationship Id="rId{k}" Type="{RT}slideLayout" '
                    f'Target="../slideLayouts/slideLayout{k}.xml"/>')
        types.append(f'<Override PartName="/ppt/slideLayouts/slideLayout{k}.xml" ContentType="'
                     'application/vnd.openxmlformats-officedocument.presentationml.slideLayout'
                     '+xml"/>')
    _sub(parts, MASTER, "</p:sldLayoutIdLst>", "".join(ids) + "</p:sldLayoutIdLst>")
    _sub(parts, MASTER_RELS, "</Relationships>", "".join(rels) + "</Relationships>")
    _sub(parts, TYPES, "</Types>", "".join(types) + "</Types>")


def libreoffice_core_rel(parts: dict) -> None:
    """LibreOffice links core properties with the 2006 package namespace's type, which
    python-pptx does not recognise (it then adds a second docProps/core.xml)."""
    _sub(parts, "_rels/.rels", "http://schemas.openxmlformats.org/package/2006/relationships/"
         "metadata/core-properties",
         "http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/"
         "core-properties")


def libreoffice_field_box(parts: dict) -> None:
    """A date placeholder as LibreOffice sometimes exports it: a plain text box."""
    _on_master(parts, '<p:sp><p:nvSpPr><p:cNvPr id="96" name="Date"/><p:cNvSpPr txBox="1"/>'
               '<p:nvPr/></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r>'
               '<a:rPr lang="en-US"/><a:t>&lt;date/time&gt;</a:t></a:r></a:p></p:txBody>'
               '</p:sp>')


def no_view_props(parts: dict) -> None:
    del parts["ppt/viewProps.xml"]
    text = parts[PRES_RELS].decode()
    parts[PRES_RELS] = re.sub(r'<Relationship Id="\w+" Type="[^"]+/viewProps"[^>]*/>', "",
                              text).encode()


def zip_bomb(size: int = 3 * 1024 ** 3 // 2) -> bytes:
    """A package whose theme part inflates to `size` bytes (1.5 GB; 1.5 MB compressed)."""
    parts = base_template()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name != "ppt/theme/theme1.xml":
                z.writestr(name, data)
        info = zipfile.ZipInfo("ppt/theme/theme1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as fh:
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return out.getvalue()


HOSTILE: dict[str, Callable[[dict], None]] = {
    "tracking-pixel.potx": linked_picture("http://tracker.example/pixel.png"),
    "unc-picture.potx": linked_picture("file://///host/share/pixel.png"),
    "outside-picture.potx": linked_picture("../outside.png"),
    "file-hyperlink.potx": file_hyperlink,
    "escaped-macro.potx": escaped_macro_type,
    "vba-project.potx": vba_under_normal_type,
    "ole-package.potx": ole_package_on_master,
    "dtd.potx": dtd,
    "custom-show.potx": custom_show,
    "slide-width-zero.potx": slide_size("0"),
    "slide-width-200in.potx": slide_size("182880000"),
    "slide-width-abc.potx": slide_size("abc"),
    "no-slide-size.potx": no_slide_size,
    "placeholder-idx-x.potx": placeholder_idx("x"),
    "placeholder-idx-huge.potx": placeholder_idx("4294967296"),
    "extent-abc.potx": bad_extent,
    "huge-placeholder.potx": huge_placeholder,
    "no-master.potx": missing(MASTER),
    "no-layout-part.potx": missing("ppt/slideLayouts/slideLayout2.xml"),
    "no-theme.potx": missing("ppt/theme/theme1.xml"),
    "no-layouts.potx": no_layouts,
    "many-placeholders.potx": many_placeholders,
    "many-layouts.potx": many_layouts(300),
    "thousands-of-layouts.potx": many_layouts(2100),  # 4,200 parts: over the limit
    "libreoffice-core.potx": libreoffice_core_rel,
    "no-view-props.potx": no_view_props,
    "libreoffice-field-box.potx": libreoffice_field_box,
}


def make(change: Callable[[dict], None] | None = None) -> bytes:
    parts = base_template()
    if change:
        change(parts)
    return pack(parts)


_MADE: list[Path] = []  # a folder holding every template, made once per process


def make_hostile_templates(folder: Path) -> None:
    """Every template of HOSTILE in `folder`, and `duplicate-member.pptx`: made once per
    process, then hard-linked (regular files inside `folder`, as the corpus needs)."""
    import os
    import shutil
    import tempfile

    if not _MADE:
        made = Path(tempfile.mkdtemp(prefix="deck-hostile-templates-"))
        for name, change in HOSTILE.items():
            (made / name).write_bytes(make(change))
        (made / "duplicate-member.potx").write_bytes(
            pack(base_template(), [("ppt/slides/slide1.xml", b"<secret/>")]))
        _MADE.append(made)
    folder.mkdir(parents=True, exist_ok=True)
    for path in _MADE[0].iterdir():
        try:
            os.link(path, folder / path.name)
        except OSError:
            shutil.copyfile(path, folder / path.name)
