"""The files the hostile corpus refers to, made fresh in each test's folder: some cannot be
committed (a FIFO, a symlink out of the folder) and some are better made than stored (a bomb)."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

from PIL import Image


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int = 50_000, height: int = 50_000) -> bytes:
    """A tiny PNG whose header claims 2.5 billion pixels."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(b"\0" * 64)) + _png_chunk(b"IEND", b""))


def make_assets(folder: Path) -> None:
    """assets/ beside the outline, and outside.png one level above it."""
    assets = folder / "assets"
    (assets / "dir").mkdir(parents=True)
    good = assets / "good.png"
    Image.new("RGB", (64, 48), (200, 80, 20)).save(good)
    (assets / "empty.png").write_bytes(b"")
    (assets / "truncated.png").write_bytes(good.read_bytes()[:60])
    (assets / "text.png").write_text("this is not an image\n")
    (assets / "picture.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    Image.new("RGB", (8, 8)).save(assets / "picture.webp", "WEBP")
    (assets / "bomb.png").write_bytes(bomb_png())
    outside = folder.parent / "outside.png"
    Image.new("RGB", (8, 8)).save(outside)
    os.symlink(outside, assets / "link-out.png")
    os.mkfifo(assets / "fifo")
    (assets / "control.csv").write_bytes(b"Quay,Ships\nEast,12\nWest\x1b,9\n")
