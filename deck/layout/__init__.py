"""Deck model + theme → DeckPlan: every shape placed, every text measured and sized.

Pure geometry: no python-pptx, no YAML. One `_plan_<kind>` per slide kind. Text that does not
fit at the theme size shrinks in steps to its role's minimum; bullets, sources and tables that
still do not fit continue on further slides titled "(cont.)". Every shrink or continuation is
reported as a warning at the slide's line; a title that needs more than two lines even at its
minimum size is an error.
"""

from __future__ import annotations

from msgspec.structs import replace
from pathlib import Path
from typing import Callable

from PIL import Image

from .. import markup, measure, model
from ..errors import Diagnostic, InputError
from ..numfmt import format_number
from ..plan import (Box, ChartShape, DeckPlan, Para, PictureShape, RectShape, SlideNumberShape,
                    SlidePlan, TableShape, TextShape)
from ..theme import TextStyle, Theme
from .table import plan_table
from .text import bullet_items, candidate_sizes, fit_font_size, max_lines, para, paragraphs, text_height

# (path, message, severity) → a located Diagnostic; the caller knows where paths are in the file.
Locate = Callable[[tuple, str, str], Diagnostic]

CONT = " (cont.)"
RULE_W, RULE_H = 56.0, 4.0  # the accent rule under each title


def plan_deck(deck: model.Deck, theme: Theme, locate: Locate, base: Path) -> DeckPlan:
    """Lay out every slide. Raises InputError when something cannot be laid out at all."""
    planner = _Planner(deck, theme, locate, base)
    plan = DeckPlan(slides=[], sections=[], theme=theme, language=deck.language, title=deck.title,
                    author=deck.author, date=deck.date, subject=deck.subtitle)
    number = 0
    for i, section in enumerate(deck.sections):
        plan.sections.append(section.title)
        if section.divider:
            number += 1
            divider = planner.section(section, number, i)
            divider.section = i
            plan.slides.append(divider)
        for j, slide in enumerate(section.slides):
            path = ("sections", i, "slides", j)
            for slide_plan in planner.slide(slide, path):
                slide_plan.section = i
                plan.slides.append(slide_plan)
    if planner.errors:
        raise InputError(planner.errors)
    plan.diagnostics = planner.warnings
    return plan


class _Planner:
    def __init__(self, deck: model.Deck, theme: Theme, locate: Locate, base: Path):
        self.deck, self.theme, self.locate, self.base = deck, theme, locate, base
        self.p, self.s, self.g = theme.palette, theme.sizes, theme.geometry
        self.width = theme.slide_w - 2 * self.g.margin_x
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []

    # --- shared pieces -------------------------------------------------------------------

    def error(self, path: tuple, message: str) -> None:
        diag = self.locate(path, message, "error")
        if diag not in self.errors:  # the footer is planned on every slide: report it once
            self.errors.append(diag)

    def warn(self, path: tuple, message: str) -> None:
        self.warnings.append(self.locate(path, message, "warning"))

    def text(self, box: Box, paras, style: TextStyle, size: float, color: str, **kw) -> TextShape:
        """A text shape in a role's style; keyword arguments override TextShape fields."""
        fields = {"line": style.line, "bold": style.bold, "italic": style.italic, **kw}
        return TextShape(box=box, paras=tuple(paras), size=size, color=color, **fields)

    def lines_box(self, x: float, y: float, w: float, n: int, size: float, style: TextStyle) -> Box:
        return Box(x, y, w, n * size * style.line)

    def fit_lines(self, text: str, width: float, style: TextStyle, lines: int, path: tuple,
                  what: str, *, warn: bool = True, probe: bool = False) -> tuple[float, int]:
        """(size, lines used): the largest size, from the theme size down to the minimum, at
        which `text` fits in `lines` lines. Warns when it shrank; when not even the minimum fits
        it reports an error and returns the minimum, so planning can go on to find more."""
        runs = markup.parse(text)
        fit = max_lines(runs, width, style, lines)
        if fit is None:
            if not probe:
                n = measure.count_lines(runs, width, style.min_size)
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

    def section(self, section: model.Section, number: int, index: int) -> SlidePlan:
        p, style, mx = self.p, self.s.section, self.g.margin_x
        size, n = self.fit_lines(section.title, self.width, style, 2, ("sections", index, "title"),
                                 "section title")
        num_style = self.s.subtitle
        title_box = self.lines_box(mx, 150, self.width, n, size, style)
        shapes = [
            RectShape(Box(mx, 90, RULE_W, RULE_H), p.accent_on_dark, "Accent rule"),
            self.text(Box(mx, 106, 200, num_style.size * num_style.line), [para(f"{number:02d}")],
                      num_style, num_style.size, p.accent_on_dark, bold=True, name="Section number"),
            self.text(title_box, [para(section.title)], style, size, p.on_dark, role="title",
                      name="Title"),
        ]
        # What the section holds, so a divider is a signpost rather than an empty slide.
        titles = [t for t in (getattr(x, "title", None) for x in section.slides) if t]
        if titles:
            agenda = self.s.agenda
            box = Box(mx, title_box.bottom + 30, self.width, self.g.body_bottom - title_box.bottom - 30)
            paras = [para(t, space_before=0.45 if k else 0.0) for k, t in enumerate(titles)]
            fit = fit_font_size(tuple(paras), box.w, box.h, agenda)
            if fit is not None:
                shapes.append(self.text(Box(box.x, box.y, box.w, fit[1]), paras, agenda, fit[0],
                                        p.muted_on_dark, name="Agenda"))
        return SlidePlan("section", "section", shapes, None, background=p.dark)

    def slide(self, slide, path: tuple) -> list[SlidePlan]:
        kind = type(slide).__struct_config__.tag
        return getattr(self, "_plan_" + kind)(slide, path)

    def _plan_title(self, slide: model.TitleSlide, path: tuple) -> list[SlidePlan]:
        d, p, s, mx = self.deck, self.p, self.s, self.g.margin_x
        def own(field: str):  # the slide's own value, else the deck's: (text, where it is written)
            value = getattr(slide, field)
            return (value, path + (field,)) if value is not None else (getattr(d, field), (field,))

        (title, title_at), (subtitle, sub_at) = own("title"), own("subtitle")
        (author, _), (date, _) = own("author"), own("date")
        byline = " · ".join(x for x in (author, date) if x)
        width = self.width * 0.9
        size, n = self.fit_lines(title, width, s.deck_title, 3, title_at, "deck title")
        shapes: list = [RectShape(Box(mx, 132, RULE_W * 1.4, RULE_H * 1.5), p.accent, "Accent rule")]
        box = self.lines_box(mx, 156, width, n, size, s.deck_title)
        shapes.append(self.text(box, [para(title)], s.deck_title, size, p.text, role="title",
                                name="Title"))
        if subtitle:
            sub = self.fit_lines(subtitle, width, s.subtitle, 3, sub_at, "subtitle")
            sub_box = self.lines_box(mx, box.bottom + 18, width, sub[1], sub[0], s.subtitle)
            shapes.append(self.text(sub_box, [para(subtitle)], s.subtitle, sub[0], p.muted,
                                    role="subtitle", name="Subtitle"))
        if byline:
            st = s.byline
            b_size, b_lines = self.fit_lines(byline, width, st, 2, path, "author and date")
            shapes.append(self.text(self.lines_box(mx, 440, width, b_lines, b_size, st),
                                    [para(byline)], st, b_size, p.text, name="Byline"))
        return [SlidePlan("title", "title", shapes, slide.notes)]

    def _plan_statement(self, slide: model.StatementSlide, path: tuple) -> list[SlidePlan]:
        def build(body: Box, shapes: list) -> None:
            s, p = self.s, self.p
            fig_style, cap_style = s.figure, s.figure_caption
            fig = max_lines(markup.parse(slide.figure), body.w, fig_style, 1)  # one line, if it can
            if fig is None:
                fig = self.fit_lines(slide.figure, body.w, fig_style, 2, path + ("figure",),
                                     "the key figure")
            fig_size, fig_lines = fig
            fig_h = fig_lines * fig_size * fig_style.line
            cap_paras = paragraphs(slide.caption) if slide.caption else ()
            cap_w = min(body.w, 760)
            cap = fit_font_size(cap_paras, cap_w, body.h - fig_h - 16, cap_style) if cap_paras else (0, 0)
            if cap is None:
                self.error(path + ("caption",), "the caption does not fit under the figure "
                           f"even at {cap_style.min_size:g} pt: shorten it")
                return
            cap_size, cap_h = cap
            if cap_paras and cap_size < cap_style.size:
                self.warn(path + ("caption",), f"caption shrunk from {cap_style.size:g} pt to "
                          f"{cap_size:g} pt")
            top = body.y + max(0.0, (body.h - fig_h - 16 - cap_h) / 2 - 10)
            shapes.append(self.text(Box(body.x, top, body.w, fig_h), [para(slide.figure)],
                                    fig_style, fig_size, p.accent, name="Figure"))
            if cap_paras:
                shapes.append(self.text(Box(body.x, top + fig_h + 16, cap_w, cap_h), cap_paras,
                                        cap_style, cap_size, p.text, name="Caption"))
        return [self.content("statement", slide.title, path, slide.notes, build)]

    def _plan_quote(self, slide: model.QuoteSlide, path: tuple) -> list[SlidePlan]:
        def build(body: Box, shapes: list) -> None:
            s, p = self.s, self.p
            indent = 72.0
            width = body.w - indent - 40
            attr = [para("— " + slide.attribution)] if slide.attribution else []
            attr_style = s.attribution
            attr_h = text_height(tuple(attr), width, attr_style.size, attr_style.line) if attr else 0
            quote_paras = paragraphs(slide.text)
            fit = fit_font_size(quote_paras, width, body.h - attr_h - 20, s.quote)
            if fit is None:
                self.error(path + ("text",), "the quote does not fit on a slide even at "
                           f"{s.quote.min_size:g} pt: shorten it")
                return
            size, h = fit
            if size < s.quote.size:
                self.warn(path + ("text",), f"quote shrunk from {s.quote.size:g} pt to {size:g} pt")
            top = body.y + max(0.0, (body.h - h - attr_h - 20) / 2 - 10)
            mark = 96.0
            shapes.append(self.text(Box(body.x - 4, top - 0.3 * mark, indent, mark * 1.2),
                                    [para("“")], s.figure, mark, p.accent, line=1.2,
                                    name="Quote mark"))
            shapes.append(self.text(Box(body.x + indent, top, width, h), quote_paras, s.quote,
                                    size, p.text, name="Quote"))
            if attr:
                shapes.append(self.text(Box(body.x + indent, top + h + 20, width, attr_h), attr,
                                        attr_style, attr_style.size, p.muted, name="Attribution"))
        return [self.content("quote", slide.title, path, slide.notes, build)]

    def _plan_bullets(self, slide: model.BulletsSlide, path: tuple) -> list[SlidePlan]:
        groups = bullet_items(slide.bullets)
        return self.paged("bullets", slide, path, groups, self.s.body, "bullets")

    def _plan_sources(self, slide: model.SourcesSlide, path: tuple) -> list[SlidePlan]:
        groups = [(para(src, number=k + 1, space_before=0.45 if k else 0.0),)
                  for k, src in enumerate(slide.sources)]
        return self.paged("sources", slide, path, groups, self.s.sources, "sources")

    def paged(self, kind: str, slide, path: tuple, groups: list[tuple[Para, ...]],
              style: TextStyle, field: str) -> list[SlidePlan]:
        """Paragraph groups on one slide, shrunk as needed, else continued over several."""
        body = self.body_box(slide.title, path)
        chunks = _pack_groups(groups, body, style)
        if chunks is None:
            self.error(path + (field,), f"one item is too long for a whole slide even at "
                       f"{style.min_size:g} pt: split it")
            return []
        size = chunks[0][1]
        if size < style.size:
            self.warn(path + (field,), f"{field} shrunk from {style.size:g} pt to {size:g} pt")
        if len(chunks) > 1:
            self.warn(path + (field,), f"{field} continued over {len(chunks)} slides")
        plans = []
        for k, (chunk, size, height) in enumerate(chunks):
            title = slide.title if k == 0 or not slide.title else slide.title + CONT
            notes = slide.notes if k == 0 else "(continued from the previous slide)"
            paras = [replace(p, space_before=0.0) if n == 0 else p
                     for n, p in enumerate(q for g in chunk for q in g)]

            def build(body: Box, shapes: list, paras=paras, size=size, height=height) -> None:
                box = Box(body.x, body.y, body.w, height)
                shapes.append(self.text(box, paras, style, size, self.p.text,
                                        bullet_color=self.p.accent, name=kind.capitalize()))
            plans.append(self.content(kind, title, path, notes, build, warn=k == 0))
        return plans

    def _plan_table(self, slide: model.TableSlide, path: tuple) -> list[SlidePlan]:
        body, source = self.caption_line(self.body_box(slide.title, path), slide.source,
                                         path + ("source",), "Source")
        result = plan_table(slide, body, self.s.table, split=True)
        if result is None:
            self.error(path + ("rows",), "a row of this table is too tall or wide for a slide "
                       f"even at {self.s.table.min_size:g} pt: shorten its cells")
            return []
        tables, size = result
        if len(tables) == 1:
            tables = [breathe(tables[0], body.h)]
        if size < self.s.table.size:
            self.warn(path, f"table shrunk from {self.s.table.size:g} pt to {size:g} pt")
        if len(tables) > 1:
            self.warn(path, f"table continued over {len(tables)} slides (header repeated)")
        plans = []
        for k, table in enumerate(tables):
            title = slide.title if k == 0 or not slide.title else slide.title + CONT
            notes = slide.notes if k == 0 else "(continued from the previous slide)"

            def build(body: Box, shapes: list, table=table) -> None:
                shapes.append(table)
                if source:
                    shapes.append(source)
            plans.append(self.content("table", title, path, notes, build, warn=k == 0))
        return plans

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

    def _plan_chart(self, slide: model.ChartSlide, path: tuple) -> list[SlidePlan]:
        return [self.content("chart", slide.title, path, slide.notes,
                             lambda body, shapes: shapes.extend(self.block(slide, body, path)))]

    def _plan_image(self, slide: model.ImageSlide, path: tuple) -> list[SlidePlan]:
        return [self.content("image", slide.title, path, slide.notes,
                             lambda body, shapes: shapes.extend(self.block(slide, body, path)))]

    def _plan_two_column(self, slide: model.TwoColumnSlide, path: tuple) -> list[SlidePlan]:
        def build(body: Box, shapes: list) -> None:
            w = (body.w - self.g.gutter) / 2
            shapes.extend(self.block(slide.left, Box(body.x, body.y, w, body.h), path + ("left",)))
            shapes.extend(self.block(slide.right, Box(body.x + w + self.g.gutter, body.y, w, body.h),
                                     path + ("right",)))
        return [self.content("two_column", slide.title, path, slide.notes, build)]

    # --- blocks (a whole body, or one column) ---------------------------------------------

    def block(self, spec, box: Box, path: tuple) -> list:
        """Shapes for one content block inside `box`; never continues onto another slide."""
        s, p = self.s, self.p
        if isinstance(spec, model.ChartSpec):
            box, source = self.caption_line(box, spec.source, path + ("source",), "Source")
            shape = ChartShape(box, spec, s.chart_labels.size, s.chart.size, chart_alt_text(spec))
            return [shape] + ([source] if source else [])
        if isinstance(spec, model.ImageSpec):
            return self.image(spec, box, path)
        if isinstance(spec, model.TableSpec):
            box, source = self.caption_line(box, spec.source, path + ("source",), "Source")
            result = plan_table(spec, box, s.table, split=False)
            if result is None:
                self.error(path, f"the table does not fit its column even at {s.table.min_size:g} "
                           "pt: give it a slide of its own, which can continue")
                return []
            return result[0] + ([source] if source else [])
        if isinstance(spec, model.BulletsSpec):
            paras = tuple(q for g in bullet_items(spec.bullets) for q in g)
            style, color, name = s.body, p.accent, "Bullets"
        else:
            paras, style, color, name = paragraphs(spec.text), s.text, None, "Text"
        fit = fit_font_size(paras, box.w, box.h, style)
        if fit is None:
            self.error(path, f"the text does not fit its column even at {style.min_size:g} pt: "
                       "shorten it or give it a slide of its own")
            return []
        size, h = fit
        if size < style.size:
            self.warn(path, f"text shrunk from {style.size:g} pt to {size:g} pt")
        return [self.text(Box(box.x, box.y, box.w, h), paras, style, size, p.text,
                          bullet_color=color, name=name)]

    def image(self, spec: model.ImageSpec, box: Box, path: tuple) -> list:
        box, caption = self.caption_line(box, spec.caption, path + ("caption",), "Caption")
        shapes: list = [caption] if caption else []
        file = self.base / spec.path
        try:
            with Image.open(file) as im:
                w, h = im.size
        except Exception as exc:  # Pillow raises many types for a bad file
            self.error(path + ("path",), f"cannot read image `{spec.path}`: {exc}")
            return []
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


def _pack_groups(groups, body: Box, style: TextStyle):
    """Paragraph groups → [(groups, size, height)] per slide, all at one size: the largest at
    which the fewest slides suffice. None if one group alone is taller than a slide."""
    best = None
    for size in candidate_sizes(style):
        heights = [text_height(g, body.w, size, style.line) for g in groups]
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
    kind = spec.type.capitalize()
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
