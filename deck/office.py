"""LibreOffice headless: .pptx → PDF → PNG pages, and a contact sheet of the pages.

Each conversion gets a private user profile (a leftover `soffice.bin` holding a shared profile
makes later conversions hang) and runs in its own process group, killed whole on timeout.
LibreOffice exits 0 even when it could not load a file, so success means "the PDF exists".
`Office` keeps one profile, and a warm instance, across the conversions of `deck watch`.
"""

from __future__ import annotations

import glob
import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from .errors import DeckError, Diagnostic, Span

INSTALL_HINT = ("LibreOffice is needed for PDF and previews: install it with "
                "`sudo apt-get install libreoffice-impress` (Debian/Ubuntu) or from "
                "libreoffice.org")
PDFTOPPM_HINT = ("pdftoppm is needed for previews: install it with "
                 "`sudo apt-get install poppler-utils` (Debian/Ubuntu) or `brew install poppler`")


class OfficeError(DeckError):
    """LibreOffice or poppler is missing, failed, or timed out. With `path`, the file it was
    working on: the CLI then prints `path: error: message`, as for any located error."""

    def __init__(self, message: str, path: Path | str | None = None):
        super().__init__(f"{path}: error: {message}" if path is not None else message)
        if path is not None:
            self.diagnostics = [Diagnostic(Span(str(path)), message)]


def find_soffice() -> str | None:
    """Path of the LibreOffice binary, or None."""
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    mac = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
    return mac if os.path.exists(mac) else None


def _run(cmd: list[str], timeout: float, cwd: str | None = None,
         about: Path | str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `cmd` in a process group of its own, so that it is ended whole: on timeout, and when
    the build is interrupted (Ctrl-C, or SIGTERM, which the CLI turns into KeyboardInterrupt)
    — a LibreOffice left running would write its PDF later and keep its profile in use.
    `about`: the file the command works on, for the error message; `env`: variables to add."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
                            env={**os.environ, **env} if env else None,
                            start_new_session=True)  # its own process group, killable as one
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _end(proc)
        raise OfficeError(f"{Path(cmd[0]).name} timed out after {timeout:g} s", about) from None
    except BaseException:  # KeyboardInterrupt, SystemExit: nothing may outlive the build
        _end(proc)
        raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _end(proc: subprocess.Popen) -> None:
    """SIGKILL the process's whole group (the launcher and the soffice.bin it started), and
    reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.communicate(timeout=10)
    except (subprocess.TimeoutExpired, ValueError, OSError):
        pass


def require(previews: bool = False) -> str:
    """The LibreOffice binary (and with `previews`, check pdftoppm too); raises OfficeError
    with how to install what is missing."""
    soffice = find_soffice()
    if soffice is None:
        raise OfficeError(INSTALL_HINT)
    if previews and shutil.which("pdftoppm") is None:
        raise OfficeError(PDFTOPPM_HINT)
    return soffice


# A tagged PDF (a structure tree: titles as headings, pictures as figures with their alt text,
# the deck's language, its title shown as the document title) marked PDF/UA-1: the export
# filter's options as JSON, which LibreOffice reads after the filter name since 7.4.
TAGGED_PDF = ('pdf:impress_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
              '"PDFUACompliance":{"type":"boolean","value":"true"}}')


def to_pdf(pptx: Path, out_dir: Path, timeout: float = 180.0, language: str | None = None
           ) -> Path:
    """Convert a deck to a tagged PDF in `out_dir`, with a fresh private profile; returns the
    PDF's path. `language` (a BCP 47 tag) becomes the PDF's document language."""
    soffice = require()
    with tempfile.TemporaryDirectory(prefix="deck-lo-") as profile:
        return _convert(soffice, profile, pptx, out_dir, timeout, language)


def _locale(language: str | None) -> dict | None:
    """LibreOffice writes its own locale as a PDF's /Lang, whatever the deck's runs say: it is
    given the deck's (the locale need not be installed: only its name is read)."""
    if not language:
        return None
    return {"LC_ALL": language.replace("-", "_") + ".UTF-8"}


def _convert(soffice: str, profile: str, pptx: Path, out_dir: Path, timeout: float,
             language: str | None = None) -> Path:
    """The conversion itself; returns the PDF's path as `out_dir` spells it.

    LibreOffice writes into a private folder beside the PDF (`.NAME.pdf.PID-RANDOM.tmp/`), and
    the PDF is renamed over the old one only once it exists: a failed or interrupted conversion
    keeps the previous PDF. Only a PDF is ever replaced (writer.pdf_refusal)."""
    from .writer import pdf_refusal, remove_stale, temp_prefix

    given = Path(out_dir) / (Path(pptx).stem + ".pdf")
    source = Path(pptx)
    pptx, out_dir = Path(pptx).resolve(), Path(out_dir).resolve()
    pdf = out_dir / (pptx.stem + ".pdf")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OfficeError(f"cannot write the PDF: {exc.strerror or exc}", given) from None
    reason = pdf_refusal(pdf)
    if reason:
        raise OfficeError(f"cannot write the PDF: {reason}", given)
    remove_stale(out_dir, pdf.name)
    try:
        work = tempfile.mkdtemp(prefix=temp_prefix(pdf.name), suffix=".tmp", dir=out_dir)
    except OSError as exc:
        raise OfficeError(f"cannot write the PDF: {exc.strerror or exc}", given) from None
    try:
        result = _run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                       "--norestore", "--convert-to", TAGGED_PDF, "--outdir", work, str(pptx)],
                      timeout, about=source, env=_locale(language))
        made = Path(work) / pdf.name
        if not made.is_file() or made.stat().st_size == 0:
            detail = (result.stderr or result.stdout).decode(errors="replace").strip()[-300:]
            raise OfficeError(f"LibreOffice could not convert it to PDF: "
                              f"{detail or 'no PDF written'}", source)
        reason = pdf_refusal(pdf)  # again: it may have appeared meanwhile
        if reason:
            raise OfficeError(f"cannot write the PDF: {reason}", given)
        try:
            os.replace(made, pdf)
        except OSError as exc:
            raise OfficeError(f"cannot write the PDF: {exc.strerror or exc}", given) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return given


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
        raise OfficeError(PDFTOPPM_HINT)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("slide-*.png"):  # earlier pages; not other files named slide-…
        if re.fullmatch(r"slide-\d+\.png", old.name):
            old.unlink()
    result = _run([tool, "-png", "-r", str(dpi), str(pdf), str(out_dir / "slide")], timeout,
                  about=pdf)
    drawn = {int(p.stem.split("-")[1]): p for p in out_dir.glob("slide-*.png")
             if re.fullmatch(r"slide-\d+\.png", p.name)}
    if not drawn:
        detail = (result.stderr or result.stdout).decode(errors="replace").strip()[-300:]
        raise OfficeError(f"pdftoppm drew no pages{': ' + detail if detail else ''}", pdf)
    # pdftoppm pads numbers to the page count's digits (slide-1.png for 9 pages): use 2 at least.
    digits = max(2, len(str(max(drawn))))
    pages = []
    for number in sorted(drawn):
        page = out_dir / f"slide-{number:0{digits}d}.png"
        if drawn[number] != page:
            drawn[number].replace(page)
        pages.append(page)
    return pages


def contact_sheet(pages: list[Path], target: Path, *, columns: int = 3, width: int = 2000,
                  gap: int = 16, tiles: dict | None = None) -> Path:
    """Tile page images into one PNG, `columns` across, `width` px wide. `tiles`, a dict kept
    between calls, holds the scaled pages by content, so a refresh scales only new ones."""
    import hashlib

    from PIL import Image

    tiles = {} if tiles is None else tiles
    data = [p.read_bytes() for p in pages]
    with Image.open(pages[0]) as first:
        tile_w = (width - gap * (columns + 1)) // columns
        tile_h = round(tile_w * first.height / first.width)
    rows = -(-len(pages) // columns)
    sheet = Image.new("RGB", (width, rows * tile_h + gap * (rows + 1)), (200, 200, 200))
    used = {}
    for k, png in enumerate(data):
        key = (hashlib.sha1(png).hexdigest(), tile_w, tile_h)
        tile = used[key] = tiles.get(key) or Image.open(io.BytesIO(png)).convert("RGB").resize(
            (tile_w, tile_h), Image.LANCZOS)
        r, c = divmod(k, columns)
        sheet.paste(tile, (gap + c * (tile_w + gap), gap + r * (tile_h + gap)))
    tiles.clear()
    tiles.update(used)
    # Slides are flat colours: a 256-colour palette keeps text crisp at a fifth of the size
    # (fast octree: median cut took 5 s on a 50-slide sheet, octree a sixth of that)
    sheet.quantize(colors=256, method=Image.Quantize.FASTOCTREE,
                   dither=Image.Dither.NONE).save(target, compress_level=6)
    return target


class Office:
    """One private profile for a series of conversions (`deck watch --preview`), and with `warm`
    a LibreOffice instance started in the background after each conversion: the next conversion
    is handed to it over LibreOffice's own single-instance pipe and skips start-up (about 0.3 s
    instead of 1 s for the article, docs/performance.md). That instance quits after converting,
    so a new one is started each time. Use as a context manager, or call `close()`."""

    def __init__(self, *, warm: bool = True, timeout: float = 180.0):
        self.warm, self.timeout = warm, timeout
        self.profile = tempfile.mkdtemp(prefix="deck-lo-")
        self.pipe = f"deck-{os.getpid()}-{id(self):x}"  # the instance accepts here once ready
        self.resident: subprocess.Popen | None = None
        self.handed_over = 0  # conversions done by a warm instance

    def __enter__(self) -> Office:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def to_pdf(self, pptx: Path, out_dir: Path) -> Path:
        """As `to_pdf`, handing the work to the warm instance when there is one."""
        soffice = require()
        ready = self._wait_until_ready()
        try:
            pdf = _convert(soffice, self.profile, pptx, out_dir, self.timeout)
        except OfficeError:
            self._stop_resident()  # it may be the one that hung
            raise
        if ready:
            self.handed_over += 1
            self._wait_for_exit(10.0)
        if self.warm and self.resident is None:
            self.resident = subprocess.Popen(
                [soffice, f"-env:UserInstallation=file://{self.profile}", "--headless",
                 "--invisible", "--norestore", f"--accept=pipe,name={self.pipe};urp;"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        return pdf

    def _ready(self) -> bool:
        return any(glob.glob(f"{folder}/OSL_PIPE_*_{self.pipe}") for folder in ("/tmp", "/var/tmp"))

    def _wait_until_ready(self, limit: float = 30.0) -> bool:
        """True once the warm instance accepts work; False (and no instance) if there is none
        or it did not come up within `limit` seconds."""
        deadline = time.monotonic() + limit
        while self.resident is not None and self.resident.poll() is None:
            if self._ready():
                return True
            if time.monotonic() > deadline:
                break
            time.sleep(0.02)
        self._stop_resident()
        return False

    def _wait_for_exit(self, limit: float) -> None:
        """The instance quits after a handed-over conversion; wait so the profile is free."""
        try:
            if self.resident is not None:
                self.resident.wait(limit)
            self.resident = None
        except subprocess.TimeoutExpired:
            pass  # still running: it stays the warm instance

    def _stop_resident(self) -> None:
        """SIGTERM to the whole group, SIGKILL after 5 s; then SIGKILL to the group again, for
        a soffice.bin that the launcher forked while it was being stopped."""
        if self.resident is not None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(self.resident.pid, sig)
                    self.resident.wait(5.0)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    pass
            self.resident = None
        for stale in glob.glob(f"/tmp/OSL_PIPE_*_{self.pipe}") + glob.glob(
                f"/var/tmp/OSL_PIPE_*_{self.pipe}"):  # left behind by a killed instance
            try:
                os.unlink(stale)
            except OSError:
                pass

    def close(self) -> None:
        """Stop the warm instance (its whole process group) and delete the profile."""
        self._stop_resident()
        shutil.rmtree(self.profile, ignore_errors=True)
