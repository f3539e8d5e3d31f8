"""`deck preview`: build the deck, then one PNG per slide and a contact sheet through LibreOffice.

The pictures are LibreOffice's rendering (PDF, then poppler's pdftoppm), so they show what Impress
shows; PowerPoint may differ in small ways. Raises office.OfficeError when LibreOffice or
pdftoppm is missing, with a one-line hint on how to install it.
"""

from __future__ import annotations

import time
from pathlib import Path

import msgspec
from msgspec import Struct

from .errors import Diagnostic
from .pipeline import DEFAULT_OUTLINE, Progress, build

PAGE_DPI = 72  # one pixel per point: 960 × 540 px pages for 16:9 slides
CONTACT_WIDTH = 1800  # px: three slides across
CONTACT_NAME = "contact.png"


class PreviewReport(Struct):
    """What a preview wrote: the deck, its PDF, a PNG per slide and the contact sheet. `pdf`
    is None after a `watch --preview` refresh that drew only the changed slides."""

    deck: Path
    pdf: Path | None
    pages: list[Path]
    contact: Path
    diagnostics: list[Diagnostic] = msgspec.field(default_factory=list)  # warnings
    seconds: float = 0.0
    kept: Path | None = None  # with force: where the deck it replaced was kept (.edited.pptx)

    @property
    def folder(self) -> Path:
        return self.contact.parent


def preview(path: Path | str = DEFAULT_OUTLINE, *, out_dir: Path | str | None = None,
            output: Path | str | None = None, theme: str | None = None, strict: bool = False,
            progress: Progress | None = None, office=None, allow_outside=(),
            template: str | None = None, force: bool = False) -> PreviewReport:
    """Build the deck (as `build` does), then write `<deck name>.pdf`, `slide-01.png`, … and
    `contact.png` into `out_dir` (default: `preview/` beside the deck). `office`, an
    office.Office, reuses one LibreOffice profile and a warm instance across calls; `force`
    replaces a deck a person edited, as `build` does."""
    from .office import require

    start = time.perf_counter()
    require(previews=True)  # before building: say what is missing without making the reader wait
    report = build(path, output=output, theme=theme, strict=strict, progress=progress,
                   allow_outside=allow_outside, template=template, force=force)
    folder = Path(out_dir) if out_dir is not None else default_folder(report.output)
    pdf, pages, contact = pictures(report.output, folder, progress=progress, office=office)
    return PreviewReport(report.output, pdf, pages, contact, report.diagnostics,
                         time.perf_counter() - start, kept=report.kept)


def default_folder(deck: Path) -> Path:
    """`preview/<deck name>/` beside the deck: two outlines in one folder build two decks side
    by side, and each keeps its own pictures."""
    return Path(deck).parent / "preview" / Path(deck).stem


def pictures(deck: Path, folder: Path, *, progress: Progress | None = None,
             office=None, tiles: dict | None = None) -> tuple[Path, list[Path], Path]:
    """An existing deck → (PDF, one PNG per slide, contact sheet) in `folder`. `tiles`: the
    contact sheet's scaled pages, kept between calls (office.contact_sheet)."""
    from . import office as lo

    step = progress or (lambda stage, done, total: None)
    step("converting to PDF (LibreOffice)", 1, 3)
    pdf = (office or lo).to_pdf(deck, folder)
    step("drawing slides (pdftoppm)", 2, 3)
    pages = lo.to_pngs(pdf, folder, dpi=PAGE_DPI)
    trim(pages, slide_pixels(deck))
    step("contact sheet", 3, 3)
    contact = lo.contact_sheet(pages, Path(folder) / CONTACT_NAME, width=CONTACT_WIDTH,
                               tiles=tiles)
    return pdf, pages, contact


def slide_pixels(deck: Path) -> tuple[int, int] | None:
    """The deck's slide size in pixels at PAGE_DPI (960 × 540 for 16:9), from its
    presentation part; None if it cannot be read."""
    import re
    import zipfile

    try:
        with zipfile.ZipFile(deck) as z:
            head = z.read("ppt/presentation.xml")[:4096].decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    found = re.search(r'<p:sldSz\b[^>]*\bcx="(\d+)"[^>]*\bcy="(\d+)"', head)
    if not found:
        return None
    return tuple(round(int(v) / 12700 * PAGE_DPI / 72) for v in found.groups())


def trim(pages: list[Path], size: tuple[int, int] | None) -> None:
    """Crop each page to the slide's size in whole pixels: LibreOffice writes a 960 pt slide
    as a 960.009 pt page, which pdftoppm rounds up to 961 px."""
    if size is None:
        return
    from PIL import Image

    for page in pages:
        with Image.open(page) as im:
            w, h = im.size
            if (w, h) == size or not (0 <= w - size[0] <= 2 and 0 <= h - size[1] <= 2):
                continue
            cropped = im.crop((0, 0, min(w, size[0]), min(h, size[1])))
        cropped.save(page)


# --- watch --preview: only the slides that changed ---------------------------------------------

class Refresher:
    """`deck watch --preview`'s pictures: the first refresh converts the whole deck; each later
    one re-draws only the slides whose key (`slide_keys`) is new, through a deck of just those
    slides, and moves, keeps or deletes the other PNGs by slide number. `converted` lists the
    slide numbers the last refresh drew."""

    def __init__(self, folder: Path, office=None):
        self.folder, self.office = Path(folder), office
        self.keys: list[str] = []  # slide k's key, as folder's slide-NN.png shows it
        self.converted: list[int] = []
        self.tiles: dict = {}  # the contact sheet's scaled pages

    def refresh(self, deck: Path) -> tuple[Path | None, list[Path], Path]:
        """(PDF, PNG pages, contact sheet). The PDF is the whole deck's after a full
        conversion; after a partial one it is None and the stale PDF is removed."""
        import shutil
        import tempfile

        from . import office as lo

        self.folder.mkdir(parents=True, exist_ok=True)
        from .render.oxml.subset import slide_keys

        keys = slide_keys(deck)
        old = {key: k for k, key in enumerate(self.keys, start=1)}
        pages_now = _pages(self.folder)
        reusable = {k: pages_now[k] for k in old.values() if k in pages_now}
        changed = [n for n, key in enumerate(keys, start=1)
                   if old.get(key) not in reusable]
        digits = max(2, len(str(len(keys))))
        if (not self.keys or len(changed) == len(keys)
                or digits != max(2, len(str(len(self.keys))))):  # every name changes
            return self._full(deck, keys)
        kept = {n: reusable[old[key]].read_bytes() for n, key in enumerate(keys, start=1)
                if n not in changed and old[key] != n}
        work = Path(tempfile.mkdtemp(prefix="changed-", dir=self.folder))
        try:
            drawn = self._draw(deck, changed, work) if changed else {}
        except lo.OfficeError:  # LibreOffice could not draw the smaller deck: draw them all
            shutil.rmtree(work, ignore_errors=True)
            return self._full(deck, keys)
        for number, stale in pages_now.items():
            if number > len(keys):
                stale.unlink(missing_ok=True)
        pages = []
        for n in range(1, len(keys) + 1):
            page = self.folder / f"slide-{n:0{digits}d}.png"
            if n in drawn:
                drawn[n].replace(page)
            elif n in kept:
                page.write_bytes(kept[n])
            pages.append(page)
        shutil.rmtree(work, ignore_errors=True)
        (self.folder / (Path(deck).stem + ".pdf")).unlink(missing_ok=True)  # now stale
        contact = lo.contact_sheet(pages, self.folder / CONTACT_NAME, width=CONTACT_WIDTH,
                                   tiles=self.tiles)
        self.keys, self.converted = keys, changed
        return None, pages, contact

    def _full(self, deck: Path, keys: list[str]) -> tuple[Path | None, list[Path], Path]:
        pdf, pages, contact = pictures(deck, self.folder, office=self.office, tiles=self.tiles)
        self.keys, self.converted = keys, list(range(1, len(keys) + 1))
        return pdf, pages, contact

    def _draw(self, deck: Path, numbers: list[int], work: Path) -> dict[int, Path]:
        """PNGs of the slides `numbers`, drawn in `work` from a deck of just those:
        {number: png}."""
        from . import office as lo
        from .render.oxml.subset import subset_deck

        subset = subset_deck(deck, numbers, work / "changed.pptx")
        pdf = (self.office or lo).to_pdf(subset, work)
        pages = lo.to_pngs(pdf, work, dpi=PAGE_DPI)
        if len(pages) != len(numbers):
            raise lo.OfficeError(f"LibreOffice drew {len(pages)} pages for {len(numbers)} "
                                 "slides", deck)
        trim(pages, slide_pixels(deck))
        return dict(zip(numbers, pages))


def _pages(folder: Path) -> dict[int, Path]:
    """The slide PNGs in `folder` by number."""
    import re

    return {int(p.stem.split("-")[1]): p for p in Path(folder).glob("slide-*.png")
            if re.fullmatch(r"slide-\d+\.png", p.name)}
