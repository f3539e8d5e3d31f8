"""python-pptx's default template given the deck's design (layout/house.py says where and how
big), so a slide a colleague adds by hand from the deck's layouts looks like deck's own: the
master's title and body placeholders moved and their text styles (p:titleStyle, p:bodyStyle)
restyled, and the "Two Content" layout's columns placed. deck's own slides set all of this
explicitly and do not change. A company template is never restyled: its design is its own."""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

from ...layout.house import HouseStyle
from ...plan import Box
from .package import place_sp_pr

_EMU = 12700  # per point
_PH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
# what a paragraph's properties say about spacing and bullets, all before tabLst and defRPr
_SPACING_AND_BULLETS = {qn(f"a:{t}") for t in (
    "lnSpc", "spcBef", "spcAft", "buClrTx", "buClr", "buSzTx", "buSzPct", "buSzPts", "buFontTx",
    "buFont", "buNone", "buAutoNum", "buChar", "buBlip")}
_AUTOFITS = {qn(f"a:{t}") for t in ("noAutofit", "normAutofit", "spAutoFit")}


def _emu(points: float) -> str:
    return str(round(points * _EMU))


def _place(sp, box: Box) -> None:
    """A placeholder's box (its spPr's xfrm, which is spPr's first child); left where it was
    when the theme leaves no room for it (a low `body_bottom`, a huge section title)."""
    if box.w < 1 or box.h < 1:
        return
    place_sp_pr(sp.find(qn("p:spPr")), *(round(v * _EMU) for v in (box.x, box.y, box.w, box.h)))


def _flush(sp, anchor: str | None = None, *, fixed: bool = False) -> None:
    """No insets (deck's text boxes have none), and the vertical anchor when given. `fixed`:
    no autofit, as deck's own text (LibreOffice 7.4 shrank three short bullets under the
    master's normAutofit that PowerPoint would have left alone)."""
    body_pr = sp.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
    if body_pr is None:
        return
    for key in ("lIns", "tIns", "rIns", "bIns"):
        body_pr.set(key, "0")
    if anchor:
        body_pr.set("anchor", anchor)
    if fixed:
        fits = [c for c in body_pr if c.tag in _AUTOFITS]
        for child in fits[1:]:
            body_pr.remove(child)
        no_fit = etree.Element(qn("a:noAutofit"))
        if fits:
            fits[0].addprevious(no_fit)
            body_pr.remove(fits[0])
        else:  # after prstTxWarp, before scene3d, sp3d, flatTx and extLst
            warp = body_pr.find(qn("a:prstTxWarp"))
            if warp is not None:
                warp.addnext(no_fit)
            else:
                body_pr.insert(0, no_fit)


def _spacing(ppr, *elements) -> None:
    """Replace a level's spacing and bullet properties with `elements`, in schema order at
    the front (before tabLst and defRPr)."""
    for child in list(ppr):
        if child.tag in _SPACING_AND_BULLETS:
            ppr.remove(child)
    for at, element in enumerate(elements):
        ppr.insert(at, element)


def _lines(size: float, pitch: float):
    """Line spacing as a share of single spacing (about 1.2 × the size in these faces), not
    exact points: layouts that set their own sizes (captions, comparisons) inherit it and
    keep their lines apart in proportion."""
    element = etree.Element(qn("a:lnSpc"))
    etree.SubElement(element, qn("a:spcPct"), val=str(round(pitch / size / 1.2 * 100) * 1000))
    return element


def _points(tag: str, points: float):
    element = etree.Element(qn(f"a:{tag}"))
    etree.SubElement(element, qn("a:spcPts"), val=str(round(points * 100)))
    return element


def _run_size(ppr, size: float, bold: bool | None = None) -> None:
    rpr = ppr.find(qn("a:defRPr"))
    if rpr is None:
        rpr = etree.SubElement(ppr, qn("a:defRPr"))
    rpr.set("sz", str(round(size * 100)))
    if bold is not None:
        rpr.set("b", "1" if bold else "0")


def _level_one(sp, size: float, pitch: float, space: float, colour: str,
               bold: bool | None = None, rtl: bool = False):
    """A layout placeholder's own first level (its lstStyle): `size`, line `pitch` and
    `space` before a paragraph (points), `colour` (RRGGBB), left aligned, no bullet, no
    capitals; the other levels it set are dropped for the master's."""
    body = sp.find(qn("p:txBody"))
    styles = body.find(qn("a:lstStyle"))
    if styles is None:
        styles = etree.Element(qn("a:lstStyle"))
        body.find(qn("a:bodyPr")).addnext(styles)
    for level in list(styles):
        styles.remove(level)
    ppr = etree.SubElement(styles, qn("a:lvl1pPr"), marL="0", indent="0",
                           algn="r" if rtl else "l", rtl="1" if rtl else "0")
    ppr.extend([_lines(size, pitch), _points("spcBef", space),
                etree.Element(qn("a:buNone"))])
    rpr = etree.SubElement(ppr, qn("a:defRPr"), sz=str(round(size * 100)))
    if bold is not None:
        rpr.set("b", "1" if bold else "0")
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=colour)


def _section_layout(layout, house: HouseStyle, colours: dict[str, str], rtl: bool) -> None:
    """The "Section Header" layout as deck draws a divider: a dark slide, the title large and
    bold in the light text, what the section holds under it in the muted light text."""
    c_sld = layout._element.find(qn("p:cSld"))
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    bg = etree.Element(qn("p:bg"))
    fill = etree.SubElement(etree.SubElement(bg, qn("p:bgPr")), qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=colours["dark"])
    etree.SubElement(bg.find(qn("p:bgPr")), qn("a:effectLst"))
    c_sld.insert(0, bg)  # p:bg is cSld's first child
    for sp in layout._element.iter(qn("p:sp")):
        ph = sp.find(_PH)
        if ph is None or sp.find(qn("p:txBody")) is None:
            continue
        if ph.get("type") == "title":
            _place(sp, house.section_title)
            _flush(sp, anchor="t")
            _level_one(sp, house.section_size, house.section_pitch, 0, colours["on_dark"],
                       bold=True, rtl=rtl)
        elif ph.get("type") == "body":
            _place(sp, house.section_body)
            _flush(sp, anchor="t", fixed=True)
            _level_one(sp, house.agenda_size, house.agenda_pitch, house.agenda_space,
                       colours["muted_on_dark"], rtl=rtl)


def restyle_default_template(prs, house: HouseStyle, *, accent: str,
                             bullet_chars: tuple[str, ...], colours: dict[str, str],
                             rtl: bool = False) -> None:
    """Give python-pptx's default template the deck's title and body design (`house`, in
    points); `accent` (RRGGBB) colours the bullets, `bullet_chars` are the marks per level,
    `colours` ("dark", "on_dark", "muted_on_dark": RRGGBB) the section header's; `rtl`: set
    right to left and right-aligned, as deck sets an Arabic or Hebrew deck's text."""
    align, direction = ("r", "1") if rtl else ("l", "0")
    master = prs.slide_master._element
    for sp in master.iter(qn("p:sp")):
        ph = sp.find(_PH)
        if ph is None:
            continue
        if ph.get("type") == "title":
            _place(sp, house.title)
            _flush(sp, anchor="t")  # a one-line title where deck's one-line titles sit
        elif ph.get("type") == "body":
            _place(sp, house.body)
            _flush(sp, fixed=True)
    styles = master.find(qn("p:txStyles"))
    title = styles.find(f"{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    title.set("algn", align)
    title.set("rtl", direction)
    _spacing(title, _lines(house.title_size, house.title_pitch), _points("spcBef", 0),
             etree.Element(qn("a:buNone")))
    _run_size(title, house.title_size, house.title_bold)
    body = styles.find(qn("p:bodyStyle"))
    for level, mark in enumerate(bullet_chars, start=1):
        ppr = body.find(qn(f"a:lvl{level}pPr"))
        if ppr is None:
            continue
        ppr.set("marL", _emu(house.indent * level))
        ppr.set("indent", _emu(-house.indent))
        colour = etree.Element(qn("a:buClr"))
        etree.SubElement(colour, qn("a:srgbClr"), val=accent)
        ppr.set("algn", align)
        ppr.set("rtl", direction)
        _spacing(ppr, _lines(house.body_size, house.body_pitch),
                 _points("spcBef", house.item_space if level == 1 else 0), colour,
                 etree.Element(qn("a:buFont"), typeface="Arial"),
                 etree.Element(qn("a:buChar"), char=mark))
        _run_size(ppr, house.body_size)
    # their columns under deck's title, in deck's columns: the headings keep their bold
    boxes = {"Two Content": dict(zip(("1", "2"), house.columns)),
             "Comparison": dict(zip(("1", "2", "3", "4"), house.comparison))}
    for layout in prs.slide_layouts:
        if layout.name == "Section Header":
            _section_layout(layout, house, colours, rtl)
        for sp in layout._element.iter(qn("p:sp")) if layout.name in boxes else ():
            ph = sp.find(_PH)
            box = boxes[layout.name].get(ph.get("idx")) if ph is not None else None
            if box is None:
                continue
            _place(sp, box)
            if ph.get("type") == "body":  # a Comparison heading: its own bold size stays
                _flush(sp, anchor="b")
                continue
            _flush(sp, fixed=True)
            styles = sp.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}")
            for level in list(styles) if styles is not None else ():
                styles.remove(level)  # its 28/24/20 pt levels: the master's sizes instead
