"""Native tables: planned column widths and row heights, header row, zebra rows."""

from __future__ import annotations

from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from ..markup import Run, split_lines
from ..plan import TableShape
from ..theme import COURIER, Theme
from .oxml import table as xml
from .text import ALIGN, east_asian_lang, emu, script_segments


def render_table(slide, shape: TableShape, theme: Theme, lang: str, placeholder=None) -> int:
    """Add a table graphic frame (into the template's table placeholder when given); returns
    its shape id. The frame is written as one XML string (oxml/table.py): building it through
    python-pptx's table API cost more than the rest of a table slide."""
    p = theme.palette
    fills = (p.background, p.surface)
    margin_x, margin_y = int(emu(shape.margin_x)), int(emu(shape.margin_y))
    cells = []
    for r, row in enumerate(shape.cells):
        header = r == 0
        props = xml.cell_props_xml(fill=p.dark if header else fills[(r - 1) % 2],
                                   margin_x=margin_x, margin_y=margin_y, border=p.background)
        style = (p.on_dark if header else p.text, header)
        cells.append([(_cell_paragraph(slide, runs, shape, align, style, theme, lang), props)
                      for runs, align in zip(row, shape.align)])
    widths = [int(emu(w)) for w in shape.col_widths]
    heights = [int(emu(h)) for h in shape.row_heights]
    # the frame is as large as its rounded columns and rows, as python-pptx's setters make it
    box = (int(emu(shape.box.x)), int(emu(shape.box.y)), sum(widths), sum(heights))
    shape_id = xml.next_shape_id(slide) if placeholder is None else placeholder.shape_id
    frame = xml.table_frame(shape_id, "Table", box, widths, heights, cells)
    return xml.add_table_frame(slide, frame, placeholder)


def _cell_paragraph(slide, runs: tuple[Run, ...], shape: TableShape, align: str,
                    style: tuple[str, bool], theme: Theme, lang: str) -> str:
    """A cell's paragraph, as text.write_paragraphs writes one: runs split by script so
    East-Asian text gets its own language, the paragraph mark in the last run's language."""
    color, bold = style
    size, last, parts = shape.size, lang, []
    for n, line_runs in enumerate(split_lines(runs)):
        if n:
            parts.append(xml.line_break_xml(size, lang))
        for run in line_runs:
            link_rid = (slide.part.relate_to(run.link, RT.HYPERLINK, is_external=True)
                        if run.link else None)
            for text, wide in script_segments(run.text):
                last = east_asian_lang(text, lang) if wide else lang
                parts.append(xml.run_xml(
                    text, size=size, color=theme.palette.accent if run.link else color,
                    latin=COURIER.name if run.code else shape.font,
                    east_asian=theme.fonts.east_asian_for(last), lang=last,
                    bold=run.bold or bold, italic=run.italic, underline=bool(run.link),
                    link_rid=link_rid))
    return xml.paragraph_xml("".join(parts), align=ALIGN[align], line=size * shape.line,
                             rtl=shape.rtl, size=size, end_lang=last)
