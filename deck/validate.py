"""Loaded data → `Deck`, or every problem with its line and column.

The whole document goes to msgspec, which is fast but stops at the first error; only when it
fails does `typecheck.explain` walk the data to find *every* structural error. Then the checks
msgspec cannot express (lengths that must agree, finite numbers, allowed link schemes, files
that must exist) run on the typed model.
"""

from __future__ import annotations

import math
import re

import msgspec

from . import markup, model
from .errors import InputError
from .files import Files
from .source import Source, SourceMap

MAX_LINK = 2000
LINK_SCHEMES = ("http://", "https://", "mailto:")
MAX_BULLET_DEPTH = 3
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# Fields whose text is shown as written (no inline markup): chart labels, names, paths, formats.
_PLAIN_FIELDS = frozenset({"notes", "categories", "name", "path", "number_format", "type",
                           "language", "output", "theme", "highlight", "align", "alt"})


def validate(source: Source, files: Files | None = None) -> model.Deck:
    """Convert and check the outline. Raises InputError listing every problem found."""
    try:
        deck = model.convert(source.data)
    except msgspec.ValidationError as exc:
        from .typecheck import explain  # only needed when something is wrong

        errors = explain(source.data, model.Deck, source.map, str(exc))
        errors.extend(_check_valid_slides(source))
        raise InputError(errors) from None
    files = files or Files(source.path.parent)
    errors = list(check_deck(deck, source.map, files))
    if errors:
        raise InputError(errors)
    return deck


def suggest(word: str, choices) -> str:
    """"; did you mean `x`?" for the closest choice, or ""."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def _check_valid_slides(source: Source):
    """Run the model checks on each slide that converts on its own, so one broken slide does not
    hide the problems of the others."""
    sections = source.data.get("sections") if isinstance(source.data, dict) else None
    for i, section in enumerate(sections if isinstance(sections, list) else []):
        slides = section.get("slides") if isinstance(section, dict) else None
        for j, data in enumerate(slides if isinstance(slides, list) else []):
            try:
                slide = msgspec.convert(data, model.Slide, strict=False)
            except msgspec.ValidationError:
                continue
            path = ("sections", i, "slides", j)
            yield from _check_slide(slide, path, source.map, Files(source.path.parent))
            yield from _check_text(slide, path, source.map)


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
        target = (base / deck.output).resolve()
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
            yield from _check_slide(slide, path, smap, files)


def _check_slide(slide, path: tuple, smap: SourceMap, files: Files):
    if isinstance(slide, model.BulletsSpec):
        if not slide.bullets:
            yield smap.diagnostic(path + ("bullets",), "a bullets slide needs at least one bullet")
        yield from _check_bullet_depth(slide.bullets, path + ("bullets",), 1, smap)
    elif isinstance(slide, model.TableSpec):
        yield from _check_table(slide, path, smap)
    elif isinstance(slide, model.ChartSpec):
        yield from _check_chart(slide, path, smap)
    elif isinstance(slide, model.ImageSpec):
        if not slide.alt.strip():
            yield smap.diagnostic(path + ("alt",), "`alt` must describe the image for people "
                                  "who cannot see it")
        found = files.image(slide.path)
        if isinstance(found, str):
            yield smap.diagnostic(path + ("path",), f"image `{slide.path}` {found}")
    elif isinstance(slide, model.TwoColumnSlide):
        yield from _check_slide(slide.left, path + ("left",), smap, files)
        yield from _check_slide(slide.right, path + ("right",), smap, files)
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
    if n > MAX_COLUMNS:
        yield smap.diagnostic(path + ("columns",), f"a table has at most {MAX_COLUMNS} columns "
                              f"(this one has {n}); split it or move detail to an appendix")
    cells = n * (len(table.rows) + 1)
    if cells > MAX_CELLS:
        yield smap.diagnostic(path + ("rows",), f"a table has at most {MAX_CELLS} cells "
                              f"(this one has {cells}); split it over several tables")
    if n == 0:
        yield smap.diagnostic(path + ("columns",), "a table needs at least one column")
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


def _check_chart(chart: model.ChartSpec, path: tuple, smap: SourceMap):
    n = len(chart.categories)
    scatter = chart.type == "scatter"
    if not chart.series:
        yield smap.diagnostic(path + ("series",), "a chart needs at least one series")
    if not scatter and n == 0:
        yield smap.diagnostic(path, "a chart needs `categories`")
    if len(set(chart.categories)) != n:
        dup = next(c for c in chart.categories if chart.categories.count(c) > 1)
        yield smap.diagnostic(path + ("categories",), f"category `{dup}` appears twice")
    if chart.type in ("pie", "doughnut") and len(chart.series) > 1:
        yield smap.diagnostic(path + ("series",), f"a {chart.type} chart shows one series; "
                              f"this one has {len(chart.series)}")
    for s, series in enumerate(chart.series):
        spath = path + ("series", s)
        if not scatter and n and len(series.values) != n:
            yield smap.diagnostic(spath + ("values",), f"series `{series.name}` has "
                                  f"{len(series.values)} values for {n} categories")
        for v, value in enumerate(series.values):
            if not math.isfinite(value):
                yield smap.diagnostic(spath + ("values", v), f"`{value}` is not a finite number")
            elif abs(value) > 1e15:
                yield smap.diagnostic(spath + ("values", v), "value too large to chart (> 1e15)")
            elif value < 0 and chart.type in ("pie", "doughnut"):
                yield smap.diagnostic(spath + ("values", v), f"a {chart.type} chart cannot "
                                      f"show the negative value {value:g}")
        if scatter:
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
    if scatter and chart.data_labels:
        yield smap.diagnostic(path + ("data_labels",), "scatter charts draw no data labels; "
                              "read the values off the axes (remove `data_labels`)")
    if scatter and chart.highlight:
        yield smap.diagnostic(path + ("highlight",), "scatter charts have no categories to "
                              "highlight; use a separate series instead")
    for h, name in enumerate([] if scatter else chart.highlight):
        if name not in chart.categories:
            yield smap.diagnostic(path + ("highlight", h), f"highlight `{name}` is not a "
                                  f"category{suggest(name, chart.categories)}")
    axis = chart.axis
    for key in ("min", "max"):
        value = getattr(axis, key)
        if value is not None and not math.isfinite(value):
            yield smap.diagnostic(path + ("axis", key), f"`{value}` is not a finite number")
    if axis.min is not None and axis.max is not None and axis.min >= axis.max:
        yield smap.diagnostic(path + ("axis",), f"axis min ({axis.min:g}) must be below "
                              f"max ({axis.max:g})")
    if axis.min is not None and axis.min > 0 and not chart.labels and not scatter:
        yield smap.diagnostic(path + ("axis", "min"), "a value axis that does not start at "
                              "zero exaggerates differences; turn `data_labels` on to show "
                              "the real values")
    if chart.type in ("pie", "doughnut") and axis != model.Axis():
        yield smap.diagnostic(path + ("axis",), f"a {chart.type} chart has no value axis")


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
