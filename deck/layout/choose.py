"""Which of a template's layouts each kind of slide goes on: layouts classified by their
placeholders and geometry (never by name, which may be in any language), then the best one
chosen across all masters: the cover master for the title slide, the content master for the
rest. Pure data in (plan.TemplateInfo), choices and reasons out.
"""

from __future__ import annotations

from msgspec import Struct

from ..plan import Box, LayoutInfo, MasterInfo, TemplateInfo
from ..theme import Layouts

# what each class of layout holds, as `deck template inspect` says it
CLASSES = {
    "title_slide": "title + subtitle", "title_body": "title + one body",
    "two_bodies": "title + two bodies side by side", "section": "section header (title + a "
    "short text body)", "title_only": "title only", "blank": "no title, no body",
    "other": "another arrangement",
}
# per slide kind, the classes to look for, best first
WANTS = {
    "title": ("title_slide", "section", "title_only", "title_body"),
    "section": ("section", "title_body", "title_only"),
    "statement": ("title_only", "title_body"),
    "quote": ("title_only", "title_body"),
    "bullets": ("title_body", "two_bodies", "title_only"),
    "sources": ("title_body", "title_only"),
    "chart": ("title_body", "title_only"),
    "table": ("title_body", "title_only"),
    "image": ("title_body", "title_only"),
    "two_column": ("two_bodies", "title_body", "title_only"),
    "grid": ("title_only", "title_body"),
    "blank": ("blank", "title_only"),
}
KINDS = tuple(WANTS)
_TEXT = ("title", "subtitle", "body", "picture", "chart", "table")


class Choice(Struct, frozen=True):
    layout: LayoutInfo
    reason: str


def classify(li: LayoutInfo, slide_h: float) -> str:
    """The class of a layout (a key of CLASSES), from its placeholders and their boxes."""
    roles = [p.role for p in li.placeholders if p.role in _TEXT]
    title, bodies = roles.count("title"), [p for p in li.placeholders if p.role == "body"]
    subtitle = roles.count("subtitle")
    others = len(roles) - title - len(bodies) - subtitle
    if not title and not bodies and not subtitle and not others:
        return "blank"
    if not title or others:
        return "other"
    if subtitle and not bodies:
        return "title_slide"
    if subtitle:
        return "other"
    if not bodies:
        return "title_only"
    if len(bodies) == 1:
        body = bodies[0]
        short = body.box is not None and body.box.h < 0.3 * slide_h
        return "section" if body.kind == "body" and short else "title_body"
    if len(bodies) == 2 and all(b.box for b in bodies):
        a, b = sorted((bodies[0].box, bodies[1].box), key=lambda box: box.x)
        side = b.x >= a.right - 1 and abs(a.y - b.y) < 0.1 * slide_h
        similar = abs(a.h - b.h) < 0.2 * max(a.h, b.h)
        if side and similar:
            return "two_bodies"
    return "other"


def _area(box: Box | None, info: TemplateInfo) -> float:
    return box.w * box.h / (info.slide_w * info.slide_h) if box else 0.0


class Chooser:
    """The template's layouts by class, its cover and content masters, and the layout for
    each kind of slide with the reason it was chosen."""

    def __init__(self, info: TemplateInfo, named: Layouts | None = None):
        self.info = info
        self.classes = {li.key: classify(li, info.slide_h) for li in info.all_layouts}
        self.content, self.content_why = self._content_master()
        self.cover, self.cover_why = self._cover_master()
        defaults = Layouts()
        # a theme's `layouts:` that differ from the defaults name layouts on purpose
        self.named = {k: getattr(named, k) for k in KINDS
                      if named is not None and getattr(named, k) != getattr(defaults, k)}

    def of(self, cls: str, master: int | None = None) -> list[LayoutInfo]:
        return [li for li in self.info.all_layouts if self.classes[li.key] == cls
                and (master is None or li.master == master)]

    def _content_master(self) -> tuple[int, str]:
        """The master whose title-and-body layout leaves the most room for content, on a calm
        background, under a title near the top."""
        best, score = 0, None
        for m in self.info.masters:
            for li in self.of("title_body", m.index)[:1]:
                title, body = li.find("title"), li.find("body")
                s = (_area(body.box, self.info)
                     - (0.5 * title.box.y / self.info.slide_h if title.box else 0.0)
                     + calm(li, body.box, self.info))
                if score is None or s > score + 0.02:
                    best, score = m.index, s
        if len(self.info.masters) < 2:
            return best, "the only master"
        return best, ("its title-and-body layout has the largest, calmest body under a title "
                      "at the top")

    def _cover_master(self) -> tuple[int, str]:
        """The master whose title slide looks most like a cover: a title low on the slide,
        full-bleed artwork or picture, first in the template."""
        best, score = self.content, None
        for m in self.info.masters:
            for li in self.of("title_slide", m.index)[:1]:
                title = li.find("title")
                s = (title.box.y + title.box.h / 2) / self.info.slide_h if title.box else 0.0
                s += 0.3 * _full_bleed(m, self.info) + (0.1 if m.index == 0 else 0.0)
                if score is None or s > score + 0.05:
                    best, score = m.index, s
        if len(self.info.masters) < 2:
            return best, "the only master"
        if best == self.content:
            return best, "no other master's title slide stands out as a cover"
        return best, "its title slide sets the title low, or over a full-bleed picture"

    def master_name(self, index: int) -> str:
        return self.info.masters[index].name if self.info.masters else ""

    def choose(self, kind: str) -> Choice:
        """The layout for a kind of slide (a key of WANTS), and why."""
        if kind in self.named:
            found = self.find(self.named[kind], kind)
            if found is not None:
                return Choice(found, "named in the theme's `layouts:`")
        home = self.cover if kind == "title" else self.content
        if kind == "section" and not self.of("section", self.content):
            home = self.cover  # a divider on the cover's design when there is no section layout
        where = "cover" if home == self.cover and home != self.content else "content"
        if len(self.info.masters) < 2:
            where = "only"
        for rank, cls in enumerate(WANTS[kind]):
            for master in (home, None):
                found = self.of(cls, master)
                if found:
                    li = found[0]
                    on = (f"the {where} master" if li.master == home
                          else f"master `{li.master_name}`")
                    reason = f"{CLASSES[cls]}, on {on}"
                    if rank:
                        reason += f" (no {CLASSES[WANTS[kind][0]]} layout)"
                    return Choice(li, reason)
        fallback = self.info.all_layouts[0]
        return Choice(fallback, "the template has no layout with a title; the first one")

    def find(self, name: str, kind: str) -> LayoutInfo | None:
        """A layout by "Master/Layout" or by name (preferring the master the kind goes on)."""
        for li in self.info.all_layouts:
            if li.key == name:
                return li
        home = self.cover if kind in ("title", "section") else self.content
        named = [li for li in self.info.all_layouts if li.name == name]
        named.sort(key=lambda li: li.master != home)
        return named[0] if named else None

    def body_area(self, li: LayoutInfo) -> Box | None:
        """Where content goes on a layout without a body placeholder: its master's body."""
        master = self.info.masters[li.master] if li.master < len(self.info.masters) else None
        return master.body.box if master and master.body and master.body.box else None


def calm(li: LayoutInfo, box: Box | None, info: TemplateInfo) -> float:
    """The share of a box's backdrop cells close to its most common colour: 1 on a plain
    background, low over a photograph or artwork."""
    if li.backdrop is None or box is None:
        return 1.0
    cells = li.backdrop.under(box, info.slide_w, info.slide_h)
    counts: dict = {}
    for c in cells:
        key = (c[0] // 16, c[1] // 16, c[2] // 16)
        counts[key] = counts.get(key, 0) + 1
    top = max(counts, key=counts.get)
    near = sum(n for k, n in counts.items() if max(abs(a - b) for a, b in zip(k, top)) <= 1)
    return near / len(cells)


def _full_bleed(master: MasterInfo, info: TemplateInfo) -> float:
    """1 when the master's background is a picture or its artwork covers most of the slide."""
    if master.background.startswith("picture"):
        return 1.0
    return 1.0 if any(_area(b, info) > 0.5 for b in master.art) else 0.0


def _box(box: Box | None) -> str:
    return f"{box.x:.0f},{box.y:.0f} {box.w:.0f}×{box.h:.0f}" if box else "from the master"


def describe(info: TemplateInfo) -> str:
    """What `deck template inspect` prints: masters, layouts with their placeholders and
    class, and the layout each kind of slide gets, with the reason. Boxes are x,y w×h in pt."""
    chooser = Chooser(info)
    out = [f"slide: {info.slide_w:.1f} × {info.slide_h:.1f} pt "
           f"({info.slide_w / 72:.2f} × {info.slide_h / 72:.2f} in)"]
    if info.producer:
        out.append(f"written by: {info.producer}")
    for m in info.masters:
        role = [r for r, i in (("cover", chooser.cover), ("content", chooser.content))
                if i == m.index]
        out.append(f"\nmaster {m.index + 1}: {m.name}" + (f"  [{' and '.join(role)}]"
                                                            if role else ""))
        out.append(f"  background: {m.background}")
        if m.art:
            out.append(f"  artwork: {len(m.art)} shape(s), the largest at "
                       f"{_box(max(m.art, key=lambda b: b.w * b.h))}")
        for li in (li for li in info.all_layouts if li.master == m.index):
            out.append(f"  layout {li.index + 1}: {li.name}  — {CLASSES[chooser.classes[li.key]]}")
            for p in li.placeholders:
                extra = ", ".join(f"{k} {v}" for k, v in (("align", p.align), ("size", p.size),
                                                          ("colour", p.color),
                                                          ("font", p.font)) if v)
                out.append(f"    {p.kind:<8} idx {p.idx:<3} {_box(p.box)}"
                           + (f"  ({extra})" if extra else ""))
    out.append("\nchosen layouts:")
    for kind in KINDS:
        choice = chooser.choose(kind)
        out.append(f"  {kind:<11} {choice.layout.key}  — {choice.reason}")
    out.append(f"\ncover master: {chooser.master_name(chooser.cover)} ({chooser.cover_why})")
    out.append(f"content master: {chooser.master_name(chooser.content)} "
               f"({chooser.content_why})")
    for note in info.font_notes:
        out.append(f"note: {note}")
    return "\n".join(out) + "\n"
