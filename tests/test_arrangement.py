"""Dividers, the title slide, grids and block headings: where things go, checked on the plan."""

from pathlib import Path

import pytest

from deck.errors import InputError
from deck.pipeline import _plan
from deck.plan import Box, PictureShape, RectShape

ROOT = Path(__file__).parent.parent
SLIDE = Box(0, 0, 960, 540)


def plan(path):
    return _plan(path, None)[2]


def named(slide, name):
    return [s for s in slide.shapes if getattr(s, "name", None) == name]


def text(shape) -> str:
    return "".join(r.text for p in shape.paras for r in p.runs).replace("\n", " ")


def text_of(para) -> str:
    return "".join(r.text for r in para.runs)


def inside(box: Box, outer: Box) -> bool:
    return (box.x >= outer.x - 1e-6 and box.y >= outer.y - 1e-6
            and box.right <= outer.right + 1e-6 and box.bottom <= outer.bottom + 1e-6)


def overlap(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


SECTIONS = """\
sections:
  - title: Opening
    slides:
      - kind: title
  - title: One slide
    slides:
      - {kind: bullets, title: The only slide, bullets: [a]}
  - title: Two slides
    notes: Say where we are.
    slides:
      - {kind: bullets, title: First, bullets: [a]}
      - {kind: bullets, title: Second, bullets: [b]}
"""


@pytest.mark.parametrize("dividers, expected", [
    ("", ["title", "bullets", "section", "bullets", "bullets"]),
    ("dividers: auto\n", ["title", "bullets", "section", "bullets", "bullets"]),
    ("dividers: all\n", ["section", "title", "section", "bullets", "section", "bullets",
                         "bullets"]),
    ("dividers: none\n", ["title", "bullets", "bullets", "bullets"]),
])
def it_opens_the_sections_that_earn_it_with_a_divider(outline, dividers, expected):
    kinds = [s.kind for s in plan(outline("title: T\n" + dividers + SECTIONS)).slides]
    assert kinds == expected


def it_lets_a_section_ask_for_its_divider_or_refuse_it(outline):
    text_ = SECTIONS.replace("  - title: One slide\n", "  - title: One slide\n    divider: true\n")
    text_ = text_.replace("  - title: Two slides\n", "  - title: Two slides\n    divider: false\n")
    kinds = [s.kind for s in plan(outline("title: T\n" + text_)).slides]
    assert kinds == ["title", "section", "bullets", "bullets", "bullets"]


def it_shows_every_section_on_a_divider_with_this_one_emphasised(outline):
    slides = plan(outline("title: T\n" + SECTIONS)).slides
    divider = next(s for s in slides if s.kind == "section")
    listed = named(divider, "Section list")
    assert [text(s) for s in listed] == ["One slide", "Two slides"]  # not the title-only one
    assert [s.bold for s in listed] == [False, True]
    assert [s.paras[0].number for s in listed] == [1, 2]  # numbered, as the dividers are
    assert text(named(divider, "Section number")[0]) == "02"
    assert all(s.size >= 18 for s in listed)  # read from the back of the room
    assert named(divider, "Current section")[0].box.y == pytest.approx(listed[1].box.y)
    assert divider.notes == "Say where we are."
    assert [[text_of(p) for p in s.paras] for s in named(divider, "Agenda")] == [["First", "Second"]]
    for shape in divider.shapes:
        assert inside(shape.box, SLIDE), shape


def it_never_repeats_the_only_slides_title_on_its_divider(outline):
    slides = plan(outline("title: T\ndividers: all\n" + SECTIONS)).slides
    one = slides[2]
    assert one.kind == "section" and text(named(one, "Title")[0]) == "One slide"
    assert named(one, "Agenda") == []


def it_lists_no_sections_on_the_divider_of_a_deck_with_one(outline):
    slides = plan(outline("title: T\nsections:\n" + SECTIONS.split("  - title: Two")[0]
                          .split("sections:\n")[0] + "  - title: Two" +
                          SECTIONS.split("  - title: Two")[1])).slides
    divider = slides[0]
    assert divider.kind == "section" and named(divider, "Section list") == []


def it_fills_the_title_slide_with_a_band_for_the_author_and_date(outline):
    slide = plan(outline("title: Ten slides about harbours\nsubtitle: And cranes\n"
                         "author: The planning office\ndate: 2 December 2026\n"
                         + SECTIONS)).slides[0]
    band = named(slide, "Title band")[0]
    byline = named(slide, "Byline")[0]
    title, sub = named(slide, "Title")[0], named(slide, "Subtitle")[0]
    assert isinstance(band, RectShape) and band.box.bottom == pytest.approx(540)
    assert band.box.h >= 540 * 0.25
    assert inside(byline.box, band.box) and text(byline) == "The planning office · 2 December 2026"
    assert title.box.bottom <= sub.box.y and sub.box.bottom <= band.box.y
    # the title and subtitle sit in the middle of what the band leaves, not at the top
    above, below = title.box.y, band.box.y - sub.box.bottom
    assert abs(above - 24 - below) < 40


def it_puts_the_subtitle_on_the_band_when_there_is_no_byline(outline):
    slide = plan(outline("title: T\nsubtitle: Only a subtitle\n" + SECTIONS)).slides[0]
    band, sub = named(slide, "Title band")[0], named(slide, "Subtitle")[0]
    assert inside(sub.box, band.box) and sub.color == "F9FAFB"


def it_sets_a_picture_right_of_the_title(outline, tmp_path):
    from PIL import Image

    Image.new("RGB", (200, 120), "#C2410C").save(tmp_path / "logo.png")
    path = outline("title: A title long enough to need two lines on the slide\n"
                   "author: Me\n" + SECTIONS.replace(
                       "      - kind: title\n",
                       "      - {kind: title, image: logo.png, alt: The harbour's logo}\n"))
    slide = plan(path).slides[0]
    picture = next(s for s in slide.shapes if isinstance(s, PictureShape))
    title, band = named(slide, "Title")[0], named(slide, "Title band")[0]
    assert picture.alt == "The harbour's logo"
    assert picture.box.x >= title.box.right and picture.box.bottom <= band.box.y
    assert inside(picture.box, SLIDE)


def grid(blocks: str, extra: str = "") -> str:
    return ("title: T\nsections:\n  - title: S\n    slides:\n      - kind: grid\n"
            "        title: Four fits\n" + extra + "        blocks:\n" + blocks)


def scatter(name: str) -> str:
    return (f"          - {{kind: chart, type: scatter, title: '{name}', "
            f"series: [{{name: {name}, x: [1, 2, 3], values: [2, 4, 5]}}]}}\n")


def it_lays_four_blocks_out_two_by_two_under_aligned_headings(outline):
    slide = plan(outline(grid("".join(scatter(n) for n in ("I", "II", "III", "IV"))))).slides[0]
    charts = [s for s in slide.shapes if type(s).__name__ == "ChartShape"]
    heads = named(slide, "Heading")
    assert [text(h) for h in heads] == ["I", "II", "III", "IV"]
    assert len(charts) == 4
    xs, ys = sorted({round(c.box.x) for c in charts}), sorted({round(c.box.y) for c in charts})
    assert len(xs) == 2 and len(ys) == 2
    for k, chart in enumerate(charts):
        assert inside(chart.box, SLIDE)
        assert heads[k].box.bottom <= chart.box.y and heads[k].box.x == chart.box.x
        assert not any(overlap(chart.box, other.box) for other in charts if other is not chart)
    assert len({c.box.w for c in charts}) == 1 and len({c.box.h for c in charts}) == 1


@pytest.mark.parametrize("n, per_row, columns", [(2, None, 2), (3, None, 3), (5, None, 3),
                                                 (6, None, 3), (4, 1, 1), (6, 2, 2)])
def it_chooses_how_many_blocks_go_in_a_row(outline, n, per_row, columns):
    blocks = "".join(f"          - {{kind: text, text: Cell {k}}}\n" for k in range(n))
    extra = f"        per_row: {per_row}\n" if per_row else ""
    slide = plan(outline(grid(blocks, extra))).slides[0]
    cells = named(slide, "Text")
    assert len(cells) == n
    assert len({round(c.box.x) for c in cells}) == columns
    for cell in cells:
        assert inside(cell.box, SLIDE) and cell.box.bottom <= 484 + 1e-6


def it_gives_two_column_blocks_headings_that_line_up(outline):
    slide = plan(outline(
        "title: T\nsections:\n  - title: S\n    slides:\n      - kind: two_column\n"
        "        title: Before and after\n"
        "        left: {kind: bullets, title: Before the new cranes were delivered, "
        "bullets: [slow]}\n"
        "        right: {kind: bullets, bullets: [fast]}\n")).slides[0]
    heading = named(slide, "Heading")
    bullets = named(slide, "Bullets")
    assert [text(h) for h in heading] == ["Before the new cranes were delivered"]
    assert bullets[0].box.y == bullets[1].box.y >= heading[0].box.bottom


@pytest.mark.parametrize("body, message", [
    ("      - kind: grid\n        blocks: [{kind: text, text: a}]\n",
     "a grid holds 2 to 6 blocks (this one has 1); use a slide of its own kind"),
    ("      - kind: grid\n        blocks: [" + ", ".join(["{kind: text, text: a}"] * 7) + "]\n",
     "a grid holds 2 to 6 blocks (this one has 7); split them over two grid slides"),
    ("      - kind: grid\n        per_row: 4\n        blocks: [{kind: text, text: a}, "
     "{kind: text, text: b}]\n",
     "`per_row` is 1, 2 or 3: more cells side by side are too narrow to read"),
    ("      - kind: grid\n        blocks: [{kind: text, text: a}, {kind: bullets, "
     "bullets: []}]\n", "a bullets slide needs at least one bullet"),
    ("      - {kind: title, image: logo.png}\n",
     "a title slide's `image` needs `alt`: what it shows, for people who cannot see it "
     "(for a logo, the organisation's name)"),
    ("      - {kind: title, alt: A logo}\n",
     "`alt` describes the title slide's `image`, and there is none"),
    ("      - kind: grid\n        blocks: [{kind: text, text: a, heading: b}, "
     "{kind: text, text: b}]\n",
     "unknown key `heading` in a `text` block; did you mean `title`?"),
])
def it_reports_grid_and_title_slide_mistakes(outline, body, message):
    path = outline("title: T\nsections:\n  - title: S\n    slides:\n" + body)
    with pytest.raises(InputError) as info:
        _plan(path, None)
    assert message in [str(d).split("error: ")[1] for d in info.value.diagnostics]


def it_draws_the_shapes_of_a_grid_and_a_title_band(outline, tmp_path):
    from pptx import Presentation

    import deck

    path = outline(grid("".join(scatter(n) for n in ("I", "II", "III", "IV"))).replace(
        "title: T\n", "title: T\nauthor: Me\n", 1).replace(
        "    slides:\n", "    slides:\n      - kind: title\n", 1))
    out = deck.build(path, output=tmp_path / "grid.pptx").output
    prs = Presentation(str(out))
    names = [[s.name for s in slide.shapes] for slide in prs.slides]
    assert "Title band" in names[0] and "Byline" in names[0]
    assert sum(1 for s in prs.slides[1].shapes if s.has_chart) == 4
    assert names[1].count("Heading") == 4


LONG = ("The Bailian platform and the Qwen model together have advantages in cost and in the "
        "maturity of their ecosystem, suitable for large-scale deployment in many scenarios")


def table_of(outline, rows: int, cell: str = LONG):
    body = "".join(f"          - [\"**Who {k}**\", \"{cell}\"]\n" for k in range(rows))
    path = outline("title: T\nsections:\n  - title: S\n    slides:\n      - kind: table\n"
                   "        title: Advice\n        columns: [Who, Advice]\n        rows:\n" + body)
    return [s for s in plan(path).slides]


def lines_of(table) -> list[float]:
    pad = 2 * table.margin_y
    return [(h - pad) / (table.size * table.line) for h in table.row_heights]


def it_leaves_a_dense_table_as_tall_as_its_text_clear_of_the_footer(outline):
    from deck.plan import TableShape

    slide = table_of(outline, 3)[0]
    table = next(s for s in slide.shapes if isinstance(s, TableShape))
    assert table.size == 22 and max(lines_of(table)[1:]) >= 3  # dense: no air added
    assert all(abs(n - round(n)) < 0.01 for n in lines_of(table))
    assert table.box.bottom <= 484 - 40


def it_continues_a_dense_table_rather_than_shrink_it_to_three_line_cells(outline):
    from deck.plan import TableShape

    slides = table_of(outline, 5, LONG + "; " + LONG)
    tables = [next(s for s in slide.shapes if isinstance(s, TableShape)) for slide in slides]
    assert len(tables) >= 2
    assert all(len(t.row_heights) - 1 >= 2 for t in tables)  # no slide with one lonely row
    # shrunk to one slide these cells would be 15 pt and still wrap to 3 lines
    assert {t.size for t in tables} == {tables[0].size} and tables[0].size >= 20


@pytest.mark.parametrize("heights, limit, expected", [
    ([10] + [30] * 5, 130, [(1, 4), (4, 6)]),  # greedy would leave 4 + 1
    ([10] + [50] * 5, 170, [(1, 4), (4, 6)]),
    ([10, 20, 20], 100, [(1, 3)]),
])
def it_spreads_continued_rows_evenly(heights, limit, expected):
    from deck.layout.table import _pack

    assert _pack(heights, limit) == expected


def it_builds_the_small_multiples_example_four_fitted_scatters_on_one_slide(tmp_path):
    from pptx import Presentation

    import deck

    out = deck.build(ROOT / "examples" / "small-multiples.yaml", output=tmp_path / "sm.pptx",
                     strict=True).output
    prs = Presentation(str(out))
    grid = next(s for s in prs.slides if sum(1 for x in s.shapes if x.has_chart) == 4)
    charts = [x.chart for x in grid.shapes if x.has_chart]
    assert {c.chart_type for c in charts} == {charts[0].chart_type}
    assert all(c.part.blob.count(b"<c:trendline>") == 1 for c in charts)
    assert [x.text_frame.text for x in grid.shapes if x.name == "Heading"][0].startswith("I:")
