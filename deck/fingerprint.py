"""Issue 13's edit protection: a print of every slide, recorded in the deck when it is built.

A slide's print is what a person could change, each part hashed short: its title, other text,
table cells, chart data, pictures (image and alt text), notes; and every shape's box, as
numbers in 0.1 mm compared with a tolerance (LibreOffice moves and shrinks boxes a little each
time it saves). `print_slide` reads a python-pptx slide in memory right after rendering,
`disk_prints` a file with lxml; both use what render/oxml/prints.py reads, so one code makes
both. The prints, with each slide's kind and id, are custom document properties
(`deck.slide.0001`, and the boxes in `deck.boxes.0001`, `deck.boxes.0001.2`, …: short texts
under Office's 255-character limit), which PowerPoint and LibreOffice keep.

Before a build replaces a file, `check` compares the recorded prints with the file's own:
`changes` names each slide a person changed and how, and slides added, removed or moved.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from msgspec import Struct

FORMAT = "2"  # the value of the `deck.fingerprint` property: this module's format
HEADER = "deck.fingerprint"
SLIDE = "deck.slide.{:04d}"
BOXES = "deck.boxes.{:04d}"
EMPTY = "-"
# print field → what a message calls a change to it
PARTS = {"title": "title", "text": "text", "cells": "table cell", "chart": "chart value",
         "pictures": "picture", "notes": "notes"}
ZIP_MAX_MEMBERS = 100_000


class SlidePrint(Struct, frozen=True):
    """One slide as written: kind (the plan's; "" when read from a file), a short hash per
    part ("-" when the slide has none), the number of shapes, the slide's id."""

    kind: str
    title: str
    text: str
    cells: str
    chart: str
    pictures: str
    notes: str
    boxes: str  # every shape's box, `boxes_text`
    shapes: int
    slide_id: int = 0
    label: str = ""  # read from a file, never recorded: the title's text, for messages

    def key(self) -> tuple:
        """What must match for two prints to be the same slide (boxes compared apart)."""
        return (self.title, self.text, self.cells, self.chart, self.pictures, self.notes,
                self.shapes)


class Change(Struct, frozen=True):
    """A slide a person changed: its number in the file on disk (for a removed slide, in the
    deck as deck wrote it), its title there, and what changed."""

    slide: int
    what: tuple[str, ...]
    title: str = ""
    removed: bool = False  # `slide` numbers it in the deck as deck wrote it

    def __str__(self) -> str:
        title = f' "{self.title[:50]}"' if self.title else ""
        if self.removed:
            title = " of the deck as deck wrote it"
        parts = [w for w in self.what if w in PARTS.values()]
        rest = [w for w in self.what if w not in PARTS.values()]
        said = ([f"{', '.join(parts)} changed"] if parts else []) + rest
        return f"slide {self.slide}{title}: {'; '.join(said)}"


def _hash(value) -> str:
    if value in ("", "[]", 0):
        return EMPTY
    return hashlib.blake2b(str(value).encode("utf-8", "surrogatepass"),
                           digest_size=4).hexdigest()


# --- boxes, tolerant of LibreOffice ------------------------------------------------------------
# LibreOffice rounds a position to 1/100 mm (360 EMU) when it saves, and makes every box
# 1/100 mm smaller each time (measured: 10668000 → 10667520 → 10667160 EMU), so boxes are kept
# as numbers, not hashed: four a shape (x, y, width, height) in 0.1 mm, three base-36 digits
# each (12 characters a shape, 21 shapes a property). A position may differ by 0.1 mm, a size
# by 0.2 mm less (ten saves) or 0.1 mm more, before a shape counts as moved or resized.
UNIT = 3600
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_ZERO = 36**3 // 2  # 0 EMU: positions from -2.3 m to +2.3 m
_NONE = "-" * 12  # a box inherited from the layout
SHAPES_PER_PROPERTY = 21
SLACK = ((-1, 1), (-1, 1), (-2, 1), (-2, 1))  # x, y, width, height, in UNIT


def _digits(emu: int) -> str:
    u = min(max(round(emu / UNIT) + _ZERO, 0), 36**3 - 1)
    return _DIGITS[u // 1296] + _DIGITS[u // 36 % 36] + _DIGITS[u % 36]


def boxes_text(boxes: list[tuple]) -> str:
    """Every box (x, y, cx, cy in EMU, or () when inherited) as 12 characters."""
    return "".join("".join(map(_digits, box)) if box else _NONE for box in boxes)


def _unbox(text: str) -> list[tuple]:
    out = []
    for k in range(0, len(text), 12):
        chunk = text[k:k + 12]
        out.append(() if chunk == _NONE else
                   tuple(int(chunk[i:i + 3], 36) - _ZERO for i in range(0, 12, 3)))
    return out


def same_boxes(recorded: SlidePrint, on_disk: SlidePrint) -> bool:
    """Whether a file's slide has its shapes where the recorded print says, within SLACK."""
    try:
        old, new = _unbox(recorded.boxes), _unbox(on_disk.boxes)
    except ValueError:
        return False
    if len(old) != len(new):
        return False
    for a, b in zip(old, new):
        if not a or not b:
            if a != b:
                return False
        elif not all(lo <= v - u <= hi for u, v, (lo, hi) in zip(a, b, SLACK)):
            return False
    return True


def _from_parts(parts: dict, kind: str, slide_id: int = 0, disk: bool = False) -> SlidePrint:
    fields = {name: _hash(parts[name]) for name in PARTS}
    label = " ".join(str(parts["title"]).split()) if disk else ""
    return SlidePrint(kind, shapes=parts["shapes"], boxes=boxes_text(parts["boxes"]),
                      slide_id=slide_id, label=label, **fields)


def print_slide(slide, kind: str) -> SlidePrint:
    """The print of a python-pptx slide (its id is left 0: `record` fills it in)."""
    from .render.oxml.prints import memory_related, slide_parts

    return _from_parts(slide_parts(slide._element, memory_related(slide)), kind)


def record(prs, prints: list[SlidePrint]) -> None:
    """Write the prints into the deck's custom properties, with each slide's id."""
    from .render.oxml.prints import write_custom

    ids = [int(s.get("id")) for s in prs.slides._sldIdLst]
    values = {HEADER: FORMAT}
    step = 12 * SHAPES_PER_PROPERTY
    for number, (slide_id, p) in enumerate(zip(ids, prints, strict=True), start=1):
        values[SLIDE.format(number)] = encode(p, slide_id)
        for k in range(0, len(p.boxes), step):
            name = BOXES.format(number) + (f".{k // step + 1}" if k else "")
            values[name] = p.boxes[k:k + step]
    write_custom(prs, values)


def encode(p: SlidePrint, slide_id: int | None = None) -> str:
    """A print but its boxes as one property's text: `id kind shapes title text cells chart
    pictures notes` (under 80 characters)."""
    sid = p.slide_id if slide_id is None else slide_id
    return " ".join(str(v) for v in (sid, p.kind or EMPTY, p.shapes, p.title, p.text, p.cells,
                                     p.chart, p.pictures, p.notes))


def decode(text: str, boxes: str = "") -> SlidePrint:
    sid, kind, shapes, title, body, cells, chart, pictures, notes = text.split()
    return SlidePrint("" if kind == EMPTY else kind, title, body, cells, chart, pictures, notes,
                      boxes, int(shapes), int(sid))


def _open(path: Path) -> zipfile.ZipFile:
    z = zipfile.ZipFile(path)
    if len(z.infolist()) > ZIP_MAX_MEMBERS:
        z.close()
        raise ValueError("too many zip members")
    return z


def _recorded(z: zipfile.ZipFile) -> list[SlidePrint] | None:
    from .render.oxml.prints import read_custom

    props = read_custom(z)
    if props.get(HEADER) != FORMAT:
        return None
    slides: dict[int, str] = {}
    boxes: dict[int, dict[int, str]] = {}
    for name, value in props.items():
        parts = name.split(".")
        if not all(p.isdigit() for p in parts[2:]):
            continue
        if name.startswith("deck.slide.") and len(parts) == 3:
            slides[int(parts[2])] = value
        elif name.startswith("deck.boxes.") and len(parts) in (3, 4):
            chunk = int(parts[3]) if len(parts) == 4 else 1
            boxes.setdefault(int(parts[2]), {})[chunk] = value
    if sorted(slides) != list(range(1, len(slides) + 1)):
        return None
    return [decode(slides[n], "".join(v for _, v in sorted(boxes.get(n, {}).items())))
            for n in range(1, len(slides) + 1)]


def read_prints(path: Path | str) -> list[SlidePrint] | None:
    """The prints recorded in a deck, in slide order; None when it has none (deck did not
    write it, or they are damaged)."""
    try:
        with _open(Path(path)) as z:
            return _recorded(z)
    except (OSError, ValueError, zipfile.BadZipFile):
        return None


def format_of(path: Path | str) -> str | None:
    """The print format a deck records (FORMAT for this version's), None without one."""
    from .render.oxml.prints import read_custom

    try:
        with _open(Path(path)) as z:
            return read_custom(z).get(HEADER)
    except Exception:  # not a zip, damaged: no format
        return None


def disk_prints(path: Path | str) -> list[SlidePrint]:
    """The prints of the slides in a file as it is now (kind ""), with their titles."""
    with _open(Path(path)) as z:
        return _disk(z)


def _disk(z: zipfile.ZipFile) -> list[SlidePrint]:
    from .render.oxml.prints import package_slides, slide_parts

    return [_from_parts(slide_parts(sld, related), "", sid, disk=True)
            for sid, sld, related in package_slides(z)]


def check(path: Path | str) -> list[Change] | None:
    """What a person changed in the deck at `path` since deck wrote it ([] for nothing);
    None when it holds no prints, or cannot be read as a deck."""
    try:
        with _open(Path(path)) as z:
            recorded = _recorded(z)
            if recorded is None:
                return None
            return changes(recorded, _disk(z))
    except Exception:  # not a zip, damaged, encrypted, hostile: not a deck we can vouch for
        return None


def _what(old: SlidePrint, new: SlidePrint) -> list[str]:
    what = [name for field, name in PARTS.items() if getattr(old, field) != getattr(new, field)]
    if new.shapes > old.shapes:
        what.append("a shape added")
    elif new.shapes < old.shapes:
        what.append("a shape removed")
    elif not same_boxes(old, new):
        what.append("a shape moved or resized")
    return what


def changes(recorded: list[SlidePrint], on_disk: list[SlidePrint]) -> list[Change]:
    """Each slide that differs, in slide order: changed (what), added, removed or moved.
    Slides are matched by content, so renumbered ids (LibreOffice renumbers) do not matter;
    among unmatched slides, the same title (else the same id, else the same place) pairs a
    slide with its edited self."""
    keys_old, keys_new = [p.key() for p in recorded], [p.key() for p in on_disk]
    import difflib  # only when a deck on disk differs from the one deck wrote

    matcher = difflib.SequenceMatcher(None, keys_old, keys_new, autojunk=False)
    pairs: list[tuple[int, int]] = []
    removed: list[int] = []
    added: list[int] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            pairs += zip(range(a0, a1), range(b0, b1))
            continue
        olds, news = list(range(a0, a1)), list(range(b0, b1))
        for same in (lambda i, j: recorded[i].title == on_disk[j].title,
                     lambda i, j: recorded[i].slide_id == on_disk[j].slide_id,
                     lambda i, j: True):
            for i in list(olds):
                j = next((j for j in news if same(i, j)), None)
                if j is not None:
                    pairs.append((i, j))
                    olds.remove(i)
                    news.remove(j)
        removed += olds
        added += news
    found: list[tuple[int, Change]] = []
    for i in list(removed):  # a slide taken out in one place and put back in another
        j = next((j for j in added if keys_old[i] == keys_new[j]), None)
        if j is not None:
            removed.remove(i)
            added.remove(j)
            found.append((j, Change(j + 1, (f"moved (was slide {i + 1})",), on_disk[j].label)))
    for i, j in pairs:
        what = _what(recorded[i], on_disk[j])
        if what:
            found.append((j, Change(j + 1, tuple(what), on_disk[j].label)))
    found += [(j, Change(j + 1, ("slide added",), on_disk[j].label)) for j in added]
    found += [(i, Change(i + 1, ("slide removed",), removed=True)) for i in removed]
    return [change for _, change in sorted(found, key=lambda f: f[0])]


def message(target: Path, found: list[Change], *, outline: Path | str | None = None,
            limit: int = 12) -> str:
    """The refusal: each changed slide and what changed, then how to go on (`outline`: the
    outline the deck is built from, for the `deck import --changes` line)."""
    lines = [str(c) for c in found[:limit]]
    if len(found) > limit:
        lines.append(f"… and {len(found) - limit} more slides")
    body = "\n  ".join(lines)
    name = Path(target).name
    changes = f"deck import --changes {target}" + (f" {outline}" if outline else "")
    return (f"{name} was edited since deck wrote it, so it is not replaced:\n  {body}\n"
            f"To keep the edits, see them as outline changes with `{changes}` (`--apply` "
            f"writes them into the outline); to overwrite, build again with --force (the "
            f"edited file is kept as {edited_name(target).name})")


def edited_name(target: Path) -> Path:
    """Where --force keeps an edited deck: NAME.edited.pptx beside it."""
    target = Path(target)
    return target.with_name(f"{target.stem}.edited{target.suffix or '.pptx'}")
