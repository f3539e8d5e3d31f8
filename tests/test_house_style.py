"""A slide a colleague adds by hand to a deck built on the default template looks like deck's
own: the master's title and body placeholders sit where deck puts titles and bullets, in its
type (layout/house.py, render/oxml/house.py); a company template's master is left alone."""

from __future__ import annotations

import pytest
from conftest import needs_libreoffice
from pptx import Presentation
from pptx.util import Pt

import deck
from deck.layout.house import house_style
from deck.theme import Theme

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
OUTLINE = """\
    title: House style
    sections:
      - title: S
        divider: false
        slides:
          - kind: bullets
            title: Made by deck
            bullets: [First point, Second point]
    """


def _styles(prs):
    styles = prs.slide_master._element.find(f"{P}txStyles")
    return styles.find(f"{P}titleStyle/{A}lvl1pPr"), styles.find(f"{P}bodyStyle")


def _add_by_hand(prs, layout: str, title: str, lines: list[str]):
    """What a colleague does: a slide from one of the deck's layouts, text typed in."""
    slide = prs.slides.add_slide(next(x for x in prs.slide_layouts if x.name == layout))
    slide.shapes.title.text = title
    for ph in slide.placeholders:
        if ph.placeholder_format.idx in (1, 2):
            ph.text_frame.text = lines[0]
            for line in lines[1:]:
                ph.text_frame.add_paragraph().text = line
    return slide


def it_gives_the_default_masters_title_and_body_the_decks_design(outline, tmp_path):
    report = deck.build(outline(OUTLINE), output=tmp_path / "d.pptx")
    prs = Presentation(report.output)
    house, theme = house_style(Theme()), Theme()
    title, body = _styles(prs)
    assert title.get("algn") == "l"
    assert title.find(f"{A}defRPr").get("sz") == "3600" and title.find(f"{A}defRPr").get("b") == "1"
    first = body.find(f"{A}lvl1pPr")
    assert first.find(f"{A}defRPr").get("sz") == "2600"
    assert first.find(f"{A}buClr/{A}srgbClr").get("val") == theme.palette.accent
    assert [body.find(f"{A}lvl{k}pPr/{A}buChar").get("char") for k in (1, 2, 3)] == \
        ["•", "–", "▪"]
    placed = {ph.placeholder_format.type: ph for ph in prs.slide_master.placeholders}
    boxes = {name: (shape.left, shape.top, shape.width)
             for name, shape in (("title", placed[1]), ("body", placed[2]))}
    assert boxes["title"] == (Pt(house.title.x), Pt(house.title.y), Pt(house.title.w))
    assert boxes["body"] == (Pt(house.body.x), Pt(house.body.y), Pt(house.body.w))
    two = next(x for x in prs.slide_layouts if x.name == "Two Content")
    lefts = sorted(ph.left for ph in two.placeholders if ph.placeholder_format.idx in (1, 2))
    assert lefts == [Pt(house.columns[0].x), Pt(house.columns[1].x)]
    both = next(x for x in prs.slide_layouts if x.name == "Comparison")
    tops = {ph.placeholder_format.idx: ph.top for ph in both.placeholders}
    assert min(tops[k] for k in (1, 2, 3, 4)) >= Pt(house.body.y)  # under a two-line title
    assert tops[1] < tops[2] and tops[3] < tops[4]  # each heading above its contents


def it_leaves_a_company_templates_master_alone(outline, tmp_path):
    from templates import make_template

    make_template(tmp_path / "brand.pptx")
    src = outline(OUTLINE.replace("title: House style\n", "title: House style\n    template: "
                                  "brand.pptx\n"))
    report = deck.build(src, output=tmp_path / "d.pptx")
    before, after = Presentation(tmp_path / "brand.pptx"), Presentation(report.output)
    for old, new in zip(_styles(before), _styles(after)):
        assert old.get("algn") == new.get("algn")
        assert [e.get("sz") for e in old.iter(f"{A}defRPr")] == \
            [e.get("sz") for e in new.iter(f"{A}defRPr")]


def it_sets_a_slide_added_by_hand_like_decks_own(outline, tmp_path):
    """Rendered by LibreOffice: the typed title is at deck's title size and left edge, the
    typed bullets at the body size, inside the slide; on Two Content too."""
    import pymupdf

    from deck.office import to_pdf

    needs_libreoffice()
    report = deck.build(outline(OUTLINE), output=tmp_path / "d.pptx")
    prs = Presentation(report.output)
    _add_by_hand(prs, "Title and Content", "Typed by a colleague", ["One point", "Another"])
    _add_by_hand(prs, "Two Content", "Two columns by hand", ["Left or right", "More"])
    _add_by_hand(prs, "Section Header", "A new section", ["What it holds"])
    prs.save(tmp_path / "handmade-edited.pptx")  # python-pptx's edit, not a deck of ours
    pdf = pymupdf.open(to_pdf(tmp_path / "handmade-edited.pptx", tmp_path))
    assert pdf.page_count == 4

    def spans(page):
        return [s for b in page.get_text("dict")["blocks"] for line in b.get("lines", ())
                for s in line["spans"] if s["text"].strip() not in ("", "•")]
    ours = {s["text"]: s for s in spans(pdf[0])}
    width = pdf[0].rect.width
    for page, title in ((pdf[1], "Typed by a colleague"), (pdf[2], "Two columns by hand")):
        found = {s["text"]: s for s in spans(page)}
        assert round(found[title]["size"]) == 36  # deck's title size, not the template's 44
        assert abs(found[title]["bbox"][0] - ours["Made by deck"]["bbox"][0]) < 2  # left edge
        assert abs(found[title]["bbox"][1] - ours["Made by deck"]["bbox"][1]) < 2  # same top
        body = [s for s in found.values() if s["text"] != title]
        assert body and all(round(s["size"]) == 26 for s in body)  # deck's body size
        assert all(0 < s["bbox"][0] and s["bbox"][2] < width for s in body)
    section = {s["text"]: s for s in spans(pdf[3])}
    theme, house = Theme(), house_style(Theme())
    title, holds = section["A new section"], section["What it holds"]
    assert round(title["size"]) == 48 and round(holds["size"]) == 22  # a divider's sizes
    assert abs(title["bbox"][1] - house.section_title.y) < 10  # where a divider's title is
    assert f"{title['color']:06X}" == theme.palette.on_dark  # light text: the layout is dark
    assert f"{holds['color']:06X}" == theme.palette.muted_on_dark



def _boxes(path) -> list[tuple[str, int, int]]:
    """(part, cx, cy) of every placeholder box on the master and the layouts."""
    import zipfile

    from lxml import etree

    out = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith(("ppt/slideMasters/slideMaster", "ppt/slideLayouts/slideLayout")) \
                    and name.endswith(".xml"):
                for ext in etree.fromstring(z.read(name)).iter(f"{A}ext"):
                    if ext.get("cy") is not None:
                        out.append((name, int(ext.get("cx")), int(ext.get("cy"))))
    return out


@pytest.mark.parametrize("theme_text", [
    "name: low\ngeometry: {body_bottom: 280, footer_top: 300}\n",
    "name: big\nsizes:\n  section: {size: 120, min_size: 32, line: 1.3, bold: true}\n",
])
def it_leaves_a_placeholder_in_place_when_the_theme_leaves_it_no_room(outline, tmp_path,
                                                                      theme_text):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "theme.yaml").write_text(theme_text, encoding="utf-8")
    src = outline(OUTLINE.replace("title: House style\n", "title: House style\n    theme: ./t\n"))
    report = deck.build(src, output=tmp_path / "d.pptx")
    assert all(cx >= 0 and cy >= 0 for _, cx, cy in _boxes(report.output))  # schema: ≥ 0


def it_sets_a_right_to_left_decks_master_right_to_left(outline, tmp_path):
    src = outline(OUTLINE.replace("title: House style\n",
                                  "title: House style\n    language: ar-SA\n"))
    title, body = _styles(Presentation(deck.build(src, output=tmp_path / "d.pptx").output))
    assert (title.get("algn"), title.get("rtl")) == ("r", "1")
    assert {(body.find(f"{A}lvl{k}pPr").get("algn"), body.find(f"{A}lvl{k}pPr").get("rtl"))
            for k in (1, 2, 3)} == {("r", "1")}
    plain = _styles(Presentation(deck.build(outline(OUTLINE), output=tmp_path / "e.pptx")
                                 .output))[0]
    assert (plain.get("algn"), plain.get("rtl")) == ("l", "0")  # a prepared template per side


def it_spaces_the_masters_lines_in_proportion_for_layouts_with_their_own_sizes(outline,
                                                                             tmp_path):
    """Captions and comparisons set their own sizes and inherit the master's line spacing: a
    share of single spacing, not points fixed for the body size."""
    title, body = _styles(Presentation(deck.build(outline(OUTLINE),
                                                  output=tmp_path / "d.pptx").output))
    for ppr in (title, body.find(f"{A}lvl1pPr")):
        assert ppr.find(f"{A}lnSpc/{A}spcPct") is not None
        assert ppr.find(f"{A}lnSpc/{A}spcPts") is None
