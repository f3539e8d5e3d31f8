"""Loops and `vars:`: the outline expanded, one slide or section per row of data.

Runs between loading and validation, on plain data: a section or slide with `each:` becomes
one copy per row, its `{{ … }}` templates filled in (deck/templating.py), and the SourceMap is
carried over so every copy's values keep their line and column in the outline. A chart or
table whose `data:` is a mapping (`{from: monthly.csv, where: "region == row.region"}`) gets
its categories and series (or rows) from the matching records. Renderers never see any of it.

A problem with a value is reported twice: at the data file's row and column, then at the
template in the outline (`regions.csv:14:3: error: …` then `outline.yaml:9:14: note: …`).
"""

from __future__ import annotations

from .errors import Diagnostic, InputError
from .files import Files
from .hints import suggest
from .source import Source, SourceMap, bad_character

MAX_SLIDES = 5_000  # slides (and sections) loops may make in one outline
MAX_ERRORS = 20
EACH_KEYS = ("from", "sheet", "path", "where", "sort", "limit")


class LoopError(InputError):
    """An InputError whose diagnostics stay in the order given: an error, then its note."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(diagnostics)
        self.diagnostics = list(diagnostics)


def needed(data: dict, variables: dict | None = None) -> bool:
    """Whether the outline uses loops, `vars:` or filtered `data:` (or a batch gives values)."""
    if variables or "vars" in data:
        return True
    sections = data.get("sections")
    for section in sections if isinstance(sections, list) else ():
        if not isinstance(section, dict):
            continue
        if "each" in section:
            return True
        slides = section.get("slides")
        for slide in slides if isinstance(slides, list) else ():
            if isinstance(slide, dict) and ("each" in slide or isinstance(slide.get("data"),
                                                                          dict)):
                return True
    return False


def expand(source: Source, files: Files, variables: dict | None = None) -> Source:
    """The outline with its loops expanded and templates filled in (unchanged when it has
    none). `variables` (a batch row) are usable everywhere and win over `vars:`.
    Raises LoopError, located in the data file and the outline."""
    if not isinstance(source.data, dict) or not needed(source.data, variables):
        return source
    return _Expander(source, files).run(variables or {})


class _Stop(Exception):
    """Too many errors: stop looking."""


class _Expander:
    def __init__(self, source: Source, files: Files):
        from . import templating

        templating.environment()  # jinja2 missing: say so before anything else
        self.t = templating
        self.source, self.smap, self.files = source, source.map, files
        self.map = SourceMap(source.map.file, source.map.lines)
        self.errors: list[Diagnostic] = []
        self.made = 0
        self._rows: dict[tuple, object] = {}

    def run(self, variables: dict) -> Source:
        data = self.source.data
        context = {}
        given = data.get("vars")
        if given is not None and not isinstance(given, dict):
            self.error(("vars",), "`vars:` is a mapping of names to values")
        elif given:
            context.update(given)
        context.update(variables)
        out = {}
        try:
            for key, value in data.items():
                if key == "vars":
                    continue
                self._key((key,), (key,))
                if key == "sections" and isinstance(value, list):
                    out[key] = self.items(value, ("sections",), ("sections",), context, None,
                                          "section")
                else:
                    out[key] = self.copy(value, (key,), (key,), context, None)
        except _Stop:
            pass
        if self.errors:
            raise LoopError(self.errors)
        self.map.values[()] = self.smap.values.get((), (1, 1))
        return Source(self.source.path, out, self.map)

    # --- errors ---------------------------------------------------------------------------

    def error(self, path: tuple, message: str, cell: tuple | None = None) -> None:
        """An error at `path` in the outline; with `cell` (rows, record, column) first at the
        data file's cell, then a note at the outline."""
        if cell is not None:
            rows, index, column = cell
            self.errors.append(rows.diagnostic(index, column, message))
            self.errors.append(self.smap.diagnostic(path, "the template that used it",
                                                    severity="note"))
        else:
            self.errors.append(self.smap.diagnostic(path, message))
        if len(self.errors) >= MAX_ERRORS:
            raise _Stop

    def _key(self, old: tuple, new: tuple) -> None:
        if old in self.smap.keys:
            self.map.keys[new] = self.smap.keys[old]

    # --- copying with templates -----------------------------------------------------------

    def copy(self, value, old: tuple, new: tuple, context: dict, at):
        """`value` (at `old` in the outline) copied to `new`, templates filled in."""
        if old in self.smap.values:
            self.map.values[new] = self.smap.values[old]
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                self._key(old + (key,), new + (key,))
                if key == "slides" and isinstance(item, list):
                    out[key] = self.items(item, old + (key,), new + (key,), context, at, "slide")
                else:
                    out[key] = self.copy(item, old + (key,), new + (key,), context, at)
            if isinstance(out.get("data"), dict) and out.get("kind") in ("chart", "table"):
                self.filtered(out, old, new, context, at)
            return out
        if isinstance(value, list):
            return [self.copy(item, old + (i,), new + (i,), context, at)
                    for i, item in enumerate(value)]
        if isinstance(value, str) and self.t.is_template(value):
            return self.fill(value, old, context, at)
        return value

    def fill(self, text: str, old: tuple, context: dict, at):
        """One template rendered, or None after a located error."""
        from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

        try:
            result = self.t.render(text, context)
        except self.t.Refused as exc:
            cell = exc.at
            message = f"column `{cell[2]}`: {exc}" if cell else str(exc)
            self.error(old, message, cell)
            return None
        except UndefinedError as exc:
            self.error(old, self._undefined(str(exc), context), self._row_cell(at))
            return None
        except SecurityError as exc:
            self.error(old, f"not allowed in a template: {exc}")
            return None
        except TemplateSyntaxError as exc:
            self.error(old, f"template syntax: {exc.message}")
            return None
        except Exception as exc:  # a template's own failure: 1/0, int('x'), …
            self.error(old, f"template error: {type(exc).__name__}: {exc}", self._row_cell(at))
            return None
        for text_ in _texts(result):
            bad = bad_character(text_)
            if bad:
                self.error(old, f"the template makes the control character "
                           f"U+{ord(bad.group()):04X}", self._row_cell(at))
                return None
        return result

    @staticmethod
    def _row_cell(at):
        return (at[0], at[1], None) if at else None

    @staticmethod
    def _undefined(message: str, context: dict) -> str:
        import re

        found = re.search(r"'([^']+)' is undefined", message)
        if not found:
            return f"template: {message}"
        name = found.group(1)
        names = sorted(k for k in context if isinstance(k, str))
        return (f"`{name}` is not defined{suggest(name, names)} (names here: "
                f"{', '.join(names[:20]) or 'none'})")

    # --- loops ----------------------------------------------------------------------------

    def items(self, items: list, old: tuple, new: tuple, context: dict, at, kind: str) -> list:
        """Sections or slides, each with `each:` made once per row."""
        out = []
        for i, item in enumerate(items):
            if not (isinstance(item, dict) and "each" in item):
                out.append(self.copy(item, old + (i,), new + (len(out),), context, at))
                continue
            records = self.records(item["each"], old + (i, "each"), context, at)
            for n, (record, row_at) in enumerate(records):
                self.made += 1
                if self.made > MAX_SLIDES:
                    self.error(old + (i, "each"), f"loops make more than {MAX_SLIDES} slides "
                               "and sections")
                    raise _Stop
                inner = {**context, "index": n + 1, "row": record, **record}
                body = {k: v for k, v in item.items() if k != "each"}
                out.append(self.copy(body, old + (i,), new + (len(out),), inner, row_at))
        return out

    def records(self, spec, path: tuple, context: dict, at) -> list[tuple[dict, tuple]]:
        """The (record, (rows, index)) pairs an `each:` (or filtered `data:`) names, after
        `where:`, `sort:` and `limit:`."""
        spec = self.copy(spec, path, ("each",), context, at)  # its own templates first
        options = {}
        if isinstance(spec, dict):
            for key in spec:
                if key not in EACH_KEYS:
                    self.error(path + (key,), f"unknown key `{key}`{suggest(key, EACH_KEYS)} "
                               f"(allowed: {', '.join(EACH_KEYS)})")
            options, spec = spec, spec.get("from")
            if spec is None:
                self.error(path, "name the data with `from:` (a .csv, .json or .xlsx file, "
                           "or a list)")
                return []
        rows = self.rows(spec, path + (("from",) if options else ()), options)
        if rows is None:
            return []
        chosen = list(range(len(rows.records)))
        where = options.get("where")
        if where:
            kept = []
            for i in chosen:
                verdict = self.where(where, rows, i, path, context)
                if verdict is None:  # the expression failed: once is enough to say so
                    return []
                if verdict:
                    kept.append(i)
            chosen = kept
        sort = options.get("sort")
        if sort:
            chosen = self.sort(sort, rows, chosen, path + ("sort",))
        limit = options.get("limit")
        if limit is not None:
            try:
                count = int(str(limit))
                if count < 0:
                    raise ValueError
                chosen = chosen[:count]
            except ValueError:
                self.error(path + ("limit",), f"`limit` is a whole number ≥ 0, not `{limit}`")
        return [(rows.records[i], (rows, i)) for i in chosen]

    def rows(self, spec, path: tuple, options: dict):
        from . import rows as data_rows

        try:
            if isinstance(spec, list):
                return data_rows.from_records(
                    self.smap.file, spec,
                    lambda i, column, message: self.smap.diagnostic(
                        path + ((i, column) if column else (i,)), message),
                    lambda i: self.smap.diagnostic(path + (i,), "a row is a mapping of "
                                                   "column: value, or one value"))
            if not isinstance(spec, str) or not spec.strip():
                self.error(path, "the data is a .csv, .json or .xlsx file, or a list of rows")
                return None
            key = (spec, options.get("sheet"), options.get("path"))
            if key not in self._rows:
                self._rows[key] = data_rows.read(spec, self.smap, self.files, path,
                                                 sheet=options.get("sheet"),
                                                 json_path=options.get("path"))
            return self._rows[key]
        except InputError as exc:
            self.errors.extend(exc.diagnostics)
            if len(self.errors) >= MAX_ERRORS:
                raise _Stop from None
            return None

    def where(self, expression: str, rows, index: int, path: tuple, context: dict
              ) -> bool | None:
        """Whether record `index` passes `where:`; None after a located error."""
        record = rows.records[index]
        try:
            return self.t.test(str(expression), {**context, **record, "record": record})
        except Exception as exc:
            from jinja2.exceptions import UndefinedError

            message = (self._undefined(str(exc), {**context, **record})
                       if isinstance(exc, UndefinedError) else
                       f"`where:` {type(exc).__name__}: {exc}")
            cell = getattr(exc, "at", None) or (rows, index, None)
            self.error(path + ("where",), message, cell)
            return None

    def sort(self, sort, rows, chosen: list[int], path: tuple) -> list[int]:
        keys = sort if isinstance(sort, list) else [sort]
        for key in reversed([str(k) for k in keys]):
            column, reverse = key.removeprefix("-").strip(), key.startswith("-")
            if column not in rows.columns:
                self.error(path, f"no column `{column}` to sort by{suggest(column, rows.columns)}"
                           f" (columns: {', '.join(rows.columns)})")
                return chosen
            values = [rows.records[i].get(column) for i in chosen]
            try:
                numbers = [self.t.to_number(v) for v in values]
                chosen = [i for _, i in sorted(zip(numbers, chosen), key=lambda p: p[0],
                                               reverse=reverse)]
            except self.t.Refused:  # not all numbers: by text
                texts = ["" if v is None else str(v).casefold() for v in values]
                chosen = [i for _, i in sorted(zip(texts, chosen), key=lambda p: p[0],
                                               reverse=reverse)]
        return chosen

    # --- charts and tables filtered by the row --------------------------------------------

    def filtered(self, slide: dict, old: tuple, new: tuple, context: dict, at) -> None:
        """A chart's or table's `data: {from: …, where: …}` replaced by the values it picks."""
        spec = slide.pop("data")
        records = self.records(spec, old + ("data",), context, at)
        where = self.smap.values.get(old + ("data",))
        if slide.get("kind") == "table":
            columns = slide.get("columns") or (records[0][1][0].columns if records else [])
            slide["columns"] = columns
            slide["rows"] = [[self.t.plain(r.get(c)) for c in columns] for r, _ in records]
            for key in ("columns", "rows"):
                if where:
                    self.map.values[new + (key,)] = where
            return
        category, names = slide.pop("category", None), slide.get("series") or []
        if category is None or not all(isinstance(n, str) for n in names):
            self.error(old + ("data",), "a chart with `data: {from: …}` names its `category:` "
                       "column and its `series:` columns")
            return
        slide["categories"] = [self.t.plain(r.get(category)) for r, _ in records]
        series = []
        for name in names:
            values = []
            for record, (rows, index) in records:
                try:
                    values.append(self.t.plain(self.t.to_number(record.get(name))))
                except self.t.Refused as exc:
                    self.error(old + ("data",), f"column `{name}`: {exc}", (rows, index, name))
                    values.append("0")
            series.append({"name": name, "values": values})
        slide["series"] = series
        for key in ("categories", "series"):
            if where:
                self.map.values[new + (key,)] = where


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
