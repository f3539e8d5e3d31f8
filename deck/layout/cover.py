"""The slides that open the talk and its sections: the title slide and the section dividers.

Both use the whole slide. A divider shows where the talk is: every section, numbered, the
current one emphasised, beside its own title and what it holds. The title slide sets the title
over a dark band with the author and date, and a picture or logo, when given, beside it.
"""

from __future__ import annotations

from msgspec.structs import replace

from .. import model
from ..plan import Box, RectShape, SlidePlan
from .blocks import image
from .frame import RULE_H, RULE_W, Planner
from .text import fit_font_size, para, text_height

BAND = 0.30  # the title slide's dark band: this share of the slide's height, at its foot
AGENDA_SPACE = 0.45  # em before each slide title a divider lists, after the first
SPLIT = 0.52  # a divider's own title and contents take this share of the width; the list the rest


def divider_shown(deck: model.Deck, section: model.Section) -> bool:
    """Whether a section opens with a divider: its own `divider`, else the deck's `dividers`
    (`auto`: a section of two slides or more earns one, unless the title slide opens it)."""
    if section.divider is not None:
        return section.divider
    if deck.dividers == "auto":
        opens = bool(section.slides) and isinstance(section.slides[0], model.TitleSlide)
        return len(section.slides) > 1 and not opens
    return deck.dividers == "all"


def listed_sections(deck: model.Deck) -> list[int]:
    """The sections a divider lists: those with a divider, or that could have one (not
    `divider: false`) and hold more than a title slide."""
    return [i for i, s in enumerate(deck.sections) if divider_shown(deck, s) or (
        s.divider is not False and any(not isinstance(x, model.TitleSlide) for x in s.slides))]


def plan_section(pl: Planner, section: model.Section, number: int, index: int,
                 listing: list[tuple[int, str]] = ()) -> SlidePlan:
    """A divider: the section's number and title, the titles of its slides (when there are two
    or more: one would only repeat the next slide's title), and `listing`, every section as
    (number, title), this one emphasised. With a template, its section layout's own design,
    title and body placeholders."""
    p, style, mx = pl.p, pl.s.section, pl.g.margin_x
    layout = pl.layout("section", None, ("sections", index))
    title_ph, body_ph = layout.find("title"), layout.find("body")
    custom = pl.custom
    listing = list(listing) if not custom and len(listing) > 1 else []
    width = pl.width * SPLIT - pl.g.gutter / 2 if listing else pl.width
    shapes: list = []
    pl.background(shapes, "section")
    if custom and title_ph and title_ph.box:
        style = pl.own_style(style, title_ph)
        size, n, title_box = pl.fit_in_box(section.title, title_ph.box, style, 2,
                                           ("sections", index, "title"), "section title",
                                           room=pl.room_below(layout, title_ph))
    else:
        size, n = pl.fit_lines(section.title, width, style, 3, ("sections", index, "title"),
                               "section title")
        title_box = pl.lines_box(mx, 150 * pl.theme.slide_h / 540, width, n, size, style)
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
    if len(titles) > 1 and (not custom or body_ph):
        agenda = pl.s.agenda
        if custom and body_ph.box:
            box = body_ph.box
        else:
            top = title_box.bottom + 30
            box = Box(mx, top, width, pl.g.body_bottom - top)
        paras = [para(t, space_before=AGENDA_SPACE if k else 0.0) for k, t in enumerate(titles)]
        fit = fit_font_size(tuple(paras), box.w, box.h, agenda, face=pl.theme.face(agenda))
        if fit is not None:
            role = "body" if body_ph else "text"
            shapes.append(pl.text(Box(box.x, box.y, box.w, box.h if custom else fit[1]), paras,
                                  agenda, fit[0], pl.colour(p.muted_on_dark, role == "body"),
                                  role=role, name="Agenda"))
    if listing:
        shapes += _where_we_are(pl, listing, number)
    return pl.slide("section", layout, shapes, section.notes,
                    background=None if custom else p.dark)


def _where_we_are(pl: Planner, listing: list[tuple[int, str]], current: int) -> list:
    """Every section, numbered, in a column right of the divider's title: this one bold and
    bright after an accent bar, the others muted. Large type, so the back row reads it; left
    out, quietly, when the list cannot be set at the agenda's smallest size. One text shape
    per section, its number the paragraph's own (so the number and title are one line)."""
    p, style, g = pl.p, pl.s.agenda, pl.g
    scale = pl.theme.slide_h / 540
    left = g.margin_x + pl.width * SPLIT + g.gutter / 2
    width = g.margin_x + pl.width - left - 6
    top, bottom = 90 * scale, g.body_bottom - 20 * scale
    face = pl.theme.face(style)
    digits = len(str(max(n for n, _ in listing)))
    rows = [(n, para(t, number=n, number_digits=digits)) for n, t in listing]
    for size in (style.size + 6, style.size + 2, style.size, style.min_size):
        gap = size * 0.7
        at = replace(style, size=size, min_size=size)
        heights = [text_height((q,), width, size, at, face=face) for _, q in rows]
        if max(heights) > 2 * size * style.line + 0.5:  # a title needs 3 lines: smaller
            continue
        height = sum(heights) + gap * (len(rows) - 1)
        if height <= bottom - top:
            break
    else:
        return []
    shapes: list = [RectShape(Box(left - g.gutter / 2, top, 1.5, bottom - top), p.muted_on_dark,
                              "Section rule")]
    y = top + (bottom - top - height) / 2
    for (number, q), h in zip(rows, heights):
        here = number == current
        if here:
            shapes.append(RectShape(Box(left - g.gutter / 2 - 2, y, 6, h), p.accent_on_dark,
                                    "Current section"))
        shapes.append(pl.text(Box(left + 6, y, width, h), [q], style, size,
                              p.on_dark if here else p.muted_on_dark, bold=here,
                              bullet_color=p.accent_on_dark if here else p.muted_on_dark,
                              name="Section list"))
        y += h + gap
    return shapes


def plan_title(pl: Planner, slide: model.TitleSlide, path: tuple) -> list[SlidePlan]:
    """The opening slide: title and subtitle, the author and date on a dark band at the foot,
    and the slide's picture or logo, if any, right of the title. A template's own title
    layout keeps its design: title, then subtitle, author and date in its placeholders."""
    d = pl.deck

    def own(field: str):  # the slide's own value, else the deck's: (text, where it is written)
        value = getattr(slide, field)
        return (value, path + (field,)) if value is not None else (getattr(d, field), (field,))

    (title, title_at), (subtitle, sub_at) = own("title"), own("subtitle")
    (author, _), (date, _) = own("author"), own("date")
    byline = " · ".join(x for x in (author, date) if x)
    layout = pl.layout("title", slide.layout, path)
    shapes: list = []
    pl.background(shapes, "title")
    if pl.custom:
        _title_in_template(pl, layout, shapes, (title, title_at), (subtitle, sub_at), byline,
                           path)
    else:
        _title_composed(pl, slide, layout, shapes, (title, title_at), (subtitle, sub_at),
                        byline, path)
    return [pl.slide("title", layout, shapes, slide.notes)]


def _title_composed(pl: Planner, slide: model.TitleSlide, layout, shapes: list, title_at,
                    sub_at, byline: str, path: tuple) -> None:
    p, s, g = pl.p, pl.s, pl.g
    (title, title_path), (subtitle, sub_path) = title_at, sub_at
    slide_w, slide_h = pl.theme.slide_w, pl.theme.slide_h
    scale = slide_h / 540
    picture = pl.files.image(slide.image) if slide.image else None
    if isinstance(picture, str):  # validation reported it; plan the rest
        picture = None
    width = pl.width * (0.56 if picture else 0.9)
    size, n = pl.fit_lines(title, width, s.deck_title, 3, title_path, "deck title")
    title_h = n * size * s.deck_title.line
    # the band holds the author and date; without them, the subtitle
    banded = subtitle if not byline else None
    sub = pl.fit_lines(subtitle, width, s.subtitle, 3, sub_path, "subtitle") \
        if subtitle and not banded else None
    sub_h = sub[1] * sub[0] * s.subtitle.line if sub else 0.0
    block_h = 24 + title_h + (18 + sub_h if sub else 0)  # the accent rule sits 24 pt above
    band_h = 0.0
    if byline or banded:
        st, what, at = (s.byline, "author and date", path) if byline else \
            (s.subtitle, "subtitle", sub_path)
        b_size, b_lines = pl.fit_lines(byline or banded, pl.width, st, 2, at, what)
        b_h = b_lines * b_size * st.line
        band_h = max(slide_h * BAND, b_h + 48 * scale)
    room = slide_h - band_h
    top = max(36 * scale, (room - block_h) / 2)
    if top + block_h > room - 12 * scale and band_h:  # a long title: the band gives way
        band_h = max(b_h + 36 * scale, slide_h - top - block_h - 12 * scale)
        room = slide_h - band_h
    if top + block_h > room:
        pl.error(path, "the title, subtitle, author and date do not fit on the slide: "
                 "shorten the title or subtitle")
    y = top + 24
    shapes.append(RectShape(Box(g.margin_x, y - 24, RULE_W * 1.4, RULE_H * 1.5), p.accent,
                            "Accent rule"))
    box = pl.lines_box(g.margin_x, y, width, n, size, s.deck_title)
    shapes.append(pl.text(box, [pl.balanced(title, box.w, size, s.deck_title)], s.deck_title,
                          size, p.text, role="title", name="Title"))
    if sub:
        sub_box = pl.lines_box(g.margin_x, box.bottom + 18, width, sub[1], sub[0], s.subtitle)
        role = "subtitle" if layout.find("subtitle") else "text"
        shapes.append(pl.text(sub_box, [para(subtitle)], s.subtitle, sub[0], p.muted,
                              role=role, name="Subtitle"))
    if band_h:
        shapes.append(RectShape(Box(0, room, slide_w, band_h), p.dark, "Title band"))
        b_box = Box(g.margin_x, room + (band_h - b_h) / 2, pl.width, b_h)
        if byline:
            shapes.append(pl.text(b_box, [para(byline)], s.byline, b_size, p.on_dark,
                                  name="Byline"))
        else:  # a text box: a placeholder would be drawn first, under the band
            shapes.append(pl.text(b_box, [para(banded)], s.subtitle, b_size, p.on_dark,
                                  name="Subtitle"))
    if picture:
        left = g.margin_x + pl.width * 0.62
        area = Box(left, 36 * scale, g.margin_x + pl.width - left, room - 72 * scale)
        spec = model.ImageSpec(path=slide.image, alt=slide.alt or "")
        placed = image(pl, spec, area, path + ("image",))
        shapes += [replace(x, box=replace(x.box, y=area.y + (area.h - x.box.h) / 2))
                   for x in placed]


def _title_in_template(pl: Planner, layout, shapes: list, title_at, sub_at, byline: str,
                       path: tuple) -> None:
    p, s = pl.p, pl.s
    (title, title_path), (subtitle, sub_path) = title_at, sub_at
    title_ph, sub_ph = layout.find("title"), layout.find("subtitle")
    deck_title = s.deck_title
    if title_ph and title_ph.box:
        deck_title = pl.own_style(deck_title, title_ph)
        size, n, box = pl.fit_in_box(title, title_ph.box, deck_title, 3, title_path,
                                     "deck title", room=pl.room_below(layout, title_ph))
    else:
        width = pl.width * 0.9
        size, n = pl.fit_lines(title, width, s.deck_title, 3, title_path, "deck title")
        box = pl.lines_box(pl.g.margin_x, 156 * pl.theme.slide_h / 540, width, n, size,
                           s.deck_title)
        shapes.append(RectShape(Box(pl.g.margin_x, box.y - 24, RULE_W * 1.4, RULE_H * 1.5),
                                p.accent, "Accent rule"))
    shapes.append(pl.text(box, [pl.balanced(title, box.w, size, deck_title, title_ph)],
                          deck_title, size, pl.colour(p.text, True), role="title",
                          anchor=pl.anchor(title_ph), name="Title"))
    if sub_ph and sub_ph.box and (subtitle or byline):
        # subtitle, author and date in the template's subtitle placeholder, where its design
        # puts them
        paras = (((para(subtitle),) if subtitle else ()) +
                 ((para(byline, space_before=0.8 if subtitle else 0.0),) if byline else ()))
        sub_style = pl.own_style(s.subtitle, sub_ph)
        if sub_style.size > size * 0.7:  # never as large as the title it is under
            top = max(round(size * 0.7), 12)
            sub_style = replace(sub_style, size=top, min_size=min(sub_style.min_size, top))
        fit = pl.fit_paras(paras, sub_ph.box, sub_style, sub_path if subtitle else path,
                           "subtitle", room=pl.room_below(layout, sub_ph))
        if fit is not None:
            shapes.append(pl.text(fit[1], paras, sub_style, fit[0],
                                  pl.colour(p.muted, True), role="subtitle", name="Subtitle"))
        return
    width = box.w
    if subtitle:
        sub = pl.fit_lines(subtitle, width, s.subtitle, 3, sub_path, "subtitle")
        sub_box = pl.lines_box(box.x, box.bottom + 18, width, sub[1], sub[0], s.subtitle)
        role = "subtitle" if sub_ph else "text"
        shapes.append(pl.text(sub_box, [para(subtitle)], s.subtitle, sub[0],
                              pl.colour(p.muted, role == "subtitle"), role=role,
                              name="Subtitle"))
    if byline:
        st = s.byline
        b_size, b_lines = pl.fit_lines(byline, width, st, 2, path, "author and date")
        above = (sub_box if subtitle else box).bottom + 18  # never into a long subtitle
        b_box = pl.lines_box(box.x, max(min(440 * pl.theme.slide_h / 540,
                                            pl.g.body_bottom - 40), above),
                             width, b_lines, b_size, st)
        if b_box.bottom > pl.theme.slide_h:
            pl.error(path, "the title, subtitle, author and date do not fit on the slide: "
                     "shorten the title or subtitle")
        shapes.append(pl.text(b_box, [para(byline)], st, b_size, p.text, name="Byline"))
