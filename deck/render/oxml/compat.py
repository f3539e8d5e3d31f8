"""Package rules that presentation apps enforce beyond the schema, applied once to a rendered
deck before it is saved (`apply_compat`). Each rule names its source; docs/compatibility.md
lists them with the test that enforces each (tests/validity.py checks every deck the suite
writes).

What python-pptx's writer already guarantees is not repeated here: it saves exactly the parts
reachable through relationships, and derives [Content_Types].xml from them. `set_app_properties`
(docProps/app.xml) lives here too: the deck's description is one of the rules.
"""

from __future__ import annotations

import unicodedata

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn

from .text import set_language

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
# ST_SlideSizeType values and the sizes they name (ECMA-376 Part 1), in EMU
_SIZE_TYPES = {"screen4x3": (9144000, 6858000), "screen16x9": (9144000, 5143500),
               "screen16x10": (9144000, 5715000)}
_NS = {"a": _A, "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
# compiled once: python-pptx's element.xpath() compiles its expression on every call
_TITLE_PARAS = etree.XPath("./p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph[@type='title' or "
                           "@type='ctrTitle']]/p:txBody/a:p", namespaces=_NS)
_FACE_TAGS = tuple(f"{{{_A}}}{t}" for t in ("latin", "ea", "cs", "buFont"))
_R, _FLD, _BR, _T = (f"{{{_A}}}{t}" for t in ("r", "fld", "br", "t"))
_UNTITLED = "PowerPoint Presentation"  # what PowerPoint lists for a slide without a title


def apply_compat(prs, lang: str, east_asian: str | None) -> None:
    """Make the package meet every rule below. `lang` is the deck's language (BCP 47);
    `east_asian` the East-Asian typeface of a CJK deck, None for other languages."""
    notes_master = _notes_master_id(prs)
    _slide_size(prs)
    _drop_leftovers(prs)
    _text_styles(prs, notes_master, lang, east_asian)
    _app_properties(prs)


def _notes_master_id(prs):
    """python-pptx issue #1051, PR #1128 (unmerged): python-pptx relates a notes master it
    creates but does not list it in `p:notesMasterIdLst`, and Keynote then refuses the file
    ("The file format is invalid"; also OfficeCLI issue #255). Returns the notes master's
    element (None without notes)."""
    pres = prs.part._element
    rid = next((r.rId for r in prs.part.rels.values()
                if r.reltype == RT.NOTES_MASTER and not r.is_external), None)
    lst = pres.find(qn("p:notesMasterIdLst"))
    if rid is None:
        if lst is not None:  # a list naming a master the package does not have
            pres.remove(lst)
        return None
    if lst is None:
        lst = etree.Element(qn("p:notesMasterIdLst"))
        pres.find(qn("p:sldMasterIdLst")).addnext(lst)  # its place in CT_Presentation
    for old in list(lst):
        lst.remove(old)
    etree.SubElement(lst, qn("p:notesMasterId"), {qn("r:id"): rid})
    return prs.part.related_part(rid)._element


def _slide_size(prs) -> None:
    """anthropics/skills issue #1167: python-pptx's default template says `type="screen4x3"`,
    kept on a 16:9 deck; Keynote refuses the contradiction. A type stays only when it names
    the slide's size (ECMA-376 Part 1, ST_SlideSizeType; no type means custom)."""
    size = prs.part._element.find(qn("p:sldSz"))
    kind = size.get("type")
    if kind is not None and _SIZE_TYPES.get(kind) != (int(size.get("cx")), int(size.get("cy"))):
        del size.attrib["type"]


def _drop_leftovers(prs) -> None:
    """Parts of python-pptx's default template the deck does not use: the thumbnail (a
    picture of an empty 4:3 slide, shown by file browsers as the deck's preview) and the
    template author's Mac printer settings. Unrelated, they are not saved."""
    package = prs.part.package
    for rid, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package._rels.pop(rid)
    for rid, rel in list(prs.part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.rels.pop(rid)


def _text_styles(prs, notes_master, lang: str, east_asian: str | None) -> None:
    """Issue 12: the styles text falls back to — presentation.xml's default text style, each
    slide master's title, body and other styles, the notes master's notes style — in the deck's
    language, and for a CJK deck naming its East-Asian face (text typed later in PowerPoint,
    and anything not tagged run by run, is then in the deck's language and face)."""
    default = prs.part._element.find(qn("p:defaultTextStyle"))
    if default is not None:
        set_language(default, lang, east_asian)
    for master in prs.slide_masters:
        styles = master._element.find(qn("p:txStyles"))
        if styles is not None:
            set_language(styles, lang, east_asian)
    if notes_master is not None:
        style = notes_master.find(qn("p:notesStyle"))
        if style is not None:
            set_language(style, lang, east_asian)


def _app_properties(prs) -> None:
    """docProps/app.xml true to the deck: slide and notes counts, and HeadingPairs with
    TitlesOfParts listing fonts, themes and slide titles as PowerPoint writes them (vectors
    that disagree with the deck are stale metadata: pptx-viewer issue #91). A template
    without app.xml gets one."""
    slides, titles, notes, fonts = 0, [], 0, set()
    for rid in prs.part._element.get_or_add_sldIdLst().xpath("./p:sldId/@r:id"):
        part = prs.part.related_part(rid)
        # a slide taken from the incremental build's cache (oxml.link) brings its facts
        stub = getattr(part, "bundle", None)
        title, faces, has_notes = stub.facts if stub is not None else slide_facts(part)
        slides += 1
        titles.append(title)
        fonts.update(faces)
        notes += has_notes
    themes = []
    for master in prs.slide_masters:
        theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
        themes.append(theme.get("name") or "Office Theme")
        for tag in ("majorFont", "minorFont"):
            fonts.update(theme.xpath(f"./a:themeElements/a:fontScheme/a:{tag}/a:latin/@typeface",
                                     namespaces=_NS))
    fonts = sorted(f for f in fonts if f and not f.startswith("+"))  # not theme references
    set_app_properties(prs, slides, notes, fonts=fonts, themes=themes, titles=titles)


def slide_facts(part) -> tuple[str, tuple[str, ...], bool]:
    """What app.xml lists of a slide part: its title, the typefaces it names, whether it has
    notes."""
    tree = part._element
    title = " ".join(_line(p) for p in _TITLE_PARAS(tree))
    faces = tuple(sorted({el.get("typeface") for el in tree.iter(*_FACE_TAGS)} - {None}))
    has_notes = any(r.reltype == RT.NOTES_SLIDE for r in part.rels.values())
    return " ".join(title.split()) or _UNTITLED, faces, has_notes


def _line(p) -> str:
    """A paragraph's text on one line: a line break is a space, or nothing between two
    East-Asian characters (a balanced title breaks "ダウンロード" between its kana)."""
    text = ""
    for el in p.iterchildren(_R, _FLD, _BR):
        if el.tag != _BR:
            text += el.findtext(_T) or ""
            continue
        nxt = el.getnext()
        after = (nxt.findtext(_T) or "")[:1] if nxt is not None else ""
        wide = [unicodedata.east_asian_width(c) in "WF" for c in (text[-1:], after) if c]
        text += "" if len(wide) == 2 and all(wide) else " "
    return text


_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FORMATS = {(12192000, 6858000): "Widescreen"}  # PowerPoint's name; other sizes: "Custom"


def set_app_properties(prs, slides: int, notes: int, *, fonts: list[str] | None = None,
                       themes: list[str] | None = None,
                       titles: list[str] | None = None) -> None:
    """Replace the template's app.xml (python-pptx's claims a 4:3 Mac PowerPoint file with no
    slides; a cleaned template has none at all: then it is added) with one describing this
    deck. `fonts`, `themes` and `titles` (one per slide) become the "Fonts Used", "Theme" and
    "Slide Titles" groups of HeadingPairs/TitlesOfParts, as PowerPoint writes them."""
    root = etree.Element(f"{{{_EP}}}Properties", nsmap={None: _EP, "vt": _VT})
    size = (prs.slide_width, prs.slide_height)
    for tag, value in (("Application", "deck"),
                       ("PresentationFormat", _FORMATS.get(size, "Custom")),
                       ("Slides", slides), ("Notes", notes), ("HiddenSlides", 0)):
        etree.SubElement(root, f"{{{_EP}}}{tag}").text = str(value)
    groups = [(name, items) for name, items in (("Fonts Used", fonts), ("Theme", themes),
                                                ("Slide Titles", titles)) if items]
    if groups:  # the two vectors must agree: a count per group, a title per counted part
        pairs = etree.SubElement(etree.SubElement(root, f"{{{_EP}}}HeadingPairs"),
                                 f"{{{_VT}}}vector", size=str(2 * len(groups)),
                                 baseType="variant")
        parts = etree.SubElement(etree.SubElement(root, f"{{{_EP}}}TitlesOfParts"),
                                 f"{{{_VT}}}vector", size=str(sum(len(i) for _, i in groups)),
                                 baseType="lpstr")
        for name, items in groups:
            etree.SubElement(etree.SubElement(pairs, f"{{{_VT}}}variant"),
                             f"{{{_VT}}}lpstr").text = name
            etree.SubElement(etree.SubElement(pairs, f"{{{_VT}}}variant"),
                             f"{{{_VT}}}i4").text = str(len(items))
            for item in items:
                etree.SubElement(parts, f"{{{_VT}}}lpstr").text = item
    for tag, value in (("LinksUpToDate", "false"), ("SharedDoc", "false"),
                       ("HyperlinksChanged", "false")):
        etree.SubElement(root, f"{{{_EP}}}{tag}").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = prs.part.package
    for rel in package._rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES and not rel.is_external:
            rel.target_part._blob = blob
            return
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, package, blob)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)
