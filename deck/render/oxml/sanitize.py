"""A template is an input from anyone: copy what a deck needs out of it, check it, repair it.

`clean_template(data)` reads a .pptx/.potx package with every size bounded *before* it is
read (a zip bomb's declared sizes are refused; a lying header is caught by a bounded read),
parses its XML with DTDs refused, and writes a new package holding only what a deck is built
on: the presentation part (no slides, custom shows or sections), its slide masters, their
layouts and themes, the pictures those use, and embedded fonts. Everything else is left
behind: the template's own slides and notes (and any "secret" slide), its notes and handout
masters, macros (`vbaProject`, whatever its content type says), OLE objects and ActiveX
controls, external and `file:` links (tracking pixels, UNC paths), tags, comments and its
metadata (core, app and custom properties, thumbnail). What PowerPoint needs and the template
lacks (`presProps`, `viewProps`, `tableStyles`) is added from python-pptx's own template.
Names and numbers python-pptx and the layout stage rely on (slide size, placeholder `idx`,
shape positions) are checked here, so a bad one is a TemplateProblem, never a traceback.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from lxml import etree

from .opc import (
    CONTENT_TYPES,
    FONT_TYPES,
    IMAGE_TYPES,
    NS,
    Package,
    Rel,
    TemplateProblem,
    default_part,
    read_rels,
    write_package,
)
from .template_checks import (
    MAX_LAYOUTS,
    MAX_MASTERS,
    attached,
    check_shapes,
    check_slide_size,
    field_boxes,
    remove_shape,
)

_R = f"{{{NS['r']}}}"

# What each kind of part may keep a relationship to (by the last segment of the type URI);
# anything else is left behind, and the XML that referred to it removed.
KEEP = {
    "root": {"officeDocument"},
    "presentation": {"slideMaster", "theme", "presProps", "viewProps", "tableStyles", "font"},
    "slideMaster": {"slideLayout", "theme", "image"},
    "slideLayout": {"slideMaster", "image"},
    "theme": {"image"},
}
# presentation.xml children that point at what is left behind, or lock the file
_PRESENTATION_DROP = ("notesMasterIdLst", "handoutMasterIdLst", "custShowLst", "photoAlbum",
                      "custDataLst", "modifyVerifier", "extLst", "smartTags", "kinsoku")
class _Cleaner:
    def __init__(self, pkg: Package, linked_root: Path | None):
        self.pkg = pkg
        self.linked_root = linked_root  # where linked pictures may be embedded from
        self.parts: dict[str, bytes] = {}  # member name → bytes, in the order written
        self.types: dict[str, str] = {}  # member name → content type (XML parts)
        self.rels: dict[str, list[tuple[str, str, str]]] = {}  # part → [(rid, type, target)]
        self.kinds: dict[str, str] = {}
        self.dropped: dict[str, list[str]] = {}  # what was left behind, for warnings
        self.media_count = 0
        self.link_to_embed: dict[str, set[str]] = {}  # part → rIds of links made embeds
        self.layout_count = 0
        self.slide = (0, 0)  # EMU, read from the presentation before any master

    def note(self, what: str, example: str) -> None:
        self.dropped.setdefault(what, []).append(example)

    # --- the walk ---------------------------------------------------------------------------

    def run(self) -> None:
        root_rels = read_rels(self.pkg, "")
        main = [r for r in root_rels if r.kind == "officeDocument" and not r.external]
        if not main or not self.pkg.has(main[0].target):
            raise TemplateProblem("is not a PowerPoint file: it has no presentation part")
        for rel in root_rels:
            if rel.kind != "officeDocument":
                self.note("metadata (document properties, thumbnail)", rel.target)
        self.presentation(main[0].target)

    def presentation(self, name: str) -> None:
        root = self.pkg.xml(name)
        if etree.QName(root).localname != "presentation":
            raise TemplateProblem(f"part `{name}` is not a presentation")
        rels = {r.rid: r for r in read_rels(self.pkg, name)}
        for tag in _PRESENTATION_DROP:
            for el in root.findall(f"p:{tag}", NS):
                root.remove(el)
        ids = root.find("p:sldIdLst", NS)
        if ids is not None:
            if len(ids):
                self.note("the template's own slides (and their notes)", f"{len(ids)} slides")
            root.remove(ids)
        self.slide = check_slide_size(root, name)
        kept: list[tuple[str, str, str]] = []
        masters = root.findall("p:sldMasterIdLst/p:sldMasterId", NS)
        if not masters:
            raise TemplateProblem("has no slide master")
        if len(masters) > MAX_MASTERS:
            raise TemplateProblem(f"has {len(masters)} slide masters; the limit is "
                                  f"{MAX_MASTERS}")
        self.layout_count = 0
        for entry in masters:
            rel = rels.get(entry.get(f"{_R}id"))
            if rel is None or rel.external or rel.kind != "slideMaster":
                raise TemplateProblem(f"part `{name}` lists a slide master it does not link to")
            if not self.pkg.has(rel.target):
                raise TemplateProblem(f"is damaged: its slide master `{rel.target}` is missing")
        for rel in rels.values():
            if rel.external or rel.kind not in KEEP["presentation"]:
                if rel.kind not in ("slide", "notesMaster", "handoutMaster"):
                    self.note(_what(rel.kind), rel.target)
                continue
            if not self.pkg.has(rel.target):
                if rel.kind == "slideMaster":
                    raise TemplateProblem(f"is damaged: `{rel.target}` is missing")
                continue  # a missing theme/props part: repaired below
            if rel.kind == "slideMaster":
                self.master(rel.target)
            elif rel.kind == "font":
                if not self.media(rel.target, FONT_TYPES):
                    continue
            else:
                self.simple(rel.target, rel.kind)
            kept.append((rel.rid, rel.kind, rel.target))
        fonts = root.find("p:embeddedFontLst", NS)
        if fonts is not None:
            self.strip_refs(fonts, {k[0] for k in kept}, name)
            for font in fonts.findall("p:embeddedFont", NS):
                if len(font) <= 1:  # only its name left
                    fonts.remove(font)
            if not len(fonts):
                root.remove(fonts)
        self.repair(kept, name)
        self.kinds[name] = "presentation"
        self.put(name, root, CONTENT_TYPES["presentation"], kept)

    def master(self, name: str) -> None:
        if name in self.kinds:
            return
        self.kinds[name] = "slideMaster"
        root = self.pkg.xml(name)
        rels = {r.rid: r for r in read_rels(self.pkg, name)}
        kept = self.keep_rels(name, rels, "slideMaster")
        kinds = {rid: kind for rid, kind, _ in kept}
        if "theme" not in kinds.values():
            raise TemplateProblem(f"is damaged: slide master `{name}` has no theme part")
        layouts = root.find("p:sldLayoutIdLst", NS)
        entries = layouts.findall("p:sldLayoutId", NS) if layouts is not None else []
        if not entries:
            raise TemplateProblem(f"slide master `{name}` has no slide layouts")
        for entry in entries:
            rid = entry.get(f"{_R}id")
            if kinds.get(rid) != "slideLayout":
                raise TemplateProblem(f"is damaged: slide master `{name}` lists a layout "
                                      "that is missing")
        self.layout_count += len(entries)
        if self.layout_count > MAX_LAYOUTS:
            raise TemplateProblem(f"has more than {MAX_LAYOUTS} slide layouts, the limit")
        check_shapes(root, name, self.slide)
        for text in field_boxes(root, name):
            self.note("repaired: LibreOffice field text boxes made placeholders", text)
        self.strip_refs(root, set(kinds), name)
        self.put(name, root, CONTENT_TYPES["slideMaster"], kept)
        for _rid, kind, target in kept:
            if kind == "slideLayout":
                self.layout(target, name)

    def layout(self, name: str, master: str) -> None:
        if name in self.kinds:
            return
        self.kinds[name] = "slideLayout"
        root = self.pkg.xml(name)
        rels = {r.rid: r for r in read_rels(self.pkg, name)}
        kept = self.keep_rels(name, rels, "slideLayout")
        masters = [t for _, kind, t in kept if kind == "slideMaster"]
        if masters != [master]:
            raise TemplateProblem(f"is damaged: layout `{name}` does not belong to the master "
                                  "that lists it")
        check_shapes(root, name, self.slide)
        for text in field_boxes(root, name):
            self.note("repaired: LibreOffice field text boxes made placeholders", text)
        self.strip_refs(root, {rid for rid, _, _ in kept}, name)
        self.put(name, root, CONTENT_TYPES["slideLayout"], kept)

    def simple(self, name: str, kind: str) -> None:
        """A theme or a properties part: copied, its pictures kept, nothing else."""
        if name in self.kinds:
            return
        self.kinds[name] = kind
        root = self.pkg.xml(name)
        kept = []
        if kind == "theme":
            rels = {r.rid: r for r in read_rels(self.pkg, name)}
            kept = self.keep_rels(name, rels, "theme")
        self.strip_refs(root, {rid for rid, _, _ in kept}, name)
        self.put(name, root, CONTENT_TYPES[kind], kept)

    def keep_rels(self, part: str, rels: dict, kind: str) -> list[tuple[str, str, str]]:
        kept = []
        for rel in rels.values():
            if rel.kind not in KEEP[kind]:
                if rel.kind != "hyperlink":
                    self.note(_what(rel.kind), rel.target)
                continue
            if rel.external:
                embedded = self.embed_linked(rel) if rel.kind == "image" else None
                if embedded is None:
                    self.note("linked pictures outside the template's folder", rel.target)
                    continue
                self.link_to_embed.setdefault(part, set()).add(rel.rid)
                kept.append((rel.rid, "image", embedded))
                continue
            if not self.pkg.has(rel.target):
                if rel.kind in ("slideLayout", "slideMaster", "theme"):
                    raise TemplateProblem(f"is damaged: `{rel.target}`, used by `{part}`, is "
                                          "missing")
                self.note("pictures missing from the package", rel.target)
                continue
            if rel.kind == "theme":
                self.simple(rel.target, "theme")
            elif rel.kind == "image" and not self.media(rel.target, IMAGE_TYPES):
                continue
            kept.append((rel.rid, rel.kind, rel.target))
        return kept

    def embed_linked(self, rel: Rel) -> str | None:
        """A linked picture whose file is in the template's folder becomes an embedded one
        (PowerPoint would fetch a link when the deck is opened: a tracking pixel, a UNC path
        leaking credentials). Returns the new member name, or None to drop it."""
        if self.linked_root is None:
            return None
        from urllib.parse import unquote, urlparse

        from ...files import check_image, resolve

        target = rel.target
        if target.lower().startswith("file:"):
            parsed = urlparse(target)
            if parsed.netloc not in ("", "localhost"):
                return None  # file://host/share: a UNC path
            target = unquote(parsed.path)
        elif re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target) or target.startswith(("\\\\", "//")):
            return None  # http:, https:, a drive letter, a UNC path
        found = resolve(target, self.linked_root, (self.linked_root,))
        if isinstance(found, str) or isinstance(check_image(found), str):
            return None
        ext = found.suffix.lower().lstrip(".")
        if ext not in IMAGE_TYPES:
            return None
        self.media_count += 1
        name = f"ppt/media/linked{self.media_count}.{ext}"
        self.parts[name] = found.read_bytes()
        return name

    def media(self, name: str, allowed: dict[str, str]) -> bool:
        ext = name.rsplit(".", 1)[-1].lower() if "." in posixpath.basename(name) else ""
        if ext not in allowed:
            self.note("parts of unknown kinds", name)
            return False
        if name not in self.parts:
            self.parts[name] = self.pkg.read(name)
        return True

    # --- XML ---------------------------------------------------------------------------------

    def strip_refs(self, root, kept: set[str], name: str) -> None:
        """Remove what refers to a relationship that was not kept: a link (the element), an
        OLE object, control or linked picture (its whole shape), a picture fill (no fill)."""
        embed = self.link_to_embed.get(name, set())
        links = [f"{{{NS['a']}}}{tag}" for tag in ("hlinkClick", "hlinkHover", "hlinkMouseOver")]
        for el in list(root.iter(*links)):
            self.note("links", el.get(f"{_R}id") or el.get("action") or "")
            el.getparent().remove(el)
        for el in list(root.iter(f"{{{NS['p']}}}custDataLst")):
            el.getparent().remove(el)
        for el in list(root.iter()):
            if not attached(el, root):
                continue  # already removed with an ancestor
            link = el.get(f"{_R}link")
            if link is not None and link in embed:  # embedded from the template's folder
                del el.attrib[f"{_R}link"]
                el.set(f"{_R}embed", link)
            local = etree.QName(el).localname
            if local == "blip" and el.get(f"{_R}embed") in kept:
                el.attrib.pop(f"{_R}link", None)  # "link and embed": the embedded copy stays
            refs = [v for k, v in el.attrib.items() if k.startswith(_R)]
            if not refs or all(v in kept or v == "" for v in refs):
                if etree.QName(el).localname in ("oleObj", "control"):
                    remove_shape(el, root)
                continue
            if local == "svgBlip":  # an SVG beside its PNG fallback: the fallback stays
                ext = el.getparent()
                if ext is not None and ext.getparent() is not None:
                    ext.getparent().remove(ext)
                continue
            if local == "blip" and el.getparent() is not None:
                fill = el.getparent()
                holder = fill.getparent()
                if etree.QName(fill).localname == "blipFill" and holder is not None and \
                        etree.QName(holder).localname != "pic":
                    fill.addprevious(etree.Element(f"{{{NS['a']}}}noFill"))
                    holder.remove(fill)
                    continue
                if etree.QName(fill).localname == "buBlip":
                    fill.getparent().remove(fill)
                    continue
            remove_shape(el, root)

    def put(self, name: str, root, content_type: str, rels: list[tuple[str, str, str]]) -> None:
        self.parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                          standalone=True)
        self.types[name] = content_type
        self.rels[name] = rels

    def repair(self, kept: list[tuple[str, str, str]], name: str) -> None:
        """Add the presentation-level parts PowerPoint expects and the template lacks."""
        have = {kind for _, kind, _ in kept}
        rids = {rid for rid, _, _ in kept}
        for kind in ("presProps", "viewProps", "tableStyles"):
            if kind in have:
                continue
            target = posixpath.join(posixpath.dirname(name), f"{kind}.xml")
            n = 1
            while target in self.parts or self.pkg.has(target):
                target = posixpath.join(posixpath.dirname(name), f"{kind}{n}.xml")
                n += 1
            rid = _free_rid(rids)
            rids.add(rid)
            self.parts[target] = default_part(f"ppt/{kind}.xml")
            self.types[target] = CONTENT_TYPES[kind]
            self.rels[target] = []
            kept.append((rid, kind, target))
            self.note("repaired: added", f"{kind}.xml")

def _free_rid(used: set[str]) -> str:
    n = 1
    while f"rId{n}" in used:
        n += 1
    return f"rId{n}"


_WHAT = {"vbaProject": "macros", "oleObject": "OLE objects", "package": "OLE objects",
         "control": "ActiveX controls", "activeXControl": "ActiveX controls",
         "hyperlink": "links", "customXml": "custom XML", "tags": "tags",
         "commentAuthors": "comments", "comments": "comments", "notesMaster": "notes master",
         "handoutMaster": "handout master", "printerSettings": "printer settings",
         "video": "videos and sounds", "audio": "videos and sounds", "media": "videos and sounds"}


def _what(kind: str) -> str:
    return _WHAT.get(kind, kind)


# What the author is told was dropped (a warning): what might have been meant to be in the deck,
# or what was hostile. The template's sample slides, metadata and repairs go without saying.
WORTH_TELLING = {"links", "linked pictures outside the template's folder", "macros",
                 "OLE objects", "ActiveX controls", "pictures missing from the package",
                 "parts of unknown kinds", "videos and sounds"}

_MACRO_MAIN = re.compile(r"macroEnabled", re.IGNORECASE)


def clean_template(data: bytes, linked_root: Path | None = None) -> tuple[bytes, list[str]]:
    """(a clean package, what was left behind or repaired, one line each). `linked_root`: the
    folder linked pictures may be embedded from (the template's own); None drops them all.
    Raises TemplateProblem for a package that cannot be used."""
    pkg = Package(data)
    if not pkg.has("[Content_Types].xml"):
        raise TemplateProblem("is not a PowerPoint file (.pptx or .potx)")
    types = pkg.xml("[Content_Types].xml")  # parsed: `&#109;acroEnabled` reads as macroEnabled
    for el in types:
        if el.get("PartName", "").lower().endswith("presentation.xml") and \
                _MACRO_MAIN.search(el.get("ContentType", "")):
            raise TemplateProblem("is macro-enabled; save it as .pptx or .potx without macros")
    cleaner = _Cleaner(pkg, linked_root)
    cleaner.run()
    main = next(name for name, kind in cleaner.kinds.items() if kind == "presentation")
    notes = [f"{what} left out of the deck: {len(items)} ({', '.join(sorted(set(items))[:2])}"
             f"{', …' if len(set(items)) > 2 else ''})"
             for what, items in cleaner.dropped.items() if what in WORTH_TELLING]
    return write_package(cleaner.parts, cleaner.types, cleaner.rels, main), notes
