"""A package read with limits, and a package written from parts: the zip layer of the
template sanitiser (oxml.sanitize). Every size is checked against the zip directory before a
member is inflated, and again while reading (a header may lie); XML is parsed with DTDs,
entities and the network refused."""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from ...errors import DeckError

# Limits checked against the zip directory before anything is inflated (bytes, counts).
MAX_MEMBERS = 4000
MAX_XML_PART = 16 * 1024 * 1024  # a master of 16 MB is already absurd
MAX_MEDIA_PART = 50 * 1024 * 1024  # the limit on a picture an outline names
MAX_TOTAL = 256 * 1024 * 1024  # everything kept, inflated

NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_R = f"{{{NS['r']}}}"
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
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_blank_text=False)


class TemplateProblem(DeckError):
    """The template cannot be used; the message says why (and names the part)."""


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MB"


class Package:
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


def rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _target(part: str, target: str) -> str:
    """A relationship's target as a zip member name."""
    if target.startswith("/"):
        return posixpath.normpath(target[1:])
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target)).lstrip("/")


class Rel:
    __slots__ = ("rid", "kind", "target", "external")

    def __init__(self, rid: str, kind: str, target: str, external: bool):
        self.rid, self.kind, self.target, self.external = rid, kind, target, external


def read_rels(pkg: Package, part: str) -> list[Rel]:
    name = rels_name(part) if part else "_rels/.rels"
    if not pkg.has(name):
        return []
    rels = []
    for el in pkg.xml(name).iter(f"{{{_PR}}}Relationship"):
        rid, kind, target = el.get("Id"), el.get("Type") or "", el.get("Target") or ""
        external = el.get("TargetMode") == "External"
        rels.append(Rel(rid, kind.rsplit("/", 1)[-1], target if external
                         else _target(part or "/", target), external))
    return rels


def write_package(parts: dict[str, bytes], types: dict[str, str],
                  rels: dict[str, list[tuple[str, str, str]]], main: str) -> bytes:
    """A package of `parts` (member → bytes), with content types (`types` for XML parts,
    by extension for pictures and fonts), relationships (part → [(rId, type, target)]), the
    presentation `main` and a minimal app.xml (compat rewrites it for the deck)."""
    out = io.BytesIO()
    app = "docProps/app.xml"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _content_types(parts, types, app))
        z.writestr("_rels/.rels", _rels_xml([
            ("rId1", "officeDocument", "/" + main),
            ("rId2", "extended-properties", "/" + app)], ""))
        z.writestr(app, _APP_XML)
        for name, data in parts.items():
            z.writestr(name, data)
            if rels.get(name):
                z.writestr(rels_name(name), _rels_xml(rels[name], name))
    return out.getvalue()


def _content_types(parts: dict[str, bytes], types: dict[str, str], app: str) -> bytes:
    root = etree.Element(f"{{{_CT}}}Types", nsmap={None: _CT})
    defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml",
                "xml": "application/xml"}
    for name in parts:
        ext = name.rsplit(".", 1)[-1].lower()
        if name not in types:
            defaults.setdefault(ext, IMAGE_TYPES.get(ext) or FONT_TYPES[ext])
    for ext, ctype in defaults.items():
        etree.SubElement(root, f"{{{_CT}}}Default", Extension=ext, ContentType=ctype)
    for name, ctype in [(app, CONTENT_TYPES["app"]), *types.items()]:
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


_DEFAULTS: dict[str, bytes] = {}


def default_part(name: str) -> bytes:
    """A part of python-pptx's own default template (presProps, viewProps, tableStyles)."""
    if name not in _DEFAULTS:
        import pptx

        path = Path(pptx.__file__).parent / "templates" / "default.pptx"
        with zipfile.ZipFile(path) as z:
            _DEFAULTS[name] = z.read(name)
    return _DEFAULTS[name]
