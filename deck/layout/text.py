"""Paragraphs from outline text, and fitting them into boxes by measured height."""

from __future__ import annotations

import unicodedata

from msgspec.structs import replace

from .. import markup, measure
from ..markup import Run
from ..model import Bullet, BulletItem
from ..plan import Para
from ..theme import FontFace, TextStyle

BULLET_INDENT = 1.05  # em per bullet level: where the text starts after the bullet
NUMBER_EXTRA = 0.35  # em more for "1." than for "•"
DIGIT_EM = 0.55  # em more for each further digit of a list's largest number ("10.", "100.")
ITEM_SPACE = 0.55  # em before each top-level bullet
SUB_SPACE = 0.2  # em before a sub-bullet


def is_rtl(text: str) -> bool:
    """True when the first strong character is right-to-left (Arabic, Hebrew, …)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def para(text: str, **kw) -> Para:
    """One paragraph from marked-up text."""
    rtl = is_rtl(text)
    if rtl and kw.get("align", "left") == "left":  # set from where it is read: the right
        kw["align"] = "right"
    return Para(markup.parse(text), rtl=rtl, **kw)


def balanced_para(text: str, width: float, size: float, style: TextStyle, face: FontFace,
                  **kw) -> Para:
    """`para(text)` with explicit line breaks that share it evenly over the lines it needs at
    `size` in `width` pt (measure.balance): for titles, which both engines then break alike."""
    base = para(text, **kw)
    broken = measure.balance(styled(base.runs, style), width, size, face)
    runs = tuple(Run(b.text, r.bold, r.italic, r.code, r.link)
                 for b, r in zip(broken, base.runs))
    return replace(base, runs=runs)


def paragraphs(text: str, space: float = 0.6, **kw) -> tuple[Para, ...]:
    """Paragraphs from text: a blank line starts a paragraph, a single newline breaks the line.

    (In a YAML `>` block a blank line arrives as a single newline, so it breaks the line.)"""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return tuple(para(b, space_before=space if i else 0.0, **kw)
                 for i, b in enumerate(blocks)) or (para(""),)


def bullet_items(bullets: list[Bullet]) -> list[tuple[Para, ...]]:
    """Each top-level bullet with its sub-bullets, as groups that stay together on a slide."""
    groups = []
    for i, item in enumerate(bullets):
        group: list[Para] = []
        _flatten(item, 0, group, first=(i == 0))
        groups.append(tuple(group))
    return groups


def _flatten(item: Bullet, level: int, out: list[Para], first: bool) -> None:
    text = item if isinstance(item, str) else item.text
    space = 0.0 if first else (ITEM_SPACE if level == 0 else SUB_SPACE)
    out.append(para(text, level=level, bullet=True, space_before=space))
    if isinstance(item, BulletItem):
        for sub in item.bullets:
            _flatten(sub, level + 1, out, first=False)


def indent(p: Para) -> float:
    """Left indent of a paragraph's text in em (bullets hang in the indent)."""
    if p.bullet or p.number is not None:
        return BULLET_INDENT * p.level + hang(p)
    return 0.0


def hang(p: Para) -> float:
    """Width in em the bullet or number hangs in, before the text: room for "10." too."""
    if p.number is not None:
        return BULLET_INDENT + NUMBER_EXTRA + DIGIT_EM * (p.number_digits - 1)
    return BULLET_INDENT


def styled(runs: tuple[Run, ...], style: TextStyle) -> tuple[Run, ...]:
    """The runs as drawn: a bold or italic role makes every run bold or italic."""
    if not (style.bold or style.italic):
        return runs
    return tuple(Run(r.text, r.bold or style.bold, r.italic or style.italic, r.code, r.link)
                 for r in runs)


def text_height(paras: tuple[Para, ...], width: float, size: float, style: TextStyle, *,
                face: FontFace) -> float:
    """Height in pt of paragraphs set at `size` pt in `style` in a column `width` pt wide."""
    height = 0.0
    for k, p in enumerate(paras):
        if k:
            height += p.space_before * size
        n = measure.count_lines(styled(p.runs, style), width - indent(p) * size, size, face)
        height += n * size * style.line
    return height


def candidate_sizes(style: TextStyle, step: float = 1.0) -> list[float]:
    """Sizes to try, largest first: the theme size down to the role's minimum."""
    sizes, s = [], style.size
    while s >= style.min_size - 1e-9:
        sizes.append(round(s, 2))
        s -= step
    return sizes


def fit_font_size(paras: tuple[Para, ...], width: float, height: float, style: TextStyle, *,
                  face: FontFace,
                  step: float = 1.0) -> tuple[float, float] | None:
    """The largest size (theme size or smaller, not below the minimum) at which the paragraphs
    fit the box: (size, height used), or None if they do not fit even at the minimum."""
    for size in candidate_sizes(style, step):
        h = text_height(paras, width, size, style, face=face)
        if h <= height:
            return size, h
    return None


def max_lines(runs, width: float, style: TextStyle, lines: int, *,
              face: FontFace, height: float | None = None) -> tuple[float, int] | None:
    """The largest size at which text fits in `lines` lines, and those lines in `height` pt
    when given (a template's placeholder): (size, lines used), or None."""
    runs = styled(runs, style)
    for size in candidate_sizes(style, 2.0 if style.size - style.min_size > 8 else 1.0):
        n = measure.count_lines(runs, width, size, face)
        if n <= lines and (height is None or n * size * style.line <= height + 1e-6):
            return size, n
    return None
