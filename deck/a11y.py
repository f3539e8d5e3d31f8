"""Accessible by default: PowerPoint's Accessibility Checker rules and WCAG 2.2, on the plan.

`prepare(plan)` fixes what the deck can fix itself: an untitled slide gets a hidden title (a
real title placeholder above the slide), and every slide's shapes are put in reading order
(decoration, title, body, source, footer, slide number: the renderer draws the shape tree in
plan order). `audit(deck, plan, smap)` then checks every rule, slide by slide, and returns
each rule's status and a located warning for what only the author can fix. docs/accessibility.md
lists the rules, their sources and the fixes. Pure: no python-pptx, no YAML.
"""

from __future__ import annotations

import re

import msgspec
from msgspec import Struct

from . import markup, model
from .errors import Diagnostic
from .plan import (
    Box,
    ChartShape,
    DeckPlan,
    PictureShape,
    RectShape,
    SlideNumberShape,
    SlidePlan,
    TextShape,
)
from .source import SourceMap

# (key, what it checks, where the rule comes from): the columns of `deck check --a11y`
RULES = (
    ("title", "every slide has a title", "Missing slide title; WCAG 2.4.2"),
    ("unique", "slide titles are unique", "Duplicate slide title; WCAG 2.4.6"),
    ("alt", "pictures and charts have alt text", "Missing alternative text; WCAG 1.1.1"),
    ("order", "reading order is title, body, source, footer", "Check reading order; WCAG 1.3.2"),
    ("table", "tables have a header row, no merged cells",
     "Missing table header, Merged cells; WCAG 1.3.1"),
    ("contrast", "text contrast ≥ 4.5:1 (3:1 large)", "Hard-to-read text contrast; WCAG 1.4.3"),
    ("language", "every run has a language tag", "WCAG 3.1.1"),
    ("links", "link text says where it goes", "Unclear hyperlink text; WCAG 2.4.4"),
    ("colour", "colour is not the only signal", "WCAG 1.4.1"),
)
HIDDEN_TITLE = "Title (hidden)"  # the name of a hidden title's shape
HIDDEN_TITLE_CHARS = 80  # a hidden title made from the slide's text: at most this long
# Link texts that say nothing about where the link goes (read alone in a screen reader's list).
VAGUE_LINKS = frozenset({"click here", "here", "click", "link", "this link", "more", "read more",
                         "learn more", "this", "go", "details", "this page", "website"})
_URL = re.compile(r"^\s*(https?://|mailto:|www\.)\S*\s*$", re.IGNORECASE)


class Finding(Struct):
    """One rule's result on one slide: `ok`, `fixed` (the build did it), `warning`, or `n/a`."""

    rule: str
    slide: int  # 0-based index into plan.slides
    status: str
    note: str = ""


class Audit(Struct):
    findings: list[Finding]
    diagnostics: list[Diagnostic]

    def status(self, rule: str, slide: int) -> str:
        """The worst status of a rule on a slide."""
        rank = {"n/a": 0, "ok": 1, "fixed": 2, "warning": 3}
        found = [f.status for f in self.findings if f.rule == rule and f.slide == slide]
        return max(found, key=rank.get) if found else "n/a"


# --- what the build fixes itself -------------------------------------------------------------

def prepare(plan: DeckPlan) -> None:
    """Give every untitled slide a hidden title and put every slide's shapes in reading order."""
    taken = {_key(t) for s in plan.slides if (t := title_of(s))}
    for slide in plan.slides:
        if title_of(slide) is None:
            text = _unique(hidden_title_text(slide), taken)
            taken.add(_key(text))
            slide.shapes.append(_hidden_title(plan, text))
        slide.shapes = sorted(slide.shapes, key=_reading_rank)  # stable: body order kept


def title_of(slide: SlidePlan) -> str | None:
    """The plain text of a slide's title shape (hidden or not), or None."""
    for shape in slide.shapes:
        if isinstance(shape, TextShape) and shape.role == "title":
            return _text(shape)
    return None


def is_hidden(shape) -> bool:
    return isinstance(shape, TextShape) and shape.name == HIDDEN_TITLE


def hidden_title_text(slide: SlidePlan) -> str:
    """A title for a slide that shows none, from what it shows: the key figure and its
    caption, the quote, a picture's alt text or caption, a chart's description, the text."""
    texts = [_text(s) for s in slide.shapes if isinstance(s, TextShape)
             and s.name not in ("Footer", "Quote mark") and _text(s).strip()]
    alts = [s.alt for s in slide.shapes if isinstance(s, (PictureShape, ChartShape)) and s.alt]
    named = {s.name: _text(s) for s in slide.shapes if isinstance(s, TextShape)}
    if "Figure" in named:
        text = " ".join(x for x in (named["Figure"], named.get("Caption", "")) if x)
    elif "Quote" in named:
        text = named["Quote"]
    else:
        text = next(iter(alts + texts), "")
    return _shorten(" ".join(text.split()))


def _shorten(text: str) -> str:
    if len(text) <= HIDDEN_TITLE_CHARS:
        return text
    cut = text[:HIDDEN_TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:—-")
    return cut + "…"


def _unique(text: str, taken: set[str]) -> str:
    """`text`, or `text (2)`, `text (3)`…: the first not taken."""
    text = text or "Slide"
    k, candidate = 2, text
    while _key(candidate) in taken:
        candidate, k = f"{text} ({k})", k + 1
    return candidate


def _hidden_title(plan: DeckPlan, text: str) -> TextShape:
    """A title placeholder just above the slide: screen readers, the outline view and the
    Accessibility Checker find it; the audience does not see it (Microsoft's own advice)."""
    from .layout.text import para

    theme = plan.theme
    style = theme.sizes.title
    h = style.size * style.line * 2
    box = Box(theme.geometry.margin_x, -h - 12, theme.slide_w - 2 * theme.geometry.margin_x, h)
    return TextShape(box=box, paras=(para(text),), size=style.size, color=theme.palette.text,
                     line=style.line, bold=style.bold, role="title", name=HIDDEN_TITLE,
                     font=theme.face(style).name)


def _reading_rank(shape) -> int:
    """Decoration first (it is behind, and skipped), then title, body, source, footer, number."""
    if isinstance(shape, RectShape) or (isinstance(shape, PictureShape) and not shape.alt):
        return 0
    if isinstance(shape, TextShape):
        return {"title": 1}.get(shape.role, {"Source": 3, "Footer": 4}.get(shape.name, 2))
    return 5 if isinstance(shape, SlideNumberShape) else 2


def _text(shape: TextShape) -> str:
    return "\n".join("".join(r.text for r in p.runs) for p in shape.paras)


def _key(title: str) -> str:
    return " ".join(markup.plain_text(title).casefold().split())


# --- what is checked --------------------------------------------------------------------------

def audit(deck: model.Deck, plan: DeckPlan, smap: SourceMap,
          memo: AuditMemo | None = None) -> Audit:
    """Every rule on every slide of a prepared plan: statuses, and warnings at outline lines.
    With `memo`, slides audited by its last build are not checked again (same result)."""
    from .a11y_checks import CHECKS, CROSS_SLIDE

    result = Audit([], [])
    if memo is not None:
        per_slide = memo.slides(deck, plan)
    for n, check in enumerate(CHECKS):
        if memo is None or check in CROSS_SLIDE:
            check(deck, plan, smap, result)
            continue
        for k, (slide, entry) in enumerate(zip(plan.slides, per_slide, strict=True)):
            found, said = entry[n]
            result.findings += [Finding(rule, k, status, note) for rule, status, note in found]
            result.diagnostics += [smap.diagnostic(slide.source + where, message,
                                                   severity=severity)
                                   for where, message, severity in said]
    seen, unique = set(), []
    for diag in result.diagnostics:  # a footer or a shared cause: reported once
        if (diag.span, diag.message) not in seen:
            seen.add((diag.span, diag.message))
            unique.append(diag)
    result.diagnostics = unique
    return result


def report(audit_: Audit, plan: DeckPlan) -> str:
    """`deck check --a11y`: one row per slide, one column per rule, then the rules' sources."""
    keys = [key for key, _what, _source in RULES]
    head = ["slide", "title"] + keys
    rows = []
    for k, slide in enumerate(plan.slides):
        title = title_of(slide) or ""
        hidden = any(is_hidden(s) for s in slide.shapes)
        title = (title[:32] + "…" if len(title) > 33 else title).replace("\n", " ")
        rows.append([str(k + 1), f"({title})" if hidden else title]
                    + [audit_.status(key, k) for key in keys])
    widths = [max(len(r[c]) for r in [head] + rows) for c in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip()
             for row in [head] + rows]
    lines.append("")
    lines.append("(title): a hidden title the build added · fixed: the build did it · "
                 "n/a: nothing on the slide to check")
    lines += [f"{key:9} {what} ({source})" for key, what, source in RULES]
    return "\n".join(lines)


# --- issue 17: the audit of slides that did not change, kept --------------------------------

class _Said:
    """A SourceMap stand-in for one slide's checks: keeps (path below the slide, message,
    severity), so a kept warning is located again where the slide's lines are now."""

    def __init__(self, source: tuple):
        self.source, self.said = source, []

    def diagnostic(self, path: tuple, message: str, *, severity: str = "error"):
        if path[:len(self.source)] != self.source:
            raise ValueError(f"a per-slide check reported outside its slide: {path}")
        self.said.append((path[len(self.source):], message, severity))


class AuditMemo:
    """One outline's per-slide audit results, by a hash of the prepared slide, the outline
    block it came from, and what every slide is checked against (theme, template and its
    backdrops, background pictures' versions). Cross-slide rules (unique titles, links) run
    every build, on the whole plan. One deck's worth is kept."""

    def __init__(self) -> None:
        self.entries: dict[bytes, tuple] = {}
        self.hits = self.misses = 0  # the last build's slides reused and checked

    def slides(self, deck: model.Deck, plan: DeckPlan) -> list[tuple]:
        """Each slide's results, check by check (CHECKS order): ((rule, status, note)…),
        ((path below the slide, message, severity)…); checked now where not kept."""
        import hashlib

        from .a11y_checks import CHECKS, CROSS_SLIDE
        from .layout.memo import _ENCODE, _stamp

        context = hashlib.blake2b(_ENCODE(plan.theme) + b"\0" + _ENCODE(plan.template),
                                  digest_size=20).digest()
        out, used, self.hits, self.misses = [], set(), 0, 0
        for slide in plan.slides:
            src = slide.source
            block = (deck.sections[src[1]].slides[src[3]]
                     if len(src) >= 4 and src[0] == "sections" and src[2] == "slides" else None)
            pictures = [(s.path, _stamp(s.path)) for s in slide.shapes
                        if isinstance(s, PictureShape)]
            key = hashlib.blake2b(b"\0".join([context, _ENCODE(slide), _ENCODE(block),
                                               _ENCODE(pictures)]), digest_size=20).digest()
            entry = self.entries.get(key)
            if entry is None:
                self.misses += 1
                one = msgspec.structs.replace(plan, slides=[slide])
                entry = []
                for check in CHECKS:
                    if check in CROSS_SLIDE:
                        entry.append(((), ()))
                        continue
                    found, said = Audit([], []), _Said(src)
                    check(deck, one, said, found)
                    entry.append((tuple((f.rule, f.status, f.note) for f in found.findings),
                                  tuple(said.said)))
                self.entries[key] = entry = tuple(entry)
            else:
                self.hits += 1
            used.add(key)
            out.append(entry)
        for key in [k for k in self.entries if k not in used]:
            del self.entries[key]
        return out
