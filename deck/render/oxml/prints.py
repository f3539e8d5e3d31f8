"""Raw XML for issue 13's per-slide fingerprint (deck/fingerprint.py hashes what is read here).

* `slide_parts`: what a person could change on a slide, read from its `p:sld` element and the
  parts it relates to — the same code for a slide in memory and one read from a file;
* `package_slides`: a .pptx's slides straight from the zip with lxml (no python-pptx: a check
  of a 200-slide deck must stay cheap);
* `write_custom` / `read_custom`: the prints as custom document properties
  (docProps/custom.xml), which PowerPoint and LibreOffice keep when they save.
"""

from __future__ import annotations

import hashlib
import posixpath
import zipfile
from collections.abc import Callable, Iterator

from lxml import etree

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_CP = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
RT_CUSTOM = f"{_R}/custom-properties"
CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
RT_NOTES = f"{_R}/notesSlide"
RT_SLIDE = f"{_R}/slide"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # user-defined properties (MS-OSHARED)
_SHAPES = {f"{{{_P}}}{t}" for t in ("sp", "pic", "graphicFrame", "cxnSp", "grpSp")}
_PH = f"{{{_P}}}nvSpPr/{{{_P}}}nvPr/{{{_P}}}ph"
# where each kind of shape keeps its box
_XFRM = {f"{{{_P}}}{tag}": path.format(p=f"{{{_P}}}", a=f"{{{_A}}}") for tag, path in (
    ("sp", "{p}spPr/{a}xfrm"), ("pic", "{p}spPr/{a}xfrm"), ("cxnSp", "{p}spPr/{a}xfrm"),
    ("graphicFrame", "{p}xfrm"), ("grpSp", "{p}grpSpPr/{a}xfrm"))}
_EMBED = f"{{{_R}}}embed"
_RID = f"{{{_R}}}id"
_MAX_PART = 64 * 2**20  # a slide or chart part bigger than this is not read (a zip bomb)

# related(rId or reltype) → a part's XML root, or its bytes for a picture; None when missing
Related = Callable[[str], object]


# --- a slide's parts ----------------------------------------------------------------------------

_A_P, _A_R, _A_FLD, _A_BR, _A_T = (f"{{{_A}}}{t}" for t in ("p", "r", "fld", "br", "t"))
_A_TBL, _A_TR, _A_TC, _A_TXBODY = (f"{{{_A}}}{t}" for t in ("tbl", "tr", "tc", "txBody"))


def _text(body) -> str:
    """A text body's text: paragraphs on lines, a line break as \\v, a field as its type."""
    lines = []
    for p in body.iterchildren(_A_P):
        line = []
        for el in p.iterchildren(_A_R, _A_FLD, _A_BR):
            tag = el.tag
            if tag == _A_R:
                line.append(el.findtext(_A_T) or "")
            else:  # a field's text is the app's to fill in (LibreOffice writes "<number>")
                line.append("\v" if tag == _A_BR else f"{{{el.get('type')}}}")
        lines.append("".join(line))
    return "\n".join(lines).strip()


def _cells(tbl) -> str:
    """A table's cell texts: a row a line, cells split by tabs."""
    rows = []
    for tr in tbl.iter(_A_TR):
        row = []
        for tc in tr.iter(_A_TC):
            body = tc.find(_A_TXBODY)
            row.append(_text(body) if body is not None else "")
        rows.append("\t".join(row))
    return "\n".join(rows)


def _box(shape) -> tuple[int, ...]:
    """A shape's box (x, y, cx, cy in EMU), or () when it inherits its layout's."""
    xfrm = shape.find(_XFRM.get(shape.tag, ""))
    off = xfrm.find(f"{{{_A}}}off") if xfrm is not None else None
    ext = xfrm.find(f"{{{_A}}}ext") if xfrm is not None else None
    if off is None or ext is None:
        return ()
    try:
        return (int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)),
                int(ext.get("cy", 0)))
    except ValueError:
        return ()


def _number(text: str) -> str:
    try:
        return repr(float(text))
    except ValueError:
        return text


def _chart(root) -> str:
    """A chart's data as its cached values say: plot types, each series' name, categories
    and values (numbers as floats: "3" and "3.0" are one value)."""
    out = []
    for plot in root.iter(f"{{{_C}}}plotArea"):
        for kind in plot:
            series = kind.findall(f"{{{_C}}}ser")
            if not series:
                continue
            out.append(etree.QName(kind).localname)
            for ser in series:
                tx = ser.find(f"{{{_C}}}tx")  # its cached text, not the formula
                name = "".join(v.text or "" for v in tx.iter(f"{{{_C}}}v")) if tx is not None \
                    else ""
                out.append(f"series {name}")
                for axis in ser:
                    tag = etree.QName(axis).localname
                    if tag in ("cat", "val", "xVal", "yVal", "bubbleSize"):
                        points = [_number(v.text or "") for v in axis.iter(f"{{{_C}}}v")]
                        out.append(f"{tag} " + "\t".join(points))
    return "\n".join(out)


def slide_parts(sld, related: Related) -> dict[str, object]:
    """What a person could change on a slide, as plain values: title, text (other text
    shapes), cells (tables), chart (chart data), pictures (image digests and alt text),
    notes, boxes (every shape's box, in EMU) and shapes (how many). `related(rId)` gives a related
    part's XML root (a chart) or bytes (a picture); `related(RT_NOTES)` the notes slide's."""
    title, texts, cells, charts, pictures, boxes = [], [], [], [], [], []
    tree = sld.find(f"{{{_P}}}cSld/{{{_P}}}spTree")
    shapes = [el for el in tree.iter(*_SHAPES) if el is not tree] if tree is not None else []
    for shape in shapes:
        boxes.append(_box(shape))
        local = etree.QName(shape).localname
        if local == "sp":
            body = shape.find(f"{{{_P}}}txBody")
            text = _text(body) if body is not None else ""
            ph = shape.find(_PH)
            if ph is not None and ph.get("type") in ("title", "ctrTitle"):
                title.append(text)
            elif text:
                texts.append(text)
        elif local == "pic":
            blip = next(shape.iter(f"{{{_A}}}blip"), None)
            blob = related(blip.get(_EMBED)) if blip is not None else None
            digest = hashlib.blake2b(blob, digest_size=8).hexdigest() if blob else ""
            alt = next(shape.iter(f"{{{_P}}}cNvPr")).get("descr", "")
            pictures.append(f"{digest} {alt}")
        elif local == "graphicFrame":
            for tbl in shape.iter(_A_TBL):
                cells.append(_cells(tbl))
            for ref in shape.iter(f"{{{_C}}}chart"):
                chart = related(ref.get(_RID))
                charts.append(_chart(chart) if chart is not None else "")
    notes = ""
    notes_root = related(RT_NOTES)
    if notes_root is not None:
        for sp in notes_root.iter(f"{{{_P}}}sp"):
            ph = sp.find(_PH)
            body = sp.find(f"{{{_P}}}txBody")
            if ph is not None and ph.get("type") == "body" and body is not None:
                notes = _text(body)
                break
    return {"title": "\n".join(title), "text": "\x1e".join(texts), "cells": "\x1e".join(cells),
            "chart": "\x1e".join(charts), "pictures": "\x1e".join(pictures), "notes": notes,
            "boxes": boxes, "shapes": len(shapes)}


def memory_related(slide) -> Related:
    """`related` for a python-pptx slide: its parts as python-pptx holds them."""
    part = slide.part

    def related(key: str):
        if key == RT_NOTES:
            rel = next((r for r in part.rels.values() if r.reltype == RT_NOTES), None)
            return rel.target_part._element if rel is not None else None
        try:
            target = part.related_part(key)
        except KeyError:
            return None
        element = getattr(target, "_element", None)
        return element if element is not None else target.blob
    return related


# --- a package read with lxml -------------------------------------------------------------------

def _rels(z: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: rId → (type, target part name); external ones left out."""
    folder, name = posixpath.split(part)
    try:
        root = etree.fromstring(z.read(f"{folder}/_rels/{name}.rels"))
    except KeyError:
        return {}
    out = {}
    for rel in root.iter(f"{{{_PR}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = (target.lstrip("/") if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target)))
        out[rel.get("Id")] = (rel.get("Type"), path)
    return out


def _read(z: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_PART:
        raise ValueError(f"{name} is too big to read")
    return z.read(info)


def _parse(data: bytes | None):
    if data is None:
        return None
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True,
                                                  huge_tree=False))


def main_part(z: zipfile.ZipFile) -> str:
    """The presentation part's name, from the package's relationships."""
    for reltype, target in _package_rels(z):
        if reltype.endswith("/officeDocument"):
            return target
    raise ValueError("no presentation part")


def _package_rels(z: zipfile.ZipFile) -> list[tuple[str, str]]:
    try:
        root = etree.fromstring(z.read("_rels/.rels"))
    except KeyError:
        return []
    return [(rel.get("Type", ""), rel.get("Target", "").lstrip("/"))
            for rel in root.iter(f"{{{_PR}}}Relationship")]


def package_slides(z: zipfile.ZipFile) -> Iterator[tuple[int, object, Related]]:
    """Each slide of an open .pptx zip in order: (slide id, `p:sld` root, related)."""
    presentation = main_part(z)
    rels = _rels(z, presentation)
    root = _parse(_read(z, presentation))
    for sld_id in root.iter(f"{{{_P}}}sldId"):
        slide = rels.get(sld_id.get(_RID), ("", ""))[1]
        slide_rels = _rels(z, slide)

        def related(key: str, slide_rels=slide_rels):
            if key == RT_NOTES:
                name = next((t for kind, t in slide_rels.values() if kind == RT_NOTES), None)
                return _parse(_read(z, name)) if name else None
            kind, name = slide_rels.get(key, ("", ""))
            data = _read(z, name) if name else None
            return _parse(data) if data is not None and name.endswith(".xml") else data
        yield int(sld_id.get("id", 0)), _parse(_read(z, slide)), related


# --- custom document properties -----------------------------------------------------------------

def write_custom(prs, values: dict[str, str]) -> None:
    """Set `values` as text custom properties (docProps/custom.xml, made when missing),
    replacing every property whose name starts with "deck"; other properties are kept."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    package = prs.part.package
    part = next((rel.target_part for rel in package._rels.values()
                 if rel.reltype == RT_CUSTOM and not rel.is_external), None)
    root = (etree.fromstring(part.blob) if part is not None
            else etree.Element(f"{{{_CP}}}Properties", nsmap={None: _CP, "vt": _VT}))
    for prop in root.findall(f"{{{_CP}}}property"):
        if (prop.get("name") or "").startswith("deck"):
            root.remove(prop)
    pid = max([int(p.get("pid", 1)) for p in root.findall(f"{{{_CP}}}property")] + [1])
    for name, value in values.items():
        pid += 1
        prop = etree.SubElement(root, f"{{{_CP}}}property", fmtid=_FMTID, pid=str(pid),
                                name=name)
        etree.SubElement(prop, f"{{{_VT}}}lpwstr").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if part is not None:
        part._blob = blob
        return
    part = Part(PackURI("/docProps/custom.xml"), CT_CUSTOM, package, blob)
    package.relate_to(part, RT_CUSTOM)


def read_custom(z: zipfile.ZipFile) -> dict[str, str]:
    """A package's text custom properties, by name ({} when it has none)."""
    name = next((t for kind, t in _package_rels(z) if kind == RT_CUSTOM), None)
    root = _parse(_read(z, name)) if name else None
    if root is None:
        return {}
    return {prop.get("name", ""): "".join(prop.itertext())
            for prop in root.iter(f"{{{_CP}}}property")}
