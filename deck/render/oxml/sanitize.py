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

import io
import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

from ...errors import DeckError

# Limits checked against the zip directory before anything is inflated (bytes, counts).
MAX_MEMBERS = 4000
MAX_XML_PART = 16 * 1024 * 1024  # a master of 16 MB is already absurd
MAX_MEDIA_PART = 50 * 1024 * 1024  # the limit on a picture an outline names
MAX_TOTAL = 256 * 1024 * 1024  # everything kept, inflated
MAX_MASTERS = 32
MAX_LAYOUTS = 256  # all masters together; PowerPoint's own templates have 11 a master
MAX_PLACEHOLDERS = 64  # on one master or layout (python-pptx resolves each by inheritance)
MAX_SHAPES = 2000  # on one master or layout
# OOXML ST_SlideSizeCoordinate: 1 in to 56 in, in EMU
MIN_SLIDE, MAX_SLIDE = 914400, 51206400
MAX_COORD = 27273042316900  # ST_Coordinate's bound

NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_R = "{%s}" % NS["r"]
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PML = "application/vnd.openxmlformats-officedocument.presentationml."
CONTENT_TYPES = {
    "presentation": _PML + "presentation.main+xml",
    "slideMaster": _PML + "slideMaster+xml",
    "slideLayout": _PML + "slideLayout+xml",
    "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
    "presProps": _PML + "presProps+xml",
    "viewProps": _PML + "viewProps+xml",
    "tableStyles": _PML + "tableStyles+xml",
    "app": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}
IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg",
               "gif": "image/gif", "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff",
               "emf": "image/x-emf", "wmf": "image/x-wmf", "svg": "image/svg+xml"}
FONT_TYPES = {"fntdata": "application/x-fontdata", "ttf": "application/x-font-ttf",
              "odttf": "application/vnd.openxmlformats-officedocument.obfuscatedFont"}
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
LIBREOFFICE_FIELDS = {"<date/time>": "dt", "<footer>": "ftr", "<number>": "sldNum",
                      "<header>": "hdr"}
_PLACEHOLDER_TYPES = {"title", "body", "ctrTitle", "subTitle", "dt", "sldNum", "ftr", "hdr",
                      "obj", "chart", "tbl", "clipArt", "dgm", "media", "sldImg", "pic"}
_INT = re.compile(r"^-?[0-9]{1,20}$")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_blank_text=False)


class TemplateProblem(DeckError):
    """The template cannot be used; the message says why (and names the part)."""


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MB"


class _Package:
    """The template's zip, read with limits: each member inflated at most once, bounded."""

    def __init__(self, data: bytes):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise TemplateProblem("is not a PowerPoint file (.pptx or .potx)") from None
        if len(infos) > MAX_MEMBERS:
            raise TemplateProblem(f"has {len(infos):,} parts; the limit is {MAX_MEMBERS:,}")
        self.infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if info.filename in self.infos:
                raise TemplateProblem(f"is damaged: `{info.filename}` is in the zip twice")
            self.infos[info.filename] = info
        self.inflated = 0

    def has(self, name: str) -> bool:
        return name in self.infos

    def read(self, name: str) -> bytes:
        """A member's bytes; its declared size is checked before inflating, and the inflated
        size again while reading (a header may lie)."""
        info = self.infos[name]
        is_xml = name.endswith((".xml", ".rels"))
        limit = MAX_XML_PART if is_xml else MAX_MEDIA_PART
        if info.file_size > limit:
            raise TemplateProblem(f"part `{name}` inflates to {_mb(info.file_size)}; the limit "
                                  f"is {_mb(limit)} a part")
        if self.inflated + info.file_size > MAX_TOTAL:
            raise TemplateProblem(f"inflates to more than {_mb(MAX_TOTAL)}, the limit")
        try:
            with self.zip.open(info) as fh:
                data = fh.read(limit + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise TemplateProblem(f"is damaged: part `{name}` cannot be read ({exc})") from None
        if len(data) > limit:
            raise TemplateProblem(f"part `{name}` inflates to more than {_mb(limit)}, the limit "
                                  "a part")
        self.inflated += len(data)
        if self.inflated > MAX_TOTAL:
            raise TemplateProblem(f"inflates to more than {_mb(MAX_TOTAL)}, the limit")
        return data

    def xml(self, name: str):
        """A member parsed as XML: no DTD, no entities, no network, bounded depth."""
        raw = self.read(name)
        try:
            root = etree.fromstring(raw, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise TemplateProblem(f"part `{name}` is not well-formed XML: {exc}") from None
        tree = root.getroottree()
        if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
            raise TemplateProblem(f"part `{name}` has a DTD; Office Open XML forbids them")
        return root


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _target(part: str, target: str) -> str:
    """A relationship's target as a zip member name."""
    if target.startswith("/"):
        return posixpath.normpath(target[1:])
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target)).lstrip("/")


class _Rel:
    __slots__ = ("rid", "kind", "target", "external")

    def __init__(self, rid: str, kind: str, target: str, external: bool):
        self.rid, self.kind, self.target, self.external = rid, kind, target, external


def _read_rels(pkg: _Package, part: str) -> list[_Rel]:
    name = _rels_name(part) if part else "_rels/.rels"
    if not pkg.has(name):
        return []
    rels = []
    for el in pkg.xml(name).iter(f"{{{_PR}}}Relationship"):
        rid, kind, target = el.get("Id"), el.get("Type") or "", el.get("Target") or ""
        external = el.get("TargetMode") == "External"
        rels.append(_Rel(rid, kind.rsplit("/", 1)[-1], target if external
                         else _target(part or "/", target), external))
    return rels


class _Cleaner:
    def __init__(self, pkg: _Package, linked_root: Path | None):
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

    def note(self, what: str, example: str) -> None:
        self.dropped.setdefault(what, []).append(example)

    # --- the walk ---------------------------------------------------------------------------

    def run(self) -> None:
        root_rels = _read_rels(self.pkg, "")
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
        rels = {r.rid: r for r in _read_rels(self.pkg, name)}
        for tag in _PRESENTATION_DROP:
            for el in root.findall(f"p:{tag}", NS):
                root.remove(el)
        ids = root.find("p:sldIdLst", NS)
        if ids is not None:
            if len(ids):
                self.note("the template's own slides (and their notes)", f"{len(ids)} slides")
            root.remove(ids)
        self.slide_size(root, name)
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

    def slide_size(self, root, name: str) -> None:
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

    def master(self, name: str) -> None:
        if name in self.kinds:
            return
        self.kinds[name] = "slideMaster"
        root = self.pkg.xml(name)
        rels = {r.rid: r for r in _read_rels(self.pkg, name)}
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
        self.shapes(root, name)
        self.field_boxes(root, name)
        self.strip_refs(root, set(kinds), name)
        self.put(name, root, CONTENT_TYPES["slideMaster"], kept)
        for rid, kind, target in kept:
            if kind == "slideLayout":
                self.layout(target, name)

    def layout(self, name: str, master: str) -> None:
        if name in self.kinds:
            return
        self.kinds[name] = "slideLayout"
        root = self.pkg.xml(name)
        rels = {r.rid: r for r in _read_rels(self.pkg, name)}
        kept = self.keep_rels(name, rels, "slideLayout")
        masters = [t for _, kind, t in kept if kind == "slideMaster"]
        if masters != [master]:
            raise TemplateProblem(f"is damaged: layout `{name}` does not belong to the master "
                                  "that lists it")
        self.shapes(root, name)
        self.field_boxes(root, name)
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
            rels = {r.rid: r for r in _read_rels(self.pkg, name)}
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

    def embed_linked(self, rel: _Rel) -> str | None:
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

    def shapes(self, root, name: str) -> None:
        """Numbers python-pptx and the layout stage read, checked before use."""
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
                self.number(el, axis, name, -MAX_COORD, MAX_COORD)
        for el in tree.iter(f"{{{NS['a']}}}ext", f"{{{NS['a']}}}chExt"):
            for axis in ("cx", "cy"):
                self.number(el, axis, name, 0, MAX_COORD)
        for el in root.iter(f"{{{NS['a']}}}defRPr", f"{{{NS['a']}}}rPr",
                            f"{{{NS['a']}}}endParaRPr"):
            if el.get("sz") is not None:
                self.number(el, "sz", name, 100, 400000)

    def field_boxes(self, root, name: str) -> None:
        """LibreOffice exports some date, footer and slide-number placeholders as plain text
        boxes reading `<date/time>`, `<footer>` or `<number>`: drawn on every slide as that
        text. Made placeholders again, they show only where a slide has one, as intended."""
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
            self.note("repaired: LibreOffice field text boxes made placeholders", text)

    @staticmethod
    def number(el, attr: str, name: str, low: int, high: int) -> None:
        value = el.get(attr)
        if value is None:
            return
        if not _INT.match(value) or not low <= int(value) <= high:
            raise TemplateProblem(f"part `{name}` line {el.sourceline}: "
                                  f"{etree.QName(el).localname} {attr}=`{value[:20]}` is not "
                                  f"a whole number from {low:,} to {high:,}")

    def strip_refs(self, root, kept: set[str], name: str) -> None:
        """Remove what refers to a relationship that was not kept: a link (the element), an
        OLE object, control or linked picture (its whole shape), a picture fill (no fill)."""
        embed = self.link_to_embed.get(name, set())
        for el in root.iter("{%s}hlinkClick" % NS["a"], "{%s}hlinkHover" % NS["a"],
                            "{%s}hlinkMouseOver" % NS["a"]):
            self.note("links", el.get(f"{_R}id") or el.get("action") or "")
        for el in list(root.iter("{%s}hlinkClick" % NS["a"], "{%s}hlinkHover" % NS["a"],
                                 "{%s}hlinkMouseOver" % NS["a"])):
            el.getparent().remove(el)
        for el in list(root.iter(f"{{{NS['p']}}}custDataLst")):
            el.getparent().remove(el)
        for el in list(root.iter()):
            if el.getparent() is None and el is not root:
                continue  # already removed with an ancestor
            if not _attached(el, root):
                continue
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
                    _remove_shape(el, root)
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
            _remove_shape(el, root)

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
            self.parts[target] = _default_part(f"ppt/{kind}.xml")
            self.types[target] = CONTENT_TYPES[kind]
            self.rels[target] = []
            kept.append((rid, kind, target))
            self.note("repaired: added", f"{kind}.xml")

    # --- output ----------------------------------------------------------------------------

    def package(self, main: str) -> bytes:
        out = io.BytesIO()
        app = "docProps/app.xml"
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", self.content_types(app))
            z.writestr("_rels/.rels", _rels_xml([
                ("rId1", "officeDocument", "/" + main),
                ("rId2", "extended-properties", "/" + app)], ""))
            z.writestr(app, _APP_XML)
            for name, data in self.parts.items():
                z.writestr(name, data)
                if name in self.rels and self.rels[name]:
                    z.writestr(_rels_name(name), _rels_xml(self.rels[name], name))
        return out.getvalue()

    def content_types(self, app: str) -> bytes:
        root = etree.Element(f"{{{_CT}}}Types", nsmap={None: _CT})
        defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml",
                    "xml": "application/xml"}
        for name in self.parts:
            ext = name.rsplit(".", 1)[-1].lower()
            if name not in self.types:
                defaults.setdefault(ext, IMAGE_TYPES.get(ext) or FONT_TYPES[ext])
        for ext, ctype in defaults.items():
            etree.SubElement(root, f"{{{_CT}}}Default", Extension=ext, ContentType=ctype)
        for name, ctype in [(app, CONTENT_TYPES["app"]), *self.types.items()]:
            etree.SubElement(root, f"{{{_CT}}}Override", PartName="/" + name, ContentType=ctype)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://'
            'schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>'
            'deck</Application></Properties>')


def _rels_xml(rels, part: str) -> bytes:
    root = etree.Element(f"{{{_PR}}}Relationships", nsmap={None: _PR})
    folder = posixpath.dirname(part)
    for rid, kind, target in rels:
        rel_target = target if target.startswith("/") else posixpath.relpath(target, folder or ".")
        etree.SubElement(root, f"{{{_PR}}}Relationship", Id=rid, Type=_RT + kind,
                         Target=rel_target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _free_rid(used: set[str]) -> str:
    n = 1
    while f"rId{n}" in used:
        n += 1
    return f"rId{n}"


def _attached(el, root) -> bool:
    while el is not None:
        if el is root:
            return True
        el = el.getparent()
    return False


def _remove_shape(el, root) -> None:
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

_DEFAULTS: dict[str, bytes] = {}


def _default_part(name: str) -> bytes:
    """A part of python-pptx's own default template (presProps, viewProps, tableStyles)."""
    if name not in _DEFAULTS:
        import pptx

        path = Path(pptx.__file__).parent / "templates" / "default.pptx"
        with zipfile.ZipFile(path) as z:
            _DEFAULTS[name] = z.read(name)
    return _DEFAULTS[name]


_MACRO_MAIN = re.compile(r"macroEnabled", re.IGNORECASE)


def clean_template(data: bytes, linked_root: Path | None = None) -> tuple[bytes, list[str]]:
    """(a clean package, what was left behind or repaired, one line each). `linked_root`: the
    folder linked pictures may be embedded from (the template's own); None drops them all.
    Raises TemplateProblem for a package that cannot be used."""
    pkg = _Package(data)
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
    return cleaner.package(main), notes
