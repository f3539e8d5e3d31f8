"""Every use of python-pptx internals or raw XML, in one place.

python-pptx has no API for these, or its output needs fixing; `tests/test_oxml.py` pins each
behaviour relied on here, so a python-pptx upgrade that changes one fails there first.

* sections (`p14:sectionLst`), slide-number fields, bullets and numbering, East-Asian fonts,
  run language, right-to-left paragraphs, alt text, removing unused placeholders;
* chart XML that PowerPoint and LibreOffice read differently: positive `c:axId` (python-pptx
  writes negative ones, the schema says unsigned), explicit legend overlay;
* reproducible packages: fixed core properties, fixed workbook timestamps.
"""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from datetime import datetime

import pptx.chart.xlsx
from lxml import etree
from pptx.oxml.ns import qn

P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
SECTION_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
_NS_UUID = uuid.UUID("6f1c3c52-4d1e-4a8e-9a43-2b7d0f5a9c11")  # ids derived from content: reproducible


def stable_guid(*parts: object) -> str:
    """A GUID in braces that depends only on `parts`, so rebuilding gives the same file."""
    return "{" + str(uuid.uuid5(_NS_UUID, "\x1f".join(map(str, parts)))).upper() + "}"


# --- presentation -------------------------------------------------------------------------

def set_sections(prs, sections: list[tuple[str, list]]) -> None:
    """Write PowerPoint sections: [(name, [slide, ...]), ...]. Empty sections are skipped."""
    pres = prs.part._element
    ext_lst = pres.find(qn("p:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(pres, qn("p:extLst"))
    for old in ext_lst.findall(qn("p:ext")):
        if old.get("uri") == SECTION_EXT:
            ext_lst.remove(old)
    ext = etree.SubElement(ext_lst, qn("p:ext"), uri=SECTION_EXT)
    lst = etree.SubElement(ext, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    for k, (name, slides) in enumerate(sections):
        if not slides:
            continue
        sec = etree.SubElement(lst, f"{{{P14}}}section", name=name, id=stable_guid("section", k, name))
        ids = etree.SubElement(sec, f"{{{P14}}}sldIdLst")
        for slide in slides:
            etree.SubElement(ids, f"{{{P14}}}sldId", id=str(slide.slide_id))


def read_sections(prs) -> list[tuple[str, list[int]]]:
    """The sections as [(name, [slide id, ...])] — for tests and tools."""
    out = []
    for sec in prs.part._element.iter(f"{{{P14}}}section"):
        ids = [int(s.get("id")) for s in sec.iter(f"{{{P14}}}sldId")]
        out.append((sec.get("name"), ids))
    return out


def remove_shape(shape) -> None:
    """Delete a shape (e.g. a placeholder the slide does not use)."""
    el = shape._element
    el.getparent().remove(el)


def set_alt_text(shape, text: str) -> None:
    """Alt text (`descr`) on a picture or graphic frame, read by screen readers."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


# --- text -----------------------------------------------------------------------------------

def set_run_fonts(run, *, east_asian: str | None, lang: str) -> None:
    """East-Asian typeface (`a:ea`, placed right after `a:latin`), the run's language, and
    `cap="none"`: a layout's all-caps title style would make text wider than measured."""
    rpr = run._r.get_or_add_rPr()
    rpr.set("lang", lang)
    rpr.set("cap", "none")
    if east_asian:
        ea = rpr.find(qn("a:ea"))
        if ea is None:
            ea = etree.Element(qn("a:ea"))
            latin = rpr.find(qn("a:latin"))
            if latin is not None:
                latin.addnext(ea)
            else:
                _insert_before(rpr, ea, ("a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver",
                                         "a:rtl", "a:extLst"))
        ea.set("typeface", east_asian)


def set_paragraph_bullet(paragraph, *, level_indent: float, hang: float, color: str | None,
                         char: str = "•", number: int | None = None) -> None:
    """A hanging bullet or auto-number. `level_indent` and `hang` in EMU."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(int(level_indent)))
    ppr.set("indent", str(-int(hang)))
    for tag in ("a:buClr", "a:buFont", "a:buChar", "a:buAutoNum", "a:buNone"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    elements = []
    if color:
        clr = etree.Element(qn("a:buClr"))
        etree.SubElement(clr, qn("a:srgbClr"), val=color)
        elements.append(clr)
    if number is not None:
        num = etree.Element(qn("a:buAutoNum"), type="arabicPeriod")
        if number != 1:
            num.set("startAt", str(number))
        elements += [etree.Element(qn("a:buFont"), typeface="+mj-lt"), num]
    else:
        elements += [etree.Element(qn("a:buFont"), typeface="Arial"),
                     etree.Element(qn("a:buChar"), char=char)]
    for el in elements:  # bullets come after lnSpc/spcBef/spcAft and before tabLst/defRPr
        _insert_before(ppr, el, ("a:tabLst", "a:defRPr", "a:extLst"))


def set_paragraph_rtl(paragraph) -> None:
    paragraph._p.get_or_add_pPr().set("rtl", "1")


def add_slide_number_field(paragraph, number: int, *, size_hundredths: int, color: str,
                           font: str, lang: str) -> None:
    """A slide-number field (`a:fld type="slidenum"`), so reordering slides renumbers them."""
    fld = etree.SubElement(paragraph._p, qn("a:fld"), id=stable_guid("slidenum"), type="slidenum")
    rpr = etree.SubElement(fld, qn("a:rPr"), lang=lang, sz=str(size_hundredths), dirty="0")
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=color)
    etree.SubElement(rpr, qn("a:latin"), typeface=font)
    etree.SubElement(fld, qn("a:t")).text = str(number)
    end = paragraph._p.find(qn("a:endParaRPr"))
    if end is not None:  # endParaRPr must stay last
        paragraph._p.remove(end)
        paragraph._p.append(end)


def _insert_before(parent, element, successors: tuple[str, ...]) -> None:
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(element)
            return
    parent.append(element)


# --- charts ---------------------------------------------------------------------------------

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def fix_chart_xml(chart) -> None:
    """Make python-pptx chart XML render alike in PowerPoint and LibreOffice, and valid:
    positive axis ids (python-pptx writes negative ones), an explicit non-overlaying legend."""
    space = chart._chartSpace
    mapping: dict[str, str] = {}
    for el in space.iter(f"{{{C}}}axId", f"{{{C}}}crossAx"):
        old = el.get("val")
        if old not in mapping:
            mapping[old] = str(50000 + 10 * len(mapping))
        el.set("val", mapping[old])
    legend = space.find(f".//{{{C}}}legend")
    if legend is not None and legend.find(f"{{{C}}}overlay") is None:
        overlay = etree.Element(f"{{{C}}}overlay", val="0")
        _insert_chart_child(legend, overlay, ("spPr", "txPr", "extLst"))


def _insert_chart_child(parent, element, successors: tuple[str, ...]) -> None:
    for tag in successors:
        found = parent.find(f"{{{C}}}{tag}")
        if found is not None:
            found.addprevious(element)
            return
    parent.append(element)


# --- package --------------------------------------------------------------------------------

_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            '2006/docPropsVTypes"><Application>deck</Application><PresentationFormat>Custom'
            '</PresentationFormat><Slides>{slides}</Slides><Notes>{notes}</Notes></Properties>')


def set_app_properties(prs, slides: int, notes: int) -> None:
    """Replace the default template's app.xml (it claims a 4:3 Mac PowerPoint file with no
    slides) with one that describes this deck."""
    for part in prs.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = _APP_XML.format(slides=slides, notes=notes).encode()


@contextmanager
def workbook_time(when: datetime):
    """While active, charts' embedded workbooks are stamped with `when` instead of the clock
    (XlsxWriter writes the current time into each workbook's core properties)."""
    original = pptx.chart.xlsx.Workbook

    class StampedWorkbook(original):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.set_properties({"created": when})

    pptx.chart.xlsx.Workbook = StampedWorkbook
    try:
        yield
    finally:
        pptx.chart.xlsx.Workbook = original
