"""One planner per slide kind: model slide → SlidePlans with every shape placed and sized.

`PLANNERS` maps each `kind` to its function; adding a kind means a model class and an entry
here. Text that does not fit at the theme size shrinks to its role's minimum; bullets, sources
and tables that still do not fit continue on further slides titled "(cont.)"; everything else
that cannot fit is an error at its line.
"""

from __future__ import annotations

from msgspec.structs import replace

from .. import markup, model
from ..plan import Box, Para, RectShape, SlidePlan
from ..theme import TextStyle
from .blocks import block, breathe, pack_groups
from .frame import RULE_H, RULE_W, Frame, Planner
from .table import table_shapes
from .text import (
    bullet_items,
    fit_font_size,
    max_lines,
    para,
    paragraphs,
    text_height,
)


def plan_section(pl: Planner, section: model.Section, number: int, index: int) -> SlidePlan:
    """A divider: the section's number and title, and the titles of its slides. With a
    template, its section layout's own design, title and body placeholders."""
    p, style, mx = pl.p, pl.s.section, pl.g.margin_x
    layout = pl.layout("section", None, ("sections", index))
    title_ph, body_ph = layout.find("title"), layout.find("body")
    custom = pl.custom
    shapes: list = []
    pl.background(shapes, "section")
    if custom and title_ph and title_ph.box:
        style = pl.own_style(style, title_ph)
        size, n, title_box = pl.fit_in_box(section.title, title_ph.box, style, 2,
                                           ("sections", index, "title"), "section title",
                                           room=pl.room_below(layout, title_ph))
    else:
        size, n = pl.fit_lines(section.title, pl.width, style, 2, ("sections", index, "title"),
                               "section title")
        title_box = pl.lines_box(mx, 150 * pl.theme.slide_h / 540, pl.width, n, size, style)
    if not custom:
        num_style = pl.s.subtitle
        shapes += [
            RectShape(Box(mx, title_box.y - 60, RULE_W, RULE_H), p.accent_on_dark, "Accent rule"),
            pl.text(Box(mx, title_box.y - 44, 200, num_style.size * num_style.line),
                    [para(f"{number:02d}")], num_style, num_style.size, p.accent_on_dark,
                    bold=True, name="Section number"),
        ]
    shown = title_ph if custom else None
    shapes.append(pl.text(title_box, [pl.balanced(section.title, title_box.w, size, style,
                                                  shown)],
                          style, size,
                          pl.colour(p.on_dark, True), role="title", anchor=pl.anchor(shown),
                          name="Title"))
    # What the section holds, so a divider is a signpost rather than an empty slide.
    titles = [t for t in (pl.shown_title(x) for x in section.slides) if t]
    if titles and (not custom or body_ph):
        agenda = pl.s.agenda
        if custom and body_ph.box:
            box = body_ph.box
        else:
            top = title_box.bottom + 30
            box = Box(mx, top, pl.width, pl.g.body_bottom - top)
        paras = [para(t, space_before=0.45 if k else 0.0) for k, t in enumerate(titles)]
        fit = fit_font_size(tuple(paras), box.w, box.h, agenda, face=pl.theme.face(agenda))
        if fit is not None:
            role = "body" if body_ph else "text"
            shapes.append(pl.text(Box(box.x, box.y, box.w, box.h if custom else fit[1]), paras,
                                  agenda, fit[0], pl.colour(p.muted_on_dark, role == "body"),
                                  role=role, name="Agenda"))
    return pl.slide("section", layout, shapes, None, background=None if custom else p.dark)


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
    layout = pl.layout("title", slide.layout, path)
    title_ph, sub_ph = layout.find("title"), layout.find("subtitle")
    shapes: list = []
    pl.background(shapes, "title")
    scale = pl.theme.slide_h / 540
    deck_title = s.deck_title
    if pl.custom and title_ph and title_ph.box:
        deck_title = pl.own_style(deck_title, title_ph)
        size, n, box = pl.fit_in_box(title, title_ph.box, deck_title, 3, title_at,
                                     "deck title", room=pl.room_below(layout, title_ph))
    else:
        width = pl.width * 0.9
        size, n = pl.fit_lines(title, width, s.deck_title, 3, title_at, "deck title")
        box = pl.lines_box(mx, 156 * scale, width, n, size, s.deck_title)
        shapes.append(RectShape(Box(mx, box.y - 24, RULE_W * 1.4, RULE_H * 1.5), p.accent,
                                "Accent rule"))
    shown = title_ph if pl.custom else None
    shapes.append(pl.text(box, [pl.balanced(title, box.w, size, deck_title, shown)], deck_title,
                          size, pl.colour(p.text, True),
                          role="title", anchor=pl.anchor(shown), name="Title"))
    width = box.w
    if pl.custom and sub_ph and sub_ph.box and (subtitle or byline):
        # subtitle, author and date in the template's subtitle placeholder, where its design
        # puts them
        paras = (((para(subtitle),) if subtitle else ()) +
                 ((para(byline, space_before=0.8 if subtitle else 0.0),) if byline else ()))
        sub_style = pl.own_style(s.subtitle, sub_ph)
        if sub_style.size > size * 0.7:  # never as large as the title it is under
            top = max(round(size * 0.7), 12)
            sub_style = replace(sub_style, size=top, min_size=min(sub_style.min_size, top))
        fit = pl.fit_paras(paras, sub_ph.box, sub_style, sub_at if subtitle else path,
                           "subtitle", room=pl.room_below(layout, sub_ph))
        if fit is not None:
            shapes.append(pl.text(fit[1], paras, sub_style, fit[0],
                                  pl.colour(p.muted, True), role="subtitle", name="Subtitle"))
        return [pl.slide("title", layout, shapes, slide.notes)]
    if subtitle:
        sub = pl.fit_lines(subtitle, width, s.subtitle, 3, sub_at, "subtitle")
        sub_box = pl.lines_box(box.x, box.bottom + 18, width, sub[1], sub[0], s.subtitle)
        role = "subtitle" if sub_ph else "text"
        shapes.append(pl.text(sub_box, [para(subtitle)], s.subtitle, sub[0],
                              pl.colour(p.muted, role == "subtitle"), role=role,
                              name="Subtitle"))
    if byline:
        st = s.byline
        b_size, b_lines = pl.fit_lines(byline, width, st, 2, path, "author and date")
        above = (sub_box if subtitle else box).bottom + 18  # never into a long subtitle
        b_box = pl.lines_box(box.x, max(min(440 * scale, pl.g.body_bottom - 40), above), width,
                             b_lines, b_size, st)
        if b_box.bottom > pl.theme.slide_h:
            pl.error(path, "the title, subtitle, author and date do not fit on the slide: "
                     "shorten the title or subtitle")
        shapes.append(pl.text(b_box, [para(byline)], st, b_size, p.text, name="Byline"))
    return [pl.slide("title", layout, shapes, slide.notes)]


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
        for slot, (spec, box, side) in enumerate(((slide.left, left, "left"),
                                                  (slide.right, right, "right"))):
            shapes.extend(block(pl, spec, frame, path + (side,), box=box, slot=slot))
    return [pl.content("two_column", slide, path, build)]

PLANNERS = {
    "title": plan_title, "statement": plan_statement, "bullets": plan_bullets,
    "quote": plan_quote, "table": plan_table, "chart": plan_chart, "image": plan_image,
    "two_column": plan_two_column, "sources": plan_sources,
}
