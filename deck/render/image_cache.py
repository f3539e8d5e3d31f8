"""PNG bytes of image charts, cached by content: an unchanged chart is not drawn again, and
matplotlib is not even imported when every image chart of a deck is cached.

The key is a SHA-256 of all the drawing depends on: the chart shape (spec, box, sizes, alt),
the whole theme, the deck's language, matplotlib's version, and the source of the modules that
draw (so editing the renderer invalidates the cache). Entries live in this process (the most
recent few) and, when a folder is given, on disk: the user's cache folder (`default_folder()`),
never the outline's, so a shared outline folder cannot bring PNGs that disagree with its data.
Only a regular file of sensible size that is a PNG is read; a cache that cannot be written is
skipped silently — it only saves time.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections import OrderedDict
from functools import cache
from pathlib import Path

import msgspec

from ..plan import ChartShape
from ..theme import Theme

_MEMORY: OrderedDict[str, bytes] = OrderedDict()  # key → PNG, most recently used last
MEMORY_ENTRIES = 64  # charts kept in memory: a watch session edits a few charts many times
MAX_PNG_BYTES = 64 * 2**20  # a cached file larger than this is not a chart we drew


def default_folder() -> Path:
    """Where image-chart PNGs are kept between runs: $DECK_CACHE_DIR, else the user's cache
    folder ($XDG_CACHE_HOME or ~/.cache) / deck/charts."""
    if os.environ.get("DECK_CACHE_DIR"):
        return Path(os.environ["DECK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "deck" / "charts"
_DRAWING_MODULES = ("render/chart_image.py", "render/chart_text.py", "numfmt.py", "charttypes.py",
                    "measure.py", "render/chart_image_xy.py", "render/chart_image_style.py",
                    "chart_checks.py")


@cache
def _code_version() -> bytes:
    """What the drawing code is: matplotlib's version file (found, not imported: importing it
    is what the cache saves) and the source of deck's drawing modules."""
    from importlib.util import find_spec

    root = Path(__file__).resolve().parent.parent
    found = find_spec("matplotlib")
    origin = Path(found.origin) if found and found.origin else None
    version_file = origin.parent / "_version.py" if origin else None
    digest = hashlib.sha256(version_file.read_bytes() if version_file and version_file.is_file()
                            else str(origin).encode())
    for name in _DRAWING_MODULES:
        digest.update((root / name).read_bytes())
    return digest.digest()


def chart_key(shape: ChartShape, theme: Theme, lang: str = "en-US") -> str:
    """The content hash naming a chart's PNG."""
    digest = hashlib.sha256(_code_version())
    digest.update(msgspec.json.encode((shape, theme, lang)))
    return digest.hexdigest()


class ChartImages:
    """PNGs for the image charts of one build: from memory, else from disk, else drawn."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        self.drawn = 0  # how many charts this build had to draw (for tests and reports)

    def png(self, shape: ChartShape, theme: Theme, lang: str = "en-US") -> bytes:
        key = chart_key(shape, theme, lang)
        data = _MEMORY.get(key)
        on_disk = self._read(key) if data is None or self.folder else None
        data = data or on_disk
        if data is None:
            from .chart_image import draw_png  # imports matplotlib

            data = draw_png(shape, theme, lang)
            self.drawn += 1
        if on_disk is None:
            self._write(key, data)
        _MEMORY[key] = data
        _MEMORY.move_to_end(key)
        while len(_MEMORY) > MEMORY_ENTRIES:
            _MEMORY.popitem(last=False)
        return data

    def _read(self, key: str) -> bytes | None:
        """The cached PNG: a regular file (not a link, FIFO or device) of sensible size."""
        if self.folder is None:
            return None
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(self.folder / f"{key}.png", flags)
        except OSError:
            return None
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_PNG_BYTES:
                return None
            data = fh.read(MAX_PNG_BYTES + 1)
        return data if _whole_png(data) else None

    def _write(self, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        from ..errors import OutputError
        from ..writer import write_atomic

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(data, self.folder / f"{key}.png")
        except (OSError, OutputError):
            pass  # a read-only or full disk: the chart is simply drawn again next time


def _whole_png(data: bytes) -> bool:
    """A PNG from start to end whose chunks check out: a cache file cut short (a full disk, a
    crash elsewhere) or garbage after the signature is drawn again, not handed to python-pptx
    (whose error named an `<_io.BytesIO object at 0x…>`)."""
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")):
        return False
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as im:
            im.verify()  # chunk CRCs, without decoding the pixels
    except Exception:  # Pillow raises many types for damaged data
        return False
    return True
