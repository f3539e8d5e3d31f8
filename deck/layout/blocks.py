"""Blocks: the content of a body or of one column (chart, picture, table, bullets, text), and
the packing of paragraph groups over continuation slides."""

from __future__ import annotations

from msgspec.structs import replace

from .. import model
from ..charttypes import type_name
from ..plan import Box, ChartShape, PictureShape, TableShape
from ..theme import FontFace, TextStyle
from .frame import Frame, Planner
from .table import dense, table_shapes
from .text import (
    bullet_items,
    candidate_sizes,
    fit_font_size,
    para,
    paragraphs,
    text_height,
)


def block(pl: Planner, spec, frame: Frame, path: tuple, *, box: Box | None = None,
          slot: int = 0, cell: bool = False) -> list:
    """Shapes for one content block inside `box` (default: the frame's body); never continues
    onto another slide. `slot` is the block's column, for the template's placeholders; `cell`:
    a block under a heading or in a grid, which fills no placeholder."""
    box = box or frame.body
    # the only block: may fill a chart/table slot
    alone = frame.columns is None and slot == 0 and not cell

    def slot_for(role: str) -> tuple[int | None, Box]:
        """The template's placeholder for this kind of content, and the box to plan in."""
        found = frame.layout.find(role) if pl.custom and alone else None
        if found is None:
            return None, box
        return found.idx, found.box or box

    def content_slot() -> int | None:
        """The column's content placeholder (PowerPoint's "any content" type), to fill."""
        found = frame.layout.find("body", slot) if pl.custom and not cell else None
        return slot if found is not None and found.kind == "obj" else None

    return _content(pl, spec, frame, path, box, slot, cell, slot_for, content_slot)


def headed_row(pl: Planner, frame: Frame, row: list[tuple], *, grid: bool) -> list:
    """Blocks side by side, each `(spec, box, path, slot)`, under their `title`s as headings:
    every heading of the row given the height of the tallest, so the contents' tops align.
    A block without a title in a row with headings starts under them too."""
    style = replace(pl.s.agenda, bold=True)
    fits = [pl.fit_lines(spec.title, box.w, style, 2, path + ("title",), "block heading")
            if spec.title else None for spec, box, path, _ in row]
    sizes = [f[0] for f in fits if f]
    size = min(sizes) if sizes else 0.0  # one size along the row
    lines = max((f[1] for f in fits if f), default=0)
    head_h = lines * size * style.line + (0.4 * size if lines else 0.0)
    shapes: list = []
    for (spec, box, path, slot), fit in zip(row, fits):
        if fit:
            shapes.append(pl.text(Box(box.x, box.y, box.w, lines * size * style.line),
                                  [para(spec.title)], style, size, pl.p.text, name="Heading"))
        below = Box(box.x, box.y + head_h, box.w, max(box.h - head_h, 1.0))
        shapes += block(pl, replace(spec, title=None), frame, path, box=below, slot=slot,
                        cell=grid or bool(lines))
    return shapes


def _content(pl: Planner, spec, frame: Frame, path: tuple, box: Box, slot: int, cell: bool,
             slot_for, content_slot) -> list:
    s, p = pl.s, pl.p

    if isinstance(spec, model.ChartSpec):
        as_image = (spec.render or pl.deck.chart_render) == "image"
        if as_image:  # what matplotlib would draw as boxes, unjoined or out of order
            from ..glyphs import image_chart_problems  # image charts only

            for where, problem in image_chart_problems(spec, pl.theme.fonts.body):
                pl.warn(path + where, problem)
        idx, area = (None, box) if as_image else slot_for("chart")
        area, source = pl.caption_line(area, spec.source, path + ("source",), "Source")
        label_size, axis_size = s.chart_labels.size, s.chart.size
        if spec.type == "dot":
            label_size, axis_size = dot_label_sizes(spec, area, s.chart, s.chart_labels)
        shape = ChartShape(area, spec, label_size, axis_size,
                           spec.alt or chart_alt_text(spec), as_image, idx,
                           content_slot() if idx is None else None)
        return [shape] + ([source] if source else [])
    if isinstance(spec, model.ImageSpec):
        idx, area = slot_for("picture")
        return image(pl, spec, area, path, idx, content_slot() if idx is None else None)
    if isinstance(spec, model.TableSpec):
        slot_idx, box = slot_for("table")
        box, source = pl.caption_line(box, spec.source, path + ("source",), "Source")
        result = table_shapes(spec, box, s.table, split=False, face=pl.theme.face(s.table))
        if result is None:
            pl.error(path, f"the table does not fit its column even at {s.table.min_size:g} "
                       "pt: give it a slide of its own, which can continue")
            return []
        tables = [replace(t, placeholder=slot_idx,
                          content=content_slot() if slot_idx is None else None)
                  for t in result[0]]
        return tables + ([source] if source else [])
    if isinstance(spec, model.BulletsSpec):
        paras = tuple(q for g in bullet_items(spec.bullets) for q in g)
        style, color, name = s.body, p.accent, "Bullets"
    else:
        paras, style, color, name = paragraphs(spec.text), s.text, None, "Text"
    fit = fit_font_size(paras, box.w, box.h, style, face=pl.theme.face(style))
    if fit is None:
        pl.error(path, f"the text does not fit its column even at {style.min_size:g} pt: "
                   "shorten it or give it a slide of its own")
        return []
    size, h = fit
    if size < style.size:
        pl.warn(path, f"text shrunk from {style.size:g} pt to {size:g} pt")
    in_placeholder = not cell and frame.layout.find("body", slot) is not None
    return [pl.text(Box(box.x, box.y, box.w, box.h if pl.custom else h), paras, style, size,
                    pl.colour(p.text, in_placeholder), role="body" if in_placeholder else "text",
                    slot=slot, bullet_color=color, name=name)]


def image(pl: Planner, spec: model.ImageSpec, box: Box, path: tuple,
          placeholder: int | None = None, content: int | None = None) -> list:
    box, caption = pl.caption_line(box, spec.caption, path + ("caption",), "Caption")
    shapes: list = [caption] if caption else []
    found = pl.files.image(spec.path)
    if isinstance(found, str):  # validation reported it already; keep planning the rest
        pl.error(path + ("path",), f"image `{spec.path}` {found}")
        return []
    file, (w, h) = found
    scale = min(box.w / w, box.h / h)
    pw, ph = w * scale, h * scale
    alt = "" if spec.decorative else spec.alt  # "": marked decorative when drawn
    shapes.insert(0, PictureShape(Box(box.x + (box.w - pw) / 2, box.y, pw, ph), file, alt,
                                  placeholder, content))
    return shapes


def breathe(table: TableShape, room: float) -> TableShape:
    """Give a short table taller rows (up to 40 % more), so it reads as the slide's content
    rather than a strip along its top; text stays vertically centred in each row. A dense
    table (cells of 3 lines or more) is left as it is: air inside its rows would only push it
    down to the footer."""
    extra = min(room - table.box.h, table.box.h * 0.4)
    if extra <= 1 or dense(table.row_heights, table.size, table.line):
        return table
    heights = tuple(h + extra / len(table.row_heights) for h in table.row_heights)
    return replace(table, row_heights=heights,
                   box=Box(table.box.x, table.box.y, table.box.w, sum(heights)))


def pack_groups(groups, body: Box, style: TextStyle, face: FontFace):
    """Paragraph groups → [(groups, size, height)] per slide, all at one size: the largest at
    which the fewest slides suffice. None if one group alone is taller than a slide."""
    best = None
    for size in candidate_sizes(style):
        heights = [text_height(g, body.w, size, style, face=face) for g in groups]
        gaps = [g[0].space_before * size for g in groups]
        if max(heights) > body.h:
            continue
        chunks, current, used = [], [], 0.0
        for g, h, gap in zip(groups, heights, gaps):
            add = h + (gap if current else 0.0)
            if current and used + add > body.h:
                chunks.append((current, used))
                current, used, add = [], 0.0, h
            current.append(g)
            used += add
        chunks.append((current, used))
        if len(chunks) == 1:
            return [(chunks[0][0], size, chunks[0][1])]
        if best is None or len(chunks) < len(best):
            best = [(c, size, u) for c, u in chunks]
    return best


def chart_alt_text(spec: model.ChartSpec) -> str:
    """"Bar chart: Anthropic 1,503; xAI 1,495; …" from the data, for screen readers."""
    from ..numfmt import format_number  # charts only

    kind = type_name(spec.type)
    parts = []
    for series in spec.series:
        if spec.type == "scatter":
            points = "; ".join(f"({format_number(x)}, {format_number(y, spec.number_format)})"
                               for x, y in zip(series.x or [], series.values))
        else:
            points = "; ".join(f"{c} {format_number(v, spec.number_format)}"
                               for c, v in zip(spec.categories, series.values))
        parts.append(f"{series.name}: {points}" if len(spec.series) > 1 else points)
    return f"{kind} chart: " + " | ".join(parts)


def dot_label_sizes(spec, area: Box, names: TextStyle, values: TextStyle) -> tuple[float, float]:
    """A dot plot's (value label, name) sizes in pt: one row's pitch must hold a line of either,
    so many rows in a short box get smaller labels, down to the styles' minimums. The rows share
    the box with the axis text below them, as render/chart_dot.py lays the plot out."""
    rows = max(1, len(spec.categories)) + 0.6
    below = 2.2 + (1.8 if spec.axis.title else 0) + (2.4 if len(spec.series) > 1 else 0)
    size = max(names.size, values.size)
    while size > min(names.min_size, values.min_size):
        pitch = (area.h * 0.96 - below * min(size, names.size)) / rows
        if 1.3 * size <= pitch:
            break
        size -= 1
    return (max(values.min_size, min(values.size, size)),
            max(names.min_size, min(names.size, size)))
