"""The package assembled from one bundle per slide, so unchanged slides need not be rendered.

A slide's `Bundle` is everything it owns, compressed and free of its position in the deck: the
slide XML, its relationships, and the parts only slides reach (charts, their workbooks, notes
slides, pictures). Relationship ids are the slide's own; the parts' names (chartN.xml,
Microsoft_Excel_SheetN.xlsx, imageN.png, notesSlideN.xml) are not kept but given again when
the package is written (`package_members`), by counters in deck order, and equal pictures share
one part, as python-pptx shares them. So a deck written from bundles cut from this build's
slides and one written from bundles cached by earlier builds are the same bytes.

Every slide is present in the presentation as a `SlideStub`: a slide part with no XML of its
own, so presentation.xml, its relationships, sections and slide ids come out as for a rendered
slide; the writer puts the bundle's members in its place. A cached slide is one from the start;
a rendered one is cut into its bundle as soon as it is drawn and its trees are dropped
(`release`), so 1,000 slides hold 1,000 compressed bundles, not 1,000 XML trees.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import NamedTuple

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.package import Part
from pptx.opc.packuri import PACKAGE_URI, PackURI
from pptx.opc.spec import default_content_types

from .zipwrite import Member, compress, write_zip

_NUMBER = re.compile(r"\d+(?=\.[^./]+$)")
_MEDIA = "/ppt/media/"


class Rel(NamedTuple):
    """A relationship of a slide-owned part: to a URL (`external`), to a part of the deck
    itself (`deck`: its name), to the slide (`self`), or to the bundle's nth piece (`piece`)."""

    rid: str
    reltype: str
    kind: str
    target: str | int | None


class Piece(NamedTuple):
    """A part only this slide reaches, named when written: `pattern` % n."""

    pattern: str
    content_type: str
    member: Member
    rels: tuple[Rel, ...]
    digest: bytes  # of the uncompressed bytes: equal pictures become one part


class Bundle(NamedTuple):
    """What one slide adds to the package. `facts` are what docProps/app.xml lists of it
    (compat.slide_facts); `extra` anything else kept with it (its print, issue 13)."""

    slide: Member
    rels: tuple[Rel, ...]
    pieces: tuple[Piece, ...]
    facts: tuple
    extra: object = None


class SlideStub(Part):
    """A slide taken from the cache: listed in the presentation, written from `bundle`."""

    def __init__(self, partname: PackURI, package, bundle: Bundle):
        super().__init__(partname, CT.PML_SLIDE, package, b"")
        self.bundle = bundle


def _rels_in_order(rels) -> list:
    """A python-pptx relationship collection in rId order, as python-pptx writes it."""
    def number(rid: str) -> int:
        return int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0
    return [rels[r] for r in sorted(rels.keys(), key=lambda r: (number(r), r))]


def cut_bundle(slide_part, deck_parts: set, facts: tuple, extra: object = None) -> Bundle:
    """The bundle of a rendered slide. `deck_parts`: the parts the deck reaches without passing
    through a slide (layouts, masters, the notes master, …), referred to by name."""
    pieces: list = []
    index: dict = {}

    def rels_of(part) -> tuple[Rel, ...]:
        out = []
        for rel in _rels_in_order(part.rels):
            if rel.is_external:
                out.append(Rel(rel.rId, rel.reltype, "external", rel.target_ref))
                continue
            target = rel.target_part
            if target is slide_part:
                out.append(Rel(rel.rId, rel.reltype, "self", None))
            elif target in deck_parts:
                out.append(Rel(rel.rId, rel.reltype, "deck", str(target.partname)))
            else:
                out.append(Rel(rel.rId, rel.reltype, "piece", piece_of(target)))
        return tuple(out)

    def piece_of(part) -> int:
        if part in index:
            return index[part]
        at = index[part] = len(pieces)
        pieces.append(None)  # its place, before its own relationships are followed
        blob, name = part.blob, str(part.partname)
        pieces[at] = Piece(_NUMBER.sub("%d", name, count=1), part.content_type,
                           compress(name, blob), rels_of(part),
                           hashlib.sha1(blob).digest() if name.startswith(_MEDIA) else b"")
        return at

    slide = compress(str(slide_part.partname), slide_part.blob)
    rels = rels_of(slide_part)
    return Bundle(slide, rels, tuple(pieces), facts, extra)


def deck_parts(package) -> set:
    """The parts the package reaches without passing through a slide (layouts, masters, the
    notes master, …): what a slide's relationships refer to by name (`cut_bundle`)."""
    return {p for p in walk(package) if p.content_type != CT.PML_SLIDE}


def release(slide_part, deck: set) -> None:
    """Empty a slide part that was cut into its bundle, and the parts only it reaches: their
    trees and relationships go with the references between them, which would otherwise keep
    them alive (slide and notes slide relate to each other) while the cyclic GC is paused."""
    owned, stack = [], [slide_part]
    seen = {id(slide_part)}
    while stack:
        part = stack.pop()
        owned.append(part)
        for rel in part.rels.values():
            if rel.is_external or rel.target_part in deck or id(rel.target_part) in seen:
                continue
            seen.add(id(rel.target_part))
            stack.append(rel.target_part)
    for part in owned:
        vars(part).clear()


def walk(package) -> list:
    """Every part the package reaches, depth first in relationship order (rId1, rId2, …: as a
    package python-pptx saved and opened again has them, whatever order a template's own
    .rels listed), not looking inside slides (their parts come from their bundles)."""
    order: list = []
    seen: set = set()

    def visit(rels) -> None:
        for rel in _rels_in_order(rels):
            if rel.is_external or rel.target_part in seen:
                continue
            part = rel.target_part
            seen.add(part)
            order.append(part)
            if part.content_type != CT.PML_SLIDE:
                visit(part.rels)

    visit(package._rels)
    return order


_XML = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_DEFAULTS = set(default_content_types)


_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


@lru_cache(maxsize=8192)  # types, ids and targets repeat from part to part and build to build
def _attr(value: str) -> str:
    """`value` escaped for a double-quoted XML attribute (as saxutils.escape with entities)."""
    return value.translate(_ATTR_ESCAPES)


@lru_cache(maxsize=8192)  # the presentation's relationships name every slide, every build
def relative_ref(name: str, owner: str) -> str:
    """`name` (a part name) as a reference from the part `owner`, as OPC relationships write
    it: "/ppt/charts/chart2.xml" from "/ppt/slides/slide1.xml" is "../charts/chart2.xml"."""
    base = owner.split("/")[1:-1]
    target = name.split("/")[1:]
    common = 0
    while common < min(len(base), len(target) - 1) and base[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:])


def rels_xml(owner: str, rels) -> bytes:
    """A .rels part: `rels` are (rId, type, part name or URL, external), in rId order. (Strings,
    not python-pptx's element classes: a 200-slide deck's presentation.xml.rels took 40 ms.)"""
    lines = [f'{_XML}<Relationships xmlns="{_RELS_NS}">']
    for rid, reltype, target, external in rels:
        ref = target if external else relative_ref(target, owner)
        mode = ' TargetMode="External"' if external else ""
        lines.append(f'<Relationship Id="{_attr(rid)}" Type="{_attr(reltype)}" '
                     f'Target="{_attr(ref)}"{mode}/>')
    lines.append("</Relationships>")
    return "".join(lines).encode("utf-8")


def part_rels_xml(part) -> bytes:
    """A python-pptx part's relationships as `rels_xml` writes them."""
    return rels_xml(str(part.partname), [
        (r.rId, r.reltype, r.target_ref if r.is_external else str(r.target_part.partname),
         r.is_external) for r in _rels_in_order(part.rels)])


def content_types_xml(typed: list[tuple[str, str]]) -> bytes:
    """[Content_Types].xml for (part name, content type) pairs: a Default per extension where
    OPC's usual type is meant, an Override for every other part, sorted as python-pptx does."""
    defaults = {"rels": CT.OPC_RELATIONSHIPS, "xml": CT.XML}
    overrides = {}
    for name, content_type in typed:
        ext = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
        if (ext, content_type) in _DEFAULTS:
            defaults[ext] = content_type
        else:
            overrides[name] = content_type
    lines = [f'{_XML}<Types xmlns="{_TYPES_NS}">']
    lines += [f'<Default Extension="{_attr(e)}" ContentType="{_attr(t)}"/>'
              for e, t in sorted(defaults.items())]
    lines += [f'<Override PartName="{_attr(n)}" ContentType="{_attr(t)}"/>'
              for n, t in sorted(overrides.items())]
    lines.append("</Types>")
    return "".join(lines).encode("utf-8")


@lru_cache(maxsize=4096)  # a rebuild writes most slides' relationships as it did last time
def _rels_member(owner: str, rels: tuple[Rel, ...], names: tuple[str, ...]) -> Member:
    listed = []
    for rel in rels:
        if rel.kind == "external":
            listed.append((rel.rid, rel.reltype, rel.target, True))
            continue
        target = {"self": owner, "deck": rel.target}.get(rel.kind)
        listed.append((rel.rid, rel.reltype, target if target is not None else names[rel.target],
                       False))
    return compress(PackURI(owner).rels_uri[1:], rels_xml(owner, listed))


_COMPRESSED: dict[tuple[str, bytes], Member] = {}  # the deck's own parts, as last written


def _compress_again(name: str, blob: bytes) -> Member:
    """`compress`, remembering the last build's parts of the deck itself (masters, layouts,
    themes: the same bytes every build)."""
    found = _COMPRESSED.get((name, blob))
    if found is None:
        if len(_COMPRESSED) > 512:
            _COMPRESSED.clear()
        found = _COMPRESSED[(name, blob)] = compress(name, blob)
    return found


def package_members(package, bundle_of) -> list[Member]:
    """The package's zip members in writing order: content types, package relationships, then
    every part with its relationships, each slide as its bundle (`bundle_of(slide part, the
    parts the deck reaches without passing through a slide)`)."""
    order = walk(package)
    deck = {p for p in order if p.content_type != CT.PML_SLIDE}
    used = {str(p.partname) for p in deck}
    counters: dict[str, int] = {}
    media: dict[bytes, str] = {}
    typed: list[tuple[str, str]] = []
    members: list[Member] = []

    def new_name(pattern: str) -> str:
        n = counters.get(pattern, 1)
        while pattern % n in used:
            n += 1
        counters[pattern] = n + 1
        used.add(pattern % n)
        return pattern % n

    for part in order:
        name = str(part.partname)
        if part.content_type != CT.PML_SLIDE:
            typed.append((name, part.content_type))
            members.append(_compress_again(name[1:], part.blob))
            if part._rels:
                members.append(_compress_again(part.partname.rels_uri[1:], part_rels_xml(part)))
            continue
        bundle = bundle_of(part, deck)
        names, fresh = [], set()
        for at, piece in enumerate(bundle.pieces):
            if piece.digest and piece.digest in media:
                names.append(media[piece.digest])
                continue
            names.append(new_name(piece.pattern))
            fresh.add(at)
            if piece.digest:
                media[piece.digest] = names[-1]
        typed.append((name, CT.PML_SLIDE))
        members.append(bundle.slide.renamed(name[1:]))
        names = tuple(names)
        members.append(_rels_member(name, bundle.rels, names))
        for at, (piece, piece_name) in enumerate(zip(bundle.pieces, names, strict=True)):
            if at not in fresh:
                continue
            typed.append((piece_name, piece.content_type))
            members.append(piece.member.renamed(piece_name[1:]))
            if piece.rels:
                members.append(_rels_member(piece_name, piece.rels, names))
    package_rels = rels_xml("/", [
        (r.rId, r.reltype, r.target_ref if r.is_external else str(r.target_part.partname),
         r.is_external) for r in _rels_in_order(package._rels)])
    head = [compress("[Content_Types].xml", content_types_xml(typed)),
            compress(PACKAGE_URI.rels_uri[1:], package_rels)]
    return head + members


def package_zip(package, bundle_of) -> bytes:
    """The package as .pptx bytes (see `package_members`)."""
    return write_zip(package_members(package, bundle_of))


def bundle_of(part, deck_parts: set) -> Bundle:
    """A slide's bundle without a cache: a stub's own, else cut from the rendered slide."""
    from .compat import slide_facts

    if isinstance(part, SlideStub):
        return part.bundle
    return cut_bundle(part, deck_parts, slide_facts(part))

