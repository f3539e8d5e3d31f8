"""Text around an image chart's marks: annotations with leader lines, the legend, category
names that must wrap, shrink or turn. Split from chart_image.py, which draws the marks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.transforms import offset_copy

from ..charttypes import legend_position
from ..measure import run_width
from ..theme import FontFace

if TYPE_CHECKING:
    from .chart_image import _Drawing

SCALE = 2  # pixels per point, as chart_image draws
LEGEND_LOC = {"bottom": "outside lower center", "top": "outside upper center",
              "right": "outside right center", "left": "outside left center"}


def annotate(d: _Drawing) -> None:
    """Each annotation beside its category's value, joined to it by a thin leader line:
    to the right of horizontal bars, above columns and points, outside pie slices."""
    spec, ax, kind = d.spec, d.ax, d.kind
    style = {"fontsize": d.shape.axis_size, "color": "#" + d.p.text,
             "annotation_clip": False, "zorder": 5}
    leader = {"arrowstyle": "-", "color": "#" + d.p.muted, "linewidth": 1.2,
              "shrinkA": 4}
    outside = spec.labels and (spec.label_position or kind.label_default) == "outside_end"
    # Horizontal bars: the notes form a column right of the plot, clear of any label there.
    widest = max((run_width(d.text(v), d.shape.label_size, bold=True, face=d.face)
                  for v in spec.series[0].values if outside and v >= 0), default=0)
    column = offset_copy(ax.get_yaxis_transform(), fig=d.fig, x=widest + 16,
                         units="points")
    for note in spec.annotations:
        i = spec.categories.index(note.category)
        x, y = d.ends[i]
        label = d.text(spec.series[0].values[i]) if spec.labels else ""
        room = (run_width(label, d.shape.label_size, bold=True, face=d.face) + 10
                if label else 4)
        if kind.family == "pie":
            ax.annotate(note.text, (x, y), xytext=(1.45 * x, 1.35 * y),
                        ha="left" if x >= 0 else "right", va="center",
                        arrowprops={**leader, "shrinkB": 2}, **style)
        elif kind.horizontal:
            ax.annotate(note.text, (max(x, 0), y), xytext=(1.0, y), textcoords=column,
                        ha="left", va="center",
                        arrowprops={**leader, "shrinkB": room if outside and x >= 0 else 4},
                        **style)
        else:
            ax.annotate(note.text, (x, y), xytext=(0, 30 + d.shape.label_size * 1.2),
                        textcoords="offset points", ha="center", va="bottom",
                        arrowprops={**leader, "shrinkB": d.shape.label_size * 1.2 + 6},
                        **style)
    if not kind.horizontal and kind.family != "pie" and spec.axis.max is None:
        ax.margins(y=0.35)

def legend(d: _Drawing) -> None:
    position = legend_position(d.spec)
    if position is None:
        return
    labels = (d.spec.categories if d.kind.family == "pie"
              else [s.name for s in d.spec.series])
    size = d.shape.axis_size
    columns = 1
    handles = d.handles
    if position in ("bottom", "top"):  # as many columns as fit across the box
        entries = [run_width(label, size, face=d.face) + 2.8 * size  # key + gaps
                   for label in labels]
        columns = next(c for c in range(len(labels), 0, -1)
                       if sum(max(entries[k::c]) for k in range(c)) <= d.shape.box.w)
        # matplotlib fills a legend column by column; read row by row, as text is read
        order = [k for col in range(columns) for k in range(col, len(labels), columns)]
        handles, labels = [handles[k] for k in order], [labels[k] for k in order]
    d.fig.legend(handles, labels, loc=LEGEND_LOC[position], frameon=False,
                    ncols=columns, fontsize=size, handlelength=1, handleheight=1,
                    handletextpad=0.6, columnspacing=1.2)

def fit_categories(d: _Drawing) -> None:
    """Category names that collide: wrapped onto two lines, else shrunk step by step to
    the theme's minimum, else turned 45°."""
    d.fig.draw_without_rendering()  # lays the axes out: their width is known now
    ax, names = d.ax, d.spec.categories
    low, high = ax.get_xlim()
    room = ax.get_window_extent().width / SCALE / max(high - low, 1) * 0.92  # points
    size = d.shape.axis_size
    while size >= d.min_size:
        wrapped = [_wrap(name, room, size, d.face) for name in names]
        if all(w is not None for w in wrapped):
            ax.set_xticks(range(len(names)), wrapped, fontsize=size)
            return
        size -= 1
    ax.set_xticks(range(len(names)), names, fontsize=d.min_size, rotation=45,
                  ha="right", rotation_mode="anchor")


def _wrap(text: str, width: float, size: float, face: FontFace) -> str | None:
    """`text` on at most two lines of `width` points at `size`, or None if it cannot be."""
    if run_width(text, size, face=face) <= width:
        return text
    words = text.split()
    for k in range(len(words) - 1, 0, -1):
        first, second = " ".join(words[:k]), " ".join(words[k:])
        if (run_width(first, size, face=face) <= width
                and run_width(second, size, face=face) <= width):
            return first + "\n" + second
    return None
