"""Charts drawn with matplotlib, embedded as PNG pictures: the same ChartSpec as native charts,
for what a PowerPoint chart cannot show (annotations) or when the outline asks for pictures.
Imported only for an image chart that is not cached (matplotlib takes ~0.3 s to import).
Object-oriented API only: a `Figure` on an Agg canvas, never pyplot and its global state.
Sizes are slide points: the figure is the chart's box at `SCALE` pixels per point, so 18 pt
text is 18 pt on the slide. The PNG bytes depend only on the input (no software, no time).
"""

from __future__ import annotations

import io
import math

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from msgspec.structs import replace

from ..chart_labels import label_colour
from ..charttypes import CHART_KINDS
from ..layout.mirror import is_rtl_language
from ..measure import run_width
from ..numfmt import format_number
from ..plan import ChartShape
from ..theme import Theme
from . import chart_image_xy as xy
from . import chart_text
from .chart_image_style import quiet, seen_order, style
from .chart_text import SCALE

GROUP = 1 / 1.45  # width of a category's bars: a gap of 45 % of it, as the native charts
CLEAR = (0, 0, 0, 0)  # figure and plot: transparent, the slide (or template master) shows through


def draw_png(shape: ChartShape, theme: Theme, lang: str = "en-US") -> bytes:
    """The chart as PNG bytes, `SCALE` pixels per point of its box, on a transparent ground.
    `lang` (the deck's) picks the East-Asian face for Chinese, Japanese or Korean text, and
    mirrors the chart for a right-to-left language."""
    with matplotlib.rc_context(style(shape, theme, lang)), quiet():
        fig = draw_figure(replace(shape, spec=seen_order(shape.spec)), theme, is_rtl_language(lang))
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=72 * SCALE, facecolor=CLEAR, edgecolor=CLEAR,
                    metadata={"Software": None})
    return out.getvalue()


def draw_figure(shape: ChartShape, theme: Theme, rtl: bool = False) -> Figure:
    """The chart as a matplotlib Figure the size of its box (inside `style`'s rc_context);
    `rtl`: mirrored, for a deck read from the right."""
    fig = Figure(figsize=(shape.box.w / 72, shape.box.h / 72), dpi=72 * SCALE,
                 facecolor=CLEAR, layout="constrained")
    FigureCanvasAgg(fig)
    _Drawing(fig, shape, theme, rtl).draw()
    return fig


class _Drawing:
    """One chart being drawn: the spec, its colours and sizes, and where each value ended up."""

    def __init__(self, fig: Figure, shape: ChartShape, theme: Theme, rtl: bool = False):
        self.fig, self.shape, self.spec, self.rtl = fig, shape, shape.spec, rtl
        self.kind = CHART_KINDS[self.spec.type]
        self.p = theme.palette
        self.min_size = theme.sizes.chart.min_size  # turned category labels shrink to this
        self.face = theme.fonts.body
        self.ax = fig.add_subplot(facecolor=CLEAR)
        self.ends: dict[int, tuple[float, float]] = {}  # category → end of its (top) value
        self.handles: list = []
        self.values = [v for s in self.spec.series for v in s.values]
        # Bars that all grow down from zero (gaps to a leader): names go on the zero side.
        self.negative = (self.kind.family == "bar" and self.kind.grouping != "percent"
                         and bool(self.values) and max(self.values) <= 0 and min(self.values) < 0)
        self.named_slices = False  # pie slices that share a colour: named beside the slice
        self.slices: list = []  # pie: (wedge, its name or None, its value label or None)
        self.twin = None  # combo: the line's axes, on the right (left when mirrored)
        self.rows = self.kind.family == "dot"  # lines along its rows; across them only if asked

    def series_colour(self, k: int) -> str:
        return xy.series_colour(self.spec, self.p, k)

    def point_colour(self, k: int, category: str) -> str:
        if not self.spec.highlight:
            return self.series_colour(k)
        return "#" + (self.p.accent if category in self.spec.highlight else self.p.chart_muted)

    def draw(self) -> None:
        family = self.kind.family
        {"bar": self.bars, "combo": self.combo, "line": self.lines, "area": self.areas,
         "pie": self.pie, "scatter": lambda: xy.scatter(self),
         "dot": lambda: xy.dot(self)}[family]()
        if family != "pie":
            self.style_axes()
        if self.rtl and family != "pie":
            self.mirror()
        if self.spec.annotations:
            chart_text.annotate(self)
        chart_text.legend(self)
        if family not in ("pie", "scatter") and not self.kind.horizontal:
            chart_text.fit_categories(self)
        if family == "bar" and self.kind.horizontal and self.outside_labels():
            # only now is the plot's final width known (annotations and legend take room)
            self.ax.margins(x=self.label_room(self.spec.series))
        if self.named_slices:
            chart_text.fit_slice_names(self)
        if family != "pie":
            chart_text.clear_corner(self)

    def outside_labels(self) -> bool:
        position = self.spec.label_position or self.kind.label_default
        return bool(self.spec.labels or self.spec.highlight) and position == "outside_end"

    # --- families -----------------------------------------------------------------------

    def bars(self, series=None, position: str | None = None) -> None:
        spec, kind, ax = self.spec, self.kind, self.ax
        series = spec.series if series is None else series
        n = len(spec.categories)
        totals = [sum(abs(s.values[i]) for s in series) or 1 for i in range(n)]
        stacked = kind.stacked
        width = GROUP if stacked else GROUP / len(series)
        up, down = [0.0] * n, [0.0] * n
        position = position or spec.label_position or kind.label_default
        for k, s in enumerate(series):
            values = [v / totals[i] if kind.grouping == "percent" else v
                      for i, v in enumerate(s.values)]
            offset = 0.0 if stacked else (k - (len(series) - 1) / 2) * width
            pos = [i + offset for i in range(n)]
            base = [(up[i] if v >= 0 else down[i]) if stacked else 0.0
                    for i, v in enumerate(values)]
            colours = [self.point_colour(k, c) for c in spec.categories]
            draw = ax.barh if kind.horizontal else ax.bar
            bars = draw(pos, values, width, base, color=colours, label=s.name, zorder=2)
            self.handles.append(bars)
            for i, v in enumerate(values):
                end = base[i] + v
                if stacked:
                    (up if v >= 0 else down)[i] = end
                elif k == 0:  # annotations point at the first series' bar, as their labels
                    self.ends[i] = (end, pos[i]) if kind.horizontal else (pos[i], end)
                if spec.labels or spec.categories[i] in spec.highlight:  # not colour alone
                    text_colour = (self.p.text if position == "outside_end"  # on the slide
                                   else label_colour(colours[i].lstrip("#"), self.p))
                    self.bar_label(pos[i], base[i], end, s.values[i], position,
                                   "#" + text_colour)
        if stacked:  # the stack tops, for annotations
            for i in range(n):
                top = max(up[i], 0) or down[i]
                self.ends[i] = (top, i) if kind.horizontal else (i, top)
        ticks = list(range(n))
        outside = (spec.labels or spec.highlight) and position == "outside_end"
        if kind.horizontal:
            ax.set_yticks(ticks, spec.categories)
            ax.invert_yaxis()  # first category on top, as it reads
            ax.margins(x=0.12 if outside else 0.02)  # refined in draw(), once laid out
            if self.negative:  # names right of the zero line, next to where each bar starts
                ax.yaxis.tick_right()
        else:
            ax.set_xticks(ticks, spec.categories)
            ax.margins(y=0.12 if outside else 0.02)
            if self.negative:
                ax.xaxis.tick_top()

    def label_room(self, series) -> float:
        """Margin (a fraction of the data range, each side) that leaves room for the widest
        value label beyond the longest bar, at this chart's width."""
        widest = max((run_width(self.text(v), self.shape.label_size, bold=True, face=self.face)
                      for s in series for v in s.values), default=0.0) + 8
        self.fig.draw_without_rendering()
        axis = self.ax.get_window_extent().width / SCALE  # points
        return max(0.05, min(0.45, widest / max(axis - 2 * widest, 1.0)))

    def bar_label(self, at: float, base: float, end: float, value: float, position: str,
                  colour: str) -> None:
        """A bar's value label at `position` (outside_end, inside_end, center, inside_base)."""
        sign = 1 if end > base or (end == base and not self.negative) else -1
        pad = 5 * sign
        where = {"outside_end": (end, pad), "inside_end": (end, -pad),
                 "center": ((base + end) / 2, 0), "inside_base": (base, pad)}[position]
        value_at, shift = where
        if self.kind.horizontal:
            shift = -shift if self.rtl else shift  # points, on the page: the axis runs leftwards
            ha = "center" if shift == 0 else ("left" if shift > 0 else "right")
            xy, xytext, va = (value_at, at), (shift, 0), "center_baseline"
        else:
            va = "center" if shift == 0 else ("bottom" if shift > 0 else "top")
            xy, xytext, ha = (at, value_at), (0, shift), "center"
        self.ax.annotate(self.text(value), xy, xytext=xytext, textcoords="offset points",
                         ha=ha, va=va, fontsize=self.shape.label_size, fontweight="bold",
                         color=colour, zorder=3)

    def lines(self) -> None:
        spec, ax = self.spec, self.ax
        xs = list(range(len(spec.categories)))
        for k, s in enumerate(spec.series):
            colour = "#" + self.p.chart_muted if spec.highlight else self.series_colour(k)
            (line,) = ax.plot(xs, s.values, color=colour, linewidth=3, label=s.name,
                              marker=xy.marker(s, "circle" if spec.markers else None),
                              markersize=9, zorder=2, clip_on=False)
            self.handles.append(line)
            xy.trend(self, ax, xs, list(s.values), s, colour)
            for i, v in enumerate(s.values):
                highlighted = spec.categories[i] in spec.highlight
                if highlighted:
                    ax.plot([i], [v], "o", color="#" + self.p.accent, markersize=13, zorder=3,
                            clip_on=False)
                self.ends[i] = (i, v)
                if spec.labels:
                    self.point_label(ax, i, v, spec.label_position or "above",
                                     "#" + (self.p.accent if highlighted else self.p.text))
        ax.set_xticks(xs, spec.categories)
        ax.set_xlim(-0.5, len(xs) - 0.5)

    def point_label(self, ax, x: float, y: float, position: str, colour: str,
                    number_format: str | None = None, boxed: bool = False) -> None:
        shift, ha, va = {"above": ((0, 9), "center", "bottom"),
                         "below": ((0, -9), "center", "top"),
                         "left": ((-9, 0), "right", "center"),
                         "right": ((9, 0), "left", "center"),
                         "center": ((0, 0), "center", "center")}[position]
        box = {"boxstyle": "square,pad=0.1", "facecolor": "#" + self.p.background,
               "edgecolor": "none"} if boxed else None
        ax.annotate(self.text(y, number_format), (x, y), xytext=shift,
                    textcoords="offset points", ha=ha, va=va, fontsize=self.shape.label_size,
                    fontweight="bold", color=colour, zorder=4, bbox=box)

    def areas(self) -> None:
        """Each series an outline over a light fill: where areas overlap every edge stays in
        sight, and no mixed colour appears that the legend does not show."""
        spec, ax = self.spec, self.ax
        xs = list(range(len(spec.categories)))
        fill = 0.12 if len(spec.series) > 1 else 0.25
        for k, s in enumerate(spec.series):
            colour = self.series_colour(k)
            area = ax.fill_between(xs, s.values, color=colour, alpha=fill, linewidth=0, zorder=2)
            area.sticky_edges.y.append(0)  # areas stand on zero, as their lines are read
            ax.plot(xs, s.values, color=colour, linewidth=3, zorder=3, clip_on=False,
                    solid_joinstyle="round", solid_capstyle="butt")
            self.handles.append(Patch(facecolor=to_rgba(colour, fill), edgecolor=colour,
                                      linewidth=2, label=s.name))
            for i, v in enumerate(s.values):
                self.ends[i] = (i, max(v, self.ends.get(i, (0, v))[1]))
                if spec.labels:
                    self.point_label(ax, i, v, "above", "#" + self.p.text)
        ax.set_xticks(xs, spec.categories)
        ax.set_xlim(0, len(xs) - 1)

    def combo(self) -> None:
        spec = self.spec
        self.bars(spec.series[:-1], "inside_base")  # clear of the line's labels
        twin = self.ax.twinx()
        line_spec = spec.series[-1:]
        xs = list(range(len(spec.categories)))
        colour = self.series_colour(len(spec.series) - 1)
        self.twin = twin
        (line,) = twin.plot(xs, line_spec[0].values, color=colour, linewidth=3,
                            marker="o" if spec.markers else None, markersize=9,
                            label=line_spec[0].name, zorder=3)
        self.handles.append(line)
        if spec.labels:
            for i, v in enumerate(line_spec[0].values):
                self.point_label(twin, i, v, "above", "#" + self.p.text,
                                 spec.secondary_axis.number_format, boxed=True)
        axis = spec.secondary_axis
        twin.set_ylim(axis.min if axis.min is not None else min(0, *line_spec[0].values),
                      axis.max)
        chart_text.value_ticks(twin.yaxis, axis.number_format or spec.number_format)
        twin.tick_params(length=0, labelsize=self.shape.axis_size)
        for side in ("top", "left", "bottom", "right"):
            twin.spines[side].set_visible(False)
        if axis.title:
            twin.set_ylabel(axis.title, fontsize=self.shape.axis_size)

    def pie(self) -> None:
        spec, ax = self.spec, self.ax
        values = spec.series[0].values
        colours = [self.point_colour(i, c) if spec.highlight else self.series_colour(i)
                   for i, c in enumerate(spec.categories)]
        doughnut = spec.type == "doughnut"
        wedges, _ = ax.pie(values, colors=colours, startangle=90, counterclock=self.rtl,
                           wedgeprops={"width": 0.5 if doughnut else 1,
                                       "edgecolor": "#" + self.p.background, "linewidth": 3})
        self.handles = list(wedges)
        ax.set_aspect("equal")
        # Slices that share a colour (the muted rest of a highlight) cannot be told apart in
        # a legend: each is named beside itself instead, and the legend is left out.
        self.named_slices = len(set(colours)) < len(colours)
        noted = {note.category for note in spec.annotations}  # named in their note
        total = sum(values) or 1
        position = spec.label_position or ("center" if doughnut else "outside_end")
        radius = {"outside_end": 1.18, "inside_end": 0.78, "center": 0.75 if doughnut else 0.55}
        for i, wedge in enumerate(wedges):
            angle = math.radians((wedge.theta1 + wedge.theta2) / 2)
            cos, sin = math.cos(angle), math.sin(angle)
            self.ends[i] = (cos, sin)
            text = ""
            if spec.labels or spec.categories[i] in spec.highlight:  # not colour alone
                text = (format_number(values[i] / total, "0%")
                        if spec.number_format == "General" else self.text(values[i]))
            name = None
            if self.named_slices and spec.categories[i] not in noted:
                name = spec.categories[i]
                if text and (position == "outside_end" or values[i] < 0.08 * total):
                    name, text = f"{name} {text}", ""  # a thin slice: its value beside it
                name = ax.text(1.08 * cos, 1.08 * sin, name, fontsize=self.shape.axis_size,
                               ha="left" if cos >= 0 else "right",
                               va="bottom" if sin > 0.9 else "top" if sin < -0.9 else "center",
                               color="#" + self.p.text)
            if text:
                r = radius[position]
                colour = (self.p.text if position == "outside_end"
                          else label_colour(colours[i].lstrip("#"), self.p))
                text = ax.text(r * cos, r * sin, text, ha="center", va="center",
                               fontsize=self.shape.label_size, fontweight="bold",
                               color="#" + colour)
            self.slices.append((wedge, name, text or None))

    # --- axes ---------------------------------------------------------------------------

    def text(self, value: float, number_format: str | None = None) -> str:
        return format_number(value, number_format or self.spec.number_format)

    def style_axes(self) -> None:
        spec, kind, ax = self.spec, self.kind, self.ax
        size = self.shape.axis_size
        value_axis = ax.xaxis if kind.horizontal else ax.yaxis
        value_fmt = "0%" if kind.grouping == "percent" else \
            spec.axis.number_format or spec.number_format
        chart_text.value_ticks(value_axis, value_fmt)
        ax.tick_params(length=0, labelsize=size, pad=6)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        value_spine = "bottom" if kind.horizontal else "left"
        ax.spines[value_spine].set_visible(kind.family == "scatter")
        if kind.family == "bar":
            self.zero_line()
        hide = (spec.labels and kind.family == "bar" and kind.grouping != "percent"
                and not spec.axis.title)
        gridlines = spec.gridlines if spec.gridlines is not None else not hide and not self.rows
        if gridlines:
            value_axis.grid(True, color="#" + self.p.rule, linewidth=1, zorder=0)
        ax.set_axisbelow(True)
        if hide:
            value_axis.set_visible(False)
        low, high = (0, 1) if kind.grouping == "percent" else (spec.axis.min, spec.axis.max)
        if low is not None or high is not None:
            (ax.set_xlim if kind.horizontal else ax.set_ylim)(low, high)
        if kind.grouping != "percent":  # ticks on the author's bounds, or in their step
            xy.author_ticks(value_axis, spec.axis, self.values)
        for title, horizontal in ((spec.axis.title, kind.horizontal),
                                  (spec.category_axis.title, not kind.horizontal)):
            if title:
                (ax.set_xlabel if horizontal else ax.set_ylabel)(title, fontsize=size)
        if kind.family == "scatter":
            x = spec.x_axis
            chart_text.value_ticks(ax.xaxis, x.number_format or "General")
            if x.min is not None or x.max is not None:
                ax.set_xlim(x.min, x.max)
            xy.author_ticks(ax.xaxis, x, [v for s in spec.series for v in s.x or []])
            if x.title:
                ax.set_xlabel(x.title, fontsize=size)

    def mirror(self) -> None:
        """Read from the right: the first category (or the least x) on the right, horizontal
        bars growing leftwards, the value axis and its labels on the right (a combo's second
        axis on the left). Pies turn the other way instead (`pie`)."""
        ax = self.ax
        ax.invert_xaxis()
        left, right = ax.spines["left"], ax.spines["right"]
        looks = [(spine.get_visible(), spine.get_edgecolor(), spine.get_linewidth(),
                  spine.get_zorder()) for spine in (left, right)]
        for spine, (visible, colour, width, z) in zip((right, left), looks):
            spine.set(visible=visible, color=colour, linewidth=width, zorder=z)
        if ax.yaxis.get_ticks_position() == "right":
            ax.yaxis.tick_left()
        else:
            ax.yaxis.tick_right()
        ax.yaxis.set_label_position("right" if ax.yaxis.get_label_position() == "left"
                                    else "left")
        if self.twin is not None:
            self.twin.yaxis.tick_left()
            self.twin.yaxis.set_label_position("left")

    def zero_line(self) -> None:
        """Bars grow from a clear line at zero: the category axis's line when they all grow
        one way (on the right, or on top, when they all grow down), else a line across."""
        ax, spec = self.ax, self.spec
        near, far = ("left", "right") if self.kind.horizontal else ("bottom", "top")
        if self.negative:
            near, far = far, near
        mixed = min(self.values, default=0) < 0 < max(self.values, default=0)
        ax.spines[far].set_visible(False)
        ax.spines[near].set_visible(not mixed)
        edge = spec.axis.max if self.negative else spec.axis.min
        if mixed:
            (ax.axvline if self.kind.horizontal else ax.axhline)(
                0, color="#" + self.p.muted, linewidth=1.5, zorder=2.5)
        elif edge in (None, 0):
            ax.spines[near].set(color="#" + self.p.muted, linewidth=1.5, zorder=2.5)
