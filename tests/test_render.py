"""Render tests through LibreOffice: page count, and text that stays inside its boxes.

They skip on a machine without LibreOffice, and fail in CI (CI=1) rather than skip."""


from pathlib import Path

import pytest
from conftest import needs_libreoffice
from pdfcheck import check_page, deck_problems


@pytest.fixture(scope="session")
def article_pdf(article_pptx, tmp_path_factory):
    needs_libreoffice()
    from deck.office import to_pdf

    return to_pdf(article_pptx, tmp_path_factory.mktemp("article-pdf"))


def it_renders_one_page_per_slide(article_pdf, article):
    import pymupdf

    with pymupdf.open(article_pdf) as doc:
        assert doc.page_count == len(article.slides)


def it_keeps_every_line_of_the_article_inside_its_box_without_overlaps(article_pdf, article):
    import pymupdf

    problems = []
    with pymupdf.open(article_pdf) as doc:
        for k, (page, slide) in enumerate(zip(doc, article.slides), start=1):
            problems += check_page(page, slide, f"slide {k}")
    assert problems == []


def it_draws_chinese_text_with_a_cjk_font(article_pdf):
    import pymupdf

    with pymupdf.open(article_pdf) as doc:
        blocks = doc[2].get_text("dict")["blocks"]
        fonts = {span["font"] for block in blocks for line in block.get("lines", [])
                 for span in line["spans"] if "通" in span["text"]}
    assert fonts and all("CJK" in f for f in fonts), fonts


def it_catches_text_that_overflows_its_box_or_is_too_small(tmp_path):
    """The checker itself: a hand-made slide with an overflowing box and 10 pt text must fail."""
    needs_libreoffice()
    import pymupdf
    from pptx import Presentation
    from pptx.util import Pt

    from deck.office import to_pdf

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Pt(50), Pt(50), Pt(200), Pt(30))
    box.text_frame.word_wrap = True
    box.text_frame.text = "A sentence far too long for a box that is only thirty points tall."
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
    small = slide.shapes.add_textbox(Pt(50), Pt(300), Pt(400), Pt(30))
    small.text_frame.text = "Tiny text"
    small.text_frame.paragraphs[0].runs[0].font.size = Pt(10)
    path = tmp_path / "handmade-bad.pptx"
    prs.save(path)
    with pymupdf.open(to_pdf(path, tmp_path)) as doc:
        problems = check_page(doc[0], Presentation(str(path)).slides[0], "bad")
    assert any("is outside its box" in p for p in problems), problems
    # a 10 in (720 pt) slide: the 18 pt minimum in proportion is 13.5 pt
    assert any("'Tiny text' is 10.0 pt, below the 13.5 pt minimum" in p for p in problems), problems


STRESS = Path(__file__).parent / "data" / "stress.yaml"


@pytest.fixture(scope="session")
def stress(tmp_path_factory):
    """The stress deck and its LibreOffice render: (Presentation, PDF path, warnings)."""
    needs_libreoffice()
    from pptx import Presentation

    import deck
    from deck.office import to_pdf

    folder = tmp_path_factory.mktemp("stress")
    report = deck.build(STRESS, output=folder / "stress.pptx")
    return Presentation(str(report.output)), to_pdf(report.output, folder), report.warnings


def it_keeps_every_line_of_the_stress_deck_inside_its_box_without_overlaps(stress):
    import pymupdf

    prs, pdf, _ = stress
    problems = []
    with pymupdf.open(pdf) as doc:
        assert doc.page_count == len(prs.slides)
        for k, (page, slide) in enumerate(zip(doc, prs.slides), start=1):
            problems += check_page(page, slide, f"slide {k}")
    assert problems == []


def it_reports_what_the_stress_deck_had_to_shrink_or_continue(stress):
    _, _, warnings = stress
    messages = [w.message for w in warnings]
    assert any(m.startswith("title shrunk from 36 pt to") for m in messages)
    assert "bullets continued over 2 slides" in messages
    assert "table continued over 3 slides (header repeated)" in messages
    assert "sources continued over 2 slides" in messages


def it_continues_tables_with_the_header_repeated_and_cont_titles(stress):
    prs, _, _ = stress
    tables = [(slide.shapes.title.text_frame.text, next(s for s in slide.shapes if s.has_table).table)
              for slide in prs.slides if any(s.has_table for s in slide.shapes)]
    # a title that needs two lines is balanced with a line break (\v): compare the words
    assert [t.replace("\v", " ") for t, _ in tables] == [
        "Thirty rows continue with the header repeated"] + \
        [f"Thirty rows continue with the header repeated (cont. {k}/3)" for k in (2, 3)]
    assert all(table.cell(0, 0).text == "Row" for _, table in tables)
    body_rows = [row.cells[0].text for _, table in tables for row in list(table.rows)[1:]]
    assert body_rows == [f"Row {i:02d}" for i in range(1, 31)]


def it_tags_cjk_runs_and_right_to_left_paragraphs(stress):
    from pptx.oxml.ns import qn

    prs, pdf, _ = stress
    runs = [r for slide in prs.slides for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs for r in p.runs]
    cjk = [r for r in runs if "通义千问" in r.text]
    assert cjk and all(r._r.rPr.get("lang") == "zh-CN" for r in cjk)
    rtl = [p for slide in prs.slides for shape in slide.shapes if shape.has_text_frame
           for p in shape.text_frame.paragraphs if "مرحبا" in "".join(r.text for r in p.runs)]
    assert len(rtl) == 1 and rtl[0]._p.pPr.get("rtl") == "1"
    assert rtl[0]._p.pPr.get("algn") == "r"
    english = [r for r in runs if r.text.startswith("Mixed")]
    assert english[0]._r.rPr.get("lang") == "en-US"
    assert english[0]._r.rPr.find(qn("a:ea")).get("typeface") == "Microsoft YaHei"


def it_sets_plain_text_flush_left_in_a_half_width_body_placeholder(stress):
    """A text block in a two-column slide sits in the layout's body placeholder, whose master
    style hangs every line after the first: each of its lines must start at the box edge."""
    import pymupdf

    prs, pdf, _ = stress
    number, shape = next((k, s) for k, slide in enumerate(prs.slides)
                         for s in slide.shapes if s.has_text_frame
                         and s.text_frame.text.startswith("阿里巴巴通义千问"))
    left, top = shape.left / 12700, shape.top / 12700
    right, bottom = left + shape.width / 12700, top + shape.height / 12700
    with pymupdf.open(pdf) as doc:
        lines = [line["bbox"] for block in doc[number].get_text("dict")["blocks"]
                 for line in block.get("lines", [])
                 if left - 1 <= line["bbox"][0] and line["bbox"][2] <= right + 1
                 and top - 1 <= line["bbox"][1] and line["bbox"][3] <= bottom + 1]
    assert len(lines) >= 4
    assert max(x0 for x0, *_ in lines) - left < 2, [round(x0 - left) for x0, *_ in lines]


def it_leaves_a_gap_after_two_digit_source_numbers(stress):
    """Numbers hang in an indent wide enough for the list's largest number: "10." never
    touches its text."""
    import re

    import pymupdf

    _, pdf, _ = stress
    with pymupdf.open(pdf) as doc:
        words = [w[4] for page in doc for w in page.get_text("words")]
    assert "10." in words
    assert [w for w in words if re.match(r"^\d+\.\D", w)] == []


def it_keeps_every_line_of_a_right_to_left_deck_inside_its_box(tmp_path):
    needs_libreoffice()
    import deck

    report = deck.build(Path(__file__).parent / "data" / "rtl.yaml", output=tmp_path / "rtl.pptx")
    assert deck_problems(report.output, tmp_path, "rtl slide") == []
