"""The article deck, built from outline.yaml and read back with python-pptx."""

import csv
import io
from pathlib import Path

from PIL import Image
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from deck.render import oxml

TITLES = [
    "Qwen Surpasses 1 Billion Downloads",
    "Core Conclusion",
    "The scaling victory of open source",
    "Arena Elo ranking: Alibaba fifth, ahead of DeepSeek",
    "What Happened",
    "The meaning of 1 billion downloads",
    "From “follower” to “leader”",
    "A key shift in China’s AI industry",
    "Landscape Assessment",
    "Gap to the frontier: Alibaba 54 Elo points behind",
    "Alibaba is the only Chinese company in the Arena Elo top five",
    "Chinese large model competitive landscape",
    "What to do about it",  # its section has one slide: no divider (`dividers: auto`)
    "Sources",
]
DIVIDERS = {1, 4, 8}
ROOT = Path(__file__).resolve().parent.parent  # 0-based indexes of the section divider slides


def shapes_named(slide, prefix):
    return [s for s in slide.shapes if s.name.startswith(prefix)]


def it_has_one_slide_per_planned_slide_with_titles_in_title_placeholders(article):
    assert len(article.slides) == len(TITLES)
    for slide, title in zip(article.slides, TITLES):
        assert slide.shapes.title is not None
        assert slide.shapes.title.is_placeholder
        # long titles carry balanced line breaks (vertical tabs to python-pptx)
        assert slide.shapes.title.text_frame.text.replace("\v", " ") == title


def it_is_sixteen_by_nine(article):
    assert (article.slide_width, article.slide_height) == (Emu(12192000), Emu(6858000))


def it_writes_real_powerpoint_sections(article):
    sections = oxml.read_sections(article)
    ids = [s.slide_id for s in article.slides]
    assert [name for name, _ in sections] == ["Opening", "Core Conclusion", "What Happened",
                                              "Landscape Assessment", "Actionable Advice", "Sources"]
    assert [len(members) for _, members in sections] == [1, 3, 4, 4, 1, 1]
    assert [i for _, members in sections for i in members] == ids


def it_has_speaker_notes_on_every_content_slide(article):
    for k, slide in enumerate(article.slides):
        if k in DIVIDERS:
            continue
        assert slide.has_notes_slide, TITLES[k]
        assert len(slide.notes_slide.notes_text_frame.text) > 40, TITLES[k]


def elo_chart(article):
    """The chart of the Elo ranking slide, found by its title (dividers come and go)."""
    slide = next(s for s in article.slides if s.shapes.title is not None
                 and s.shapes.title.text_frame.text.startswith("Arena Elo ranking"))
    frames = [s for s in slide.shapes if s.has_chart]
    assert len(frames) == 1
    return frames[0]


def it_draws_the_elo_ranking_as_a_native_dot_plot_with_alibaba_highlighted(article):
    """A dot plot, not bars on an axis cut at 1,400 (issue 16): rows of dots, first on top,
    the names as labels of a last, invisible series (render/chart_dot.py)."""
    frame = elo_chart(article)
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.XY_SCATTER
    dots, names = chart.plots[0].series
    assert [float(v) for v in dots._element.xpath("./c:xVal//c:v/text()")] == [
        1503, 1495, 1494, 1481, 1449, 1424]
    assert [t.text for t in names._element.xpath("./c:dLbls/c:dLbl//a:t")] == [
        "Anthropic", "xAI", "Google", "OpenAI", "Alibaba", "DeepSeek"]
    assert [t.text for t in dots._element.xpath("./c:dLbls/c:dLbl//a:t")][4] == "1,449"
    assert {int(sz) for sz in dots._element.xpath("./c:dLbls/c:dLbl//a:rPr/@sz")} == {2000}
    assert str(dots.marker.format.fill.fore_color.rgb) == "C5CBD3"  # muted
    assert str(dots.points[4].marker.format.fill.fore_color.rgb) == "C2410C"  # accent: Alibaba
    axis = chart.category_axis  # the scatter's x axis carries the scores
    assert 1400 <= axis.minimum_scale <= 1424 and axis.maximum_scale >= 1503
    descr = frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].get("descr")
    assert descr.startswith("Dot chart: Anthropic 1,503; xAI 1,495;")


def elo_rows():
    with open(ROOT / "assets" / "data" / "arena_elo.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def it_takes_the_elo_numbers_from_the_csv_file_the_outline_names(article):
    chart = elo_chart(article).chart
    rows = elo_rows()
    names = chart.plots[0].series[1]._element.xpath("./c:dLbls/c:dLbl//a:t")
    assert [t.text for t in names] == [r["Lab"] for r in rows]
    assert [float(v) for v in chart.plots[0].series[0]._element.xpath("./c:xVal//c:v/text()")
            ] == [float(r["Arena Elo"]) for r in rows]
    assert "values:" not in (ROOT / "outline.yaml").read_text(encoding="utf-8")


def it_derives_each_gap_from_the_article_scores():
    rows = elo_rows()
    leader = max(int(r["Arena Elo"]) for r in rows)
    assert leader == 1503
    assert [int(r["Gap to the leader"]) for r in rows] == \
        [int(r["Arena Elo"]) - leader for r in rows] == [0, -8, -9, -22, -54, -79]


def it_draws_the_gap_to_the_frontier_as_an_annotated_image_chart(article):
    slide = article.slides[9]
    (pic,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pic.name == "Bar chart (image)" and not any(s.has_chart for s in slide.shapes)
    descr = pic._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0]
    assert descr == ("Bar chart: Anthropic 0; xAI −8; Google −9; OpenAI −22; Alibaba −54; "
                     "DeepSeek −79")
    with Image.open(io.BytesIO(pic.image.blob)) as im:
        assert abs(im.width - 2 * pic.width / 12700) <= 1  # 2 px per point of its box
    assert "54 points behind the leader" in slide.notes_slide.notes_text_frame.text
    assert shapes_named(slide, "Source")[0].text_frame.text.endswith("Gap = Arena Elo − 1,503.")


def table_cells(slide):
    frames = [s for s in slide.shapes if s.has_table]
    assert len(frames) == 1
    table = frames[0].table
    return [[cell.text for cell in row.cells] for row in table.rows]


def it_renders_the_phase_table(article):
    cells = table_cells(article.slides[7])
    assert cells[0] == ["Phase", "Strategy", "Representative event"]
    assert cells[1] == ["Closed-source competition", "Companies keep secrets",
                        "Early large models were mostly API services"]
    assert len(cells) == 4


def it_renders_the_landscape_table_with_dashes_and_right_aligned_numbers(article):
    slide = article.slides[11]
    cells = table_cells(slide)
    assert cells[0] == ["Model", "Company", "Arena Elo", "Characteristics"]
    assert [row[2] for row in cells[1:]] == ["1,449", "1,424", "—", "—", "—"]
    table = next(s for s in slide.shapes if s.has_table).table
    from pptx.enum.text import PP_ALIGN
    assert table.cell(1, 2).text_frame.paragraphs[0].alignment == PP_ALIGN.RIGHT
    assert table.cell(1, 3).text_frame.paragraphs[0].alignment == PP_ALIGN.LEFT
    widths = [c.width for c in table.columns]
    assert widths[3] > widths[0] * 2  # widths follow content, not equal shares


def it_renders_the_advice_table_with_bold_runs_not_asterisks(article):
    slide = article.slides[12]
    cells = table_cells(slide)
    assert cells[1][0] == "Developer selection"
    table = next(s for s in slide.shapes if s.has_table).table
    run = table.cell(1, 0).text_frame.paragraphs[0].runs[0]
    assert run.font.bold is True


def it_marks_bold_lead_ins_with_the_bold_flag(article):
    body = shapes_named(article.slides[5], "Bullets")[0]
    first = body.text_frame.paragraphs[0]
    assert first.runs[0].text == "Developer adoption:"
    assert first.runs[0].font.bold is True
    assert first.runs[0].font.name == "Calibri"
    assert not first.runs[1].font.bold
    assert "**" not in body.text_frame.text


def it_states_the_key_figure_and_tags_chinese_text(article):
    slide = article.slides[2]
    assert shapes_named(slide, "Figure")[0].text_frame.text == "1 billion downloads"
    caption = shapes_named(slide, "Caption")[0].text_frame
    cjk = [r for p in caption.paragraphs for r in p.runs if "通义千问" in r.text]
    assert len(cjk) == 1
    rpr = cjk[0]._r.rPr
    assert rpr.get("lang") == "zh-CN"
    assert rpr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea").get("typeface") == \
        "Microsoft YaHei"


def it_quotes_sun_wei(article):
    slide = article.slides[6]
    assert shapes_named(slide, "Quote")[1].text_frame.text.startswith("DeepSeek’s success")
    assert shapes_named(slide, "Attribution")[0].text_frame.text.startswith("— Sun Wei")


def it_sets_every_run_size_explicitly_and_never_below_the_minimums(article):
    for slide in article.slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames = [c.text_frame for row in shape.table.rows for c in row.cells]
            for frame in frames:
                for p in frame.paragraphs:
                    for r in p.runs:
                        assert r.font.size is not None, shape.name
                        assert r.font.size.pt >= 12, shape.name
                        if shape.has_table:
                            assert r.font.size.pt >= 14


def it_fills_document_properties_from_the_outline(article):
    props = article.core_properties
    assert props.title == "Qwen Surpasses 1 Billion Downloads"
    assert props.last_modified_by == ""
    assert props.comments == ""
    assert props.language == "en-US"
