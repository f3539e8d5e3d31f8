"""Render tests through LibreOffice: page count, and text that stays inside its boxes.

They skip on a machine without LibreOffice, and fail in CI (CI=1) rather than skip."""


import pytest
from conftest import needs_libreoffice
from pdfcheck import check_page


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
    path = tmp_path / "bad.pptx"
    prs.save(path)
    with pymupdf.open(to_pdf(path, tmp_path)) as doc:
        problems = check_page(doc[0], Presentation(str(path)).slides[0], "bad")
    assert any("is outside its box" in p for p in problems), problems
    assert any("'Tiny text' is 10.0 pt, below the 18 pt minimum" in p for p in problems), problems
