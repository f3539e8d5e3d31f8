"""What planning on a template adds to the frame: the theme scaled to its slide, its fonts and
a palette that reads on it, text colours checked against each layout's backdrop, and fitting
into its placeholders that shrinks to a floor and grows into free space before it refuses.
Pure geometry: no python-pptx. `TemplatePlanning` is mixed into frame.Planner."""

from __future__ import annotations

from msgspec.structs import replace

from .. import markup, measure
from ..plan import Box, LayoutInfo, Placeholder, TemplateInfo
from ..theme import DARK_PALETTE, LIGHT_PALETTE, TextStyle, Theme
from ..themes import luminance, rgb_luminance
from .text import fit_font_size, max_lines, styled


def theme_for(theme: Theme, template: TemplateInfo) -> Theme:
    """The theme on a template's slide size: geometry scaled from 960 × 540 points, and type
    sizes with the slide's height (a 4:3 slide 10 in wide keeps them, LibreOffice's 11.02 in
    slides take 83 %, a 22 in research poster 165 %), so text keeps its proportion."""
    if (template.slide_w, template.slide_h) == (theme.slide_w, theme.slide_h):
        return theme
    sx, sy = template.slide_w / theme.slide_w, template.slide_h / theme.slide_h
    g = theme.geometry
    geometry = replace(g, margin_x=g.margin_x * sx, gutter=g.gutter * sx,
                       title_top=g.title_top * sy, title_gap=g.title_gap * sy,
                       body_bottom=g.body_bottom * sy, footer_top=g.footer_top * sy)
    sizes = theme.sizes
    if abs(sy - 1) > 0.01:
        sizes = replace(sizes, **{name: _scaled(getattr(sizes, name), sy)
                                  for name in sizes.__struct_fields__})
    return replace(theme, geometry=geometry, sizes=sizes, slide_w=template.slide_w,
                   slide_h=template.slide_h)


def contrast(a: str, b: tuple) -> float:
    """WCAG contrast ratio of an RRGGBB colour against an (r, g, b) one."""
    la, lb = luminance(a), rgb_luminance(tuple(b))
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def worst_contrast(colour: str, cells: list) -> float:
    """The contrast of a colour against the backdrop cells under a box: the worst tenth's
    (a few cells of artwork under a long line do not decide it, a quarter of them does)."""
    counts: dict = {}
    for c in cells:
        counts[c] = counts.get(c, 0) + 1
    ratios = sorted((contrast(colour, c), n) for c, n in counts.items())
    rank, seen = len(cells) // 10, 0
    for ratio, n in ratios:
        seen += n
        if seen > rank:
            return ratio
    return ratios[-1][0]


def _scaled(style: TextStyle, factor: float) -> TextStyle:
    """A text role at `factor` × its sizes, in half points (never below 12 pt, the least
    that reads on a projected slide)."""
    def half(v: float) -> float:
        return max(12.0, round(v * factor * 2) / 2)
    return replace(style, size=half(style.size), min_size=min(half(style.min_size),
                                                              half(style.size)))


# the least sizes text in a template's placeholder shrinks to before its box may grow: below
# the theme's minimum, because a template's own boxes are not the theme's to widen


# the least sizes text in a template's placeholder shrinks to before its box may grow: below
# the theme's minimum, because a template's own boxes are not the theme's to widen
FLOOR = {"title": 14.0, "deck title": 16.0, "section title": 14.0, "subtitle": 12.0}
FLOOR_OTHER = 12.0
# contrast checked on a coarse grid reads a little better than the rendered pixels (edges are
# averaged away): every target is met with this much to spare
MARGIN = 0.3


class TemplatePlanning:
    """Planner methods for templates (frame.Planner holds the state they use)."""

    def _template_fonts(self, theme: Theme) -> Theme:
        """The theme with the template's title and body typefaces (those of its content
        master's placeholders), measured from the files fontconfig finds; each that only a
        substitute stands for is reported once."""
        info = self.template
        if not info.masters:
            return theme
        master = info.masters[self.chooser.content]
        faces = {}
        for role, ph in (("heading", master.title), ("body", master.body)):
            name = ph.font if ph else None
            if name and name in info.faces:
                faces[role] = info.faces[name]
                self.font_notes += [n for n in info.font_notes if f"`{name}`" in n
                                    and n not in self.font_notes]
        if not faces:
            return theme
        fonts = replace(theme.fonts, body=faces.get("body", theme.fonts.body),
                        heading=faces.get("heading", theme.fonts.heading))
        return replace(theme, fonts=fonts)

    def _template_palette(self, theme: Theme) -> Theme:
        """The theme's palette, unless its text does not read on the template's content
        background and the other palette's does (dark text on a black master): then the
        stage theme's palette (or the default's, for a dark theme on a light template), so
        tables and charts, which the renderer colours from the palette, read too."""
        li = self.chooser.choose("bullets").layout
        body = li.find("body")
        box = body.box if body and body.box else self.chooser.body_area(li)
        if li.backdrop is None or box is None:
            return theme
        cells = li.backdrop.under(box, self.template.slide_w, self.template.slide_h)
        palette = theme.palette
        need = 4.5 + MARGIN
        if worst_contrast(palette.text, cells) < need:
            palette = max((palette, DARK_PALETTE, LIGHT_PALETTE),
                          key=lambda p: worst_contrast(p.text, cells))
        if worst_contrast(palette.text, cells) < need:  # a mid-tone: black or white text
            ink = max(("000000", "FFFFFF"), key=lambda c: worst_contrast(c, cells))
            palette = replace(palette, text=ink)
        # muted text (sources, axis notes) and the accent read on this background too
        if worst_contrast(palette.muted, cells) < need:
            palette = replace(palette, muted=palette.text)
        if worst_contrast(palette.accent, cells) < need:  # figures, bullets, highlighted data
            accent = next((c for c in (palette.accent_on_dark, palette.text)
                           if worst_contrast(c, cells) >= need), palette.text)
            palette = replace(palette, accent=accent)
        return theme if palette == theme.palette else replace(theme, palette=palette)

    def own_style(self, style: TextStyle, ph: Placeholder | None) -> TextStyle:
        """A role's style in a template's placeholder: the template's own size as the start
        (the minimum lowered to it when smaller)."""
        if not self.custom or ph is None or not ph.size:
            return style
        # a template's tiny placeholder text (LibreOffice's 10 pt outline) is not a design
        # to keep: no smaller than the theme's minimum to start with
        size = max(ph.size, style.min_size)
        return replace(style, size=size, min_size=min(style.min_size, size))

    def readable(self, wanted: str | None, box: Box, role: str, slot: int, name: str,
                 need: float, quiet: bool = False) -> str:
        """A text colour that reads on what lies under `box` on the current layout: the
        template's own for its placeholder, else `wanted`, else the master's theme text and
        background colours, else ours; the first reaching `need` (WCAG contrast, the worst
        tenth of the backdrop under the box). When none does, black or white, whichever reads
        better, and a warning."""
        li = self.here
        ph = (li.find(role, slot if role == "body" else 0)
              if role in ("title", "subtitle", "body") else None)
        own = ph.color if ph is not None else None
        master = (self.template.masters[li.master]
                  if li.master < len(self.template.masters) else None)
        themed = [master.colors.get(k) for k in ("tx1", "tx2", "bg1", "bg2")] if master else []
        first = [own, wanted] if role != "text" else [wanted, own]
        cells = li.backdrop.under(box, self.theme.slide_w, self.theme.slide_h) \
            if li.backdrop is not None else [(255, 255, 255)]
        for colour in [*first, *themed, self.p.text, self.p.on_dark]:
            if colour and worst_contrast(colour, cells) >= need + MARGIN:
                return colour
        best = max(("000000", "FFFFFF"), key=lambda c: worst_contrast(c, cells))
        if not quiet:
            self.warn(("template",), f"no colour of the template reads at {need:g}:1 under the "
                      f"{name.lower()} on layout `{li.key}` (a busy picture or artwork): "
                      f"using {best}, at {worst_contrast(best, cells):.1f}:1")
        return best

    def room_below(self, layout: LayoutInfo, ph: Placeholder) -> Box | None:
        """The free space a placeholder may grow into: down to the next placeholder below it
        that overlaps it sideways (else the footer band), and right to the slide's margin
        unless a placeholder lies beside it."""
        box = ph.box
        if box is None:
            return None
        limit = self.g.body_bottom if box.bottom < self.g.body_bottom else self.theme.slide_h
        right = max(box.right, self.theme.slide_w - self.g.margin_x)
        for other in layout.placeholders:
            b = other.box
            if other is ph or b is None or other.role in ("date", "footer", "slide_number"):
                continue
            if b.y >= box.bottom - 1 and b.x < box.right and b.right > box.x:
                limit = min(limit, b.y)
            elif b.x >= box.right - 1 and b.y < box.bottom and b.bottom > box.y:
                right = min(right, b.x)
        return Box(box.x, box.y, max(box.w, right - box.x - 4), max(box.h, limit - box.y - 4))

    def anchor(self, ph: Placeholder | None) -> str:
        """A title's vertical anchor: the template's own in its placeholder, else bottom (so
        one- and two-line titles end at the same height above the body)."""
        return ph.anchor if self.custom and ph is not None and ph.anchor else "bottom"

    def fit_in_box(self, text: str, box: Box, style: TextStyle, most: int, path: tuple,
                   what: str, *, warn: bool = True, probe: bool = False,
                   room: Box | None = None) -> tuple[float, int, Box]:
        """`fit_lines` into a template placeholder: at most `most` lines, and no more than fit
        its height at the size chosen. A template's box is not refused for being small: the
        text shrinks below the theme's minimum, to a floor (14 pt for titles), and then the
        box grows down into `room` (free space on the slide). Returns (size, lines, box)."""
        lines = max(1, min(most, int(box.h // (style.min_size * style.line))))
        fit = max_lines(markup.parse(text), box.w, style, lines, face=self.theme.face(style),
                        height=box.h)
        if fit is not None:
            if fit[0] < style.size and warn and not probe:
                self.warn(path, f"{what} shrunk from {style.size:g} pt to {fit[0]:g} pt")
            return fit[0], fit[1], box
        floor = min(style.min_size, FLOOR.get(what, FLOOR_OTHER))
        low = replace(style, min_size=floor)
        areas = [box]
        if room is not None and room.bottom > box.bottom:
            areas.append(Box(box.x, box.y, box.w, room.bottom - box.y))
        if room is not None and room.right > box.right:
            areas.append(room)
        for area in areas:
            n = max(1, min(most, int(area.h // (floor * style.line))))
            fit = max_lines(markup.parse(text), area.w, low, n, face=self.theme.face(style),
                            height=area.h)
            if fit is not None:
                used = area if area is box else Box(box.x, box.y, area.w,
                                                   max(box.h, fit[1] * fit[0] * style.line))
                if warn and not probe:
                    grew = " and its box grown into the free space around it" if \
                        used is not box else ""
                    self.warn(path, f"{what} shrunk from {style.size:g} pt to {fit[0]:g} pt, "
                              f"below the theme's {style.min_size:g} pt, to fit the template's "
                              f"{box.w:.0f} × {box.h:.0f} pt box{grew}")
                return fit[0], fit[1], used
        if not probe:
            n = measure.count_lines(styled(markup.parse(text), style), box.w, floor,
                                    self.theme.face(style))
            self.error(path, f"{what} needs {n} lines even at {floor:g} pt, and the template's "
                       f"box is {box.w:.0f} × {box.h:.0f} pt, with no free space to grow into: "
                       "shorten it, lower `min_size` in a theme, or choose another layout "
                       "(`layout:`)")
        return floor, lines, box

    def fit_paras(self, paras: tuple, box: Box, style: TextStyle, path: tuple, what: str, *,
                  room: Box | None = None, report: bool = True) -> tuple[float, Box] | None:
        """The largest size at which paragraphs fit `box`, shrinking below the theme's minimum
        to a floor of 10 pt and then growing the box into `room` when a template's box is too
        small: (size, box used), or None after reporting an error that names the box."""
        face = self.theme.face(style)
        fit = fit_font_size(paras, box.w, box.h, style, face=face)
        if fit is not None:
            if fit[0] < style.size and report:
                self.warn(path, f"{what} shrunk from {style.size:g} pt to {fit[0]:g} pt")
            return fit[0], box
        low = replace(style, min_size=min(style.min_size, FLOOR_OTHER))
        areas = [box] + ([Box(box.x, box.y, box.w, room.bottom - box.y)]
                         if room is not None and room.bottom > box.bottom else [])
        if room is not None and room.right > box.right:
            areas.append(room)
        for area in areas:
            fit = fit_font_size(paras, area.w, area.h, low, face=face)
            if fit is not None:
                used = box if area is box else Box(box.x, box.y, area.w, max(box.h, fit[1]))
                if report:
                    self.warn(path, f"{what} shrunk from {style.size:g} pt to {fit[0]:g} pt, "
                              f"below the theme's {style.min_size:g} pt, to fit a "
                              f"{box.w:.0f} × {box.h:.0f} pt box")
                return fit[0], used
        if report:
            self.error(path, f"{what} does not fit its {box.w:.0f} × {box.h:.0f} pt box even "
                       f"at {low.min_size:g} pt: shorten it, lower `min_size` in a theme, or "
                       "choose another layout (`layout:`)")
        return None

    def above_footer(self, layout: LayoutInfo, box: Box) -> Box:
        """A body box cut off above the footer and slide-number places it runs into (some
        templates' bodies reach over their own footers)."""
        used = ((["footer"] if self.deck.footer else []) +
                (["slide_number"] if self.deck.slide_numbers and not layout.numbered else []))
        bottom = box.bottom
        for role in used:
            ph = layout.find(role)
            b = ph.box if ph is not None else None
            if (b is not None and b.y > box.y + box.h / 2 and b.y < bottom
                    and b.x < box.right and b.right > box.x):
                bottom = b.y - 6
        return box if bottom >= box.bottom else Box(box.x, box.y, box.w, bottom - box.y)
