"""The reader's content blocks (tables, native charts, pictures) and foreign slides.

A chart's options are written only where they differ from what the outline would get by
default, so our own decks read back into the outline they came from.
"""

from __future__ import annotations

import math

from . import markup, model, numfmt
from .charttypes import CHART_KINDS, legend_position
from .layout.blocks import chart_alt_text
from .layout.table import EMPTY_CELL, column_align
from .reader import (
    CHART_NAMES,
    LEGEND,
    _bullets,
    _merge,
    _paras,
    _Read,
    _text,
    to_markup,
)

FLIP = {"left": "right", "right": "left", "center": "center"}
PICTURE = 13  # MSO_SHAPE_TYPE.PICTURE
LONG_COLUMNS = 400  # characters of text in two columns: more reads as one list, which continues
LONG_TITLE = 70  # characters: the lint's long-title limit; two lines hold about this much
GRAPHIC = 7  # MSO_SHAPE_TYPE.CHART is 3, TABLE 19; groups 6, media 16, SmartArt via graphic


def table_block(shape, warn, rtl: bool = False) -> dict:
    """A table: header row → columns (its bold is the header's own), the rest → rows. In a
    mirrored deck (`rtl`) the columns run right to left and their alignment is flipped."""
    from .render.oxml import read as rx

    rows = []
    aligns = []
    for r, bodies in enumerate(rx.cell_bodies(shape.table)):
        row = []
        for body in bodies:
            paras = rx.paragraphs(body, shape.part)
            text = "\n\n".join(to_markup(_merge(p.runs, base_bold=r == 0), warn, "table")
                               for p in paras)
            if r == 0:
                aligns.append(paras[0].align if paras and paras[0].align else "left")
            row.append(None if r and text in (EMPTY_CELL, "") else text)
        rows.append(row[::-1] if rtl else row)
    if rtl:
        aligns = [FLIP[a] for a in aligns[::-1]]
    if not rows:
        return {"columns": [], "rows": []}
    columns = [c or "" for c in rows[0]]
    spec = {"columns": columns, "rows": rows[1:]}
    default = column_align(model.TableSpec(columns=columns, rows=rows[1:]))
    if tuple(aligns) != default:
        spec["align"] = aligns
    return spec


def _chart_type(shape, data) -> str | None:
    if shape.name in CHART_NAMES:
        return CHART_NAMES[shape.name]
    plots, grouping = data.plots, data.grouping
    if plots == ["barChart", "lineChart"]:
        return "combo"
    first = plots[0] if plots else ""
    if first in ("barChart", "bar3DChart"):
        horizontal = data.bar_dir == "bar"
        if grouping == "percentStacked":
            return "percent_stacked_column" if not horizontal else "stacked_bar"
        if grouping == "stacked":
            return "stacked_bar" if horizontal else "stacked_column"
        return "bar" if horizontal else "column"
    return {"lineChart": "line", "line3DChart": "line", "areaChart": "area",
            "area3DChart": "area", "pieChart": "pie", "pie3DChart": "pie",
            "doughnutChart": "doughnut", "scatterChart": "scatter"}.get(first)


def _number(v: float):
    if v == 0 and math.copysign(1.0, v) < 0:
        return v  # -0.0 stays itself
    return int(v) if float(v).is_integer() and abs(v) < 1e15 else v


def chart_block(shape, accent: tuple | None, warn) -> dict:
    """A native chart: type, categories, series, number format, highlight, the options that
    differ from the type's defaults, and alt text unless it is the generated one. `accent`:
    the theme's (accent, series colours), which tell a highlight from a pie's own colours."""
    from .render.oxml import read as rx

    data = rx.chart_data(shape.chart)
    kind_name = _chart_type(shape, data)
    if kind_name is None:
        warn(f"a chart of a type the outline has no name for ({', '.join(data.plots)}): "
             "read as a column chart")
        kind_name = "column"
    kind = CHART_KINDS[kind_name]
    series = []
    for s in data.series:
        entry = {"name": s.name, "values": [_number(v) for v in s.values]}
        if kind_name == "scatter":
            entry["x"] = [_number(v) for v in s.x or []]
        series.append(entry)
    spec: dict = {"type": kind_name, "series": series}
    if kind.categories:
        spec["categories"] = list(data.categories)
    fmt = next((s.number_format for s in data.series if s.number_format), None) or "General"
    if numfmt.check(fmt) is not None:
        warn(f"number format `{fmt}` is not one the outline supports: General used")
        fmt = "General"
    if fmt != "General":
        spec["number_format"] = fmt
    highlight = _highlight(kind, data, accent)
    if highlight:
        spec["highlight"] = highlight
    probe = model.ChartSpec(type=kind_name, series=[model.Series(**s) for s in series],
                            categories=spec.get("categories", []), number_format=fmt)
    labels = any(s.labels for s in data.series)
    if labels != probe.labels:
        spec["data_labels"] = labels
    if labels and kind.label_positions and kind_name != "combo":
        position = data.series[0].label_position
        if position and position != kind.label_default and position in kind.label_positions:
            spec["label_position"] = position
    if kind_name == "line" and not any(s.marker for s in data.series):
        spec["markers"] = False
    if kind_name == "combo" and not data.series[-1].marker:
        spec["markers"] = False
    probe = model.ChartSpec(type=kind_name, series=probe.series, categories=probe.categories,
                            number_format=fmt, data_labels=spec.get("data_labels"),
                            highlight=highlight)
    if kind.axes:
        _axes(spec, kind_name, kind, data, fmt, probe)
    legend = LEGEND.get(data.legend) if data.legend else "none"
    if legend != (legend_position(probe) or "none"):
        spec["legend"] = legend
    alt = rx.descr(shape)
    final = model.ChartSpec(**_spec_args(spec))
    if alt and alt != chart_alt_text(final):
        spec["alt"] = alt
    return spec


def _spec_args(spec: dict) -> dict:
    out = dict(spec)
    out["series"] = [model.Series(**s) for s in spec["series"]]
    for key in ("axis", "secondary_axis", "x_axis"):
        if key in out:
            out[key] = model.Axis(**out[key])
    return out


def _highlight(kind, data, accent) -> list[str]:
    if not kind.highlight or not data.series or not data.categories:
        return []
    fills = data.series[0].point_fills
    if kind.family == "pie":
        if not accent:
            return []
        hue, series = accent
        cycle = [series[i % len(series)] for i in range(len(data.categories))]
        if [fills.get(i) for i in range(len(data.categories))] == cycle:
            return []  # each slice in its own colour: nothing is highlighted
        picked = [i for i, c in fills.items() if c == hue]
        if len(set(fills.values())) > 2 or not picked:
            return []
    else:
        picked = list(fills)
    return [data.categories[i] for i in sorted(picked) if i < len(data.categories)]


def _axes(spec, kind_name, kind, data, fmt, probe) -> None:
    """axis, secondary_axis (combo) and x_axis (scatter), each only where it differs."""
    axes = data.axes
    if not axes:
        return
    if kind_name == "scatter" and len(axes) >= 2:
        x_ax, y_ax, second = axes[0], axes[1], None
    elif kind_name == "combo" and len(axes) >= 2:
        x_ax, y_ax, second = None, axes[0], axes[1]
    else:
        x_ax, y_ax, second = None, axes[0], None

    def axis(ax, default_fmt) -> dict:
        out = {}
        if ax.min is not None:
            out["min"] = _number(ax.min)
        if ax.max is not None:
            out["max"] = _number(ax.max)
        if ax.title:
            out["title"] = ax.title
        if ax.number_format and ax.number_format != default_fmt:
            out["number_format"] = ax.number_format
        return out

    main_default = "0%" if kind.grouping == "percent" else fmt
    main = axis(y_ax, main_default)
    if kind.grouping == "percent":
        main.pop("number_format", None)
    if main:
        spec["axis"] = main
    if second is not None and (sec := axis(second, fmt)):
        spec["secondary_axis"] = sec
    if x_ax is not None and (xa := axis(x_ax, "General")):
        spec["x_axis"] = xa
    hide = (probe.labels and kind.family == "bar" and kind.grouping != "percent"
            and not main.get("title"))
    if y_ax.gridlines != (not hide):
        spec["gridlines"] = y_ax.gridlines


def picture_block(shape, slide, number, prefix, images, warn):
    """A picture: its bytes written beside the outline; a full-slide picture without alt text
    is the theme's background (None). A picture of one of our image charts stays a picture."""
    from .render.oxml import read as rx

    alt = rx.descr(shape) or ""
    if not alt and shape.left == 0 and shape.top == 0:
        return None
    image = shape.image
    name = f"{prefix}-{number:02d}"
    k = 2
    while f"{name}.{image.ext}" in images and images[f"{name}.{image.ext}"] != image.blob:
        name = f"{prefix}-{number:02d}-{k}"
        k += 1
    images[f"{name}.{image.ext}"] = image.blob
    if shape.name.endswith("chart (image)"):
        warn("an image chart (render: image) reads back as a picture: its data is not in "
             "the file")
    if not alt.strip():
        warn("a picture without alt text: alt set to its file name, please describe it")
        alt = f"{name}.{image.ext}"
    return "image", {"path": f"{name}.{image.ext}", "alt": alt}


# --- foreign slides --------------------------------------------------------------------------

def read_foreign(prs, number, slide, notes, prefix, images, warn) -> _Read:
    """A slide deck did not write: its kind from what it holds."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    title = subtitle = None
    center = False
    bodies, texts, blocks = [], [], []
    for s in _flat(slide.shapes, warn):
        ph = s.placeholder_format.type if s.is_placeholder else None
        if ph in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE):
            # bold as a whole is how our titles look anyway: not markup
            title = " ".join(_text(s, warn, "title", title=True, bold=_all_bold(s)).split())
            center = center or ph == PP_PLACEHOLDER.CENTER_TITLE
        elif ph == PP_PLACEHOLDER.SUBTITLE:
            subtitle = _text(s, warn, "subtitle").strip() or None
        elif ph in (PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE):
            continue
        elif getattr(s, "has_table", False):
            blocks.append((s, "table", _foreign_table(s, warn)))
        elif getattr(s, "has_chart", False):
            blocks.append((s, "chart", chart_block(s, None, warn)))
        elif s.shape_type == PICTURE or (s.is_placeholder and hasattr(s, "image")):
            got = picture_block(s, slide, number, prefix, images, warn)
            if got:
                blocks.append((s, *got))
        elif s.has_text_frame and s.text_frame.text.strip():
            (bodies if ph is not None else texts).append(s)
        elif s.shape_type in (6, 16) or not s.has_text_frame:
            warn(f"`{s.name or 'unnamed'}` (a {_what(s)}) cannot be represented in an outline: "
                 "left out")
    if title and len(markup.plain_text(title)) > LONG_TITLE:
        warn(f"a title of {len(markup.plain_text(title))} characters, longer than a slide "
             "title can be: shortened, the whole title put first in the notes")
        whole = markup.plain_text(title)
        if markup.plain_text(whole, show_links=True) != whole:
            whole = _escape_plain(whole)
        notes = whole + ("\n" + notes if notes else "")
        title = _shorten(title)
    f = {"title": title, "notes": notes}
    if (center or subtitle) and not bodies and not blocks and not texts:
        f.update(subtitle=subtitle, byline=None)
        return _Read(number, "title", f, ours=False)
    for s in bodies + texts:
        items = _bullets(_paras(s), warn, foreign=True)
        if items:
            blocks.append((s, "bullets", {"bullets": items}))
    if len(blocks) == 1 and blocks[0][1] == "bullets" and not bodies and title and \
            len(blocks[0][2]["bullets"]) == 1 and isinstance(blocks[0][2]["bullets"][0], str) \
            and len(blocks[0][2]["bullets"][0]) <= 40:
        f["figure"] = _unbold(blocks[0][2]["bullets"][0])
        return _Read(number, "statement", f, ours=False)
    blocks.sort(key=lambda b: (b[0].left or 0))
    if not blocks:
        if title:
            # a heading slide: a title slide holds up to three lines of it
            f.update(subtitle=None, byline=None)
            return _Read(number, "title", f, ours=False)
        warn("an empty slide: left out")
        return _Read(number, "empty", f, ours=False)
    texts_at = [b for b in blocks if b[1] == "bullets"]
    long = sum(len(markup.plain_text(str(i))) for b in texts_at for i in b[2]["bullets"])
    # many text boxes, or long text in columns (which cannot continue): one list, in order
    if len(texts_at) > 1 and (len(blocks) > 2 or long > LONG_COLUMNS):
        texts_at.sort(key=lambda b: (b[0].top or 0, b[0].left or 0))
        merged = [item for b in texts_at for item in b[2]["bullets"]]
        blocks = [b for b in blocks if b[1] != "bullets"] + [(texts_at[0][0], "bullets",
                                                                 {"bullets": merged})]
        warn(f"{len(texts_at)} text boxes read as one list of bullets")
    if len(blocks) > 2:
        warn(f"{len(blocks)} content blocks, where a slide holds one or two: kept the first "
             "two, left out the rest")
    if len(blocks) == 1:
        f.update(blocks[0][2])
        return _Read(number, blocks[0][1], f, ours=False)
    f["left"], f["right"] = ({"kind": k, **spec} for _s, k, spec in blocks[:2])
    return _Read(number, "two_column", f, ours=False)


def _flat(shapes, warn) -> list:
    """The shapes of a slide, a group's own shapes in its place (read one by one: the grouping
    and its drawing are lost, which is said once per group)."""
    out = []
    for s in shapes:
        if s.shape_type == 6:  # MSO_SHAPE_TYPE.GROUP
            inner = _flat(s.shapes, warn)
            if any(x.has_text_frame and x.text_frame.text.strip() for x in inner):
                warn(f"group `{s.name or 'unnamed'}`: its text read shape by shape, its "
                     "drawing left out")
            out += [x for x in inner if x.has_text_frame or x.shape_type == PICTURE]
        else:
            out.append(s)
    return out


def _all_bold(shape) -> bool:
    runs = [r for p in _paras(shape) for r in p.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def _unbold(text: str) -> str:
    """A figure is bold as a whole on the slide: `**1**` is just `1`."""
    inner = text[2:-2]
    if text.startswith("**") and text.endswith("**") and "**" not in inner and inner:
        return inner
    return text


def _shorten(title: str) -> str:
    """A long title cut at a word before LONG_TITLE characters, with an ellipsis (as plain
    text: markup could be cut in half)."""
    plain = markup.plain_text(title)
    cut = plain[:LONG_TITLE - 10].rsplit(" ", 1)[0]
    return _escape_plain(cut + " …")


def _escape_plain(text: str) -> str:
    return "".join("\\" + c if c in markup.ESCAPABLE else c for c in text)


def _foreign_table(shape, warn) -> dict:
    spec = table_block(shape, warn)
    width = len(spec["columns"])
    rows = [r[:width] + [None] * (width - len(r)) for r in spec["rows"]]
    spec["rows"] = rows
    spec["columns"] = [c or f"Column {k + 1}" for k, c in enumerate(spec["columns"])]
    spec.pop("align", None)
    return spec


def _what(shape) -> str:
    return {6: "group", 16: "media clip"}.get(shape.shape_type, "shape without text")
