"""Text around an image chart's marks: its fonts, value-axis ticks, annotations with leader
lines, the legend, category names that must wrap or turn, slice names, tick labels that meet
at a corner. Split from chart_image.py, which draws the marks."""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING

import msgspec
from matplotlib import font_manager
from matplotlib.path import Path
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import offset_copy

from ..charttypes import legend_position
from ..measure import is_wide, run_width
from ..numfmt import format_number
from ..plan import ChartShape
from ..theme import FontFace, Theme
from .text import east_asian_lang

if TYPE_CHECKING:
    from .chart_image import _Drawing

SCALE = 2  # pixels per point: twice the slide's 72 points per inch (chart_image draws so)
LEGEND_LOC = {"bottom": "outside lower center", "top": "outside upper center",
              "right": "outside right center", "left": "outside left center"}
# Per-glyph fallbacks for East-Asian text, by region: the first that matplotlib finds is used.
# The free faces of the Office ones (docs/compatibility.md): same script, same 1 em widths.
_CJK_FONTS = ("Noto Sans CJK {}", "Source Han Sans {}", "Noto Sans CJK SC")


@cache
def _font_family(face: FontFace) -> str:
    """Register a theme face's files with matplotlib (by file, once); its family name."""
    for path in dict.fromkeys(face.file(b, i) for b in (False, True) for i in (False, True)):
        font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=face.regular).get_name()


def font_families(shape: ChartShape, theme: Theme, lang: str = "en-US") -> list[str]:
    """matplotlib's `font.family`: the theme's body face; when the chart has East-Asian text,
    then a CJK face, the theme's own East-Asian face first, for the glyphs the body lacks. The
    deck's language picks the face (zh-TW: Traditional, ja, ko); other decks go by the text's
    script (Hangul: Korean, kana: Japanese, else Simplified Chinese). Only faces matplotlib
    finds."""
    text = msgspec.json.encode(shape.spec).decode()
    body = _font_family(theme.fonts.body)
    if not any(is_wide(ch) for ch in text):
        return [body]
    lang_key = east_asian_lang(text, lang)  # as the deck's runs are tagged
    wanted = [theme.fonts.east_asian_for(lang_key),
              *(f.format(_region(lang_key)) for f in _CJK_FONTS)]
    known = _known_families()
    return [body, *(name for name in dict.fromkeys(wanted) if name in known)][:2]


def _region(lang: str) -> str:
    """The Noto Sans CJK region of a CJK language tag: JP, KR, TC (Traditional Chinese, as
    `Fonts.east_asian_for` reads it) or SC."""
    primary = lang.split("-")[0].lower()
    if primary in ("ja", "ko"):
        return {"ja": "JP", "ko": "KR"}[primary]
    return "TC" if any(t in lang for t in ("Hant", "TW", "HK", "MO")) else "SC"


@cache
def _known_families() -> frozenset[str]:
    return frozenset(f.name for f in font_manager.fontManager.ttflist)


class _Ticks(MaxNLocator):
    """Steps of 1, 2, 2.5 or 5 (× 10ⁿ), at most six ticks in view (MaxNLocator's `nbins`
    also counts the rounded ends beyond the view)."""

    def tick_values(self, vmin, vmax):
        low, high = sorted((vmin, vmax))
        slack = (high - low) * 1e-9
        for nbins in (8, 7, 6, 5, 4, 3):
            self.set_params(nbins=nbins)
            ticks = super().tick_values(vmin, vmax)
            if sum(low - slack <= t <= high + slack for t in ticks) <= 6:
                break
        return ticks


def value_ticks(axis, fmt: str) -> None:
    """About five ticks on a value axis, written in `fmt`; whole numbers only when the format
    shows no decimals (no "0" label repeated)."""
    whole = fmt != "General" and not any(c in fmt for c in ".%")
    axis.set_major_locator(_Ticks(steps=[1, 2, 2.5, 5, 10], integer=whole))
    axis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, fmt)))


def annotate(d: _Drawing) -> None:
    """Each annotation beside its category's value, joined to it by a thin leader line:
    to the right of horizontal bars, above columns and points (below those that grow down),
    outside pie slices."""
    spec, ax, kind = d.spec, d.ax, d.kind
    style = {"fontsize": d.shape.axis_size, "color": "#" + d.p.text,
             "annotation_clip": False, "zorder": 5}
    leader = {"arrowstyle": "-", "color": "#" + d.p.muted, "linewidth": 1.2,
              "shrinkA": 4}
    if kind.horizontal and d.negative:
        _notes_beside_names(d, style, leader)
        return
    outside = spec.labels and (spec.label_position or kind.label_default) == "outside_end"
    # Horizontal bars: the notes form a column right of the plot, clear of any label there.
    widest = max((run_width(d.text(v), d.shape.label_size, bold=True, face=d.face)
                  for v in spec.series[0].values if outside and v >= 0), default=0)
    column = offset_copy(ax.get_yaxis_transform(), fig=d.fig, x=widest + 16,
                         units="points")
    for note in spec.annotations:
        i = spec.categories.index(note.category)
        x, y = d.ends[i]
        if kind.family != "pie":  # a value beyond a set axis range: the note at the edge
            x, y = (_clamp(x, spec.axis), y) if kind.horizontal else (x, _clamp(y, spec.axis))
        label = d.text(spec.series[0].values[i]) if spec.labels else ""
        room = (run_width(label, d.shape.label_size, bold=True, face=d.face) + 10
                if label else 4)
        if kind.family == "pie":
            text = f"{note.category}: {note.text}" if d.named_slices else note.text
            ax.annotate(text, (x, y), xytext=(1.45 * x, 1.35 * y),
                        ha="left" if x >= 0 else "right", va="center",
                        arrowprops={**leader, "shrinkB": 2}, **style)
        elif kind.horizontal:
            ax.annotate(note.text, (max(x, 0), y), xytext=(1.0, y), textcoords=column,
                        ha="left", va="center",
                        arrowprops={**leader, "shrinkB": room if outside and x >= 0 else 4},
                        **style)
        else:
            down = y < 0 or (y == 0 and d.negative)
            lift = 30 + d.shape.label_size * 1.2
            ax.annotate(note.text, (x, y), xytext=(0, -lift if down else lift),
                        textcoords="offset points", ha="center", va="top" if down else "bottom",
                        arrowprops={**leader, "shrinkB": d.shape.label_size * 1.2 + 6},
                        **style)
    if kind.horizontal or kind.family == "pie":
        return
    if (spec.axis.min if d.negative else spec.axis.max) is None:
        ax.margins(y=0.35)
    lows = [d.ends[spec.categories.index(n.category)][1] for n in spec.annotations]
    if not d.negative and spec.axis.min is None and min(lows) < 0:
        _room_below(d, min(lows), 30 + d.shape.label_size * 1.2 + d.shape.axis_size * 1.3)


def _clamp(value: float, axis) -> float:
    """A value kept inside the author's axis range (matplotlib cannot draw text that is
    millions of pixels away: FreeType's raster overflows)."""
    if axis.min is not None:
        value = max(value, axis.min)
    if axis.max is not None:
        value = min(value, axis.max)
    return value


def _room_below(d: _Drawing, lowest: float, need: float) -> None:
    """A note under a bar that grows down, above the category names: the plot reaches `need`
    points below the `lowest` bar end."""
    d.fig.draw_without_rendering()
    low, high = d.ax.get_ylim()
    share = need / max(d.ax.get_window_extent().height / SCALE, need * 2)
    if (lowest - low) / (high - low) < share:
        d.ax.set_ylim((lowest - share * high) / (1 - share), high)


def _notes_beside_names(d: _Drawing, style: dict, leader: dict) -> None:
    """Bars that grow left from the zero line, names right of it: the notes form a column
    right of the names, each joined to its category's name by a leader of at least 12 pt."""
    ax, size = d.ax, d.shape.axis_size
    names = [run_width(c, size, face=d.face) for c in d.spec.categories]
    pad = 6  # the tick labels' distance from the zero line, as style_axes sets it
    column = offset_copy(ax.get_yaxis_transform(), fig=d.fig, x=pad + max(names) + 24,
                         units="points")
    for note in d.spec.annotations:
        i = d.spec.categories.index(note.category)
        after_name, before_note = (offset_copy(ax.get_yaxis_transform(), fig=d.fig, x=x,
                                               units="points")
                                   for x in (pad + names[i] + 6, pad + max(names) + 18))
        ax.annotate(note.text, (1.0, i), xycoords=column, ha="left", va="center_baseline",
                    **style)
        ax.annotate("", (1.0, i), xycoords=after_name, xytext=(1.0, i), textcoords=before_note,
                    arrowprops={**leader, "shrinkA": 0, "shrinkB": 0}, **style)


def legend(d: _Drawing) -> None:
    position = legend_position(d.spec)
    if position is None or d.named_slices:  # named slices need no legend
        return
    if d.rtl:  # a right-to-left deck: the legend on the side it is read from
        position = {"left": "right", "right": "left"}.get(position, position)
    labels = (d.spec.categories if d.kind.family == "pie"
              else [s.name for s in d.spec.series])
    size = d.shape.axis_size
    columns = 1
    handles = d.handles
    if position in ("bottom", "top"):  # as many columns as fit across the box
        entries = [run_width(label, size, face=d.face) + 2.8 * size  # key + gaps
                   for label in labels]
        columns = next((c for c in range(len(labels), 0, -1)
                        if sum(max(entries[k::c]) for k in range(c)) <= d.shape.box.w), 1)
        # matplotlib fills a legend column by column; read row by row, as text is read
        order = [k for col in range(columns) for k in range(col, len(labels), columns)]
        handles, labels = [handles[k] for k in order], [labels[k] for k in order]
    # a name wider than the box is set on several lines rather than cut off at its edge
    labels = [_lines(label, d.shape.box.w - 2.8 * size, size, d.face) for label in labels]
    d.fig.legend(handles, labels, loc=LEGEND_LOC[position], frameon=False,
                 ncols=columns, fontsize=size, handlelength=1, handleheight=1,
                 handletextpad=0.6, columnspacing=1.2, markerfirst=not d.rtl)


def _lines(text: str, width: float, size: float, face) -> str:
    """`text` broken at spaces into lines of at most `width` pt (a longer word stays whole)."""
    if run_width(text, size, face=face) <= width:
        return text
    lines, line = [], ""
    for word in text.split(" "):
        trial = f"{line} {word}" if line else word
        if line and run_width(trial, size, face=face) > width:
            lines.append(line)
            trial = word
        line = trial
    return "\n".join([*lines, line])


def fit_categories(d: _Drawing) -> None:
    """Category names at the size native charts use; names that collide wrap onto two
    lines, else turn 45° (shrinking towards the theme's minimum only if even turned lines
    are too close)."""
    d.fig.draw_without_rendering()  # lays the axes out: their width is known now
    ax, names = d.ax, d.spec.categories
    low, high = ax.get_xlim()
    pitch = ax.get_window_extent().width / SCALE / max(high - low, 1)  # points per category
    size = d.shape.axis_size
    wrapped = [_wrap(name, pitch * 0.92, size, d.face) for name in names]
    if all(w is not None for w in wrapped):
        ax.set_xticks(range(len(names)), wrapped, fontsize=size)
        return
    while size > d.min_size and size * 1.25 * math.sqrt(2) > pitch:
        size -= 1
    ax.set_xticks(range(len(names)), names, fontsize=size, rotation=45,
                  ha="left" if d.negative else "right", rotation_mode="anchor")


def _wrap(text: str, width: float, size: float, face: FontFace) -> str | None:
    """`text` on at most two lines of `width` points at `size`, or None if it cannot be.
    Lines break between words, or between the characters of East-Asian text."""
    if run_width(text, size, face=face) <= width:
        return text
    words = text.split()
    splits = [(" ".join(words[:k]), " ".join(words[k:])) for k in range(len(words) - 1, 0, -1)]
    if len(words) == 1 and any(is_wide(ch) for ch in text):
        splits = [(text[:k], text[k:]) for k in range(len(text) - 1, 0, -1)]
    for first, second in splits:
        if run_width(first, size, face=face) <= width and run_width(second, size,
                                                                    face=face) <= width:
            return first + "\n" + second
    return None


def fit_slice_names(d: _Drawing) -> None:
    """Names beside slices: a value label that does not fit inside its slice joins its name;
    names of thin slices side by side are moved down clear of the one above on their side of
    the pie, and out, clear of the pie."""
    d.fig.draw_without_rendering()
    ax, renderer = d.ax, d.fig.canvas.get_renderer()
    for wedge, name, value in d.slices:
        outline = wedge.get_transform().transform_path(wedge.get_path())
        box = value.get_window_extent(renderer) if name and value else None
        if box is not None and not outline.contains_points(box.corners()).all():
            name.set_text(f"{name.get_text()} {value.get_text()}")
            value.remove()
    d.fig.draw_without_rendering()
    names = [name for _, name, _ in d.slices if name]
    for ha in ("left", "right"):
        floor = math.inf
        for t in sorted((t for t in names if t.get_ha() == ha), key=lambda t: -t.get_position()[1]):
            box = t.get_window_extent(renderer)
            if box.y1 > floor:  # lower, and out as far as the pie is wide there
                x, y = t.get_position()
                px, py = ax.transData.transform((x, y))
                y = ax.transData.inverted().transform((px, py - box.y1 + floor))[1]
                t.set_position((math.copysign(max(abs(x), math.sqrt(max(0, 1.08 ** 2 - y * y))),
                                              x), y))
                box = t.get_window_extent(renderer)
            floor = box.y0 - 2 * SCALE


def clear_corner(d: _Drawing) -> None:
    """Tick labels of the two axes that would touch where the axes meet ("$0" and "2,000" at
    the origin): the value axis's is left out (for scatter charts, the x axis's)."""
    ax = d.ax
    if not (ax.xaxis.get_visible() and ax.yaxis.get_visible()):
        return
    d.fig.draw_without_rendering()
    renderer = d.fig.canvas.get_renderer()
    axis = ax.xaxis if d.kind.family == "scatter" or d.kind.horizontal else ax.yaxis
    other = ax.yaxis if axis is ax.xaxis else ax.xaxis
    def shapes(on):  # a label turned 45° is a strip across its box, its corners empty
        low, high = sorted(on.get_view_interval())
        for t in on.get_majorticklabels():
            at = t.get_position()[0 if on is ax.xaxis else 1]
            if t.get_visible() and t.get_text() and low - 1e-9 <= at <= high + 1e-9:
                box = t.get_window_extent(renderer).padded(2 * SCALE)
                cut = (t.get_fontsize() * 1.2 / math.sqrt(2) + 2) * SCALE  # line height
                yield box, (Path([(box.x0, box.y0 + cut), (box.x0 + cut, box.y0),
                                  (box.x1, box.y1 - cut), (box.x1 - cut, box.y1)], closed=True)
                            if t.get_rotation() == 45 else None), at

    others = list(shapes(other))
    hidden = [at for box, _, at in shapes(axis)
              if any(strip.intersects_bbox(box) if strip else box.overlaps(b)
                     for b, strip, _ in others)]
    if hidden:
        fmt = axis.get_major_formatter()
        axis.set_major_formatter(FuncFormatter(
            lambda v, pos: "" if any(abs(v - h) < 1e-9 * max(1, abs(h)) for h in hidden)
            else fmt(v, pos)))
