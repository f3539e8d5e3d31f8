"""PNG bytes of image charts, cached by content: an unchanged chart is not drawn again, and
matplotlib is not even imported when every image chart of a deck is cached.

The key is a SHA-256 of all the drawing depends on: the chart shape (spec, box, sizes, alt),
the theme, matplotlib's version, and the source of the modules that draw (so editing the
renderer invalidates the cache). Entries live in this process and, when a folder is given, on
disk (`build/.cache/charts/<key>.png` next to the outline); a cache that cannot be written is
skipped silently — it only saves time.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

import msgspec

from ..plan import ChartShape
from ..theme import Theme

_MEMORY: dict[str, bytes] = {}  # key → PNG, for repeated builds in one process
_DRAWING_MODULES = ("render/chart_image.py", "render/chart_text.py", "numfmt.py", "charttypes.py",
                    "measure.py")


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


def chart_key(shape: ChartShape, theme: Theme) -> str:
    """The content hash naming a chart's PNG."""
    digest = hashlib.sha256(_code_version())
    digest.update(msgspec.json.encode((shape, theme.palette, theme.fonts)))
    return digest.hexdigest()


class ChartImages:
    """PNGs for the image charts of one build: from memory, else from disk, else drawn."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        self.drawn = 0  # how many charts this build had to draw (for tests and reports)

    def png(self, shape: ChartShape, theme: Theme) -> bytes:
        key = chart_key(shape, theme)
        data = _MEMORY.get(key)
        on_disk = self._read(key) if data is None or self.folder else None
        data = data or on_disk
        if data is None:
            from .chart_image import draw_png  # imports matplotlib

            data = draw_png(shape, theme)
            self.drawn += 1
        if on_disk is None:
            self._write(key, data)
        _MEMORY[key] = data
        return data

    def _read(self, key: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            data = (self.folder / f"{key}.png").read_bytes()
        except OSError:
            return None
        return data if data.startswith(b"\x89PNG\r\n\x1a\n") else None

    def _write(self, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key[:12]}.", suffix=".tmp", dir=self.folder)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, self.folder / f"{key}.png")
            tmp = None
        except OSError:
            pass  # a read-only or full disk: the chart is simply drawn again next time
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
