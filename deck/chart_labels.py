"""Data labels drawn on a chart's own fills (inside bars and columns, on slices): the fill each
sits on, as render/chart.py paints it, and the text colour that reads best there. The native
renderer colours its labels with it and the accessibility check (a11y_charts.py) reads the same
answer, so what is checked is what is drawn. Pure: no python-pptx."""

from __future__ import annotations

from .chart_checks import series_colour
from .charttypes import ChartKind
from .layout.fitting import contrast
from .model import ChartSpec
from .theme import Palette
from .themes import luminance

INSIDE = ("center", "inside_end", "inside_base")  # label positions on the bar, not beyond it
ON_FILL = ("bar", "combo", "pie")  # families whose inside labels sit on a fill (lines have none)


def inks(palette: Palette) -> tuple[str, str]:
    """The palette's dark and light text colours: the darkest of its `text`, `background` and
    `dark` (`text` on a light theme, the background on a dark one, `dark` when a template made
    the text white), and `on_dark`."""
    return min((palette.text, palette.background, palette.dark), key=luminance), palette.on_dark


def label_colour(fill: str, palette: Palette) -> str:
    """The palette's dark or light text (`inks`), whichever contrasts more with `fill`
    (RRGGBB); the light one on a tie."""
    dark, light = inks(palette)
    rgb = tuple(bytes.fromhex(fill))
    return dark if contrast(dark, rgb) > contrast(light, rgb) else light


def series_position(spec: ChartSpec, kind: ChartKind, k: int) -> str | None:
    """Where series `k`'s labels go: a combo's columns' at their base, its line's above the
    points; else the outline's position, else the type's (None: the type's own place)."""
    if spec.type == "combo":
        return "above" if k == len(spec.series) - 1 else "inside_base"
    return spec.label_position or kind.label_default


def on_fill(kind: ChartKind, position: str | None) -> bool:
    """Whether labels at `position` sit on the series' fill rather than on the slide (a
    doughnut's, which take no position, are on its ring)."""
    if kind.family not in ON_FILL:
        return False
    return position in INSIDE or (kind.family == "pie" and position is None)


def series_fills(spec: ChartSpec, kind: ChartKind, palette: Palette,
                 k: int) -> tuple[str, dict[int, str]]:
    """Series `k`'s fill and the points filled otherwise (by category index), as
    render/chart.py colours them: muted with the highlighted points in the accent, a pie's
    slices in the theme's series colours, else the series' own `color` or the theme's."""
    if spec.highlight:
        highlight = set(spec.highlight)
        return palette.chart_muted, {i: palette.accent for i, c in enumerate(spec.categories)
                                     if c in highlight}
    if kind.family == "pie":
        n = len(palette.series)
        return palette.series[0], {i: palette.series[i % n]
                                   for i in range(len(spec.categories)) if i % n}
    own = spec.series[k].color if k < len(spec.series) else None
    return series_colour(own or "", palette, k), {}


def series_label_colours(spec: ChartSpec, kind: ChartKind, palette: Palette,
                         k: int) -> tuple[str, dict[int, str]]:
    """The colour of series `k`'s labels on its fill, and the points whose fill calls for the
    other one (by category index)."""
    base, points = series_fills(spec, kind, palette, k)
    colour = label_colour(base, palette)
    return colour, {i: c for i, fill in points.items()
                    if (c := label_colour(fill, palette)) != colour}


def labelled_fills(spec: ChartSpec, kind: ChartKind, palette: Palette, labels: bool
                   ) -> list[tuple[int, str, str]]:
    """(series index, what, fill) of every fill a label is drawn on: every labelled series' fills
    with `labels` on; with them off, the highlighted points' accent (render/chart.py labels
    those itself). `what` names the labels' place for a message: `columns`, `highlighted slices`…"""
    if kind.family not in ON_FILL:
        return []
    shape = "slices" if kind.family == "pie" else "bars" if kind.horizontal else "columns"
    found: list[tuple[int, str, str]] = []
    if not labels:
        position = spec.label_position or kind.label_default
        if spec.highlight and on_fill(kind, position):
            found.append((0, f"highlighted {shape}", palette.accent))
        return found
    for k in range(len(spec.series)):
        if not on_fill(kind, series_position(spec, kind, k)):
            continue
        base, points = series_fills(spec, kind, palette, k)
        apart = f"highlighted {shape}" if spec.highlight else shape
        if len(points) < len(spec.categories):  # some points keep the series' fill
            found.append((k, f"muted {shape}" if spec.highlight else shape, base))
        found += [(k, apart, fill) for fill in dict.fromkeys(points.values()) if fill != base]
    return found
