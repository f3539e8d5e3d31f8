"""Files an outline refers to (images, data): resolved safely, read with limits.

An outline comes from anyone, so a path in it may only reach files inside the outline's own
folder (or a folder the user allowed with `--allow-outside`): no `../` escapes, no absolute
paths, no symlinks pointing out, no URLs, nothing that is not a regular file (a FIFO would
hang the build, `/dev/zero` would exhaust memory), nothing larger than `MAX_FILE_BYTES`.
Functions return an error message (str) instead of raising, so validation can locate it.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # a 40-megapixel photo; far beyond any slide's need
IMAGE_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "TIFF")  # what PowerPoint and python-pptx embed
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def resolve(name: str, base: Path, allowed: tuple[Path, ...] = (), *,
            folder_ok: bool = False) -> Path | str:
    """The real path of `name` (relative to `base`), or why it may not be used. A folder is
    accepted only with `folder_ok`."""
    if _URL.match(name) or name.startswith(("data:", "file:")):
        return "is a URL; deck does not fetch files: save it next to the outline, give its path"
    if not name.strip():
        return "is an empty path"
    name = fs_name(name)
    raw = Path(name).expanduser() if name.startswith("~") else Path(name)
    roots = [base.resolve(), *(Path(a).resolve() for a in allowed)]
    candidate = raw if raw.is_absolute() else base / raw
    try:
        real = candidate.resolve(strict=True)  # follows every symlink on the way
    except FileNotFoundError:
        return "does not exist (paths are relative to the outline's folder)"
    except (OSError, RuntimeError, ValueError) as exc:  # RuntimeError: a symlink loop
        if is_loop(exc):
            return "cannot be read: it is a symlink loop (too many levels of symbolic links)"
        return f"cannot be read: {getattr(exc, 'strerror', None) or exc}"
    if not any(real == root or root in real.parents for root in roots):
        return ("is outside the outline's folder; copy it there, or allow its folder with "
                "--allow-outside")
    try:
        info = real.stat()
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    if stat.S_ISDIR(info.st_mode):
        return real if folder_ok else "is a directory, not a file"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a device, pipe or socket)"
    if info.st_size > MAX_FILE_BYTES:
        return f"is {_size(info.st_size)}; the limit is {_size(MAX_FILE_BYTES)}"
    if not os.access(real, os.R_OK):
        return "cannot be read (permission denied)"
    return real


LOOP = "is a symlink loop (too many levels of symbolic links)"


def is_loop(exc: BaseException) -> bool:
    """A symlink loop: pathlib's RuntimeError (Python < 3.13) or the system's ELOOP."""
    return isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP


def fs_name(name: str) -> str:
    """`name` as this process's file system calls can take it. Unchanged, unless the locale's
    encoding cannot spell it (LC_ALL=C without UTF-8 mode, or a Latin-1 locale and a Chinese
    name): the file is then taken to be named in UTF-8, as the outline itself is written."""
    try:
        os.fsencode(name)
        return name
    except UnicodeEncodeError:
        try:
            return os.fsdecode(name.encode("utf-8"))
        except UnicodeError:
            return name


def text_name(name: str | os.PathLike) -> str:
    """A file name as text to write into a file (an outline, say): the bytes on disk read as
    UTF-8. In a non-UTF-8 locale Python holds a non-ASCII name as escapes that UTF-8 cannot
    encode; in a UTF-8 locale this is `str(name)`."""
    try:
        return os.fsencode(name).decode("utf-8", "replace")
    except UnicodeError:
        return str(name)


def read_regular(path: Path, limit: int | None = None) -> bytes | str:
    """The bytes of a regular file of at most `limit` bytes, or why it may not be read. The
    file is checked before it is opened (opening a FIFO blocks until someone writes to it; a
    device such as /dev/zero never ends), opened without blocking, checked again (it may have
    been replaced in between), and never read past `limit` (default MAX_FILE_BYTES)."""
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            return "is a directory"
        if not stat.S_ISREG(info.st_mode):
            return "is not a regular file (a device, pipe or socket)"
        if info.st_size > limit:
            return f"is {_size(info.st_size)}; the limit is {_size(limit)}"
        flags = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                 | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
        fd = os.open(path, flags)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return "is not a regular file (a device, pipe or socket)"
            chunks, size = [], 0
            while size <= limit:
                chunk = os.read(fd, min(1 << 20, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(fd)
    except FileNotFoundError:
        return "does not exist"
    except OSError as exc:
        return LOOP if is_loop(exc) else f"cannot be read: {exc.strerror or exc}"
    except ValueError as exc:  # a NUL in the name, or one the locale cannot encode
        return f"cannot be read: {exc}"
    if size > limit:
        return f"is larger than {_size(limit)}, the limit"
    return b"".join(chunks)


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def check_image(path: Path) -> tuple[int, int] | str:
    """(width, height) in pixels of an image PowerPoint can show, or why it cannot be used.

    Decodes the whole image once, so truncated files and decompression bombs are caught here
    rather than in python-pptx or PowerPoint."""
    from PIL import Image, UnidentifiedImageError

    if path.stat().st_size == 0:
        return "is an empty file"
    try:
        with Image.open(path) as im:
            kind, size = im.format, im.size
            if size[0] * size[1] > MAX_IMAGE_PIXELS:
                return (f"is {size[0]} × {size[1]} pixels; the limit is "
                        f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels")
            if kind == "MPO":  # phone cameras: JPEG frames; render/picture.py embeds the first
                kind = "JPEG"
            if kind not in IMAGE_FORMATS:
                return f"is {kind}; use PNG or JPEG (supported: {', '.join(IMAGE_FORMATS)})"
            im.load()  # full decode: catches truncated and corrupt data
            if orientation(im) > 4:  # turned a quarter: shown (and embedded) the other way up
                size = size[::-1]
    except Image.DecompressionBombError:
        return "is a decompression bomb (far too many pixels)"
    except UnidentifiedImageError:
        hint = " (SVG is not supported: export it as PNG)" if path.suffix.lower() == ".svg" else ""
        return f"is not a {', '.join(IMAGE_FORMATS[:-1])} or {IMAGE_FORMATS[-1]} image" + hint
    except Exception as exc:  # Pillow raises many types for damaged data
        return f"is damaged: {exc}"[:200]
    return size


def orientation(im) -> int:
    """The EXIF orientation of an open Pillow image, 1 to 8 (1: upright; 5 to 8: turned a
    quarter); 1 when it has none or the EXIF block cannot be read."""
    try:
        value = im.getexif().get(0x0112, 1)  # Orientation
    except Exception:  # damaged EXIF: the picture itself may be fine
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


class Files:
    """The referenced files of one build, resolved and checked once, then reused by layout."""

    def __init__(self, base: Path, allowed: tuple[Path, ...] = ()):
        self.base, self.allowed = base, tuple(allowed)
        self._images: dict[str, tuple[Path, tuple[int, int]] | str] = {}

    def path(self, name: str, *, folder_ok: bool = False) -> Path | str:
        """The real path of a referenced file (or folder), or why it may not be used."""
        return resolve(name, self.base, self.allowed, folder_ok=folder_ok)

    def image(self, name: str) -> tuple[Path, tuple[int, int]] | str:
        """(real path, (width, height) in pixels) of a usable image, or why it is not one."""
        if name not in self._images:
            real = self.path(name)
            if isinstance(real, str):
                self._images[name] = real
            else:
                size = check_image(real)
                self._images[name] = size if isinstance(size, str) else (real, size)
        return self._images[name]
