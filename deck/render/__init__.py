"""DeckPlan → python-pptx Presentation. Draws what the plan says; decides nothing.

One `render_<shape>` per shape kind. Titles go into the layout's title placeholder (so outline
view, accessibility checkers and "Reset slide" work); everything else is a native shape.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN

from .. import markup
from ..charttypes import type_name
from ..plan import (
    ChartShape,
    DeckPlan,
    PictureShape,
    RectShape,
    SlideNumberShape,
    SlidePlan,
    TableShape,
    TextShape,
)
from ..theme import Theme
from . import oxml
from .chart import render_chart
from .image_cache import ChartImages
from .table import render_table
from .text import emu, fill_text_frame

# Layouts of python-pptx's default template, by the names PowerPoint shows.
LAYOUTS = {"title": "Title Slide", "section": "Section Header", "content": "Title Only",
           "blank": "Blank"}
DEFAULT_TEMPLATE_W = 9144000  # the default template is 4:3, 10 in wide


def render_deck(plan: DeckPlan, timestamp: datetime, cache: Path | None = None, progress=None):
    """Build the presentation in memory. Returns a python-pptx Presentation.

    `timestamp` becomes the created/modified time: pass a fixed one for reproducible files.
    `cache` is a folder for the PNGs of image charts (None: kept in this process only).
    `progress("rendering", done, total)`, when given, is called after each slide."""
    theme = plan.theme
    prs = Presentation()
    _widen_template(prs, theme)
    oxml.count_part_names(prs)
    slides = oxml.SlideAdder(prs)
    layouts = {key: prs.slide_layouts.get_by_name(name) for key, name in LAYOUTS.items()}
    by_section: list[list[int]] = [[] for _ in plan.sections]
    images = ChartImages(cache)
    with oxml.fast_workbooks(timestamp):
        for number, slide_plan in enumerate(plan.slides, start=1):
            has_title = any(isinstance(s, TextShape) and s.role == "title"
                            for s in slide_plan.shapes)
            layout = layouts[slide_plan.layout if has_title else "blank"]
            slide = slides.add(layout)
            render_slide(slide, slide_plan, theme, plan.language, number, images)
            by_section[slide_plan.section].append(number - 1)
            if progress:
                progress("rendering", number, len(plan.slides))
    oxml.set_sections(prs, list(zip(plan.sections, by_section)))
    _set_properties(prs, plan, timestamp)
    return prs


def _set_properties(prs, plan: DeckPlan, timestamp: datetime) -> None:
    """Document properties from the outline only: nothing left from python-pptx's template."""
    props = prs.core_properties
    props.title = markup.plain_text(plan.title)
    props.subject = markup.plain_text(plan.subject or "")
    props.author = props.last_modified_by = markup.plain_text(plan.author or "")
    props.comments = ""
    props.language = plan.language
    props.revision = 1
    props.created = props.modified = timestamp
    notes = sum(1 for s in plan.slides if s.notes)
    oxml.set_app_properties(prs, len(plan.slides), notes)


def _widen_template(prs, theme: Theme) -> None:
    """16:9 slides, with the master's and layouts' placeholders moved to match, so slides a user
    adds later in PowerPoint are laid out for the new width."""
    width, height = emu(theme.slide_w), emu(theme.slide_h)
    prs.slide_width, prs.slide_height = width, height
    prs.slide_master.background.fill.solid()
    prs.slide_master.background.fill.fore_color.rgb = RGBColor.from_string(theme.palette.background)
    oxml.scale_placeholders_x(prs, width / DEFAULT_TEMPLATE_W)


def render_slide(slide, plan: SlidePlan, theme: Theme, lang: str, number: int,
                 images: ChartImages | None = None) -> None:
    if plan.background:
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = RGBColor.from_string(plan.background)
    used = set()
    for shape in plan.shapes:
        if isinstance(shape, TextShape):
            used.add(render_text(slide, shape, theme, lang))
        elif isinstance(shape, TableShape):
            render_table(slide, shape, theme, lang)
        elif isinstance(shape, ChartShape) and shape.image:
            render_chart_picture(slide, shape, theme, images or ChartImages())
        elif isinstance(shape, ChartShape):
            render_chart(slide, shape, theme)
        elif isinstance(shape, PictureShape):
            render_picture(slide, shape)
        elif isinstance(shape, RectShape):
            render_rect(slide, shape)
        elif isinstance(shape, SlideNumberShape):
            render_slide_number(slide, shape, theme, lang, number)
    oxml.remove_placeholders(slide, used)
    if plan.notes:
        slide.notes_slide.notes_text_frame.text = markup.plain_text(plan.notes, show_links=True)


def _place(shape, box) -> None:
    shape.left, shape.top = emu(box.x), emu(box.y)
    shape.width, shape.height = emu(box.w), emu(box.h)


def render_text(slide, shape: TextShape, theme: Theme, lang: str) -> int:
    """Into the title or subtitle placeholder for those roles, else a new text box.
    Returns the shape id used."""
    target = None
    if shape.role == "title":
        target = slide.shapes.title
    elif shape.role == "subtitle":
        target = next((ph for ph in slide.placeholders if ph.placeholder_format.idx == 1), None)
    if target is None:
        target = slide.shapes.add_textbox(emu(shape.box.x), emu(shape.box.y), emu(shape.box.w),
                                          emu(shape.box.h))
    target.name = shape.name
    _place(target, shape.box)
    fill_text_frame(target.text_frame, shape, theme, lang, slide.part)
    return target.shape_id


def render_picture(slide, shape: PictureShape):
    pic = slide.shapes.add_picture(str(shape.path), emu(shape.box.x), emu(shape.box.y),
                                   emu(shape.box.w), emu(shape.box.h))
    oxml.set_alt_text(pic, shape.alt)
    return pic


def render_chart_picture(slide, shape: ChartShape, theme: Theme, images: ChartImages):
    """A chart drawn by matplotlib (or taken from the cache), as a PNG filling its box."""
    png = images.png(shape, theme)
    box = shape.box
    pic = slide.shapes.add_picture(io.BytesIO(png), emu(box.x), emu(box.y), emu(box.w),
                                   emu(box.h))
    pic.name = f"{type_name(shape.spec.type)} chart (image)"
    oxml.set_alt_text(pic, shape.alt)
    return pic


def render_rect(slide, shape: RectShape) -> None:
    box = shape.box
    oxml.add_rect(slide, emu(box.x), emu(box.y), emu(box.w), emu(box.h), fill=shape.fill,
                  name=shape.name)


def render_slide_number(slide, shape: SlideNumberShape, theme: Theme, lang: str, number: int):
    box = slide.shapes.add_textbox(emu(shape.box.x), emu(shape.box.y), emu(shape.box.w),
                                   emu(shape.box.h))
    box.name = "Slide number"
    oxml.set_body(box.text_frame)
    paragraph = box.text_frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.RIGHT
    oxml.add_slide_number_field(paragraph, number, size_hundredths=int(shape.size * 100),
                                color=shape.color, font=theme.fonts.body.name, lang=lang)
    return box
