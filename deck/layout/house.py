"""Where a slide a person adds to a deck by hand puts its title and text, in the deck's own
design: the boxes and type the default template's master and layouts are given, so a
"Title and Content" slide added in PowerPoint (or with python-pptx) has its title where deck
puts titles, left-aligned and bold at the title size, and its bullets at the body size with
deck's indents and spacing. Pure geometry, in points, like the rest of layout/."""

from __future__ import annotations

from msgspec import Struct

from ..plan import Box
from ..theme import Theme
from .cover import AGENDA_SPACE
from .frame import RULE_H
from .text import BULLET_INDENT, ITEM_SPACE


class HouseStyle(Struct, frozen=True):
    """The master's title and body placeholders and the "Two Content" layout's columns
    (points), with the type they are set in."""

    title: Box  # two lines of the title size, from the theme's title top
    body: Box  # where a content slide's body starts after a one-line title, to the footer band
    columns: tuple[Box, Box]
    comparison: tuple[Box, Box, Box, Box]  # "Comparison": heading, contents; heading, contents
    title_size: float
    title_pitch: float  # line pitch, points
    title_bold: bool
    body_size: float
    body_pitch: float
    indent: float  # points per bullet level, the bullet hanging in it
    item_space: float  # points before each top-level bullet
    section_title: Box  # the "Section Header" layout: a divider's title, two lines
    section_body: Box  # and under it, what the section holds
    section_size: float
    section_pitch: float
    agenda_size: float
    agenda_pitch: float
    agenda_space: float  # before each line but the first


def house_style(theme: Theme) -> HouseStyle:
    """The theme's content-slide frame as `frame.Planner.frame` lays out a one-line title."""
    g, s = theme.geometry, theme.sizes
    width = theme.slide_w - 2 * g.margin_x
    title_pitch = s.title.size * s.title.line
    body_top = g.title_top + title_pitch + 12 + RULE_H + g.title_gap
    body = Box(g.margin_x, body_top, width, max(0.0, g.body_bottom - body_top))
    section_pitch = s.section.size * s.section.line
    section_top = 150 * theme.slide_h / 540  # where cover.plan_section puts a divider's title
    section_title = Box(g.margin_x, section_top, width, 2 * section_pitch)
    agenda_top = section_title.bottom + 30
    half = (width - g.gutter) / 2
    columns = (Box(body.x, body.y, half, body.h),
               Box(body.x + half + g.gutter, body.y, half, body.h))
    heading = 1.2 * s.body.size * s.body.line  # one line of a bold column heading, and air
    comparison: list[Box] = []
    for column in columns:
        comparison += [Box(column.x, column.y, column.w, heading),
                       Box(column.x, column.y + heading, column.w,
                           max(0.0, column.h - heading))]
    return HouseStyle(Box(g.margin_x, g.title_top, width, 2 * title_pitch), body, columns,
                      tuple(comparison),
                      s.title.size, title_pitch, s.title.bold, s.body.size,
                      s.body.size * s.body.line, BULLET_INDENT * s.body.size,
                      ITEM_SPACE * s.body.size, section_title,
                      Box(g.margin_x, agenda_top, width, max(0.0, g.body_bottom - agenda_top)),
                      s.section.size, section_pitch, s.agenda.size,
                      s.agenda.size * s.agenda.line, AGENDA_SPACE * s.agenda.size)
