"""The frame every content slide shares (title, accent rule, footer) and the fitting helpers
the slide planners use. Pure geometry: no python-pptx, no YAML."""

from __future__ import annotations

from collections.abc import Callable

from .. import markup, measure, model
from ..errors import Diagnostic
from ..files import Files
from ..plan import Box, RectShape, SlideNumberShape, SlidePlan, TextShape
from ..theme import TextStyle, Theme
from .text import max_lines, para, styled

# (path, message, severity) → a located Diagnostic; the caller knows where paths are in the file.
Locate = Callable[[tuple, str, str], Diagnostic]

CONT = " (cont.)"
RULE_W, RULE_H = 56.0, 4.0  # the accent rule under each title


class Planner:
    """Planning state for one deck: theme, where things are in the outline, what went wrong."""

    def __init__(self, deck: model.Deck, theme: Theme, locate: Locate, files: Files):
        self.deck, self.theme, self.locate, self.files = deck, theme, locate, files
        self.p, self.s, self.g = theme.palette, theme.sizes, theme.geometry
        self.width = theme.slide_w - 2 * self.g.margin_x
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []

    def error(self, path: tuple, message: str) -> None:
        diag = self.locate(path, message, "error")
        if diag not in self.errors:  # the footer is planned on every slide: report it once
            self.errors.append(diag)

    def warn(self, path: tuple, message: str) -> None:
        self.warnings.append(self.locate(path, message, "warning"))

    def text(self, box: Box, paras, style: TextStyle, size: float, color: str, **kw) -> TextShape:
        """A text shape in a role's style; keyword arguments override TextShape fields."""
        fields = {"line": style.line, "bold": style.bold, "italic": style.italic,
                  "font": self.theme.face(style).name, **kw}
        return TextShape(box=box, paras=tuple(paras), size=size, color=color, **fields)

    def lines_box(self, x: float, y: float, w: float, n: int, size: float, style: TextStyle) -> Box:
        return Box(x, y, w, n * size * style.line)

    def fit_lines(self, text: str, width: float, style: TextStyle, lines: int, path: tuple,
                  what: str, *, warn: bool = True, probe: bool = False) -> tuple[float, int]:
        """(size, lines used): the largest size, from the theme size down to the minimum, at
        which `text` fits in `lines` lines. Warns when it shrank; when not even the minimum fits
        it reports an error and returns the minimum, so planning can go on to find more."""
        runs = markup.parse(text)
        face = self.theme.face(style)
        fit = max_lines(runs, width, style, lines, face=face)
        if fit is None:
            if not probe:
                n = measure.count_lines(styled(runs, style), width, style.min_size, face)
                self.error(path, f"{what} needs {n} lines even at {style.min_size:g} pt; at most "
                           f"{lines} fit: shorten it")
            return style.min_size, lines
        if fit[0] < style.size and warn and not probe:
            self.warn(path, f"{what} shrunk from {style.size:g} pt to {fit[0]:g} pt")
        return fit

    def frame(self, title: str | None, path: tuple, shapes: list, *, warn: bool = True,
              probe: bool = False) -> Box:
        """Title, accent rule and footer of a content slide; returns the body box.

        `warn=False` reports errors only (continuation slides); `probe` reports nothing, to
        learn the body box before the slide is built."""
        g, mx = self.g, self.g.margin_x
        y = g.title_top
        if title:
            style = self.s.title
            size, n = self.fit_lines(title, self.width, style, 2, path + ("title",), "title",
                                     warn=warn, probe=probe)
            box = self.lines_box(mx, y, self.width, n, size, style)
            shapes.append(self.text(box, [para(title)], style, size, self.p.text, role="title",
                                    anchor="bottom",
                                    name="Title"))
            y = box.bottom + 12
            shapes.append(RectShape(Box(mx, y, RULE_W, RULE_H), self.p.accent, "Accent rule"))
            y += RULE_H + g.title_gap
        style = self.s.footer
        if self.deck.footer:
            width = self.width * 0.75
            size, n = self.fit_lines(self.deck.footer, width, style, 1, ("footer",), "footer",
                                     probe=probe)
            shapes.append(self.text(self.lines_box(mx, g.footer_top, width, n, size, style),
                                    [para(self.deck.footer)], style, size, self.p.muted,
                                    name="Footer"))
        if self.deck.slide_numbers:
            shapes.append(SlideNumberShape(Box(self.theme.slide_w - mx - 80, g.footer_top, 80,
                                               style.size * style.line), style.size, self.p.muted))
        return Box(mx, y, self.width, g.body_bottom - y)

    def body_box(self, title: str | None, path: tuple) -> Box:
        """The body box left by a title, and by the same title marked "(cont.)"; the smaller."""
        first = self.frame(title, path, [], probe=True)
        if not title:
            return first
        cont = self.frame(title + CONT, path, [], probe=True)
        return first if first.h <= cont.h else cont

    def content(self, kind: str, title, path, notes, build, warn: bool = True) -> SlidePlan:
        shapes: list = []
        body = self.frame(title, path, shapes, warn=warn)
        build(body, shapes)
        return SlidePlan(kind, "content", shapes, notes)

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
        return Box(body.x, body.y, body.w, body.h - h - 10), shape
