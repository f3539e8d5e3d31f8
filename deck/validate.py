"""Loaded data → `Deck`, or every problem with its line and column.

The whole document goes to msgspec, which is fast but stops at the first error; only when it
fails does `typecheck.explain` walk the data to find *every* structural error. Then the checks
msgspec cannot express (lengths that must agree, finite numbers, allowed link schemes, files
that must exist) run on the typed model.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

import msgspec

from . import data, markup, model, slide_checks
from .charttypes import (
    CHART_KINDS,
    MAX_CATEGORIES,
    MAX_VALUE,
    MAX_VALUES,
    MIN_VALUE,
    sci,
    type_name,
)
from .errors import InputError
from .files import Files, fs_name
from .hints import suggest
from .source import Source, SourceMap

MAX_LINK = 2000
LINK_SCHEMES = ("http://", "https://", "mailto:")
MAX_BULLET_DEPTH = 3
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# Fields whose text is shown as written (no inline markup): chart labels, names, paths, formats.
_PLAIN_FIELDS = frozenset({"notes", "categories", "name", "path", "number_format", "type",
                           "language", "output", "theme", "highlight", "align", "alt", "series",
                           "data", "category", "annotations", "axis", "secondary_axis",
                           "x_axis", "color", "marker", "trendline", "category_axis"})


def validate(source: Source, files: Files | None = None) -> model.Deck:
    """Convert and check the outline. Raises InputError listing every problem found."""
    files = files or Files(source.path.parent)
    try:
        deck = model.convert(source.data)
    except msgspec.ValidationError as exc:
        from .typecheck import explain  # only needed when something is wrong

        errors = explain(source.data, model.Deck, source.map, str(exc))
        errors.extend(_check_valid_slides(source, files))
        raise InputError(errors) from None
    deck, errors = data.resolve(deck, source.map, files)
    errors.extend(check_deck(deck, source.map, files))
    if errors:
        raise InputError(errors)
    return data.sort_charts(deck)


def _check_valid_slides(source: Source, files: Files):
    """Run the model checks on each slide that converts on its own, so one broken slide does not
    hide the problems of the others. `files` carries the folders allowed with --allow-outside."""
    root = source.data if isinstance(source.data, dict) else {}
    sections = root.get("sections")
    render = root.get("chart_render") if root.get("chart_render") == "image" else "native"
    resolver = data.Resolver(source.map, files)
    for i, section in enumerate(sections if isinstance(sections, list) else []):
        slides = section.get("slides") if isinstance(section, dict) else None
        for j, raw in enumerate(slides if isinstance(slides, list) else []):
            try:
                slide = msgspec.convert(raw, model.Slide, strict=False)
            except msgspec.ValidationError:
                continue
            path = ("sections", i, "slides", j)
            slide = resolver.slide(slide, path)
            yield from _check_slide(slide, path, source.map, files, render)
            yield from _check_text(slide, path, source.map)
    yield from resolver.errors


# --- checks on the typed model ---------------------------------------------------------

def check_deck(deck: model.Deck, smap: SourceMap, files: Files):
    """Yield a Diagnostic for each problem msgspec's types cannot express."""
    if not _LANG.match(deck.language):
        yield smap.diagnostic(("language",), f"`{deck.language}` is not a language tag "
                              "like `en-US` or `zh-CN`")
    if deck.output is not None:
        if not deck.output.lower().endswith(".pptx"):
            yield smap.diagnostic(("output",), "the output file name must end in `.pptx`")
        base = files.base.resolve()
        try:
            target = (base / fs_name(deck.output)).resolve()
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop; never inside
            target = Path("/")
        if base not in target.parents:
            yield smap.diagnostic(("output",), "`output:` must stay inside the outline's folder "
                                  "(use -o to write elsewhere)")
    if not deck.sections:
        yield smap.diagnostic(("sections",), "an outline needs at least one section")
    yield from _check_text(deck, (), smap)
    for i, section in enumerate(deck.sections):
        if not section.slides:
            yield smap.diagnostic(("sections", i, "slides"), "a section needs at least one slide")
        for j, slide in enumerate(section.slides):
            path = ("sections", i, "slides", j)
            yield from _check_slide(slide, path, smap, files, deck.chart_render)


def _check_slide(slide, path: tuple, smap: SourceMap, files: Files, render: str = "native"):
    if isinstance(slide, model.BulletsSpec):
        if not slide.bullets:
            yield smap.diagnostic(path + ("bullets",), "a bullets slide needs at least one bullet")
        yield from _check_bullet_depth(slide.bullets, path + ("bullets",), 1, smap)
    elif isinstance(slide, model.TableSpec):
        yield from _check_table(slide, path, smap)
    elif isinstance(slide, model.ChartSpec):
        yield from _check_chart(slide, path, smap, render)
    elif isinstance(slide, model.ImageSpec):
        if not slide.alt.strip() and not slide.decorative:
            yield smap.diagnostic(path + ("alt",) if slide.alt else path,
                                  "`alt` must describe the image for people who cannot see it "
                                  "(or mark a picture that adds nothing `decorative: true`)")
        elif slide.alt.strip() and slide.decorative:
            yield smap.diagnostic(path + ("decorative",), "a decorative picture has no alt text "
                                  "(screen readers skip it): drop `alt`, or `decorative: true`")
        found = files.image(slide.path)
        if isinstance(found, str):
            yield smap.diagnostic(path + ("path",), f"image `{slide.path}` {found}")
    elif isinstance(slide, model.TwoColumnSlide):
        yield from _check_slide(slide.left, path + ("left",), smap, files, render)
        yield from _check_slide(slide.right, path + ("right",), smap, files, render)
    elif isinstance(slide, (model.GridSlide, model.TitleSlide)):
        yield from slide_checks.check_arranged(
            slide, path, smap, files,
            lambda spec, at: _check_slide(spec, at, smap, files, render))
    elif isinstance(slide, model.SourcesSlide) and not slide.sources:
        yield smap.diagnostic(path + ("sources",), "a sources slide needs at least one source")


def _check_bullet_depth(bullets, path: tuple, depth: int, smap: SourceMap):
    for k, item in enumerate(bullets):
        if isinstance(item, model.BulletItem) and item.bullets:
            if depth >= MAX_BULLET_DEPTH:
                yield smap.diagnostic(path + (k, "bullets"), f"bullets nest at most "
                                      f"{MAX_BULLET_DEPTH} levels deep")
            else:
                yield from _check_bullet_depth(item.bullets, path + (k, "bullets"), depth + 1, smap)


MAX_COLUMNS = 12  # wider tables cannot be read from the back of a room at ≥ 14 pt
MAX_CELLS = 2000  # LibreOffice needs ~20 s to open a table this size; 10,000 cells take minutes


def _check_table(table: model.TableSpec, path: tuple, smap: SourceMap):
    n = len(table.columns)
    if table.data is not None and (n == 0 or not table.rows):
        return  # the file could not be read: reported by data.resolve
    if n > MAX_COLUMNS:
        yield smap.diagnostic(path + ("columns",), f"a table has at most {MAX_COLUMNS} columns "
                              f"(this one has {n}); split it or move detail to an appendix")
    cells = n * (len(table.rows) + 1)
    if cells > MAX_CELLS:
        yield smap.diagnostic(path + ("rows",), f"a table has at most {MAX_CELLS} cells "
                              f"(this one has {cells}); split it over several tables")
    if n == 0:
        yield smap.diagnostic(path + ("columns",), "a table needs `columns` (or `data:` with a "
                              "CSV file)")
    if not table.rows:
        yield smap.diagnostic(path + ("rows",), "a table needs at least one row")
    for r, row in enumerate(table.rows):
        if n and len(row) != n:
            cells = f"{len(row)} cell" + ("" if len(row) == 1 else "s")
            yield smap.diagnostic(path + ("rows", r), f"row {r + 1} has {cells}; the table has "
                                  f"{n} columns (use `null` for an empty cell)")
    if table.align is not None and len(table.align) != n:
        yield smap.diagnostic(path + ("align",), f"`align` has {len(table.align)} entries; "
                              f"the table has {n} columns")


def _check_chart(chart: model.ChartSpec, path: tuple, smap: SourceMap, render: str = "native"):
    """Every problem of one chart; `render` is the deck's default for charts without one."""
    from . import chart_checks, numfmt  # imported by the first chart (issue 17)

    if any(isinstance(s, str) or isinstance(s.values, str) or isinstance(s.x, str)
           for s in chart.series):
        return  # column names whose `data:` could not be read: reported by data.resolve
    kind = CHART_KINDS[chart.type]
    name = type_name(chart.type).lower()
    yield from _check_chart_data(chart, kind, name, path, smap)
    yield from _check_chart_options(chart, kind, name, path, smap)
    axes = [("axis", chart.axis)]
    for field, owner, what in (("secondary_axis", "combo", "a secondary axis (for their line)"),
                               ("x_axis", "scatter", "an x value axis")):
        if getattr(chart, field) != model.Axis():
            if chart.type != owner:
                yield smap.diagnostic(path + (field,), f"only {owner} charts have {what}")
            axes.append((field, getattr(chart, field)))
    for field, axis in axes:
        for key in ("min", "max"):
            value = getattr(axis, key)
            if value is not None and not math.isfinite(value):
                yield smap.diagnostic(path + (field, key), f"`{value}` is not a finite number")
            elif value is not None and abs(value) > MAX_VALUE:
                yield smap.diagnostic(path + (field, key), "axis bound too large to chart "
                                      f"(> {sci(MAX_VALUE)})")
        if axis.min is not None and axis.max is not None and axis.min >= axis.max:
            yield smap.diagnostic(path + (field,), f"axis min ({axis.min:g}) must be below "
                                  f"max ({axis.max:g})")
        if (axis.min is not None and axis.min > 0 and not chart.labels and kind.categories
                and kind.family != "dot"):  # a dot's place is read, not a bar's length
            yield smap.diagnostic(path + (field, "min"), "a value axis that does not start at "
                                  "zero exaggerates differences; turn `data_labels` on to show "
                                  "the real values")
    if not kind.axes and chart.axis != model.Axis():
        yield smap.diagnostic(path + ("axis",), f"a {name} chart has no value axis")
    if not kind.axes and chart.gridlines is not None:
        yield smap.diagnostic(path + ("gridlines",), f"a {name} chart has no gridlines")
    image = (chart.render or render) == "image"
    for a, note in enumerate(chart.annotations):
        if not image:
            yield smap.diagnostic(path + ("annotations",), "annotations are drawn on image "
                                  "charts only: add `render: image`")
            break
        if note.category not in chart.categories:
            yield smap.diagnostic(path + ("annotations", a, "category"), f"annotation category "
                                  f"`{note.category}` is not a category"
                                  f"{suggest(note.category, chart.categories)}")
        if not note.text.strip():
            yield smap.diagnostic(path + ("annotations", a, "text"), "annotation text is empty")
    formats = [(("number_format",), chart.number_format)] + [
        ((field, "number_format"), getattr(chart, field).number_format)
        for field in ("axis", "secondary_axis", "x_axis")]
    for where, fmt in formats:
        problem = numfmt.check(fmt) if fmt is not None else None
        if problem:
            yield smap.diagnostic(path + where, problem)
    if chart.alt is not None and not chart.alt.strip():
        yield smap.diagnostic(path + ("alt",), "`alt` must describe the chart for people who "
                              "cannot see it (leave it out to have it generated from the data)")
    yield from chart_checks.check_chart(chart, kind, name, path, smap)


def _check_chart_data(chart: model.ChartSpec, kind, name: str, path: tuple, smap: SourceMap):
    """Categories, series and values: lengths agree, numbers are finite and fit the type."""
    n = len(chart.categories)
    if not chart.series:
        yield smap.diagnostic(path + ("series",), "a chart needs at least one series")
    elif len(chart.series) < kind.min_series:
        yield smap.diagnostic(path + ("series",), f"a {name} chart needs at least "
                              f"{kind.min_series} series: columns, then the last one as a line")
    elif kind.max_series and len(chart.series) > kind.max_series:
        yield smap.diagnostic(path + ("series",), f"a {name} chart shows one series; "
                              f"this one has {len(chart.series)}")
    if kind.categories and n == 0:
        yield smap.diagnostic(path, "a chart needs `categories` (or `data:` and `category:`)")
    if not kind.categories and n:
        yield smap.diagnostic(path + ("categories",), f"{name} charts have no categories; "
                              "each series has `x` values")
    points = max([n, *(len(s.values) for s in chart.series)])
    if points > MAX_CATEGORIES:  # before anything costs time in proportion to n²
        what = "categories" if points == n else "values in one series"
        yield smap.diagnostic(path + ("data" if chart.data else "categories" if n else "series",),
                              f"a chart has at most {MAX_CATEGORIES:,} {what} (this one has "
                              f"{points:,}): more than a slide has pixels for; sum or sample "
                              "the data, or split it over several charts")
        return
    if sum(len(s.values) for s in chart.series) > MAX_VALUES:
        yield smap.diagnostic(path + ("data" if chart.data else "series",), f"a chart has at "
                              f"most {MAX_VALUES:,} values, all series together (this one has "
                              f"{sum(len(s.values) for s in chart.series):,}); use fewer series")
        return
    if len(set(chart.categories)) != n:
        dup = next(c for c, k in Counter(chart.categories).items() if k > 1)
        yield smap.diagnostic(path + ("categories",), f"category `{dup}` appears twice")
    no_negatives = kind.family == "pie" or kind.grouping == "percent"
    for s, series in enumerate(chart.series):
        spath = path + ("series", s)
        if kind.categories and n and len(series.values) != n:
            yield smap.diagnostic(spath + ("values",), f"series `{series.name}` has "
                                  f"{len(series.values)} values for {n} categories")
        for v, value in enumerate(series.values):
            if not math.isfinite(value):
                yield smap.diagnostic(spath + ("values", v), f"`{value}` is not a finite number")
            elif abs(value) > 1e15:
                yield smap.diagnostic(spath + ("values", v), "value too large to chart (> 1e15)")
            elif value and abs(value) < MIN_VALUE:
                yield smap.diagnostic(spath + ("values", v), f"value too small to chart (not 0, "
                                      f"but closer to it than {sci(MIN_VALUE)}); write 0")
            elif value < 0 and no_negatives:
                yield smap.diagnostic(spath + ("values", v), f"a {name} chart cannot "
                                      f"show the negative value {value:g}")
        if kind.family == "pie" and series.values and all(math.isfinite(v) for v in
                                                          series.values):
            if not any(v > 0 for v in series.values):
                yield smap.diagnostic(spath + ("values",), f"a {name} chart needs a value above "
                                      "zero: its slices are shares of the total, and these "
                                      "values add up to 0")
        if not kind.categories:
            if not series.values:
                yield smap.diagnostic(spath + ("values",), f"scatter series `{series.name}` "
                                      "has no values; give it at least one point")
            if series.x is None:
                yield smap.diagnostic(spath, f"scatter series `{series.name}` needs `x` values")
            elif len(series.x) != len(series.values):
                yield smap.diagnostic(spath + ("x",), f"series `{series.name}` has "
                                      f"{len(series.x)} x values for {len(series.values)} values")
            else:
                for v, value in enumerate(series.x):
                    if not math.isfinite(value):
                        yield smap.diagnostic(spath + ("x", v), f"`{value}` is not a finite number")
        elif series.x is not None:
            yield smap.diagnostic(spath + ("x",), "`x` values belong to scatter charts only")


def _check_chart_options(chart: model.ChartSpec, kind, name: str, path: tuple, smap: SourceMap):
    """Options the chart's type does not allow (`charttypes.CHART_KINDS` says which)."""
    if chart.type == "scatter" and chart.data_labels:
        yield smap.diagnostic(path + ("data_labels",), "scatter charts draw no data labels; "
                              "read the values off the axes (remove `data_labels`)")
    if chart.label_position is not None:
        allowed = kind.label_positions
        if not chart.labels:
            yield smap.diagnostic(path + ("label_position",), "`label_position` needs data "
                                  "labels; remove it or set `data_labels: true`")
        elif not allowed:
            yield smap.diagnostic(path + ("label_position",), f"a {name} chart takes no label "
                                  "position (PowerPoint would repair the file); remove it")
        elif chart.label_position not in allowed:
            yield smap.diagnostic(path + ("label_position",), f"`{chart.label_position}` is not "
                                  f"a label position of {name} charts (PowerPoint would repair "
                                  f"the file); use one of: {', '.join(allowed)}")
    if chart.highlight:
        if chart.type == "scatter":
            yield smap.diagnostic(path + ("highlight",), "scatter charts have no categories to "
                                  "highlight; use a separate series instead")
        elif not kind.highlight:
            yield smap.diagnostic(path + ("highlight",), f"a {name} chart cannot highlight "
                                  "categories (its series colours tell them apart); use a bar, "
                                  "column, line, pie or doughnut chart")
        elif len(chart.series) > 1:
            yield smap.diagnostic(path + ("highlight",), "highlight colours the categories of "
                                  f"one series; this chart has {len(chart.series)}")
        else:
            for h, category in enumerate(chart.highlight):
                if category not in chart.categories:
                    yield smap.diagnostic(path + ("highlight", h), f"highlight `{category}` is "
                                          f"not a category{suggest(category, chart.categories)}")
    if not chart.markers and not kind.markers:
        yield smap.diagnostic(path + ("markers",), "`markers` applies to line and combo charts")
    if chart.sort is not None and not kind.sort:
        why = ("its categories are an order, such as time" if kind.family in ("line", "area",
               "combo") else "it has no categories" if not kind.categories else
               "its stacks add up to 100% each")
        yield smap.diagnostic(path + ("sort",), f"a {name} chart cannot be sorted: {why}")


def _check_text(obj, path: tuple, smap: SourceMap):
    """Check the links in every markup text field of a model object, recursively."""
    if isinstance(obj, msgspec.Struct):
        for name in obj.__struct_fields__:
            if name not in _PLAIN_FIELDS:
                yield from _check_text(getattr(obj, name), path + (name,), smap)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _check_text(item, path + (i,), smap)
    elif isinstance(obj, str) and "](" in obj:
        for url in markup.links(obj):
            if len(url) > MAX_LINK:
                yield smap.diagnostic(path, f"link is {len(url)} characters long; the limit is "
                                      f"{MAX_LINK} (PowerPoint repairs files with longer ones)")
            elif not url.lower().startswith(LINK_SCHEMES):
                scheme = url.split(":", 1)[0] + ":" if ":" in url else url or "an empty link"
                yield smap.diagnostic(path, f"link `{url[:60]}` is not allowed: only http, https "
                                      f"and mailto links are written (got `{scheme[:20]}`)")
