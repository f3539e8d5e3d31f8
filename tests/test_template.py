"""Templates: a .pptx or .potx brings its masters and layouts; the deck uses them."""

import zipfile
from pathlib import Path

import pytest
from conftest import needs_libreoffice
from pdfcheck import deck_problems
from pptx import Presentation
from pptx.util import Emu
from templates import make_template

import deck
from deck.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
SMALL = """\
title: T
template: {template}
sections:
  - title: Part one
    slides:
      - kind: bullets
        title: Bullets go into the body placeholder
        bullets: [one, two, three]
      - kind: chart
        title: A chart
        layout: Content with Caption
        type: column
        categories: [a, b]
        series: [{{name: s, values: [1, 2]}}]
      - kind: quote
        title: A quote
        text: Words worth quoting.
        attribution: Someone
"""


def build(tmp_path, template: Path, text: str = SMALL):
    src = tmp_path / "talk.yaml"
    src.write_text(text.format(template=template.name), encoding="utf-8")
    report = deck.build(src, output=tmp_path / "talk.pptx")
    return report, Presentation(str(report.output))


def it_knows_the_default_templates_layouts():
    import os

    import pptx

    from deck.plan import DEFAULT_TEMPLATE
    from deck.render.template import inspect_template

    real = inspect_template(Path(os.path.dirname(pptx.__file__)) / "templates" / "default.pptx")
    extra = {"date", "footer", "slide_number"}
    assert {n: [p.role for p in li.placeholders if p.role not in extra]
            for n, li in real.layouts.items()} == \
        {n: [p.role for p in li.placeholders] for n, li in DEFAULT_TEMPLATE.layouts.items()}


def it_uses_the_templates_layouts_and_keeps_titles_in_their_placeholders(tmp_path):
    template = make_template(tmp_path / "brand.pptx", chart_layout="Content with Caption")
    report, prs = build(tmp_path, template)
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts == ["Section Header", "Title and Content", "Content with Caption",
                       "Title Only"]
    bullets = prs.slides[1]
    title = bullets.shapes.title
    layout_title = next(s for s in bullets.slide_layout.placeholders
                        if s.placeholder_format.idx == 0)
    assert title.is_placeholder and (title.left, title.top) == (layout_title.left, layout_title.top)
    body = [s for s in bullets.placeholders if s.placeholder_format.idx == 1][0]
    assert [p.text for p in body.text_frame.paragraphs] == ["one", "two", "three"]
    chart = [s for s in prs.slides[2].shapes if s.has_chart][0]
    assert chart.is_placeholder and chart.placeholder_format.idx == 1  # filled the chart slot
    slot = [s for s in prs.slides[2].slide_layout.placeholders
            if s.placeholder_format.idx == 1][0]
    assert (chart.left, chart.top, chart.width) == (slot.left, slot.top, slot.width)


def it_keeps_the_templates_master_and_not_its_slides(tmp_path):
    template = make_template(tmp_path / "brand.pptx", master_fill="123456", own_slides=3)
    report, prs = build(tmp_path, template)
    assert len(prs.slides) == 4
    assert all("Template's own slide" not in (s.shapes.title.text_frame.text if s.shapes.title
                                              else "") for s in prs.slides)
    assert str(prs.slide_master.background.fill.fore_color.rgb) == "123456"
    assert len(prs.slide_master.placeholders) == 5  # the template's own master stays


def it_opens_a_potx_and_writes_a_presentation(tmp_path):
    template = make_template(tmp_path / "brand.potx")
    report, prs = build(tmp_path, template)
    with zipfile.ZipFile(report.output) as z:
        types = z.read("[Content_Types].xml").decode()
    assert "presentationml.presentation.main+xml" in types
    assert "presentationml.template.main+xml" not in types


def it_lays_out_a_four_by_three_template_for_four_by_three(tmp_path):
    template = make_template(tmp_path / "square.pptx", wide=False)
    report, prs = build(tmp_path, template)
    assert (prs.slide_width, prs.slide_height) == (Emu(9144000), Emu(6858000))
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width, shape.name


def it_renders_the_article_on_a_four_by_three_template_with_every_line_inside(tmp_path):
    needs_libreoffice()
    template = make_template(tmp_path / "square.pptx", wide=False)
    report = deck.build(ROOT / "outline.yaml", output=tmp_path / "article.pptx",
                        template=str(template))
    assert deck_problems(report.output, tmp_path, "4:3 slide") == []


def it_finds_renamed_layouts_by_their_placeholders_and_warns_about_a_missing_named_one(
        tmp_path):
    template = make_template(tmp_path / "renamed.pptx",
                             names={"Title and Content": "Brand Content", "Title Only": "Brand"})
    text = SMALL.replace("      - kind: quote\n", "      - kind: quote\n        layout: Nowhere\n")
    report, prs = build(tmp_path, template, text)
    assert [s.slide_layout.name for s in prs.slides] == [
        "Section Header", "Brand Content", "Content with Caption", "Brand"]
    messages = [d.message for d in report.warnings]
    assert any(m.startswith("layout `Nowhere` is not in the template (it has: ")
               and m.endswith("using `Master 1/Brand`") for m in messages), messages
    assert all(s.shapes.title is not None for s in prs.slides)


def it_honours_a_layout_named_on_one_slide(tmp_path):
    template = make_template(tmp_path / "brand.pptx")
    text = SMALL.replace("      - kind: quote\n", "      - kind: quote\n        layout: Two Content\n")
    report, prs = build(tmp_path, template, text)
    assert prs.slides[3].slide_layout.name == "Two Content"


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.pptx", "template `missing.pptx` does not exist (paths are relative "
                                   "to the outline's folder)"),
    (lambda d: (d / "notes.txt").write_text("x") and d / "notes.txt",
     "template `notes.txt` must be a .pptx or .potx file"),
    (lambda d: (d / "fake.pptx").write_text("not a zip") and d / "fake.pptx",
     "template `fake.pptx` is not a PowerPoint file (.pptx or .potx)"),
])
def it_refuses_an_unusable_template_at_the_template_key(tmp_path, make, message):
    template = make(tmp_path)
    src = tmp_path / "talk.yaml"
    src.write_text(SMALL.format(template=template.name), encoding="utf-8")
    with pytest.raises(InputError) as info:
        deck.check(src)
    assert str(info.value.diagnostics[0]).endswith(f"talk.yaml:2:11: error: {message}")


def it_takes_the_template_flag_over_the_outline(tmp_path):
    one = make_template(tmp_path / "one.pptx")
    other = make_template(tmp_path / "other.pptx", wide=False)
    src = tmp_path / "talk.yaml"
    src.write_text(SMALL.format(template=one.name), encoding="utf-8")
    report = deck.build(src, output=tmp_path / "x.pptx", template=str(other))
    assert Presentation(str(report.output)).slide_width == Emu(9144000)


LONG_TITLES = """\
title: The harbour moved more containers in November than in the whole of the year before
subtitle: And the east quay, opened in March, handled a third of them on the night shifts
author: The harbour authority's planning office
date: 29 November 2026
sections:
  - title: Opening
    divider: false
    slides:
      - kind: title
  - title: A section title that is long enough to need two lines here
    slides:
      - kind: two_column
        title: A slide title long enough to need a second line in the template's title box
        left: {kind: text, text: "lost since third since new containers two load moved longer
          new third lost shifts single day hours it load the night third single opening lost
          difference day since two two lost two east two it"}
        right: {kind: bullets, bullets: [one, two]}
"""


def it_keeps_long_titles_and_column_text_inside_a_templates_placeholders(tmp_path):
    needs_libreoffice()
    template = make_template(tmp_path / "brand.pptx")
    outline = tmp_path / "long.yaml"
    outline.write_text(LONG_TITLES, encoding="utf-8")
    report = deck.build(outline, output=tmp_path / "long.pptx", template=str(template))
    assert deck_problems(report.output, tmp_path) == []


SQUEEZED = """\
title: T
sections:
  - title: S
    divider: false
    slides:
      - kind: two_column
        title: Columns
        left: {kind: chart, type: column, categories: [a, b], series: [{name: s, values: [1, 2]}],
               source: A source}
        right: {kind: text, text: Some words in a column}
"""


@pytest.mark.parametrize("size, message", [
    ((None, 20), "leaves 0 pt for the content"),  # too short for the chart and its source
    ((8, None), "does not fit its column"),  # too narrow for a word: once, this never returned
])
def it_reports_placeholders_too_small_for_their_content(tmp_path, size, message):
    template = make_template(tmp_path / "brand.pptx", squeeze={"Two Content": size})
    outline = tmp_path / "o.yaml"
    outline.write_text(SQUEEZED, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        deck.build(outline, output=tmp_path / "o.pptx", template=str(template))
    assert any(message in d.message for d in caught.value.diagnostics), caught.value
    assert not (tmp_path / "o.pptx").exists()
