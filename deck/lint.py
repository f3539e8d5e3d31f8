"""Style lint on a valid outline: warnings, located at their line and column.

Each rule is a function `(deck, smap) -> Diagnostics` in `RULES`; they read the typed model only,
never YAML. Some problems the issue lists are errors, not warnings, and live elsewhere: a blank
`alt`, an image file that is missing, an empty section and a value axis starting above zero
without data labels (`validate.py`; with labels, `cut_bar_axis` warns); text that had to
shrink or continue (`layout/`, as warnings).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePath

from . import markup, model
from .errors import Diagnostic
from .source import SourceMap

MAX_BULLETS = 7  # bullets on one slide, sub-bullets included
MAX_TITLE = 70  # characters of a slide or section title, markup removed
# Alt texts that say nothing about the picture.
VAGUE_ALT = frozenset({"image", "picture", "photo", "photograph", "figure", "graphic", "chart",
                       "diagram", "screenshot", "img", "pic", "illustration", "logo", "icon"})


def lint(deck: model.Deck, smap: SourceMap) -> list[Diagnostic]:
    """Every style warning about `deck`, in rule order (callers sort by position)."""
    return [diag for rule in RULES for diag in rule(deck, smap)]


def slides(deck: model.Deck) -> Iterator[tuple[tuple, object]]:
    """(path, slide) for every slide of the outline, in order."""
    for i, section in enumerate(deck.sections):
        for j, slide in enumerate(section.slides):
            yield ("sections", i, "slides", j), slide


def blocks(deck: model.Deck) -> Iterator[tuple[tuple, object]]:
    """(path, slide or block): every slide, and the two blocks of each two-column slide."""
    for path, slide in slides(deck):
        yield path, slide
        if isinstance(slide, model.TwoColumnSlide):
            yield path + ("left",), slide.left
            yield path + ("right",), slide.right


def _words(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text).strip().lower()


def alt_text(deck: model.Deck, smap: SourceMap):
    """An alt text that is the file name, or a word like "image", tells a listener nothing."""
    for path, spec in blocks(deck):
        if not isinstance(spec, model.ImageSpec) or not spec.alt.strip():
            continue  # a blank alt is a validation error
        alt, name = _words(spec.alt), PurePath(spec.path)
        if alt in (_words(name.name), _words(name.stem)):
            yield smap.diagnostic(path + ("alt",), f"alt text `{spec.alt}` is the file name; "
                                  "describe what the image shows", severity="warning")
        elif alt in VAGUE_ALT:
            yield smap.diagnostic(path + ("alt",), f"alt text `{spec.alt}` says nothing about "
                                  "the image; describe what it shows", severity="warning")


def _count_bullets(items) -> int:
    return sum(1 + (_count_bullets(item.bullets) if isinstance(item, model.BulletItem) else 0)
               for item in items)


def bullet_count(deck: model.Deck, smap: SourceMap):
    """More than MAX_BULLETS bullets (any level) on one slide or column is hard to follow."""
    for path, spec in blocks(deck):
        if isinstance(spec, model.BulletsSpec):
            n = _count_bullets(spec.bullets)
            if n > MAX_BULLETS:
                yield smap.diagnostic(path + ("bullets",), f"{n} bullets on one slide; more "
                                      f"than {MAX_BULLETS} is hard to follow: cut or split it",
                                      severity="warning")


def _titles(deck: model.Deck) -> Iterator[tuple[tuple, str]]:
    """(path, title) of every section and every slide that has a title."""
    for i, section in enumerate(deck.sections):
        yield ("sections", i, "title"), section.title
        for j, slide in enumerate(section.slides):
            title = getattr(slide, "title", None)
            if title:
                yield ("sections", i, "slides", j, "title"), title


def title_length(deck: model.Deck, smap: SourceMap):
    """Titles over MAX_TITLE characters read as sentences; an audience skims a headline."""
    for path, title in _titles(deck):
        n = len(markup.plain_text(title))
        if n > MAX_TITLE:
            what = "slide title" if "slides" in path else "section title"
            yield smap.diagnostic(path, f"{what} is {n} characters long; at most "
                                  f"{MAX_TITLE} read at a glance", severity="warning")


def duplicate_titles(deck: model.Deck, smap: SourceMap):
    """Two slides with the same title look like the same slide in the outline view and the
    slide sorter; the second is reported, naming the first one's line."""
    seen: dict[str, tuple] = {}
    for path, title in _titles(deck):
        if "slides" not in path:
            continue
        key = " ".join(markup.plain_text(title).casefold().split())
        if key in seen:
            first = smap.span(seen[key])
            yield smap.diagnostic(path, f"same title as the slide at line {first.line}; make "
                                  "each slide's title say what is new on it", severity="warning")
        else:
            seen[key] = path


def cut_bar_axis(deck: model.Deck, smap: SourceMap):
    """Bars are read by their length: on a value axis that does not start at zero a small gap
    looks large (1,449 against 1,503 on an axis from 1,400: a 3.6 % gap drawn twice as long).
    A dot plot, or bars of the gap to a reference, show the same ranking honestly."""
    for path, spec in blocks(deck):
        if not isinstance(spec, model.ChartSpec) or spec.type not in CUT_AXIS_TYPES:
            continue
        low = spec.axis.min
        if low is not None and low > 0:
            values = [v for s in spec.series if not isinstance(s, str)
                      and not isinstance(s.values, str) for v in s.values]
            shown = ""
            if values and min(values) > low:
                drawn, real = max(values) / min(values), (max(values) - low) / (min(values) - low)
                shown = (f": the largest value is {drawn - 1:.1%} above the smallest but its bar "
                         f"is drawn {real:.1f} times as long")
            yield smap.diagnostic(path + ("axis", "min"), f"the value axis starts at {low:g}, "
                                  f"not zero, so the bars' lengths mislead{shown}. Use `type: "
                                  "dot` (a dot plot need not start at zero), or chart the gap "
                                  "to a reference value", severity="warning")


CUT_AXIS_TYPES = ("bar", "column", "stacked_bar", "stacked_column", "combo")

RULES = (alt_text, bullet_count, title_length, duplicate_titles, cut_bar_axis)
