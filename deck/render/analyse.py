"""A template read into plain data (plan.TemplateInfo): every master, every layout, their
placeholders with the template's own text formatting, backdrops, theme colours and fonts.

Choosing among the layouts is the layout stage's (layout/choose.py); this only reads.
LibreOffice writes every layout with the placeholder boxes of one of its masters, whatever
master the layout belongs to: in a package it wrote, a layout's title goes where its own master
puts the title, and its content placeholders are mapped into its master's body area (which is
where LibreOffice itself draws them).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from ..plan import Box, LayoutInfo, MasterInfo, Placeholder, TemplateInfo
from ..theme import CALIBRI, FontFace
from .backdrop import paint
from .oxml import masters as om
from .oxml.package import PLACEHOLDER_ROLES

EMU_PER_PT = 12700
# metric-compatible faces fontconfig substitutes: measuring them is measuring the original
COMPATIBLE = {"calibri": "carlito", "cambria": "caladea", "arial": "liberation sans",
              "helvetica": "liberation sans", "times new roman": "liberation serif",
              "times": "liberation serif", "courier new": "liberation mono",
              "arial narrow": "liberation sans narrow", "georgia": "gelasio"}
_COLOR_SLOTS = ("tx1", "bg1", "tx2", "bg2", "accent1", "accent2", "accent3", "accent4",
                "accent5", "accent6")


def read_template(prs, path: Path | None) -> TemplateInfo:
    """Every master and layout of an open presentation, in points."""
    slide_w, slide_h = prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT
    _INHERITED.clear()  # element ids are only unique while these elements live
    producer = om.producer(prs)
    libreoffice = producer.startswith("LibreOffice") or _one_masters_boxes(prs)
    masters, layouts, names = [], [], set()
    for m, master in enumerate(prs.slide_masters):
        scheme = om.Scheme(master)
        name = om.master_name(master) or f"Master {m + 1}"
        if name in names:
            name = f"{name} ({m + 1})"
        names.add(name)
        background = om.background(master, scheme)
        art = om.artwork(master, scheme)
        own: dict[str, Placeholder] = {}
        for p in _placeholders(master, master, scheme):
            own.setdefault(p.role, p)  # the first: a master may have two titles
        masters.append(MasterInfo(m, name, _describe(background), tuple(Box(*b) for b, _ in art),
                                  {k: v for k in _COLOR_SLOTS if (v := scheme.slot(k))},
                                  own.get("title"), own.get("body")))
        plain = paint(slide_w, slide_h, background, art)
        numbered = om.numbers_slides(master)
        for k, layout in enumerate(master.slide_layouts):
            found = _placeholders(layout, master, scheme)
            if libreoffice:
                found = _onto_master(found, own.get("title"), own.get("body"))
            layout_bg = om.background(layout, scheme)
            layout_art = om.artwork(layout, scheme)
            shown = art if om.shows_master_shapes(layout) else []
            if layout_bg is None and not layout_art and shown is art:
                backdrop = plain  # the master's, as most layouts are
            else:
                backdrop = paint(slide_w, slide_h, layout_bg or background, shown + layout_art)
            boxes = tuple(Box(*b) for b, _ in shown + layout_art)
            counts = (numbered and shown is art) or om.numbers_slides(layout)
            layouts.append(LayoutInfo(layout.name, tuple(found), m, k, name, backdrop, boxes,
                                      counts))
    by_name: dict[str, LayoutInfo] = {}
    for info in layouts:
        by_name.setdefault(info.name, info)
    faces, notes = _faces({p.font for li in layouts for p in li.placeholders if p.font}
                          | {m.title.font for m in masters if m.title and m.title.font})
    return TemplateInfo(path, slide_w, slide_h, by_name, masters=tuple(masters),
                        all_layouts=tuple(layouts), faces=faces, font_notes=notes,
                        producer=producer)


def _one_masters_boxes(prs) -> bool:
    """True when every master's layouts repeat the same title boxes while the masters put
    their titles in different places: LibreOffice's export (its app.xml may be gone)."""
    masters = list(prs.slide_masters)
    if len(masters) < 2:
        return False

    def title_box(owner):
        for kind, _idx, _el, xfrm in om.placeholder_elements(owner):
            if PLACEHOLDER_ROLES.get(kind) == "title":
                return xfrm
        return None

    own = {title_box(m) for m in masters}
    by_name: dict[str, set] = {}
    for master in masters:
        for layout in master.slide_layouts:
            by_name.setdefault(layout.name, set()).add(title_box(layout))
    return len(own) > 1 and all(len(boxes) == 1 for boxes in by_name.values())


def _placeholders(owner, master, scheme) -> list[Placeholder]:
    """The placeholders of a layout (or of the master itself), with the formatting each has
    from itself, from the master's placeholder it inherits from, and from the master's text
    styles, in that order."""
    found = []
    width, height = _slide_size(owner)
    for kind, idx, el, xfrm in om.placeholder_elements(owner):
        # the same reading of placeholder types as the renderer's (oxml.placeholders)
        role = PLACEHOLDER_ROLES.get(kind)
        if role is None:
            continue
        parent = om.master_placeholder(master, kind) if owner is not master else None
        if xfrm is None and parent is not None:
            xfrm = om.xfrm_of(parent)
        box = None
        if xfrm and xfrm[2] and xfrm[3]:
            box = _on_slide(Box(*(v / EMU_PER_PT for v in xfrm)), width, height)
        fmt = om.text_format(el, scheme)
        for more in _inherited(master, kind, parent, scheme):
            for key, value in more.items():
                fmt.setdefault(key, value)
        found.append(Placeholder(role, idx, box, fmt.get("align"), fmt.get("anchor"),
                                 fmt.get("size"), fmt.get("color"), fmt.get("font"), kind))
    return found


_INHERITED: dict = {}  # (master element, type) → its formatting, while one template is read


def _inherited(master, kind: str, parent, scheme) -> tuple[dict, dict]:
    """What a placeholder of `kind` inherits from its master: the master placeholder's text
    formatting and the master's text style (read once per master and type)."""
    key = (id(master._element), kind)
    if key not in _INHERITED:
        _INHERITED[key] = ((om.text_format(parent, scheme) if parent is not None else {}),
                           om.master_style(master, kind, scheme))
    return _INHERITED[key]


def _slide_size(owner) -> tuple[float, float]:
    prs = owner.part.package.presentation_part.presentation
    return prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT


def _on_slide(box: Box, width: float, height: float) -> Box | None:
    """The part of a box on the slide (a template may place a placeholder partly off it)."""
    x0, y0 = max(box.x, 0.0), max(box.y, 0.0)
    x1, y1 = min(box.right, width), min(box.bottom, height)
    return Box(x0, y0, x1 - x0, y1 - y0) if x1 - x0 > 1 and y1 - y0 > 1 else None


def _onto_master(found: list[Placeholder], title: Placeholder | None,
                 body: Placeholder | None) -> list[Placeholder]:
    """LibreOffice's layouts placed as LibreOffice draws them: the title where the master puts
    it, the other text and content placeholders mapped from their common area into the
    master's body area, keeping their arrangement (two columns stay two columns)."""
    content = [p for p in found if p.role not in ("title", "footer", "slide_number", "date")
               and p.box]
    out = []
    area = None
    if content:
        x0 = min(p.box.x for p in content)
        y0 = min(p.box.y for p in content)
        x1 = max(p.box.right for p in content)
        y1 = max(p.box.bottom for p in content)
        area = Box(x0, y0, x1 - x0, y1 - y0)
    for p in found:
        if p.role == "title" and title and title.box:
            p = _replace_box(p, title.box, title)
        elif p in content and body and body.box and area and area.w > 0 and area.h > 0:
            b, t = p.box, body.box
            sx, sy = t.w / area.w, t.h / area.h
            p = _replace_box(p, Box(t.x + (b.x - area.x) * sx, t.y + (b.y - area.y) * sy,
                                    b.w * sx, b.h * sy), body)
        out.append(p)
    return out


def _replace_box(p: Placeholder, box: Box, master: Placeholder) -> Placeholder:
    """`p` at `box`, with the master placeholder's formatting where the layout has none
    (LibreOffice writes the formatting of the master it took the boxes from, too)."""
    import msgspec

    return msgspec.structs.replace(
        p, box=box, align=master.align or p.align, anchor=master.anchor or p.anchor,
        size=master.size or p.size, color=master.color or p.color, font=master.font or p.font)


def _describe(fill) -> str:
    if fill is None:
        return "none (white)"
    kind = fill[0]
    if kind == "solid":
        return f"solid {fill[1]}" + (f" at {fill[2]:.0%}" if fill[2] < 1 else "")
    if kind == "gradient":
        return "gradient " + "→".join(rgb for _, rgb, _ in fill[1])
    if kind == "picture":
        size = _picture_size(fill[1])
        return f"picture {size[0]}×{size[1]} px" if size else "picture"
    return "none"


def _picture_size(data: bytes):
    from io import BytesIO

    from PIL import Image

    try:
        with Image.open(BytesIO(data)) as pic:
            return pic.size
    except Exception:
        return None


def _faces(names: set[str]) -> tuple[dict[str, FontFace], tuple[str, ...]]:
    """A measurable FontFace for each typeface the template names, and a note for each that
    only a substitute could be found for (measured with the substitute LibreOffice draws)."""
    faces, notes = {}, []
    for name in sorted(names):
        face, note = font_face(name)
        if face is not None:
            faces[name] = face
        if note:
            notes.append(note)
    return faces, tuple(notes)


@lru_cache(maxsize=64)
def font_face(name: str) -> tuple[FontFace | None, str | None]:
    """(the face measured for typeface `name`, a note when it is not the font itself nor a
    metric-compatible one): the font file fontconfig finds (`fc-match`)."""
    if name.lower() == "calibri":
        return CALIBRI.__class__(name, CALIBRI.regular, CALIBRI.bold, CALIBRI.italic,
                                 CALIBRI.bold_italic), None
    if shutil.which("fc-match") is None:
        return None, (f"font `{name}` cannot be measured (fontconfig's fc-match is missing): "
                      "text is measured in Calibri's metrics and may wrap differently")
    files = {}
    family = ""
    for style, pattern in (("regular", ""), ("bold", ":bold"), ("italic", ":italic"),
                           ("bold_italic", ":bold:italic")):
        try:
            out = subprocess.run(["fc-match", "-f", "%{family[0]}|%{file}", name + pattern],
                                 capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            return None, f"font `{name}` cannot be measured: fc-match failed"
        found, _, file = out.partition("|")
        if style == "regular":
            family = found
        if file and re.search(r"\.(ttf|otf|ttc)$", file, re.I):
            files[style] = file
    if "regular" not in files:
        return None, (f"font `{name}` cannot be measured (no font file for it): text is "
                      "measured in Calibri's metrics and may wrap differently")
    face = FontFace(name, files["regular"], files.get("bold", ""), files.get("italic", ""),
                    files.get("bold_italic", ""))
    same = family.lower() in (name.lower(), COMPATIBLE.get(name.lower(), ""))
    note = None if same else (
        f"font `{name}` is not installed here: measured with `{family}`, which LibreOffice "
        "draws in its place; install the font (or name another in the template) so "
        "PowerPoint wraps text as planned")
    return face, note
