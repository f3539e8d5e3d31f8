"""Chart and table data from CSV files, and chart sorting: the stage between checking and layout.

`resolve` replaces every `data:` with the values it names (categories and series for a chart,
columns and rows for a table), so the layout and the renderers only see plain model values.
`sort_charts` orders categories by value once the data is known to be valid. A missing file or
column is reported at the outline's `data:` key; a bad cell in the CSV file itself
(`assets/data/arena_elo.csv:4:11: error: …`). The `csv` module is imported only when an outline
names a CSV file.
"""

from __future__ import annotations

import io
import math
import os
import re

import msgspec
from msgspec import Struct
from msgspec.structs import replace

from . import model
from .charttypes import MAX_VALUE, MIN_VALUE, sci
from .errors import Diagnostic, InputError, Span
from .files import Files
from .hints import number_hint, suggest
from .source import SourceMap, bad_character, decode, normalise_text

_LINE_BREAK = re.compile("\r\n|\r|\n")


class CsvTable(Struct, frozen=True):
    """A CSV file: header, records, and where each record starts (1-based line numbers)."""

    name: str  # as diagnostics show it
    header: list[str]
    rows: list[list[str]]
    row_lines: list[int]
    lines: list[str]  # the file's text lines, for the caret excerpt
    header_line: int = 1

    def at(self, row: int, column: int, message: str) -> Diagnostic:
        """A diagnostic at cell (`row`, `column`), both 0-based indexes into `rows`/`header`;
        row -1 is the header."""
        start = self.row_lines[row] if row >= 0 else self.header_line
        line, col = _field_start(self.lines, start, column)
        text = self.lines[line - 1] if line <= len(self.lines) else ""
        return Diagnostic(Span(self.name, line, col), message, "error", text)


def _field_start(lines: list[str], start: int, index: int) -> tuple[int, int]:
    """(line, column), 1-based, where field `index` of the record starting on line `start`
    begins; a quoted field may hold line breaks, so the record can span several lines."""
    field, quoted = 0, False
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        for k, ch in enumerate(line):
            if field == index:
                return number, k + 1
            if ch == '"':
                quoted = not quoted
            elif ch == "," and not quoted:
                field += 1
        if not quoted:
            return number, (len(line) + 1 if field == index else 1)  # an empty last cell
        if field == index:
            return number, len(line) + 1
    return start, 1


class Resolver:
    """Resolves the `data:` of one outline; each CSV file is read once."""

    def __init__(self, smap: SourceMap, files: Files):
        self.smap, self.files = smap, files
        self.errors: list[Diagnostic] = []
        self._files: dict[str, CsvTable | None] = {}

    def error(self, path: tuple, message: str) -> None:
        self.errors.append(self.smap.diagnostic(path, message))

    def deck(self, deck: model.Deck) -> model.Deck:
        sections = []
        for i, section in enumerate(deck.sections):
            slides = [self.slide(slide, ("sections", i, "slides", j))
                      for j, slide in enumerate(section.slides)]
            sections.append(replace(section, slides=slides))
        return replace(deck, sections=sections)

    def slide(self, slide, path: tuple):
        """The slide (or two-column block) with its data filled in."""
        if isinstance(slide, model.ChartSpec):
            return self.chart(slide, path)
        if isinstance(slide, model.TableSpec):
            return self.table(slide, path)
        if isinstance(slide, model.TwoColumnSlide):
            return replace(slide, left=self.slide(slide.left, path + ("left",)),
                           right=self.slide(slide.right, path + ("right",)))
        return slide

    # --- charts -------------------------------------------------------------------------

    def chart(self, spec: model.ChartSpec, path: tuple) -> model.ChartSpec:
        if spec.data is None:
            for s, series in enumerate(spec.series):
                if isinstance(series, str):
                    self.error(path + ("series", s), f"`{series}` names a CSV column: add "
                               f"`data:` with the file, or write `{{name: {series}, values: "
                               "[...]}`")
                elif isinstance(series.values, str) or isinstance(series.x, str):
                    self.error(path + ("series", s), "`x` and `values` name CSV columns: add "
                               "`data:` with the file, or give the numbers as lists")
            if spec.category is not None:
                self.error(path + ("category",), "`category` names a CSV column: add `data:` "
                           "with the file, or write `categories: [...]`")
            return spec
        if spec.type == "scatter":
            return self.scatter(spec, path)
        if spec.categories:
            self.error(path + ("categories",), "with `data:` the categories come from the "
                       "`category:` column; remove `categories`")
        if spec.category is None:
            self.error(path + ("data",), "name the column that holds the categories with "
                       "`category:`")
        names = []
        for s, series in enumerate(spec.series):
            if isinstance(series, str):
                names.append(series)
            elif isinstance(series.values, str) or isinstance(series.x, str):
                self.error(path + ("series", s), "`x` and `values` name columns of scatter "
                           f"charts; here write `series: [{series.name}]`")
            else:
                self.error(path + ("series", s), "with `data:` each series is a column name, "
                           f"e.g. `series: [{series.name}]`")
        table = self.read(spec.data, path)
        if table is None or spec.category is None or len(names) != len(spec.series):
            return spec
        index = self.columns(table, [spec.category, *names], path)
        if index is None:
            return spec
        categories = [row[index[0]].strip() for row in table.rows]
        for r, name in enumerate(categories):
            if not name:
                self.errors.append(table.at(r, index[0], f"empty category in column "
                                            f"`{spec.category}`"))
        series_list = []
        for name, column in zip(names, index[1:]):
            values = [self.number(table, r, column, name) for r in range(len(table.rows))]
            series_list.append(model.Series(name=name, values=values))
        return replace(spec, categories=categories, series=series_list)

    def scatter(self, spec: model.ChartSpec, path: tuple) -> model.ChartSpec:
        """A scatter chart's series from CSV columns: `x:` and `values:` of each series name
        them (`{name: Girls, x: age, values: height}`)."""
        wanted = []
        for s, series in enumerate(spec.series):
            if isinstance(series, str) or not isinstance(series.values, str) or not \
                    isinstance(series.x, str):
                self.error(path + ("series", s), "with `data:` each scatter series names two "
                           "columns: `{name: ..., x: <column>, values: <column>}`")
                return spec
            wanted.append((series.x, series.values))
        if spec.category is not None:
            self.error(path + ("category",), "scatter charts have no categories; remove "
                       "`category`")
        table = self.read(spec.data, path)
        if table is None:
            return spec
        index = self.columns(table, [name for pair in wanted for name in pair], path)
        if index is None:
            return spec
        rows = range(len(table.rows))
        series_list = [
            replace(series, x=[self.number(table, r, index[2 * s], wanted[s][0]) for r in rows],
                    values=[self.number(table, r, index[2 * s + 1], wanted[s][1]) for r in rows])
            for s, series in enumerate(spec.series)]
        return replace(spec, series=series_list)

    def number(self, table: CsvTable, row: int, column: int, name: str) -> float:
        text = table.rows[row][column].strip()
        try:
            value = msgspec.convert(text, float, strict=False)
        except msgspec.ValidationError:
            what = f"`{text}`" if text else "an empty cell"
            self.errors.append(table.at(row, column, f"column `{name}`: expected a number, "
                                        f"got {what}{number_hint(text)}"))
            return 0.0
        if not math.isfinite(value):
            self.errors.append(table.at(row, column, f"column `{name}`: `{text}` is not a "
                                        "finite number"))
            return 0.0
        if abs(value) > MAX_VALUE or (value and abs(value) < MIN_VALUE):
            # here, at the cell: validate.py would name the outline's `data:` line
            what = (f"too large to chart (> {sci(MAX_VALUE)})" if abs(value) > MAX_VALUE else
                    f"too small to chart (not 0, but closer to it than {sci(MIN_VALUE)}); write 0")
            self.errors.append(table.at(row, column, f"column `{name}`: `{text}` is {what}"))
            return 0.0
        return value

    # --- tables -------------------------------------------------------------------------

    def table(self, spec: model.TableSpec, path: tuple) -> model.TableSpec:
        if spec.data is None:
            return spec
        if spec.rows:
            self.error(path + ("rows",), "with `data:` the rows come from the file; remove "
                       "`rows`")
        table = self.read(spec.data, path)
        if table is None:
            return spec
        wanted = spec.columns or table.header
        index = self.columns(table, wanted, path)
        if index is None:
            return spec
        rows = [[row[c].strip() or None for c in index] for row in table.rows]
        return replace(spec, columns=list(wanted), rows=rows)

    # --- files --------------------------------------------------------------------------

    def columns(self, table: CsvTable, names: list[str], path: tuple) -> list[int] | None:
        """Indexes of the named columns, or None (with an error at `data:`) if one is missing."""
        found = []
        for name in names:
            if name not in table.header:
                self.error(path + ("data",), f"`{table.name}` has no column `{name}`"
                           f"{suggest(name, table.header)} (columns: "
                           f"{', '.join(table.header)})")
                return None
            found.append(table.header.index(name))
        return found

    def read(self, name: str, path: tuple) -> CsvTable | None:
        """The CSV file named by a `data:` key (relative to the outline), or None after an
        error at that key."""
        if name not in self._files:
            self._files[name] = self._load(name, path)
        return self._files[name]

    def _load(self, name: str, path: tuple) -> CsvTable | None:
        import csv

        shown = os.path.normpath(os.path.join(os.path.dirname(self.smap.file), name))
        if not name.lower().endswith(".csv"):
            self.error(path + ("data",), f"`{name}` is not a CSV file (`data:` takes a .csv)")
            return None
        target = self.files.path(name)  # confined to the outline's folder; no FIFOs, no devices
        if isinstance(target, str):
            self.error(path + ("data",), f"data file `{name}` {target}")
            return None
        try:
            raw = target.read_bytes()
        except OSError as exc:
            self.error(path + ("data",), f"data file `{name}` cannot be read ({exc.strerror})")
            return None
        try:
            text = decode(raw, shown)
        except InputError as exc:  # invalid UTF-8, located in the CSV file
            self.errors.extend(exc.diagnostics)
            return None
        lines = _LINE_BREAK.split(text)  # the breaks csv counts in `line_num`, no others
        # newline="": a quoted cell keeps its line breaks ("New cranes\nand longer hours")
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        records, starts, end = [], [], 0
        try:
            for record in reader:
                start, end = end + 1, reader.line_num
                if any(cell.strip() for cell in record):  # blank lines are skipped
                    records.append([normalise_text(cell) for cell in record])
                    starts.append(start)
        except csv.Error as exc:
            line = reader.line_num
            self.errors.append(Diagnostic(Span(shown, line, 1), f"CSV syntax: {exc}", "error",
                                          lines[line - 1] if line <= len(lines) else ""))
            return None
        if not records:
            self.error(path + ("data",), f"data file `{name}` is empty; it needs a header row "
                       "and at least one row")
            return None
        header = [cell.strip() for cell in records[0]]
        table = CsvTable(shown, header, records[1:], starts[1:], lines, starts[0])
        problems = [table.at(r - 1, k, f"control character U+{ord(bad.group()):04X} in a cell; "
                             "remove it")
                    for r, record in enumerate(records) for k, cell in enumerate(record)
                    if (bad := bad_character(cell))][:20]
        for k, cell in enumerate(header):
            if not cell:
                problems.append(table.at(-1, k, f"column {k + 1} has no name in the header row"))
            elif header.index(cell) != k:
                problems.append(table.at(-1, k, f"column `{cell}` appears twice in the header"))
        for r, row in enumerate(table.rows):
            if len(row) != len(header):
                problems.append(table.at(r, 0, f"this row has {len(row)} cells; the header has "
                                         f"{len(header)}"))
        if not table.rows:
            problems.append(table.at(-1, 0, "the file has a header but no rows"))
        if problems:
            self.errors.extend(problems)
            return None
        return table


def resolve(deck: model.Deck, smap: SourceMap, files: Files
            ) -> tuple[model.Deck, list[Diagnostic]]:
    """The deck with every `data:` replaced by the values it names, and the problems found."""
    resolver = Resolver(smap, files)
    return resolver.deck(deck), resolver.errors


def sort_charts(deck: model.Deck) -> model.Deck:
    """Every chart with `sort:` has its categories ordered by value (the total over its series;
    ties keep the outline's order). Call on a checked deck only."""
    def sort(slide):
        if isinstance(slide, model.ChartSpec) and slide.sort and slide.categories:
            totals = [sum(s.values[i] for s in slide.series) for i in range(len(slide.categories))]
            order = sorted(range(len(totals)), key=totals.__getitem__,
                           reverse=slide.sort == "descending")
            series = [replace(s, values=[s.values[i] for i in order]) for s in slide.series]
            return replace(slide, categories=[slide.categories[i] for i in order], series=series)
        if isinstance(slide, model.TwoColumnSlide):
            return replace(slide, left=sort(slide.left), right=sort(slide.right))
        return slide

    if not any(_has_sort(slide) for section in deck.sections for slide in section.slides):
        return deck
    return replace(deck, sections=[replace(section, slides=[sort(s) for s in section.slides])
                                   for section in deck.sections])


def _has_sort(slide) -> bool:
    if isinstance(slide, model.TwoColumnSlide):
        return _has_sort(slide.left) or _has_sort(slide.right)
    return isinstance(slide, model.ChartSpec) and slide.sort is not None
