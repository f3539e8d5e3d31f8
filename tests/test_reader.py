"""Reading decks back into the outline model: our own decks round-trip byte for byte; foreign
decks (made here with python-pptx) read into outlines that build."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches, Pt
from test_properties import SETTINGS, emit, outlines

import deck
from deck import model
from deck.dump import dump
from deck.files import Files
from deck.markup import Run
from deck.reader import read, to_markup
from deck.render.oxml import set_sections
from deck.source import load_text
from deck.validate import validate

ROOT = Path(__file__).resolve().parent.parent


def roundtrip(src: Path, tmp: Path, built: bool = False) -> tuple[Path, Path, list[str]]:
    """Build `src` (a deck already when `built`), import the deck into tmp/back/outline.yaml,
    build that: (first, second, warnings)."""
    tmp.mkdir(exist_ok=True)
    first = src if built else tmp / "first.pptx"
    if not built:
        deck.build(src, output=first)
    back = tmp / "back"
    back.mkdir()
    result = read(first, image_prefix="outline")
    for name, data in result.images.items():
        (back / name).write_bytes(data)
    (back / "outline.yaml").write_text(dump(result.deck), encoding="utf-8")
    second = tmp / "second.pptx"
    deck.build(back / "outline.yaml", output=second)
    return first, second, result.warnings


def differing_parts(a: Path, b: Path) -> list[str]:
    """The package members whose bytes differ."""
    za, zb = zipfile.ZipFile(a), zipfile.ZipFile(b)
    assert za.namelist() == zb.namelist()
    return [name for name in za.namelist() if za.read(name) != zb.read(name)]


def it_round_trips_the_article_byte_for_byte(tmp_path):
    """Its dot plot and image chart included (an image chart's fields ride in its PNG:
    render/chart_record.py)."""
    first, second, warnings = roundtrip(ROOT / "outline.yaml", tmp_path)
    assert warnings == [] and differing_parts(first, second) == []


def it_round_trips_the_whole_chart_gallery_byte_for_byte(tmp_path):
    """Every slide of examples/charts.yaml, image charts and the native charts' trendlines,
    series colours and markers, tick steps and category axis titles included."""
    first, second, warnings = roundtrip(ROOT / "examples" / "charts.yaml", tmp_path)
    assert warnings == [] and differing_parts(first, second) == []
    text = (tmp_path / "back" / "outline.yaml").read_text(encoding="utf-8")
    assert "render: image" in text
    # (its `color: accent`, `1F4E79` and `major_unit: 20` are what the charts get anyway)
    for written in ("order: 2\n              equation: true\n              r_squared: true",
                    "marker: diamond", "trendline: linear", "period: 3", "marker: square",
                    "category_axis:\n          title: Month (2026)"):
        assert written in text, written


def it_reads_back_series_colours_markers_trendlines_steps_and_axis_titles(tmp_path, outline):
    """The per-series options and tick steps, where they are not what the chart gets anyway."""
    src = outline("""
        title: Options
        sections:
          - title: Charts
            slides:
              - kind: chart
                title: Calls
                type: line
                categories: [Jan, Feb, Mar, Apr]
                series:
                  - name: East
                    values: [3, 4, 6, 5]
                    color: series3
                    marker: none
                    trendline: {type: exponential, equation: true}
                  - {name: West, values: [2, 5, 4, 7], color: "#123abc", marker: triangle}
                axis: {major_unit: 1}
                category_axis: {title: Month}
              - kind: chart
                title: Revenue and margin
                type: combo
                categories: [Q1, Q2, Q3]
                series:
                  - {name: Revenue, values: [41, 44, 47], color: muted}
                  - {name: Margin, values: [0.12, 0.14, 0.13], marker: square}
                secondary_axis: {major_unit: 0.05}
              - kind: chart
                title: Sizes
                type: scatter
                series:
                  - name: Ships
                    x: [1, 2, 3]
                    values: [5, 7, 8]
                    trendline: {type: polynomial, order: 2}
                x_axis: {major_unit: 1}
        """)
    first, second, warnings = roundtrip(src, tmp_path)
    assert warnings == [] and differing_parts(first, second) == []
    line, combo, scatter = read(first).deck.sections[0].slides
    assert [(s.color, s.marker, s.trendline) for s in line.series] == [
        ("series3", "none", model.Trendline(type="exponential", equation=True)),
        ("123ABC", "triangle", None)]
    assert line.axis.major_unit == 1 and line.category_axis.title == "Month"
    assert [(s.color, s.marker) for s in combo.series] == [("muted", None), (None, "square")]
    assert combo.secondary_axis.major_unit == 0.05 and combo.axis.major_unit is None
    assert scatter.series[0].trendline == model.Trendline(type="polynomial", order=2)
    assert scatter.x_axis.major_unit == 1 and scatter.axis.major_unit is None


def it_reads_an_image_chart_whose_fields_are_gone_as_a_picture(tmp_path, outline):
    """A picture PowerPoint re-compressed has lost the chunk: a picture, with a warning."""
    from deck.render.chart_record import fields_of

    src = outline("""
        title: Harbour
        sections:
          - title: Numbers
            slides:
              - kind: chart
                title: Ships
                type: column
                render: image
                categories: [March, April]
                series: [{name: Ships, values: [1210, 1302.5]}]
        """)
    built = tmp_path / "ships.pptx"
    deck.build(src, output=built)
    prs = Presentation(str(built))
    number, pic = next((n, s) for n, slide in enumerate(prs.slides, start=1)
                       for s in slide.shapes if s.name == "Column chart (image)")
    blob = pic.image.blob
    assert fields_of(blob)["series"][0]["values"] == [1210, 1302.5]
    result = read(built)
    chart = result.deck.sections[0].slides[0]
    assert isinstance(chart, model.ChartSlide) and chart.render == "image"
    assert chart.series[0].values == [1210, 1302.5] and result.warnings == []
    plain = io.BytesIO()
    from PIL import Image

    Image.open(io.BytesIO(blob)).save(plain, "PNG")  # re-encoded: the chunk is gone
    assert fields_of(plain.getvalue()) is None
    pic.part.related_part(pic._element.blipFill.blip.rEmbed)._blob = plain.getvalue()
    prs.save(str(tmp_path / "handmade-recompressed.pptx"))
    result = read(tmp_path / "handmade-recompressed.pptx")
    assert isinstance(result.deck.sections[0].slides[0], model.ImageSlide)
    assert result.warnings == [f"slide {number}: an image chart (render: image) reads back as a "
                               "picture: its data is not in the file (its picture was replaced "
                               "or re-compressed)"]


def it_round_trips_the_loop_examples_byte_for_byte(tmp_path):
    """examples/labs.yaml (loops over a CSV and a JSON file) and every row of examples/regions
    (a deck per row): the import holds the loops' result, which builds the same deck."""
    work = tmp_path / "examples"
    shutil.copytree(ROOT / "examples", work)
    a, b, warnings = roundtrip(work / "labs.yaml", tmp_path / "labs")
    assert warnings == [] and a.read_bytes() == b.read_bytes()

    regions = work / "regions"
    rows = (regions / "regions.csv").read_text(encoding="utf-8").splitlines()
    reports = deck.build_each(regions / "outline.yaml", regions / "regions.csv",
                              name="{{ region }}.pptx", out_dir=tmp_path / "rows", jobs=1)
    assert len(reports) == len(rows) - 1 and all(r.ok for r in reports), reports
    (tmp_path / "region").mkdir()
    for report in reports:
        a, b, warnings = roundtrip(report.output, tmp_path / "region" / report.output.stem,
                                   built=True)
        assert warnings == [] and a.read_bytes() == b.read_bytes(), report.output.name
        b.unlink()  # the same bytes as `a`: the session's validity audit renders that one


# every outline in examples/ and the test that round-trips it byte for byte (examples/regions
# builds a deck per row: the loop test round-trips each)
EXAMPLES = {"charts.yaml": "it_round_trips_the_whole_chart_gallery_byte_for_byte",
            "labs.yaml": "it_round_trips_the_loop_examples_byte_for_byte",
            "regions/outline.yaml": "it_round_trips_the_loop_examples_byte_for_byte",
            "small-multiples.yaml": "it_round_trips_the_small_multiples_byte_for_byte"}


def it_round_trips_every_example_in_some_test():
    found = {p.relative_to(ROOT / "examples").as_posix()
             for p in (ROOT / "examples").rglob("*.yaml")}
    assert found == set(EXAMPLES)
    assert all(name in globals() for name in EXAMPLES.values())


def it_round_trips_the_small_multiples_byte_for_byte(tmp_path):
    """examples/small-multiples.yaml: a grid of four scatter charts under their headings, and
    two columns with headings."""
    a, b, warnings = roundtrip(ROOT / "examples" / "small-multiples.yaml", tmp_path)
    assert warnings == [] and a.read_bytes() == b.read_bytes()
    slides = read(a).deck.sections[1].slides
    assert [s.title for s in slides[1].blocks] == [
        "I: a line fits", "II: a curve, not a line", "III: one outlier tilts the line",
        "IV: one point makes the line"]
    assert (slides[2].left.title, slides[2].right.title) == ("Before the statistics",
                                                             "With the statistics")


def it_reads_back_grids_headings_and_the_title_slides_picture(tmp_path, outline):
    """A grid's rows (`per_row`), its cells' headings, captions and source lines; a heading
    over one of two columns; the title slide's picture and byline."""
    from PIL import Image

    Image.new("RGB", (64, 36), (30, 80, 120)).save(tmp_path / "skyline.png")
    src = outline("""
        title: Grids
        author: Ana Port
        date: 2026-12-02
        sections:
          - title: One
            slides:
              - {kind: title, image: skyline.png, alt: Three cranes at dusk}
              - kind: grid
                title: Three across, two rows
                per_row: 3
                blocks:
                  - {kind: text, title: What they share, text: The same mean.}
                  - {kind: image, title: The harbour, path: skyline.png, alt: Cranes,
                     caption: At dusk}
                  - {kind: table, columns: [A, B], rows: [["1", "2"]], source: "Source: me"}
                  - {kind: bullets, title: Below, bullets: [one, two]}
              - kind: grid
                title: Stacked
                per_row: 1
                blocks:
                  - {kind: text, text: top}
                  - {kind: chart, type: column, categories: [x, y],
                     series: [{name: s, values: [1, 2]}], source: "Source: you"}
              - kind: two_column
                title: A heading on one side
                left: {kind: text, text: plain}
                right: {kind: bullets, title: Headed, bullets: [x, y]}
        """)
    a, b, warnings = roundtrip(src, tmp_path)
    assert warnings == [] and a.read_bytes() == b.read_bytes()
    back = read(a, image_prefix="outline").deck
    opening, grid, stacked, columns = back.sections[0].slides
    assert (opening.image, opening.alt) == ("outline-01.png", "Three cranes at dusk")
    assert (back.author, back.date) == ("Ana Port", "2026-12-02")
    assert grid.per_row == 3 and [(type(x).__name__, x.title) for x in grid.blocks] == [
        ("TextSpec", "What they share"), ("ImageSpec", "The harbour"), ("TableSpec", None),
        ("BulletsSpec", "Below")]
    assert (grid.blocks[1].caption, grid.blocks[2].source) == ("At dusk", "Source: me")
    assert stacked.per_row == 1 and stacked.blocks[1].source == "Source: you"
    assert (columns.left.title, columns.right.title) == (None, "Headed")


def it_round_trips_dividers_none_with_a_section_that_asks_for_one(tmp_path, outline):
    """`dividers: none` lists the sections without `divider: false` on the one divider shown:
    read back as `none` (by `auto` the third section would get a divider of its own)."""
    src = outline("""
        title: Dividers
        dividers: none
        sections:
          - title: One
            slides:
              - {kind: title}
              - {kind: bullets, title: A, bullets: [a]}
          - title: Two
            divider: true
            notes: Where the talk goes next.
            slides:
              - {kind: bullets, title: B, bullets: [b]}
          - title: Three
            slides:
              - {kind: bullets, title: C, bullets: [c]}
              - {kind: statement, title: D, figure: "4"}
          - title: Four
            divider: false
            slides:
              - {kind: bullets, title: E, bullets: [e]}
              - {kind: quote, text: f}
        """)
    a, b, warnings = roundtrip(src, tmp_path)
    assert warnings == [] and a.read_bytes() == b.read_bytes()
    back = read(a).deck
    assert back.dividers == "none"
    assert [(s.divider, s.notes) for s in back.sections] == [
        (None, None), (True, "Where the talk goes next."), (None, None), (False, None)]


def it_dumps_every_deck_field():
    from deck.dump import DECK_ORDER

    assert set(DECK_ORDER) == set(model.Deck.__struct_fields__)


def it_round_trips_the_starter_and_the_reference_example_byte_for_byte(tmp_path):
    from deck.starter import write_starter

    (tmp_path / "starter").mkdir()
    written = write_starter(tmp_path / "starter" / "talk.yaml")
    a, b, warnings = roundtrip(written[0], tmp_path / "starter")
    assert warnings == [] and a.read_bytes() == b.read_bytes()

    ref = tmp_path / "ref"
    ref.mkdir()
    text = (ROOT / "docs" / "outline.md").read_text(encoding="utf-8")
    (ref / "outline.yaml").write_text(text.split("```yaml\n", 1)[1].split("```", 1)[0],
                                      encoding="utf-8")
    from PIL import Image

    Image.new("RGB", (64, 36), (30, 80, 120)).save(ref / "skyline.png")
    a, b, warnings = roundtrip(ref / "outline.yaml", ref)
    assert warnings == [] and a.read_bytes() == b.read_bytes()


def it_reads_a_right_to_left_deck_from_the_right(tmp_path, outline):
    src = outline("""
        title: تقرير الميناء
        language: ar
        sections:
          - title: الأرقام
            slides:
              - kind: table
                title: الأرصفة
                columns: [الرصيف, الحاويات]
                rows: [[الشرق, "412"], [الغرب, null]]
              - kind: two_column
                title: عمودان
                left: {kind: bullets, bullets: [واحد, اثنان]}
                right: {kind: text, text: نص قصير}
        """)
    a, b, warnings = roundtrip(src, tmp_path)
    assert warnings == [] and a.read_bytes() == b.read_bytes()
    table, columns = read(a).deck.sections[0].slides
    assert table.columns == ["الرصيف", "الحاويات"] and table.align is None
    assert isinstance(columns.left, model.BulletsSpec)  # the block on the right reads first


@SETTINGS
@given(outline=outlines)
def it_round_trips_generated_outlines_byte_for_byte(tmp_path_factory, outline):
    tmp = tmp_path_factory.mktemp("gen")
    src = tmp / "outline.yaml"
    src.write_text("\n".join(emit(outline)) + "\n", encoding="utf-8")
    a, b, warnings = roundtrip(src, tmp)
    assert warnings == []
    assert a.read_bytes() == b.read_bytes(), differing_parts(a, b)
    for built in (a, b):  # test_properties audits such decks already: spare the final audit
        built.unlink()


def it_dumps_an_outline_that_loads_back_to_the_same_deck(tmp_path):
    built = tmp_path / "article.pptx"
    deck.build(ROOT / "outline.yaml", output=built)
    result = read(built)
    for name, data in result.images.items():
        (tmp_path / name).write_bytes(data)
    read_back = result.deck
    text = dump(read_back)
    again = validate(load_text(text, "again.yaml", tmp_path / "again.yaml"),
                     Files(tmp_path, ()))
    assert again == read_back
    assert "\n    divider: false\n" in text and "data_labels" not in text  # defaults left out


@pytest.mark.parametrize("runs, text", [
    ([Run("plain")], "plain"),
    ([Run("New:", bold=True), Run(" cranes")], "**New:** cranes"),
    ([Run("5 * 3 ")], "5 * 3 "),
    ([Run("a *b* c")], "a \\*b\\* c"),
    ([Run("site", link="https://example.org")], "[site](https://example.org)"),
    ([Run("x", bold=True, italic=True)], "***x***"),
    ([Run("deck build", code=True), Run(" runs")], "`deck build` runs"),
])
def it_writes_runs_as_the_markup_that_parses_back_to_them(runs, text):
    assert to_markup(runs) == text


# --- foreign decks -----------------------------------------------------------------------

def foreign_deck(path: Path) -> None:
    """A deck as people make them with python-pptx: the default template's layouts."""
    from PIL import Image

    prs = Presentation()
    prs.core_properties.title = "Harbour review"
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = "Harbour review"
    s.placeholders[1].text = "What changed this year"
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "Three changes"
    body = s.placeholders[1].text_frame
    body.text = "Cranes"
    p = body.add_paragraph()
    p.level = 1
    r = p.add_run()
    r.text = "two more"
    r.font.bold = True
    r2 = p.add_run()
    r2.text = " on the east quay"
    p = body.add_paragraph()
    run = p.add_run()
    run.text = "port website"
    run.hyperlink.address = "https://example.org/port"
    s.notes_slide.notes_text_frame.text = "Say the crane names."
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Throughput"
    table = s.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(6), Inches(2)).table
    for r, row in enumerate([["Quay", "Boxes"], ["East", "412,000"], ["West", ""]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Ships per month"
    data = CategoryChartData()
    data.categories = ["March", "April", "May"]
    data.add_series("Ships", (1210, 1302, 1388.5))
    s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(6),
                       Inches(4), data)
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "The east quay"
    png = io.BytesIO()
    Image.new("RGB", (80, 40), (200, 40, 40)).save(png, "PNG")
    png.seek(0)
    pic = s.shapes.add_picture(png, Inches(1), Inches(2))
    pic._element.nvPicPr.cNvPr.set("descr", "A red quay crane")
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Growth"
    box = s.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(2))
    box.text_frame.text = "+12 %"
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(80)
    set_sections(prs, [("Opening", [0]), ("Numbers", [1, 2, 3, 4, 5])])
    prs.save(str(path))


def it_imports_a_foreign_deck_into_an_outline_that_builds(tmp_path):
    src = tmp_path / "handmade-foreign.pptx"
    foreign_deck(src)
    result = read(src, image_prefix="talk")
    d = result.deck
    assert [s.title for s in d.sections] == ["Opening", "Numbers"]
    kinds = [type(x).__struct_config__.tag for s in d.sections for x in s.slides]
    assert kinds == ["title", "bullets", "table", "chart", "image", "statement"]
    title, bullets, table, chart, image, statement = [x for s in d.sections for x in s.slides]
    assert d.title == "Harbour review" and title.subtitle == "What changed this year"
    assert d.date is None and d.slide_numbers  # not the file's creation time
    assert title.title is None  # the deck's own title, which the title slide shows
    assert bullets.bullets == [model.BulletItem(text="Cranes",
                                                bullets=["**two more** on the east quay"]),
                               "[port website](https://example.org/port)"]
    assert bullets.notes == "Say the crane names."
    assert table.columns == ["Quay", "Boxes"] and table.rows == [["East", "412,000"],
                                                                 ["West", None]]
    assert chart.title == "Ships per month" and chart.type == "column"
    assert chart.categories == ["March", "April", "May"]
    assert chart.series[0].values == [1210, 1302, 1388.5]
    assert image.alt == "A red quay crane" and image.path == "talk-05.png"
    assert statement.figure == "+12 %" and statement.title == "Growth"
    for name, data in result.images.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "talk.yaml").write_text(dump(d), encoding="utf-8")
    report = deck.build(tmp_path / "talk.yaml", output=tmp_path / "again.pptx")
    assert report.slides == 6  # the foreign deck had no dividers: none added


def it_warns_with_the_slide_number_for_what_an_outline_cannot_hold(tmp_path):
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Shapes"
    group = s.shapes.add_group_shape()
    group.shapes.add_textbox(0, 0, Inches(1), Inches(1)).text_frame.text = "Inside"
    group.shapes.add_shape(1, Inches(2), 0, Inches(1), Inches(1))  # a rectangle, no text
    prs.save(str(tmp_path / "handmade-group.pptx"))
    result = read(tmp_path / "handmade-group.pptx")
    [warning] = result.warnings
    assert warning.startswith("slide 1: group `Group ") and warning.endswith(
        ": its text read shape by shape, its drawing left out")
    assert result.deck.sections[0].slides[0].figure == "Inside"  # title + short text


def it_warns_with_the_slide_number_for_chart_options_an_outline_cannot_hold(tmp_path):
    """A foreign deck's trendline on columns, `log` trendline, `star` marker and a series in the
    theme's text colour: warned, the charts read without them (a theme's accent is read)."""
    from pptx.enum.chart import XL_MARKER_STYLE
    from pptx.enum.dml import MSO_THEME_COLOR

    from deck.render.oxml.chart_parts import add_trendline

    prs = Presentation()
    data = CategoryChartData()
    data.categories = ["Q1", "Q2", "Q3"]
    data.add_series("Sales", (1, 3, 2))
    for kind in (XL_CHART_TYPE.COLUMN_CLUSTERED, XL_CHART_TYPE.LINE_MARKERS):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = "Sales"
        chart = slide.shapes.add_chart(kind, Inches(1), Inches(2), Inches(6), Inches(4),
                                       data).chart
        series = chart.plots[0].series[0]
        add_trendline(series, kind="linear", color="000000", width_pt=1)
        series.format.fill.solid()
        series.format.fill.fore_color.theme_color = (
            MSO_THEME_COLOR.ACCENT_2 if kind == XL_CHART_TYPE.COLUMN_CLUSTERED
            else MSO_THEME_COLOR.TEXT_1)
    series.marker.style = XL_MARKER_STYLE.STAR
    series._element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/chart}"
                         "trendlineType").set("val", "log")
    prs.save(str(tmp_path / "handmade-trendlines.pptx"))
    result = read(tmp_path / "handmade-trendlines.pptx")
    why = ("is not read back (the outline has linear, polynomial, exponential and "
           "moving_average trendlines, one a series, on line and scatter charts)")
    assert result.warnings == [
        f"slide 1: series `Sales`: a trendline on a column chart {why}",
        "slide 2: series `Sales`: its colour (the theme's `tx1`) is not read back: set the "
        "series' `color:` again",
        "slide 2: series `Sales`: a `star` marker is not one the outline has: circle used",
        f"slide 2: series `Sales`: a `log` trendline {why}"]
    columns, line = result.deck.sections[0].slides
    assert all(s.series[0].trendline is None and s.series[0].marker is None
               for s in (columns, line))
    # the theme's accent2 is the outline theme's second series colour
    assert (columns.series[0].color, line.series[0].color) == ("series2", None)


def it_takes_a_slides_kind_from_its_fingerprint_where_its_shapes_allow():
    from deck.reader import kind_of

    # a bullets slide whose list a colleague deleted: by its names alone, a title slide
    assert kind_of({"Title", "Accent rule"}) == "title"
    assert kind_of({"Title", "Accent rule"}, "bullets") == "content"
    assert kind_of({"Title", "Figure", "Footer"}, "statement") == "statement"
    assert kind_of({"Title", "Footer"}, "statement") == "content"  # its figure gone: by names
    assert kind_of({"Rectangle 3"}, "bullets") is None  # no shape of ours left: foreign
