"""The package assembled from one bundle per slide, so unchanged slides need not be rendered.

A slide's `Bundle` is everything it owns, compressed and free of its position in the deck: the
slide XML, its relationships, and the parts only slides reach (charts, their workbooks, notes
slides, pictures). Relationship ids are the slide's own; the parts' names (chartN.xml,
Microsoft_Excel_SheetN.xlsx, imageN.png, notesSlideN.xml) are not kept but given again when
the package is written (`package_members`), by counters in deck order, and equal pictures share
one part, as python-pptx shares them. So a deck written from bundles cut from this build's
slides and one written from bundles cached by earlier builds are the same bytes.

A cached slide is present in the presentation as a `SlideStub`: a slide part with no XML of its
own, so presentation.xml, its relationships, sections and slide ids come out as for a rendered
slide; the writer puts the bundle's members in its place.
"""

from __future__ import annotations

import hashlib
import re
from typing import NamedTuple

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.oxml import CT_Relationships, serialize_part_xml
from pptx.opc.package import Part
from pptx.opc.packuri import PACKAGE_URI, PackURI
from pptx.opc.serialized import _ContentTypesItem

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


def _rels_in_order(part) -> list:
    def number(rid: str) -> int:
        return int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0
    return [part.rels[r] for r in sorted(part.rels.keys(), key=lambda r: (number(r), r))]


def cut_bundle(slide_part, deck_parts: set, facts: tuple, extra: object = None) -> Bundle:
    """The bundle of a rendered slide. `deck_parts`: the parts the deck reaches without passing
    through a slide (layouts, masters, the notes master, …), referred to by name."""
    pieces: list = []
    index: dict = {}

    def rels_of(part) -> tuple[Rel, ...]:
        out = []
        for rel in _rels_in_order(part):
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


def walk(package) -> list:
    """Every part the package reaches, depth first in relationship order, not looking inside
    slides (their parts come from their bundles)."""
    order: list = []
    seen: set = set()

    def visit(rels) -> None:
        for rel in rels.values():
            if rel.is_external or rel.target_part in seen:
                continue
            part = rel.target_part
            seen.add(part)
            order.append(part)
            if part.content_type != CT.PML_SLIDE:
                visit(part.rels)

    visit(package._rels)
    return order


class _Named(NamedTuple):
    partname: PackURI
    content_type: str


def _rels_xml(owner: str, rels: tuple[Rel, ...], names: list[str]) -> bytes:
    base = PackURI(owner).baseURI
    element = CT_Relationships.new()
    for rel in rels:
        if rel.kind == "external":
            element.add_rel(rel.rid, rel.reltype, rel.target, True)
            continue
        target = {"self": owner, "deck": rel.target}.get(rel.kind)
        name = target if target is not None else names[rel.target]
        element.add_rel(rel.rid, rel.reltype, PackURI(name).relative_ref(base), False)
    return element.xml_file_bytes


def package_members(package, bundle_of) -> list[Member]:
    """The package's zip members in writing order: content types, package relationships, then
    every part with its relationships, each slide as its bundle (`bundle_of(slide part, the
    parts the deck reaches without passing through a slide)`)."""
    order = walk(package)
    deck = {p for p in order if p.content_type != CT.PML_SLIDE}
    used = {str(p.partname) for p in deck}
    counters: dict[str, int] = {}
    media: dict[bytes, str] = {}
    typed: list[_Named] = []
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
            typed.append(_Named(part.partname, part.content_type))
            members.append(compress(name[1:], part.blob))
            if part._rels:
                members.append(compress(part.partname.rels_uri[1:], part.rels.xml))
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
        typed.append(_Named(part.partname, CT.PML_SLIDE))
        members.append(bundle.slide.renamed(name[1:]))
        members.append(compress(part.partname.rels_uri[1:], _rels_xml(name, bundle.rels, names)))
        for at, (piece, piece_name) in enumerate(zip(bundle.pieces, names, strict=True)):
            if at not in fresh:
                continue
            typed.append(_Named(PackURI(piece_name), piece.content_type))
            members.append(piece.member.renamed(piece_name[1:]))
            if piece.rels:
                rels_name = PackURI(piece_name).rels_uri[1:]
                members.append(compress(rels_name, _rels_xml(piece_name, piece.rels, names)))
    types = serialize_part_xml(_ContentTypesItem.xml_for(typed))
    head = [compress("[Content_Types].xml", types),
            compress(PACKAGE_URI.rels_uri[1:], package._rels.xml)]
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

