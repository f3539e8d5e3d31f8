"""Package bytes that depend only on the input, written atomically.

python-pptx stamps every zip member with the current time; `render.oxml.save_reproducible`
stamps them with a fixed time instead, so the same outline always gives the same bytes. The
file is written to a temporary file in the target folder, flushed and renamed over the target:
readers see the old deck or the new one, never half of one. An unchanged deck is not
rewritten at all.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from .errors import OutputError


def package_bytes(prs) -> bytes:
    """Serialize a python-pptx Presentation to reproducible .pptx bytes."""
    from .render.oxml import save_reproducible

    out = io.BytesIO()
    save_reproducible(prs, out)
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
