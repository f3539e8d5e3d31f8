"""Accessible by default (issue 15): each rule breaks in one outline, reported at its line, and
passes once fixed; what the build fixes itself (hidden titles, reading order, decorative flags,
language tags) is read back from the deck; a tagged PDF's structure tree is read with PyMuPDF."""

import re
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, needs_libreoffice
from msgspec.structs import replace
from PIL import Image

import deck
from deck import a11y, cli
from deck.errors import InputError
from deck.pipeline import _plan
from deck.plan import RectShape, TextShape

HEAD = """\
title: T
footer: A footer
sections:
  - title: S
    slides:
"""
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def write(outline, slides: str, head: str = HEAD) -> Path:
    src = outline(head + slides)
    Image.new("RGB", (80, 60), (30, 90, 160)).save(src.parent / "photo.png")
    return src


def a11y_warnings(outline, slides: str) -> list[str]:
    """The accessibility warnings of an outline whose one section holds `slides` (line 6 on),
    as `line:col: message` strings."""
    return [f"{d.span.line}:{d.span.col}: {d.message.removeprefix('accessibility: ')}"
            for d in deck.check(write(outline, slides)) if "accessibility" in d.message]


def statuses(src, theme=None) -> tuple[a11y.Audit, object]:
    source, model, plan = _plan(src, theme)
    return a11y.audit(model, plan, source.map), plan


def content(plan) -> list:
    """The slides an outline's slides became (dividers left out)."""
    return [s for s in plan.slides if s.kind != "section"]


def at(plan, slide) -> int:
    return next(k for k, s in enumerate(plan.slides) if s is slide)


# --- every slide has a title -------------------------------------------------------------------

UNTITLED = """\
      - kind: statement
        figure: 1 billion
        caption: downloads
      - kind: quote
        text: Open models won the year.
      - kind: image
        path: photo.png
        alt: A blue square
"""


def it_gives_untitled_slides_a_hidden_title_above_the_slide(outline):
    audit, plan = statuses(write(outline, UNTITLED))
    slides = content(plan)
    hidden = [next(s for s in slide.shapes if a11y.is_hidden(s)) for slide in slides]
    assert [a11y.title_of(s) for s in slides] == [
        "1 billion downloads", "Open models won the year.", "A blue square"]
    assert all(h.role == "title" and h.box.bottom < 0 for h in hidden)  # off the slide
    assert [audit.status("title", at(plan, s)) for s in slides] == ["fixed"] * 3
    assert not audit.diagnostics


def it_writes_a_hidden_title_as_the_slides_title_placeholder(outline, tmp_path):
    report = deck.build(write(outline, UNTITLED), output=tmp_path / "t.pptx")
    from pptx import Presentation

    slides = list(Presentation(report.output).slides)[-3:]
    for slide, text in zip(slides, ["1 billion downloads", "Open models won the year."]):
        title = slide.shapes.title  # a placeholder of type title: what checkers look for
        assert title is not None and title.text_frame.text == text
        assert title.top + title.height <= 0


def it_warns_about_a_slide_with_nothing_to_name_it_by(outline):
    slides = "      - kind: image\n        path: photo.png\n        decorative: true\n"
    assert a11y_warnings(outline, slides) == [
        "6:9: this slide has no title, and no text or alt text to make a hidden one from: "
        "give it a `title:`"]
    assert a11y_warnings(outline, slides + "        title: The view\n") == []


def it_makes_hidden_titles_unique(outline):
    audit, plan = statuses(write(outline, "      - kind: quote\n        text: Again\n" * 2))
    assert [a11y.title_of(s) for s in content(plan)] == ["Again", "Again (2)"]
    assert not audit.diagnostics


# --- unique titles -----------------------------------------------------------------------------

def it_reports_a_slide_titled_like_its_section_divider(outline):
    def warnings(title: str) -> list[str]:
        src = outline("title: T\nsections:\n  - title: Results\n    divider: true\n"
                      f"    slides:\n      - kind: bullets\n        title: {title}\n"
                      "        bullets: [a]\n")
        return [f"{d.span.line}:{d.span.col}: {d.message}" for d in deck.check(src)]
    assert warnings("Results") == [
        "7:16: accessibility: title `Results` is also the title of the section divider at "
        "line 3; screen reader users move between slides by title: make each one say what "
        "is new"]
    assert warnings("What the results show") == []


def it_numbers_a_title_continued_over_more_than_two_slides(outline):
    rows = "\n".join(f"          - [row {i}, '{i}']" for i in range(60))
    audit, plan = statuses(write(outline, "      - kind: table\n        title: Long\n"
                                 "        columns: [Name, Value]\n        rows:\n" + rows + "\n"))
    titles = [a11y.title_of(s) for s in content(plan)]
    n = len(titles)
    assert n > 2 and titles == ["Long"] + [f"Long (cont. {k}/{n})" for k in range(2, n + 1)]
    assert {audit.status("unique", k) for k in range(len(plan.slides))} == {"ok"}


# --- alt text and the decorative flag ----------------------------------------------------------

def it_refuses_a_picture_without_alt_text_unless_decorative(outline):
    with pytest.raises(InputError) as exc:
        deck.check(write(outline, "      - kind: image\n        path: photo.png\n"))
    assert [(d.span.line, d.span.col, d.message) for d in exc.value.diagnostics] == [
        (6, 9, "`alt` must describe the image for people who cannot see it (or mark a picture "
               "that adds nothing `decorative: true`)")]
    with pytest.raises(InputError) as exc:
        deck.check(write(outline, "      - kind: image\n        path: photo.png\n"
                         "        alt: A view\n        decorative: true\n"))
    assert exc.value.diagnostics[0].span.line == 9


def it_writes_offices_decorative_flag_and_alt_text(outline, tmp_path):
    slides = ("      - kind: two_column\n        title: Two pictures\n"
              "        left: {kind: image, path: photo.png, decorative: true}\n"
              "        right: {kind: image, path: photo.png, alt: A blue square}\n"
              "      - kind: chart\n        title: A chart\n        type: bar\n"
              "        categories: [a, b]\n        series: [{name: s, values: [1, 2]}]\n")
    report = deck.build(write(outline, slides), output=tmp_path / "t.pptx")
    from pptx import Presentation

    slides = list(Presentation(report.output).slides)[-2:]
    pictures = [s for s in slides[0].shapes if s.shape_type == 13]
    props = [p._element.xpath("./p:nvPicPr/p:cNvPr")[0] for p in pictures]
    flags = [any(d.get("val") == "1" for d in c.iter(f"{{{ADEC}}}decorative")) for c in props]
    assert flags == [True, False] and props[1].get("descr") == "A blue square"
    rules = [s for s in slides[0].shapes if s.name == "Accent rule"]
    assert rules and all(_decorative(r._element) for r in rules)
    chart = next(s for s in slides[1].shapes if s.has_chart)
    assert chart._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].get("descr") == \
        "Bar chart: a 1; b 2"


def _decorative(element) -> bool:
    return any(d.get("val") == "1" for d in element.iter(f"{{{ADEC}}}decorative"))


# --- reading order -----------------------------------------------------------------------------

def it_orders_the_shape_tree_title_body_source_footer(outline, tmp_path):
    slides = ("      - kind: table\n        title: A table\n        columns: [A, B]\n"
              "        rows: [[x, '1']]\n        source: Survey 2025\n")
    report = deck.build(write(outline, slides), output=tmp_path / "t.pptx")
    from pptx import Presentation

    names = [s.name for s in list(Presentation(report.output).slides)[-1].shapes]
    assert names == ["Accent rule", "Title", "Table", "Source", "Footer", "Slide number"]


# --- tables -------------------------------------------------------------------------------------

def it_reports_a_table_header_without_a_heading(outline):
    slides = ("      - kind: table\n        title: Scores\n        columns: [Model, '']\n"
              "        rows: [[a, '1']]\n")
    assert a11y_warnings(outline, slides) == [
        "8:18: the table's header row has no heading for column 2: name every column (screen "
        "readers read it before each cell)"]
    assert a11y_warnings(outline, slides.replace("''", "Score")) == []


def it_marks_the_header_row_and_merges_no_cells(article_pptx):
    with zipfile.ZipFile(article_pptx) as z:
        tables = [re.search(r"<a:tblPr[^>]*>", z.read(n).decode()).group(0)
                  for n in z.namelist() if n.startswith("ppt/slides/slide")
                  and "<a:tbl>" in z.read(n).decode()]
        merged = [n for n in z.namelist() if n.startswith("ppt/slides/slide")
                  and re.search(rb"gridSpan|rowSpan|hMerge|vMerge", z.read(n))]
    assert tables and all('firstRow="1"' in t for t in tables) and not merged


# --- contrast ----------------------------------------------------------------------------------

def it_reports_text_that_does_not_stand_out_from_what_is_under_it(outline):
    src = write(outline, "      - kind: bullets\n        title: Pale\n        bullets: [a]\n")
    source, model, plan = _plan(src, None)
    slide = content(plan)[0]
    background = plan.theme.palette.background
    slide.shapes = [replace(s, color="DDDDDD") if isinstance(s, TextShape) and s.role == "title"
                    else s for s in slide.shapes]
    found = a11y.audit(model, plan, source.map)
    assert [(d.span.line, d.message) for d in found.diagnostics] == [
        (7, f"accessibility: the title has contrast "
            f"{_ratio('DDDDDD', background):.1f}:1 against what is under it; at least 3:1 is "
            "needed (choose a theme or template colour that reads on it)")]
    assert found.status("contrast", at(plan, slide)) == "warning"
    source, model, plan = _plan(src, None)
    assert a11y.audit(model, plan, source.map).status("contrast", at(plan, content(plan)[0])) \
        == "ok"


def _ratio(a: str, b: str) -> float:
    from deck.layout.fitting import contrast

    return contrast(a, tuple(bytes.fromhex(b)))


def it_reads_text_on_a_band_against_the_band(outline):
    """The cover's dark band: light text on it passes, though the slide itself is light."""
    src = write(outline, "      - kind: title\n        subtitle: On the band\n"
                "        author: A. Author\n", HEAD.replace("footer: A footer\n", ""))
    audit, plan = statuses(src)
    cover = next(k for k, s in enumerate(plan.slides) if s.kind == "title")
    bands = [s for s in plan.slides[cover].shapes if isinstance(s, RectShape)
             and s.box.w > plan.theme.slide_w / 2 and s.fill != plan.theme.palette.background]
    if not bands:
        pytest.skip("this theme's title slide has no band")
    on_band = [s for s in plan.slides[cover].shapes if isinstance(s, TextShape)
               and s.box.y >= bands[0].box.y and s.color]
    assert on_band and audit.status("contrast", cover) == "ok" and not audit.diagnostics


# --- language ----------------------------------------------------------------------------------

def it_tags_every_run_with_the_decks_language(outline, tmp_path):
    slides = UNTITLED.replace("alt: A blue square", "alt: A blue square\n        caption: Hi")
    src = write(outline, slides, HEAD.replace("title: T\n", "title: T\nlanguage: en-GB\n"))
    report = deck.build(src, output=tmp_path / "t.pptx")
    with zipfile.ZipFile(report.output) as z:
        parts = [z.read(n).decode() for n in z.namelist()
                 if re.match(r"ppt/slides/slide\d+\.xml$", n)]
    runs = [m for part in parts for m in re.findall(r"<a:(?:r|fld)\b.*?</a:(?:r|fld)>", part)]
    assert runs and all('lang="en-GB"' in r for r in runs)


# --- links -------------------------------------------------------------------------------------

@pytest.mark.parametrize("link, problem", [
    ("'[https://example.org/s](https://example.org/s)'", "is the bare address"),
    ("'[click here](https://example.org/s)'", "(`click here`) says nothing about where it goes"),
])
def it_reports_link_text_that_says_nothing(outline, link, problem):
    slides = f"      - kind: bullets\n        title: Links\n        bullets:\n          - {link}\n"
    assert a11y_warnings(outline, slides) == [
        f"9:13: the text of the link to https://example.org/s {problem}: write what it leads "
        "to, as in `[the 2025 survey](https://…)`"]
    fixed = slides.replace(link, "'[the 2025 survey](https://example.org/s)'")
    assert a11y_warnings(outline, fixed) == []


# --- colour is not the only signal --------------------------------------------------------------

HIGHLIGHT = ("      - kind: chart\n        title: Scores {type}\n        type: {type}\n"
             "        categories: [a, b, c]\n        series: [{{name: s, values: [1.5, 2.25, 3]}}]\n"
             "        highlight: [b]\n        data_labels: false\n")
LABELLED = ("column", "bar", "pie", "doughnut", "dot")


def it_labels_a_highlight_itself_when_data_labels_are_off(outline, tmp_path):
    line = HIGHLIGHT.format(type="line") + "        markers: false\n"  # the point's own marker
    slides = "".join(HIGHLIGHT.format(type=t) for t in LABELLED) + line
    src = write(outline, slides)
    audit, plan = statuses(src)
    assert audit.diagnostics == []
    found = {a11y.title_of(plan.slides[f.slide]): f.status for f in audit.findings
             if f.rule == "colour"}
    assert found == {**{f"Scores {t}": "fixed" for t in LABELLED}, "Scores line": "ok"}
    from pptx import Presentation

    report = deck.build(src, output=tmp_path / "t.pptx")
    charts = [shape.chart for slide in Presentation(report.output).slides
              for shape in slide.shapes if shape.has_chart]
    for kind, chart in zip(LABELLED, charts):
        series = chart.plots[0].series[0]._element
        # one label, on the highlighted point (b, index 1); the series' own labels show nothing
        assert series.xpath("./c:dLbls/c:dLbl/c:idx/@val") == ["1"], kind
        assert series.xpath("./c:dLbls/c:showVal/@val") == ["0"], kind
        shown = series.xpath("./c:dLbls/c:dLbl/c:showVal/@val | ./c:dLbls/c:dLbl/c:showPercent"
                             "/@val | ./c:dLbls/c:dLbl//a:t/text()")
        assert {"1", "2.25"} & set(shown), kind
    # read back, the charts still have their labels off: only the highlight is labelled
    from deck import reader

    read = reader.read(report.output).deck.sections[0].slides
    assert [c.data_labels for c in read if c.title.startswith("Scores")] == [False] * 6


@pytest.mark.parametrize("kind", ["column", "bar", "pie", "dot"])
def it_labels_a_highlight_in_an_image_chart_when_data_labels_are_off(kind):
    import matplotlib
    from matplotlib.text import Text

    from deck import model
    from deck.plan import Box, ChartShape
    from deck.render import chart_image
    from deck.theme import Theme

    def texts(highlight):
        spec = model.ChartSpec(type=kind, categories=["a", "b", "c"], data_labels=False,
                               series=[model.Series(name="s", values=[1.37, 2.61, 3.19])],
                               highlight=highlight, number_format="0.00")
        shape = ChartShape(Box(60, 120, 400, 300), spec, 20, 18, "alt", True)
        with matplotlib.rc_context(chart_image.style(shape, Theme())):
            fig = chart_image.draw_figure(shape, Theme())
        return {t.get_text() for t in fig.findobj(Text) if t.get_visible()}

    def values(shown):  # a pie names its muted slices, a value beside its name ("b 2.61")
        return {v for v in ("1.37", "2.61", "3.19") if any(v in t for t in shown)}

    assert values(texts([])) == set()
    assert values(texts(["b"])) == {"2.61"}


# --- the report, the article, the examples -------------------------------------------------------

def it_prints_a_table_of_rules_per_slide(outline, capsys):
    src = write(outline, UNTITLED)
    assert cli.main(["check", "--a11y", str(src)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["slide", "title"] + [key for key, _, _ in a11y.RULES]
    assert out[2].split()[:2] == ["2", "(1"] and out[2].split()[-9] == "fixed"
    assert len([line for line in out if re.match(r"\d+ ", line)]) == 4


@pytest.mark.parametrize("path", [ROOT / "outline.yaml", *sorted((ROOT / "examples").glob("*.yaml"))],
                         ids=lambda p: p.name)
def it_passes_every_rule_on_the_article_and_the_examples(path):
    audit, plan = statuses(path)
    assert audit.diagnostics == []
    assert not [f for f in audit.findings if f.status == "warning"]
    titles = [a11y.title_of(s) for s in plan.slides]
    assert all(titles) and len({a11y._key(t) for t in titles}) == len(titles)


def it_keeps_charts_and_pictures_described(article):
    prs = article[0] if isinstance(article, tuple) else article
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.shape_type in (3, 13) or getattr(shape, "has_chart", False):
                props = shape._element.xpath("./*[1]/p:cNvPr")[0]
                assert props.get("descr") or _decorative(props)


# --- tagged PDF --------------------------------------------------------------------------------

def it_writes_a_tagged_pdf_with_titles_alt_text_and_language(outline, tmp_path):
    needs_libreoffice()
    import pymupdf

    slides = ("      - kind: image\n        title: The harbour\n        path: photo.png\n"
              "        alt: A blue square over the harbour\n" + UNTITLED)
    src = write(outline, slides, HEAD.replace("title: T\n", "title: Tagged deck\n"
                                              "language: en-GB\n"))
    report = deck.build(src, output=tmp_path / "tagged.pptx", pdf=True)
    doc = pymupdf.open(report.pdf)
    catalog = doc.pdf_catalog()
    assert doc.xref_get_key(catalog, "Lang") == ("string", "en-GB")
    assert doc.xref_get_key(catalog, "StructTreeRoot")[0] == "xref"
    assert doc.xref_get_key(catalog, "MarkInfo/Marked") == ("bool", "true")
    assert doc.metadata["title"] == "Tagged deck"
    assert "<pdfuaid:part>1</pdfuaid:part>" in doc.get_xml_metadata()
    alts = {doc.xref_get_key(x, "Alt")[1] for x in range(1, doc.xref_length())
            if doc.xref_get_key(x, "S") == ("name", "/Figure")}
    assert "A blue square over the harbour" in alts
    headings = [h for page in doc for h in _headings(page)]
    assert "The harbour" in headings  # a visible title: a heading on its page
    # hidden titles are off the page, so not in its content; they name the slide's bookmark
    bookmarks = [title for _level, title, _page in doc.get_toc()]
    assert {"The harbour", "1 billion downloads", "Open models won the year."} <= set(bookmarks)


def _headings(page) -> list[str]:
    """The text of the page's H elements, from MuPDF's structure-aware text extraction."""
    import pymupdf
    from lxml import etree

    xml = page.get_text("xml", flags=pymupdf.TEXT_COLLECT_STRUCTURE)
    root = etree.fromstring(xml.encode())
    return [" ".join("".join(c.get("c") for c in line.iter("char")) for line in h.iter("line"))
            for h in root.iter("struct") if h.get("raw") in ("H", "H1", "H2", "Title")]


def it_checks_table_text_against_its_own_fills(outline):
    """A table's text is read on the table's fills, not the slide: a pale band under the body
    text is reported at the table's rows; the theme's own colours pass."""
    src = write(outline, "      - kind: table\n        title: Scores\n        columns: [A, B]\n"
                "        rows: [[x, '1'], [y, '2'], [z, '3']]\n")
    source, model, plan = _plan(src, None)
    assert a11y.audit(model, plan, source.map).status("contrast", at(plan, content(plan)[0])) \
        == "ok"
    palette = plan.theme.palette
    plan.theme = replace(plan.theme, palette=replace(palette, surface=palette.text))
    found = a11y.audit(model, plan, source.map)
    messages = [d.message for d in found.diagnostics]
    assert len(messages) == 1 and messages[0].startswith(
        "accessibility: the table's cells: contrast 1.0:1 against the fill under them")
    assert found.diagnostics[0].source_line.strip().startswith("rows:")
    assert found.status("contrast", at(plan, content(plan)[0])) == "warning"


def it_checks_a_charts_text_against_the_slide_under_it(outline):
    src = write(outline, "      - kind: chart\n        title: Sales\n        type: column\n"
                "        categories: [a, b]\n        series: [{name: S, values: [1, 2]}]\n")
    source, model, plan = _plan(src, None)
    slide = content(plan)[0]
    assert a11y.audit(model, plan, source.map).status("contrast", at(plan, slide)) == "ok"
    slide.background = plan.theme.palette.text  # the chart's text colour, under it
    found = a11y.audit(model, plan, source.map)
    assert any("the chart's text has contrast 1.0:1" in d.message for d in found.diagnostics)
