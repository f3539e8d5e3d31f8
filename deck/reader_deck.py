"""The reader's deck-level half: built slides folded back into sections of outline slides.

Sections come from PowerPoint's sections (our writer names them with the outline's titles, as
written), else from our dividers, else one section for the whole deck. "(cont.)" slides join
the slide they continue; deck fields come from the document properties, the title slide, and
the footer and slide numbers of content slides.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from . import markup, model
from .layout.frame import CONT, CONTINUED, SOURCES

FIRST_DATE = datetime(1980, 1, 1)  # pipeline.document_time's time for a deck without a date
CONTINUABLE = ("bullets", "sources", "table")
EXTRA = ("footer", "numbers", "byline")  # read from a slide, belonging to the deck


def _assemble(prs, reads: list, language: str, warnings: list[str]) -> model.Deck:
    from .reader import CONTINUED_NOTE
    from .render.oxml import read as rx

    primary = language.split("-")[0].lower()
    cont = CONTINUED.get(primary, CONT)
    sources_title = SOURCES.get(primary, "Sources")
    groups = rx.sections(prs)
    if not groups:
        groups, current = [], None
        for k, r in enumerate(reads):
            if r.kind == "section" or current is None:
                current = (r.fields.get("title") if r.kind == "section" else None, [])
                groups.append(current)
            current[1].append(k)
    props = prs.core_properties
    deck: dict = {"title": props.title or None, "sections": []}
    content = [r for r in reads if r.kind not in ("section", "title", "empty")]
    footer = next((r.fields["footer"] for r in content if r.fields.get("footer")), None)
    numbers = any(r.fields.get("numbers") for r in content)
    ours = [r for r in content if r.ours]
    title_slides = [r for r in reads if r.kind == "title"]
    first_title = title_slides[0] if title_slides else None

    shape: list[tuple] = []  # per section: (its dict, divider, listed, more than a title)
    for name, indexes in groups:
        slides_in = [reads[k] for k in indexes]
        divider = bool(slides_in) and slides_in[0].kind == "section"
        if divider and not name:
            name = slides_in[0].fields.get("title")
        slides = []
        for r in slides_in[1:] if divider else slides_in:
            if r.kind == "section":
                warnings.append(f"slide {r.number}: a section divider inside a section: left out")
                continue
            if r.kind == "empty":
                continue
            prev = slides[-1] if slides else None
            if (prev is not None and r.kind == prev.kind and r.kind in CONTINUABLE
                    and r.fields.get("notes") == CONTINUED_NOTE
                    and (r.fields.get("title") == (prev.fields.get("title") or "") + cont
                         or r.fields.get("title") is None is prev.fields.get("title"))):
                _join(prev, r)
                continue
            slides.append(r)
        if not slides:
            warnings.append(f"section `{name or '(unnamed)'}`: no slides left once read: left "
                            "out")
            continue
        section = {"title": name or deck["title"] or "Slides",
                   "slides": [_slide(r, deck, props, sources_title, first_title, warnings)
                              for r in slides]}
        if not divider and not _auto_omitted(name, slides, reads):
            section["divider"] = False
        elif divider and (len(slides) < 2 or slides[0].kind == "title"):  # auto: none
            section["divider"] = True
        if divider and slides_in[0].fields.get("notes"):
            section["notes"] = slides_in[0].fields["notes"]
        deck["sections"].append(section)
        shape.append((section, divider, _listed(name, reads),
                      any(r.kind != "title" for r in slides)))
    _dividers_none(deck, shape)
    if not deck["title"]:
        deck["title"] = next((r.fields.get("title") for r in reads if r.fields.get("title")),
                             None) or "Untitled"
    if props.subject:
        deck["subtitle"] = props.subject
    if props.author:
        deck["author"] = props.author
    if any(r.ours for r in reads):  # a foreign deck's creation time is no byline date
        _date(deck, props, first_title)
    if language != "en-US":
        deck["language"] = language
    if footer:
        deck["footer"] = footer
    if ours and not numbers:
        deck["slide_numbers"] = False
    if not deck["sections"]:
        deck["sections"] = [{"title": deck["title"], "divider": False,
                             "slides": [{"kind": "title"}]}]
        warnings.append("the deck holds no slide an outline can show: a title slide made up")
    _deck_title(deck, first_title)
    return msgspec.convert(deck, model.Deck)


def _join(prev, r) -> None:
    for key in ("bullets", "sources"):
        if key in prev.fields:
            prev.fields[key] = prev.fields[key] + r.fields.get(key, [])
    if "rows" in prev.fields:
        prev.fields["rows"] = prev.fields["rows"] + r.fields.get("rows", [])


def _date(deck: dict, props, first_title) -> None:
    byline = first_title.fields.get("byline") if first_title else None
    author = deck.get("author")
    if byline:
        if author and byline == author:
            return
        if author and byline.startswith(author + " · "):
            deck["date"] = byline[len(author) + 3:]
            return
        if not author:
            deck["date"] = byline
            return
    created = props.created
    if created and created.replace(tzinfo=None) > FIRST_DATE and "date" not in deck:
        deck["date"] = created.date().isoformat()


def _deck_title(deck: dict, first_title) -> None:
    """The title slide's own text stands for the deck's (the properties hold it without
    markup): a title slide that says what the deck says keeps empty fields."""
    if first_title is None:
        return
    for key, slide_key in (("title", "title"), ("subtitle", "subtitle")):
        shown = first_title.fields.get(slide_key)
        if shown and markup.plain_text(shown) == (deck.get(key) or ""):
            deck[key] = shown


def _listed(name: str | None, reads: list) -> bool:
    listed = {markup.plain_text(t) for r in reads if r.kind == "section"
              for t in r.fields.get("listed") or ()}
    return name is not None and markup.plain_text(name) in listed


def _dividers_none(deck: dict, shape: list[tuple]) -> None:
    """`dividers: none` when a section without a divider is listed on the others though it
    would have one by `auto`: the sections' `divider` keys written for `none` instead."""
    if not any(listed and not divider and "divider" in section
               for section, divider, listed, _ in shape):
        return
    deck["dividers"] = "none"
    for section, divider, listed, more in shape:
        section.pop("divider", None)
        if divider:
            section["divider"] = True
        elif more and not listed:
            section["divider"] = False
        if "notes" in section:  # keep the key order: divider, notes, slides
            section["notes"] = section.pop("notes")
        section["slides"] = section.pop("slides")


def _auto_omitted(name: str | None, slides: list, reads: list) -> bool:
    """Whether a section without a divider is listed on the deck's dividers, and would have
    none by `dividers: auto` (a single slide, or the title slide first): no `divider` key."""
    listed = {markup.plain_text(t) for r in reads if r.kind == "section"
              for t in r.fields.get("listed") or ()}
    return (name is not None and markup.plain_text(name) in listed
            and (len(slides) < 2 or slides[0].kind == "title"))


def _slide(r, deck: dict, props, sources_title: str, first_title, warnings) -> dict:
    fields = {k: v for k, v in r.fields.items() if k not in EXTRA and v is not None}
    out = {"kind": r.kind, **fields}
    if r.kind == "title":
        for key, prop in (("title", props.title), ("subtitle", props.subject)):
            shown = fields.get(key)
            if shown is not None and markup.plain_text(shown) == (prop or ""):
                out.pop(key)
            elif shown is None and prop and r is first_title and r.ours:
                pass
        byline = r.fields.get("byline")
        expected = " · ".join(x for x in (props.author, _deck_date(deck, props, first_title))
                              if x)
        if byline and byline != expected:
            out["author"] = byline
            warnings.append(f"slide {r.number}: the title slide's byline is not the deck's "
                            "author and date: kept as the slide's author")
    if r.kind == "sources":
        title = fields.get("title")
        if title == sources_title:
            out.pop("title")
        elif title is None:
            out["title"] = None
    return out


def _deck_date(deck: dict, props, first_title) -> str | None:
    probe: dict = {"author": props.author or None}
    _date(probe, props, first_title)
    return probe.get("date")
