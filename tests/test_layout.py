"""The layout plan: pure geometry, checked without rendering anything."""

import re
from pathlib import Path

import pytest

import deck
from deck.errors import InputError
from deck.layout.table import column_align, column_widths, is_number, table_cells
from deck.model import TableSpec
from deck.pipeline import _plan
from deck.plan import Box, ChartShape, TableShape, TextShape
from deck.theme import Theme

THEME = Theme()


def plan_of(outline, body: str):
    path = outline("title: T\nsections:\n  - title: S\n    divider: false\n    slides:\n" + body)
    return _plan(path, None)[2]


def shapes(slide, kind):
    return [s for s in slide.shapes if isinstance(s, kind)]


def inside(box: Box, outer: Box) -> bool:
    return (box.x >= outer.x - 1e-6 and box.y >= outer.y - 1e-6 and box.right <= outer.right + 1e-6
            and box.bottom <= outer.bottom + 1e-6)


SLIDE = Box(0, 0, THEME.slide_w, THEME.slide_h)


def it_keeps_every_shape_of_the_article_on_the_slide_and_above_the_minimum_sizes():
    plan = _plan("outline.yaml", None)[2]
    for slide in plan.slides:
        for shape in slide.shapes:
            assert inside(shape.box, SLIDE), shape
            if isinstance(shape, TextShape):
                assert shape.size >= 12
            if isinstance(shape, TableShape):
                assert shape.size >= 14


def it_keeps_body_text_clear_of_the_title_and_the_footer():
    plan = _plan("outline.yaml", None)[2]
    content = [s for s in plan.slides if s.kind not in ("title", "section")]
    assert len(content) >= 10  # the article's content slides, every one checked
    for slide in content:
        title = [s for s in shapes(slide, TextShape) if s.role == "title"]
        body = [s for s in slide.shapes if isinstance(s, (TableShape, ChartShape)) or
                isinstance(s, TextShape) and s.name in ("Bullets", "Quote", "Caption", "Figure",
                                                        "Text", "Sources", "Source")]
        assert body
        for b in body:
            if title:
                assert b.box.y >= title[0].box.bottom
            assert b.box.bottom <= THEME.geometry.body_bottom + 1e-6


def it_keeps_the_theme_size_when_text_fits(outline):
    plan = plan_of(outline, "      - kind: bullets\n        bullets: [one, two]\n")
    assert shapes(plan.slides[0], TextShape)[-1].size == THEME.sizes.body.size
    assert plan.diagnostics == []


def it_shrinks_before_it_continues_and_says_so(outline):
    long = " ".join(["word"] * 60)
    plan = plan_of(outline, f"      - kind: bullets\n        bullets: [{long}, {long}, {long}]\n")
    assert len(plan.slides) == 1
    body = [s for s in shapes(plan.slides[0], TextShape) if s.name == "Bullets"][0]
    assert THEME.sizes.body.min_size <= body.size < THEME.sizes.body.size
    assert [d.message for d in plan.diagnostics] == [f"bullets shrunk from 26 pt to {body.size:g} pt"]


def it_continues_between_items_keeping_sub_bullets_with_their_parent(outline):
    item = "          - text: " + " ".join(["parent"] * 30) + "\n            bullets: [" + \
        ", ".join([" ".join(["child"] * 20)] * 2) + "]\n"
    plan = plan_of(outline, "      - kind: bullets\n        title: Many\n        bullets:\n" + item * 6)
    assert len(plan.slides) > 1
    titles = [s.paras[0].runs[0].text for sl in plan.slides for s in shapes(sl, TextShape)
              if s.role == "title"]
    n = len(plan.slides)  # numbered past two slides, so that every title is unique
    assert titles == ["Many"] + (["Many (cont.)"] if n == 2 else
                                 [f"Many (cont. {k}/{n})" for k in range(2, n + 1)])
    for slide in plan.slides:
        body = [s for s in shapes(slide, TextShape) if s.name == "Bullets"][0]
        assert body.paras[0].level == 0  # never starts with an orphaned sub-bullet
        assert body.paras[0].space_before == 0.0
    sizes = {[s for s in shapes(sl, TextShape) if s.name == "Bullets"][0].size for sl in plan.slides}
    assert len(sizes) == 1  # continuation slides share one size


def it_refuses_a_single_item_too_long_for_any_slide(outline):
    huge = " ".join(["word"] * 2000)
    with pytest.raises(InputError) as info:
        plan_of(outline, f"      - kind: bullets\n        bullets: [{huge}]\n")
    assert "one item is too long for a whole slide even at 18 pt: split it" in str(info.value)


def it_refuses_a_footer_that_does_not_fit_once_not_per_slide(outline):
    path = outline("title: T\nfooter: " + "long " * 200 + "\nsections:\n  - title: S\n    slides:\n"
                   "      - kind: bullets\n        bullets: [a]\n      - kind: bullets\n"
                   "        bullets: [b]\n")
    with pytest.raises(InputError) as info:
        deck.check(path)
    assert len(info.value.diagnostics) == 1
    assert "footer needs" in info.value.diagnostics[0].message


@pytest.mark.parametrize("text, expected", [
    ("1,449", True), ("−3.5%", True), ("$12", True), ("1.2M", True), ("(4)", True),
    ("Qwen", False), ("V4", False), ("—", False), ("1,449 points", False),
])
def it_recognises_numbers_as_people_write_them(text, expected):
    assert is_number(text) is expected


def it_right_aligns_number_columns_unless_told_otherwise():
    spec = TableSpec(columns=["Model", "Elo"], rows=[["Qwen", "1,449"], ["GLM", None]])
    assert column_align(spec) == ("left", "right")
    spec = TableSpec(columns=["Model", "Elo"], rows=[["Qwen", "1,449"]], align=["center", "left"])
    assert column_align(spec) == ("center", "left")


def it_gives_columns_width_by_content_and_never_less_than_their_longest_word():
    spec = TableSpec(columns=["Id", "Description"],
                     rows=[["1", "A much longer description that needs most of the room"]] * 3)
    widths = column_widths(table_cells(spec), 800, 20)
    assert 400 <= sum(widths) < 800  # every cell fits on one line: as wide as that needs
    assert widths[1] > 3 * widths[0]
    narrow = TableSpec(columns=["Word"], rows=[["Incomprehensibilities"]])
    assert column_widths(table_cells(narrow), 50, 20) is None  # the word cannot fit: shrink


@pytest.mark.parametrize("label", ["Row 01", "通义千问"])
@pytest.mark.parametrize("theme", ["default", "stage"])
@pytest.mark.parametrize("size", [16, 19, 22])
def it_keeps_short_columns_on_one_line_when_a_long_column_takes_the_rest(label, theme, size):
    from deck import measure
    from deck.themes import load_theme, theme_file

    face = load_theme(theme_file(theme, Path("."))).fonts.body
    notes = "Research preview with a long description that wraps onto a second line in its cell"
    spec = TableSpec(columns=["Row", "Lab", "Arena Elo", "Notes"],
                     rows=[[label, "Moonshot AI", "1,400", notes]] * 30)  # too big to refine
    cells = table_cells(spec)
    widths = column_widths(cells, 840, size, face)
    assert sum(widths) == pytest.approx(840)
    pad = 2 * 0.45 * size
    lines = [max(measure.count_lines(row[c], widths[c] - pad, size, face) for row in cells)
             for c in range(4)]
    assert lines[:3] == [1, 1, 1]


@pytest.mark.parametrize("theme", ["default", "editorial", "stage"])
def it_puts_the_byline_below_a_long_subtitle(theme, outline):
    src = outline(
        "title: The harbour moved more containers in November than in the whole of the year "
        "before that\n"
        "subtitle: And the east quay, opened in March, handled a third of them on the night "
        "shifts, a record for the port and for the whole coast, with two new cranes and three "
        "more shifts a week\n"
        "author: The planning office\ndate: 29 November 2026\n"
        "sections:\n  - title: S\n    divider: false\n    slides:\n      - kind: title\n")
    shapes = {s.name: s for s in _plan(src, theme)[2].slides[0].shapes}
    assert shapes["Byline"].box.y >= shapes["Subtitle"].box.bottom + 12


def stress_plan(theme=None):
    return _plan(Path(__file__).parent / "data" / "stress.yaml", theme)[2]


@pytest.mark.parametrize("theme", ["default", "editorial"])
def it_sets_a_continued_slides_titles_at_one_size(theme):
    plan = stress_plan(theme)
    titles = [next(s for s in slide.shapes if isinstance(s, TextShape) and s.role == "title")
              for slide in plan.slides if slide.kind in ("bullets", "table", "sources")]
    by_text = {}
    for t in titles:
        text = "".join(r.text for p in t.paras for r in p.runs).replace("\n", " ")
        by_text.setdefault(re.sub(r" \(cont\.( \d+/\d+)?\)$", "", text), set()).add(t.size)
    continued = {k: v for k, v in by_text.items()
                 if any(k + " (cont." in "".join(r.text for p in t.paras for r in p.runs)
                        .replace("\n", " ") for t in titles)}
    assert continued and all(len(sizes) == 1 for sizes in continued.values()), continued


def it_puts_a_table_at_the_top_of_its_body_and_its_source_right_under_it(outline):
    src = outline("""\
        title: T
        sections:
          - title: S
            divider: false
            slides:
              - kind: table
                title: Three short columns
                columns: [Region, Sales, Share]
                rows: [[North, '12', 10%], [South, '9', 8%]]
                source: "Source: the sales team"
        """)
    shapes = _plan(src, None)[2].slides[0].shapes
    title = next(s for s in shapes if isinstance(s, TextShape) and s.role == "title")
    table = next(s for s in shapes if isinstance(s, TableShape))
    source = next(s for s in shapes if isinstance(s, TextShape) and s.name == "Source")
    assert table.box.y - title.box.bottom < 60  # below the rule, not pushed further down
    assert 0 < source.box.y - table.box.bottom <= 12
    assert table.box.w < 0.7 * THEME.slide_w  # a short table is not stretched across


def it_mirrors_a_right_to_left_deck():
    ltr = _plan(Path(__file__).parent / "data" / "rtl.yaml", None)[2]
    assert ltr.language == "ar-SA"
    for slide in ltr.slides:
        for shape in slide.shapes:
            if isinstance(shape, TextShape):
                assert all(p.rtl and p.align in ("right", "center") for p in shape.paras), shape
    content = next(s for s in ltr.slides if s.kind == "bullets")
    rule = next(s for s in content.shapes if s.name == "Accent rule")
    title = next(s for s in content.shapes if isinstance(s, TextShape) and s.role == "title")
    assert rule.box.right == pytest.approx(title.box.right)  # the rule starts at the right
    number = next(s for s in content.shapes if type(s).__name__ == "SlideNumberShape")
    footer = next(s for s in content.shapes if s.name == "Footer")
    assert number.align == "left" and number.box.x < footer.box.x
    table = next(s for sl in ltr.slides for s in sl.shapes if isinstance(s, TableShape))
    assert [r[0].text for r in table.cells[0]][-1] == "النموذج"  # the first column, rightmost
    assert table.rtl and table.align[-1] == "right"


def it_names_sources_and_continued_slides_in_the_decks_language(outline):
    rows = "\n".join(f"          - [行{i}, '{i}']" for i in range(40))
    src = outline("title: 演示\nlanguage: zh-CN\nsections:\n  - title: 一\n    divider: false\n"
                  "    slides:\n      - kind: table\n        title: 长表\n"
                  "        columns: [名称, 数值]\n        rows:\n" + rows + "\n"
                  "      - kind: sources\n        sources: [来源一]\n")
    titles = ["".join(r.text for sh in s.shapes if isinstance(sh, TextShape) and sh.role == "title"
                      for p in sh.paras for r in p.runs)
              for s in _plan(src, None)[2].slides]
    n = len(titles) - 1  # the table's slides, numbered past two
    assert titles[0] == "长表" and titles[1] == f"长表（续 2/{n}）" and titles[-1] == "资料来源"
