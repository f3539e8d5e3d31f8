"""One planner per slide kind: model slide → SlidePlans with every shape placed and sized.

`PLANNERS` maps each `kind` to its function; adding a kind means a model class and an entry
here. Text that does not fit at the theme size shrinks to its role's minimum; bullets, sources
and tables that still do not fit continue on further slides titled "(cont.)"; everything else
that cannot fit is an error at its line.
"""

from __future__ import annotations

from msgspec.structs import replace

from .. import markup, model
from ..charttypes import type_name
from ..numfmt import format_number
from ..plan import Box, ChartShape, Para, PictureShape, RectShape, SlidePlan, TableShape
from ..theme import FontFace, TextStyle
from .frame import CONT, RULE_H, RULE_W, Planner
from .table import table_shapes
from .text import (
    bullet_items,
    candidate_sizes,
    fit_font_size,
    max_lines,
    para,
    paragraphs,
    text_height,
)


def plan_section(pl: Planner, section: model.Section, number: int, index: int) -> SlidePlan:
    p, style, mx = pl.p, pl.s.section, pl.g.margin_x
    size, n = pl.fit_lines(section.title, pl.width, style, 2, ("sections", index, "title"),
                             "section title")
    num_style = pl.s.subtitle
    title_box = pl.lines_box(mx, 150, pl.width, n, size, style)
    shapes = [
        RectShape(Box(mx, 90, RULE_W, RULE_H), p.accent_on_dark, "Accent rule"),
        pl.text(Box(mx, 106, 200, num_style.size * num_style.line), [para(f"{number:02d}")],
                  num_style, num_style.size, p.accent_on_dark, bold=True, name="Section number"),
        pl.text(title_box, [para(section.title)], style, size, p.on_dark, role="title",
                anchor="bottom",
                  name="Title"),
    ]
    # What the section holds, so a divider is a signpost rather than an empty slide.
    titles = [t for t in (getattr(x, "title", None) for x in section.slides) if t]
    if titles:
        agenda = pl.s.agenda
        box = Box(mx, title_box.bottom + 30, pl.width, pl.g.body_bottom - title_box.bottom - 30)
        paras = [para(t, space_before=0.45 if k else 0.0) for k, t in enumerate(titles)]
        fit = fit_font_size(tuple(paras), box.w, box.h, agenda, face=pl.theme.face(agenda))
        if fit is not None:
            shapes.append(pl.text(Box(box.x, box.y, box.w, fit[1]), paras, agenda, fit[0],
                                    p.muted_on_dark, name="Agenda"))
    return SlidePlan("section", "section", shapes, None, background=p.dark)


def plan_slide(pl: Planner, slide, path: tuple) -> list[SlidePlan]:
    """The slides one outline slide becomes (more than one when it continues)."""
    kind = type(slide).__struct_config__.tag
    return PLANNERS[kind](pl, slide, path)


def plan_title(pl: Planner, slide: model.TitleSlide, path: tuple) -> list[SlidePlan]:
    d, p, s, mx = pl.deck, pl.p, pl.s, pl.g.margin_x
    def own(field: str):  # the slide's own value, else the deck's: (text, where it is written)
        value = getattr(slide, field)
        return (value, path + (field,)) if value is not None else (getattr(d, field), (field,))

    (title, title_at), (subtitle, sub_at) = own("title"), own("subtitle")
    (author, _), (date, _) = own("author"), own("date")
    byline = " · ".join(x for x in (author, date) if x)
    width = pl.width * 0.9
    size, n = pl.fit_lines(title, width, s.deck_title, 3, title_at, "deck title")
    shapes: list = [RectShape(Box(mx, 132, RULE_W * 1.4, RULE_H * 1.5), p.accent, "Accent rule")]
    box = pl.lines_box(mx, 156, width, n, size, s.deck_title)
    shapes.append(pl.text(box, [para(title)], s.deck_title, size, p.text, role="title",
                          anchor="bottom",
                            name="Title"))
    if subtitle:
        sub = pl.fit_lines(subtitle, width, s.subtitle, 3, sub_at, "subtitle")
        sub_box = pl.lines_box(mx, box.bottom + 18, width, sub[1], sub[0], s.subtitle)
        shapes.append(pl.text(sub_box, [para(subtitle)], s.subtitle, sub[0], p.muted,
                                role="subtitle", name="Subtitle"))
    if byline:
        st = s.byline
        b_size, b_lines = pl.fit_lines(byline, width, st, 2, path, "author and date")
        shapes.append(pl.text(pl.lines_box(mx, 440, width, b_lines, b_size, st),
                                [para(byline)], st, b_size, p.text, name="Byline"))
    return [SlidePlan("title", "title", shapes, slide.notes)]


def plan_statement(pl: Planner, slide: model.StatementSlide, path: tuple) -> list[SlidePlan]:
    def build(body: Box, shapes: list) -> None:
        s, p = pl.s, pl.p
        fig_style, cap_style = s.figure, s.figure_caption
        fig = max_lines(markup.parse(slide.figure), body.w, fig_style, 1,  # one line, if it can
                        face=pl.theme.face(fig_style))
        if fig is None:
            fig = pl.fit_lines(slide.figure, body.w, fig_style, 2, path + ("figure",),
                                 "the key figure")
        fig_size, fig_lines = fig
        fig_h = fig_lines * fig_size * fig_style.line
        cap_paras = paragraphs(slide.caption) if slide.caption else ()
        cap_w = min(body.w, 760)
        cap = (fit_font_size(cap_paras, cap_w, body.h - fig_h - 16, cap_style,
                             face=pl.theme.face(cap_style)) if cap_paras
               else (0, 0))
        if cap is None:
            pl.error(path + ("caption",), "the caption does not fit under the figure "
                       f"even at {cap_style.min_size:g} pt: shorten it")
            return
        cap_size, cap_h = cap
        if cap_paras and cap_size < cap_style.size:
            pl.warn(path + ("caption",), f"caption shrunk from {cap_style.size:g} pt to "
                      f"{cap_size:g} pt")
        top = body.y + max(0.0, (body.h - fig_h - 16 - cap_h) / 2 - 10)
        shapes.append(pl.text(Box(body.x, top, body.w, fig_h), [para(slide.figure)],
                                fig_style, fig_size, p.accent, name="Figure"))
        if cap_paras:
            shapes.append(pl.text(Box(body.x, top + fig_h + 16, cap_w, cap_h), cap_paras,
                                    cap_style, cap_size, p.text, name="Caption"))
    return [pl.content("statement", slide.title, path, slide.notes, build)]


def plan_quote(pl: Planner, slide: model.QuoteSlide, path: tuple) -> list[SlidePlan]:
    def build(body: Box, shapes: list) -> None:
        s, p = pl.s, pl.p
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
    return [pl.content("quote", slide.title, path, slide.notes, build)]


def plan_bullets(pl: Planner, slide: model.BulletsSlide, path: tuple) -> list[SlidePlan]:
    groups = bullet_items(slide.bullets)
    return paged(pl, "bullets", slide, path, groups, pl.s.body, "bullets")


def plan_sources(pl: Planner, slide: model.SourcesSlide, path: tuple) -> list[SlidePlan]:
    groups = [(para(src, number=k + 1, space_before=0.45 if k else 0.0),)
              for k, src in enumerate(slide.sources)]
    return paged(pl, "sources", slide, path, groups, pl.s.sources, "sources")


def paged(pl: Planner, kind: str, slide, path: tuple, groups: list[tuple[Para, ...]],
          style: TextStyle, field: str) -> list[SlidePlan]:
    """Paragraph groups on one slide, shrunk as needed, else continued over several."""
    body = pl.body_box(slide.title, path)
    chunks = _pack_groups(groups, body, style, pl.theme.face(style))
    if chunks is None:
        pl.error(path + (field,), f"one item is too long for a whole slide even at "
                   f"{style.min_size:g} pt: split it")
        return []
    size = chunks[0][1]
    if size < style.size:
        pl.warn(path + (field,), f"{field} shrunk from {style.size:g} pt to {size:g} pt")
    if len(chunks) > 1:
        pl.warn(path + (field,), f"{field} continued over {len(chunks)} slides")
    plans = []
    for k, (chunk, size, height) in enumerate(chunks):
        title = slide.title if k == 0 or not slide.title else slide.title + CONT
        notes = slide.notes if k == 0 else "(continued from the previous slide)"
        paras = [replace(p, space_before=0.0) if n == 0 else p
                 for n, p in enumerate(q for g in chunk for q in g)]

        def build(body: Box, shapes: list, paras=paras, size=size, height=height) -> None:
            box = Box(body.x, body.y, body.w, height)
            shapes.append(pl.text(box, paras, style, size, pl.p.text,
                                    bullet_color=pl.p.accent, name=kind.capitalize()))
        plans.append(pl.content(kind, title, path, notes, build, warn=k == 0))
    return plans


def plan_table(pl: Planner, slide: model.TableSlide, path: tuple) -> list[SlidePlan]:
    body, source = pl.caption_line(pl.body_box(slide.title, path), slide.source,
                                     path + ("source",), "Source")
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
    plans = []
    for k, table in enumerate(tables):
        title = slide.title if k == 0 or not slide.title else slide.title + CONT
        notes = slide.notes if k == 0 else "(continued from the previous slide)"

        def build(body: Box, shapes: list, table=table) -> None:
            shapes.append(table)
            if source:
                shapes.append(source)
        plans.append(pl.content("table", title, path, notes, build, warn=k == 0))
    return plans


def plan_chart(pl: Planner, slide: model.ChartSlide, path: tuple) -> list[SlidePlan]:
    return [pl.content("chart", slide.title, path, slide.notes,
                         lambda body, shapes: shapes.extend(block(pl, slide, body, path)))]


def plan_image(pl: Planner, slide: model.ImageSlide, path: tuple) -> list[SlidePlan]:
    return [pl.content("image", slide.title, path, slide.notes,
                         lambda body, shapes: shapes.extend(block(pl, slide, body, path)))]


def plan_two_column(pl: Planner, slide: model.TwoColumnSlide, path: tuple) -> list[SlidePlan]:
    def build(body: Box, shapes: list) -> None:
        w = (body.w - pl.g.gutter) / 2
        shapes.extend(block(pl, slide.left, Box(body.x, body.y, w, body.h), path + ("left",)))
        shapes.extend(block(pl, slide.right, Box(body.x + w + pl.g.gutter, body.y, w, body.h),
                                 path + ("right",)))
    return [pl.content("two_column", slide.title, path, slide.notes, build)]

# --- blocks (a whole body, or one column) ---------------------------------------------


def block(pl: Planner, spec, box: Box, path: tuple) -> list:
    """Shapes for one content block inside `box`; never continues onto another slide."""
    s, p = pl.s, pl.p
    if isinstance(spec, model.ChartSpec):
        box, source = pl.caption_line(box, spec.source, path + ("source",), "Source")
        as_image = (spec.render or pl.deck.chart_render) == "image"
        shape = ChartShape(box, spec, s.chart_labels.size, s.chart.size,
                           spec.alt or chart_alt_text(spec), as_image)
        return [shape] + ([source] if source else [])
    if isinstance(spec, model.ImageSpec):
        return image(pl, spec, box, path)
    if isinstance(spec, model.TableSpec):
        box, source = pl.caption_line(box, spec.source, path + ("source",), "Source")
        result = table_shapes(spec, box, s.table, split=False, face=pl.theme.face(s.table))
        if result is None:
            pl.error(path, f"the table does not fit its column even at {s.table.min_size:g} "
                       "pt: give it a slide of its own, which can continue")
            return []
        return result[0] + ([source] if source else [])
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
    return [pl.text(Box(box.x, box.y, box.w, h), paras, style, size, p.text,
                      bullet_color=color, name=name)]


def image(pl: Planner, spec: model.ImageSpec, box: Box, path: tuple) -> list:
    box, caption = pl.caption_line(box, spec.caption, path + ("caption",), "Caption")
    shapes: list = [caption] if caption else []
    found = pl.files.image(spec.path)
    if isinstance(found, str):  # validation reported it already; keep planning the rest
        pl.error(path + ("path",), f"image `{spec.path}` {found}")
        return []
    file, (w, h) = found
    scale = min(box.w / w, box.h / h)
    pw, ph = w * scale, h * scale
    shapes.insert(0, PictureShape(Box(box.x + (box.w - pw) / 2, box.y, pw, ph), file, spec.alt))
    return shapes


def breathe(table: TableShape, room: float) -> TableShape:
    """Give a short table taller rows (up to 40 % more), so it reads as the slide's content
    rather than a strip along its top; text stays vertically centred in each row."""
    extra = min(room - table.box.h, table.box.h * 0.4)
    if extra <= 1:
        return table
    heights = tuple(h + extra / len(table.row_heights) for h in table.row_heights)
    return replace(table, row_heights=heights,
                   box=Box(table.box.x, table.box.y, table.box.w, sum(heights)))


def _pack_groups(groups, body: Box, style: TextStyle, face: FontFace):
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


PLANNERS = {
    "title": plan_title, "statement": plan_statement, "bullets": plan_bullets,
    "quote": plan_quote, "table": plan_table, "chart": plan_chart, "image": plan_image,
    "two_column": plan_two_column, "sources": plan_sources,
}
