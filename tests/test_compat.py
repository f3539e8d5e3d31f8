"""Issue 12: decks that open clean in every presentation app, in every language. The package
rules of deck/render/oxml/compat.py (docs/compatibility.md), and the deck's language and
East-Asian face on every text the deck writes: slides, notes, charts, tables, text styles."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import needs_libreoffice
from lxml import etree
from pdfcheck import deck_problems
from validity import EP, VT, A, audit, package_problems

import deck

DATA = Path(__file__).parent / "data"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# language → (its outline, the Office East-Asian face its text must name)
CJK_DECKS = {"zh-CN": ("zh.yaml", "Microsoft YaHei"), "ja-JP": ("ja.yaml", "Yu Gothic"),
             "ko-KR": ("ko.yaml", "Malgun Gothic")}


@pytest.fixture(scope="module", params=sorted(CJK_DECKS))
def cjk(request, tmp_path_factory):
    """(language, its face, the built deck's zip) for each CJK test deck."""
    name, face = CJK_DECKS[request.param]
    out = tmp_path_factory.mktemp(request.param) / f"{request.param}.pptx"
    deck.build(DATA / name, output=out)
    return request.param, face, out


def _xml(path: Path, member: str):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(member))


def _members(path: Path, prefix: str) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return sorted(n for n in z.namelist() if n.startswith(prefix) and n.endswith(".xml"))


def it_tags_every_run_of_slides_notes_and_tables_with_the_deck_language(cjk):
    lang, face, path = cjk
    runs = [(name, r) for prefix in ("ppt/slides/slide", "ppt/notesSlides/notesSlide")
            for name in _members(path, prefix) for r in _xml(path, name).iter(f"{A}r")]
    notes = [r for name, r in runs if "notesSlide" in name]
    cells = [r for name, r in runs if r.xpath("ancestor::a:tc", namespaces={"a": A[1:-1]})]
    assert len(notes) >= 5 and len(cells) >= 12
    for _, r in runs:
        assert r.find(f"{A}rPr").get("lang") == lang, r.findtext(f"{A}t")
        assert r.find(f"{A}rPr/{A}ea").get("typeface") == face, r.findtext(f"{A}t")


def it_names_the_east_asian_face_in_the_chart_xml(cjk):
    lang, face, path = cjk
    (chart,) = _members(path, "ppt/charts/chart")
    space = _xml(path, chart)
    props = list(space.iter(f"{A}defRPr", f"{A}rPr"))
    assert len(props) >= 5  # chart, axes, axis title, data labels, legend
    assert {p.get("lang") for p in props} == {lang}
    assert {p.find(f"{A}ea").get("typeface") for p in props} == {face}
    assert "en-US" not in etree.tostring(space).decode()


def it_sets_the_text_styles_of_presentation_masters_and_notes_master(cjk):
    lang, face, path = cjk
    styles = [_xml(path, "ppt/presentation.xml").find(f"{P}defaultTextStyle"),
              _xml(path, "ppt/slideMasters/slideMaster1.xml").find(f"{P}txStyles"),
              _xml(path, "ppt/notesMasters/notesMaster1.xml").find(f"{P}notesStyle")]
    for style in styles:
        props = list(style.iter(f"{A}defRPr"))
        assert props and {p.get("lang") for p in props} == {lang}
        assert {p.find(f"{A}ea").get("typeface") for p in props} == {face}


def it_lists_the_sources_slide_under_its_translated_title_on_the_divider(cjk):
    from pptx import Presentation

    lang, _, path = cjk
    sources = {"zh-CN": "资料来源", "ja-JP": "出典", "ko-KR": "출처"}[lang]
    prs = Presentation(str(path))
    agenda = next(s for s in prs.slides[1].shapes if s.name == "Agenda").text_frame.text
    assert agenda.splitlines()[-1] == sources
    assert prs.slides[len(prs.slides) - 1].shapes.title.text_frame.text == sources
    assert "Sources" not in agenda


def it_passes_the_audit_and_renders_each_cjk_deck_inside_its_boxes(cjk, tmp_path):
    lang, _, path = cjk
    assert audit(path) == []
    needs_libreoffice()
    assert deck_problems(path, tmp_path, f"{lang} slide") == []


def it_lists_the_notes_master_keynote_needs(cjk):
    _, _, path = cjk
    pres = _xml(path, "ppt/presentation.xml")
    rels = _xml(path, "ppt/_rels/presentation.xml.rels")
    rid = next(r.get("Id") for r in rels if r.get("Type").endswith("/notesMaster"))
    ids = pres.findall(f"{P}notesMasterIdLst/{P}notesMasterId")
    assert [i.get(f"{R}id") for i in ids] == [rid]
    order = [etree.QName(el).localname for el in pres]
    assert order.index("notesMasterIdLst") == order.index("sldMasterIdLst") + 1


def it_writes_app_properties_true_to_the_deck(cjk):
    lang, face, path = cjk
    from pptx import Presentation

    prs = Presentation(str(path))
    app = _xml(path, "docProps/app.xml")
    assert app.findtext(f"{EP}Slides") == str(len(prs.slides)) == "6"
    assert app.findtext(f"{EP}Notes") == "4"
    assert app.findtext(f"{EP}PresentationFormat") == "Widescreen"
    pairs = [v[0].text for v in app.find(f"{EP}HeadingPairs/{VT}vector")]
    assert pairs == ["Fonts Used", "3", "Theme", "1", "Slide Titles", "6"]
    parts = [p.text for p in app.find(f"{EP}TitlesOfParts/{VT}vector")]
    assert parts[:4] == sorted(["Arial", "Calibri", face]) + ["Office Theme"]
    outline = yaml.safe_load((DATA / CJK_DECKS[lang][0]).read_text(encoding="utf-8"))
    section = outline["sections"][1]
    titles = [outline["title"], section["title"], *(s.get("title") for s in section["slides"])]
    sources = {"zh-CN": "资料来源", "ja-JP": "出典", "ko-KR": "출처"}[lang]
    assert parts[4:] == titles[:-1] + [sources]


def it_leaves_no_slide_size_type_thumbnail_or_printer_settings(cjk):
    _, _, path = cjk
    size = _xml(path, "ppt/presentation.xml").find(f"{P}sldSz")
    assert (size.get("cx"), size.get("cy"), size.get("type")) == ("12192000", "6858000", None)
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
    assert not [n for n in names if "thumbnail" in n or "printerSettings" in n]


def it_builds_the_same_bytes_twice(tmp_path):
    a, b = (deck.build(DATA / "zh.yaml", output=tmp_path / f"{k}.pptx").output for k in "ab")
    assert a.read_bytes() == b.read_bytes()


def it_tags_traditional_chinese_with_its_own_face(outline, tmp_path):
    src = outline("""
        title: 通義千問
        language: zh-TW
        sections:
          - title: 第一節
            slides:
              - kind: chart
                title: 評分
                type: bar
                categories: [阿里巴巴, 深度求索]
                series: [{name: 評分, values: [1449, 1424]}]
                notes: 備註
    """)
    path = deck.build(src, output=tmp_path / "tw.pptx").output
    (chart,) = _members(path, "ppt/charts/chart")
    faces = {e.get("typeface") for name in [chart, "ppt/notesSlides/notesSlide1.xml"]
             for e in _xml(path, name).iter(f"{A}ea")}
    assert faces == {"Microsoft JhengHei"}


def it_ends_a_paragraph_in_its_last_runs_language(outline, tmp_path):
    """An English deck: a paragraph ending in Chinese ends in zh-CN, one ending in English in
    en-US, and English notes with a Chinese word are split like the slides."""
    src = outline("""
        title: Mixed
        sections:
          - title: One
            slides:
              - kind: bullets
                title: Mixed lines
                bullets: [The series is called 通义千问, 通义千问 is the series]
                notes: Say 通义千问 clearly
    """)
    path = deck.build(src, output=tmp_path / "mixed.pptx").output
    body = next(sp for name in _members(path, "ppt/slides/slide")
                for sp in _xml(path, name).iter(f"{P}sp")
                if sp.find(f"{P}nvSpPr/{P}cNvPr").get("name") == "Bullets")
    ends = [p.find(f"{A}endParaRPr").get("lang") for p in body.iter(f"{A}p")]
    assert ends == ["zh-CN", "en-US"]
    notes = _xml(path, "ppt/notesSlides/notesSlide1.xml")
    runs = [(r.findtext(f"{A}t"), r.find(f"{A}rPr").get("lang")) for r in notes.iter(f"{A}r")]
    assert runs == [("Say ", "en-US"), ("通义千问 ", "zh-CN"), ("clearly", "en-US")]


def _tampered(path: Path, edit) -> zipfile.ZipFile:
    """The deck's zip with `edit(name, bytes) -> bytes` applied to every member."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = edit(name, src.read(name))
            if data is not None:
                dst.writestr(name, data)
    return zipfile.ZipFile(out)


def it_audits_what_python_pptx_gets_wrong_for_keynote(tmp_path):
    """The audit itself, on a deck put back the way python-pptx leaves it: no notes master id,
    a 4:3 type on a 16:9 slide, stale app.xml vectors, a thumbnail, untagged notes, a chart in
    en-US without an East-Asian face, a dangling relationship."""
    path = deck.build(DATA / "zh.yaml", output=tmp_path / "zh.pptx").output

    def edit(name: str, data: bytes) -> bytes | None:
        text = data.decode("utf-8", "replace") if name.endswith((".xml", ".rels")) else None
        if name == "ppt/presentation.xml":
            text = text.replace('<p:sldSz cx="12192000"', '<p:sldSz type="screen4x3" '
                                'cx="12192000"')
            start = text.index("<p:notesMasterIdLst>")
            end = text.index("</p:notesMasterIdLst>") + len("</p:notesMasterIdLst>")
            text = text[:start] + text[end:]
        elif name == "docProps/app.xml":
            text = text.replace("<vt:i4>6</vt:i4>", "<vt:i4>5</vt:i4>")
        elif name == "ppt/notesSlides/notesSlide1.xml":
            text = text.replace('<a:rPr lang="zh-CN"><a:ea typeface="Microsoft YaHei"/></a:rPr>',
                                "<a:rPr/>")
        elif name == "ppt/charts/chart1.xml":
            text = text.replace('lang="zh-CN"', 'lang="en-US"')
            text = text.replace('<a:ea typeface="Microsoft YaHei"/>', "")
        elif name == "ppt/slides/_rels/slide1.xml.rels":
            text = text.replace("</Relationships>", '<Relationship Id="rId99" Type="http://'
                                'schemas.openxmlformats.org/officeDocument/2006/relationships/'
                                'image" Target="../media/gone.png"/></Relationships>')
        return text.encode() if text is not None else data

    problems = "\n".join(package_problems(_tampered(path, edit)))
    for expected in ("the notes master is not in p:notesMasterIdLst",
                     "p:sldSz says type=screen4x3 on a 12192000 x 6858000 EMU slide",
                     "HeadingPairs count 9 parts, TitlesOfParts lists 10",
                     "5 slide titles for 6 slides",
                     "ppt/notesSlides/notesSlide1.xml: r '今天的主题",
                     "' lang=None, the deck is zh-CN",
                     "has CJK text and no East-Asian face",
                     "ppt/charts/chart1.xml: a:defRPr lang=en-US, the deck is zh-CN",
                     "rId99 targets ppt/media/gone.png, not in the package"):
        assert expected in problems
    assert package_problems(zipfile.ZipFile(path)) == []


def it_documents_only_tests_and_functions_that_exist():
    """docs/compatibility.md names the test enforcing each rule: each must exist."""
    import re

    root = Path(__file__).resolve().parent.parent
    doc = (root / "docs" / "compatibility.md").read_text(encoding="utf-8")
    named = re.findall(r"`(test_\w+\.py)::(\w+)`|`::(\w+)`", doc)
    assert len(named) >= 10
    current = None
    for module, name, same in named:
        current = module or current
        assert f"def {name or same}(" in (root / "tests" / current).read_text(encoding="utf-8")
    validity = (root / "tests" / "validity.py").read_text(encoding="utf-8")
    for name in re.findall(r"`validity\.(\w+)`", doc):
        assert f"def {name}(" in validity, name
    compat = (root / "deck" / "render" / "oxml" / "compat.py").read_text(encoding="utf-8")
    for name in re.findall(r"`compat\.(\w+)`", doc):
        assert f"def {name}(" in compat, name
