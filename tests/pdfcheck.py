"""Check a LibreOffice render against the deck: every text line inside the slide and inside the
box of the shape it belongs to, no two lines overlapping, no text below the minimum sizes.

Shape boxes come from the .pptx (python-pptx), text lines and sizes from the PDF (PyMuPDF), both
in points from the top-left corner. A line belongs to a shape when the shape's text contains the
line's text; chart text belongs to the chart frame it is drawn in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EMU = 12700
TOL = 1.5  # pt: rounding in LibreOffice's PDF export
MIN_SIZES = {"table": 14.0, "chart": 14.0, "small": 12.0, "body": 18.0}
SMALL = ("Footer", "Slide number", "Source", "Caption", "Byline")
_SPACE = re.compile(r"\s+")
_MARK = re.compile(r"^(?:[•–▪]|\d+\.)\s*")  # bullets and numbers LibreOffice draws as text


_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_CJK_SPACE = re.compile(r"\s*([\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef])\s*")


def norm(text: str) -> str:
    """Collapse whitespace; drop spaces next to CJK characters (LibreOffice's autospace shows
    up as a space in the PDF's text)."""
    return _CJK_SPACE.sub(r"\1", _SPACE.sub(" ", text)).strip()


@dataclass
class Region:
    name: str
    x0: float
    y0: float
    x1: float
    y1: float
    text: str | None  # None: any text inside belongs here (charts)
    role: str

    def overlaps(self, b) -> bool:
        return b[0] < self.x1 and b[2] > self.x0 and b[1] < self.y1 and b[3] > self.y0

    def contains(self, b) -> bool:
        return (b[0] >= self.x0 - TOL and b[1] >= self.y0 - TOL and b[2] <= self.x1 + TOL
                and b[3] <= self.y1 + TOL)


def regions(slide) -> list[Region]:
    out = []
    for shape in slide.shapes:
        x0, y0 = shape.left / EMU, shape.top / EMU
        x1, y1 = x0 + shape.width / EMU, y0 + shape.height / EMU
        if shape.has_chart:
            out.append(Region(shape.name, x0, y0, x1, y1, None, "chart"))
        elif shape.has_table:
            table = shape.table
            y = y0
            for r, row in enumerate(table.rows):
                x = x0
                for c, column in enumerate(table.columns):
                    cell = table.cell(r, c)
                    out.append(Region(f"{shape.name}[{r},{c}]", x, y, x + column.width / EMU,
                                      y + row.height / EMU, norm(cell.text_frame.text), "table"))
                    x += column.width / EMU
                y += row.height / EMU
        elif shape.has_text_frame and shape.text_frame.text.strip():
            role = "small" if shape.name.startswith(SMALL) else "body"
            out.append(Region(shape.name, x0, y0, x1, y1, norm(shape.text_frame.text), role))
    return out


_CHARS: dict[tuple, list] = {}  # a line's bbox → the bboxes of its visible characters


def lines(page):
    """(bbox, text, smallest span size) of every text line on a PDF page. The bbox covers the
    visible characters only: a trailing space may sit past the box edge, as in every editor."""
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            chars = [c for s in line["spans"] for c in s["chars"]]
            visible = [c["bbox"] for c in chars if not c["c"].isspace()]
            if not visible:
                continue
            bbox = (min(b[0] for b in visible), min(b[1] for b in visible),
                    max(b[2] for b in visible), max(b[3] for b in visible))
            text = norm("".join(c["c"] for c in chars))
            size = min(s["size"] for s in line["spans"] if any(not c["c"].isspace()
                                                                for c in s["chars"]))
            _CHARS[bbox] = visible
            yield bbox, text, size


def check_page(page, slide, label: str = "") -> list[str]:
    """Every problem on one rendered slide, as readable sentences."""
    problems = []
    width, height = page.rect.width, page.rect.height
    areas = regions(slide)
    found = list(lines(page))
    for bbox, text, size in found:
        where = f"{label}: '{text[:40]}'"
        if bbox[0] < -TOL or bbox[1] < -TOL or bbox[2] > width + TOL or bbox[3] > height + TOL:
            problems.append(f"{where} is off the slide at {[round(v) for v in bbox]}")
            continue
        bare = _MARK.sub("", text)
        owners = [a for a in areas if a.text is None and a.contains(bbox)]
        owners += [a for a in areas if a.text is not None and bare and bare in a.text]
        if not bare:  # a bullet or number drawn apart from its text: the shape it sits in
            owners += [a for a in areas if a.text is not None and a.contains(bbox)]
        elif not owners and _RTL.search(bare):
            # Arabic comes out of the PDF with its ligatures taken apart, and a right-to-left
            # "line" may join text from shapes side by side: each visible character must lie
            # inside a text shape
            homes = [a for a in areas if a.text is not None]
            stray = [c for c in _CHARS[bbox] if not any(a.contains(c) for a in homes)]
            if stray:
                problems.append(f"{where}: {len(stray)} characters outside every text box, "
                                f"the first at {[round(v) for v in stray[0]]}")
            continue
        if not owners:
            problems.append(f"{where} belongs to no shape")
            continue
        inside = [a for a in owners if a.contains(bbox)]
        if not inside:
            boxes = ", ".join(f"{a.name} {[round(v) for v in (a.x0, a.y0, a.x1, a.y1)]}" for a in owners)
            problems.append(f"{where} at {[round(v) for v in bbox]} is outside its box: {boxes}")
            continue
        # the minimums are for a 13.33 in (960 pt) slide: in proportion on other sizes
        floor = MIN_SIZES[inside[0].role] * width / 960
        if size < floor - 0.05:
            problems.append(f"{where} is {size:.1f} pt, below the {floor:g} pt minimum")
    for i, (a, ta, _) in enumerate(found):
        for b, tb, _ in found[i + 1:]:
            dx = min(a[2], b[2]) - max(a[0], b[0])
            dy = min(a[3], b[3]) - max(a[1], b[1])
            if dx > 2 and dy > 2:
                problems.append(f"{label}: '{ta[:30]}' overlaps '{tb[:30]}'")
    return problems


def deck_problems(deck_path, folder, label: str = "slide") -> list[str]:
    """Convert a built deck with LibreOffice and check every page (`pdf_problems`)."""
    from pptx import Presentation

    from deck.office import to_pdf

    return pdf_problems(to_pdf(deck_path, folder), Presentation(str(deck_path)), label)


def pdf_problems(pdf, prs, label: str = "slide") -> list[str]:
    """A deck's PDF checked against its Presentation: one page per slide, then check_page's
    problems on every page."""
    import pymupdf

    with pymupdf.open(pdf) as doc:
        problems = ([] if doc.page_count == len(prs.slides)
                    else [f"{doc.page_count} pages for {len(prs.slides)} slides"])
        for k, (page, slide) in enumerate(zip(doc, prs.slides), start=1):
            problems += check_page(page, slide, f"{label} {k}")
    return problems
