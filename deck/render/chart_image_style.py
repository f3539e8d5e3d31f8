"""How an image chart's text and look are set before matplotlib draws it: the theme's faces,
colours and sizes as matplotlib settings, right-to-left text put in the order it is seen,
and matplotlib kept quiet (the planner has warned, at their line, about what it draws badly)."""

from __future__ import annotations

import logging
import re
import warnings
from contextlib import contextmanager

from msgspec.structs import replace

from ..model import Axis, ChartSpec
from ..plan import ChartShape
from ..theme import Theme
from . import chart_text


@contextmanager
def quiet():
    """matplotlib says nothing on the user's terminal, not even without `-q`: degenerate data
    (one category, equal values) makes it warn about limits and layout it then handles, and a
    glyph no face has about the font; the planner has warned about those, at their line
    (`glyphs.image_chart_problems`)."""
    logger = logging.getLogger("matplotlib")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def seen_order(spec: ChartSpec) -> ChartSpec:
    """The chart's text in the order it is seen (`visual_order`): widths do not change."""
    def axis(a: Axis) -> Axis:
        return replace(a, title=visual_order(a.title)) if a.title else a

    return replace(spec, categories=[visual_order(c) for c in spec.categories],
                   highlight=[visual_order(h) for h in spec.highlight],
                   series=[replace(s, name=visual_order(s.name)) for s in spec.series],
                   annotations=[replace(n, category=visual_order(n.category),
                                        text=visual_order(n.text)) for n in spec.annotations],
                   axis=axis(spec.axis), secondary_axis=axis(spec.secondary_axis),
                   x_axis=axis(spec.x_axis))


_RTL_RUN = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc][^A-Za-z0-9\n]*")


def visual_order(text: str) -> str:
    """Each line of `text` as it is seen when it has right-to-left letters and no digits or
    Latin letters, which need the bidi algorithm: its characters reversed (matplotlib draws
    characters left to right in the order stored). Right for Hebrew; Arabic also needs its
    letters joined, which matplotlib cannot do (the planner warns)."""
    if not _RTL_RUN.search(text):
        return text
    return "\n".join(line[::-1] if _RTL_RUN.search(line) and not re.search(r"[A-Za-z0-9]", line)
                     else line for line in text.split("\n"))


def style(shape: ChartShape, theme: Theme, lang: str = "en-US") -> dict:
    """matplotlib settings for a chart: the theme's faces (East-Asian fallback included),
    colours and sizes. Drawing and saving happen inside `matplotlib.rc_context(style(…))`."""
    p = theme.palette
    # DejaVu Sans (matplotlib's own, always there) last: Hebrew, Arabic, Greek, Cyrillic and
    # symbols the theme's face lacks are drawn, not shown as empty boxes
    return {"font.family": [*chart_text.font_families(shape, theme, lang), "DejaVu Sans"],
            "font.size": shape.axis_size,
            "text.color": "#" + p.text, "axes.labelcolor": "#" + p.muted,
            "xtick.color": "#" + p.text, "ytick.color": "#" + p.text,
            "xtick.labelcolor": "#" + p.text, "ytick.labelcolor": "#" + p.text,
            "axes.edgecolor": "#" + p.rule, "axes.unicode_minus": False,
            "text.parse_math": False,  # "$5 to $10" is money, not TeX
            "figure.constrained_layout.h_pad": 4 / 72,
            "figure.constrained_layout.w_pad": 4 / 72}
