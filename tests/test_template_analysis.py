"""Template analysis: every master and layout read, layouts classified by what they hold (in any
language), the cover and content masters chosen, colours that read on the real background, and
no template refused for the size of its boxes."""

from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from templates import GERMAN, make_analysis_template

import deck
from deck.cli import main
from deck.layout.choose import Chooser, classify
from deck.layout.frame import worst_contrast
from deck.plan import Box, LayoutInfo, Placeholder
from deck.render.backdrop import paint
from deck.render.template import inspect_template
from deck.theme import DARK_PALETTE

ROOT = Path(__file__).resolve().parent.parent
SHORT = """\
title: Harbour report
subtitle: The year in containers
author: Planning office
sections:
  - title: Opening
    divider: false
    slides:
      - kind: title
  - title: Results
    slides:
      - kind: bullets
        title: What moved
        bullets: [more containers, longer nights]
      - kind: chart
        title: Containers by quay
        type: column
        categories: [east, west]
        series: [{name: boxes, values: [3, 5]}]
      - kind: statement
        figure: 41 %
        caption: of the year's containers crossed the east quay at night
      - kind: quote
        title: In their words
        text: We moved more than we planned for.
        attribution: The harbour master
"""


def build(tmp_path, template: Path, text: str = SHORT):
    src = tmp_path / "talk.yaml"
    src.write_text(text, encoding="utf-8")
    report = deck.build(src, output=tmp_path / "talk.pptx", template=str(template))
    return report, Presentation(str(report.output))


def _ph(role: str, box: tuple, kind: str = "obj", idx: int = 0) -> Placeholder:
    return Placeholder(role, idx, Box(*box), kind=kind)


@pytest.mark.parametrize("placeholders, expected", [
    ([], "blank"),
    ([_ph("title", (40, 20, 880, 60), "title")], "title_only"),
    ([_ph("title", (40, 180, 880, 100), "ctrTitle"),
      _ph("subtitle", (40, 300, 880, 60), "subTitle")], "title_slide"),
    ([_ph("title", (40, 20, 880, 60), "title"), _ph("body", (40, 100, 880, 380))],
     "title_body"),
    ([_ph("title", (40, 200, 880, 100), "title"), _ph("body", (40, 320, 880, 80), "body")],
     "section"),
    ([_ph("title", (40, 20, 880, 60), "title"), _ph("body", (40, 100, 420, 380)),
      _ph("body", (500, 100, 420, 380))], "two_bodies"),
    ([_ph("title", (40, 20, 880, 60), "title"), _ph("body", (40, 100, 880, 180)),
      _ph("body", (40, 300, 880, 180))], "other"),  # one above the other: not two columns
    ([_ph("title", (40, 20, 880, 60), "title"), _ph("picture", (40, 100, 880, 380), "pic")],
     "other"),
])
def it_classifies_a_layout_by_its_placeholders_and_their_boxes(placeholders, expected):
    assert classify(LayoutInfo("Anything at all", tuple(placeholders)), 540.0) == expected


def it_classifies_layouts_named_in_german_like_their_english_originals(tmp_path):
    english = inspect_template(make_analysis_template(tmp_path / "en.pptx", "narrow_43"))
    german = inspect_template(make_analysis_template(tmp_path / "de.pptx", "german"))
    classes = Chooser(german).classes
    english_classes = Chooser(english).classes
    for name, translated in GERMAN.items():
        assert classes[f"Master 1/{translated}"] == english_classes[f"Master 1/{name}"], name
    chooser = Chooser(german)
    assert chooser.choose("title").layout.name == "Titelfolie"
    assert chooser.choose("bullets").layout.name == "Titel und Inhalt"
    assert chooser.choose("two_column").layout.name == "Zwei Inhalte"
    assert chooser.choose("section").layout.name == "Abschnittsüberschrift"


def it_builds_on_german_layout_names_without_falling_back(tmp_path):
    report, prs = build(tmp_path, make_analysis_template(tmp_path / "de.pptx", "german"))
    assert [s.slide_layout.name for s in prs.slides] == [
        "Titelfolie", "Abschnittsüberschrift", "Titel und Inhalt", "Titel und Inhalt",
        "Leer", "Nur Titel"]  # the statement has no title: the blank layout
    assert not [d for d in report.warnings if "layout" in d.message]


def it_puts_the_title_slide_on_the_cover_master_and_the_rest_on_the_content_master(tmp_path):
    template = make_analysis_template(tmp_path / "two.pptx", "two_masters")
    info = inspect_template(template)
    assert [m.name for m in info.masters] == ["Content", "Cover"]
    chooser = Chooser(info)
    assert (chooser.cover, chooser.content) == (1, 0)  # the cover is second: not by order
    report, prs = build(tmp_path, template)
    masters = [s.slide_layout.slide_master for s in prs.slides]
    cover, content = prs.slide_masters[1], prs.slide_masters[0]
    assert masters[0] == cover
    assert all(m == content for m in masters[1:])


def it_takes_a_master_slash_layout_name_on_a_slide(tmp_path):
    template = make_analysis_template(tmp_path / "two.pptx", "two_masters")
    text = SHORT.replace("        title: In their words\n",
                         "        title: In their words\n        layout: Cover/Title Only\n")
    report, prs = build(tmp_path, template, text)
    last = prs.slides[-1].slide_layout
    assert (last.name, last.slide_master) == ("Title Only", prs.slide_masters[1])


def it_takes_master_slash_layout_names_from_a_themes_layouts(tmp_path):
    template = make_analysis_template(tmp_path / "two.pptx", "two_masters")
    theme = tmp_path / "brand"
    theme.mkdir()
    (theme / "theme.yaml").write_text(yaml.safe_dump(
        {"name": "brand", "layouts": {"bullets": "Cover/Title and Content"}}), encoding="utf-8")
    src = tmp_path / "talk.yaml"
    src.write_text(SHORT, encoding="utf-8")
    report = deck.build(src, output=tmp_path / "t.pptx", template=str(template),
                        theme=str(theme))
    prs = Presentation(str(report.output))
    bullets = prs.slides[2].slide_layout
    assert (bullets.name, bullets.slide_master) == ("Title and Content", prs.slide_masters[1])


def it_prints_masters_layouts_and_the_choice_for_each_kind(tmp_path, capsys):
    template = make_analysis_template(tmp_path / "two.pptx", "two_masters")
    assert main(["template", "inspect", str(template)]) == 0
    out = capsys.readouterr().out
    assert "master 1: Content  [content]" in out
    assert "master 2: Cover  [cover]" in out
    assert "  background: solid 123B5C" in out
    assert "  layout 2: Title and Content  — title + one body" in out
    assert "    title    idx 0   " in out  # every placeholder: type, idx, box
    assert "  title       Cover/Title Slide  — title + subtitle, on the cover master" in out
    assert "  bullets     Content/Title and Content  — title + one body, on the content " \
           "master" in out


def it_refuses_to_inspect_what_is_not_a_template(tmp_path, capsys):
    fake = tmp_path / "fake.pptx"
    fake.write_text("not a zip")
    assert main(["template", "inspect", str(fake)]) == 2
    assert "fake.pptx" in capsys.readouterr().err


def it_paints_a_backdrop_from_fills_gradients_and_artwork():
    backdrop = paint(960, 540, ("gradient", [(0.0, "000000", 1.0), (1.0, "FFFFFF", 1.0)], 0.0),
                     [((0, 0, 480, 540), ("solid", "FF0000", 1.0)),
                      ((0, 400, 960, 140), ("gradient", [(0.0, "FFFFFF", 0.5),
                                                         (1.0, "FFFFFF", 0.5)], 90.0))])
    left = backdrop.under(Box(10, 10, 100, 100), 960, 540)
    right_edge = backdrop.under(Box(940, 10, 20, 20), 960, 540)
    veiled = backdrop.under(Box(10, 450, 100, 50), 960, 540)
    assert set(left) == {(255, 0, 0)}  # the artwork on top of the background
    assert all(c[0] > 230 and c[1] > 230 for c in right_edge)  # the gradient's white end
    assert {c[1] for c in veiled} == {127} or {c[1] for c in veiled} == {128}  # half white


def it_chooses_text_colours_that_read_on_a_dark_picture_master(tmp_path):
    template = make_analysis_template(tmp_path / "dark.pptx", "dark_picture")
    report, prs = build(tmp_path, template)
    info = inspect_template(template)
    assert info.masters[0].background.startswith("picture 320×180")
    colours = set()
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                colours |= {r.font.color.rgb for p in shape.text_frame.paragraphs
                            for r in p.runs if r.font.color and r.font.color.type}
    assert colours
    cells = info.all_layouts[1].backdrop.under(Box(0, 0, 960, 540), 960, 540)
    for rgb in colours:  # every text colour against the whole picture
        assert worst_contrast(str(rgb), cells) >= 4.5, rgb
    assert not [d for d in report.warnings if "no colour" in d.message]


def it_takes_the_dark_palette_on_a_dark_master_so_tables_and_charts_read(tmp_path):
    from deck.pipeline import _plan

    template = make_analysis_template(tmp_path / "dark.pptx", "dark_picture")
    src = tmp_path / "talk.yaml"
    src.write_text(SHORT, encoding="utf-8")
    _, _, plan = _plan(src, None, (), str(template))
    assert plan.theme.palette == DARK_PALETTE


def it_keeps_the_dark_palette_equal_to_the_stage_themes():
    stage = yaml.safe_load((ROOT / "assets/themes/stage/theme.yaml").read_text())["palette"]
    palette = {k: (tuple(v) if isinstance(v, list) else v) for k, v in stage.items()}
    assert {k: getattr(DARK_PALETTE, k) for k in palette} == palette


def it_never_refuses_the_article_for_a_narrow_title_box(tmp_path):
    template = make_analysis_template(tmp_path / "narrow.pptx", "narrow_43")
    report = deck.build(ROOT / "outline.yaml", output=tmp_path / "a.pptx", template=str(template))
    prs = Presentation(str(report.output))
    assert prs.slide_width == 9144000
    assert any("below the theme's 28 pt, to fit the template's 180 × 30 pt box" in d.message
               for d in report.warnings)
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width, shape.name


def it_names_the_box_and_the_choices_when_a_title_fits_nowhere(tmp_path):
    template = make_analysis_template(tmp_path / "narrow.pptx", "narrow_43")
    words = " ".join(["containers"] * 60)
    text = SHORT.replace("title: What moved", f"title: {words}")
    with pytest.raises(deck.InputError) as caught:
        build(tmp_path, template, text)
    message = caught.value.diagnostics[0].message
    assert "the template's box is 180 × 30 pt" in message
    assert "shorten it, lower `min_size` in a theme, or choose another layout" in message


def it_scales_the_themes_sizes_with_a_templates_slide(tmp_path):
    from deck.pipeline import _plan

    template = make_analysis_template(tmp_path / "narrow.pptx", "narrow_43")
    src = tmp_path / "talk.yaml"
    src.write_text(SHORT, encoding="utf-8")
    _, _, plan = _plan(src, None, (), str(template))
    assert plan.theme.sizes.body.size == 26  # a 4:3 slide 7.5 in high: the theme's own
    wide = tmp_path / "poster.pptx"
    prs = Presentation(str(template))
    prs.slide_width, prs.slide_height = 1584 * 12700, 891 * 12700  # 22 in wide
    prs.save(str(wide))
    _, _, plan = _plan(src, None, (), str(wide))
    assert plan.theme.sizes.body.size == 43  # 26 pt × 891 / 540


def it_writes_charts_into_the_layouts_content_placeholder(tmp_path):
    report, prs = build(tmp_path, make_analysis_template(tmp_path / "de.pptx", "german"))
    chart_slide = prs.slides[3]
    frame = next(s for s in chart_slide.shapes if s.has_chart)
    assert frame.is_placeholder and frame.placeholder_format.idx == 1
    slot = next(p for p in chart_slide.slide_layout.placeholders if p.placeholder_format.idx == 1)
    assert (frame.left, frame.top, frame.width) == (slot.left, slot.top, slot.width)
