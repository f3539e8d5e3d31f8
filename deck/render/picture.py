"""Picture files as python-pptx embeds them: as they are, or upright and single-framed.

Phone cameras write pictures sideways with an EXIF orientation tag saying how to turn them, and
many write MPO files (a JPEG followed by more frames). PowerPoint and LibreOffice ignore the
tag, and python-pptx refuses MPO; so such a picture is embedded as a copy: turned upright
(re-encoded: JPEG at quality 95, its colour profile kept, its EXIF not), or, when only the
frames are the matter, the first frame's own JPEG bytes without the MPO index. The planned box
already has the upright size (`files.check_image`).
"""

from __future__ import annotations

import io
from pathlib import Path

from ..files import orientation

_MPF = b"MPF\x00"  # the APP2 segment indexing an MPO's frames


def picture_source(path: Path) -> io.BytesIO:
    """The file's bytes when they can be embedded as they are, else an upright or first-frame
    copy."""
    from PIL import Image, ImageOps

    with Image.open(path) as im:
        mpo, turned = im.format == "MPO", orientation(im) != 1
        if not (mpo or turned):
            # the bytes, not the name: python-pptx writes a file name into the XML, which
            # fails for a non-ASCII name in a non-UTF-8 locale (and the alt text replaces it)
            return io.BytesIO(path.read_bytes())
        if mpo and not turned:
            frame = _first_frame(path.read_bytes(), im)
            if frame is not None:
                return io.BytesIO(frame)
        im.seek(0)
        upright = ImageOps.exif_transpose(im)
        out = io.BytesIO()
        options = {"icc_profile": im.info["icc_profile"]} if im.info.get("icc_profile") else {}
        if im.format in ("JPEG", "MPO") and upright.mode in ("RGB", "L", "CMYK"):
            upright.save(out, "JPEG", quality=95, **options)
        else:
            upright.save(out, "PNG", **options)
    out.seek(0)
    return out


def _first_frame(data: bytes, im) -> bytes | None:
    """The first frame of an MPO as a plain JPEG (its bytes, the MPF index segment left out),
    or None if the file does not hold together."""
    try:
        size = int(im.mpinfo[0xB002][0]["Size"])
    except (AttributeError, KeyError, IndexError, TypeError, ValueError):
        return None
    frame, out, at = data[:size], [data[:2]], 2
    while at + 4 <= len(frame) and frame[at] == 0xFF and frame[at + 1] != 0xDA:  # until SOS
        length = int.from_bytes(frame[at + 2:at + 4], "big")
        segment = frame[at:at + 2 + length]
        if not (frame[at + 1] == 0xE2 and segment[4:8] == _MPF):
            out.append(segment)
        at += 2 + length
    out.append(frame[at:])
    jpeg = b"".join(out)
    from PIL import Image

    try:
        with Image.open(io.BytesIO(jpeg)) as check:
            check.load()
            if check.format != "JPEG":
                return None
    except Exception:  # Pillow raises many types for damaged data
        return None
    return jpeg
