"""Tables: column widths from content, measured row heights, splitting rows across slides."""

from __future__ import annotations

import re

from .. import markup, measure
from ..model import TableSpec
from ..plan import Box, TableShape
from ..theme import CALIBRI, FontFace, TextStyle
from .text import candidate_sizes

EMPTY_CELL = "—"
MARGIN_X = 0.45  # em: cell padding left and right
MARGIN_Y = 0.3  # em: cell padding top and bottom
NARROW_ROOM = 1.3  # a table whose cells all fit on one line: this much wider than its text
NARROW_MIN = 0.5  # but at least half the body wide (a few short columns stay a table)
FIT_SLACK = 0.25  # pt: a column given exactly its text's width must not wrap on rounding
_NUMBER = re.compile(r"^[(+\-−]?[$€£¥]?\s?\d[\d,.\s]*(%|[kKMBx×])?\)?$")


def is_number(text: str) -> bool:
    """Looks like a number as people write them: 1,449 · −3.5% · $12 · 1.2M."""
    return bool(_NUMBER.match(text.strip()))


def cell_text(value: str | None) -> str:
    return EMPTY_CELL if value is None or not value.strip() else value


def column_align(spec: TableSpec) -> tuple[str, ...]:
    """The author's alignment, else right for columns of numbers and left for the rest."""
    if spec.align:
        return tuple(spec.align)
    out = []
    for c in range(len(spec.columns)):
        values = [r[c] for r in spec.rows if c < len(r) and r[c] is not None and r[c].strip()]
        out.append("right" if values and all(is_number(markup.plain_text(v)) for v in values)
                   else "left")
    return tuple(out)


def column_widths(cells: list[list[tuple]], width: float, size: float,
                  face: FontFace = CALIBRI) -> tuple[float, ...] | None:
    """Widths in pt that share `width` by content, or None if the longest words cannot fit.

    Each column gets at least its longest word; the rest of the width goes first to the columns
    that need little more to fit their longest cell on one line, then to the others in
    proportion to what they need.
    """
    pad = 2 * MARGIN_X * size
    ncols = len(cells[0])
    least, want = [0.0] * ncols, [0.0] * ncols
    for row in cells:
        for c, runs in enumerate(row):
            least[c] = max(least[c], measure.widest_word(runs, size, face) / measure.WRAP_SAFETY
                           + pad)
            want[c] = max(want[c], measure.natural_width(runs, size, face) / measure.WRAP_SAFETY
                          + pad + FIT_SLACK)
    if sum(least) > width:
        return None
    extra = width - sum(least)
    need = [w - m for w, m in zip(want, least)]
    total_need = sum(need)
    if total_need <= extra:  # everything fits on one line: a little room to breathe, no more
        target = min(width, max(sum(want) * NARROW_ROOM, width * NARROW_MIN))
        spare = target - sum(want)
        return tuple(w + spare * w / sum(want) for w in want)
    widths = _share(least, need, extra)
    if len(cells) * ncols <= REFINE_CELLS:
        widths = _refine(cells, widths, least, width, size, face)
    return tuple(widths)


def _share(least: list[float], need: list[float], extra: float) -> list[float]:
    """Water-filling: in order of need, a column that needs no more than an equal share of
    the room left gets all it needs (a "Row 01" column then never wraps to make room for a
    long notes column); the rest share what remains in proportion to their needs."""
    widths = list(least)
    order = sorted(range(len(need)), key=lambda c: need[c])
    for k, c in enumerate(order):
        if need[c] > extra / (len(order) - k):
            rest = order[k:]
            total = sum(need[i] for i in rest)
            for i in rest:
                widths[i] += extra * need[i] / total
            return widths
        widths[c] += need[c]
        extra -= need[c]
    return widths


REFINE_CELLS = 80  # tables up to this many cells get their widths tuned for the fewest lines


def _refine(cells, widths: list[float], least: list[float], width: float, size: float,
            face: FontFace) -> list[float]:
    """Move width between columns, a step at a time, while the table gets fewer lines: a
    column that wraps one word onto a second line usually deserves the room more."""
    pad = 2 * MARGIN_X * size
    cache: dict[tuple[int, float], list[int]] = {}

    def lines(c: int, w: float) -> list[int]:
        key = (c, round(w, 3))
        if key not in cache:
            cache[key] = [measure.count_lines(row[c], w - pad, size, face) for row in cells]
        return cache[key]

    def total(ws: list[float]) -> int:
        cols = [lines(c, w) for c, w in enumerate(ws)]
        return sum(max(col[r] for col in cols) for r in range(len(cells)))

    step = width * 0.02
    best = total(widths)
    for _ in range(30):
        found = None
        for i in range(len(widths)):
            for j in range(len(widths)):
                for k in range(1, 13):  # several steps at once: one step often changes nothing
                    if i == j or widths[j] - k * step < least[j]:
                        break
                    trial = list(widths)
                    trial[i] += k * step
                    trial[j] -= k * step
                    t = total(trial)
                    if t < best:
                        best, found = t, trial
        if found is None:
            break
        widths = found
    return widths


def row_heights(cells: list[list[tuple]], widths: tuple[float, ...], size: float,
                line: float, face: FontFace = CALIBRI) -> list[float]:
    pad_x, pad_y = 2 * MARGIN_X * size, 2 * MARGIN_Y * size
    heights = []
    for row in cells:
        lines = 1
        for c, runs in enumerate(row):
            lines = max(lines, measure.count_lines(runs, widths[c] - pad_x, size, face))
        heights.append(lines * size * line + pad_y)
    return heights


def table_cells(spec: TableSpec) -> list[list[tuple]]:
    """Header (bold) and rows as runs; empty cells as "—"."""
    header = [tuple(markup.Run(r.text, True, r.italic, r.code, r.link) for r in markup.parse(c))
              for c in spec.columns]
    return [header] + [[markup.parse(cell_text(v)) for v in row] for row in spec.rows]


def table_shapes(spec: TableSpec, box: Box, style: TextStyle, *, split: bool,
                 face: FontFace) -> tuple[list[TableShape], float] | None:
    """Tables for `box`: one if it fits, else (when `split`) the rows spread over several tables
    with the header repeated, all at one size. Returns (tables, size) or None if a single row
    cannot fit even at the minimum size."""
    cells = table_cells(spec)
    align = column_align(spec)
    best = None
    for size in candidate_sizes(style):
        widths = column_widths(cells, box.w, size, face)
        if widths is None:
            continue
        heights = row_heights(cells, widths, size, style.line, face)
        if sum(heights) <= box.h:
            if split and size < style.size and dense(heights, size, style.line) and \
                    best is not None and min(e - s for s, e in best[0]) >= 2:
                break  # shrunk to fit, its cells still wrap to 3 lines: continue instead
            return [_shape(box, widths, heights, cells, align, size, style, face)], size
        if split:
            chunks = _pack(heights, box.h)
            if chunks is not None and (best is None or len(chunks) < len(best[0])):
                best = (chunks, size, widths, heights)
    if best is None:
        return None
    chunks, size, widths, heights = best
    tables = []
    for start, end in chunks:
        rows = [cells[0]] + cells[start:end]
        hs = [heights[0]] + heights[start:end]
        tables.append(_shape(box, widths, hs, rows, align, size, style, face))
    return tables, size


DENSE_LINES = 3  # a body cell wrapping to this many lines makes a table dense


def dense(heights, size: float, line: float) -> bool:
    """Whether a body row wraps to DENSE_LINES lines or more (row heights include padding)."""
    pad = 2 * MARGIN_Y * size
    return any((h - pad) / (size * line) > DENSE_LINES - 0.5 for h in heights[1:])


def _pack(heights: list[float], limit: float) -> list[tuple[int, int]] | None:
    """Body rows (index ≥ 1) into as few chunks as greedy packing needs, each with the header
    fitting `limit`, their heights evened out (never a last slide with one row of many)."""
    chunks, start, used = [], 1, heights[0]
    for i in range(1, len(heights)):
        if heights[0] + heights[i] > limit:
            return None
        if used + heights[i] > limit:
            chunks.append((start, i))
            start, used = i, heights[0]
        used += heights[i]
    chunks.append((start, len(heights)))
    if len(chunks) == 1:
        return chunks
    # the same number of chunks, each filled to an even share of the rows' height
    target = sum(heights[1:]) / len(chunks)
    even, start, used = [], 1, 0.0
    for i in range(1, len(heights)):
        left = len(chunks) - len(even) - 1  # chunks still to open after this one
        if used and (used + heights[i] / 2 > target or len(heights) - i <= left - 1) \
                and left > 0 and len(heights) - i >= left:
            even.append((start, i))
            start, used = i, 0.0
        used += heights[i]
    even.append((start, len(heights)))
    if len(even) == len(chunks) and all(heights[0] + sum(heights[a:b]) <= limit
                                        for a, b in even):
        return even
    return chunks


def _shape(box: Box, widths, heights, cells, align, size, style, face) -> TableShape:
    return TableShape(box=Box(box.x, box.y, sum(widths), sum(heights)), col_widths=tuple(widths),
                      row_heights=tuple(heights), cells=tuple(tuple(r) for r in cells),
                      align=align, size=size, line=style.line, margin_x=MARGIN_X * size,
                      margin_y=MARGIN_Y * size, font=face.name)
