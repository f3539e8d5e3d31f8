"""The accessibility rules of `deck/a11y.py`, one function each: `(deck, plan, smap, audit)`
records each slide's status and appends a located warning for what the author must fix."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import markup, model
from .a11y import _URL, VAGUE_LINKS, Audit, Finding, _key, is_hidden, title_of
from .charttypes import CHART_KINDS
from .layout.fitting import contrast, worst_contrast
from .plan import (
    Backdrop,
    Box,
    ChartShape,
    DeckPlan,
    PictureShape,
    RectShape,
    SlideNumberShape,
    SlidePlan,
    TableShape,
    TextShape,
)
from .source import SourceMap

# Chart families whose highlighted categories the renderers label even with `data_labels`
# off (render/chart.py, render/chart_image*.py): colour is then not their only signal.
HIGHLIGHT_LABELLED = ("bar", "pie", "dot")
GRID = (64, 36)  # cells a background picture is sampled on, as a template's backdrop is


def _note(audit: Audit, rule: str, k: int, status: str, note: str = "") -> None:
    audit.findings.append(Finding(rule, k, status, note))


def _warn(audit: Audit, smap: SourceMap, rule: str, k: int, path: tuple, message: str) -> None:
    _note(audit, rule, k, "warning", message)
    audit.diagnostics.append(smap.diagnostic(path, f"accessibility: {message}",
                                             severity="warning"))


def titles(deck, plan: DeckPlan, smap: SourceMap, audit: Audit) -> None:
    """Every slide has a title: a visible one, else the hidden one `prepare` gave it."""
    for k, slide in enumerate(plan.slides):
        hidden = next((s for s in slide.shapes if is_hidden(s)), None)
        if hidden is None:
            _note(audit, "title", k, "ok")
        elif title_of(slide).startswith("Slide"):  # nothing on the slide to name it by
            _warn(audit, smap, "title", k, slide.source, "this slide has no title, and no text "
                  "or alt text to make a hidden one from: give it a `title:`")
        else:
            _note(audit, "title", k, "fixed", f"hidden title `{title_of(slide)}`")


def unique_titles(deck, plan: DeckPlan, smap: SourceMap, audit: Audit) -> None:
    """No two slides share a title (a continued slide's is numbered). Two outline slides with
    one title are lint's `duplicate_titles` warning already; this adds dividers and the rest."""
    seen: dict[str, SlidePlan] = {}
    for k, slide in enumerate(plan.slides):
        title = title_of(slide)
        key = _key(title or "")
        first = seen.get(key)
        if first is None:
            seen[key] = slide
            _note(audit, "unique", k, "ok")
            continue
        both_slides = "slides" in first.source and "slides" in slide.source
        if both_slides and first.source != slide.source:  # lint said so, at this line
            _note(audit, "unique", k, "warning", "same title as an earlier slide")
            continue
        field = slide.source + ("title",)
        what = "slide" if "slides" in first.source else "section divider"
        line = smap.span(first.source + ("title",)).line
        _warn(audit, smap, "unique", k, field, f"title `{markup.plain_text(title)}` is also "
              f"the title of the {what} at line {line}; screen reader users move between "
              "slides by title: make each one say what is new")


def alt_text(deck, plan: DeckPlan, smap: SourceMap, audit: Audit) -> None:
    """Pictures carry the author's alt text or are marked decorative; charts carry theirs,
    or one generated from their data (layout/blocks.chart_alt_text). Validation refuses a
    picture with neither."""
    for k, slide in enumerate(plan.slides):
        visuals = [s for s in slide.shapes if isinstance(s, (PictureShape, ChartShape))]
        for shape in visuals:
            if isinstance(shape, PictureShape) and not shape.alt:
                _note(audit, "alt", k, "ok", "decorative picture")
            elif shape.alt.strip():
                _note(audit, "alt", k, "ok")
            else:
                _warn(audit, smap, "alt", k, slide.source, "a picture or chart has no alt text")


def reading_order(deck, plan: DeckPlan, smap: SourceMap, audit: Audit) -> None:
    """`prepare` sorted the shapes; the renderer writes the shape tree in that order."""
    from .a11y import _reading_rank

    for k, slide in enumerate(plan.slides):
        ranks = [_reading_rank(s) for s in slide.shapes]
        _note(audit, "order", k, "ok" if ranks == sorted(ranks) else "warning")


def tables(deck, plan: DeckPlan, smap: SourceMap, audit: Audit) -> None:
    """A table's first row is its header (written with `firstRow`, repeated when it
    continues): every column needs a heading. Tables are never merged."""
    for k, slide in enumerate(plan.slides):
        for shape in slide.shapes:
            if not isinstance(shape, TableShape):
                continue
            header = shape.cells[0] if shape.cells else ()
            blank = [n + 1 for n, cell in enumerate(header)
                     if not "".join(r.text for r in cell).strip()]
            if blank:
                where = "column " + ", ".join(map(str, blank))
                _warn(audit, smap, "table", k, _field(slide, "columns"),
                      f"the table's header row has no heading for {where}: name every column "
                      "(screen readers read it before each cell)")
            else:
                _note(audit, "table", k, "ok")


def _field(slide: SlidePlan, name: str) -> tuple:
    return slide.source + (name,)


def text_contrast(deck, plan: DeckPlan, smap: SourceMap, audit: Audit) -> None:
    """Every text's colour against what is under it: the slide's background colour, its
    background picture, or the template layout's backdrop, sampled on a grid (Backdrop)."""
    w, h = plan.theme.slide_w, plan.theme.slide_h
    for k, slide in enumerate(plan.slides):
        under = _under(plan, slide)
        for shape in slide.shapes:
            if isinstance(shape, TableShape):
                _table_contrast(plan.theme.palette, shape, slide, smap, audit, k)
                continue
            if isinstance(shape, ChartShape):  # axis and category text, on the slide itself
                from .a11y_charts import label_contrast  # and value labels on the bars' fills

                label_contrast(deck, plan.theme.palette, shape, slide, smap, audit, k)
                colours, size, bold, name = ({plan.theme.palette.text}, shape.axis_size,
                                             False, "chart's text")
            elif isinstance(shape, SlideNumberShape):
                colours, size, bold, name = {shape.color}, shape.size, False, "slide number"
            elif isinstance(shape, TextShape) and not is_hidden(shape):
                colours = {shape.color or _placeholder_colour(plan, slide, shape)}
                if any(r.link for p in shape.paras for r in p.runs):
                    colours.add(plan.theme.palette.accent)  # links: the accent (render/text)
                size, bold, name = shape.size, shape.bold, shape.name.lower()
            else:
                continue
            box = _on_slide(shape.box, w, h)
            if box is None or None in colours:  # off the slide; a colour the template keeps
                continue
            cells = under(box)
            need = 3.0 if size >= 18 or (size >= 14 and bold) else 4.5
            worst = min(worst_contrast(c, cells) for c in colours)
            if worst + 1e-9 < need:
                path = slide.source + (("title",) if getattr(shape, "role", "") == "title"
                                       else ())
                _warn(audit, smap, "contrast", k, path, f"the {name} has contrast "
                      f"{worst:.1f}:1 against what is under it; at least {need:g}:1 is needed "
                      "(choose a theme or template colour that reads on it)")
            else:
                _note(audit, "contrast", k, "ok")


def _table_contrast(p, shape: TableShape, slide: SlidePlan, smap: SourceMap, audit: Audit,
                    k: int) -> None:
    """A table's text on its own fills, as render/table.py draws them: the header's light text
    on the dark fill, the body's text on the two bands, links' accent on either."""
    links = [any(r.link for cell in row for r in cell) for row in shape.cells]
    checks = [("header", "columns", p.on_dark, p.dark, True)]
    checks += [("header's link", "columns", p.accent, p.dark, True)] if links[:1] == [True] else []
    bands = (p.background, p.surface)[:max(0, len(shape.cells) - 1)]
    checks += [("cells", "rows", p.text, fill, False) for fill in bands]
    if any(links[1:]):
        checks += [("cells' links", "rows", p.accent, fill, False) for fill in bands]
    for name, field, colour, fill, bold in checks:
        ratio = contrast(colour, tuple(bytes.fromhex(fill)))
        need = 3.0 if shape.size >= 18 or (shape.size >= 14 and bold) else 4.5
        if ratio + 1e-9 < need:
            _warn(audit, smap, "contrast", k, _field(slide, field), f"the table's {name}: "
                  f"contrast {ratio:.1f}:1 against the fill under them; at least {need:g}:1 is "
                  "needed (choose theme colours that read on each other)")
            return
    _note(audit, "contrast", k, "ok")


def _on_slide(box: Box, w: float, h: float) -> Box | None:
    x0, y0 = max(0.0, box.x), max(0.0, box.y)
    x1, y1 = min(w, box.right), min(h, box.bottom)
    return Box(x0, y0, x1 - x0, y1 - y0) if x1 > x0 and y1 > y0 else None


def _placeholder_colour(plan: DeckPlan, slide: SlidePlan, shape: TextShape) -> str | None:
    layout = _layout(plan, slide)
    if layout is None:
        return None
    ph = layout.find(shape.role, shape.slot if shape.role == "body" else 0)
    return ph.color if ph is not None else None


def _layout(plan: DeckPlan, slide: SlidePlan):
    template = plan.template
    if template is None or slide.layout_at is None:
        return None
    return next((li for li in template.all_layouts
                 if (li.master, li.index) == slide.layout_at), None)


def _under(plan: DeckPlan, slide: SlidePlan):
    """A function: box → the (r, g, b) cells behind it on this slide: its background picture,
    else the template layout's backdrop, else its background colour, with the slide's filled
    rectangles (bands, rules) painted over it."""
    w, h = plan.theme.slide_w, plan.theme.slide_h
    picture = next((s for s in slide.shapes if isinstance(s, PictureShape) and not s.alt
                    and s.box.w >= w * 0.99 and s.box.h >= h * 0.99), None)
    layout = _layout(plan, slide)
    rects = tuple(s for s in slide.shapes if isinstance(s, RectShape))
    if picture is not None:
        backdrop = _picture_backdrop(Path(picture.path))
    elif slide.background is None and layout is not None and layout.backdrop is not None:
        backdrop = layout.backdrop
    else:  # one colour: the share of the box each rectangle covers, without a grid
        colour = bytes.fromhex(slide.background or plan.theme.palette.background)
        return lambda box: _solid_cells(box, tuple(colour), rects)
    if rects:
        backdrop = _painted(backdrop, rects, w, h)
    return lambda box: backdrop.under(box, w, h)


def _solid_cells(box: Box, background: tuple, rects: tuple) -> list:
    """About 100 cells under `box`, each colour as often as the share of the box it covers."""
    area = max(box.w * box.h, 1e-9)
    cells, left = [], 100
    for rect in rects:
        dx = min(box.right, rect.box.right) - max(box.x, rect.box.x)
        dy = min(box.bottom, rect.box.bottom) - max(box.y, rect.box.y)
        if dx > 0 and dy > 0:
            n = min(left, round(100 * dx * dy / area))
            cells += [tuple(bytes.fromhex(rect.fill))] * n
            left -= n
    return cells + [background] * left if left or not cells else cells


@lru_cache(maxsize=64)
def _painted(backdrop: Backdrop, rects: tuple, w: float, h: float) -> Backdrop:
    """The backdrop with each rectangle's fill over the cells whose centres it covers."""
    cells = bytearray(backdrop.rgb)
    for rect in rects:
        colour = bytes.fromhex(rect.fill)
        for y in range(backdrop.h):
            cy = (y + 0.5) * h / backdrop.h
            if not rect.box.y <= cy < rect.box.bottom:
                continue
            for x in range(backdrop.w):
                if rect.box.x <= (x + 0.5) * w / backdrop.w < rect.box.right:
                    k = 3 * (y * backdrop.w + x)
                    cells[k:k + 3] = colour
    return Backdrop(backdrop.w, backdrop.h, bytes(cells))


@lru_cache(maxsize=16)
def _picture_backdrop(path: Path) -> Backdrop:
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").resize(GRID)
    return Backdrop(GRID[0], GRID[1], small.tobytes())


def language(deck: model.Deck, plan: DeckPlan, smap: SourceMap, audit: Audit) -> None:
    """Every run, field and chart text is written with the outline's `language` (render/text,
    oxml.apply_compat); validation refuses a malformed tag."""
    for k, slide in enumerate(plan.slides):
        has_text = any(isinstance(s, (TextShape, TableShape, ChartShape)) for s in slide.shapes)
        _note(audit, "language", k, "ok" if has_text else "n/a")


def links(deck: model.Deck, plan: DeckPlan, smap: SourceMap, audit: Audit) -> None:
    """A link's text says where it goes: not the bare address, not "click here"."""
    by_source: dict[tuple, list[int]] = {}
    for k, slide in enumerate(plan.slides):
        by_source.setdefault(slide.source, []).append(k)
    for path, text in _texts(deck):
        slide_at = path[:4] if path[:1] == ("sections",) and len(path) >= 4 else path[:2]
        for run in _linked_runs(text):
            words = " ".join(run.text.split()).strip(" .:!").casefold()
            if _URL.match(run.text) or run.text.strip() == run.link:
                problem = "is the bare address"
            elif words in VAGUE_LINKS:
                problem = f"(`{run.text.strip()}`) says nothing about where it goes"
            else:
                for k in by_source.get(slide_at, []):
                    _note(audit, "links", k, "ok")
                continue
            for k in by_source.get(slide_at, [-1]):
                _note(audit, "links", k, "warning")
            audit.diagnostics.append(smap.diagnostic(
                path, f"accessibility: the text of the link to {run.link} {problem}: "
                "write what it leads to, as in `[the 2025 survey](https://…)`",
                severity="warning"))


@lru_cache(maxsize=4096)  # a rebuild parses the same texts again: the unchanged slides'
def _linked_runs(text: str) -> tuple:
    """The runs of `text` that are links."""
    return tuple(run for run in markup.parse(text) if run.link)


_TEXT_FIELDS = ("title", "subtitle", "author", "date", "figure", "caption", "text",
                "attribution", "source", "footer")


def _texts(deck: model.Deck):
    """(path, text) of every field that holds inline markup (and so may hold a link)."""
    for field in ("title", "subtitle", "footer"):
        if getattr(deck, field):
            yield (field,), getattr(deck, field)
    for i, section in enumerate(deck.sections):
        yield ("sections", i, "title"), section.title
        for j, slide in enumerate(section.slides):
            yield from _block_texts(slide, ("sections", i, "slides", j))


def _block_texts(block, path: tuple):
    for field in _TEXT_FIELDS:
        value = getattr(block, field, None)
        if isinstance(value, str):
            yield path + (field,), value
    if isinstance(block, model.BulletsSpec):
        yield from _bullet_texts(block.bullets, path + ("bullets",))
    if isinstance(block, model.SourcesSlide):
        for n, src in enumerate(block.sources):
            yield path + ("sources", n), src
    if isinstance(block, model.TableSpec):
        for n, col in enumerate(block.columns):
            yield path + ("columns", n), col
        for r, row in enumerate(block.rows):
            for c, cell in enumerate(row):
                if cell:
                    yield path + ("rows", r, c), cell
    if isinstance(block, model.TwoColumnSlide):
        yield from _block_texts(block.left, path + ("left",))
        yield from _block_texts(block.right, path + ("right",))


def _bullet_texts(bullets, path: tuple):
    for n, item in enumerate(bullets):
        if isinstance(item, str):
            yield path + (n,), item
        else:
            yield path + (n, "text"), item.text
            yield from _bullet_texts(item.bullets, path + (n, "bullets"))


def colour_only(deck, plan: DeckPlan, smap: SourceMap, audit: Audit) -> None:
    """A highlighted category is told by more than its colour: its data label (labels on, or
    with them off the renderers label the highlighted bars, slices and dots themselves), or
    on a line, a larger marker (render/chart.py, render/chart_image*.py)."""
    for k, slide in enumerate(plan.slides):
        for shape in slide.shapes:
            if not isinstance(shape, ChartShape) or not shape.spec.highlight:
                continue
            spec = shape.spec
            family = CHART_KINDS[spec.type].family
            if spec.labels or family == "line":
                _note(audit, "colour", k, "ok")
            elif family in HIGHLIGHT_LABELLED:
                _note(audit, "colour", k, "fixed", "a value label on the highlighted categories")
            else:
                kind = spec.type.replace("_", " ")
                _warn(audit, smap, "colour", k, _chart_field(slide, shape, deck),
                      f"the highlighted {kind} categories differ from the rest by colour "
                      "alone: turn `data_labels` on so they are told apart by their values too")


def _chart_field(slide: SlidePlan, shape: ChartShape, deck: model.Deck) -> tuple:
    """The chart's `highlight:` key: on the slide, or in the column that holds the chart."""
    i, j = slide.source[1], slide.source[3]
    block = deck.sections[i].slides[j]
    if isinstance(block, model.TwoColumnSlide):
        side = "left" if block.left is shape.spec or block.left == shape.spec else "right"
        return slide.source + (side, "highlight")
    return slide.source + ("highlight",)


CHECKS = (titles, unique_titles, alt_text, reading_order, tables, text_contrast, language, links,
          colour_only)
# Rules that look across slides (or at the outline): the others look at one slide at a time,
# so a11y.AuditMemo keeps their results per slide.
CROSS_SLIDE = frozenset({unique_titles, links})
