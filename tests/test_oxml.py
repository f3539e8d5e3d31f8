"""deck/render/oxml.py on its own: each python-pptx workaround does what the renderer relies on.

If a python-pptx upgrade changes one of these behaviours, it fails here first."""

import io
import zipfile
from datetime import datetime

import pptx
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Pt

from deck.render import oxml


def blank_slide(prs=None):
    prs = prs or Presentation()
    return prs, prs.slides.add_slide(prs.slide_layouts[6])


def it_runs_against_the_tested_python_pptx_range():
    major, minor = (int(x) for x in pptx.__version__.split(".")[:2])
    assert (major, minor) == (1, 0), "oxml.py is tested against python-pptx 1.0.x"


def it_writes_sections_that_read_back_in_order():
    prs = Presentation()
    slides = [prs.slides.add_slide(prs.slide_layouts[6]) for _ in range(3)]
    oxml.set_sections(prs, [("One", [0]), ("Empty", []), ("Two", [1, 2])])
    assert oxml.read_sections(prs) == [("One", [slides[0].slide_id]),
                                       ("Two", [s.slide_id for s in slides[1:]])]
    oxml.set_sections(prs, [("All", [0, 1, 2])])  # replaces, never duplicates
    assert [name for name, _ in oxml.read_sections(prs)] == ["All"]


def it_derives_guids_from_content_only():
    assert oxml.stable_guid("a", 1) == oxml.stable_guid("a", 1) != oxml.stable_guid("a", 2)


def it_sets_alt_text_on_pictures_and_graphic_frames(tmp_path):
    from PIL import Image

    Image.new("RGB", (10, 10)).save(tmp_path / "x.png")
    prs, slide = blank_slide()
    pic = slide.shapes.add_picture(str(tmp_path / "x.png"), 0, 0)
    data = CategoryChartData()
    data.categories = ["a"]
    data.add_series("s", [1])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, 0, 0, Pt(100), Pt(100), data)
    oxml.set_alt_text(pic, "A picture")
    oxml.set_alt_text(frame, "A chart")
    assert pic._element.xpath("./p:nvPicPr/p:cNvPr/@descr") == ["A picture"]
    assert frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr") == ["A chart"]


def it_removes_only_the_placeholders_not_kept():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])  # title + content
    title_id = slide.shapes.title.shape_id
    oxml.remove_placeholders(slide, {title_id})
    assert [s.shape_id for s in slide.placeholders] == [title_id]


def it_widens_master_and_layout_placeholders():
    prs = Presentation()
    before = [(s.left, s.width) for s in prs.slide_layouts[1].placeholders]
    oxml.scale_placeholders_x(prs, 2.0)
    after = [(s.left, s.width) for s in prs.slide_layouts[1].placeholders]
    assert after == [(2 * x, 2 * w) for x, w in before]


def it_writes_paragraphs_and_runs_python_pptx_reads_back():
    prs, slide = blank_slide()
    frame = slide.shapes.add_textbox(0, 0, Pt(300), Pt(100)).text_frame
    oxml.set_body(frame, anchor="ctr")
    body = oxml.clear_paragraphs(oxml.text_body(frame))
    p = oxml.add_paragraph(body, align="r", line=28.8, before=6, rtl=True,
                           bullet=(Pt(20), Pt(20), "C2410C", "•", None))
    oxml.add_run(p, "Bold", size=24, color="1F2937", latin="Calibri", east_asian="Microsoft YaHei",
                 lang="en-US", bold=True)
    oxml.add_line_break(p, size=24, lang="en-US")
    rid = slide.part.relate_to("https://example.com", RT.HYPERLINK, is_external=True)
    oxml.add_run(p, "中文", size=24, color="1F2937", latin="Calibri", east_asian="Microsoft YaHei",
                 lang="zh-CN", link_rid=rid)
    oxml.end_paragraph(p, size=24, lang="en-US")
    para = frame.paragraphs[0]
    assert [r.text for r in para.runs] == ["Bold", "中文"]
    assert para.runs[0].font.bold and para.runs[0].font.size == Pt(24)
    assert para.runs[0].font.name == "Calibri"
    assert para.line_spacing == Pt(28.8) and para.space_before == Pt(6)
    assert para.runs[1].hyperlink.address == "https://example.com"
    assert frame.text == "Bold\v中文"
    ppr = para._p.pPr
    assert ppr.get("rtl") == "1" and ppr.find(qn("a:buChar")).get("char") == "•"
    rpr = para.runs[1]._r.rPr
    assert rpr.get("lang") == "zh-CN" and rpr.get("cap") == "none"
    assert rpr.find(qn("a:ea")).get("typeface") == "Microsoft YaHei"
    body_pr = frame._txBody.bodyPr
    assert body_pr.get("anchor") == "ctr" and body_pr.find(qn("a:noAutofit")) is not None
    assert frame.margin_left == 0 and frame.word_wrap is True


def it_writes_cell_fill_margins_and_anchor():
    prs, slide = blank_slide()
    frame = slide.shapes.add_table(2, 3, 0, 0, Pt(100), Pt(50))
    cells = oxml.table_cells(frame)
    assert [len(row) for row in cells] == [3, 3]
    assert cells[1][2][0] is frame.table.cell(1, 2)._tc
    cell = frame.table.cell(0, 0)
    for _ in range(2):  # again: replaces the first, from the same cached look
        oxml.set_cell(cells[0][0][0], fill="F1EFEA", margin_x=12700, margin_y=6350,
                      border="FAFAF8")
    assert len(cell._tc.findall(qn("a:tcPr"))) == 1
    assert str(cell.fill.fore_color.rgb) == "F1EFEA"
    borders = cell._tc.tcPr.xpath("./a:lnL/a:solidFill/a:srgbClr/@val | "
                                  "./a:lnB/a:solidFill/a:srgbClr/@val")
    assert borders == ["FAFAF8", "FAFAF8"]
    assert (cell.margin_left, cell.margin_top) == (12700, 6350)


def it_fixes_negative_axis_ids_and_bare_legends():
    prs, slide = blank_slide()
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("s", [1, 2])
    data.add_series("t", [3, 4])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Pt(300), Pt(200),
                                   data).chart
    ids = chart._chartSpace.xpath(".//c:axId/@val")
    assert any(int(v) < 0 for v in ids), "python-pptx no longer writes negative axis ids"
    chart.has_legend = True
    oxml.fix_chart_xml(chart)
    ax_ids = chart._chartSpace.xpath(".//c:axId/@val")
    cross = chart._chartSpace.xpath(".//c:crossAx/@val")
    assert all(int(v) > 0 for v in ax_ids + cross)
    assert set(cross) <= set(ax_ids)  # still cross each other
    assert chart._chartSpace.xpath(".//c:legend/c:overlay/@val") == ["0"]


def it_writes_embedded_workbooks_excel_reads_stamped_with_the_given_time(tmp_path):
    from openxml_audit import OpenXmlValidator

    when = datetime(2026, 1, 2, 3, 4, 5)
    prs, slide = blank_slide()
    data = CategoryChartData(number_format="#,##0")
    data.categories = ["Anthropic", " spaced ", "a & b <c>"]
    data.add_series("Arena Elo", [1503, 1495.5, None])
    data.add_series("Second", [1, 2, 3], number_format="0.0%")
    with oxml.fast_workbooks(when):
        oxml.use_fast_workbooks()  # what render_chart does before its chart
        frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Pt(100), Pt(100), data)
    assert pptx.chart.xlsx.Workbook.__module__ == "xlsxwriter.workbook"  # restored afterwards
    blob = frame.chart.part.chart_workbook.xlsx_part.blob
    (tmp_path / "data.xlsx").write_bytes(blob)
    assert OpenXmlValidator().validate(str(tmp_path / "data.xlsx")).errors == []
    z = zipfile.ZipFile(io.BytesIO(blob))
    assert "2026-01-02T03:04:05Z" in z.read("docProps/core.xml").decode()
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
    strings = z.read("xl/sharedStrings.xml").decode()
    # the layout python-pptx's chart XML refers to: categories in A2:A4, series in B and C
    for cell in ('r="B1" t="s"><v>0</v>', 'r="A2" t="s"><v>2</v>', 'r="B2" s="1"><v>1503</v>',
                 'r="B3" s="1"><v>1495.5</v>', 'r="C4" s="2"><v>3</v>'):
        assert cell in sheet
    assert 'r="B4"' not in sheet  # a missing value is an empty cell
    assert ("<si><t>Arena Elo</t></si><si><t>Second</t></si><si><t>Anthropic</t></si>"
            '<si><t xml:space="preserve"> spaced </t></si><si><t>a &amp; b &lt;c&gt;</t></si>') in strings
    assert frame.chart.plots[0].series[0].values == (1503.0, 1495.5, None)


def it_writes_workbooks_libreoffice_can_open(tmp_path):
    from conftest import needs_libreoffice

    needs_libreoffice()
    import subprocess

    from deck.render.workbook import Workbook

    book = Workbook(tmp_path / "data.xlsx")
    sheet = book.add_worksheet()
    sheet.write(0, 1, "Series")
    sheet.write_column(1, 0, ["a", "b"])
    sheet.write_column(1, 1, [1.5, 2], book.add_format({"num_format": "0.00"}))
    book.close()
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "csv", "--outdir", str(tmp_path), str(tmp_path / "data.xlsx")],
                   check=True, capture_output=True, timeout=120)
    assert (tmp_path / "data.csv").read_text().split() == [",Series", "a,1.5", "b,2"]


def it_replaces_the_template_app_properties():
    prs, _ = blank_slide()
    oxml.set_app_properties(prs, 12, 3)
    buffer = io.BytesIO()
    prs.save(buffer)
    app = zipfile.ZipFile(buffer).read("docProps/app.xml").decode()
    assert "<Slides>12</Slides>" in app and "<Notes>3</Notes>" in app
    assert "Macintosh" not in app and "4:3" not in app


def it_allocates_the_same_part_names_as_python_pptx_from_a_counter():
    def charts_deck(counted: bool):
        prs = Presentation()
        if counted:
            oxml.count_part_names(prs)
        for _ in range(3):
            slide = prs.slides.add_slide(prs.slide_layouts[6])
            data = CategoryChartData()
            data.categories = ["a"]
            data.add_series("s", [1])
            slide.shapes.add_chart(XL_CHART_TYPE.PIE, 0, 0, Pt(100), Pt(100), data)
            slide.notes_slide.notes_text_frame.text = "n"
        return sorted(str(p.partname) for p in prs.part.package.iter_parts())

    counted = charts_deck(True)
    assert counted == charts_deck(False)
    assert "/ppt/charts/chart3.xml" in counted and "/ppt/embeddings/Microsoft_Excel_Sheet3.xlsx" in counted
    assert len(counted) == len(set(counted))


def it_adds_slides_exactly_as_python_pptx_does():
    def deck_xml(fast: bool):
        prs = Presentation()
        adder = oxml.SlideAdder(prs)
        for k in (0, 1, 2, 1, 0, 1):  # layouts used again get copies of the first clones
            layout = prs.slide_layouts[k]
            (adder.add if fast else prs.slides.add_slide)(layout)
        pres = prs.part._element
        ids = [(s.get("id"), s.get(qn("r:id"))) for s in pres.sldIdLst]
        rels = sorted((r.rId, str(r.target_part.partname)) for r in prs.part.rels.values()
                      if r.reltype.endswith("/slide"))
        trees = [etree_str(slide.shapes._spTree) for slide in prs.slides]
        return ids, rels, trees

    assert deck_xml(True) == deck_xml(False)
    expected = deck_xml(False)[2]  # layouts 0, 1, 2, 1, 0, 1
    shared: dict = {}  # a second presentation from the same template reuses the first's clones
    for _ in range(2):
        prs = Presentation()
        adder = oxml.SlideAdder(prs, shared)
        trees = [etree_str(adder.add(prs.slide_layouts[k]).shapes._spTree) for k in (0, 1, 0)]
        assert trees == [expected[0], expected[1], expected[0]]
    assert len(shared) == 2


def it_writes_notes_slides_exactly_as_python_pptx_does():
    def deck_notes(fast: bool):
        prs = Presentation()
        oxml.count_part_names(prs)
        writer = oxml.NotesWriter()
        for k in range(3):
            slide = prs.slides.add_slide(prs.slide_layouts[6])
            if fast:
                writer.write(slide, f"note {k}")
            else:
                slide.notes_slide.notes_text_frame.text = f"note {k}"
        buffer = io.BytesIO()
        prs.save(buffer)
        again = Presentation(buffer)
        parts = sorted(str(p.partname) for p in again.part.package.iter_parts())
        notes = [(s.notes_slide.notes_text_frame.text, s.notes_slide.part.partname,
                  s.notes_slide.part.part_related_by(RT.SLIDE).partname) for s in again.slides]
        xml = [etree_str(s.notes_slide._element) for s in again.slides]
        return parts, notes, xml

    fast, slow = deck_notes(True), deck_notes(False)
    assert fast == slow
    assert [text for text, _, _ in fast[1]] == ["note 0", "note 1", "note 2"]
    assert len(set(fast[0])) == len(fast[0])


def it_lists_placeholders_by_role_in_idx_order():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[4])  # comparison: title, 2 headings, 2 bodies
    found = oxml.placeholders(slide)
    assert [idx for _, idx, _ in found] == sorted(ph.placeholder_format.idx for ph in slide.placeholders)
    assert [role for role, _, _ in found][0] == "title"
    assert [role for role, _, _ in found].count("body") == 4
    assert all(shape.is_placeholder for _, _, shape in found)


def it_sets_a_shape_box_as_python_pptx_setters_do():
    def boxed(fast: bool):
        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        shape = slide.placeholders[1]
        if fast:
            oxml.set_box(shape, 1, 2, 3, 4)
        else:
            shape.left, shape.top, shape.width, shape.height = 1, 2, 3, 4
        return etree_str(shape._element)

    assert boxed(True) == boxed(False)
    assert b'<a:off x="1" y="2"/><a:ext cx="3" cy="4"/>' in boxed(True)


def it_saves_zip_members_with_a_fixed_time():
    prs, _ = blank_slide()
    buffer = io.BytesIO()
    oxml.save_reproducible(prs, buffer)
    with zipfile.ZipFile(buffer) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.testzip() is None
    later = io.BytesIO()
    prs.save(later)  # python-pptx itself is left as it was
    assert {i.date_time for i in zipfile.ZipFile(later).infolist()} != {(1980, 1, 1, 0, 0, 0)}


def it_adds_plain_filled_rectangles_with_unique_ids():
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from deck.render.oxml.a11y import is_decorative

    prs, slide = blank_slide()
    slide.shapes.add_textbox(0, 0, 10, 10)
    first = oxml.add_rect(slide, 12700, 25400, 127000, 50800, fill="C2410C",
                          name="Accent <rule>", decorative=True)
    second = oxml.add_rect(slide, 0, 0, 1, 1, fill="000000", name="Second")
    rect = slide.shapes[1]
    assert rect.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE and rect.name == "Accent <rule>"
    assert (rect.left, rect.top, rect.width, rect.height) == (12700, 25400, 127000, 50800)
    assert str(rect.fill.fore_color.rgb) == "C2410C"
    assert len({s.shape_id for s in slide.shapes}) == 3
    assert (first, second) == (rect.shape_id, slide.shapes[2].shape_id)
    assert is_decorative(rect._element) and not is_decorative(slide.shapes[2]._element)


C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def add_chart(slide, chart_type, series=(("s", (1, 2)),), categories=("a", "b")):
    data = CategoryChartData(number_format="#,##0")
    data.categories = list(categories)
    for name, values in series:
        data.add_series(name, list(values))
    return slide.shapes.add_chart(chart_type, 0, 0, Pt(300), Pt(200), data).chart


def it_writes_an_explicit_vary_colors_on_every_plot_and_invert_if_negative_on_bars():
    prs, slide = blank_slide()
    bar = add_chart(slide, XL_CHART_TYPE.BAR_CLUSTERED)
    assert bar._chartSpace.find(f".//{C}varyColors") is None, "python-pptx now writes varyColors"
    oxml.fix_chart_xml(bar)
    plot = bar._chartSpace.find(f".//{C}barChart")
    assert [el.tag for el in plot][:3] == [f"{C}barDir", f"{C}grouping", f"{C}varyColors"]
    assert plot.find(f"{C}varyColors").get("val") == "0"
    assert plot.find(f"{C}ser/{C}invertIfNegative").get("val") == "0"
    pie = add_chart(slide, XL_CHART_TYPE.PIE)
    oxml.fix_chart_xml(pie, vary_colors=True)
    assert pie._chartSpace.xpath(".//c:pieChart/c:varyColors/@val") == ["1"]
    assert pie.plots[0].vary_by_categories is True and bar.plots[0].vary_by_categories is False


def it_gives_a_legend_an_explicit_position_and_no_overlay():
    prs, slide = blank_slide()
    chart = add_chart(slide, XL_CHART_TYPE.PIE)
    chart.has_legend = True
    oxml.fix_chart_xml(chart, vary_colors=True)
    legend = chart._chartSpace.find(f".//{C}legend")
    assert [el.tag for el in legend] == [f"{C}legendPos", f"{C}overlay"]
    assert chart.legend.include_in_layout is False


def it_builds_a_combo_chart_with_the_last_series_as_a_line_on_a_secondary_axis():
    prs, slide = blank_slide()
    chart = add_chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED,
                      series=(("Revenue", (41, 44)), ("Cost", (30, 31)), ("Margin", (0.1, 0.2))))
    secondary = oxml.make_combo(chart)
    secondary.maximum_scale = 0.5  # python-pptx styles the returned axis like any other
    oxml.fix_chart_xml(chart)
    bars, line = chart.plots
    assert [s.name for s in bars.series] == ["Revenue", "Cost"]
    assert [s.name for s in line.series] == ["Margin"]
    assert list(line.series[0].values) == [0.1, 0.2] and list(line.categories) == ["a", "b"]
    space = chart._chartSpace
    bar_ids = space.xpath(".//c:barChart/c:axId/@val")
    line_ids = space.xpath(".//c:lineChart/c:axId/@val")
    assert not set(bar_ids) & set(line_ids)
    value_axes = {ax.find(f"{C}axId").get("val"): ax for ax in space.iter(f"{C}valAx")}
    right = value_axes[line_ids[1]]
    assert right.find(f"{C}axPos").get("val") == "r"
    assert right.find(f"{C}crosses").get("val") == "max"
    assert right.find(f"{C}scaling/{C}max").get("val") == "0.5"
    hidden = [ax for ax in space.iter(f"{C}catAx") if ax.find(f"{C}axId").get("val") == line_ids[0]]
    assert hidden[0].find(f"{C}delete").get("val") == "1"
    ser = space.find(f".//{C}lineChart/{C}ser")
    assert ser.find(f"{C}invertIfNegative") is None and ser.find(f"{C}marker") is not None
    # Schema order: the line plot right after the bar plot, the new axes after the old ones.
    tags = [el.tag.replace(C, "") for el in space.find(f".//{C}plotArea")]
    assert tags == ["barChart", "lineChart", "catAx", "valAx", "catAx", "valAx"]


def it_writes_whole_series_labels_that_python_pptx_reads_back():
    from pptx.enum.chart import XL_LABEL_POSITION

    prs, slide = blank_slide()
    chart = add_chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, categories=("a", "b", "c"),
                      series=(("s", (1, 2, 3)),))
    series = chart.plots[0].series[0]
    oxml.set_series_labels(series, number_format="0.0", size=20, color="1F2937", font="Calibri",
                           position="inside_end", point_colors={1: "FFFFFF"})
    labels = series.data_labels
    assert labels.show_value and not labels.show_percentage
    assert labels.number_format == "0.0" and labels.number_format_is_linked is False
    assert labels.position == XL_LABEL_POSITION.INSIDE_END
    assert labels.font.size == Pt(20) and labels.font.bold is True
    point = series._element.find(f"{C}dLbls/{C}dLbl")
    assert point.find(f"{C}idx").get("val") == "1"
    assert point.find(f"{C}showVal").get("val") == "1"  # a point label must not hide its value
    assert point.xpath(".//a:srgbClr/@val") == ["FFFFFF"]
    oxml.set_series_labels(series, number_format="0", size=18, color="1F2937", font="Calibri",
                           percent=True)
    assert len(series._element.findall(f"{C}dLbls")) == 1  # replaced, not added
    labels = chart.plots[0].series[0].data_labels  # a new proxy: python-pptx caches the old one
    assert labels.show_percentage and not labels.show_value
    assert series._element.find(f"{C}dLbls/{C}dLblPos") is None  # no position: the default


def it_makes_a_series_fill_partly_transparent():
    prs, slide = blank_slide()
    chart = add_chart(slide, XL_CHART_TYPE.AREA)
    series = chart.plots[0].series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = pptx.dml.color.RGBColor(0xC2, 0x41, 0x0C)
    oxml.set_fill_alpha(series, 0.75)
    oxml.set_fill_alpha(series, 0.5)
    assert series._element.xpath("./c:spPr/a:solidFill/a:srgbClr/a:alpha/@val") == ["50000"]


def etree_str(el) -> bytes:
    return etree.tostring(el)


def it_writes_theme_colours_and_fonts_that_read_back():
    prs = Presentation()
    before, _, _ = oxml.read_theme(prs)
    oxml.set_theme(prs, {"dk1": "111111", "hlink": "FBBF24", "accent1": "C2410C"},
                   "Caladea", "Carlito")
    buffer = io.BytesIO()
    oxml.save_reproducible(prs, buffer)
    colors, heading, body = oxml.read_theme(Presentation(buffer))
    assert (colors["dk1"], colors["hlink"], colors["accent1"]) == ("111111", "FBBF24", "C2410C")
    assert colors["lt1"] == before["lt1"]  # slots not given are left alone
    assert (heading, body) == ("Caladea", "Carlito")


def it_memoizes_qn_with_the_same_answers():
    import pptx.oxml.ns as ns
    import pptx.oxml.xmlchemy as xmlchemy

    original = ns.qn.__wrapped__
    assert xmlchemy.qn is ns.qn and hasattr(ns.qn, "cache_info")
    for tag in ("p:sp", "a:t", "c:valAx", "r:id", "a:srgbClr", "c:majorUnit"):
        assert ns.qn(tag) == original(tag)
    oxml.memoize_qn()  # again: still one cached layer, not a cache of a cache
    assert ns.qn.__wrapped__ is original
