"""One planner per slide kind: model slide → SlidePlans with every shape placed and sized.

`PLANNERS` maps each `kind` to its function; adding a kind means a model class and an entry
here. Text that does not fit at the theme size shrinks to its role's minimum; bullets, sources
and tables that still do not fit continue on further slides titled "(cont.)"; everything else
that cannot fit is an error at its line.
"""

from __future__ import annotations

from msgspec.structs import replace

from .. import markup, model
from ..plan import Box, Para, SlidePlan
from ..theme import TextStyle
from .blocks import block, breathe, headed_row, pack_groups
from .cover import plan_title
from .frame import Frame, Planner
from .table import table_shapes
from .text import (
    bullet_items,
    fit_font_size,
    max_lines,
    para,
    paragraphs,
    text_height,
)


def plan_slide(pl: Planner, slide, path: tuple) -> list[SlidePlan]:
    """The slides one outline slide becomes (more than one when it continues)."""
    kind = type(slide).__struct_config__.tag
    return PLANNERS[kind](pl, slide, path)


def plan_statement(pl: Planner, slide: model.StatementSlide, path: tuple) -> list[SlidePlan]:
    def build(frame: Frame, shapes: list) -> None:
        s, p, body = pl.s, pl.p, frame.body
        fig_style, cap_style = s.figure, s.figure_caption
        fig = max_lines(markup.parse(slide.figure), body.w, fig_style, 1,  # one line, if it can
                        face=pl.theme.face(fig_style))
        if fig is None and pl.custom:  # a template's small body: smaller, not refused
            fig = max_lines(markup.parse(slide.figure), body.w,
                            replace(fig_style, min_size=min(fig_style.min_size, 24.0)), 2,
                            face=pl.theme.face(fig_style), height=body.h * 0.6)
            if fig is not None:
                pl.warn(path + ("figure",), f"the key figure shrunk from {fig_style.size:g} pt "
                        f"to {fig[0]:g} pt to fit the template's {body.w:.0f} × {body.h:.0f} "
                        "pt body")
        if fig is None:
            fig = pl.fit_lines(slide.figure, body.w, fig_style, 2, path + ("figure",),
                                 "the key figure")
        fig_size, fig_lines = fig
        fig_h = fig_lines * fig_size * fig_style.line
        cap_paras = paragraphs(slide.caption) if slide.caption else ()
        cap_w = min(body.w, 760 * pl.theme.slide_w / 960)
        cap_size, cap_h = 0, 0
        if cap_paras and not pl.custom:
            cap = fit_font_size(cap_paras, cap_w, body.h - fig_h - 16, cap_style,
                                face=pl.theme.face(cap_style))
            if cap is None:
                pl.error(path + ("caption",), "the caption does not fit under the figure "
                           f"even at {cap_style.min_size:g} pt: shorten it")
                return
            cap_size, cap_h = cap
            if cap_size < cap_style.size:
                pl.warn(path + ("caption",), f"caption shrunk from {cap_style.size:g} pt to "
                          f"{cap_size:g} pt")
        elif cap_paras:  # in a template: below the theme minimum before refusing
            room = Box(body.x, body.y + fig_h + 16, cap_w, body.h - fig_h - 16)
            fitted = pl.fit_paras(cap_paras, room, cap_style, path + ("caption",), "caption")
            if fitted is None:
                return
            cap_size = fitted[0]
            cap_h = text_height(cap_paras, cap_w, cap_size, cap_style,
                                face=pl.theme.face(cap_style))
        top = body.y + max(0.0, (body.h - fig_h - 16 - cap_h) / 2 - 10)
        shapes.append(pl.text(Box(body.x, top, body.w, fig_h), [para(slide.figure)],
                                fig_style, fig_size, p.accent, name="Figure"))
        if cap_paras:
            shapes.append(pl.text(Box(body.x, top + fig_h + 16, cap_w, cap_h), cap_paras,
                                    cap_style, cap_size, p.text, name="Caption"))
    return [pl.content("statement", slide, path, build)]


def plan_quote(pl: Planner, slide: model.QuoteSlide, path: tuple) -> list[SlidePlan]:
    def build(frame: Frame, shapes: list) -> None:
        s, p, body = pl.s, pl.p, frame.body
        indent = 72.0
        width = body.w - indent - 40
        attr = [para("— " + slide.attribution)] if slide.attribution else []
        attr_style = s.attribution
        attr_h = (text_height(tuple(attr), width, attr_style.size, attr_style,
                              face=pl.theme.face(attr_style)) if attr else 0)
        quote_paras = paragraphs(slide.text)
        fit = fit_font_size(quote_paras, width, body.h - attr_h - 20, s.quote,
                            face=pl.theme.face(s.quote))
        if fit is None:
            pl.error(path + ("text",), "the quote does not fit on a slide even at "
                       f"{s.quote.min_size:g} pt: shorten it")
            return
        size, h = fit
        if size < s.quote.size:
            pl.warn(path + ("text",), f"quote shrunk from {s.quote.size:g} pt to {size:g} pt")
        top = body.y + max(0.0, (body.h - h - attr_h - 20) / 2 - 10)
        mark = 96.0
        shapes.append(pl.text(Box(body.x - 4, top - 0.3 * mark, indent, mark * 1.2),
                                [para("“")], s.figure, mark, p.accent, line=1.2,
                                name="Quote mark"))
        shapes.append(pl.text(Box(body.x + indent, top, width, h), quote_paras, s.quote,
                                size, p.text, name="Quote"))
        if attr:
            shapes.append(pl.text(Box(body.x + indent, top + h + 20, width, attr_h), attr,
                                    attr_style, attr_style.size, p.muted, name="Attribution"))
    return [pl.content("quote", slide, path, build)]


def plan_bullets(pl: Planner, slide: model.BulletsSlide, path: tuple) -> list[SlidePlan]:
    groups = bullet_items(slide.bullets)
    return paged(pl, "bullets", slide, path, groups, pl.s.body, "bullets")


def plan_sources(pl: Planner, slide: model.SourcesSlide, path: tuple) -> list[SlidePlan]:
    slide = replace(slide, title=pl.shown_title(slide))  # the default title translated
    digits = len(str(len(slide.sources)))
    groups = [(para(src, number=k + 1, number_digits=digits, space_before=0.45 if k else 0.0),)
              for k, src in enumerate(slide.sources)]
    return paged(pl, "sources", slide, path, groups, pl.s.sources, "sources")


def paged(pl: Planner, kind: str, slide, path: tuple, groups: list[tuple[Para, ...]],
          style: TextStyle, field: str) -> list[SlidePlan]:
    """Paragraph groups on one slide, shrunk as needed, else continued over several."""
    body = pl.body_box(kind, slide.title, path, slide.layout)
    chunks = pack_groups(groups, body, style, pl.theme.face(style))
    if chunks is None:
        pl.error(path + (field,), f"one item is too long for a whole slide even at "
                   f"{style.min_size:g} pt: split it")
        return []
    size = chunks[0][1]
    if size < style.size:
        pl.warn(path + (field,), f"{field} shrunk from {style.size:g} pt to {size:g} pt")
    if len(chunks) > 1:
        pl.warn(path + (field,), f"{field} continued over {len(chunks)} slides")
    builds = []
    for chunk, size, height in chunks:
        paras = [replace(p, space_before=0.0) if n == 0 else p
                 for n, p in enumerate(q for g in chunk for q in g)]

        def build(frame: Frame, shapes: list, paras=paras, size=size, height=height) -> None:
            body = frame.body
            box = Box(body.x, body.y, body.w, body.h if pl.custom else height)
            placeholder = frame.layout.find("body") is not None
            shapes.append(pl.text(box, paras, style, size, pl.colour(pl.p.text, placeholder),
                                  role="body" if placeholder else "text",
                                  bullet_color=pl.p.accent, name=kind.capitalize()))
        builds.append(build)
    return pl.continued(kind, slide, path, builds)


def plan_table(pl: Planner, slide: model.TableSlide, path: tuple) -> list[SlidePlan]:
    body, source = pl.caption_line(pl.body_box("table", slide.title, path, slide.layout),
                                   slide.source, path + ("source",), "Source")
    result = table_shapes(slide, body, pl.s.table, split=True, face=pl.theme.face(pl.s.table))
    if result is None:
        pl.error(path + ("rows",), "a row of this table is too tall or wide for a slide "
                   f"even at {pl.s.table.min_size:g} pt: shorten its cells")
        return []
    tables, size = result
    if len(tables) == 1:
        tables = [breathe(tables[0], body.h)]
    if size < pl.s.table.size:
        pl.warn(path, f"table shrunk from {pl.s.table.size:g} pt to {size:g} pt")
    if len(tables) > 1:
        pl.warn(path, f"table continued over {len(tables)} slides (header repeated)")
    builds = []
    for table in tables:
        def build(frame: Frame, shapes: list, table=table) -> None:
            slot = frame.layout.find("table") if pl.custom else None
            if slot:
                shapes.append(replace(table, placeholder=slot.idx))
            else:  # at the top of this slide's own body, whatever its title's lines
                box = table.box
                body_ph = frame.layout.find("body") if pl.custom else None
                content = 0 if body_ph is not None and body_ph.kind == "obj" else None
                table = replace(table, box=Box(box.x, frame.body.y, box.w, box.h),
                                content=content)
                shapes.append(table)
            if source:  # directly under the table, not at the foot of the slide
                shapes.append(replace(source, box=Box(source.box.x, table.box.bottom + 10,
                                                      source.box.w, source.box.h))
                              if not slot else source)
        builds.append(build)
    return pl.continued("table", slide, path, builds)


def plan_chart(pl: Planner, slide: model.ChartSlide, path: tuple) -> list[SlidePlan]:
    return [pl.content("chart", slide, path,
                       lambda frame, shapes: shapes.extend(block(pl, slide, frame, path)))]


def plan_image(pl: Planner, slide: model.ImageSlide, path: tuple) -> list[SlidePlan]:
    return [pl.content("image", slide, path,
                       lambda frame, shapes: shapes.extend(block(pl, slide, frame, path)))]


def plan_two_column(pl: Planner, slide: model.TwoColumnSlide, path: tuple) -> list[SlidePlan]:
    def build(frame: Frame, shapes: list) -> None:
        body = frame.body
        if frame.columns:
            left, right = frame.columns
        else:
            w = (body.w - pl.g.gutter) / 2
            left = Box(body.x, body.y, w, body.h)
            right = Box(body.x + w + pl.g.gutter, body.y, w, body.h)
        shapes.extend(headed_row(pl, frame, [(slide.left, left, path + ("left",), 0),
                                             (slide.right, right, path + ("right",), 1)],
                                 grid=False))
    return [pl.content("two_column", slide, path, build)]


def grid_shape(n: int, per_row: int | None) -> tuple[int, int]:
    """(columns, rows) of a grid of `n` blocks: `per_row` across, else 2 for 2 or 4 blocks and
    3 for 3, 5 or 6."""
    across = per_row or (2 if n in (2, 4) else 3)
    across = max(1, min(across, n))
    return across, -(-n // across)


def plan_grid(pl: Planner, slide: model.GridSlide, path: tuple) -> list[SlidePlan]:
    """Blocks in a grid of equal cells, row by row, each under its heading; the gutter between
    cells is the two-column slide's, a little less between rows."""
    def build(frame: Frame, shapes: list) -> None:
        body, gap = frame.body, pl.g.gutter
        across, rows = grid_shape(len(slide.blocks), slide.per_row)
        w = (body.w - gap * (across - 1)) / across
        row_gap = gap * 0.6
        h = (body.h - row_gap * (rows - 1)) / rows
        for r in range(rows):
            row = []
            for c in range(across):
                k = r * across + c
                if k < len(slide.blocks):
                    box = Box(body.x + c * (w + gap), body.y + r * (h + row_gap), w, h)
                    row.append((slide.blocks[k], box, path + ("blocks", k), 0))
            shapes.extend(headed_row(pl, frame, row, grid=True))
    return [pl.content("grid", slide, path, build)]

PLANNERS = {
    "title": plan_title, "statement": plan_statement, "bullets": plan_bullets,
    "quote": plan_quote, "table": plan_table, "chart": plan_chart, "image": plan_image,
    "two_column": plan_two_column, "grid": plan_grid, "sources": plan_sources,
}
