"""Native tables: planned column widths and row heights, header row, zebra rows."""

from __future__ import annotations

from ..plan import Para, TableShape
from ..theme import Theme
from . import oxml
from .text import RunStyle, emu, write_paragraphs


def render_table(slide, shape: TableShape, theme: Theme, lang: str, placeholder=None) -> int:
    """Add a table graphic frame (into the template's table placeholder when given); returns
    its shape id."""
    p = theme.palette
    nrows, ncols = len(shape.cells), len(shape.col_widths)
    if placeholder is not None:
        frame = placeholder.insert_table(nrows, ncols)
        frame.left, frame.top = emu(shape.box.x), emu(shape.box.y)
        frame.width, frame.height = emu(shape.box.w), emu(shape.box.h)
    else:
        frame = slide.shapes.add_table(nrows, ncols, emu(shape.box.x), emu(shape.box.y),
                                       emu(shape.box.w), emu(shape.box.h))
    frame.name = "Table"
    table = frame.table
    table.first_row = True
    table.horz_banding = False
    for c, w in enumerate(shape.col_widths):
        table.columns[c].width = emu(w)
    for r, h in enumerate(shape.row_heights):
        table.rows[r].height = emu(h)
    fills = (p.background, p.surface)
    margin_x, margin_y = int(emu(shape.margin_x)), int(emu(shape.margin_y))
    for r, (row, cells) in enumerate(zip(shape.cells, oxml.table_cells(frame))):
        header = r == 0
        style = RunStyle(shape.size, p.on_dark if header else p.text, header, False, theme, lang,
                         slide.part, shape.font)
        for c, (runs, (tc, body)) in enumerate(zip(row, cells)):
            oxml.set_cell(tc, fill=p.dark if header else fills[(r - 1) % 2],
                          margin_x=margin_x, margin_y=margin_y, border=p.background)
            write_paragraphs(body, (Para(runs, align=shape.align[c], rtl=shape.rtl),), style,
                             shape.line)
    return frame.shape_id
