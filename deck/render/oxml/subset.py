"""Slide-level views of a written .pptx for `deck watch --preview` (deck/previews.py): a key per
slide that changes when its picture would, and a copy of the deck holding only some slides, for
LibreOffice to draw just those. Raw package XML, read with lxml through prints.py's package
reading (relationships, the presentation part), so both read a package one way."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from lxml import etree

from .prints import _P, _RID, RT_NOTES, _rels, main_part

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
# what a slide's picture depends on besides its own parts: masters, layouts, themes, slide size
_SHARED = ("ppt/slideMasters/", "ppt/slideLayouts/", "ppt/theme/", "ppt/tableStyles.xml")


def slide_keys(deck: Path) -> list[str]:
    """A key per slide, in deck order, that changes when anything its picture is drawn from
    changes: its XML (with its slide-number text), the parts it relates to but its notes
    (charts, pictures, layout), and what every slide shares (masters, themes, slide size)."""
    with zipfile.ZipFile(deck) as z:
        names = set(z.namelist())
        shared = hashlib.sha256()
        for name in sorted(n for n in names if n.startswith(_SHARED)):
            shared.update(name.encode() + b"\0" + z.read(name))
        pres = etree.fromstring(z.read(main_part(z)))
        size = pres.find(f"{{{_P}}}sldSz")
        shared.update(etree.tostring(size) if size is not None else b"")
        keys = []
        for part in _slide_parts(z, pres):
            key = hashlib.sha256(shared.digest() + z.read(part))
            for reltype, target in _rels(z, part).values():
                if reltype != RT_NOTES and target in names:
                    key.update(target.encode() + b"\0" + z.read(target))
            keys.append(key.hexdigest())
    return keys


def _slide_parts(z: zipfile.ZipFile, pres) -> list[str]:
    """The slide part names in the order the presentation lists them."""
    rels = _rels(z, main_part(z))
    return [rels[entry.get(_RID)][1]
            for entry in pres.iterfind(f"{{{_P}}}sldIdLst/{{{_P}}}sldId")]


def subset_deck(deck: Path, keep: list[int], target: Path) -> Path:
    """A copy of `deck` listing only the slides numbered `keep` (1-based), for LibreOffice to
    draw just those. Their slide-number fields become plain text: LibreOffice would number
    them 1, 2, … in the smaller deck. Sections are dropped (they name the other slides)."""
    with zipfile.ZipFile(deck) as z, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED,
                                                     compresslevel=1) as out:
        presentation = main_part(z)
        pres = etree.fromstring(z.read(presentation))
        parts = _slide_parts(z, pres)
        kept = {parts[n - 1] for n in keep}
        entries = pres.find(f"{{{_P}}}sldIdLst")
        for k, entry in enumerate(list(entries)):
            if k + 1 not in keep:
                entries.remove(entry)
        for ext_list in pres.iterfind(f"{{{_P}}}extLst"):
            pres.remove(ext_list)
        for info in z.infolist():
            data = z.read(info)
            if info.filename == presentation:
                data = etree.tostring(pres, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            elif info.filename in kept:
                data = _fixed_numbers(data)
            out.writestr(info.filename, data)
    return target


def _fixed_numbers(slide_xml: bytes) -> bytes:
    """Each slide-number field (`a:fld type="slidenum"`) as a plain run with its text."""
    if b'type="slidenum"' not in slide_xml:
        return slide_xml
    root = etree.fromstring(slide_xml)
    for field in root.iter(f"{{{_A}}}fld"):
        if field.get("type") == "slidenum":
            field.tag = f"{{{_A}}}r"
            field.attrib.clear()
            for child in field.findall(f"{{{_A}}}pPr"):
                field.remove(child)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
