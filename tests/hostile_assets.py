"""The files the hostile corpus refers to, made fresh in each test's folder: some cannot be
committed (a FIFO, a symlink out of the folder) and some are better made than stored (a bomb)."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

from hostile_templates import make_hostile_templates
from PIL import Image


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int = 50_000, height: int = 50_000) -> bytes:
    """A tiny PNG whose header claims 2.5 billion pixels."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(b"\0" * 64)) + _png_chunk(b"IEND", b""))


def make_assets(folder: Path) -> None:
    """assets/ beside the outline, and outside.png (and secret.yaml) one level above it."""
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
    make_loops(assets)
    (assets / "control.csv").write_bytes(b"Quay,Ships\nEast,12\nWest\x1b,9\n")
    (assets / "huge.csv").write_bytes(b"Quay,Ships\nEast,12\nWest,1e308\n")
    (assets / "many.csv").write_text("Day,Ships\n" + "".join(f"d{k},{k % 7}\n"
                                                             for k in range(1001)))
    make_themes(assets / "themes", folder.parent)
    make_hostile_templates(assets / "templates")


BAD_THEMES = {  # folder name → theme.yaml
    "zero-size": "sizes:\n  body: {size: 0, min_size: 0}\n",
    "min-above-size": "sizes:\n  body: {size: 20, min_size: 30}\n",
    "wide-margins": "geometry: {margin_x: 500}\n",
    "no-series": "palette:\n  series: []\n",
}


def make_themes(themes: Path, outside: Path) -> None:
    """Theme folders that must be refused: bad sizes and geometry, a theme.yaml that is a
    symlink out of the outline's folder, one that is a FIFO."""
    for name, text in BAD_THEMES.items():
        (themes / name).mkdir(parents=True)
        (themes / name / "theme.yaml").write_text(text, encoding="utf-8")
    secret = outside / "secret.yaml"
    secret.write_text("secret: do not show this\n", encoding="utf-8")
    (themes / "link-out").mkdir()
    os.symlink(secret, themes / "link-out" / "theme.yaml")
    (themes / "fifo").mkdir()
    os.mkfifo(themes / "fifo" / "theme.yaml")
    make_font_themes(themes)


def bad_fonts() -> dict[str, bytes]:
    """Font files Pillow opens but nothing can measure with: a collection (.ttc), one without
    a character map, one cut short. Made from the shipped Carlito by editing its bytes."""
    good = (Path(__file__).parent.parent / "assets/fonts/Carlito-Regular.ttf").read_bytes()
    count = struct.unpack(">H", good[4:6])[0]
    moved, renamed = bytearray(good), bytearray(good)
    for i in range(count):  # table records: tag, checksum, offset, length
        at = 12 + 16 * i
        struct.pack_into(">I", moved, at + 8, struct.unpack(">I", good[at + 8:at + 12])[0] + 16)
        if good[at:at + 4] == b"cmap":
            renamed[at:at + 4] = b"cmaq"
    return {"collection.ttc": b"ttcf" + struct.pack(">HHII", 1, 0, 1, 16) + bytes(moved),
            "no-cmap.ttf": bytes(renamed), "truncated.ttf": good[:len(good) // 3]}


def make_font_themes(themes: Path) -> None:
    """A theme folder per bad font: `font-collection`, `font-no-cmap`, `font-truncated`."""
    for name, data in bad_fonts().items():
        folder = themes / f"font-{name.split('.')[0]}"
        folder.mkdir()
        (folder / name).write_bytes(data)
        (folder / "theme.yaml").write_text(f"fonts:\n  body: {{name: Brand, regular: {name}}}\n",
                                           encoding="utf-8")


def make_loops(assets: Path) -> None:
    """Symlink loops: `loop.png` and `loop.csv` point at each other's partner, `loop/` is a
    folder that is a link to itself, and theme `loop` has a theme.yaml that is a loop."""
    for name in ("loop.png", "loop.csv"):
        partner = assets / f"partner-{name}"
        os.symlink(partner, assets / name)
        os.symlink(assets / name, partner)
    os.symlink("loop", assets / "loop")
    (assets / "themes" / "loop").mkdir(parents=True)
    os.symlink("theme.yaml", assets / "themes" / "loop" / "theme.yaml")
