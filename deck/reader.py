"""Any .pptx → the outline model (`deck.model.Deck`): the writer's pipeline read backwards.

A slide deck wrote is recognised by its shape names ("Title", "Bullets", "Figure", "Bar chart",
…), which say its kind; a foreign slide by its content (title and body placeholders → bullets,
a table, a chart, a picture, a title with one short text → statement). Built slides that one
outline slide became ("(cont.)" slides, section dividers) are folded back. What cannot be
represented is a warning naming its slide, never dropped silently. python-pptx only; raw XML
is read by `render/oxml/read.py`. `kind_of` decides, from the fingerprint when there is one.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from msgspec import Struct

from . import markup, model
from .charttypes import CHART_KINDS, TYPE_NAMES, legend_position
from .errors import Diagnostic, InputError, Span

CONTINUED_NOTE = "(continued from the previous slide)"
OUR_TEXT = {"Title", "Accent rule", "Footer", "Slide number", "Bullets", "Text", "Sources",
            "Figure", "Caption", "Quote mark", "Quote", "Attribution", "Table", "Source",
            "Section number", "Agenda", "Subtitle", "Byline", "Heading",
            "Title (hidden)"}  # an untitled slide's title for screen readers (a11y.py): not read
CHART_NAMES = {f"{TYPE_NAMES.get(t, t.capitalize())} chart": t for t in CHART_KINDS}
BASE_BOLD = {"Title", "Figure", "Section number", "Heading"}  # our styles that are bold as a whole
BASE_ITALIC = {"Quote"}
LEGEND = {"b": "bottom", "r": "right", "t": "top", "l": "left"}


class ReadResult(Struct):
    """A deck as an outline: the Deck, warnings ("slide 4: …"), and the pictures to write
    beside the outline (file name → bytes) that its image slides name."""

    deck: model.Deck
    warnings: list[str]
    images: dict[str, bytes]


class _Read(Struct):
    """One built slide as read: its kind ("section" for a divider) and the model fields."""

    number: int
    kind: str
    fields: dict
    ours: bool = True


def refuse(path: Path, message: str) -> InputError:
    return InputError([Diagnostic(Span(str(path)), message)])


def open_deck(path: Path | str):
    """python-pptx's Presentation of a file that must be a .pptx; InputError (naming the file)
    for a directory, a FIFO or device (never opened: it could block), or anything not a deck."""
    from pptx import Presentation

    path = Path(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise refuse(path, f"cannot read the deck: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise refuse(path, "is a directory, not a .pptx deck")
    if not stat.S_ISREG(st.st_mode):
        raise refuse(path, "is not a regular file (a pipe or device?), not a .pptx deck")
    if not zipfile.is_zipfile(path):
        raise refuse(path, "is not a .pptx deck (not a zip package)")
    try:
        prs = Presentation(str(path))
    except Exception as exc:  # python-pptx raises KeyError, ValueError, lxml errors, …
        raise refuse(path, f"is not a .pptx deck python-pptx can read ({type(exc).__name__}: "
                     f"{exc})") from None
    from .reader_compat import restore_core_properties

    restore_core_properties(prs, path)  # where LibreOffice's relationship type hid them
    return prs


def read(path: Path | str, image_prefix: str = "picture") -> ReadResult:
    """Read a deck. Pictures are named `<image_prefix>-<slide>[-n].<ext>`. Raises InputError
    when the file is not a deck."""
    prs, reads, images, warnings = read_slides(path, image_prefix)
    language = prs.core_properties.language or "en-US"
    return ReadResult(_assemble(prs, reads, language, warnings), warnings, images)


def read_slides(path: Path | str, image_prefix: str = "picture"):
    """Every built slide as read, before folding: (Presentation, [_Read], images, warnings).
    `deck text` shows these, one per slide of the file."""
    from .fingerprint import read_prints
    from .render.oxml import read as rx

    prs = open_deck(path)
    # each slide's kind as recorded when deck wrote it, by slide id (a slide a person added
    # has none; LibreOffice renumbers ids when it saves, and then the shape names decide)
    recorded = {p.slide_id: p.kind for p in read_prints(path) or []}
    warnings: list[str] = []
    images: dict[str, bytes] = {}
    language = prs.core_properties.language or "en-US"
    # the theme's hyperlink colour is our accent; accent1… are the series colours
    accent = (rx.theme_color(prs, "hlink"),
              tuple(rx.theme_color(prs, f"accent{k}") for k in range(1, 7)))
    reads = [_read_slide(prs, n, slide, language, accent, image_prefix, images, warnings,
                         recorded.get(slide.slide_id))
             for n, slide in enumerate(prs.slides, start=1)]
    if any(r.ours for r in reads) and accent[0] != _default_accent():
        warnings.append("the deck was built with another theme or a template, which the file "
                        "does not name: the outline gets the default theme (set `theme:` or "
                        "`template:` again)")
    return prs, reads, images, warnings


def _default_accent() -> str:
    from .theme import Palette

    return Palette().accent


# --- text ------------------------------------------------------------------------------------

def _merge(runs, base_bold=False, base_italic=False) -> list:
    """Adjacent runs of one style joined (our writer splits runs by script); the shape's own
    bold or italic taken off, as the writer added it to every run."""

    out: list = []
    for r in runs:
        if not r.text:
            continue
        r = markup.Run(r.text, r.bold and not base_bold, r.italic and not base_italic, r.code,
                       r.link)
        if r.text == "\n" and out:  # a line break takes the style around it
            r = markup.Run("\n", out[-1].bold, out[-1].italic, out[-1].code, out[-1].link)
        if out and (out[-1].bold, out[-1].italic, out[-1].code, out[-1].link) == (
                r.bold, r.italic, r.code, r.link):
            out[-1] = markup.Run(out[-1].text + r.text, r.bold, r.italic, r.code, r.link)
        else:
            out.append(r)
    return out


def _escape(text: str, always: bool) -> str:
    if not always and markup.parse(text) in ((), (markup.Run(text),)):
        return text
    return "".join("\\" + c if c in markup.ESCAPABLE else c for c in text)


def _wrap(run, always: bool) -> str:
    text = run.text
    if not (run.bold or run.italic or run.code or run.link):
        return _escape(text, always)
    lead = text[:len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    core = text.strip()
    if not core:
        return _escape(text, always)
    inner = f"`{core}`" if run.code else _escape(core, always)
    if run.italic:
        inner = f"*{inner}*"
    if run.bold:
        inner = f"**{inner}**"
    if run.link:
        inner = f"[{inner}]({run.link})"
    return lead + inner + trail


def to_markup(runs, warn=None, where: str = "") -> str:
    """Runs (merged) → outline markup whose parse gives them back; escapes only when needed."""
    target = tuple(runs)
    for always in (False, True):
        text = "".join(_wrap(r, always) for r in runs)
        if markup.parse(text) == markup.parse("".join(_wrap(r, True) for r in runs)) and \
                _same(markup.parse(text), target):
            return text
    if warn:
        warn(f"{where}: text styling could not be written exactly as markup: "
             f"{markup.plain_text(text)[:40]!r}")
    return text


def _same(a, b) -> bool:
    """Runs equal as drawn (adjacent runs of one style joined)."""
    def norm(runs):
        return _merge([type("R", (), {"text": r.text, "bold": r.bold, "italic": r.italic,
                                      "code": r.code, "link": r.link}) for r in runs])
    return [(r.text, r.bold, r.italic, r.code, r.link) for r in norm(a)] == \
        [(r.text, r.bold, r.italic, r.code, r.link) for r in norm(b)]


def _paras(shape):
    from .render.oxml import read as rx

    return rx.paragraphs(shape.text_frame._txBody if shape.has_text_frame else None, shape.part)


def _text(shape, warn, where: str, *, title: bool = False, bold: bool | None = None) -> str:
    """A shape's text as markup: paragraphs apart by a blank line; in a title, the writer's
    balancing line breaks read as the spaces they replaced. `bold`: the shape is bold as a
    whole (default: by our shape names)."""
    italic = shape.name in BASE_ITALIC
    bold = shape.name in BASE_BOLD if bold is None else bold
    out = []
    for p in _paras(shape):
        text = to_markup(_merge(p.runs, bold, italic), warn, where)
        if title:
            text = _unbreak(text)
        out.append(text)
    return "\n\n".join(t for t in out if t.strip()) if len(out) > 1 else "".join(out)


def _unbreak(text: str) -> str:
    from .measure import is_wide

    parts = text.split("\n")
    out = parts[0]
    for part in parts[1:]:
        wide = (out and is_wide(out[-1])) or (part and is_wide(part[0]))
        out += ("" if wide else " ") + part
    return out


def _notes(slide) -> str | None:
    if not slide.has_notes_slide:
        return None
    frame = slide.notes_slide.notes_text_frame
    if frame is None:
        return None
    text = frame.text
    if not text:
        return None
    return text if markup.plain_text(text, show_links=True) == text else _escape(text, True)


# --- slides ----------------------------------------------------------------------------------

# the model's slide kinds (as the fingerprint records them) → how the reader reads the slide
_READ_AS = {"section": "section", "title": "title", "statement": "statement", "quote": "quote",
            "sources": "sources"}
_NEEDS = {"statement": "Figure", "quote": "Quote", "sources": "Sources"}  # else not readable


def kind_of(names: set[str], recorded: str | None = None) -> str | None:
    """The kind of one of our slides: the one its fingerprint recorded (`recorded`, the
    model's kind, for a slide deck wrote: fingerprint.read_prints), else told from its shape
    names; None for a foreign slide (no shape of ours left)."""
    if not names & (OUR_TEXT | set(CHART_NAMES)):
        return None
    if recorded and _NEEDS.get(recorded, "Title") in names | {"Title"}:
        return _READ_AS.get(recorded, "content")
    if names & {"Section number", "Agenda"}:
        return "section"
    if names & {"Byline", "Subtitle"}:
        return "title"
    if "Figure" in names:
        return "statement"
    if "Quote" in names:
        return "quote"
    if "Sources" in names:
        return "sources"
    if names <= {"Title", "Accent rule"}:
        return "title"
    return "content"


def _read_slide(prs, number, slide, language, accent, prefix, images, warnings,
                recorded: str | None = None) -> _Read:
    def warn(message: str) -> None:
        warnings.append(f"slide {number}: {message}")

    from .reader_compat import restore_names

    restore_names(slide, OUR_TEXT | set(CHART_NAMES))  # as LibreOffice saved it: names back
    names = {s.name for s in slide.shapes}
    kind = kind_of(names, recorded)
    notes = _notes(slide)
    if kind is None:
        from .reader_blocks import read_foreign

        return read_foreign(prs, number, slide, notes, prefix, images, warn)
    by_name = {}
    for s in slide.shapes:
        by_name.setdefault(s.name, s)
    title = _text(by_name["Title"], warn, "title", title=True) if "Title" in by_name else None
    f: dict = {"title": title, "notes": notes}
    if kind == "section":
        # the sections the divider lists: one listed without a divider of its own had
        # none by `dividers: auto`, not by `divider: false`
        listed = [_text(s, warn, "section list", title=True) for s in slide.shapes
                  if s.name == "Section list"]
        return _Read(number, "section", {"title": title, "notes": notes, "listed": listed})
    if kind == "title":
        f["subtitle"] = _text(by_name["Subtitle"], warn, "subtitle") if "Subtitle" in by_name \
            else None
        f["byline"] = _text(by_name["Byline"], warn, "byline") if "Byline" in by_name else None
        from .reader_blocks import picture_block

        # its picture beside the title (the theme's full-slide background is none)
        pictures = [got for s in slide.shapes if s.shape_type == 13  # MSO_SHAPE_TYPE.PICTURE
                    and (got := picture_block(s, slide, number, prefix, images, warn))
                    and got[0] == "image"]
        if pictures:
            f["image"], f["alt"] = pictures[0][1]["path"], pictures[0][1]["alt"]
        if len(pictures) > 1:
            warn(f"{len(pictures)} pictures on a title slide, which holds one: kept the first")
        return _Read(number, "title", f)
    f["footer"] = _text(by_name["Footer"], warn, "footer") if "Footer" in by_name else None
    f["numbers"] = "Slide number" in by_name
    if kind == "statement":
        f["figure"] = _text(by_name["Figure"], warn, "figure")
        if "Caption" in by_name:
            f["caption"] = _text(by_name["Caption"], warn, "caption")
        return _Read(number, kind, f)
    if kind == "quote":
        f["text"] = _text(by_name["Quote"], warn, "quote")
        if "Attribution" in by_name:
            f["attribution"] = _text(by_name["Attribution"], warn, "attribution").removeprefix(
                "— ")
        return _Read(number, kind, f)
    if kind == "sources":
        f["sources"] = [to_markup(_merge(p.runs), warn, "sources")
                        for p in _paras(by_name["Sources"])]
        return _Read(number, kind, f)
    from .layout.mirror import is_rtl_language
    from .reader_grid import arrange, attach, rows_of

    rtl = is_rtl_language(language)
    rows = rows_of(_blocks(slide, accent, number, prefix, images, warn, rtl), rtl)
    attach(slide, rows, _text, warn)
    if not rows:  # its content deleted, or of a kind not read: a heading, as a title slide
        warn("no content an outline slide can hold: read as a heading (a title slide)")
        f.update(subtitle=None, byline=None)
        return _Read(number, "title", {k: f[k] for k in ("title", "notes", "subtitle",
                                                         "byline")})
    return _Read(number, arrange(rows, recorded, f, warn), f)


def _blocks(slide, accent, number, prefix, images, warn, rtl: bool) -> list[tuple]:
    """The content blocks of one of our content slides, `(shape, kind, spec)`, unordered:
    reader_grid puts them in rows and gives them their headings and captions."""
    from .reader_blocks import chart_block, picture_block, table_block

    found = []
    for s in slide.shapes:
        if s.name == "Bullets":
            found.append((s, "bullets", {"bullets": _bullets(_paras(s), warn)}))
        elif s.name == "Text":
            found.append((s, "text", {"text": _text(s, warn, "text")}))
        elif getattr(s, "has_table", False):
            found.append((s, "table", table_block(s, warn, rtl)))
        elif getattr(s, "has_chart", False):
            found.append((s, "chart", chart_block(s, accent, warn)))
        elif s.shape_type is not None and s.shape_type == 13:  # MSO_SHAPE_TYPE.PICTURE
            got = picture_block(s, slide, number, prefix, images, warn)
            if got:
                found.append((s, got[0], got[1]))
    return found


def _bullets(paras, warn, foreign: bool = False) -> list:
    """Paragraphs with levels → the outline's nested bullets."""
    top: list = []
    stack: list[tuple[int, list]] = [(-1, top)]
    for p in paras:
        text = to_markup(_merge(p.runs), warn, "bullets")
        if foreign:
            text = text.strip()
            if not text:
                continue
        level = p.level
        while stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1]
        item = {"text": text, "bullets": []}
        parent.append(item)
        stack.append((level, item["bullets"]))

    def plain(items):
        return [i["text"] if not i["bullets"] else
                model.BulletItem(text=i["text"], bullets=plain(i["bullets"])) for i in items]
    return plain(top)


# --- the deck --------------------------------------------------------------------------------

from .reader_deck import _assemble  # noqa: E402  (the deck-level half, kept apart for size)

__all__ = ["read", "open_deck", "ReadResult", "kind_of", "to_markup", "legend_position"]

read_deck = read  # as `deck.read_deck` exports it
