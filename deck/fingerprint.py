"""Issue 13's edit protection: a print of every slide, recorded in the deck when it is built.

A slide's print is what a person could change, each part hashed short: its title, other text,
table cells, chart data, pictures (image and alt text), notes, and every shape's box (in
LibreOffice's 1/100 mm grain, so a deck it saves again without a change keeps its print).
`print_slide` reads a python-pptx slide in memory right after rendering, `disk_prints` a file
with lxml; both hash what render/oxml/prints.py reads, so one code makes both. The prints, with
each slide's kind and id, are custom document properties (`deck.slide.0001`, …: one short text
a slide, under Office's 255-character limit), which PowerPoint and LibreOffice keep.

Before a build replaces a file, `check` compares the recorded prints with the file's own:
`changes` names each slide a person changed and how, and slides added, removed or moved.
"""

from __future__ import annotations

import difflib
import hashlib
import zipfile
from pathlib import Path

from msgspec import Struct

FORMAT = "1"  # the value of the `deck.fingerprint` property: this module's format
HEADER = "deck.fingerprint"
SLIDE = "deck.slide.{:04d}"
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
    boxes: str
    shapes: int
    slide_id: int = 0
    # read from a file, never recorded: the boxes in EMU, and the title's text for messages
    geometry: tuple = ()
    label: str = ""

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
# Boxes are hashed as the cells of a 1 mm grid their edges fall in. LibreOffice rounds a
# position to 1/100 mm (360 EMU) when it saves, and makes a box 1/100 mm smaller each time
# (measured: 10668000 → 10667520 → 10667160 EMU). The grid's offset on each axis is chosen per
# slide, when it is written, to keep every edge that far from a grid line: the left and top
# edges 720 EMU either way, the right and bottom ones 720 EMU up and ten saves down. A move or
# resize by 1 mm or more always changes a cell; a smaller one may not.
GRID = 36000
NEAR = 720
SHRINK = 3600


def _gap_middle(edges: list[tuple[int, int, int]]) -> int:
    """The grid offset farthest from putting any edge (value, slack down, slack up) within
    its slack of a grid line: the middle of the widest gap between forbidden offsets."""
    spans = sorted(((GRID - up - v) % GRID, up + down) for v, down, up in edges)
    if not spans:
        return 0
    best, best_gap = 0, -1
    reach = spans[-1][0] + spans[-1][1] - GRID  # the last span, wrapped round
    for start, length in spans:
        if start - reach > best_gap:
            best, best_gap = (reach + start) // 2, start - reach
        reach = max(reach, start + length)
    if spans[0][0] + GRID - reach > best_gap:  # the gap that wraps past the end
        best = (reach + spans[0][0] + GRID) // 2
    return best % GRID


def _cells(boxes: list[tuple], ox: int, oy: int) -> str:
    return _hash(repr([((x + ox) // GRID, (y + oy) // GRID, (x + w + ox) // GRID,
                        (y + h + oy) // GRID) if box else () for box in boxes
                       for x, y, w, h in [box or (0, 0, 0, 0)]]))


def boxes_print(boxes: list[tuple]) -> str:
    """`HASH.OX.OY`: the grid cells of every box, on a grid offset (OX, OY EMU) chosen
    to keep the boxes' edges away from its lines."""
    if not boxes:
        return EMPTY
    real = [b for b in boxes if b]
    ox = _gap_middle([(x, NEAR, NEAR) for x, _, _, _ in real]
                     + [(x + w, SHRINK, NEAR) for x, _, w, _ in real])
    oy = _gap_middle([(y, NEAR, NEAR) for _, y, _, _ in real]
                     + [(y + h, SHRINK, NEAR) for _, y, _, h in real])
    return f"{_cells(boxes, ox, oy)}.{ox}.{oy}"


def same_boxes(recorded: SlidePrint, on_disk: SlidePrint) -> bool:
    """Whether a file's slide has its shapes where the recorded print says (on its grid)."""
    if recorded.boxes == EMPTY or not on_disk.geometry:
        return recorded.boxes == EMPTY and not on_disk.geometry
    try:
        digest, ox, oy = recorded.boxes.split(".")
        return digest == _cells(list(on_disk.geometry), int(ox), int(oy))
    except ValueError:
        return False


def _from_parts(parts: dict, kind: str, slide_id: int = 0, disk: bool = False) -> SlidePrint:
    fields = {name: _hash(parts[name]) for name in PARTS}
    if disk:  # a file's boxes are kept as they are: the recorded print says on which grid
        return SlidePrint(kind, shapes=parts["shapes"], slide_id=slide_id, boxes="",
                          geometry=tuple(parts["boxes"]),
                          label=" ".join(str(parts["title"]).split()), **fields)
    return SlidePrint(kind, shapes=parts["shapes"], boxes=boxes_print(parts["boxes"]), **fields)


def print_slide(slide, kind: str) -> SlidePrint:
    """The print of a python-pptx slide (its id is left 0: `record` fills it in)."""
    from .render.oxml.prints import memory_related, slide_parts

    return _from_parts(slide_parts(slide._element, memory_related(slide)), kind)


def record(prs, prints: list[SlidePrint]) -> None:
    """Write the prints into the deck's custom properties, with each slide's id."""
    from .render.oxml.prints import write_custom

    ids = [int(s.get("id")) for s in prs.slides._sldIdLst]
    values = {HEADER: FORMAT}
    for number, (slide_id, p) in enumerate(zip(ids, prints, strict=True), start=1):
        values[SLIDE.format(number)] = encode(p, slide_id)
    write_custom(prs, values)


def encode(p: SlidePrint, slide_id: int | None = None) -> str:
    """A print as one property's text: `id kind shapes title text cells chart pictures notes
    boxes` (about 90 characters)."""
    sid = p.slide_id if slide_id is None else slide_id
    return " ".join(str(v) for v in (sid, p.kind or EMPTY, p.shapes, p.title, p.text, p.cells,
                                     p.chart, p.pictures, p.notes, p.boxes))


def decode(text: str) -> SlidePrint:
    sid, kind, shapes, title, body, cells, chart, pictures, notes, boxes = text.split()
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
    numbered = sorted((int(name.rsplit(".", 1)[1]), value) for name, value in props.items()
                      if name.startswith("deck.slide.") and name.rsplit(".", 1)[1].isdigit())
    if [n for n, _ in numbered] != list(range(1, len(numbered) + 1)):
        return None
    return [decode(value) for _, value in numbered]


def read_prints(path: Path | str) -> list[SlidePrint] | None:
    """The prints recorded in a deck, in slide order; None when it has none (deck did not
    write it, or they are damaged)."""
    try:
        with _open(Path(path)) as z:
            return _recorded(z)
    except (OSError, ValueError, zipfile.BadZipFile):
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
