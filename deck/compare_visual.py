"""`deck diff A B --visual OUT.png`: the changed slides side by side, as LibreOffice draws them.

One row per changed slide, A on the left and B on the right (an added or removed slide has an
empty box on the side it is missing from), under a line naming the slide as the text diff does.
Both decks are converted in one LibreOffice run (`office.to_pdfs`) and drawn by pdftoppm, as
previews are; the picture is written atomically.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

from .compare import changed_blocks, diff, slide_number, text

DPI = 48  # a 960 pt slide is 640 px wide: two side by side fit a screen
GAP, LABEL = 16, 34  # px between tiles; the height of the line over each row
INK, MUTED, PAPER, EMPTY = (31, 41, 55), (91, 100, 114), (255, 255, 255), (236, 236, 233)


def diff_and_draw(a: Path | str, b: Path | str, target: Path | str) -> tuple[str, int]:
    """The diff of A and B (decks, or outlines built to compare), and OUT.png drawn with the
    changed slides: (diff text, rows drawn). Nothing is written when nothing changed."""
    from . import office
    from .writer import write_atomic

    with tempfile.TemporaryDirectory(prefix="deck-visual-") as tmp:
        work = Path(tmp)
        decks = [_deck(a, work / "a.pptx"), _deck(b, work / "b.pptx")]
        forms = [text(d) for d in decks]
        out = diff(*forms, str(a), str(b))
        rows = [(slide_number(x), slide_number(y)) for x, y in changed_blocks(*forms)]
        names = [_label(x, y) for x, y in changed_blocks(*forms)]
        drawn = [(row, name) for row, name in zip(rows, names) if row != (None, None)]
        if not drawn:
            return out, 0
        office.require(previews=True)
        pdfs = office.to_pdfs(decks, work / "pdf")
        pages = []
        for deck, side in zip(decks, "ab"):
            if pdfs.get(deck) is None:
                raise office.OfficeError("LibreOffice could not convert it to PDF", deck)
            pages.append(office.to_pngs(pdfs[deck], work / side, dpi=DPI))
        picture = _sheet(drawn, pages, (str(a), str(b)))
        write_atomic(picture, Path(target))
    return out, len(drawn)


def _deck(path: Path | str, copy: Path) -> Path:
    """A deck to draw under `copy`'s name (so the two PDFs cannot share a name); an outline is
    built there."""
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        from .pipeline import build

        build(path, output=copy)
    else:
        from .reader import open_deck

        open_deck(path)  # refuses what is not a deck, naming it
        shutil.copyfile(path, copy)
    return copy


def _label(x: str | None, y: str | None) -> str:
    block = y if y is not None else x
    name = block.split("\n", 1)[0] if block else ""
    na, nb = slide_number(x), slide_number(y)
    where = f"slide {na} → {nb}" if na and nb and na != nb else f"slide {na or nb}"
    status = " (added)" if x is None else " (removed)" if y is None else ""
    return where + status + " · " + name.split(" · ", 1)[-1]


def _sheet(rows, pages: list[list[Path]], names: tuple[str, str]) -> bytes:
    """The picture: a header naming A and B, then one labelled row per changed slide."""
    from PIL import Image, ImageDraw, ImageFont

    sample = Image.open(pages[0][0] if pages[0] else pages[1][0])
    tile_w, tile_h = sample.size
    width = GAP * 3 + tile_w * 2
    height = LABEL + GAP + len(rows) * (LABEL + tile_h + GAP)
    sheet = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=18)
    for k, name in enumerate(names):
        draw.text((GAP + k * (tile_w + GAP), 8), f"{'AB'[k]}: {Path(name).name}", fill=INK,
                  font=font)
    top = LABEL + GAP
    for (numbers, label) in rows:
        draw.text((GAP, top + 6), label[:110], fill=MUTED, font=font)
        for k, number in enumerate(numbers):
            left = GAP + k * (tile_w + GAP)
            box = (left, top + LABEL, left + tile_w - 1, top + LABEL + tile_h - 1)
            if number is None or number > len(pages[k]):
                draw.rectangle(box, fill=EMPTY)
                draw.text((left + 20, top + LABEL + tile_h // 2 - 10),
                          f"not in {'AB'[k]}", fill=MUTED, font=font)
                continue
            with Image.open(pages[k][number - 1]) as page:
                sheet.paste(page.convert("RGB").resize((tile_w, tile_h)), box[:2])
            draw.rectangle(box, outline=EMPTY)
        top += LABEL + tile_h + GAP
    buf = io.BytesIO()
    sheet.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
