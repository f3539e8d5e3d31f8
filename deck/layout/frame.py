"""The frame every content slide shares (title, accent rule, footer) and the fitting helpers
the slide planners use. Pure geometry: no python-pptx, no YAML."""

from __future__ import annotations

from collections.abc import Callable

from msgspec import Struct

from .. import markup, measure, model
from ..errors import Diagnostic
from ..files import Files
from ..plan import (
    DEFAULT_TEMPLATE,
    Box,
    LayoutInfo,
    Para,
    PictureShape,
    Placeholder,
    RectShape,
    SlideNumberShape,
    SlidePlan,
    TemplateInfo,
    TextShape,
)
from ..theme import TextStyle, Theme
from .choose import Chooser
from .fitting import (  # noqa: F401  (worst_contrast, theme_for: for callers of frame)
    FLOOR,
    FLOOR_OTHER,
    MARGIN,
    TemplatePlanning,
    theme_for,
    worst_contrast,
)
from .text import balanced_para, max_lines, para, styled

# (path, message, severity) → a located Diagnostic; the caller knows where paths are in the file.
Locate = Callable[[tuple, str, str], Diagnostic]

CONT = " (cont.)"
# what marks a continued slide's title, and the sources slide's default title, by language
# (BCP 47 primary subtag); anything else gets the English
CONTINUED = {"zh": "（续）", "ja": "（続き）", "ko": " (계속)", "fr": " (suite)",
             "de": " (Forts.)", "es": " (cont.)", "pt": " (cont.)", "it": " (segue)",
             "ar": " (تابع)", "he": " (המשך)", "fa": " (ادامه)", "ru": " (продолжение)"}
SOURCES = {"zh": "资料来源", "ja": "出典", "ko": "출처", "fr": "Sources", "de": "Quellen",
           "es": "Fuentes", "pt": "Fontes", "it": "Fonti", "ar": "المصادر", "he": "מקורות",
           "fa": "منابع", "ru": "Источники"}
SAME = object()  # "the slide's own value"
RULE_W, RULE_H = 56.0, 4.0  # the accent rule under each title


class Frame(Struct, frozen=True):
    """A content slide's frame: its layout, and the box (or boxes) its content goes in."""

    layout: LayoutInfo
    body: Box
    columns: tuple[Box, Box] | None = None  # the layout's two content placeholders, if it has


MIN_CONTENT_H = 36.0  # pt: the least height a chart, table or picture is given


class Planner(TemplatePlanning):
    """Planning state for one deck: theme, template, where things are in the outline, what
    went wrong. With a template (`template.path` set) titles, bodies and footers take the
    template's placeholders' places and colours; without one, the theme's geometry."""

    def __init__(self, deck: model.Deck, theme: Theme, locate: Locate, files: Files,
                 template: TemplateInfo = DEFAULT_TEMPLATE):
        self.template = template
        self.custom = template.path is not None
        self.font_notes: list[str] = []
        theme = theme_for(theme, template) if self.custom else theme
        self.chooser = Chooser(template, theme.layouts) if self.custom else None
        if self.chooser is not None:
            theme = self._template_fonts(theme)
            theme = self._template_palette(theme)
        self.deck, self.theme, self.locate, self.files = deck, theme, locate, files
        self.p, self.s, self.g = theme.palette, theme.sizes, theme.geometry
        self.width = theme.slide_w - 2 * self.g.margin_x
        primary = deck.language.split("-")[0].lower()
        self.cont = CONTINUED.get(primary, CONT)
        self.sources_title = SOURCES.get(primary, "Sources")
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.here: LayoutInfo | None = None  # the layout of the slide being planned
        for note in self.font_notes:  # the template's fonts this machine cannot measure
            self.warn(("template",), note)

    def shown_title(self, slide) -> str | None:
        """The title a slide is shown with: a sources slide's default "Sources" in the deck's
        language (on the slide and in its divider's agenda alike)."""
        title = getattr(slide, "title", None)
        if isinstance(slide, model.SourcesSlide) and title == "Sources":
            return self.sources_title
        return title

    def layout(self, kind: str, override: str | None, path: tuple) -> LayoutInfo:
        """The layout for a kind of slide, or the one a slide names (by name or as
        "Master/Layout"). With a template it is chosen by its placeholders (layout/choose.py);
        a named layout the template lacks is reported, and the chosen one used."""
        if self.chooser is not None:
            self.here = self._layout(kind, override, path)
            return self.here
        return self._named_layout(kind, override, path)

    def _layout(self, kind: str, override: str | None, path: tuple) -> LayoutInfo:
        if override:
            found = self.chooser.find(override, kind)
            if found is not None:
                return found
        choice = self.chooser.choose(kind).layout
        if override:
            names = sorted({li.name for li in self.template.all_layouts})
            self.warn(path + ("layout",), f"layout `{override}` is not in the template "
                      f"(it has: {', '.join(names)}; name one as \"Master/Layout\" to "
                      f"choose its master); using `{choice.key}`")
        return choice

    def _named_layout(self, kind: str, override: str | None, path: tuple) -> LayoutInfo:
        name = override or getattr(self.theme.layouts, kind)
        info = self.template.layouts.get(name)
        if info is not None:
            return info
        want_title = kind != "blank"
        ranked = sorted(self.template.layouts.values(), key=lambda li: (
            (li.find("title") is None) == want_title, len(li.placeholders)))
        fallback = ranked[0]
        where = path + ("layout",) if override else ("template",)
        self.warn(where, f"layout `{name}` is not in the template (it has: "
                  f"{', '.join(self.template.layouts)}); using `{fallback.name}` and drawn "
                  "shapes")
        return fallback

    def slide(self, kind: str, layout: LayoutInfo, shapes: list, notes: str | None,
              **kw) -> SlidePlan:
        """The plan of one slide on `layout` (in a template: its master and index too)."""
        at = (layout.master, layout.index) if self.custom else None
        return SlidePlan(kind, layout.name, shapes, notes, layout_at=at, **kw)

    def colour(self, colour: str, placeholder: bool) -> str | None:
        """Text colour: None (the template's own) for text in a template's placeholder."""
        return None if self.custom and placeholder else colour

    def error(self, path: tuple, message: str) -> None:
        diag = self.locate(path, message, "error")
        if diag not in self.errors:  # the footer is planned on every slide: report it once
            self.errors.append(diag)

    def warn(self, path: tuple, message: str) -> None:
        diag = self.locate(path, message, "warning")
        if diag not in self.warnings:
            self.warnings.append(diag)

    def text(self, box: Box, paras, style: TextStyle, size: float, color: str, **kw) -> TextShape:
        """A text shape in a role's style; keyword arguments override TextShape fields. On a
        template, its colours are chosen to read on the layout's backdrop (`readable`)."""
        fields = {"line": style.line, "bold": style.bold, "italic": style.italic,
                  "font": self.theme.face(style).name, **kw}
        if self.custom and self.here is not None:
            role, name = fields.get("role", "text"), fields.get("name", "Text")
            large = size >= 24 or (size >= 18.5 and fields["bold"])
            color = self.readable(color, box, role, fields.get("slot", 0), name,
                                  3.0 if large else 4.5)
            if fields.get("bullet_color"):
                # a bullet is a glyph of the text's size: the text's contrast, not 3:1
                fields["bullet_color"] = self.readable(fields["bullet_color"], box, "text", 0,
                                                       name, 3.0 if large else 4.5, quiet=True)
        return TextShape(box=box, paras=tuple(paras), size=size, color=color, **fields)

    def lines_box(self, x: float, y: float, w: float, n: int, size: float, style: TextStyle) -> Box:
        return Box(x, y, w, n * size * style.line)

    def balanced(self, text: str, width: float, size: float, style: TextStyle,
                 ph: Placeholder | None = None) -> Para:
        """A title's paragraph, its lines shared evenly (layout.text.balanced_para); in a
        template's placeholder, aligned as the template aligns it."""
        kw = {"align": ph.align} if self.custom and ph is not None and ph.align else {}
        return balanced_para(text, width, size, style, self.theme.face(style), **kw)

    def fit_lines(self, text: str, width: float, style: TextStyle, lines: int, path: tuple,
                  what: str, *, warn: bool = True, probe: bool = False,
                  height: float | None = None) -> tuple[float, int]:
        """(size, lines used): the largest size, from the theme size down to the minimum, at
        which `text` fits in `lines` lines. Warns when it shrank; when not even the minimum fits
        it reports an error and returns the minimum, so planning can go on to find more."""
        runs = markup.parse(text)
        face = self.theme.face(style)
        fit = max_lines(runs, width, style, lines, face=face, height=height)
        if fit is None:
            if not probe:
                n = measure.count_lines(styled(runs, style), width, style.min_size, face)
                self.error(path, f"{what} needs {n} lines even at {style.min_size:g} pt; at most "
                           f"{lines} fit: shorten it")
            return style.min_size, lines
        if fit[0] < style.size and warn and not probe:
            self.warn(path, f"{what} shrunk from {style.size:g} pt to {fit[0]:g} pt")
        return fit

    def frame(self, title: str | None, path: tuple, shapes: list, layout: LayoutInfo, *,
              warn: bool = True, probe: bool = False, fit_as: str | None = None) -> Frame:
        """Title, accent rule, footer and background of a content slide; returns its Frame.

        `warn=False` reports errors only (continuation slides); `probe` reports nothing, to
        learn the body box before the slide is built."""
        g, mx = self.g, self.g.margin_x
        y = g.title_top
        self.background(shapes, "content")
        placed = self.custom and layout.find("title") and layout.find("title").box
        if title:
            style = self.s.title
            if placed:  # the template's title placeholder, as many lines as it holds (≤ 2)
                ph = layout.find("title")
                style = self.own_style(style, ph)
                size, n, box = self.fit_in_box(fit_as or title, ph.box, style, 2,
                                               path + ("title",), "title", warn=warn,
                                               probe=probe, room=self.room_below(layout, ph))
                y = box.bottom + g.title_gap / 2
            else:
                size, n = self.fit_lines(fit_as or title, self.width, style, 2,
                                         path + ("title",), "title", warn=warn, probe=probe)
                if fit_as:  # set at fit_as's size, the title itself may need fewer lines
                    n = measure.count_lines(styled(markup.parse(title), style), self.width,
                                            size, self.theme.face(style))
                box = self.lines_box(mx, y, self.width, n, size, style)
                y = box.bottom + 12
                shapes.append(RectShape(Box(mx, y, RULE_W, RULE_H), self.p.accent,
                                        "Accent rule"))
                y += RULE_H + g.title_gap
            ph = layout.find("title") if placed else None
            shapes.append(self.text(box, [self.balanced(title, box.w, size, style, ph)], style,
                                    size, self.colour(self.p.text, True), role="title",
                                    anchor=self.anchor(ph), name="Title"))
        self.footer(shapes, layout, probe)
        body = Box(mx, y, self.width, g.body_bottom - y)
        first, second = layout.find("body"), layout.find("body", 1)
        if self.custom and first and first.box:
            body = first.box
        elif self.custom and (area := self.chooser.body_area(layout)) is not None:
            # no body placeholder: the master's body area, under the title, off the artwork
            top = max(area.y, y if title else area.y)
            if area.bottom - top >= MIN_CONTENT_H * 2:
                body = Box(area.x, top, area.w, area.bottom - top)
        columns = None
        if self.custom and first and second and first.box and second.box:
            columns = (self.above_footer(layout, first.box), self.above_footer(layout, second.box))
        if self.custom:
            body = self.above_footer(layout, body)
        return Frame(layout, body, columns)

    def footer(self, shapes: list, layout: LayoutInfo, probe: bool = False) -> None:
        """Footer text and slide number: in the template's footer places when it has them."""
        g, mx, style = self.g, self.g.margin_x, self.s.footer
        footer_ph = layout.find("footer") if self.custom else None
        number_ph = layout.find("slide_number") if self.custom else None
        if self.deck.footer:
            place = footer_ph.box if footer_ph and footer_ph.box else None
            width = place.w if place else self.width * 0.75
            size, n = self.fit_lines(self.deck.footer, width, style, 1, ("footer",), "footer",
                                     probe=probe)
            box = place or self.lines_box(mx, g.footer_top, width, n, size, style)
            shapes.append(self.text(box, [para(self.deck.footer)], style, size, self.p.muted,
                                    name="Footer", anchor="middle" if place else "top"))
        if self.deck.slide_numbers and not (self.custom and layout.numbered):
            place = number_ph.box if number_ph and number_ph.box else None
            box = place or Box(self.theme.slide_w - mx - 80, g.footer_top, 80,
                               style.size * style.line)
            colour = self.p.muted
            if self.custom and self.here is not None:
                digits = Box(box.right - 2 * style.size, box.y, min(box.w, 2 * style.size),
                             box.h)  # the number is set right: where its digits are
                colour = self.readable(colour, digits, "text", 0, "slide number", 4.5,
                                       quiet=True)
            shapes.append(SlideNumberShape(box, style.size, colour))

    def background(self, shapes: list, kind: str) -> None:
        """The theme's background image for this kind of slide, behind everything."""
        path = getattr(self.theme.backgrounds, kind)
        if path:
            from pathlib import Path

            shapes.append(PictureShape(Box(0, 0, self.theme.slide_w, self.theme.slide_h),
                                       Path(path), ""))

    def body_box(self, kind: str, title: str | None, path: tuple,
                 override: str | None = None) -> Box:
        """The body box left by a title, and by the same title marked "(cont.)"; the smaller."""
        layout = self.layout(kind if title else "blank", override, path)
        first = self.frame(title, path, [], layout, probe=True).body
        if not title:
            return first
        cont = self.frame(title + self.cont, path, [], layout, probe=True).body
        return first if first.h <= cont.h else cont

    def content(self, kind: str, slide, path, build, *, title=SAME, notes=SAME,
                warn: bool = True, fit_as: str | None = None) -> SlidePlan:
        """A content slide: frame, then `build(frame, shapes)` fills its body. `title` and
        `notes` are the slide's unless given (continuation slides give their own); `fit_as`:
        the title is set at the size this longer text fits at."""
        title = slide.title if title is SAME else title
        notes = slide.notes if notes is SAME else notes
        layout = self.layout(kind if title else "blank", slide.layout, path)
        shapes: list = []
        frame = self.frame(title, path, shapes, layout, warn=warn, fit_as=fit_as)
        build(frame, shapes)
        return self.slide(kind, layout, shapes, notes)

    def continued(self, kind: str, slide, path, builds: list) -> list[SlidePlan]:
        """One slide per `build`: the first with the slide's title and notes, the others
        "(cont.)", every title at one size (that of the longer "(cont.)" title)."""
        plans = []
        n = len(builds)
        many = n > 1 and slide.title
        for k, build in enumerate(builds):
            title = slide.title if k == 0 or not slide.title else slide.title + self.cont_mark(k, n)
            notes = slide.notes if k == 0 else "(continued from the previous slide)"
            plans.append(self.content(kind, slide, path, build, title=title, notes=notes,
                                      warn=k == 0,
                                      fit_as=slide.title + self.cont_mark(n - 1, n) if many
                                      else None))
        return plans

    def cont_mark(self, k: int, n: int) -> str:
        """What marks the `k`th of `n` slides a slide continues over: "(cont.)", numbered
        "(cont. 2/3)" when there are more than two, so every slide's title is unique (a screen
        reader's list of slides tells them apart)."""
        if n <= 2:
            return self.cont
        close = self.cont[-1] if self.cont[-1] in ")）" else ""
        return f"{self.cont[:len(self.cont) - len(close)]} {k + 1}/{n}{close}"

    # --- slides --------------------------------------------------------------------------

    def caption_line(self, body: Box, text: str | None, path: tuple, name: str
                     ) -> tuple[Box, TextShape | None]:
        """Reserve up to two caption lines (a source, an image caption) at the bottom of `body`;
        returns the body left above them and the caption shape."""
        if not text:
            return body, None
        st = self.s.caption
        size, n = self.fit_lines(text, body.w, st, 2, path, name.lower())
        h = n * size * st.line
        shape = self.text(Box(body.x, body.bottom - h, body.w, h), [para(text)], st, size,
                          self.p.muted, name=name)
        left = body.h - h - 10
        if left < MIN_CONTENT_H:  # a small template box: an error, never a negative size
            self.error(path, f"the {name.lower()} leaves {max(left, 0):.0f} pt for the content "
                       f"above it, less than {MIN_CONTENT_H:g}: shorten it, or use a layout "
                       "with a taller box")
            left = MIN_CONTENT_H
        return Box(body.x, body.y, body.w, left), shape
