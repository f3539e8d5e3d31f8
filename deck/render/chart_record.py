"""An image chart's outline fields, kept inside its PNG, so `deck import` gives the chart back.

A chart drawn by matplotlib (`render: image`) is a picture: without this, its data would not be
in the deck, and an import would bring back a picture instead of the chart. The chart's fields
(msgspec JSON, zlib-compressed) go into one `zTXt` chunk, keyword `deck:chart`, just before the
PNG's end; viewers ignore it, and the same chart always gives the same bytes. A picture that
PowerPoint re-compressed loses it, and is then imported as a picture, with a warning.
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
KEYWORD = b"deck:chart"
CHUNK = b"zTXt"
MAX_TEXT = 1 << 20  # a chunk's compressed fields are refused above 1 MiB; so is their inflation


def with_fields(png: bytes, spec) -> bytes:
    """`png` with the chart's fields (a model.ChartSpec) in a zTXt chunk before IEND."""
    import msgspec

    end = png.rfind(b"IEND")
    if not png.startswith(SIGNATURE) or end < len(SIGNATURE) + 4:
        return png
    # as the import will write it: drawn as an image, the data file's values already inline
    spec = msgspec.structs.replace(spec, render="image", data=None, category=None)
    data = KEYWORD + b"\x00\x00" + zlib.compress(msgspec.json.encode(spec), 9)
    chunk = (struct.pack(">I", len(data)) + CHUNK + data
             + struct.pack(">I", zlib.crc32(CHUNK + data) & 0xFFFFFFFF))
    return png[:end - 4] + chunk + png[end - 4:]


def fields_of(png: bytes) -> dict | None:
    """The chart fields `with_fields` put into a PNG, as a dict; None when there are none (or
    they do not read: a damaged or foreign chunk is no chart)."""
    import msgspec

    if not png.startswith(SIGNATURE):
        return None
    at = len(SIGNATURE)
    while at + 12 <= len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        data = png[at + 8:at + 8 + length]
        if kind == CHUNK and data.startswith(KEYWORD + b"\x00\x00") and length <= MAX_TEXT:
            try:
                inflater = zlib.decompressobj()
                text = inflater.decompress(data[len(KEYWORD) + 2:], MAX_TEXT)
                found = msgspec.json.decode(text)
            except (zlib.error, msgspec.DecodeError):
                return None
            return found if isinstance(found, dict) else None
        if kind == b"IEND":
            return None
        at += 12 + length
    return None
