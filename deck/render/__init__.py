"""DeckPlan → python-pptx Presentation. Draws what the plan says; decides nothing.

One `render_<shape>` per shape kind. Titles go into the layout's title placeholder (so outline
view, accessibility checkers and "Reset slide" work); everything else is a native shape.
"""

from __future__ import annotations

import gc
import io
from datetime import datetime
from pathlib import Path

import msgspec
from pptx import Presentation
from pptx.dml.color import RGBColor

from .. import fingerprint, markup
from ..charttypes import type_name
from ..layout.house import house_style
from ..layout.mirror import is_rtl_language
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
from .cache import Reuse, SlideCache
from .image_cache import ChartImages
from .oxml import a11y as oxml_a11y
from .oxml.house import restyle_default_template
from .picture import picture_source
from .table import render_table
from .template import open_template
from .text import BULLET_CHARS, deck_east_asian, emu, fill_text_frame, write_notes

DEFAULT_TEMPLATE_W = 9144000  # the default template is 4:3, 10 in wide


def render_deck(plan: DeckPlan, timestamp: datetime, cache: Path | None = None, progress=None,
                slide_cache: SlideCache | None = None):
    """Build the presentation in memory. Returns a python-pptx Presentation whose slides are
    stubs (oxml.link.SlideStub): each is cut into its compressed bundle as soon as it is
    rendered, so memory grows by compressed bytes; `writer.package_bytes` writes it.

    `timestamp` becomes the created/modified time: pass a fixed one for reproducible files.
    `cache` is a folder for the PNGs of image charts (None: kept in this process only).
    `progress("rendering", done, total)`, when given, is called after each slide.
    `slide_cache`: slides of earlier builds (render/cache.py); those found there are not
    rendered again but written from their cached parts when the package is saved."""
    theme = plan.theme
    template = plan.template.path if plan.template else None
    prs, cloned = (_default_template(theme, is_rtl_language(plan.language))
                   if template is None else (open_template(template), None))
    oxml.count_part_names(prs)
    slides = oxml.SlideAdder(prs, cloned)
    notes = oxml.NotesWriter()
    layouts = {}
    for layout in prs.slide_layouts:
        layouts.setdefault(layout.name, layout)
    by_section: list[list[int]] = [[] for _ in plan.sections]
    images = ChartImages(cache)
    prints = []  # issue 13: what each slide holds as written, recorded in the deck
    reuse = prs.part.package.deck_reuse = Reuse(plan, timestamp, slide_cache)
    if any(s.notes for s in plan.slides):
        _ = prs.notes_master  # made (a property) before the slides, whichever are rendered
    with oxml.fast_workbooks(timestamp):
        for number, slide_plan in enumerate(plan.slides, start=1):
            key = reuse.key(number, slide_plan)
            bundle = reuse.cached(key)
            if bundle is not None:  # unchanged since the last build: its parts are cached
                reuse.stub(slides, bundle)
                prints.append(bundle.extra)
            else:
                slide = slides.add(_layout_of(prs, slide_plan, layouts))
                render_slide(slide, slide_plan, theme, plan.language, number, images, notes)
                prints.append(fingerprint.print_slide(slide, slide_plan.kind))
                reuse.rendered(slides, slide, key, prints[-1])  # now a stub: XML dropped
                del slide
                # the slide's python-pptx objects refer to each other (slide ↔ shapes, …) and
                # to its XML, and the full cyclic GC is paused (pipeline._no_cyclic_gc): the
                # youngest generation, this slide's objects, is collected, so the tree goes
                gc.collect(0)
            by_section[slide_plan.section].append(number - 1)
            if progress:
                progress("rendering", number, len(plan.slides))
    oxml.set_sections(prs, list(zip(plan.sections, by_section)))
    _set_properties(prs, plan, timestamp)
    fingerprint.record(prs, prints)
    oxml.apply_compat(prs, plan.language, deck_east_asian(theme, plan.language))
    return prs


def _layout_of(prs, plan: SlidePlan, layouts: dict):
    """The slide's layout: by (master, layout) index in a template, by name otherwise."""
    if plan.layout_at is not None:
        master, index = plan.layout_at
        return prs.slide_masters[master].slide_layouts[index]
    return layouts[plan.layout]


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


# (theme, direction) → python-pptx's template, widened and styled (a saved package), and the
# placeholders its layouts give new slides (oxml.SlideAdder); None: used once, not saved yet
_PREPARED: dict[bytes, tuple[bytes, dict] | None] = {}


def _default_template(theme: Theme, rtl: bool = False):
    """python-pptx's default template prepared for `theme` (16:9, its colours and fonts; set
    right to left for an `rtl` deck), and its layouts' placeholders. The first build with a
    theme uses the prepared presentation as it is (a one-off `deck build` needs nothing more);
    the second saves a prepared package and later builds open that afresh: a watch session
    rebuilds with one theme many times, and reopening costs less than preparing again.
    Returns (Presentation, placeholder cache)."""
    key = msgspec.json.encode((theme, rtl))
    found = _PREPARED.get(key, False)  # False: never seen
    if not found:
        prepared = open_template(None)
        _widen_template(prepared, theme, rtl)
        _PREPARED.clear()  # one theme at a time is what a session uses
        if found is False:
            _PREPARED[key] = None
            return prepared, None
        buffer = io.BytesIO()
        prepared.save(buffer)
        _PREPARED[key] = found = (buffer.getvalue(), {})
    data, cloned = found
    return Presentation(io.BytesIO(data)), cloned


def _widen_template(prs, theme: Theme, rtl: bool = False) -> None:
    """16:9 slides, with the master's and layouts' placeholders moved to match, and the deck's
    colours and fonts in the theme, so slides and shapes a user adds later in PowerPoint are
    laid out for the new width and styled like the rest."""
    width, height = emu(theme.slide_w), emu(theme.slide_h)
    prs.slide_width, prs.slide_height = width, height
    prs.slide_master.background.fill.solid()
    prs.slide_master.background.fill.fore_color.rgb = RGBColor.from_string(theme.palette.background)
    oxml.scale_placeholders_x(prs, width / DEFAULT_TEMPLATE_W)
    p = theme.palette
    series = (p.series + (p.accent, p.dark, p.muted) * 2)[:6]
    colors = {"dk1": p.text, "lt1": p.background, "dk2": p.dark, "lt2": p.surface,
              "hlink": p.accent, "folHlink": p.muted}
    colors.update({f"accent{k}": rgb for k, rgb in enumerate(series, start=1)})
    oxml.set_theme(prs, colors, theme.fonts.face("heading").name, theme.fonts.body.name)
    # a slide a colleague adds from these layouts has deck's title and bullets (layout/house.py)
    restyle_default_template(prs, house_style(theme), accent=p.accent, bullet_chars=BULLET_CHARS,
                             colours={"dark": p.dark, "on_dark": p.on_dark,
                                      "muted_on_dark": p.muted_on_dark}, rtl=rtl)


def render_slide(slide, plan: SlidePlan, theme: Theme, lang: str, number: int,
                 images: ChartImages | None = None, notes: oxml.NotesWriter | None = None) -> None:
    if plan.background:
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = RGBColor.from_string(plan.background)
    used = set()
    slots = Slots(slide)
    made: dict[int, int] = {}  # id(planned shape) → the shape id drawn for it
    order: list[int] = []  # every shape id drawn, in the plan's (reading) order
    for shape in plan.shapes:
        drawn = None
        if isinstance(shape, TextShape):
            drawn = render_text(slide, shape, theme, lang, slots)
            used.add(drawn)
        elif isinstance(shape, TableShape):
            drawn = made[id(shape)] = render_table(slide, shape, theme, lang,
                                                   slots.by_idx(shape.placeholder))
        elif isinstance(shape, ChartShape) and shape.image:
            drawn = made[id(shape)] = render_chart_picture(slide, shape, theme,
                                                           images or ChartImages(),
                                                           lang).shape_id
        elif isinstance(shape, ChartShape):
            from .chart import render_chart  # python-pptx's chart modules: by a chart only

            drawn = made[id(shape)] = render_chart(slide, shape, theme,
                                                   slots.by_idx(shape.placeholder), lang)
        elif isinstance(shape, PictureShape):
            drawn = made[id(shape)] = render_picture(slide, shape,
                                                     slots.by_idx(shape.placeholder))
        elif isinstance(shape, RectShape):
            drawn = render_rect(slide, shape)
        elif isinstance(shape, SlideNumberShape):
            drawn = render_slide_number(slide, shape, theme, lang, number)
        if drawn is not None:
            order.append(drawn)
    for shape in plan.shapes:  # charts, tables, pictures into the layout's content slots
        content = getattr(shape, "content", None)
        target = slots.get("body", content) if content is not None else None
        if target is not None and id(shape) in made:
            oxml.fill_placeholder(slide, made[id(shape)], target)
    used.update(made.values())
    oxml.remove_placeholders(slide, used)
    oxml_a11y.reading_order(slide, order)  # the plan's order (deck/a11y.py) is reading order
    if plan.notes:
        text = markup.plain_text(plan.notes, show_links=True)
        (notes or oxml.NotesWriter()).write(
            slide, text, fill=lambda body: write_notes(body, text, theme, lang))


def _place(shape, box) -> None:
    oxml.set_box(shape, emu(box.x), emu(box.y), emu(box.w), emu(box.h))


class Slots:
    """The placeholders a new slide got from its layout, by role, in idx order (the order
    layout.LayoutInfo.find counts them in)."""

    def __init__(self, slide):
        self.by_role: dict[str, list] = {}
        self.idx = {}
        for role, idx, shape in oxml.placeholders(slide):
            self.idx[idx] = shape
            if role:
                self.by_role.setdefault(role, []).append(shape)

    def get(self, role: str, nth: int = 0):
        found = self.by_role.get(role, [])
        return found[nth] if nth < len(found) else None

    def by_idx(self, idx: int | None):
        return self.idx.get(idx) if idx is not None else None


def render_text(slide, shape: TextShape, theme: Theme, lang: str, slots: Slots) -> int:
    """Into the layout's placeholder for its role (title, subtitle, the nth body), else a new
    text box. Returns the shape id used."""
    target = None
    if shape.role in ("title", "subtitle", "body"):
        target = slots.get(shape.role, shape.slot if shape.role == "body" else 0)
    if target is None:
        target = slide.shapes.add_textbox(emu(shape.box.x), emu(shape.box.y), emu(shape.box.w),
                                          emu(shape.box.h))
        if shape.role == "title":  # a layout without a title: still the slide's title
            oxml_a11y.make_title_placeholder(target)
    oxml_a11y.set_name(target, shape.name)
    _place(target, shape.box)
    fill_text_frame(target.text_frame, shape, theme, lang, slide.part)
    return oxml_a11y.shape_id(target)


def render_picture(slide, shape: PictureShape, placeholder=None) -> int:
    """A picture at its planned box, in the template's picture placeholder when it has one
    (uncropped: the plan already kept the picture's proportions). Returns its shape id."""
    if placeholder is not None:
        pic = placeholder.insert_picture(picture_source(shape.path))
        pic.crop_left = pic.crop_right = pic.crop_top = pic.crop_bottom = 0
        _place(pic, shape.box)
    else:
        pic = slide.shapes.add_picture(picture_source(shape.path), emu(shape.box.x),
                                       emu(shape.box.y),
                                       emu(shape.box.w), emu(shape.box.h))
    oxml.set_alt_text(pic, shape.alt)
    if not shape.alt:  # a background, or `decorative: true`: skipped by screen readers
        oxml_a11y.set_decorative(pic._element)
    return pic.shape_id


def render_chart_picture(slide, shape: ChartShape, theme: Theme, images: ChartImages,
                         lang: str = "en-US"):
    """A chart drawn by matplotlib (or taken from the cache), as a PNG filling its box; the
    chart's fields ride in the PNG, so `deck import` gives the chart back (chart_record.py)."""
    from .chart_record import with_fields

    png = with_fields(images.png(shape, theme, lang), shape.spec)
    box = shape.box
    pic = slide.shapes.add_picture(io.BytesIO(png), emu(box.x), emu(box.y), emu(box.w),
                                   emu(box.h))
    pic.name = f"{type_name(shape.spec.type)} chart (image)"
    oxml.set_alt_text(pic, shape.alt)
    return pic


def render_rect(slide, shape: RectShape) -> int:
    """A decorative rectangle (an accent rule); returns its shape id."""
    box = shape.box
    return oxml.add_rect(slide, emu(box.x), emu(box.y), emu(box.w), emu(box.h),
                         fill=shape.fill, name=shape.name, decorative=True)


def render_slide_number(slide, shape: SlideNumberShape, theme: Theme, lang: str,
                        number: int) -> int:
    """The slide number's text box (a field, so reordering renumbers); returns its shape id."""
    box = shape.box
    return oxml.add_slide_number(slide, (emu(box.x), emu(box.y), emu(box.w), emu(box.h)),
                                 number, align="l" if shape.align == "left" else "r",
                                 size_hundredths=int(shape.size * 100), color=shape.color,
                                 font=theme.fonts.body.name, lang=lang)
