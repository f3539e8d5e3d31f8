"""The workbook embedded in every native chart, written directly as a small SpreadsheetML zip.

python-pptx lays the chart's data out in a worksheet through XlsxWriter's `Workbook` API. This
class offers the part of that API python-pptx uses (`add_worksheet`, `add_format`, `write`,
`write_column`, `set_column`, `close`) and writes the minimal package Excel opens (one sheet,
shared strings, number formats, a minimal theme) in a fifth of the time, stamped with a fixed
time so the deck's bytes depend only on its outline. `render.oxml.fast_workbooks` swaps it in.
"""

from __future__ import annotations

import zipfile
from datetime import datetime
from xml.sax.saxutils import escape

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_NS = "http://schemas.openxmlformats.org"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_OFFICE = "application/vnd.openxmlformats-officedocument."
_REL = f"{_NS}/officeDocument/2006/relationships/"


def _types(overrides: dict[str, str]) -> str:
    parts = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>'
                    for name, kind in overrides.items())
    return (f'{_HEAD}<Types xmlns="{_NS}/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{parts}</Types>')


def _rels(targets: list[tuple[str, str]]) -> str:
    items = "".join(f'<Relationship Id="rId{k}" Type="{kind}" Target="{target}"/>'
                    for k, (kind, target) in enumerate(targets, start=1))
    return f'{_HEAD}<Relationships xmlns="{_NS}/package/2006/relationships">{items}</Relationships>'


_CONTENT_TYPES = _types({
    "/xl/workbook.xml": _OFFICE + "spreadsheetml.sheet.main+xml",
    "/xl/worksheets/sheet1.xml": _OFFICE + "spreadsheetml.worksheet+xml",
    "/xl/styles.xml": _OFFICE + "spreadsheetml.styles+xml",
    "/xl/sharedStrings.xml": _OFFICE + "spreadsheetml.sharedStrings+xml",
    "/xl/theme/theme1.xml": _OFFICE + "theme+xml",
    "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
})
_ROOT_RELS = _rels([(_REL + "officeDocument", "xl/workbook.xml"),
                    (f"{_NS}/package/2006/relationships/metadata/core-properties",
                     "docProps/core.xml")])
_WORKBOOK = (f'{_HEAD}<workbook xmlns="{_NS}/spreadsheetml/2006/main" '
             f'xmlns:r="{_NS}/officeDocument/2006/relationships">'
             '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = _rels([(_REL + "worksheet", "worksheets/sheet1.xml"),
                        (_REL + "styles", "styles.xml"),
                        (_REL + "sharedStrings", "sharedStrings.xml"),
                        (_REL + "theme", "theme/theme1.xml")])
_CORE = (
    f'{_HEAD}<cp:coreProperties xmlns:cp="{_NS}/package/2006/metadata/core-properties" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    '<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>')
_FILL = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
_LINE = '<a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
_THEME = (  # the smallest complete theme: Excel requires one, its content is not used here
    f'{_HEAD}<a:theme xmlns:a="{_NS}/drawingml/2006/main" name="Office Theme">'
    '<a:themeElements><a:clrScheme name="Office">'
    '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
    '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
    + "".join(f'<a:{n}><a:srgbClr val="{v}"/></a:{n}>' for n, v in (
        ("dk2", "44546A"), ("lt2", "E7E6E6"), ("accent1", "4472C4"), ("accent2", "ED7D31"),
        ("accent3", "A5A5A5"), ("accent4", "FFC000"), ("accent5", "5B9BD5"), ("accent6", "70AD47"),
        ("hlink", "0563C1"), ("folHlink", "954F72")))
    + '</a:clrScheme><a:fontScheme name="Office">'
    '<a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/>'
    '</a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/>'
    '<a:cs typeface=""/></a:minorFont>'
    '</a:fontScheme><a:fmtScheme name="Office">'
    + f'<a:fillStyleLst>{_FILL * 3}</a:fillStyleLst><a:lnStyleLst>{_LINE * 3}</a:lnStyleLst>'
    + '<a:effectStyleLst>' + '<a:effectStyle><a:effectLst/></a:effectStyle>' * 3
    + '</a:effectStyleLst>'
    + f'<a:bgFillStyleLst>{_FILL * 3}</a:bgFillStyleLst>'
    '</a:fmtScheme></a:themeElements></a:theme>')


class _Format:
    def __init__(self, index: int):
        self.index = index  # the cell style (xf) index in styles.xml


class _Worksheet:
    def __init__(self):
        self.cells: dict[tuple[int, int], tuple[object, _Format | None]] = {}

    def write(self, row: int, col: int, value, fmt: _Format | None = None) -> None:
        self.cells[(row, col)] = (value, fmt)

    def write_column(self, row: int, col: int, values, fmt: _Format | None = None) -> None:
        for k, value in enumerate(values):
            self.write(row + k, col, value, fmt)

    def set_column(self, *args) -> None:
        """Column widths: irrelevant to a chart's data sheet."""


class Workbook:
    """Stands in for `xlsxwriter.Workbook` inside python-pptx's chart workbook writers."""

    created = datetime(1980, 1, 1)  # set by render.oxml.fast_workbooks

    def __init__(self, file, options=None):
        self.file = file
        self.sheet = _Worksheet()
        self.formats: list[str] = ["General"]

    def add_worksheet(self) -> _Worksheet:
        return self.sheet

    def add_format(self, properties: dict) -> _Format:
        code = properties.get("num_format") or "General"
        if code not in self.formats:
            self.formats.append(code)
        return _Format(self.formats.index(code))

    def close(self) -> None:
        # stored, not deflated: the deck's own zip compresses the workbook once
        with zipfile.ZipFile(self.file, "w", zipfile.ZIP_STORED) as z:
            for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _ROOT_RELS),
                               ("docProps/core.xml", _CORE.replace(
                                   "{when}", self.created.strftime("%Y-%m-%dT%H:%M:%SZ"))),
                               ("xl/workbook.xml", _WORKBOOK),
                               ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
                               ("xl/theme/theme1.xml", _THEME), ("xl/styles.xml", self._styles()),
                               *self._sheet_and_strings()):
                z.writestr(zipfile.ZipInfo(name, _ZIP_TIME), text.encode("utf-8"))

    def _styles(self) -> str:
        custom = [(164 + k, code) for k, code in enumerate(self.formats[1:])]
        quote = {'"': "&quot;"}
        num_fmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{escape(code, quote)}"/>'
                           for i, code in custom)
        plain = 'fontId="0" fillId="0" borderId="0"'
        xfs = f'<xf numFmtId="0" {plain} xfId="0"/>' + "".join(
            f'<xf numFmtId="{i}" {plain} xfId="0" applyNumberFormat="1"/>' for i, _ in custom)
        return (f'{_HEAD}<styleSheet xmlns="{_NS}/spreadsheetml/2006/main">'
                + (f'<numFmts count="{len(custom)}">{num_fmts}</numFmts>' if custom else "")
                + '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
                '<fills count="2"><fill><patternFill patternType="none"/></fill>'
                '<fill><patternFill patternType="gray125"/></fill></fills>'
                '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
                f'</borders><cellStyleXfs count="1"><xf numFmtId="0" {plain}/></cellStyleXfs>'
                f'<cellXfs count="{len(custom) + 1}">{xfs}</cellXfs>'
                '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
                '</cellStyles></styleSheet>')

    def _sheet_and_strings(self) -> list[tuple[str, str]]:
        """The worksheet and its shared-strings table (what Excel itself writes)."""
        strings: dict[str, int] = {}
        rows: dict[int, list[str]] = {}
        for (row, col), (value, fmt) in sorted(self.sheet.cells.items()):
            if value is None:
                continue
            ref = f"{_column(col)}{row + 1}"
            style = f' s="{fmt.index}"' if fmt is not None and fmt.index else ""
            if isinstance(value, str):
                index = strings.setdefault(value, len(strings))
                cell = f'<c r="{ref}"{style} t="s"><v>{index}</v></c>'
            else:
                number = float(value)
                whole = number.is_integer() and abs(number) < 1e15
                text = repr(number)[:-2] if whole else repr(number)
                cell = f'<c r="{ref}"{style}><v>{text}</v></c>'
            rows.setdefault(row, []).append(cell)
        body = "".join(f'<row r="{r + 1}">{"".join(cells)}</row>'
                       for r, cells in sorted(rows.items()))
        preserve = ' xml:space="preserve"'
        items = "".join(f'<si><t{preserve if s != s.strip() else ""}>{escape(s)}</t></si>'
                        for s in strings)
        head = _HEAD
        return [("xl/worksheets/sheet1.xml",
                 f'{head}<worksheet xmlns="{_NS}/spreadsheetml/2006/main"><sheetData>{body}'
                 '</sheetData></worksheet>'),
                ("xl/sharedStrings.xml",
                 f'{head}<sst xmlns="{_NS}/spreadsheetml/2006/main" count="{len(strings)}" '
                 f'uniqueCount="{len(strings)}">{items}</sst>')]


def _column(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name
