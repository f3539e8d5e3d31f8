"""A zip writer for packages whose members may come already compressed.

`zipfile` compresses every member it writes; an incremental build copies the compressed bytes
of unchanged slides from the last build instead, so members are `Member`s (name, compressed
data, CRC-32 and sizes) and `write_zip` lays out local headers, data and the central directory
(APPNOTE.TXT 4.3) itself. Full and incremental builds both write through it: the same members
give the same bytes. Every member is dated 1980-01-01 00:00 (the earliest a zip can carry),
pictures are stored and everything else is raw deflate at level 1, as before.
"""

from __future__ import annotations

import struct
import zlib
from typing import NamedTuple

STORED, DEFLATED = 0, 8
_PICTURES = (".png", ".jpg", ".jpeg", ".gif")  # compressed already
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01; the time is 00:00:00 (0)
_VERSION = 20  # 2.0: deflate
_MADE_BY = (3 << 8) | _VERSION  # Unix, so the external attributes below are file modes
_MODE = 0o100644 << 16
_UTF8 = 0x800  # general purpose flag bit 11: the name is UTF-8
_LIMIT = 0xFFFFFFFF  # zip64 is not written: a deck is far from 4 GB
_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")


class Member(NamedTuple):
    """One zip member, its data as written into the archive (compressed when `method` is
    DEFLATED), with the CRC-32 and size of the uncompressed bytes."""

    name: str
    data: bytes
    crc: int
    size: int
    method: int

    def renamed(self, name: str) -> Member:
        """The same compressed data under another name (no recompression)."""
        return self._replace(name=name)


def compress(name: str, blob: bytes) -> Member:
    """`blob` as the member `name`: stored for a picture, raw deflate level 1 otherwise."""
    crc = zlib.crc32(blob)
    if name.lower().endswith(_PICTURES):
        return Member(name, blob, crc, len(blob), STORED)
    deflate = zlib.compressobj(1, zlib.DEFLATED, -15)
    return Member(name, deflate.compress(blob) + deflate.flush(), crc, len(blob), DEFLATED)


def inflate(member: Member) -> bytes:
    """The member's uncompressed bytes (for tests and tools)."""
    return member.data if member.method == STORED else zlib.decompress(member.data, -15)


def write_zip(members: list[Member]) -> bytes:
    """The archive holding `members` in this order. Raises RuntimeError for a name twice (a
    zip readers disagree on) or a member past the 4 GB that needs zip64."""
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    seen: set[str] = set()
    for m in members:
        if m.name in seen:
            raise RuntimeError(f"the package would hold `{m.name}` twice")
        seen.add(m.name)
        name = m.name.encode("utf-8")
        flags = 0 if name.isascii() else _UTF8
        if max(len(m.data), m.size, offset) >= _LIMIT:
            raise RuntimeError("the package would need zip64 (over 4 GB)")
        header = _LOCAL.pack(b"PK\x03\x04", _VERSION, flags, m.method, 0, _DOS_DATE, m.crc,
                             len(m.data), m.size, len(name), 0)
        central.append(_CENTRAL.pack(b"PK\x01\x02", _MADE_BY, _VERSION, flags, m.method, 0,
                                     _DOS_DATE, m.crc, len(m.data), m.size, len(name), 0, 0,
                                     0, 0, _MODE, offset) + name)
        chunks += (header, name, m.data)
        offset += len(header) + len(name) + len(m.data)
    directory = b"".join(central)
    if len(members) > 0xFFFF:
        raise RuntimeError("the package would need zip64 (over 65,535 members)")
    end = _END.pack(b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), offset, 0)
    return b"".join(chunks) + directory + end
