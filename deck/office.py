"""LibreOffice headless: .pptx → PDF → PNG pages, and a contact sheet of the pages.

Each conversion gets a private user profile (a leftover `soffice.bin` holding a shared profile
makes later conversions hang) and runs in its own process group, killed whole on timeout.
LibreOffice exits 0 even when it could not load a file, so success means "the PDF exists".
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from .errors import DeckError

INSTALL_HINT = ("LibreOffice is needed for PDF and previews: install it with "
                "`sudo apt-get install libreoffice-impress` (Debian/Ubuntu) or from "
                "libreoffice.org")


class OfficeError(DeckError):
    """LibreOffice or poppler is missing, failed, or timed out."""


def find_soffice() -> str | None:
    """Path of the LibreOffice binary, or None."""
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    mac = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
    return mac if os.path.exists(mac) else None


def _run(cmd: list[str], timeout: float, cwd: str | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
                            start_new_session=True)  # its own process group, killable as one
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise OfficeError(f"{Path(cmd[0]).name} timed out after {timeout:g} s") from None
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def to_pdf(pptx: Path, out_dir: Path, timeout: float = 180.0) -> Path:
    """Convert a deck to PDF in `out_dir`; returns the PDF's path."""
    soffice = find_soffice()
    if soffice is None:
        raise OfficeError(INSTALL_HINT)
    pptx, out_dir = Path(pptx).resolve(), Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / (pptx.stem + ".pdf")
    if pdf.exists():
        pdf.unlink()
    with tempfile.TemporaryDirectory(prefix="deck-lo-") as profile:
        result = _run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                       "--norestore", "--convert-to", "pdf", "--outdir", str(out_dir), str(pptx)],
                      timeout)
    if not pdf.is_file() or pdf.stat().st_size == 0:
        detail = (result.stderr or result.stdout).decode(errors="replace").strip()[-300:]
        raise OfficeError(f"LibreOffice could not convert {pptx.name}: "
                          f"{detail or 'no PDF written'}")
    return pdf


def to_pdfs(decks: list[Path], out_dir: Path, timeout: float = 600.0) -> dict[Path, Path | None]:
    """Convert many decks with one LibreOffice start (it costs ~1.5 s a time). Returns each
    deck's PDF, or None where LibreOffice wrote nothing. File names must be distinct."""
    soffice = find_soffice()
    if soffice is None:
        raise OfficeError(INSTALL_HINT)
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="deck-lo-") as profile:
        _run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
              "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, decks)], timeout)
    pdfs = {deck: out_dir / (Path(deck).stem + ".pdf") for deck in decks}
    return {deck: pdf if pdf.is_file() and pdf.stat().st_size else None
            for deck, pdf in pdfs.items()}


def to_pngs(pdf: Path, out_dir: Path, *, dpi: int = 60, timeout: float = 120.0) -> list[Path]:
    """One PNG per PDF page (`slide-01.png`, …) via poppler's pdftoppm."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise OfficeError("pdftoppm is needed for previews: install poppler-utils")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("slide-*.png"):
        old.unlink()
    _run([tool, "-png", "-r", str(dpi), str(pdf), str(out_dir / "slide")], timeout)
    pages = sorted(out_dir.glob("slide-*.png"))
    if not pages:
        raise OfficeError(f"pdftoppm wrote no pages for {pdf}")
    return pages


def contact_sheet(pages: list[Path], target: Path, *, columns: int = 3, width: int = 2000,
                  gap: int = 16) -> Path:
    """Tile page images into one PNG, `columns` across, `width` px wide."""
    from PIL import Image

    images = [Image.open(p).convert("RGB") for p in pages]
    tile_w = (width - gap * (columns + 1)) // columns
    tile_h = round(tile_w * images[0].height / images[0].width)
    rows = -(-len(images) // columns)
    sheet = Image.new("RGB", (width, rows * tile_h + gap * (rows + 1)), (200, 200, 200))
    for k, im in enumerate(images):
        r, c = divmod(k, columns)
        sheet.paste(im.resize((tile_w, tile_h), Image.LANCZOS),
                    (gap + c * (tile_w + gap), gap + r * (tile_h + gap)))
    # Slides are flat colours: a 256-colour palette keeps text crisp at a fifth of the size.
    sheet.quantize(colors=256, dither=Image.Dither.NONE).save(target, optimize=True)
    return target
