"""Rows of data for loops and batches: a CSV, JSON or XLSX file, or an inline list.

Every source becomes `Rows`: column names, one dict per record, and where each record and
cell sits in its file, so a problem with a value is reported at the data file's line and column
(`regions.csv:14:3: error: …`). CSV is read by `data.Resolver` (shared with chart `data:`);
JSON by the standard library, with the start of every object recorded; XLSX by openpyxl
(imported only for an .xlsx), where a cell's line and column are its row and column numbers.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import os
from collections.abc import Callable

from .errors import Diagnostic, InputError, Span
from .files import Files, read_regular
from .source import SourceMap, decode, normalise_text

MAX_ROWS = 100_000
FORMATS = (".csv", ".json", ".xlsx")


class Cell(str):
    """Text from a data file that knows its row and column, so a filter refusing it can say
    where it came from. Attributes start with `_`: the template sandbox cannot reach them."""

    _at: tuple  # (rows, record index, column name)


class Rows:
    """Records of one data source: `records[i][column]`, and `diagnostic` to locate a cell."""

    def __init__(self, name: str, columns: list[str], records: list[dict],
                 locate: Callable[[int, str | None, str], Diagnostic]):
        self.name, self.columns, self.records, self._locate = name, columns, records, locate
        for i, record in enumerate(records):
            for column, value in record.items():
                if isinstance(value, str):
                    value = record[column] = Cell(value)
                    value._at = (self, i, column)

    def diagnostic(self, row: int, column: str | None, message: str) -> Diagnostic:
        """An error at record `row`'s cell in `column` (its start when None)."""
        return self._locate(row, column, message)


def _positioned(name: str, text: str) -> tuple[object, dict[int, int]]:
    """Parsed JSON and the character offset where each of its objects starts (by id)."""
    starts: dict[int, int] = {}

    def parse_object(s_and_end, *args):
        found, end = json.decoder.JSONObject(s_and_end, *args)
        starts[id(found)] = s_and_end[1] - 1
        return found, end

    decoder = json.JSONDecoder()
    decoder.parse_object = parse_object
    decoder.scan_once = json.scanner.py_make_scanner(decoder)
    try:
        return decoder.decode(text), starts
    except json.JSONDecodeError as exc:
        lines = text.splitlines()
        raise InputError([Diagnostic(Span(name, exc.lineno, exc.colno), f"JSON syntax: {exc.msg}",
                                     "error", lines[exc.lineno - 1] if exc.lineno <= len(lines)
                                     else "")]) from None


def _json_path(found, path: str | None, name: str):
    """`found` at a dotted path (`results.regions`, `$.items[2].rows`), or InputError."""
    if not path:
        return found
    here = found
    for part in path.removeprefix("$").replace("[", ".").replace("]", "").split("."):
        if not part:
            continue
        if isinstance(here, dict) and part in here:
            here = here[part]
        elif isinstance(here, list) and part.isdigit() and int(part) < len(here):
            here = here[int(part)]
        else:
            keys = f" (keys: {', '.join(list(here)[:12])})" if isinstance(here, dict) else ""
            raise InputError([Diagnostic(Span(name), f"JSON path `{path}`: no `{part}`{keys}")])
    return here


def _scalar(value):
    """A JSON or XLSX value as a loop sees it: text stays text, numbers stay numbers."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "isoformat"):  # a date or time from a spreadsheet
        return value.isoformat()
    return value  # a list or mapping inside a JSON record: templates may walk it


def from_records(name: str, items: list, locate: Callable[[int, str | None, str], Diagnostic],
                 where: Callable[[int], Diagnostic]) -> Rows:
    """Rows from a list of mappings (a scalar item becomes `{item: value}`). `where(i)` says
    where item i is, for errors about the item itself."""
    records, columns, problems = [], {}, []
    for i, item in enumerate(items):
        if isinstance(item, dict):
            record = {str(k): _scalar(v) for k, v in item.items()}
        elif isinstance(item, list):
            problems.append(where(i))
            continue
        else:
            record = {"item": _scalar(item)}
        for column in record:
            columns.setdefault(column, None)
        records.append(record)
    if problems:
        raise InputError(problems)
    return Rows(name, list(columns), records, locate)


def _read_json(name: str, shown: str, files: Files, path: str | None) -> Rows:
    text = _text(name, shown, files)
    found, starts = _positioned(shown, text)
    items = _json_path(found, path, shown)
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        raise InputError([Diagnostic(Span(shown), "the rows must be a JSON list of objects"
                                     + ("" if path else "; name it with `path:`"))])
    lines = text.splitlines()

    def at(offset: int | None, message: str) -> Diagnostic:
        if offset is None:
            return Diagnostic(Span(shown), message)
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return Diagnostic(Span(shown, line, col), message, "error", lines[line - 1])

    def locate(row: int, column: str | None, message: str) -> Diagnostic:
        return at(starts.get(id(items[row])), message)

    return from_records(shown, items, locate,
                        lambda i: at(starts.get(id(items)), f"row {i + 1} is a list, not an "
                                     "object"))


def _text(name: str, shown: str, files: Files) -> str:
    target = files.path(name)
    if isinstance(target, str):
        raise InputError([Diagnostic(Span(shown), f"data file {target}")])
    raw = read_regular(target)
    if isinstance(raw, str):
        raise InputError([Diagnostic(Span(shown), f"data file {raw}")])
    return decode(raw, shown)


def _read_xlsx(name: str, shown: str, files: Files, sheet: str | None) -> Rows:
    from openpyxl import load_workbook

    target = files.path(name)
    if isinstance(target, str):
        raise InputError([Diagnostic(Span(shown), f"data file {target}")])
    try:
        book = load_workbook(target, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError([Diagnostic(Span(shown), f"not a readable .xlsx workbook "
                                     f"({type(exc).__name__}: {exc})")]) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise InputError([Diagnostic(Span(shown), f"no sheet `{sheet}` (sheets: "
                                         f"{', '.join(book.sheetnames)})")])
        cells = book[sheet] if sheet is not None else book.worksheets[0]
        table = [list(values) for values in cells.iter_rows(values_only=True)]
    finally:
        book.close()
    numbers = [i + 1 for i, values in enumerate(table) if any(v not in (None, "") for v in values)]
    if not numbers:
        raise InputError([Diagnostic(Span(shown), "the sheet is empty; it needs a header row")])
    header_line = numbers[0]
    header = [str(v).strip() if v is not None else "" for v in table[header_line - 1]]
    while header and not header[-1]:
        header.pop()
    problems = [Diagnostic(Span(shown, header_line, k + 1), f"column {k + 1} has no name")
                for k, cell in enumerate(header) if not cell]
    problems += [Diagnostic(Span(shown, header_line, k + 1), f"column `{cell}` appears twice")
                 for k, cell in enumerate(header) if cell and header.index(cell) != k]
    if problems:
        raise InputError(problems)
    lines = numbers[1:]
    records = [{column: _scalar(table[n - 1][k]) if k < len(table[n - 1]) else None
                for k, column in enumerate(header)} for n in lines]

    def locate(row: int, column: str | None, message: str) -> Diagnostic:
        col = header.index(column) + 1 if column in header else 1
        return Diagnostic(Span(shown, lines[row], col), message)

    return Rows(shown, header, records, locate)


def _read_csv(name: str, shown: str, smap: SourceMap, files: Files, path: tuple) -> Rows:
    from .data import Resolver

    resolver = Resolver(smap, files)
    table = resolver.read(name, path)
    if table is None:
        raise InputError(resolver.errors)
    records = [{column: row[k].strip() for k, column in enumerate(table.header)}
               for row in table.rows]

    def locate(row: int, column: str | None, message: str) -> Diagnostic:
        k = table.header.index(column) if column in table.header else 0
        return table.at(row, k, message)

    return Rows(table.name, list(table.header), records, locate)


def read(name: str, smap: SourceMap, files: Files, path: tuple, *, sheet: str | None = None,
         json_path: str | None = None) -> Rows:
    """The rows of data file `name` (relative to the outline). `path` is where the outline
    names it, for errors about the name itself. Raises InputError, located."""
    suffix = os.path.splitext(name)[1].lower()
    shown = os.path.normpath(os.path.join(os.path.dirname(smap.file), name))
    if suffix not in FORMATS:
        raise InputError([smap.diagnostic(path, f"`{name}`: data for a loop is a .csv, .json "
                                          "or .xlsx file, or a list written in the outline")])
    if sheet is not None and suffix != ".xlsx":
        raise InputError([smap.diagnostic(path, "`sheet:` is for .xlsx files")])
    if json_path is not None and suffix != ".json":
        raise InputError([smap.diagnostic(path, "`path:` is for .json files")])
    if suffix == ".csv":
        rows = _read_csv(name, shown, smap, files, path)
    elif suffix == ".json":
        rows = _read_json(name, shown, files, json_path)
    else:
        rows = _read_xlsx(name, shown, files, sheet)
    if len(rows.records) > MAX_ROWS:
        raise InputError([Diagnostic(Span(shown), f"{len(rows.records)} rows; a loop takes at "
                                     f"most {MAX_ROWS}")])
    for record in rows.records:
        for column, value in record.items():
            if isinstance(value, Cell) and ("\r" in value or "\t" in value):
                record[column] = cell = Cell(normalise_text(value))
                cell._at = value._at
    return rows
