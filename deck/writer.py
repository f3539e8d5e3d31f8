"""Package bytes that depend only on the input, written atomically.

python-pptx stamps every zip member with the current time; we rewrite the package with a fixed
timestamp and permissions, in python-pptx's (stable) member order, so the same outline always
gives the same bytes. The file is written to a temporary file in the target folder, flushed and
renamed over the target: readers see the old deck or the new one, never half of one. An
unchanged deck is not rewritten at all.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

from .errors import OutputError

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip member can carry


def package_bytes(prs) -> bytes:
    """Serialize a python-pptx Presentation to reproducible .pptx bytes."""
    raw = io.BytesIO()
    prs.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, ZIP_EPOCH)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info), compresslevel=6)
    return out.getvalue()


def write_atomic(data: bytes, target: Path) -> bool:
    """Write `data` to `target` via a temporary file and rename. Returns False when the file
    already held exactly these bytes (nothing written). Raises OutputError on failure, leaving
    any existing file untouched and no temporary file behind."""
    target = Path(target)
    folder = target.parent
    try:
        if target.is_file() and not target.is_symlink() and target.stat().st_size == len(data):
            if target.read_bytes() == data:
                return False
        if not folder.exists() and folder.parent.is_dir():
            folder.mkdir()  # one level, e.g. build/; a deeper missing path is a typo
        if not folder.is_dir():
            raise OutputError(target, f"folder {folder} does not exist")
        if target.is_dir():
            raise OutputError(target, "is a directory")
    except OSError as exc:
        raise OutputError(target, exc.strerror or str(exc)) from None
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)  # replaces a symlink itself, never the file it points to
        tmp = None
    except OSError as exc:
        raise OutputError(target, exc.strerror or str(exc)) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return True
