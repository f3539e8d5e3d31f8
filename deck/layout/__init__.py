"""Deck model + theme → DeckPlan: every shape placed, every text measured and sized.

Pure geometry: no python-pptx, no YAML. `slides.PLANNERS` has one planner per slide kind;
`frame.Planner` holds what they share. Every shrink or continuation is reported as a warning at
the slide's line; what cannot fit at all is an error there.
"""

from __future__ import annotations

from .. import model
from ..errors import InputError
from ..files import Files
from ..plan import DEFAULT_TEMPLATE, DeckPlan, TemplateInfo
from ..theme import Theme
from .cover import divider_shown, listed_sections, plan_section
from .frame import Locate, Planner
from .memo import PlanMemo
from .mirror import is_rtl_language, mirror_slide
from .slides import plan_slide

__all__ = ["plan_deck", "Locate"]


def plan_deck(deck: model.Deck, theme: Theme, locate: Locate, files: Files,
              template: TemplateInfo = DEFAULT_TEMPLATE, memo: PlanMemo | None = None
              ) -> DeckPlan:
    """Lay out every slide. Raises InputError when something cannot be laid out at all.
    `files` gives the referenced files, already resolved and checked by validation;
    `template` the slide size and layouts (default: python-pptx's, laid out by the theme);
    `memo` slides planned by the last build, reused where unchanged (layout/memo.py)."""
    planner = Planner(deck, theme, locate, files, template)
    reuse = memo.begin(deck, theme, template) if memo is not None else None
    plan = DeckPlan(slides=[], sections=[], theme=planner.theme, language=deck.language,
                    title=deck.title, template=template, author=deck.author, date=deck.date,
                    subject=deck.subtitle)
    listed = listed_sections(deck)
    listing = [(k + 1, deck.sections[i].title) for k, i in enumerate(listed)]
    for i, section in enumerate(deck.sections):
        plan.sections.append(section.title)
        if divider_shown(deck, section):
            number = listed.index(i) + 1 if i in listed else 0
            if reuse is not None:  # a divider lists its slides' titles: keyed by all of it
                divider = reuse.plan(planner, (section, number, i, listing), ("sections", i),
                                     _plan_divider)[0]
            else:
                divider = plan_section(planner, section, number, i, listing)
            divider.section, divider.source = i, ("sections", i)
            plan.slides.append(divider)
        for j, slide in enumerate(section.slides):
            path = ("sections", i, "slides", j)
            planned = (reuse.plan(planner, slide, path, plan_slide) if reuse is not None
                       else plan_slide(planner, slide, path))
            for slide_plan in planned:
                slide_plan.section, slide_plan.source = i, ("sections", i, "slides", j)
                plan.slides.append(slide_plan)
    if reuse is not None:
        reuse.finish()
    if planner.errors:
        raise InputError(planner.errors)
    if is_rtl_language(deck.language):
        plan.slides = [mirror_slide(s, planner.theme.slide_w) for s in plan.slides]
    plan.diagnostics = planner.warnings
    return plan


def _plan_divider(planner: Planner, key: tuple, _path: tuple) -> list:
    """`plan_section` as PlanReuse.plan calls a planner: `key` is its arguments."""
    return [plan_section(planner, *key)]
